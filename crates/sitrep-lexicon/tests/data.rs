//! Every data file of the crate loads and keeps its format.

use sitrep_lexicon::{tsv, CalendarKind, Stance, Tense, WordClass};

#[test]
fn every_data_file_keeps_its_format() {
    for (name, text, columns) in sitrep_lexicon::DATA_FILES {
        tsv::check_table(name, text, *columns).unwrap();
        tsv::check_lowercase(name, text, 0).unwrap();
        tsv::check_unique(name, text, 0).unwrap();
    }
    let file = |n: &str| {
        sitrep_lexicon::DATA_FILES
            .iter()
            .find(|f| f.0 == n)
            .unwrap()
            .1
    };
    let classes: Vec<&str> = WordClass::ALL.iter().map(|c| c.name()).collect();
    let f = file("function_words.tsv");
    tsv::check_values("function_words.tsv", f, 1, &classes).unwrap();
    tsv::check_values("function_words.tsv", f, 2, &["common", "-"]).unwrap();
    let r = file("reporting_verbs.tsv");
    tsv::check_lowercase("reporting_verbs.tsv", r, 1).unwrap();
    tsv::check_values(
        "reporting_verbs.tsv",
        r,
        2,
        &["base", "present", "past", "participle"],
    )
    .unwrap();
    tsv::check_values(
        "reporting_verbs.tsv",
        r,
        3,
        &["asserts", "alleges", "denies", "confirms", "-"],
    )
    .unwrap();
    tsv::check_values("reporting_verbs.tsv", r, 4, &["strong", "weak", "-"]).unwrap();
    tsv::check_values("reporting_verbs.tsv", r, 5, &["common", "-"]).unwrap();
    let c = file("calendar.tsv");
    tsv::check_values("calendar.tsv", c, 1, &["month", "weekday"]).unwrap();
    tsv::check_values("calendar.tsv", c, 3, &["full", "abbreviation"]).unwrap();
    // Loading panics on anything the checks above miss (a bad number, a stance without a
    // strength).
    assert!(!sitrep_lexicon::function_words().is_empty());
    assert!(!sitrep_lexicon::reporting_verbs().is_empty());
    assert_eq!(
        sitrep_lexicon::calendar().len(),
        c.lines().filter(|l| !l.starts_with('#')).count()
    );
}

#[test]
fn function_words() {
    use sitrep_lexicon::{function_word, is_function_word};
    assert_eq!(function_word("an").unwrap().class, WordClass::Article);
    assert_eq!(
        function_word("whereas").unwrap().class,
        WordClass::Conjunction
    );
    assert!(function_word("the").unwrap().common);
    assert!(!function_word("whereas").unwrap().common);
    assert!(is_function_word(b"towards".as_slice()));
    // Lookups are exact: lowercase in, content words out.
    assert!(!is_function_word("The"));
    assert!(!is_function_word("people"));
    assert!(!is_function_word("said"));
    // The common words: common function words and common reporting verbs.
    assert!(sitrep_lexicon::is_common_word("the") && sitrep_lexicon::is_common_word("said"));
    assert!(!sitrep_lexicon::is_common_word("whereas") && !sitrep_lexicon::is_common_word("told"));
}

#[test]
fn reporting_verbs() {
    use sitrep_lexicon::reporting_verb;
    let said = reporting_verb("said").unwrap();
    assert_eq!(
        (said.lemma, said.tense, said.stance, said.strong()),
        ("say", Tense::Past, Some(Stance::Asserts), true)
    );
    let claiming = reporting_verb(b"claiming".as_slice()).unwrap();
    assert_eq!(claiming.tense, Tense::Participle);
    assert_eq!(claiming.stance, Some(Stance::Alleges));
    assert!(claiming.weak && !claiming.strong());
    let asked = reporting_verb("asked").unwrap();
    assert_eq!(asked.stance, None);
    assert!(!asked.strong());
    assert!(reporting_verb("Said").is_none());
    let strong: Vec<&str> = sitrep_lexicon::reporting_verbs()
        .iter()
        .filter(|v| v.strong())
        .map(|v| v.form)
        .collect();
    assert_eq!(strong, ["said", "says", "told", "tells"]);
}

#[test]
fn calendar() {
    use sitrep_lexicon::{calendar_word, month, weekday};
    assert_eq!(month("january"), Some(1));
    assert_eq!(month(b"dec".as_slice()), Some(12));
    assert_eq!(
        (month("sep"), month("sept"), month("september")),
        (Some(9), Some(9), Some(9))
    );
    assert_eq!(month("monday"), None);
    assert_eq!((weekday("monday"), weekday("sunday")), (Some(1), Some(7)));
    assert_eq!(weekday("mon"), None);
    assert!(calendar_word("sept").unwrap().abbreviation);
    assert!(!calendar_word("may").unwrap().abbreviation);
    for m in 1..=12 {
        let full: Vec<_> = sitrep_lexicon::calendar()
            .iter()
            .filter(|c| c.kind == CalendarKind::Month && c.number == m && !c.abbreviation)
            .collect();
        assert_eq!(full.len(), 1, "one full name for month {m}");
    }
}

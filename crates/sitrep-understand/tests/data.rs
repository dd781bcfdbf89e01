//! Every data file of the crate loads and keeps its format: a header, the right number of
//! columns, known categories and values, lowercase words, no row twice.

use sitrep_lexicon::tsv;
use sitrep_understand::{claims, lexicon, quantities, tokens};

/// A `category<TAB>word` table: known categories, lowercase words, no row twice.
fn check_sets(name: &str, text: &str, categories: &[&str]) {
    tsv::check_table(name, text, 2).unwrap();
    tsv::check_values(name, text, 0, categories).unwrap();
    tsv::check_lowercase(name, text, 1).unwrap();
    for c in categories {
        assert!(
            tsv::rows(text).any(|r| r.col(0) == *c),
            "{name}: category {c} has no word"
        );
    }
}

#[test]
fn lexicon_table() {
    check_sets("lexicon.tsv", lexicon::TABLE, lexicon::CATEGORIES);
    // The lexicon looks up ASCII words of at most 24 bytes.
    for r in tsv::rows(lexicon::TABLE) {
        let w = r.col(1);
        assert!(
            w.is_ascii() && w.len() <= 24,
            "lexicon.tsv:{}: {w:?}",
            r.line
        );
    }
    // Its function-word exceptions are function words of sitrep-lexicon.
    for r in tsv::rows(lexicon::TABLE).filter(|r| r.col(0) == "content-word") {
        assert!(sitrep_lexicon::is_function_word(r.col(1)), "{}", r.col(1));
    }
    for r in tsv::rows(lexicon::TABLE).filter(|r| r.col(0) == "not-speech-verb") {
        assert!(
            sitrep_lexicon::reporting_verb(r.col(1)).is_some(),
            "{}",
            r.col(1)
        );
    }
}

#[test]
fn claims_tables() {
    check_sets(
        "claims.tsv",
        claims::words::TABLE,
        claims::words::CATEGORIES,
    );
    for r in tsv::rows(claims::words::TABLE).filter(|r| r.col(0) == "not-stop") {
        let w = r.col(1);
        assert!(
            sitrep_lexicon::is_function_word(w)
                || sitrep_lexicon::reporting_verb(w).is_some_and(|v| v.strong()),
            "not-stop {w:?} is no shared stop word"
        );
    }
    let (name, t) = ("channels.tsv", claims::words::CHANNELS);
    tsv::check_table(name, t, 4).unwrap();
    for r in tsv::rows(t) {
        assert!(r.col(2).parse::<u8>().is_ok(), "{name}:{}: rank", r.line);
        let after = r.col(3);
        assert!(
            after == "-"
                || after
                    .split('|')
                    .all(|w| !w.is_empty() && w == w.to_lowercase()),
            "{name}:{}: after",
            r.line
        );
    }
}

#[test]
fn quantities_tables() {
    use quantities::words::*;
    check_sets("quantities.tsv", TABLE, CATEGORIES);
    for r in tsv::rows(TABLE).filter(|r| r.col(0) == "not-stop") {
        let w = r.col(1);
        assert!(
            sitrep_lexicon::is_function_word(w)
                || sitrep_lexicon::reporting_verb(w).is_some_and(|v| v.strong()),
            "not-stop {w:?} is no shared stop word"
        );
    }
    let name = "numbers.tsv";
    tsv::check_table(name, NUMBERS, 4).unwrap();
    tsv::check_lowercase(name, NUMBERS, 0).unwrap();
    tsv::check_values(
        name,
        NUMBERS,
        1,
        &["unit", "scale", "vague", "plural-scale"],
    )
    .unwrap();
    tsv::check_values(name, NUMBERS, 3, &["-", "of", "of-scale"]).unwrap();
    for r in tsv::rows(NUMBERS) {
        assert!(
            r.col(2).parse::<f64>().is_ok_and(|v| v > 0.0),
            "{name}:{}",
            r.line
        );
        assert!(r.col(1) == "vague" || r.col(3) == "-", "{name}:{}", r.line);
    }
    let quals = [
        "more_than",
        "at_least",
        "about",
        "up_to",
        "less_than",
        "between",
        "from",
    ];
    tsv::check_table("qualifiers.tsv", QUALIFIERS, 2).unwrap();
    tsv::check_lowercase("qualifiers.tsv", QUALIFIERS, 0).unwrap();
    tsv::check_unique("qualifiers.tsv", QUALIFIERS, 0).unwrap();
    tsv::check_values("qualifiers.tsv", QUALIFIERS, 1, &quals).unwrap();
    for r in tsv::rows(QUALIFIERS) {
        assert!(
            (1..=3).contains(&r.col(0).split(' ').count()),
            "{}",
            r.col(0)
        );
    }
    tsv::check_table("counted.tsv", COUNTED, 2).unwrap();
    tsv::check_lowercase("counted.tsv", COUNTED, 0).unwrap();
    tsv::check_lowercase("counted.tsv", COUNTED, 1).unwrap();
    tsv::check_unique("counted.tsv", COUNTED, 0).unwrap();
    tsv::check_table("compounds.tsv", COMPOUNDS, 3).unwrap();
    tsv::check_lowercase("compounds.tsv", COMPOUNDS, 0).unwrap();
    let lemmas: Vec<&str> = tsv::rows(COUNTED).map(|r| r.col(1)).collect();
    for r in tsv::rows(COMPOUNDS) {
        let known = lemmas.contains(&r.col(1)) || tsv::rows(COUNTED).any(|c| c.col(0) == r.col(1));
        assert!(known, "compounds.tsv:{}: unknown lemma", r.line);
    }
    let preds = [
        "killed",
        "injured",
        "casualties",
        "destroyed",
        "damaged",
        "evacuated",
        "captured",
        "detained",
        "abducted",
        "missing",
        "displaced",
        "eliminated",
        "shot_down",
    ];
    tsv::check_table("predicates.tsv", PREDICATES, 3).unwrap();
    tsv::check_lowercase("predicates.tsv", PREDICATES, 0).unwrap();
    tsv::check_unique("predicates.tsv", PREDICATES, 0).unwrap();
    tsv::check_values("predicates.tsv", PREDICATES, 1, &preds).unwrap();
    tsv::check_values("predicates.tsv", PREDICATES, 2, &["noun", "verb"]).unwrap();
}

#[test]
fn times_table() {
    use sitrep_understand::times;
    tsv::check_table("times.tsv", times::TABLE, 2).unwrap();
    tsv::check_values("times.tsv", times::TABLE, 0, times::CATEGORIES).unwrap();
    tsv::check_lowercase("times.tsv", times::TABLE, 1).unwrap();
}

#[test]
fn tokens_table() {
    check_sets("tokens.tsv", tokens::TABLE, tokens::CATEGORIES);
}

/// Every table is read: building the stage panics on a bad row the checks above miss.
#[test]
fn tables_load() {
    use sitrep_core::{Annotator, Article};
    let mut a = Article {
        text: "Officials said 12 people were killed on Monday.".into(),
        ..Article::default()
    };
    sitrep_understand::Understand::default()
        .annotate(&mut a)
        .unwrap();
    assert_eq!(a.quantities.as_ref().unwrap().len(), 1);
    assert_eq!(a.claims.as_ref().unwrap().len(), 1);
}

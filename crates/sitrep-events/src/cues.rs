//! The cue words of the rules, as data: `data/cues.tsv`, compiled into the binary and parsed
//! once, on first use, into [`CUES`]. General English lists (reporting verbs) come from the
//! workspace's one shared lexicon, `sitrep-lexicon`; a rule that departs from one says so with
//! a class of its own here (`not-speech-time`).
//!
//! A rule asks for a class ([`cue`]) and tests a lowercase word against it ([`Words::has`]).

use std::collections::HashSet;
use std::sync::LazyLock;

/// The data files of the cue classes: name and text.
pub(crate) const FILES: [(&str, &str); 1] = [("cues.tsv", include_str!("../data/cues.tsv"))];

macro_rules! classes {
    ($($variant:ident = $name:literal in $file:literal,)*) => {
        /// A class of cue words: one value of the `class` column.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub(crate) enum Class {
            $($variant,)*
        }

        impl Class {
            /// Every class, in the order of [`Cues`]'s table.
            pub(crate) const ALL: &'static [Class] = &[$(Class::$variant,)*];

            /// The class's name in the data files.
            pub(crate) fn name(self) -> &'static str {
                match self {
                    $(Class::$variant => $name,)*
                }
            }

            /// The data file whose rows hold the class.
            pub(crate) fn file(self) -> &'static str {
                match self {
                    $(Class::$variant => $file,)*
                }
            }
        }
    };
}

classes! {
    Modal = "modal" in "cues.tsv",
    Background = "background" in "cues.tsv",
    BackgroundAfter = "background-after" in "cues.tsv",
    Separate = "separate" in "cues.tsv",
    Figurative = "figurative" in "cues.tsv",
    SeparateDet = "separate-det" in "cues.tsv",
    SpeechNoun = "speech-noun" in "cues.tsv",
    Procedure = "procedure" in "cues.tsv",
    LocPrep = "loc-prep" in "cues.tsv",
    LocNoun = "loc-noun" in "cues.tsv",
    SubjectVerb = "subject-verb" in "cues.tsv",
    AgentNoun = "agent-noun" in "cues.tsv",
    VictimNoun = "victim-noun" in "cues.tsv",
    PositionNoun = "position-noun" in "cues.tsv",
    IrregularVerb = "irregular-verb" in "cues.tsv",
    PassiveAux = "passive-aux" in "cues.tsv",
    PassiveNext = "passive-next" in "cues.tsv",
    LightVerb = "light-verb" in "cues.tsv",
    ClauseBreak = "clause-break" in "cues.tsv",
    Relative = "relative" in "cues.tsv",
    ClauseStart = "clause-start" in "cues.tsv",
    TargetPrep = "target-prep" in "cues.tsv",
    NonSubjectPrep = "non-subject-prep" in "cues.tsv",
    Coordinator = "coordinator" in "cues.tsv",
    Accuse = "accuse" in "cues.tsv",
    BlameCue = "blame-cue" in "cues.tsv",
    Toll = "toll" in "cues.tsv",
    ArrestToll = "arrest-toll" in "cues.tsv",
    Casualty = "casualty" in "cues.tsv",
    NotSpeechTime = "not-speech-time" in "cues.tsv",
    SkipBefore = "skip-before" in "cues.tsv",
    Compass = "compass" in "cues.tsv",
    UnitKm = "unit-km" in "cues.tsv",
    UnitMile = "unit-mile" in "cues.tsv",
    NearPrep = "near-prep" in "cues.tsv",
    NearNoun = "near-noun" in "cues.tsv",
    Approx = "approx" in "cues.tsv",
    ReferenceLink = "reference-link" in "cues.tsv",
    PlaceModifier = "place-modifier" in "cues.tsv",
    CareNoun = "care-noun" in "cues.tsv",
    CarryVerb = "carry-verb" in "cues.tsv",
    ResidenceNoun = "residence-noun" in "cues.tsv",
    PersonNoun = "person-noun" in "cues.tsv",
}

impl Class {
    fn parse(name: &str) -> Option<Class> {
        Class::ALL.iter().copied().find(|c| c.name() == name)
    }

    fn index(self) -> usize {
        Class::ALL
            .iter()
            .position(|&c| c == self)
            .expect("every class is in ALL")
    }
}

/// The words of one class.
#[derive(Debug, Default)]
pub(crate) struct Words {
    /// Whole words (or phrases), lowercase.
    exact: HashSet<Vec<u8>>,
    /// Patterns that ended in `*`: any word that begins with one matches.
    prefixes: Vec<Vec<u8>>,
    /// Every pattern without its `*`, in file order.
    list: Vec<String>,
}

impl Words {
    /// Whether the lowercase word `w` is of the class.
    pub(crate) fn has(&self, w: &[u8]) -> bool {
        self.exact.contains(w) || self.prefixes.iter().any(|p| w.starts_with(p))
    }

    /// The class's patterns (without a trailing `*`), in file order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = &str> {
        self.list.iter().map(String::as_str)
    }
}

/// Every class's words.
#[derive(Debug)]
pub(crate) struct Cues {
    by_class: Vec<Words>,
}

impl std::ops::Index<Class> for Cues {
    type Output = Words;

    fn index(&self, c: Class) -> &Words {
        &self.by_class[c.index()]
    }
}

/// One row of a cue file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Row {
    pub(crate) class: Class,
    /// The pattern as written, `*` included.
    pub(crate) pattern: String,
}

/// Whether `p` is a well-formed pattern: lowercase ASCII words (letters, digits, `'`, `-`,
/// `_`) separated by single spaces, with an optional trailing `*`.
pub(crate) fn valid_pattern(p: &str) -> bool {
    let body = p.strip_suffix('*').unwrap_or(p);
    !body.is_empty()
        && body.split(' ').all(|w| {
            !w.is_empty()
                && w.bytes().all(|b| {
                    b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'\'' | b'-' | b'_')
                })
        })
}

/// Parse one cue file (`file` is its name, for messages and to check that each class is in
/// its own file).
pub(crate) fn parse(file: &str, text: &str) -> Result<Vec<Row>, String> {
    let mut out: Vec<Row> = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let at = || format!("{file}:{}", n + 1);
        let cols: Vec<&str> = line.split('\t').collect();
        let [class, pattern] = cols[..] else {
            return Err(format!("{}: {} columns, not 2", at(), cols.len()));
        };
        let class =
            Class::parse(class).ok_or_else(|| format!("{}: unknown class {class}", at()))?;
        if class.file() != file {
            return Err(format!(
                "{}: class {} belongs in {}",
                at(),
                class.name(),
                class.file()
            ));
        }
        if !valid_pattern(pattern) {
            return Err(format!("{}: malformed pattern {pattern:?}", at()));
        }
        let row = Row {
            class,
            pattern: pattern.to_string(),
        };
        if out.contains(&row) {
            return Err(format!("{}: duplicate row", at()));
        }
        out.push(row);
    }
    Ok(out)
}

impl Cues {
    /// Build from cue files (name, text).
    pub(crate) fn from_files(files: &[(&str, &str)]) -> Result<Self, String> {
        let mut by_class: Vec<Words> = Class::ALL.iter().map(|_| Words::default()).collect();
        for (name, text) in files {
            for row in parse(name, text)? {
                let words = &mut by_class[row.class.index()];
                match row.pattern.strip_suffix('*') {
                    Some(p) => {
                        words.prefixes.push(p.as_bytes().to_vec());
                        words.list.push(p.to_string());
                    }
                    None => {
                        words.exact.insert(row.pattern.as_bytes().to_vec());
                        words.list.push(row.pattern);
                    }
                }
            }
        }
        if let Some(c) = Class::ALL
            .iter()
            .find(|c| by_class[c.index()].list.is_empty())
        {
            return Err(format!("class {} has no rows", c.name()));
        }
        Ok(Cues { by_class })
    }
}

/// The embedded cue files, parsed once.
pub(crate) static CUES: LazyLock<Cues> =
    LazyLock::new(|| Cues::from_files(&FILES).expect("the embedded cue files are valid"));

/// The words of class `c`.
pub(crate) fn cue(c: Class) -> &'static Words {
    &CUES[c]
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    /// The leading comment block says what the file holds, how a row is read and where the
    /// entries come from.
    fn check_header(name: &str, text: &str) {
        let header: Vec<&str> = text.lines().take_while(|l| l.starts_with('#')).collect();
        assert!(
            header.first().is_some_and(|l| l.len() > 2),
            "{name}: no header"
        );
        let header = header.join("\n");
        assert!(
            header.contains("Columns"),
            "{name}: header names no columns"
        );
        assert!(
            header.contains("not taken from any test corpus") || header.contains("Source:"),
            "{name}: header says not where the entries come from"
        );
    }

    fn check_triggers(text: &str) {
        let mut rows = HashSet::new();
        for (n, line) in text.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let at = format!("triggers.tsv:{}", n + 1);
            let cols: Vec<&str> = line.split('\t').collect();
            assert_eq!(cols.len(), 4, "{at}: columns");
            assert!(valid_pattern(cols[0]), "{at}: pattern {:?}", cols[0]);
            assert!(
                crate::parse_sub(cols[1]).is_some(),
                "{at}: type {}",
                cols[1]
            );
            assert!(
                crate::parse_kind(cols[2]).is_some(),
                "{at}: kind {}",
                cols[2]
            );
            assert!(
                rows.insert((cols[0], cols[1], cols[2])),
                "{at}: duplicate row"
            );
        }
        crate::EventMentions::from_table(text).unwrap();
    }

    /// Every file of `data/`: header, column count, known classes, kinds and types, well-formed
    /// lowercase patterns, no duplicate rows.
    #[test]
    fn data_files_are_well_formed() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/data");
        let mut seen = Vec::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_str().unwrap().to_string();
            let text = std::fs::read_to_string(&path).unwrap();
            check_header(&name, &text);
            if name == "triggers.tsv" {
                check_triggers(&text);
            } else {
                assert!(
                    FILES.iter().any(|(f, t)| *f == name && *t == text),
                    "{name}: not one of the embedded cue files"
                );
                parse(&name, &text).unwrap_or_else(|e| panic!("{e}"));
            }
            seen.push(name);
        }
        assert!(seen.iter().any(|f| f == "triggers.tsv"));
        for (f, _) in FILES {
            assert!(seen.iter().any(|s| s == f), "{f} missing");
        }
        // Every class has rows.
        Cues::from_files(&FILES).unwrap();
    }

    #[test]
    fn malformed_rows_are_refused() {
        let bad = [
            "modal\tcould\textra",
            "modal",
            "nonsense\tcould",
            "determiner\tthe",
            "modal\tCould",
            "modal\tcould  not",
            "modal\t*",
            "modal\tcould\nmodal\tcould",
        ];
        for text in bad {
            assert!(parse("cues.tsv", text).is_err(), "{text:?}");
        }
        let rows = parse("cues.tsv", "# header\n\nmodal\tcould\naccuse\taccus*\n").unwrap();
        assert_eq!(rows.len(), 2);
    }

    #[test]
    fn exceptions_to_the_shared_reporting_verbs_are_shared_reporting_verbs() {
        let cues = Cues::from_files(&FILES).unwrap();
        for w in cues[Class::NotSpeechTime].iter() {
            assert!(
                sitrep_lexicon::reporting_verb(w).is_some(),
                "{w}: not a reporting verb of sitrep-lexicon"
            );
        }
        // The verbs of speaking the time rule reads do date the speaking.
        assert!(!cues[Class::NotSpeechTime].has(b"said"));
        assert!(cues[Class::NotSpeechTime].has(b"denied"));
    }

    #[test]
    fn words_match_whole_words_and_prefixes() {
        let cues = Cues::from_files(&FILES).unwrap();
        assert!(cues[Class::Modal].has(b"could"));
        assert!(!cues[Class::Modal].has(b"coul"));
        assert!(cues[Class::Accuse].has(b"accused"));
        assert!(cues[Class::Accuse].has(b"blaming"));
        assert!(!cues[Class::Accuse].has(b"bla"));
        assert!(cues[Class::Background].iter().any(|p| p == "last year"));
    }
}

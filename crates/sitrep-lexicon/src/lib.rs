//! sitrep lexicon: the English word lists the whole workspace shares, as data.
//!
//! There is one list of each in the workspace, here:
//!
//! - **function words** (`data/function_words.tsv`): the closed-class words — articles,
//!   determiners, pronouns, prepositions, conjunctions, auxiliaries, closed-class adverbs and
//!   particles — that rules treat as grammar rather than content: [`function_word`],
//!   [`is_function_word`], [`function_words`];
//! - **reporting verbs** (`data/reporting_verbs.tsv`): "said", "told", "claimed", "denied" …
//!   with their lemma, tense, the stance they take as a claim cue and how reliable a cue they
//!   are: [`reporting_verb`], [`reporting_verbs`];
//! - **calendar words** (`data/calendar.tsv`): month names and their abbreviations, and the
//!   days of the week: [`month`], [`weekday`], [`calendar_word`], [`calendar`].
//!
//! A crate whose rules need stop words composes these lists (function words ∪ reporting verbs
//! ∪ calendar words, as it needs) and keeps only its own additions in its own data files. Every
//! lookup takes the word as `&str` or as a byte slice (`impl AsRef<[u8]>`), lowercase and
//! without a trailing full stop, and matches it exactly; the tables are parsed once, on first
//! use.
//!
//! The crate also holds what every crate's rule tables share: the TSV reader and format checks
//! ([`tsv`]) and word lists by category ([`WordSets`]).
//!
//! ```
//! use sitrep_lexicon::{function_word, month, reporting_verb, weekday, Stance, Tense, WordClass};
//! assert_eq!(function_word("the").map(|f| f.class), Some(WordClass::Article));
//! assert!(sitrep_lexicon::is_function_word(b"because".as_slice()));
//! let v = reporting_verb("denied").unwrap();
//! assert_eq!((v.lemma, v.tense, v.stance), ("deny", Tense::Past, Some(Stance::Denies)));
//! assert_eq!((month("sept"), month("may"), weekday("monday")), (Some(9), Some(5), Some(1)));
//! ```

mod sets;
pub mod tsv;

pub use sets::WordSets;

use rustc_hash::FxHashMap;
use std::sync::LazyLock;

const FUNCTION_WORDS: &str = include_str!("../data/function_words.tsv");
const REPORTING_VERBS: &str = include_str!("../data/reporting_verbs.tsv");
const CALENDAR: &str = include_str!("../data/calendar.tsv");

/// Every data file of this crate: (file name, contents, column count), for format checks.
pub const DATA_FILES: &[(&str, &str, usize)] = &[
    ("function_words.tsv", FUNCTION_WORDS, 3),
    ("reporting_verbs.tsv", REPORTING_VERBS, 6),
    ("calendar.tsv", CALENDAR, 4),
];

/// A table parsed once: its entries in file order, and an index by word.
struct Table<T: 'static> {
    entries: Vec<T>,
    index: FxHashMap<&'static [u8], usize>,
}

impl<T> Table<T> {
    fn build(
        name: &str,
        text: &'static str,
        columns: usize,
        parse: impl Fn(&tsv::Row<'static>) -> Option<(&'static str, T)>,
    ) -> Table<T> {
        let mut table = Table {
            entries: Vec::new(),
            index: FxHashMap::default(),
        };
        for row in tsv::rows_exact(name, text, columns).unwrap_or_else(|e| panic!("{e}")) {
            let (word, entry) =
                parse(&row).unwrap_or_else(|| panic!("{name}:{}: bad row", row.line));
            let prev = table.index.insert(word.as_bytes(), table.entries.len());
            assert!(prev.is_none(), "{name}:{}: {word:?} twice", row.line);
            table.entries.push(entry);
        }
        table
    }

    fn get(&self, word: &[u8]) -> Option<&T> {
        self.index.get(word).map(|&i| &self.entries[i])
    }
}

// ---------------------------------------------------------------------------------------------
// Function words

/// The grammatical class of a function word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WordClass {
    /// `a`, `an`, `the`.
    Article,
    /// Demonstratives and quantifiers: `this`, `those`, `some`, `every`, `several` …
    Determiner,
    /// Personal, possessive, relative and indefinite pronouns: `he`, `its`, `who`, `nobody` …
    Pronoun,
    /// `in`, `of`, `near`, `despite`, `according` (to) …
    Preposition,
    /// Coordinators and subordinators: `and`, `but`, `because`, `while`, `whether` …
    Conjunction,
    /// `be`, `have`, `do` and the modals: `was`, `has`, `could`, `must` …
    Auxiliary,
    /// Closed-class adverbs: `not`, `also`, `still`, `however`, `ago` …
    Adverb,
    /// Adverbial particles of phrasal verbs: `up`, `out`, `off`, `down`, `back`, `away`.
    Particle,
}

impl WordClass {
    /// Every class, in table order.
    pub const ALL: [WordClass; 8] = [
        WordClass::Article,
        WordClass::Determiner,
        WordClass::Pronoun,
        WordClass::Preposition,
        WordClass::Conjunction,
        WordClass::Auxiliary,
        WordClass::Adverb,
        WordClass::Particle,
    ];

    /// The class as the table writes it (`article`, `determiner` …).
    pub fn name(self) -> &'static str {
        match self {
            WordClass::Article => "article",
            WordClass::Determiner => "determiner",
            WordClass::Pronoun => "pronoun",
            WordClass::Preposition => "preposition",
            WordClass::Conjunction => "conjunction",
            WordClass::Auxiliary => "auxiliary",
            WordClass::Adverb => "adverb",
            WordClass::Particle => "particle",
        }
    }

    /// The class a table name stands for.
    pub fn from_name(name: &str) -> Option<WordClass> {
        WordClass::ALL.into_iter().find(|c| c.name() == name)
    }
}

/// A function word and what is known about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FunctionWord {
    /// The word, lowercase.
    pub word: &'static str,
    /// Its grammatical class.
    pub class: WordClass,
    /// Whether it is among the commonest words of running English news prose.
    pub common: bool,
}

static FUNCTION: LazyLock<Table<FunctionWord>> = LazyLock::new(|| {
    Table::build("function_words.tsv", FUNCTION_WORDS, 3, |r| {
        let word = r.cols[0];
        let entry = FunctionWord {
            word,
            class: WordClass::from_name(r.cols[1])?,
            common: match r.cols[2] {
                "common" => true,
                "-" => false,
                _ => return None,
            },
        };
        Some((word, entry))
    })
});

/// The function word `word` (lowercase), if it is one.
pub fn function_word(word: impl AsRef<[u8]>) -> Option<&'static FunctionWord> {
    FUNCTION.get(word.as_ref())
}

/// Whether `word` (lowercase) is a function word: the workspace's stop-word test.
pub fn is_function_word(word: impl AsRef<[u8]>) -> bool {
    function_word(word).is_some()
}

/// Whether `word` (lowercase) is among the commonest words of running English news prose: a
/// common function word ("the", "of", "was") or a common reporting verb ("said"). A text that
/// is a quarter or more such words reads as English.
pub fn is_common_word(word: impl AsRef<[u8]>) -> bool {
    let w = word.as_ref();
    function_word(w).is_some_and(|f| f.common) || reporting_verb(w).is_some_and(|v| v.common)
}

/// Every function word, in table order.
pub fn function_words() -> &'static [FunctionWord] {
    &FUNCTION.entries
}

/// The workspace's stop words: every function word, then the strong reporting verbs
/// ("said", "told"). A rule whose boundary differs keeps its departures in its own data file
/// and passes them to [`WordSets::insert_all_but`].
pub fn stop_words() -> impl Iterator<Item = &'static str> {
    function_words().iter().map(|f| f.word).chain(
        reporting_verbs()
            .iter()
            .filter(|v| v.strong())
            .map(|v| v.form),
    )
}

// ---------------------------------------------------------------------------------------------
// Reporting verbs

/// The form of a reporting verb.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tense {
    /// The base form: `say`, `deny`.
    Base,
    /// Third person singular present: `says`, `denies`.
    Present,
    /// Past tense or past participle: `said`, `denied`.
    Past,
    /// The `-ing` participle: `saying`, `denying`. Its subject is the main clause's.
    Participle,
}

/// What a speaker does with what a reporting verb reports (as a claim cue).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Stance {
    /// Says it: `said`, `told`, `added`.
    Asserts,
    /// Alleges it: `claimed`, `accused`, `blamed`.
    Alleges,
    /// Denies it: `denied`, `rejected`.
    Denies,
    /// Confirms it: `confirmed`, `acknowledged`.
    Confirms,
}

/// One form of a reporting verb.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReportingVerb {
    /// The form, lowercase, as written: `said`.
    pub form: &'static str,
    /// The verb's base form: `say`.
    pub lemma: &'static str,
    /// Which form it is.
    pub tense: Tense,
    /// The stance it takes as a claim cue; `None` when the form is not a claim cue.
    pub stance: Option<Stance>,
    /// Whether it is a claim cue only with a speaker or in the passive, being often not
    /// reporting at all ("reported", "posted", "claimed"). `false` for the unambiguous ones
    /// ("said", "told") and for forms that are no cue.
    pub weak: bool,
    /// Whether it is among the commonest words of running English news prose ("said").
    pub common: bool,
}

impl ReportingVerb {
    /// Whether the form is an unambiguous reporting verb: a claim cue even without a speaker
    /// ("said", "says", "told", "tells").
    pub fn strong(&self) -> bool {
        self.stance.is_some() && !self.weak
    }
}

static REPORTING: LazyLock<Table<ReportingVerb>> = LazyLock::new(|| {
    Table::build("reporting_verbs.tsv", REPORTING_VERBS, 6, |r| {
        let stance = match r.cols[3] {
            "asserts" => Some(Stance::Asserts),
            "alleges" => Some(Stance::Alleges),
            "denies" => Some(Stance::Denies),
            "confirms" => Some(Stance::Confirms),
            "-" => None,
            _ => return None,
        };
        let weak = match (r.cols[4], stance) {
            ("strong", Some(_)) => false,
            ("weak", Some(_)) => true,
            ("-", None) => false,
            _ => return None,
        };
        let entry = ReportingVerb {
            form: r.cols[0],
            lemma: r.cols[1],
            tense: match r.cols[2] {
                "base" => Tense::Base,
                "present" => Tense::Present,
                "past" => Tense::Past,
                "participle" => Tense::Participle,
                _ => return None,
            },
            stance,
            weak,
            common: match r.cols[5] {
                "common" => true,
                "-" => false,
                _ => return None,
            },
        };
        Some((entry.form, entry))
    })
});

/// The reporting verb form `word` (lowercase), if it is one.
pub fn reporting_verb(word: impl AsRef<[u8]>) -> Option<&'static ReportingVerb> {
    REPORTING.get(word.as_ref())
}

/// Every reporting verb form, in table order.
pub fn reporting_verbs() -> &'static [ReportingVerb] {
    &REPORTING.entries
}

// ---------------------------------------------------------------------------------------------
// Calendar

/// Whether a calendar word names a month or a day of the week.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CalendarKind {
    /// January … December.
    Month,
    /// Monday … Sunday.
    Weekday,
}

/// A month or weekday name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CalendarWord {
    /// The word, lowercase, without a full stop: `sept`.
    pub word: &'static str,
    /// Month or weekday.
    pub kind: CalendarKind,
    /// The month (1–12, January = 1) or weekday (1–7, Monday = 1).
    pub number: u32,
    /// Whether the word is an abbreviation (`jan`, `sept`), written with a full stop in text.
    pub abbreviation: bool,
}

static CALENDAR_TABLE: LazyLock<Table<CalendarWord>> = LazyLock::new(|| {
    Table::build("calendar.tsv", CALENDAR, 4, |r| {
        let kind = match r.cols[1] {
            "month" => CalendarKind::Month,
            "weekday" => CalendarKind::Weekday,
            _ => return None,
        };
        let number: u32 = r.cols[2].parse().ok()?;
        let max = if kind == CalendarKind::Month { 12 } else { 7 };
        if !(1..=max).contains(&number) {
            return None;
        }
        let entry = CalendarWord {
            word: r.cols[0],
            kind,
            number,
            abbreviation: match r.cols[3] {
                "full" => false,
                "abbreviation" => true,
                _ => return None,
            },
        };
        Some((entry.word, entry))
    })
});

/// The month or weekday name `word` (lowercase, no full stop), if it is one.
pub fn calendar_word(word: impl AsRef<[u8]>) -> Option<&'static CalendarWord> {
    CALENDAR_TABLE.get(word.as_ref())
}

/// The month `word` (lowercase, no full stop) names: 1–12. Abbreviations count (`sept` → 9).
pub fn month(word: impl AsRef<[u8]>) -> Option<u32> {
    calendar_word(word)
        .filter(|c| c.kind == CalendarKind::Month)
        .map(|c| c.number)
}

/// The day of the week `word` (lowercase) names: 1–7, Monday = 1.
pub fn weekday(word: impl AsRef<[u8]>) -> Option<u32> {
    calendar_word(word)
        .filter(|c| c.kind == CalendarKind::Weekday)
        .map(|c| c.number)
}

/// Every month and weekday name, in table order (months, their abbreviations, weekdays).
pub fn calendar() -> &'static [CalendarWord] {
    &CALENDAR_TABLE.entries
}

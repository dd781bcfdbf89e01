//! The word lists of quantity finding, read once: `data/quantities.tsv` (words by category),
//! `data/numbers.tsv`, `data/qualifiers.tsv`, `data/counted.tsv`, `data/compounds.tsv` and
//! `data/predicates.tsv`, with sitrep-lexicon's function words and reporting verbs.

use rustc_hash::FxHashMap;
use sitrep_lexicon::{tsv, WordSets};
use std::sync::LazyLock;

/// Words by category.
pub const TABLE: &str = include_str!("../../data/quantities.tsv");
/// Number words and their values.
pub const NUMBERS: &str = include_str!("../../data/numbers.tsv");
/// Qualifier phrases.
pub const QUALIFIERS: &str = include_str!("../../data/qualifiers.tsv");
/// Counted nouns and their lemmas.
pub const COUNTED: &str = include_str!("../../data/counted.tsv");
/// Compound counted nouns.
pub const COMPOUNDS: &str = include_str!("../../data/compounds.tsv");
/// Predicate words.
pub const PREDICATES: &str = include_str!("../../data/predicates.tsv");

/// The categories of [`TABLE`], in bit order (see the constants below).
pub const CATEGORIES: &[&str] = &[
    "separator",
    "more-word",
    "of-pronoun",
    "of-determiner",
    "zero-word",
    "zero-modifier",
    "zero-report",
    "zero-report-preposition",
    "a-scale",
    "currency-before",
    "percent-after",
    "clock-after",
    "designation",
    "population-noun",
    "zero-person",
    "nominal-predicate",
    "toll-link",
    "nominal-determiner",
    "predicate-link",
    "life-possessive",
    "life-noun",
    "taken-as",
    "dead-verb",
    "and-verb",
    "flee-verb",
    "object-word",
    "intransitive-predicate",
    "qualifier-word",
    "unit",
    "compound-tail",
    "casualty-noun",
    "stop",
    "not-stop",
    "range-separator",
];

pub(super) const SEPARATOR: u64 = 1;
pub(super) const MORE_WORD: u64 = 1 << 1;
pub(super) const OF_PRONOUN: u64 = 1 << 2;
pub(super) const OF_DETERMINER: u64 = 1 << 3;
pub(super) const ZERO_WORD: u64 = 1 << 4;
pub(super) const ZERO_MODIFIER: u64 = 1 << 5;
pub(super) const ZERO_REPORT: u64 = 1 << 6;
pub(super) const ZERO_REPORT_PREP: u64 = 1 << 7;
pub(super) const A_SCALE: u64 = 1 << 8;
pub(super) const CURRENCY_BEFORE: u64 = 1 << 9;
pub(super) const PERCENT_AFTER: u64 = 1 << 10;
pub(super) const CLOCK_AFTER: u64 = 1 << 11;
pub(super) const DESIGNATION: u64 = 1 << 12;
pub(super) const POPULATION_NOUN: u64 = 1 << 13;
pub(super) const ZERO_PERSON: u64 = 1 << 14;
pub(super) const NOMINAL_PREDICATE: u64 = 1 << 15;
pub(super) const TOLL_LINK: u64 = 1 << 16;
pub(super) const NOMINAL_DETERMINER: u64 = 1 << 17;
pub(super) const PREDICATE_LINK: u64 = 1 << 18;
pub(super) const LIFE_POSSESSIVE: u64 = 1 << 19;
pub(super) const LIFE_NOUN: u64 = 1 << 20;
pub(super) const TAKEN_AS: u64 = 1 << 21;
pub(super) const DEAD_VERB: u64 = 1 << 22;
pub(super) const AND_VERB: u64 = 1 << 23;
pub(super) const FLEE_VERB: u64 = 1 << 24;
pub(super) const OBJECT_WORD: u64 = 1 << 25;
pub(super) const INTRANSITIVE: u64 = 1 << 26;
pub(super) const QUALIFIER_WORD: u64 = 1 << 27;
pub(super) const UNIT: u64 = 1 << 28;
pub(super) const COMPOUND_TAIL: u64 = 1 << 29;
pub(super) const CASUALTY_NOUN: u64 = 1 << 30;
/// The words that end a counted noun phrase: the `stop` words of the table, and
/// sitrep-lexicon's function words and strong reporting verbs ("said", "told") less the
/// `not-stop` words.
pub(super) const STOP: u64 = 1 << 31;
pub(super) const NOT_STOP: u64 = 1 << 32;
pub(super) const RANGE_SEPARATOR: u64 = 1 << 33;

/// What must follow a vague number word for it to count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Needs {
    /// Nothing.
    Nothing,
    /// "of" ("scores of").
    Of,
    /// "of" and a plural scale ("tens of thousands").
    OfScale,
}

#[derive(Debug, Default)]
struct Words {
    sets: WordSets,
    units: FxHashMap<&'static str, f64>,
    unit_order: Vec<&'static str>,
    scales: FxHashMap<&'static str, f64>,
    vague: FxHashMap<&'static str, (f64, Needs)>,
    plural_scales: FxHashMap<&'static str, f64>,
    qualifiers: FxHashMap<&'static str, &'static str>,
    counted: FxHashMap<&'static str, &'static str>,
    compounds: Vec<[&'static str; 3]>,
    predicates: FxHashMap<&'static str, (&'static str, bool)>,
}

fn rows(name: &str, text: &'static str, columns: usize) -> Vec<tsv::Row<'static>> {
    tsv::rows_exact(name, text, columns).unwrap_or_else(|e| panic!("{e}"))
}

fn bad(name: &str, row: &tsv::Row) -> ! {
    panic!("{name}:{}: bad row", row.line)
}

static WORDS: LazyLock<Words> = LazyLock::new(|| {
    let mut w = Words {
        sets: WordSets::parse("quantities.tsv", TABLE, CATEGORIES)
            .unwrap_or_else(|e| panic!("{e}")),
        ..Words::default()
    };
    w.sets
        .insert_all_but(sitrep_lexicon::stop_words(), STOP, NOT_STOP);
    for r in rows("numbers.tsv", NUMBERS, 4) {
        let value: f64 = r.cols[2].parse().unwrap_or_else(|_| bad("numbers.tsv", &r));
        let word = r.cols[0];
        match (r.cols[1], r.cols[3]) {
            ("unit", "-") => {
                w.unit_order.push(word);
                w.units.insert(word, value)
            }
            ("scale", "-") => w.scales.insert(word, value),
            ("plural-scale", "-") => w.plural_scales.insert(word, value),
            ("vague", needs) => {
                let needs = match needs {
                    "-" => Needs::Nothing,
                    "of" => Needs::Of,
                    "of-scale" => Needs::OfScale,
                    _ => bad("numbers.tsv", &r),
                };
                w.vague.insert(word, (value, needs)).map(|v| v.0)
            }
            _ => bad("numbers.tsv", &r),
        };
    }
    for r in rows("qualifiers.tsv", QUALIFIERS, 2) {
        w.qualifiers.insert(r.cols[0], r.cols[1]);
    }
    for r in rows("counted.tsv", COUNTED, 2) {
        w.counted.insert(r.cols[0], r.cols[1]);
    }
    for r in rows("compounds.tsv", COMPOUNDS, 3) {
        w.compounds.push([r.cols[0], r.cols[1], r.cols[2]]);
    }
    for r in rows("predicates.tsv", PREDICATES, 3) {
        let noun = match r.cols[2] {
            "noun" => true,
            "verb" => false,
            _ => bad("predicates.tsv", &r),
        };
        w.predicates.insert(r.cols[0], (r.cols[1], noun));
    }
    w
});

/// Whether `w` (lowercase) is in any category of `mask`.
pub(super) fn is(w: &str, mask: u64) -> bool {
    WORDS.sets.has(w, mask)
}

/// A number word of its own (`seven`, `forty`).
pub(super) fn unit_word(w: &str) -> Option<f64> {
    WORDS.units.get(w).copied()
}

/// The number words of their own (`one` … `ninety`) with their values, in table order.
pub(crate) fn unit_words() -> impl Iterator<Item = (&'static str, f64)> {
    WORDS.unit_order.iter().map(|w| (*w, WORDS.units[w]))
}

/// A scale word (`hundred`, `million`).
pub(super) fn scale(w: &str) -> Option<f64> {
    WORDS.scales.get(w).copied()
}

/// A vague plural (`dozens`, `hundreds`): its lower bound and what it needs after it.
pub(super) fn vague_word(w: &str) -> Option<(f64, Needs)> {
    WORDS.vague.get(w).copied()
}

/// The plural after "of" that multiplies a vague plural (`thousands` in "tens of thousands").
pub(super) fn plural_scale(w: &str) -> Option<f64> {
    WORDS.plural_scales.get(w).copied()
}

/// The qualifier a phrase of one to three words gives the number after it.
pub(super) fn qualifier(phrase: &str) -> Option<&'static str> {
    WORDS.qualifiers.get(phrase).copied()
}

/// Known counted nouns → lemma: people, forces, equipment, buildings, settlements.
pub(super) fn noun(w: &str) -> Option<&'static str> {
    WORDS.counted.get(w).copied()
}

/// Whether `w` is the modifier of a compound counted noun ("armored", "police").
pub(super) fn compound_modifier(w: &str) -> bool {
    WORDS.compounds.iter().any(|c| c[0] == w)
}

/// What a noun phrase with the compound modifiers `modifiers` and head lemma `lemma` counts
/// instead, if anything ("armored" + "vehicle" → "armored vehicle").
pub(super) fn compound(modifiers: &[&str], lemma: &str) -> Option<&'static str> {
    WORDS
        .compounds
        .iter()
        .find(|c| c[1] == lemma && modifiers.contains(&c[0]))
        .map(|c| c[2])
}

/// A predicate word: (predicate, can stand as a noun after the number — `two dead`,
/// `12 deaths`, `five injured`).
pub(super) fn pred_word(w: &str) -> Option<(&'static str, bool)> {
    WORDS.predicates.get(w).copied()
}

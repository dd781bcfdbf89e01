//! The word lists of claim finding: `data/claims.tsv` (words by category), `data/channels.tsv`
//! (channel words) and sitrep-lexicon's shared lists (reporting verbs, function words,
//! weekdays), read once.

use rustc_hash::FxHashMap;
use sitrep_core::Stance;
use sitrep_lexicon::{Tense, WordClass, WordSets};
use std::sync::LazyLock;

/// Words by category.
pub const TABLE: &str = include_str!("../../data/claims.tsv");
/// Channel words.
pub const CHANNELS: &str = include_str!("../../data/channels.tsv");

/// The categories of [`TABLE`], in bit order (see the constants below).
pub const CATEGORIES: &[&str] = &[
    "negation",
    "negated-auxiliary",
    "comment-adverb",
    "comment-verb",
    "decline-verb",
    "decline-object",
    "neither-verb",
    "nor-verb",
    "adjective-marker",
    "passive-adverb",
    "passive-auxiliary",
    "listener-determiner",
    "clause-opener",
    "channel-noun",
    "tail-word",
    "tail-pronoun",
    "subordinator",
    "contrast",
    "trim-word",
    "title-joiner",
    "relative",
    "apposition-relative",
    "channel-preposition",
    "channel-determiner",
    "figure-number",
    "figure-predicate",
    "pronoun-person",
    "pronoun-thing",
    "pronoun-any",
    "subject-adverb",
    "title-word",
    "speaker-noun",
    "not-stop",
];

pub(super) const NEGATION: u64 = 1;
pub(super) const NEGATED_AUX: u64 = 1 << 1;
pub(super) const COMMENT_ADVERB: u64 = 1 << 2;
pub(super) const COMMENT_VERB: u64 = 1 << 3;
pub(super) const DECLINE_VERB: u64 = 1 << 4;
pub(super) const DECLINE_OBJECT: u64 = 1 << 5;
pub(super) const NEITHER_VERB: u64 = 1 << 6;
pub(super) const NOR_VERB: u64 = 1 << 7;
pub(super) const ADJECTIVE_MARKER: u64 = 1 << 8;
pub(super) const PASSIVE_ADVERB: u64 = 1 << 9;
pub(super) const PASSIVE_AUX: u64 = 1 << 10;
pub(super) const LISTENER_DET: u64 = 1 << 11;
pub(super) const CLAUSE_OPENER: u64 = 1 << 12;
pub(super) const CHANNEL_NOUN: u64 = 1 << 13;
pub(super) const TAIL_WORD: u64 = 1 << 14;
pub(super) const TAIL_PRONOUN: u64 = 1 << 15;
pub(super) const SUBORDINATOR: u64 = 1 << 16;
pub(super) const CONTRAST: u64 = 1 << 17;
pub(super) const TRIM_WORD: u64 = 1 << 18;
pub(super) const TITLE_JOINER: u64 = 1 << 19;
pub(super) const RELATIVE: u64 = 1 << 20;
pub(super) const APPOSITION_RELATIVE: u64 = 1 << 21;
pub(super) const CHANNEL_PREP: u64 = 1 << 22;
pub(super) const CHANNEL_DET: u64 = 1 << 23;
pub(super) const FIGURE_NUMBER: u64 = 1 << 24;
pub(super) const FIGURE_PREDICATE: u64 = 1 << 25;
pub(super) const PRONOUN_PERSON: u64 = 1 << 26;
pub(super) const PRONOUN_THING: u64 = 1 << 27;
pub(super) const PRONOUN_ANY: u64 = 1 << 28;
pub(super) const SUBJECT_ADVERB: u64 = 1 << 29;
pub(super) const TITLE_WORD: u64 = 1 << 30;
pub(super) const SPEAKER_NOUN: u64 = 1 << 31;
pub(super) const NOT_STOP: u64 = 1 << 32;
/// Not a category of the table but composed: sitrep-lexicon's function words and strong
/// reporting verbs ("said", "told"), less `not-stop`. The words that end a speaker's noun
/// phrase.
pub(super) const STOP: u64 = 1 << 33;

/// One row of `channels.tsv`.
#[derive(Debug)]
struct ChannelRule {
    /// The word as written, when it has capitals (it then matches only so).
    exact: Option<&'static str>,
    channel: &'static str,
    rank: u8,
    /// Words of which one must come right before; empty for any.
    after: Vec<&'static str>,
}

struct Words {
    sets: WordSets,
    channels: FxHashMap<String, Vec<ChannelRule>>,
}

static WORDS: LazyLock<Words> = LazyLock::new(|| {
    let fail = |e: String| -> ! { panic!("{e}") };
    let mut sets = WordSets::parse("claims.tsv", TABLE, CATEGORIES).unwrap_or_else(|e| fail(e));
    sets.insert_all_but(sitrep_lexicon::stop_words(), STOP, NOT_STOP);
    let mut channels: FxHashMap<String, Vec<ChannelRule>> = FxHashMap::default();
    for row in
        sitrep_lexicon::tsv::rows_exact("channels.tsv", CHANNELS, 4).unwrap_or_else(|e| fail(e))
    {
        let word = row.cols[0];
        let rank = row.cols[2]
            .parse()
            .unwrap_or_else(|_| fail(format!("channels.tsv:{}: bad rank", row.line)));
        let lower = word.to_lowercase();
        channels
            .entry(lower.clone())
            .or_default()
            .push(ChannelRule {
                exact: (lower != word).then_some(word),
                channel: row.cols[1],
                rank,
                after: match row.cols[3] {
                    "-" => Vec::new(),
                    a => a.split('|').collect(),
                },
            });
    }
    Words { sets, channels }
});

/// Whether `w` (lowercase) is in any category of `mask`.
pub(super) fn is(w: &str, mask: u64) -> bool {
    WORDS.sets.has(w, mask)
}

/// Whether `w` is an article ("the", "a", "an").
pub(super) fn article(w: &str) -> bool {
    sitrep_lexicon::function_word(w).is_some_and(|f| f.class == WordClass::Article)
}

/// The possessive `'s` token.
pub(super) fn possessive(w: &str) -> bool {
    matches!(w, "’s" | "'s")
}

/// Whether `w` is a form of "tell" ("told", "tells"): its object is a listener, and the
/// channel is the media when nothing else names one.
pub(super) fn tell(w: &str) -> bool {
    sitrep_lexicon::reporting_verb(w).is_some_and(|v| v.lemma == "tell")
}

/// A cue word: (stance, weak, participle), from sitrep-lexicon's reporting verbs.
pub(super) fn cue_word(w: &str) -> Option<(Stance, bool, bool)> {
    let v = sitrep_lexicon::reporting_verb(w)?;
    let stance = match v.stance? {
        sitrep_lexicon::Stance::Asserts => Stance::Asserts,
        sitrep_lexicon::Stance::Alleges => Stance::Alleges,
        sitrep_lexicon::Stance::Denies => Stance::Denies,
        sitrep_lexicon::Stance::Confirms => Stance::Confirms,
    };
    Some((stance, v.weak, v.tense == Tense::Participle))
}

/// The channel word `lw` (lowercase; `raw` as written, `prev` the lowercase word before it)
/// names, with its rank (lower wins).
pub(super) fn channel(lw: &str, raw: &str, prev: &str) -> Option<(&'static str, u8)> {
    WORDS.channels.get(lw)?.iter().find_map(|r| {
        (r.exact.is_none_or(|e| e == raw) && (r.after.is_empty() || r.after.contains(&prev)))
            .then_some((r.channel, r.rank))
    })
}

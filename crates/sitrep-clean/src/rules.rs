//! The boilerplate phrase table (`data/boilerplate.tsv`) and the block-level tests built on
//! it: what a menu item, share prompt, caption, byline or author bio looks like.
//!
//! Used by both cleaners: the plain-text cleaner classifies crawler-flattened lines with it,
//! and the HTML cleaner uses it to drop chrome that survives main-text extraction.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, Anchored, Input, MatchKind, StartKind};
use regex::Regex;
use sitrep_core::text::floor_char_boundary;
use sitrep_core::RemovalReason;
use std::collections::HashMap;
use std::sync::OnceLock;

const TABLE: &str = include_str!("../data/boilerplate.tsv");

/// Blocks longer than this (in words) are never matched by `prefix` rules.
pub const PREFIX_MAX_WORDS: usize = 12;
/// Blocks longer than this (in words) are never matched by `contains` rules.
pub const CONTAINS_MAX_WORDS: usize = 40;

/// Compiled boilerplate rules. Build once ([`Rules::builtin`]) and share.
#[derive(Debug)]
pub struct Rules {
    exact: HashMap<String, RemovalReason>,
    prefix: AhoCorasick,
    prefix_reasons: Vec<(RemovalReason, bool)>,
    contains: AhoCorasick,
    contains_reasons: Vec<RemovalReason>,
    byline: Regex,
    bio_start: Regex,
    bio_words: Regex,
}

fn parse_reason(s: &str) -> Option<RemovalReason> {
    serde_json::from_value(serde_json::Value::String(s.to_string())).ok()
}

impl Rules {
    /// The built-in rules, compiled on first use.
    pub fn builtin() -> &'static Rules {
        static RULES: OnceLock<Rules> = OnceLock::new();
        RULES.get_or_init(|| Rules::from_table(TABLE).expect("built-in boilerplate table is valid"))
    }

    /// Compile a table in the `boilerplate.tsv` format.
    pub fn from_table(table: &str) -> Result<Rules, String> {
        let mut exact = HashMap::new();
        let (mut prefixes, mut prefix_reasons) = (Vec::new(), Vec::new());
        let (mut contains, mut contains_reasons) = (Vec::new(), Vec::new());
        for (n, line) in table.lines().enumerate() {
            let line = line.trim_end();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let mut cols = line.split('\t');
            let (Some(reason), Some(kind), Some(phrase), None) =
                (cols.next(), cols.next(), cols.next(), cols.next())
            else {
                return Err(format!("line {}: expected 3 tab-separated columns", n + 1));
            };
            let reason =
                parse_reason(reason).ok_or_else(|| format!("line {}: bad reason", n + 1))?;
            let phrase = phrase.to_lowercase();
            match kind {
                "exact" => {
                    exact.insert(normalize(&phrase), reason);
                }
                "prefix" => {
                    // A phrase ending in a letter or digit must end at a word boundary.
                    let needs_boundary = phrase.chars().last().is_some_and(char::is_alphanumeric);
                    prefixes.push(phrase);
                    prefix_reasons.push((reason, needs_boundary));
                }
                "contains" => {
                    contains.push(phrase);
                    contains_reasons.push(reason);
                }
                other => return Err(format!("line {}: unknown match kind {other:?}", n + 1)),
            }
        }
        let build = |pats: &[String], start: StartKind| {
            AhoCorasickBuilder::new()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::LeftmostLongest)
                .start_kind(start)
                .build(pats)
                .map_err(|e| e.to_string())
        };
        Ok(Rules {
            exact,
            prefix: build(&prefixes, StartKind::Anchored)?,
            prefix_reasons,
            contains: build(&contains, StartKind::Unanchored)?,
            contains_reasons,
            byline: Regex::new(
                r"^(?i:by)\s+\p{Lu}[\p{L}'’.\-]+(?:\s+\p{Lu}[\p{L}'’.\-]+){0,3}(?:\s*(?:,|and|&|\||/|—|–|-)\s*.{0,80})?$",
            )
            .map_err(|e| e.to_string())?,
            bio_start: Regex::new(
                r"^(?:\p{Lu}[\p{L}'’.\-]*\s+){1,3}\p{Lu}[\p{L}'’\-]+\s+(?:is|was|covers|writes|reports|joined|serves|has\s+(?:been|covered|written|reported))\b",
            )
            .map_err(|e| e.to_string())?,
            bio_words: Regex::new(
                r"(?i)\b(?:editor|reporter|correspondent|journalist|writer|author|columnist|contributor|covers|studied|graduated?|based in|freelance|bureau|producer|anchor|fellow at)\b",
            )
            .map_err(|e| e.to_string())?,
        })
    }

    /// Classify one block (a line or paragraph) on its own, without context.
    ///
    /// `words` is the block's word count ([`word_count`]).
    pub fn classify(&self, block: &str, words: usize) -> Option<RemovalReason> {
        if words <= 8 {
            if let Some(&r) = self.exact.get(&normalize(block)) {
                return Some(r);
            }
        }
        if words <= PREFIX_MAX_WORDS {
            let b =
                block.trim_start_matches(|c: char| c.is_whitespace() || "•·*|-–—>»".contains(c));
            let input = Input::new(b).anchored(Anchored::Yes);
            if let Some(m) = self.prefix.find(input) {
                let (reason, needs_boundary) = self.prefix_reasons[m.pattern().as_usize()];
                let next = b[m.end()..].chars().next();
                if !needs_boundary || !next.is_some_and(char::is_alphanumeric) {
                    return Some(reason);
                }
            }
            if self.byline.is_match(block.trim()) {
                return Some(RemovalReason::Byline);
            }
        }
        if words <= CONTAINS_MAX_WORDS {
            if let Some(m) = self.contains.find(block) {
                return Some(self.contains_reasons[m.pattern().as_usize()]);
            }
        }
        None
    }

    /// Does this block read like an author biography ("Jane Doe is a reporter who covers…")?
    ///
    /// Context-free; callers only ask about blocks in the last part of an article, where bios
    /// sit.
    pub fn is_author_bio(&self, block: &str) -> bool {
        let start = &block[..floor_char_boundary(block, 160)];
        if !self.bio_start.is_match(start) {
            return false;
        }
        let first = start.split_whitespace().next().unwrap_or("");
        if [
            "The", "A", "An", "This", "That", "These", "Those", "It", "He", "She", "They",
        ]
        .contains(&first)
        {
            return false;
        }
        self.bio_words
            .is_match(&block[..floor_char_boundary(block, 400)])
    }
}

/// Case-folded block with bullets, trailing punctuation and runs of spaces removed: the key
/// `exact` rules are looked up by.
pub fn normalize(block: &str) -> String {
    let t = block
        .trim_matches(|c: char| c.is_whitespace() || "•·*|".contains(c))
        .trim_end_matches(|c: char| c.is_whitespace() || ".:!?…|›»>-–—•*".contains(c))
        .trim_start_matches(|c: char| c.is_whitespace() || "-–—>»".contains(c));
    let mut out = String::with_capacity(t.len());
    for w in t.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(w.chars().flat_map(char::to_lowercase));
    }
    out
}

/// Number of whitespace-separated words, counting at most `cap`.
pub fn word_count(block: &str, cap: usize) -> usize {
    block.split_whitespace().take(cap).count()
}

/// Does the block end like a sentence (full stop, question or exclamation mark, closing quote
/// or bracket after one)?
pub fn ends_like_sentence(block: &str) -> bool {
    let t = block.trim_end();
    let mut it = t.chars().rev();
    match it.next() {
        Some('.' | '!' | '?' | '…' | ':' | ';') => true,
        Some('"' | '”' | '’' | '\'' | ')' | '»') => {
            matches!(it.next(), Some('.' | '!' | '?' | '…' | ',' | '"' | '”'))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use RemovalReason::*;

    fn c(s: &str) -> Option<RemovalReason> {
        Rules::builtin().classify(s, word_count(s, 100))
    }

    #[test]
    fn builtin_table_compiles() {
        let r = Rules::builtin();
        assert!(r.exact.len() > 150);
    }

    #[test]
    fn classifies_common_chrome() {
        assert_eq!(c("Load More"), Some(Navigation));
        assert_eq!(c("  ADVERTISEMENT  "), Some(Advertisement));
        assert_eq!(c("Leave a Comment"), Some(Comments));
        assert_eq!(c("Share this article:"), Some(Share));
        assert_eq!(c("More from World"), Some(Related));
        assert_eq!(c("Written By"), Some(Byline));
        assert_eq!(c("By Jane Doe and John Roe, Staff Writers"), Some(Byline));
        assert_eq!(
            c("© 2024 Example Media. All rights reserved."),
            Some(Footer)
        );
        assert_eq!(
            c("Please disable your ad blocker to keep reading."),
            Some(AdblockNotice)
        );
        assert_eq!(
            c("Soldiers patrol a street in the capital. Photo by Jane Doe/Example Agency"),
            Some(Caption)
        );
    }

    #[test]
    fn leaves_article_sentences_alone() {
        for s in [
            "More injured people were brought to the hospital overnight.",
            "More than 20 people were killed in the attack, officials said.",
            "By nightfall the fighting had stopped.",
            "Share prices fell sharply after the announcement.",
            "Copyrighted footage was shown on state television.",
            "The governor said the attack was carried out by drones.",
            "Rebels Advance On The Capital",
        ] {
            assert_eq!(c(s), None, "{s}");
        }
    }

    #[test]
    fn recognises_author_bios_but_not_reported_speech() {
        let r = Rules::builtin();
        assert!(r.is_author_bio(
            "Jane Q. Doe covers defence for the Example Times. She studied history at Leeds."
        ));
        assert!(r.is_author_bio("Pat Roe is the paper's Breaking News Editor, based in Oslo."));
        assert!(!r.is_author_bio("Pat Roe, a defence analyst, told reporters the strike was new."));
        assert!(!r.is_author_bio("The Kremlin is a frequent target of such claims."));
        assert!(!r.is_author_bio("Jane Doe said the bureau would reopen."));
    }

    #[test]
    fn sentence_endings() {
        assert!(ends_like_sentence("He left."));
        assert!(ends_like_sentence("“We will respond,” he said."));
        assert!(ends_like_sentence("He said: “It is over.”"));
        assert!(!ends_like_sentence("Rebels Advance On The Capital"));
    }

    #[test]
    fn bad_tables_are_rejected() {
        assert!(Rules::from_table("navigation\texact").is_err());
        assert!(Rules::from_table("nonsense\texact\tx").is_err());
        assert!(Rules::from_table("navigation\tfuzzy\tx").is_err());
    }
}

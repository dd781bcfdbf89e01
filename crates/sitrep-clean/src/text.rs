//! Cleaning plain text that a crawler already flattened from a page: every line is a block
//! (a paragraph, a heading, or a piece of site chrome). Boilerplate blocks are dropped whole;
//! article blocks are copied verbatim, so the clean text maps back to the original exactly.

use crate::rules::{ends_like_sentence, word_count, Rules};
use crate::Cleaned;
use sitrep_core::text::char_len;
use sitrep_core::{RemovalReason, Removed};
use std::collections::HashMap;

/// A non-blank line of the original.
#[derive(Debug)]
struct Block<'a> {
    text: &'a str,
    /// Character offset of `text` in the original.
    start: usize,
    words: usize,
    class: Option<RemovalReason>,
}

/// A paragraph of running prose: what separates the header zone (site chrome and the
/// headline) from the article, and the article from the trailer zone.
fn is_body(b: &Block) -> bool {
    b.class.is_none() && ((b.words >= 6 && ends_like_sentence(b.text)) || b.words >= 25)
}

/// Split `original` into its non-blank lines, each trimmed, with character offsets.
fn blocks(original: &str) -> Vec<Block<'_>> {
    let mut out = Vec::new();
    let mut chars = 0;
    for line in original.split_inclusive('\n') {
        let line_chars = char_len(line);
        let trimmed_start = line.trim_start();
        let lead = line.len() - trimmed_start.len();
        let t = trimmed_start.trim_end();
        if !t.is_empty() {
            let lead_chars = char_len(&line[..lead]);
            out.push(Block {
                text: t,
                start: chars + lead_chars,
                words: 0,
                class: None,
            });
        }
        chars += line_chars;
    }
    out
}

/// Clean crawler-flattened text.
///
/// The rules, in order:
/// 1. every line is classified on its own by the boilerplate table ([`Rules::classify`]);
/// 2. lines before the first paragraph of prose are the header: the last one that is not
///    chrome is the headline (moved to the title), the others are site chrome;
/// 3. in the second half of the article, lines that read like an author biography are
///    dropped, as is any repeat of a dropped block;
/// 4. after the last paragraph of prose, one- to three-word lines are chrome.
///
/// A line of prose that no rule matches is always kept.
pub fn clean_text(original: &str, rules: &Rules) -> Cleaned {
    let mut blocks = blocks(original);
    for b in &mut blocks {
        b.words = word_count(b.text, 64);
        b.class = rules.classify(b.text, b.words);
    }
    let first_body = blocks.iter().position(is_body);
    let last_body = blocks.iter().rposition(is_body);
    let mut title = None;

    if let (Some(first), Some(last)) = (first_body, last_body) {
        // Header zone: the headline and site chrome.
        let headline = (0..first)
            .rev()
            .find(|&i| blocks[i].class.is_none() && !ends_like_sentence(blocks[i].text));
        for (i, b) in blocks.iter_mut().enumerate().take(first) {
            if b.class.is_some() || ends_like_sentence(b.text) {
                continue;
            }
            if Some(i) == headline {
                b.class = Some(RemovalReason::Headline);
                title = Some(b.text.to_string());
            } else {
                b.class = Some(RemovalReason::Navigation);
            }
        }
        // Author bios sit at the end.
        let half = blocks.len() / 2;
        for b in blocks.iter_mut().skip(half.max(first + 1)) {
            if b.class.is_none() && rules.is_author_bio(b.text) {
                b.class = Some(RemovalReason::AuthorBio);
            }
        }
        // Trailer zone: short chrome after the last paragraph.
        for b in blocks.iter_mut().skip(last + 1) {
            if b.class.is_none() && b.words <= 3 && !ends_like_sentence(b.text) {
                b.class = Some(RemovalReason::Navigation);
            }
        }
    }
    // A repeat of a dropped block is dropped for the same reason (bios printed twice).
    let mut dropped: HashMap<&str, RemovalReason> = HashMap::new();
    for b in &mut blocks {
        match b.class {
            Some(reason) => {
                dropped.entry(b.text).or_insert(reason);
            }
            None if b.words >= 8 => b.class = dropped.get(b.text).copied(),
            None => {}
        }
    }

    let mut out = Cleaned {
        title,
        ..Cleaned::default()
    };
    for b in &blocks {
        match b.class {
            Some(reason) => out.removed.push(Removed {
                start: b.start,
                end: b.start + char_len(b.text),
                reason,
                text: b.text.to_string(),
            }),
            None => out.push_block(b.text, Some(b.start)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use sitrep_core::Span;

    const PAGE: &str = "Skip to content\n\
Example Daily: News for the Valley\n\
Flood Waters Reach the Old Town\n\
Residents wade through a flooded street. Image Credit: Example Agency.\n\
\n\
Flood waters reached the old town of Riverton on Sunday, forcing hundreds of residents to leave their homes.\n\
\n\
The mayor said 40 people had been rescued by boat and that no one was hurt.\n\
Advertisement\n\
What Comes Next\n\
Engineers will inspect the bridge on Monday, the mayor’s office said.   \n\
Jane Doe covers the valley for Example Daily. She studied journalism in Leeds.\n\
In Other News\n\
Load More\n";

    #[test]
    fn keeps_prose_and_drops_chrome() {
        let c = clean_text(PAGE, Rules::builtin());
        assert_eq!(c.title.as_deref(), Some("Flood Waters Reach the Old Town"));
        assert_eq!(
            c.text,
            "Flood waters reached the old town of Riverton on Sunday, forcing hundreds of \
residents to leave their homes.\n\n\
The mayor said 40 people had been rescued by boat and that no one was hurt.\n\n\
What Comes Next\n\n\
Engineers will inspect the bridge on Monday, the mayor’s office said."
        );
        let reasons: Vec<_> = c.removed.iter().map(|r| r.reason).collect();
        use RemovalReason::*;
        assert_eq!(
            reasons,
            [
                Navigation,
                Navigation,
                Headline,
                Caption,
                Advertisement,
                AuthorBio,
                Related,
                Navigation
            ]
        );
    }

    #[test]
    fn every_kept_character_maps_back_to_the_same_character() {
        let c = clean_text(PAGE, Rules::builtin());
        let orig: Vec<char> = PAGE.chars().collect();
        let clean: Vec<char> = c.text.chars().collect();
        let mut mapped = 0;
        for (i, ch) in clean.iter().enumerate() {
            if let Some(o) = c.alignment.to_original(i) {
                assert_eq!(orig[o], *ch, "clean {i} -> original {o}");
                mapped += 1;
            } else {
                assert_eq!(*ch, '\n', "only inserted breaks are unmapped");
            }
        }
        assert_eq!(mapped + 2 * 3, clean.len());
        for r in &c.removed {
            assert_eq!(Span::new(r.start, r.end).slice(PAGE), r.text);
        }
    }

    #[test]
    fn text_without_prose_is_kept_as_is() {
        let c = clean_text("Ceasefire talks\nresume in Doha", Rules::builtin());
        assert_eq!(c.text, "Ceasefire talks\n\nresume in Doha");
        assert!(c.removed.is_empty());
    }

    #[test]
    fn cleaning_is_idempotent() {
        let once = clean_text(PAGE, Rules::builtin());
        let twice = clean_text(&once.text, Rules::builtin());
        assert_eq!(twice.text, once.text);
    }
}

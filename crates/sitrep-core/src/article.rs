//! [`Article`]: the document every stage after ingest reads and enriches.

use crate::annotation::{Claim, Mention, Quantity, TimeExpr};
use crate::error::{ArticleError, Severity};
use crate::event::EventMention;
use crate::meta::Published;
use crate::span::Span;
use serde::{Deserialize, Serialize};

/// Why a block of the original was left out of the clean text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RemovalReason {
    /// The headline: kept apart in [`Article::title`], not in the text.
    Headline,
    /// Site chrome: navigation, search boxes, menus, "Connect with us", "Load More".
    Navigation,
    /// Advertising ("Advertisement", sponsored blocks).
    Advertisement,
    /// An ad-blocker notice.
    AdblockNotice,
    /// Share, follow, subscribe and newsletter prompts.
    Share,
    /// Image and video captions and credits.
    Caption,
    /// Links to other stories ("More from News", "Related", "In Other News").
    Related,
    /// Comment sections and prompts ("Leave a Comment").
    Comments,
    /// Author biographies.
    AuthorBio,
    /// Bylines and datelines of the page ("Written By", "By Jane Doe", "Updated 5 min ago").
    Byline,
    /// Legal and site footer text (copyright, cookie and privacy notices).
    Footer,
    /// Any other block the main-text extractor judged not to be part of the article.
    Boilerplate,
}

/// One block of the original that is not in the clean text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Removed {
    /// Start, in characters of the **original** text.
    pub start: usize,
    /// End (exclusive), in characters of the original text.
    pub end: usize,
    /// Why it was removed.
    pub reason: RemovalReason,
    /// The removed text itself, for audit.
    pub text: String,
}

/// A run of characters copied verbatim from the original into the clean text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Segment {
    /// Character offset in the clean text.
    pub clean: usize,
    /// Character offset in the original text.
    pub original: usize,
    /// Length in characters.
    pub len: usize,
}

/// Maps the clean text back to the original, segment by segment.
///
/// Characters of the clean text that are not in any segment (the paragraph breaks cleaning
/// inserts) have no original position.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Alignment {
    /// Segments in clean-text order, not overlapping.
    pub segments: Vec<Segment>,
}

impl Alignment {
    /// Add a segment; adjacent segments that continue each other are merged.
    pub fn push(&mut self, clean: usize, original: usize, len: usize) {
        if len == 0 {
            return;
        }
        if let Some(last) = self.segments.last_mut() {
            if last.clean + last.len == clean && last.original + last.len == original {
                last.len += len;
                return;
            }
        }
        self.segments.push(Segment {
            clean,
            original,
            len,
        });
    }

    /// Original position of clean-text character `clean`, if it was copied from the original.
    pub fn to_original(&self, clean: usize) -> Option<usize> {
        let i = self.segments.partition_point(|s| s.clean + s.len <= clean);
        let s = self.segments.get(i)?;
        (s.clean <= clean).then(|| s.original + (clean - s.clean))
    }

    /// Original span covering clean-text span `span` (its first and last mapped characters).
    pub fn span_to_original(&self, span: Span) -> Option<Span> {
        if span.is_empty() {
            return self.to_original(span.start).map(|o| Span::new(o, o));
        }
        let first = (span.start..span.end).find_map(|c| self.to_original(c))?;
        let last = (span.start..span.end)
            .rev()
            .find_map(|c| self.to_original(c))?;
        Some(Span::new(first, last + 1))
    }
}

/// A cleaned article, and everything later stages learn about it.
///
/// Serialised as one line of `articles.jsonl`; the field names are the public contract
/// documented in `docs/schema.md`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// Article id: the JSON `id` or the WARC record id, else the input's path under its root
    /// (`a/report.txt`), with the line or record for a record of a file (`feed.jsonl:3`).
    pub id: String,
    /// Where it came from: a path, with `:LINE` for JSON Lines or `#RECORD` for WARC.
    pub source: String,
    /// Canonical URL.
    pub url: Option<String>,
    /// Publishing outlet.
    pub outlet: Option<String>,
    /// Headline (never part of `text`).
    pub title: Option<String>,
    /// Publication date (`YYYY-MM-DD`) or time (RFC 3339).
    pub published: Option<Published>,
    /// ISO 639-1 language code, declared by the source or detected.
    pub language: Option<String>,
    /// The clean main text. Paragraphs are separated by a blank line (`"\n\n"`).
    pub text: String,
    /// 64-bit content hash of `text` (hex), for duplicate detection and change tracking.
    pub hash: String,
    /// Blocks of the original left out of `text`, in original order.
    pub removed: Vec<Removed>,
    /// Map from `text` back to the original.
    pub alignment: Alignment,
    /// Problems met with this article.
    pub errors: Vec<ArticleError>,
    /// The original text that `removed` and `alignment` refer to: the decoded input for plain
    /// text, the page's text rendering for HTML. Written only on request (`--with-original`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original: Option<String>,
    /// The sentences of `text`, in order, each trimmed of surrounding white space (understand
    /// stage). Every later stage takes its sentence boundaries from here, so all of them agree.
    /// Not serialised: it is derived from `text` and made again whenever understand runs.
    #[serde(skip)]
    pub sentences: Option<Vec<Span>>,
    /// When the article's time budget runs out (set by the pipeline while the stages run, and
    /// cleared after). A stage with several steps checks [`Article::past_deadline`] between
    /// them and stops early with a [`crate::StageError`]; the pipeline then gives the article
    /// up as over budget. Not serialised.
    #[serde(skip)]
    pub deadline: Option<std::time::Instant>,
    /// People, organisations, places, armed groups, weapons (understand stage).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mentions: Option<Vec<Mention>>,
    /// Time expressions resolved against `published` (understand stage).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub times: Option<Vec<TimeExpr>>,
    /// Numbers with what they count (understand stage).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quantities: Option<Vec<Quantity>>,
    /// Who said what (understand stage).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claims: Option<Vec<Claim>>,
    /// Events mentioned (events stage).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event_mentions: Option<Vec<EventMention>>,
    /// Id of the event this article is mainly about (resolve stage).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub main_event: Option<String>,
}

impl Article {
    /// True when the article has a [`Article::deadline`] and it has passed.
    pub fn past_deadline(&self) -> bool {
        self.deadline
            .is_some_and(|d| std::time::Instant::now() >= d)
    }

    /// True when any recorded problem is an error (not just a warning).
    pub fn has_errors(&self) -> bool {
        self.errors.iter().any(|e| e.severity == Severity::Error)
    }

    /// The text of `span` in the clean text.
    pub fn slice(&self, span: Span) -> &str {
        span.slice(&self.text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alignment_maps_clean_offsets_back() {
        // original: "AAA\nxx\nBBBB" ; clean: "AAA\n\nBBBB"
        let mut a = Alignment::default();
        a.push(0, 0, 3);
        a.push(5, 7, 4);
        assert_eq!(a.to_original(0), Some(0));
        assert_eq!(a.to_original(2), Some(2));
        assert_eq!(a.to_original(3), None); // inserted break
        assert_eq!(a.to_original(5), Some(7));
        assert_eq!(a.to_original(8), Some(10));
        assert_eq!(a.to_original(9), None);
        assert_eq!(a.span_to_original(Span::new(1, 7)), Some(Span::new(1, 9)));
    }

    #[test]
    fn alignment_merges_contiguous_segments() {
        let mut a = Alignment::default();
        a.push(0, 10, 3);
        a.push(3, 13, 2);
        a.push(5, 20, 0);
        assert_eq!(a.segments.len(), 1);
        assert_eq!(a.segments[0].len, 5);
    }

    #[test]
    fn later_stage_fields_are_absent_until_a_stage_runs() {
        let a = Article {
            id: "x".into(),
            ..Article::default()
        };
        let j = serde_json::to_value(&a).unwrap();
        assert!(j.get("mentions").is_none());
        assert!(j.get("removed").is_some());
        let back: Article = serde_json::from_value(j).unwrap();
        assert_eq!(back, a);
    }
}

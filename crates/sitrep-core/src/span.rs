//! [`Span`]: a half-open range of Unicode character offsets into an article's clean text.

use serde::{Deserialize, Serialize};

/// A half-open range `[start, end)` of **Unicode character** (scalar value) offsets.
///
/// Every span sitrep writes out is of this kind, counted in [`crate::Article::text`] unless a
/// field says otherwise (the offsets of [`crate::Removed`] count in the original text).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    /// First character, inclusive.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
}

impl Span {
    /// A span from `start` (inclusive) to `end` (exclusive).
    ///
    /// # Panics
    /// When `end < start`.
    pub fn new(start: usize, end: usize) -> Self {
        assert!(start <= end, "span end {end} before start {start}");
        Span { start, end }
    }

    /// Number of characters covered.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// True when the span covers no character.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// The covered text of `text` (character offsets, so this walks the string).
    ///
    /// Out-of-range ends are clamped to the text's length.
    pub fn slice<'a>(&self, text: &'a str) -> &'a str {
        let mut it = text
            .char_indices()
            .map(|(b, _)| b)
            .chain(std::iter::once(text.len()));
        let start = it.nth(self.start).unwrap_or(text.len());
        let end = if self.end == self.start {
            start
        } else {
            it.nth(self.end - self.start - 1).unwrap_or(text.len())
        };
        &text[start..end]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slice_counts_characters_not_bytes() {
        let t = "Kyiv’s “Hind” strike";
        let s = Span::new(7, 13);
        assert_eq!(s.slice(t), "“Hind”");
        assert_eq!(Span::new(0, 0).slice(t), "");
        assert_eq!(Span::new(15, 99).slice(t), "trike");
        assert_eq!(s.len(), 6);
    }

    #[test]
    #[should_panic(expected = "before start")]
    fn reversed_span_panics() {
        let _ = Span::new(3, 2);
    }
}

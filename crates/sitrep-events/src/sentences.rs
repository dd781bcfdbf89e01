//! The article's sentences as the event rules read them: the understand stage's
//! ([`Article::sentences`], character spans), converted to byte spans of the text once.
//!
//! Without them (the understand stage did not run) the whole text is one sentence: the rules
//! still find triggers and type them, and every mention is in the opening. No other splitter is
//! used, so that every stage agrees on where a sentence ends.

use sitrep_core::text::CharIndex;
use sitrep_core::{Article, Span};

/// Sentence spans in bytes, trimmed, in text order; never empty.
#[derive(Debug, Clone)]
pub(crate) struct Sentences {
    spans: Vec<(usize, usize)>,
}

impl Sentences {
    /// The sentences of `article` (see the module docs); `chars` indexes its text.
    pub(crate) fn of_article(article: &Article, chars: &CharIndex) -> Self {
        Self::new(article.text.len(), article.sentences.as_deref(), chars)
    }

    /// From character spans of a text of `len` bytes; `None` or no span: one sentence.
    pub(crate) fn new(len: usize, spans: Option<&[Span]>, chars: &CharIndex) -> Self {
        let byte = |c: usize| chars.char_to_byte(c).min(len);
        let mut spans: Vec<(usize, usize)> = spans
            .unwrap_or_default()
            .iter()
            .map(|s| (byte(s.start), byte(s.end)))
            .collect();
        if spans.is_empty() {
            spans.push((0, len));
        }
        Sentences { spans }
    }

    /// How many sentences.
    pub(crate) fn len(&self) -> usize {
        self.spans.len()
    }

    /// The byte span of sentence `k`.
    pub(crate) fn get(&self, k: usize) -> Option<(usize, usize)> {
        self.spans.get(k).copied()
    }

    /// Every sentence's byte span, in order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.spans.iter().copied()
    }

    /// The sentence of byte `b`: the one whose span contains it, else the nearest before it
    /// (white space between two sentences belongs to the first; anything before the first
    /// sentence to the first). Every byte has a sentence. A binary search.
    pub(crate) fn of(&self, b: usize) -> usize {
        self.spans
            .partition_point(|&(s, _)| s <= b)
            .saturating_sub(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_map_to_the_sentence_at_or_before_them() {
        let text = "  Aé b.  C d.\nE";
        let chars = CharIndex::new(text);
        // Character spans of "Aé b.", "C d.", "E".
        let spans = [Span::new(2, 7), Span::new(9, 13), Span::new(14, 15)];
        let s = Sentences::new(text.len(), Some(&spans), &chars);
        assert_eq!(s.len(), 3);
        // "é" is two bytes: later spans shift by one.
        assert_eq!(s.get(1), Some((10, 14)));
        assert_eq!(s.of(0), 0);
        assert_eq!(s.of(3), 0);
        assert_eq!(s.of(9), 0);
        assert_eq!(s.of(10), 1);
        assert_eq!(s.of(14), 1);
        assert_eq!(s.of(15), 2);
        assert_eq!(s.of(99), 2);
    }

    #[test]
    fn no_sentences_make_one() {
        let text = "A b. C d.";
        let chars = CharIndex::new(text);
        for spans in [None, Some(&[][..])] {
            let s = Sentences::new(text.len(), spans, &chars);
            assert_eq!(s.iter().collect::<Vec<_>>(), vec![(0, text.len())]);
            assert_eq!(s.of(7), 0);
        }
    }
}

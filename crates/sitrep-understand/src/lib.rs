//! sitrep understand: reads each clean article the way an analyst does.
//!
//! So far: time expressions ([`times`]), resolved against the publication date with an honest
//! precision. Mentions, quantities and claims follow (see the issues). Every item is a span of
//! Unicode character offsets into [`sitrep_core::Article::text`], which this stage never changes.
//!
//! ```
//! use sitrep_core::{Annotator, Article, Published};
//! use sitrep_understand::Understand;
//! let mut a = Article {
//!     text: "The depot was hit on Monday, officials said.".into(),
//!     published: Published::parse("2024-05-08"), // a Wednesday
//!     ..Article::default()
//! };
//! Understand::default().annotate(&mut a).unwrap();
//! let t = &a.times.as_ref().unwrap()[0];
//! assert_eq!((t.text.as_str(), t.value.as_deref()), ("on Monday", Some("2024-05-06")));
//! ```

mod cache;
pub mod claims;
pub mod lexicon;
pub mod link;
pub mod mentions;
pub mod quantities;
pub mod times;
pub mod tokens;

use sitrep_core::text::CharIndex;
use sitrep_core::{Annotator, Article, Span, StageError};
use sitrep_kb::Kb;
use std::sync::Arc;

/// The understand stage as one annotator.
#[derive(Debug)]
pub struct Understand {
    times: times::TimeTagger,
    mentions: mentions::MentionFinder,
    linker: link::Linker,
    quantities: quantities::QuantityTagger,
    claims: claims::ClaimTagger,
}

impl Default for Understand {
    fn default() -> Self {
        Understand::with_kb(Kb::embedded_shared())
    }
}

impl Understand {
    /// The stage linking against `kb` instead of the built-in knowledge base. The knowledge
    /// base is shared, not copied: the stage holds one more handle to it.
    pub fn with_kb(kb: Arc<Kb>) -> Self {
        Understand {
            times: times::TimeTagger::default(),
            mentions: mentions::MentionFinder::new(Arc::clone(&kb)),
            linker: link::Linker::new(kb),
            quantities: quantities::QuantityTagger::default(),
            claims: claims::ClaimTagger::default(),
        }
    }
}

impl Annotator for Understand {
    fn name(&self) -> &'static str {
        "understand"
    }

    fn annotate(&self, article: &mut Article) -> Result<(), StageError> {
        cache::clear();
        let text = &article.text;
        let anchor = article.published.map(|p| p.date());
        let toks = tokens::tokenize(text);
        let sents = tokens::sentences(text, &toks);
        let found = self.mentions.find(text, &toks, &sents);
        let mut mentions = self.linker.link(text, &found, anchor);
        let mut quantities = self.quantities.tag_tokens(text, &toks, &sents);
        let mut claims = self
            .claims
            .tag_tokens(text, &toks, &sents, &mentions, &quantities);
        // Byte offsets to character offsets, once, at the end.
        let idx = CharIndex::new(text);
        for m in &mut mentions {
            (m.start, m.end) = (idx.byte_to_char(m.start), idx.byte_to_char(m.end));
        }
        for q in &mut quantities {
            (q.start, q.end) = (idx.byte_to_char(q.start), idx.byte_to_char(q.end));
        }
        for c in &mut claims {
            (c.start, c.end) = (idx.byte_to_char(c.start), idx.byte_to_char(c.end));
        }
        let sentences = sents
            .iter()
            .map(|r| Span::new(idx.byte_to_char(r.start), idx.byte_to_char(r.end)))
            .collect();
        article.times = Some(self.times.tag(text, anchor));
        article.sentences = Some(sentences);
        article.mentions = Some(mentions);
        article.quantities = Some(quantities);
        article.claims = Some(claims);
        Ok(())
    }
}

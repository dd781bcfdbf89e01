//! sitrep understand: reads each clean article the way an analyst does.
//!
//! One pass over an article ([`Understand`], an [`Annotator`]) fills, from its text alone:
//!
//! - [`Article::sentences`]: the character spans of its sentences ([`tokens`] splits the text
//!   into tokens and sentences once, for every tagger; later stages reuse the sentences);
//! - `times`: time expressions resolved against the publication date, with an honest precision
//!   ([`times`]);
//! - `mentions`: people, organisations, armed groups, places, facilities, nationalities and
//!   weapons, with in-article coreference ([`mentions`]), linked to the knowledge base
//!   (`sitrep-kb`) where it knows them ([`link`]);
//! - `quantities`: casualty, damage and other counts, with what they count and what happened
//!   to them ([`quantities`]);
//! - `claims`: who said what, with which stance, through which channel, covering which
//!   quantities ([`claims`]).
//!
//! Every item is a span of Unicode character offsets into [`sitrep_core::Article::text`],
//! which this stage never changes.
//!
//! The word lists the taggers reason with are data, read once when the stage is built:
//! `data/*.tsv` here (each file's header says what it holds and how a row reads) and the
//! workspace's shared lists in `sitrep-lexicon` (function words, reporting verbs, month and
//! weekday names). Adding a title, a claim cue, a counted noun or a unit is a row in one of
//! those files, and a test.
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
//! assert_eq!(a.sentences.as_ref().unwrap().len(), 1);
//! ```

pub mod actor_types;
mod agents;
mod cache;
pub mod claims;
pub mod hosts;
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
    agents: agents::Agents,
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
            agents: agents::Agents::new(&kb),
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
        // Each step is linear in the text; between them, stop if the time budget ran out.
        let check = |step: &str| {
            if article.past_deadline() {
                Err(StageError::past_deadline("understand", step))
            } else {
                Ok(())
            }
        };
        check("sentences")?;
        let found = self.mentions.find(text, &toks, &sents);
        check("finding names")?;
        let outlet = article
            .url
            .as_deref()
            .and_then(hosts::host)
            .or_else(|| article.outlet.as_deref().and_then(hosts::host))
            .and_then(hosts::country_of_host);
        let mut mentions = self
            .linker
            .link_from(text, &found, anchor, outlet.as_deref());
        self.agents.add(text, &toks, &sents, &mut mentions);
        check("linking")?;
        let mut quantities = self.quantities.tag_tokens(text, &toks, &sents);
        check("quantities")?;
        let mut claims = self
            .claims
            .tag_tokens(text, &toks, &sents, &mentions, &quantities);
        check("claims")?;
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

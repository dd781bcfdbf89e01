//! The traits a pipeline stage implements.

use crate::article::Article;
use crate::meta::RawDocument;
use thiserror::Error;

/// A stage failed on one article. Recorded on the article; the run goes on.
#[derive(Debug, Error)]
#[error("{stage}: {message}")]
pub struct StageError {
    /// Stage name.
    pub stage: &'static str,
    /// What went wrong.
    pub message: String,
}

impl StageError {
    /// The stage stopped early because the article's [`Article::deadline`] passed, after
    /// `step`.
    pub fn past_deadline(stage: &'static str, step: &str) -> Self {
        StageError {
            stage,
            message: format!("stopped after {step}: the article's time budget ran out"),
        }
    }
}

/// Turns a raw document into an article: main text, removed blocks, alignment.
///
/// Implementations are immutable after construction and shared across threads.
pub trait Cleaner: Send + Sync {
    /// Clean one document. Never fails: problems are recorded in [`Article::errors`], and an
    /// article with no text left is returned with an empty `text`.
    fn clean(&self, raw: RawDocument) -> Article;
}

/// Enriches an article in place (mentions, times, quantities, claims, event mentions).
///
/// An annotator never changes [`Article::text`]; everything it adds is a span into it.
pub trait Annotator: Send + Sync {
    /// Short stable name, used in error messages.
    fn name(&self) -> &'static str;
    /// Annotate one article.
    fn annotate(&self, article: &mut Article) -> Result<(), StageError>;
}

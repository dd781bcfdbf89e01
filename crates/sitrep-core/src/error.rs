//! Per-article problems: recorded on the article, never fatal to a run.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Stable, machine-readable code of a per-article or per-file problem.
///
/// The serialised names (`snake_case`) are part of the public output contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The file or stream could not be opened or read.
    Unreadable,
    /// The input looks like binary data (images, archives, executables), not text.
    Binary,
    /// The bytes were not valid in the declared (or assumed UTF-8) encoding; decoded lossily.
    InvalidEncoding,
    /// A gzip stream ended early; whatever decompressed cleanly was kept.
    TruncatedGzip,
    /// A WARC file ended in the middle of a record, or a record header is malformed.
    MalformedWarc,
    /// A JSON document or JSON Lines line does not parse, or lacks `text`/`html`.
    MalformedJson,
    /// The input is larger than the configured limit and was not read.
    TooLarge,
    /// No article text was left after cleaning.
    Empty,
    /// A metadata value (such as a publication date) could not be understood; it was ignored.
    BadMetadata,
    /// The same content was already read under another id.
    Duplicate,
    /// A later stage failed on this article; what earlier stages found is kept.
    Stage,
    /// Another article of the same run already has this id, with other text; this one was
    /// not written (ids never silently replace each other within a run).
    IdClash,
    /// The article went over the per-article time budget and was given up.
    OverBudget,
}

impl ErrorCode {
    /// The stable string form, as written to the outputs.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::Unreadable => "unreadable",
            ErrorCode::Binary => "binary",
            ErrorCode::InvalidEncoding => "invalid_encoding",
            ErrorCode::TruncatedGzip => "truncated_gzip",
            ErrorCode::MalformedWarc => "malformed_warc",
            ErrorCode::MalformedJson => "malformed_json",
            ErrorCode::TooLarge => "too_large",
            ErrorCode::Empty => "empty",
            ErrorCode::BadMetadata => "bad_metadata",
            ErrorCode::Duplicate => "duplicate",
            ErrorCode::Stage => "stage",
            ErrorCode::IdClash => "id_clash",
            ErrorCode::OverBudget => "over_budget",
        }
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The article was produced, but something about it is degraded (lossy decoding,
    /// unparseable date). Does not make the run fail.
    Warning,
    /// The article (or file) could not be produced. Makes the run's exit status non-zero.
    Error,
}

/// One problem met while reading or processing an article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleError {
    /// Stable code.
    pub code: ErrorCode,
    /// Whether the article survived it.
    pub severity: Severity,
    /// Human-readable message; names the file (and line or record) it concerns.
    pub message: String,
}

impl ArticleError {
    /// A warning: the article is still produced.
    pub fn warning(code: ErrorCode, message: impl Into<String>) -> Self {
        ArticleError {
            code,
            severity: Severity::Warning,
            message: message.into(),
        }
    }

    /// An error: the article (or file) is not produced.
    pub fn error(code: ErrorCode, message: impl Into<String>) -> Self {
        ArticleError {
            code,
            severity: Severity::Error,
            message: message.into(),
        }
    }
}

impl fmt::Display for ArticleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code, self.message)
    }
}

//! Internal problems, and their mapping to the public [`ErrorCode`]s.

use crate::Item;
use sitrep_core::{ArticleError, ErrorCode};
use std::io;
use thiserror::Error;

/// Something that went wrong while reading an input. `at` names the file (with `:LINE` or
/// `#RECORD` where that helps), so every message names where it happened.
#[derive(Debug, Error)]
pub(crate) enum Problem {
    /// The input could not be opened or read.
    #[error("{at}: cannot read: {err}")]
    Unreadable { at: String, err: io::Error },
    /// The input is not text.
    #[error("{at}: looks like binary data ({why}), not text")]
    Binary { at: String, why: &'static str },
    /// The input (or a line or record of it) is over the size limit.
    #[error("{at}: {what}, over the limit of {limit} bytes; not read")]
    TooLarge {
        at: String,
        what: String,
        limit: u64,
    },
    /// A gzip stream ended early or is corrupt.
    #[error("{at}: gzip stream is cut short or corrupt ({err}){kept}")]
    TruncatedGzip {
        at: String,
        err: io::Error,
        kept: String,
    },
    /// Bad JSON, or JSON without `text`/`html`.
    #[error("{at}: {msg}")]
    MalformedJson { at: String, msg: String },
    /// A WARC file that ends inside a record or has a malformed header.
    #[error("{at}: {msg}")]
    MalformedWarc { at: String, msg: String },
    /// A metadata value or sidecar line that could not be understood.
    #[error("{at}: {msg}")]
    BadMetadata { at: String, msg: String },
}

impl Problem {
    /// The stable public code.
    pub(crate) fn code(&self) -> ErrorCode {
        match self {
            Problem::Unreadable { .. } => ErrorCode::Unreadable,
            Problem::Binary { .. } => ErrorCode::Binary,
            Problem::TooLarge { .. } => ErrorCode::TooLarge,
            Problem::TruncatedGzip { .. } => ErrorCode::TruncatedGzip,
            Problem::MalformedJson { .. } => ErrorCode::MalformedJson,
            Problem::MalformedWarc { .. } => ErrorCode::MalformedWarc,
            Problem::BadMetadata { .. } => ErrorCode::BadMetadata,
        }
    }

    /// As an error: the document (or file) is lost.
    pub(crate) fn error(self) -> ArticleError {
        ArticleError::error(self.code(), self.to_string())
    }

    /// As a warning: the document is still produced.
    pub(crate) fn warning(self) -> ArticleError {
        ArticleError::warning(self.code(), self.to_string())
    }

    /// As an [`Item::Failed`] for `source`.
    pub(crate) fn failed(self, source: impl Into<String>) -> Item {
        Item::Failed {
            source: source.into(),
            error: self.error(),
        }
    }

    /// Classify an I/O error met while reading `at`: a gzip stream that ends early (or is
    /// corrupt) is [`Problem::TruncatedGzip`], anything else [`Problem::Unreadable`].
    pub(crate) fn io(at: impl Into<String>, err: io::Error, gz: bool) -> Problem {
        let at = at.into();
        if gz && is_gzip_error(&err) {
            Problem::TruncatedGzip {
                at,
                err,
                kept: String::new(),
            }
        } else {
            Problem::Unreadable { at, err }
        }
    }
}

/// True for the errors a gzip decoder reports on cut-short or corrupt data.
pub(crate) fn is_gzip_error(err: &io::Error) -> bool {
    matches!(
        err.kind(),
        io::ErrorKind::UnexpectedEof | io::ErrorKind::InvalidInput | io::ErrorKind::InvalidData
    )
}

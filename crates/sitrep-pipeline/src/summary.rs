//! What a run did: counts, skips with reasons, and every failure with its message.

use serde::Serialize;
use sitrep_core::{ArticleError, ErrorCode};
use std::collections::{BTreeMap, HashMap};

/// One input that produced no article.
#[derive(Debug, Clone, Serialize)]
pub struct Failure {
    /// The file (and line or record).
    pub source: String,
    /// Stable code.
    pub code: ErrorCode,
    /// Message naming the file.
    pub message: String,
}

/// The result of a run, written to `run.json` and summarised on stderr.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Summary {
    /// Items read (articles and failed inputs).
    pub read: usize,
    /// Articles written to `articles.jsonl`.
    pub written: usize,
    /// Skipped items by reason (`duplicate`, `empty`, `unreadable`, …).
    pub skipped: BTreeMap<ErrorCode, usize>,
    /// Inputs that failed, with their messages.
    pub failures: Vec<Failure>,
    /// Duplicates: (id, id of the first article with the same content).
    pub duplicates: Vec<(String, String)>,
    /// Warnings: those recorded on written articles (lossy decoding, bad metadata) and
    /// problems that lost no article (a bad sidecar line).
    pub warnings: usize,
    /// Problems that lost no article and belong to no article, with their messages.
    pub notices: Vec<Failure>,
    /// Events resolved across the written articles (`events.jsonl`).
    #[serde(default)]
    pub events: usize,
    /// Seconds spent resolving events across articles.
    #[serde(default)]
    pub resolve_seconds: f64,
    /// Content hash → id of the first article written with it.
    #[serde(skip)]
    pub(crate) seen: HashMap<String, String>,
    /// Id → source of the article written under it.
    #[serde(skip)]
    pub(crate) ids: HashMap<String, String>,
}

impl Summary {
    pub(crate) fn skip(&mut self, code: ErrorCode) {
        *self.skipped.entry(code).or_default() += 1;
    }

    pub(crate) fn fail(&mut self, source: String, error: ArticleError) {
        self.skip(error.code);
        self.failures.push(Failure {
            source,
            code: error.code,
            message: error.message,
        });
    }

    pub(crate) fn note(&mut self, source: String, error: ArticleError) {
        self.warnings += 1;
        self.notices.push(Failure {
            source,
            code: error.code,
            message: error.message,
        });
    }

    /// True when any input failed (duplicates are not failures).
    pub fn has_failures(&self) -> bool {
        !self.failures.is_empty()
    }

    /// One line: `read 7, cleaned 5, skipped 2 (1 duplicate, 1 empty)`.
    pub fn line(&self) -> String {
        let skipped: usize = self.skipped.values().sum();
        let mut s = format!(
            "read {}, cleaned {}, skipped {}",
            self.read, self.written, skipped
        );
        if skipped > 0 {
            let reasons: Vec<String> = self
                .skipped
                .iter()
                .map(|(code, n)| format!("{n} {code}"))
                .collect();
            s.push_str(&format!(" ({})", reasons.join(", ")));
        }
        if self.warnings > 0 {
            s.push_str(&format!(
                ", {} warning{}",
                self.warnings,
                plural(self.warnings)
            ));
        }
        s
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_line_names_reasons() {
        let mut s = Summary {
            read: 4,
            written: 2,
            ..Summary::default()
        };
        s.skip(ErrorCode::Duplicate);
        s.fail(
            "x.bin".into(),
            ArticleError::error(ErrorCode::Binary, "x.bin: binary"),
        );
        assert_eq!(
            s.line(),
            "read 4, cleaned 2, skipped 2 (1 binary, 1 duplicate)"
        );
        assert!(s.has_failures());
    }
}

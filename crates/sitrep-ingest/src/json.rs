//! JSON articles: one object (or an array of them) per `.json` file, or one per line of a
//! JSON Lines stream, read line by line.

use crate::error::Problem;
use crate::io::{read_line, Line};
use crate::open::{one, Items};
use crate::Item;
use serde::Deserialize;
use serde_json::Value;
use sitrep_core::{Body, Meta, Published, RawDocument};
use std::io::{BufRead, Cursor};

/// The fields sitrep reads from a JSON article; others are ignored.
#[derive(Debug, Deserialize)]
struct JsonArticle {
    #[serde(default)]
    id: Option<Value>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    published: Option<Value>,
    #[serde(default)]
    outlet: Option<String>,
    #[serde(default)]
    language: Option<String>,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    html: Option<String>,
}

/// Turn one parsed article into a document. `at` is its source (`file:LINE`, `file#N` or
/// `file`), `default_id` the id used when the JSON has none.
fn to_doc(a: JsonArticle, at: String, default_id: String) -> Result<RawDocument, Problem> {
    // `html` keeps the page's structure for the cleaner; an empty `html` defers to `text`.
    let body = match (a.html, a.text) {
        (Some(html), Some(text)) if html.trim().is_empty() => Body::Text(text),
        (Some(html), _) => Body::Html(html),
        (None, Some(text)) => Body::Text(text),
        (None, None) => {
            let msg = "neither `text` nor `html` is present".to_string();
            return Err(Problem::MalformedJson { at, msg });
        }
    };
    let id = match a.id {
        Some(Value::String(s)) if !s.trim().is_empty() => s,
        Some(Value::Number(n)) => n.to_string(),
        _ => default_id,
    };
    let mut errors = Vec::new();
    let published = match a.published {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) if s.trim().is_empty() => None,
        Some(v) => {
            let s = match &v {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            let parsed = Published::parse(&s);
            if parsed.is_none() {
                let msg = format!("`published` {v} is not a date; ignored");
                errors.push(
                    Problem::BadMetadata {
                        at: at.clone(),
                        msg,
                    }
                    .warning(),
                );
            }
            parsed
        }
    };
    let meta = Meta {
        url: a.url,
        outlet: a.outlet,
        title: a.title,
        published,
        language: a.language,
    };
    Ok(RawDocument {
        id,
        source: at,
        meta,
        body,
        fetched: None,
        errors,
    })
}

/// Parse one article from a value or bytes, as an [`Item`].
fn item(parsed: Result<JsonArticle, serde_json::Error>, at: String, default_id: String) -> Item {
    match parsed {
        Ok(a) => match to_doc(a, at.clone(), default_id) {
            Ok(doc) => Item::Doc(doc),
            Err(p) => p.failed(at),
        },
        Err(err) => Problem::MalformedJson {
            msg: err.to_string(),
            at: at.clone(),
        }
        .failed(at),
    }
}

/// A serde_json message with its position given as a column only (the line is known).
fn line_message(err: &serde_json::Error) -> String {
    let msg = err.to_string();
    let suffix = format!(" at line {} column {}", err.line(), err.column());
    match msg.strip_suffix(&suffix) {
        Some(bare) => format!("{bare} at column {}", err.column()),
        None => msg,
    }
}

/// The articles of a `.json` file already read into `bytes`: one object, or an array of
/// objects (`file#N` each, 1-based). A `.json` file that is really JSON Lines (an object,
/// then more after it) is read as JSON Lines.
pub(crate) fn document(bytes: Vec<u8>, at: &str, stem: &str) -> Items {
    let start = if bytes.starts_with(b"\xef\xbb\xbf") {
        3
    } else {
        0
    };
    let value: Value = match serde_json::from_slice(&bytes[start..]) {
        Ok(v) => v,
        Err(err) if err.to_string().starts_with("trailing characters") => {
            let reader = Box::new(Cursor::new(bytes));
            let max = u64::MAX; // The whole file is already within the limit.
            return Box::new(JsonLines::new(reader, at.into(), stem.into(), max, false));
        }
        Err(err) => {
            return one(Problem::MalformedJson {
                at: at.into(),
                msg: err.to_string(),
            }
            .failed(at));
        }
    };
    match value {
        Value::Array(values) => {
            let (at, stem) = (at.to_string(), stem.to_string());
            Box::new(values.into_iter().enumerate().map(move |(i, v)| {
                let (at, id) = (format!("{at}#{}", i + 1), format!("{stem}#{}", i + 1));
                item(serde_json::from_value(v), at, id)
            }))
        }
        v @ Value::Object(_) => one(item(serde_json::from_value(v), at.into(), stem.into())),
        _ => {
            let msg = "expected an article object or an array of them".to_string();
            one(Problem::MalformedJson { at: at.into(), msg }.failed(at))
        }
    }
}

/// The articles of a JSON Lines stream, one per non-blank line, read lazily.
pub(crate) struct JsonLines {
    reader: Box<dyn BufRead + Send>,
    at: String,
    stem: String,
    max_bytes: u64,
    /// Whether the stream is decompressed gzip (for classifying read errors).
    gz: bool,
    line: usize,
    buf: Vec<u8>,
    done: bool,
}

impl JsonLines {
    /// Read `reader`, named `at` in sources and messages; ids default to `stem-LINE`.
    pub(crate) fn new(
        reader: Box<dyn BufRead + Send>,
        at: String,
        stem: String,
        max_bytes: u64,
        gz: bool,
    ) -> Self {
        JsonLines {
            reader,
            at,
            stem,
            max_bytes,
            gz,
            line: 0,
            buf: Vec::new(),
            done: false,
        }
    }
}

impl Iterator for JsonLines {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        while !self.done {
            self.line += 1;
            let at = format!("{}:{}", self.at, self.line);
            match read_line(&mut self.reader, &mut self.buf, self.max_bytes) {
                Ok(Line::Eof) => self.done = true,
                Ok(Line::TooLong(n)) => {
                    let what = format!("line is {n} bytes");
                    return Some(
                        Problem::TooLarge {
                            at: at.clone(),
                            what,
                            limit: self.max_bytes,
                        }
                        .failed(at),
                    );
                }
                Ok(Line::Terminated | Line::Last) => {
                    let mut line = self.buf.as_slice();
                    if self.line == 1 {
                        line = line.strip_prefix(b"\xef\xbb\xbf").unwrap_or(line);
                    }
                    if line.trim_ascii().is_empty() {
                        continue;
                    }
                    let default_id = format!("{}:{}", self.stem, self.line);
                    let parsed = serde_json::from_slice::<JsonArticle>(line).map_err(|err| {
                        Problem::MalformedJson {
                            at: at.clone(),
                            msg: line_message(&err),
                        }
                    });
                    return Some(match parsed {
                        Ok(a) => item(Ok(a), at, default_id),
                        Err(p) => p.failed(at),
                    });
                }
                Err(err) => {
                    self.done = true;
                    return Some(Problem::io(at.clone(), err, self.gz).failed(at));
                }
            }
        }
        None
    }
}

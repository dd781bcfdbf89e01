//! sitrep ingest: turns paths (and standard input) into a stream of [`RawDocument`]s, or of
//! per-input failures, lazily and in a deterministic order.
//!
//! # Flow
//!
//! [`discover`] expands command-line arguments into [`Input`]s (directories are walked,
//! sorted by file name). A [`Reader`] then reads them one after the other and yields
//! [`Item`]s: input order, then line or record order within an input. Multi-record files
//! (JSON Lines, WARC) are streamed, never read whole.
//!
//! # Formats
//!
//! Told apart by content first (the first 4 KiB), then by file name:
//!
//! | content / name | read as |
//! |---|---|
//! | gzip magic `1f 8b` (`.gz`) | decompressed, then sniffed again |
//! | `WARC/` (`.warc`) | WARC: every successful HTML `response` record is an article (`file#N`) |
//! | `{` / `[` (`.json`, `.jsonl`, `.ndjson`) | JSON: one object or an array (`file#N`) per `.json`; one object per line (`file:LINE`) otherwise |
//! | `<` and an HTML tag (`.html`, `.htm`) | [`Body::Html`] |
//! | other text (`.txt`) | [`Body::Text`] |
//! | NUL or mostly control bytes | failure, [`ErrorCode::Binary`] |
//!
//! JSON articles have `id`, `url`, `title`, `published`, `outlet`, `language` and `text`
//! or `html` (`html` is preferred when both are there). `-` on the command line is JSON Lines
//! on standard input. A `meta.jsonl` sidecar in a file's directory (one
//! `{"file", "published", "outlet", "url", "title", "language"}` per line, `file` naming a
//! file of that same directory) sets metadata for that file (for each of its documents, if
//! it holds several), over anything the file says.
//!
//! Ids: the JSON `id` or the WARC-Record-ID where there is one; otherwise the item's source
//! relative to the input root. A file found by walking a directory is named by its path under
//! that directory, whole (`a/report.txt`, `a/report.html.gz`); a file given by itself by its
//! name (`report.txt`); the records of a JSON Lines file, a JSON array or a WARC file by that
//! and their line or number (`feed.jsonl:3`, `list.json#2`, `crawl.warc#7`); standard input as
//! `stdin:LINE`. So two files never share an id, whatever their names.
//!
//! Text is decoded by BOM, else the declared charset (HTTP header in WARC, `<meta charset>`
//! in the first 2 KiB of HTML), else UTF-8; bytes that do not decode are replaced, with an
//! [`ErrorCode::InvalidEncoding`] warning.
//!
//! # Error policy
//!
//! Nothing panics and nothing stops the run. A document that cannot be produced is an
//! [`Item::Failed`] (severity [`Severity::Error`](sitrep_core::Severity)): unreadable or
//! missing file, binary data, over [`IngestOptions::max_bytes`], bad JSON line, truncated
//! WARC (the records before it are still yielded). A document that is produced but degraded
//! carries warnings in [`RawDocument::errors`]: lossy decoding, a truncated gzip (what
//! decompressed is kept), an unparseable `published`. A malformed sidecar line is an
//! [`Item::Failed`] with a *warning* severity and [`ErrorCode::BadMetadata`], since no
//! article is lost. Every message names the file, and the line or record.
//!
//! # Example
//!
//! ```
//! use sitrep_ingest::{discover, IngestOptions, Item, Reader};
//! use sitrep_core::Body;
//!
//! let dir = tempfile::tempdir()?;
//! std::fs::write(dir.path().join("a.txt"), "Shelling was reported near Kharkiv.")?;
//! std::fs::write(dir.path().join("b.jsonl"), "{\"id\": \"x1\", \"text\": \"Hi\"}\nnot json\n")?;
//!
//! let inputs = discover(&[dir.path().into()]);
//! let items: Vec<Item> = Reader::new(inputs, IngestOptions::default()).collect();
//! let Item::Doc(a) = &items[0] else { panic!() };
//! assert_eq!(a.id, "a.txt");
//! assert!(matches!(&a.body, Body::Text(t) if t.starts_with("Shelling")));
//! let Item::Doc(x1) = &items[1] else { panic!() };
//! assert_eq!((x1.id.as_str(), x1.source.ends_with("b.jsonl:1")), ("x1", true));
//! let Item::Failed { error, .. } = &items[2] else { panic!() };
//! assert!(error.message.ends_with("b.jsonl:2: expected ident at column 2"));
//! # Ok::<(), std::io::Error>(())
//! ```

mod decode;
mod discover;
mod error;
mod http;
mod io;
mod json;
mod open;
mod sidecar;
mod sniff;
mod warc;

pub use discover::discover;
pub use sidecar::SIDECAR_NAME;

use open::Items;
use sidecar::Sidecars;
use sitrep_core::{ArticleError, RawDocument};
#[cfg(doc)]
use sitrep_core::{Body, ErrorCode};
use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;

/// How ingest reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IngestOptions {
    /// Largest single document read, in bytes: a file, a decompressed gzip file, a JSON Lines
    /// line or a WARC record. Larger ones fail with [`ErrorCode::TooLarge`] and are never
    /// held in memory. Default 64 MiB. Multi-record files themselves can be any size.
    pub max_bytes: u64,
}

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions {
            max_bytes: 64 * 1024 * 1024,
        }
    }
}

/// One thing to read.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Input {
    /// A file, by its path as given; its default id is its file name (`report.txt`).
    Path(PathBuf),
    /// A file found by walking the directory `root` ([`discover`]); its default id is its
    /// path relative to `root`, `/`-separated (`a/report.txt`), so files of the same name in
    /// different folders never share an id.
    Walked {
        /// The directory that was walked (the argument as given).
        root: PathBuf,
        /// The file (under `root`).
        path: PathBuf,
    },
    /// Standard input, read as JSON Lines.
    Stdin,
    /// Bytes already in memory (a body posted to a server), read as a file called `name`
    /// would be: sniffed by content, the name's extension as a hint, its stem the default id,
    /// and `name` the source of its items and the start of their messages. No sidecar applies.
    Bytes {
        /// The name it is read under (`body.json`).
        name: String,
        /// The content.
        bytes: Arc<[u8]>,
    },
}

impl Input {
    /// Bytes in memory, read as a file called `name` (see [`Input::Bytes`]).
    pub fn bytes(name: impl Into<String>, bytes: impl Into<Arc<[u8]>>) -> Input {
        Input::Bytes {
            name: name.into(),
            bytes: bytes.into(),
        }
    }
}

impl fmt::Display for Input {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Input::Path(p) | Input::Walked { path: p, .. } => write!(f, "{}", p.display()),
            Input::Stdin => f.write_str("<stdin>"),
            Input::Bytes { name, .. } => f.write_str(name),
        }
    }
}

/// What reading yields: a document, or why one could not be produced.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// A document (perhaps with warnings in its `errors`).
    Doc(RawDocument),
    /// An input, line or record that gave no document.
    Failed {
        /// Where: the path as given, with `:LINE` or `#RECORD` when it is one part of a file.
        source: String,
        /// What went wrong; its message names the file.
        error: ArticleError,
    },
}

impl Item {
    /// Where the item came from.
    pub fn source(&self) -> &str {
        match self {
            Item::Doc(doc) => &doc.source,
            Item::Failed { source, .. } => source,
        }
    }
}

/// Reads inputs one after the other, lazily, as an iterator of [`Item`]s.
///
/// Only one input is open at a time. `meta.jsonl` sidecars are read once per directory, when
/// its first file is reached; their problems come just before that file's items.
pub struct Reader {
    inputs: std::vec::IntoIter<Input>,
    options: IngestOptions,
    sidecars: Sidecars,
    current: Option<Items>,
}

impl Reader {
    /// A reader of `inputs`, in order.
    pub fn new(inputs: impl IntoIterator<Item = Input>, options: IngestOptions) -> Self {
        let inputs: Vec<Input> = inputs.into_iter().collect();
        Reader {
            inputs: inputs.into_iter(),
            options,
            sidecars: Sidecars::default(),
            current: None,
        }
    }

    fn open(&mut self, input: Input) -> Items {
        let path = match input {
            Input::Stdin => return open::open_stdin(&self.options),
            Input::Bytes { name, bytes } => return open::open_bytes(name, bytes, &self.options),
            Input::Path(path) => (sniff::id_base(&path, None), path),
            Input::Walked { root, path } => (sniff::id_base(&path, Some(&root)), path),
        };
        let (base, path) = path;
        let (problems, entry) = self.sidecars.lookup(&path);
        let items = open::open_path(&path, base, &self.options);
        let items: Items = match entry {
            None => items,
            Some(entry) => Box::new(items.map(move |item| match item {
                Item::Doc(mut doc) => {
                    doc.meta = entry.meta.clone().or(doc.meta);
                    doc.errors.extend(entry.warnings.iter().cloned());
                    Item::Doc(doc)
                }
                failed => failed,
            })),
        };
        Box::new(problems.into_iter().chain(items))
    }
}

impl Iterator for Reader {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        loop {
            if let Some(item) = self.current.as_mut().and_then(Iterator::next) {
                return Some(item);
            }
            self.current = None;
            let input = self.inputs.next()?;
            self.current = Some(self.open(input));
        }
    }
}

impl fmt::Debug for Reader {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Reader")
            .field("inputs_left", &self.inputs.len())
            .field("options", &self.options)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_are_read_like_a_file_of_that_name() {
        let body = "{\"id\": \"a\", \"text\": \"One.\"}\n{\"text\": \"Two.\"}\nnot json\n";
        let input = Input::bytes("feed.jsonl", body.as_bytes());
        assert_eq!(input.to_string(), "feed.jsonl");
        let items: Vec<Item> = Reader::new([input], IngestOptions::default()).collect();
        let sources: Vec<&str> = items.iter().map(Item::source).collect();
        assert_eq!(sources, ["feed.jsonl:1", "feed.jsonl:2", "feed.jsonl:3"]);
        let Item::Doc(second) = &items[1] else {
            panic!("{items:?}")
        };
        assert_eq!(second.id, "feed.jsonl:2");
        let Item::Failed { error, .. } = &items[2] else {
            panic!("{items:?}")
        };
        assert!(
            error.message.starts_with("feed.jsonl:3: "),
            "{}",
            error.message
        );

        let page = Input::bytes(
            "report.html",
            &b"<html><body><p>Shelling.</p></body></html>"[..],
        );
        let items: Vec<Item> = Reader::new([page], IngestOptions::default()).collect();
        let Item::Doc(doc) = &items[0] else {
            panic!("{items:?}")
        };
        assert_eq!(
            (doc.id.as_str(), doc.source.as_str()),
            ("report.html", "report.html")
        );
        assert!(matches!(doc.body, sitrep_core::Body::Html(_)));
    }

    #[test]
    fn reader_is_send() {
        fn send<T: Send>() {}
        send::<Reader>();
        assert_eq!(IngestOptions::default().max_bytes, 64 << 20);
    }
}

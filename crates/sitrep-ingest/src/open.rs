//! Opening one input: sniff its format (through gzip), then read it as one document or
//! stream its lines or records.

use crate::decode::decode;
use crate::error::{is_gzip_error, Problem};
use crate::io::{read_limited, Peeked, Stream, Whole};
use crate::json::{self, JsonLines};
use crate::sniff::{self, Format, Hint};
use crate::warc::WarcRecords;
use crate::{IngestOptions, Item};
use flate2::read::MultiGzDecoder;
use sitrep_core::{Body, Meta, RawDocument};
use std::fs::File;
use std::io::{self, BufReader};
use std::iter;
use std::path::Path;
use std::sync::Arc;

/// The items of one input.
pub(crate) type Items = Box<dyn Iterator<Item = Item> + Send>;

/// Buffer size for streamed (JSON Lines, WARC) inputs.
const STREAM_BUF: usize = 256 * 1024;

/// How an input is named and what its name says.
struct Named {
    /// The path as given (or `<stdin>`): the source of its items, and the start of messages.
    at: String,
    /// Default article id, and the start of its records' ids: the input's name relative to
    /// its root.
    stem: String,
    hint: Option<Hint>,
}

/// The items of an input that gives just one.
pub(crate) fn one(item: Item) -> Items {
    Box::new(iter::once(item))
}

/// Open a file;
/// `base` is its default id ([`crate::sniff::id_base`]).
pub(crate) fn open_path(path: &Path, base: String, opts: &IngestOptions) -> Items {
    let at = path.display().to_string();
    let file = match File::open(path) {
        Ok(file) => file,
        Err(err) => {
            return one(Problem::Unreadable {
                at: at.clone(),
                err,
            }
            .failed(at))
        }
    };
    let len = match file.metadata() {
        Ok(md) if md.is_dir() => {
            let err = io::Error::new(io::ErrorKind::IsADirectory, "is a directory");
            return one(Problem::Unreadable {
                at: at.clone(),
                err,
            }
            .failed(at));
        }
        Ok(md) => Some(md.len()),
        Err(_) => None,
    };
    let named = Named {
        at,
        stem: base,
        hint: sniff::hint(path),
    };
    open_stream(Box::new(file), named, len, opts)
}

/// Open standard input, read as JSON Lines (gzip is looked through; WARC is recognised).
pub(crate) fn open_stdin(opts: &IngestOptions) -> Items {
    let named = Named {
        at: "<stdin>".into(),
        stem: "stdin".into(),
        hint: Some(Hint::Jsonl),
    };
    open_stream(Box::new(io::stdin()), named, None, opts)
}

/// Open bytes in memory, read as a file called `name`.
pub(crate) fn open_bytes(name: String, bytes: Arc<[u8]>, opts: &IngestOptions) -> Items {
    let path = Path::new(&name);
    let named = Named {
        stem: name.clone(),
        hint: sniff::hint(path),
        at: name,
    };
    let len = bytes.len() as u64;
    open_stream(Box::new(io::Cursor::new(bytes)), named, Some(len), opts)
}

fn open_stream(stream: Stream, named: Named, len: Option<u64>, opts: &IngestOptions) -> Items {
    let max = opts.max_bytes;
    let mut peeked = Peeked::new(stream);
    let gz = sniff::is_gzip(peeked.head());
    if gz {
        peeked = Peeked::new(Box::new(MultiGzDecoder::new(peeked)));
    }
    let Named { at, stem, hint } = named;
    let format = sniff::decide(hint, sniff::sniff(peeked.head()));
    let buffered = |p: Peeked| Box::new(BufReader::with_capacity(STREAM_BUF, p));
    match format {
        Format::Binary(why) => one(Problem::Binary {
            at: at.clone(),
            why,
        }
        .failed(at)),
        Format::Warc => Box::new(WarcRecords::new(buffered(peeked), at, stem, max, gz)),
        Format::JsonLines => Box::new(JsonLines::new(buffered(peeked), at, stem, max, gz)),
        Format::JsonDoc | Format::Text | Format::Html => {
            if let Some(len) = len.filter(|&len| !gz && len > max) {
                let what = format!("file is {len} bytes");
                return one(Problem::TooLarge {
                    at: at.clone(),
                    what,
                    limit: max,
                }
                .failed(at));
            }
            let (bytes, warning) = match read_limited(&mut peeked, max) {
                Whole::Complete(bytes) => (bytes, None),
                Whole::TooLarge => {
                    let what = if gz {
                        "decompresses to more bytes"
                    } else {
                        "is more bytes"
                    };
                    let what = format!("{what} than the limit");
                    return one(Problem::TooLarge {
                        at: at.clone(),
                        what,
                        limit: max,
                    }
                    .failed(at));
                }
                // A cut-short gzip keeps what decompressed, unless it is JSON (useless cut).
                Whole::Failed(bytes, err)
                    if gz
                        && is_gzip_error(&err)
                        && !bytes.is_empty()
                        && format != Format::JsonDoc =>
                {
                    let kept = format!("; kept the {} bytes that decompressed", bytes.len());
                    let warning = Problem::TruncatedGzip {
                        at: at.clone(),
                        err,
                        kept,
                    }
                    .warning();
                    (bytes, Some(warning))
                }
                Whole::Failed(_, err) => return one(Problem::io(at.clone(), err, gz).failed(at)),
            };
            if format == Format::JsonDoc {
                return json::document(bytes, &at, &stem);
            }
            let html = format == Format::Html;
            let (text, bad_encoding) = decode(bytes, None, html, &at);
            let doc = RawDocument {
                id: stem,
                source: at,
                meta: Meta::default(),
                body: if html {
                    Body::Html(text)
                } else {
                    Body::Text(text)
                },
                fetched: None,
                errors: warning.into_iter().chain(bad_encoding).collect(),
            };
            one(Item::Doc(doc))
        }
    }
}

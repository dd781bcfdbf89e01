//! A streaming WARC reader: one record at a time, skipping what is not an HTML response.
//!
//! A record is a `WARC/1.x` line, header lines, an empty line, `Content-Length` bytes of
//! content and an empty line (`\r\n\r\n`). Common Crawl gzips every record as its own member;
//! [`flate2::read::MultiGzDecoder`] upstream makes that one stream. (The `warc` crate was
//! evaluated and not used: it reads bodies line by line with no size bound, and a file cut
//! inside a record header ends its iteration silently.)

use crate::decode::decode;
use crate::error::{is_gzip_error, Problem};
use crate::http;
use crate::io::{read_limited, read_line, Line, Whole, HEAD_LEN};
use crate::sniff::{is_gzip, sniff, Sniff};
use crate::Item;
use flate2::read::MultiGzDecoder;
use sitrep_core::{Body, Meta, Published, RawDocument};
use std::io::{self, BufRead, Read};

/// Longest header line accepted.
const MAX_HEADER_LINE: u64 = 64 * 1024;
/// Most header bytes accepted for one record.
const MAX_HEADER: usize = 1024 * 1024;

/// What reading one record gave.
enum Step {
    /// No record is left.
    End,
    /// A record that is not an article (skipped silently).
    Skip,
    /// An article, or a record that failed on its own (too large).
    Item(Box<Item>),
}

/// The HTML responses of a WARC stream, as items, read lazily.
pub(crate) struct WarcRecords {
    reader: Box<dyn BufRead + Send>,
    at: String,
    stem: String,
    max_bytes: u64,
    gz: bool,
    /// 1-based number of the record being read.
    record: usize,
    buf: Vec<u8>,
    done: bool,
}

impl WarcRecords {
    /// Read `reader`, named `at` in sources and messages (`at#N` per record).
    pub(crate) fn new(
        reader: Box<dyn BufRead + Send>,
        at: String,
        stem: String,
        max_bytes: u64,
        gz: bool,
    ) -> Self {
        WarcRecords {
            reader,
            at,
            stem,
            max_bytes,
            gz,
            record: 0,
            buf: Vec::new(),
            done: false,
        }
    }

    fn here(&self) -> String {
        format!("{}#{}", self.at, self.record)
    }

    fn malformed(&self, msg: impl Into<String>) -> Problem {
        Problem::MalformedWarc {
            at: self.here(),
            msg: msg.into(),
        }
    }

    fn io_err(&self, err: io::Error) -> Problem {
        if err.kind() == io::ErrorKind::UnexpectedEof || (self.gz && is_gzip_error(&err)) {
            self.malformed(format!("file ends inside the record ({err})"))
        } else {
            Problem::Unreadable {
                at: self.here(),
                err,
            }
        }
    }

    fn line(&mut self) -> Result<Line, Problem> {
        read_line(&mut self.reader, &mut self.buf, MAX_HEADER_LINE).map_err(|e| self.io_err(e))
    }

    fn read_record(&mut self) -> Result<Step, Problem> {
        self.record += 1;
        loop {
            match self.line()? {
                Line::Eof => return Ok(Step::End),
                Line::Terminated | Line::Last if self.buf.trim_ascii().is_empty() => continue,
                Line::Last => return Err(self.malformed("file ends inside the record header")),
                _ => break,
            }
        }
        if !self.buf.starts_with(b"WARC/") {
            let found = String::from_utf8_lossy(&self.buf[..self.buf.len().min(40)]).into_owned();
            return Err(self.malformed(format!("expected a `WARC/1.x` line, found {found:?}")));
        }
        let mut headers: Vec<(String, String)> = Vec::new();
        let mut header_bytes = 0;
        loop {
            match self.line()? {
                Line::Eof | Line::Last => {
                    return Err(self.malformed("file ends inside the record header"))
                }
                Line::TooLong(_) => return Err(self.malformed("header line too long")),
                Line::Terminated if self.buf.is_empty() => break,
                Line::Terminated => {}
            }
            header_bytes += self.buf.len();
            if header_bytes > MAX_HEADER {
                return Err(self.malformed("record header too long"));
            }
            let line = String::from_utf8_lossy(&self.buf);
            if line.starts_with([' ', '\t']) {
                if let Some((_, value)) = headers.last_mut() {
                    value.push(' ');
                    value.push_str(line.trim());
                }
            } else if let Some((name, value)) = line.split_once(':') {
                headers.push((name.trim().to_string(), value.trim().to_string()));
            } else {
                return Err(self.malformed(format!("bad header line {line:?}")));
            }
        }
        let len: u64 = get(&headers, "Content-Length")
            .and_then(|v| v.parse().ok())
            .ok_or_else(|| self.malformed("missing or bad Content-Length"))?;
        let response =
            get(&headers, "WARC-Type").is_some_and(|t| t.eq_ignore_ascii_case("response"));
        if !response || len > self.max_bytes {
            self.skip(len)?;
            self.trailer()?;
            if !response {
                return Ok(Step::Skip);
            }
            let (at, what) = (self.here(), format!("record is {len} bytes"));
            return Ok(Step::item(
                Problem::TooLarge {
                    at: at.clone(),
                    what,
                    limit: self.max_bytes,
                }
                .failed(at),
            ));
        }
        // Content-Length is trusted only as far as the limit, and allocated as it arrives.
        let mut content = Vec::with_capacity(len.min(1 << 20) as usize);
        Read::by_ref(&mut self.reader)
            .take(len)
            .read_to_end(&mut content)
            .map_err(|e| self.io_err(e))?;
        if (content.len() as u64) < len {
            let msg = format!(
                "file ends inside the record content ({} of {len} bytes)",
                content.len()
            );
            return Err(self.malformed(msg));
        }
        self.trailer()?;
        Ok(self.response(content, &headers))
    }

    /// Skip `len` bytes of content.
    fn skip(&mut self, len: u64) -> Result<(), Problem> {
        let n = io::copy(
            &mut Read::by_ref(&mut self.reader).take(len),
            &mut io::sink(),
        )
        .map_err(|e| self.io_err(e))?;
        if n < len {
            return Err(self.malformed(format!(
                "file ends inside the record content ({n} of {len} bytes)"
            )));
        }
        Ok(())
    }

    /// Consume the empty line after the content; what follows must be the next record (or
    /// more empty lines, or the end), else the Content-Length was wrong.
    fn trailer(&mut self) -> Result<(), Problem> {
        for _ in 0..=4 {
            match self.peek()? {
                None | Some(b'W') => return Ok(()),
                Some(b'\r' | b'\n') => self.reader.consume(1),
                Some(_) => break,
            }
        }
        match self.peek()? {
            None | Some(b'W' | b'\r' | b'\n') => Ok(()),
            Some(_) => {
                Err(self
                    .malformed("content is not followed by an empty line (bad Content-Length?)"))
            }
        }
    }

    /// The next byte, not consumed.
    fn peek(&mut self) -> Result<Option<u8>, Problem> {
        match self.reader.fill_buf() {
            Ok(buf) => Ok(buf.first().copied()),
            Err(err) => Err(self.io_err(err)),
        }
    }

    /// Turn a response record's content into an article, if it is a successful HTML page.
    fn response(&self, mut content: Vec<u8>, headers: &[(String, String)]) -> Step {
        let at = self.here();
        let Some(resp) = http::parse(&content) else {
            return Step::Skip;
        };
        if !resp.is_success() {
            return Step::Skip;
        }
        content.drain(..resp.body_start);
        let mut body = content;
        if resp.chunked {
            if let Some(b) = http::dechunk(&body) {
                body = b;
            }
        }
        let mut errors = Vec::new();
        if resp.gzip && is_gzip(&body) {
            match read_limited(&mut MultiGzDecoder::new(body.as_slice()), self.max_bytes) {
                Whole::Complete(b) => body = b,
                Whole::TooLarge => {
                    let what = "HTTP body decompresses to more than the limit".to_string();
                    return Step::item(
                        Problem::TooLarge {
                            at: at.clone(),
                            what,
                            limit: self.max_bytes,
                        }
                        .failed(at),
                    );
                }
                Whole::Failed(b, err) => {
                    let kept = format!("; kept the {} bytes that decompressed", b.len());
                    let p = Problem::TruncatedGzip {
                        at: at.clone(),
                        err,
                        kept,
                    };
                    if b.is_empty() {
                        return Step::item(p.failed(at));
                    }
                    errors.push(p.warning());
                    body = b;
                }
            }
        }
        if !resp.is_html_type() && sniff(&body[..body.len().min(HEAD_LEN)]) != Sniff::Html {
            return Step::Skip;
        }
        let (text, warning) = decode(body, resp.charset.as_deref(), true, &at);
        errors.extend(warning);
        let id = get(headers, "WARC-Record-ID")
            .map(record_id)
            .filter(|id| !id.is_empty())
            .unwrap_or_else(|| format!("{}#{}", self.stem, self.record));
        let url = get(headers, "WARC-Target-URI")
            .map(|u| u.trim_start_matches('<').trim_end_matches('>').to_string());
        let doc = RawDocument {
            id,
            source: at,
            meta: Meta {
                url,
                ..Meta::default()
            },
            body: Body::Html(text),
            fetched: get(headers, "WARC-Date").and_then(Published::parse),
            errors,
        };
        Step::item(Item::Doc(doc))
    }
}

impl Step {
    fn item(item: Item) -> Step {
        Step::Item(Box::new(item))
    }
}

impl Iterator for WarcRecords {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        while !self.done {
            match self.read_record() {
                Ok(Step::End) => self.done = true,
                Ok(Step::Skip) => {}
                Ok(Step::Item(item)) => return Some(*item),
                Err(p) => {
                    self.done = true;
                    return Some(p.failed(self.here()));
                }
            }
        }
        None
    }
}

/// The value of header `name` (case-insensitive), the first if repeated.
fn get<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// `<urn:uuid:X>` → `X`.
fn record_id(raw: &str) -> String {
    let id = raw.trim().trim_start_matches('<').trim_end_matches('>');
    id.strip_prefix("urn:uuid:").unwrap_or(id).to_string()
}

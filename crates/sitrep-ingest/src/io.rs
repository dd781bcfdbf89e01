//! Streaming helpers: peeking at the first bytes of a stream, and bounded reads of a whole
//! stream or of one line, so that no input can make ingest allocate more than the limit.

use std::io::{self, BufRead, Read};

/// How many bytes are peeked at to tell formats apart.
pub(crate) const HEAD_LEN: usize = 4096;

/// Any byte stream ingest reads from.
pub(crate) type Stream = Box<dyn Read + Send>;

/// A stream whose first [`HEAD_LEN`] bytes were read ahead, to sniff its format, and are
/// served again before the rest.
pub(crate) struct Peeked {
    head: Vec<u8>,
    pos: usize,
    /// An error met while reading the head, returned once the head is served.
    err: Option<io::Error>,
    /// Set once `err` was returned: the stream is over.
    failed: bool,
    inner: Stream,
}

impl Peeked {
    /// Read the head of `inner`.
    pub(crate) fn new(mut inner: Stream) -> Self {
        let mut head = Vec::with_capacity(HEAD_LEN);
        let err = inner
            .by_ref()
            .take(HEAD_LEN as u64)
            .read_to_end(&mut head)
            .err();
        Peeked {
            head,
            pos: 0,
            err,
            failed: false,
            inner,
        }
    }

    /// The first bytes of the stream (fewer when it is shorter, or failed early).
    pub(crate) fn head(&self) -> &[u8] {
        &self.head
    }
}

impl Read for Peeked {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.pos < self.head.len() {
            let n = buf.len().min(self.head.len() - self.pos);
            buf[..n].copy_from_slice(&self.head[self.pos..self.pos + n]);
            self.pos += n;
            return Ok(n);
        }
        if let Some(err) = self.err.take() {
            self.failed = true;
            return Err(err);
        }
        if self.failed {
            return Ok(0);
        }
        self.inner.read(buf)
    }
}

/// How a bounded read of a whole stream ended.
pub(crate) enum Whole {
    /// All of it, within the limit.
    Complete(Vec<u8>),
    /// More than the limit; what was read is dropped.
    TooLarge,
    /// A read error, with the bytes read before it.
    Failed(Vec<u8>, io::Error),
}

/// Read all of `r`, but never more than `limit + 1` bytes.
pub(crate) fn read_limited(r: &mut dyn Read, limit: u64) -> Whole {
    let mut buf = Vec::new();
    let res = r.take(limit.saturating_add(1)).read_to_end(&mut buf);
    if buf.len() as u64 > limit {
        return Whole::TooLarge;
    }
    match res {
        Ok(_) => Whole::Complete(buf),
        Err(err) => Whole::Failed(buf, err),
    }
}

/// What [`read_line`] found.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Line {
    /// The stream is over: no byte was left.
    Eof,
    /// A line (possibly empty) is in the buffer, without its `\n` or `\r\n`.
    Terminated,
    /// The last line of the stream, with no `\n` after it, is in the buffer.
    Last,
    /// The line was longer than the limit (its length in bytes); it was skipped, not stored.
    TooLong(u64),
}

/// Read one line of `r` into `buf` (cleared first), storing at most `limit` bytes of it.
///
/// A longer line is consumed to its end without being stored, so memory stays bounded.
pub(crate) fn read_line(r: &mut dyn BufRead, buf: &mut Vec<u8>, limit: u64) -> io::Result<Line> {
    buf.clear();
    let mut len: u64 = 0;
    let mut any = false;
    let mut too_long = false;
    let mut ended = false;
    loop {
        let avail = match r.fill_buf() {
            Ok(avail) => avail,
            Err(err) if err.kind() == io::ErrorKind::Interrupted => continue,
            Err(err) => return Err(err),
        };
        if avail.is_empty() {
            break;
        }
        any = true;
        let (chunk, newline) = match avail.iter().position(|&b| b == b'\n') {
            Some(i) => (i + 1, true),
            None => (avail.len(), false),
        };
        len += chunk as u64;
        if !too_long {
            // Leave room for a trailing "\r\n", stripped below.
            if (buf.len() + chunk) as u64 > limit.saturating_add(2) {
                too_long = true;
                buf.clear();
            } else {
                buf.extend_from_slice(&avail[..chunk]);
            }
        }
        r.consume(chunk);
        if newline {
            len -= 1;
            ended = true;
            break;
        }
    }
    if !any {
        return Ok(Line::Eof);
    }
    if too_long {
        return Ok(Line::TooLong(len));
    }
    if buf.last() == Some(&b'\n') {
        buf.pop();
    }
    if buf.last() == Some(&b'\r') {
        buf.pop();
    }
    if buf.len() as u64 > limit {
        return Ok(Line::TooLong(buf.len() as u64));
    }
    Ok(if ended { Line::Terminated } else { Line::Last })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

    #[test]
    fn peeked_serves_the_head_then_the_rest() {
        let data: Vec<u8> = (0..10_000u32).map(|i| (i % 251) as u8).collect();
        let mut p = Peeked::new(Box::new(Cursor::new(data.clone())));
        assert_eq!(p.head().len(), HEAD_LEN);
        let mut all = Vec::new();
        p.read_to_end(&mut all).unwrap();
        assert_eq!(all, data);
    }

    #[test]
    fn read_limited_stops_past_the_limit() {
        assert!(matches!(
            read_limited(&mut Cursor::new(vec![0; 11]), 10),
            Whole::TooLarge
        ));
        assert!(
            matches!(read_limited(&mut Cursor::new(vec![0; 10]), 10), Whole::Complete(v) if v.len() == 10)
        );
    }

    #[test]
    fn read_line_bounds_and_strips() {
        let mut r = Cursor::new(b"ab\r\n\nxxxxxxxxxxxx\nlast".to_vec());
        let mut buf = Vec::new();
        assert_eq!(read_line(&mut r, &mut buf, 5).unwrap(), Line::Terminated);
        assert_eq!(buf, b"ab");
        assert_eq!(read_line(&mut r, &mut buf, 5).unwrap(), Line::Terminated);
        assert!(buf.is_empty());
        assert_eq!(read_line(&mut r, &mut buf, 5).unwrap(), Line::TooLong(12));
        assert_eq!(read_line(&mut r, &mut buf, 5).unwrap(), Line::Last);
        assert_eq!(buf, b"last");
        assert_eq!(read_line(&mut r, &mut buf, 5).unwrap(), Line::Eof);
    }
}

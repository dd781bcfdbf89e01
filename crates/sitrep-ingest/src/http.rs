//! The HTTP response inside a WARC `response` record: status, headers, body.

use crate::decode::charset_value;

/// How far into a record the end of the HTTP head is looked for.
const MAX_HEAD: usize = 64 * 1024;

/// The parts of an HTTP response ingest uses.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Response {
    /// Status code (`200`).
    pub status: u16,
    /// MIME type of `Content-Type`, lower-case, without parameters.
    pub mime: Option<String>,
    /// `charset` parameter of `Content-Type`.
    pub charset: Option<String>,
    /// `Transfer-Encoding: chunked` is still applied to the body.
    pub chunked: bool,
    /// `Content-Encoding` is gzip (or deflate-compatible gzip).
    pub gzip: bool,
    /// Byte offset of the body in the record content.
    pub body_start: usize,
}

impl Response {
    /// True for 2xx statuses.
    pub(crate) fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }

    /// True when `Content-Type` names HTML.
    pub(crate) fn is_html_type(&self) -> bool {
        matches!(
            self.mime.as_deref(),
            Some("text/html" | "application/xhtml+xml")
        )
    }
}

/// Parse the status line and headers at the start of `content`; `None` when it is not an
/// HTTP response (a `dns:` record, say).
pub(crate) fn parse(content: &[u8]) -> Option<Response> {
    let scan = &content[..content.len().min(MAX_HEAD)];
    let (head_len, body_start) = match scan.windows(4).position(|w| w == b"\r\n\r\n") {
        Some(i) => (i, i + 4),
        None => {
            let i = scan.windows(2).position(|w| w == b"\n\n")?;
            (i, i + 2)
        }
    };
    let head = String::from_utf8_lossy(&content[..head_len]);
    let mut lines = head.lines();
    let status_line = lines.next()?;
    let mut parts = status_line.split_whitespace();
    if !parts.next()?.starts_with("HTTP/") {
        return None;
    }
    let status = parts.next()?.parse().ok()?;
    let mut resp = Response {
        status,
        body_start,
        ..Response::default()
    };
    for line in lines {
        let Some((name, value)) = line.split_once(':') else {
            continue;
        };
        let (name, value) = (name.trim(), value.trim());
        if name.eq_ignore_ascii_case("content-type") {
            let lower = value.to_ascii_lowercase();
            let mime = lower.split(';').next().unwrap_or("").trim();
            resp.mime = (!mime.is_empty()).then(|| mime.to_string());
            resp.charset = lower
                .find("charset")
                .and_then(|i| charset_value(&lower.as_bytes()[i + 7..]));
        } else if name.eq_ignore_ascii_case("transfer-encoding") {
            resp.chunked = value.to_ascii_lowercase().contains("chunked");
        } else if name.eq_ignore_ascii_case("content-encoding") {
            let v = value.to_ascii_lowercase();
            resp.gzip = v.contains("gzip");
        }
    }
    Some(resp)
}

/// Undo `Transfer-Encoding: chunked`; `None` when the body is not well-formed chunks.
pub(crate) fn dechunk(body: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(body.len());
    let mut rest = body;
    loop {
        let eol = rest.windows(2).position(|w| w == b"\r\n")?;
        let size_str = std::str::from_utf8(&rest[..eol]).ok()?;
        let size_str = size_str.split(';').next()?.trim();
        let size = usize::from_str_radix(size_str, 16).ok()?;
        rest = &rest[eol + 2..];
        if size == 0 {
            return Some(out);
        }
        let chunk = rest.get(..size)?;
        out.extend_from_slice(chunk);
        rest = rest.get(size..)?;
        rest = rest.strip_prefix(b"\r\n").unwrap_or(rest);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_status_and_content_type() {
        let raw = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=\"KOI8-R\"\r\n\r\n<p>";
        let r = parse(raw).unwrap();
        assert_eq!(r.status, 200);
        assert!(r.is_html_type() && r.is_success());
        assert_eq!(r.charset.as_deref(), Some("koi8-r"));
        assert_eq!(&raw[r.body_start..], b"<p>");
        assert!(parse(b"not http\r\n\r\n").is_none());
        assert!(!parse(b"HTTP/1.1 404 Not Found\r\n\r\n")
            .unwrap()
            .is_success());
    }

    #[test]
    fn dechunks() {
        assert_eq!(
            dechunk(b"3\r\nabc\r\n2;x=y\r\nde\r\n0\r\n\r\n").unwrap(),
            b"abcde"
        );
        assert!(dechunk(b"zz\r\nabc").is_none());
    }
}

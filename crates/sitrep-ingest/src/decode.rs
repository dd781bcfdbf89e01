//! Bytes to text: byte order mark first, then a declared charset (the HTTP header, or for
//! HTML a `<meta>` tag in the first 2 KiB), else UTF-8, decoded lossily with a warning.

use encoding_rs::{Encoding, UTF_8};
use sitrep_core::{ArticleError, ErrorCode};

/// How far into an HTML page a `<meta charset>` is looked for.
const META_SCAN: usize = 2048;

/// Decode `bytes` of the document `at`.
///
/// `declared` is a charset label from outside the document (an HTTP `Content-Type`);
/// `html` allows looking for one in the page itself. Returns the text and, when bytes had to
/// be replaced, an [`ErrorCode::InvalidEncoding`] warning naming `at`.
pub(crate) fn decode(
    bytes: Vec<u8>,
    declared: Option<&str>,
    html: bool,
    at: &str,
) -> (String, Option<ArticleError>) {
    if let Some((enc, bom)) = Encoding::for_bom(&bytes) {
        return decode_as(enc, &bytes[bom..], at, "its byte order mark");
    }
    let label = declared.map(str::to_string).or_else(|| {
        if html {
            meta_charset(&bytes[..bytes.len().min(META_SCAN)])
        } else {
            None
        }
    });
    // `output_encoding` maps UTF-16 labels in a page (which cannot be right) to UTF-8.
    match label
        .as_deref()
        .and_then(|l| Encoding::for_label(l.as_bytes()))
    {
        Some(enc) if enc.output_encoding() != UTF_8 => {
            decode_as(enc.output_encoding(), &bytes, at, "its declared charset")
        }
        Some(_) => utf8_lossy(bytes, at, "declared UTF-8"),
        None => utf8_lossy(bytes, at, "no charset declared"),
    }
}

/// Decode with a known encoding; malformed sequences become U+FFFD, with a warning.
fn decode_as(
    enc: &'static Encoding,
    bytes: &[u8],
    at: &str,
    why: &str,
) -> (String, Option<ArticleError>) {
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    let warning = had_errors.then(|| {
        let n = text
            .chars()
            .filter(|&c| c == char::REPLACEMENT_CHARACTER)
            .count();
        ArticleError::warning(
            ErrorCode::InvalidEncoding,
            format!(
                "{at}: not valid {} ({why}); decoded lossily, {n} malformed sequence(s) replaced",
                enc.name()
            ),
        )
    });
    (text.into_owned(), warning)
}

/// UTF-8, without copying when valid; otherwise lossily, counting the replaced bytes.
fn utf8_lossy(bytes: Vec<u8>, at: &str, why: &str) -> (String, Option<ArticleError>) {
    let bytes = match String::from_utf8(bytes) {
        Ok(text) => return (text, None),
        Err(err) => err.into_bytes(),
    };
    let mut text = String::with_capacity(bytes.len() + 16);
    let mut replaced = 0;
    for chunk in bytes.utf8_chunks() {
        text.push_str(chunk.valid());
        if !chunk.invalid().is_empty() {
            replaced += chunk.invalid().len();
            text.push(char::REPLACEMENT_CHARACTER);
        }
    }
    let warning = ArticleError::warning(
        ErrorCode::InvalidEncoding,
        format!("{at}: not valid UTF-8 ({why}); decoded lossily, {replaced} byte(s) replaced"),
    );
    (text, Some(warning))
}

/// The charset a `<meta charset=…>` or `<meta http-equiv … content="…; charset=…">` tag
/// declares in `head`.
pub(crate) fn meta_charset(head: &[u8]) -> Option<String> {
    let lower = head.to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = find(&lower[from..], b"<meta") {
        let tag_start = from + i + 5;
        let tag_end = find(&lower[tag_start..], b">").map_or(lower.len(), |e| tag_start + e);
        let tag = &lower[tag_start..tag_end];
        if let Some(label) = find(tag, b"charset").and_then(|c| charset_value(&tag[c + 7..])) {
            return Some(label);
        }
        from = tag_end;
    }
    None
}

/// The value after `charset`: optional spaces, `=`, optional spaces and quotes, a label.
pub(crate) fn charset_value(s: &[u8]) -> Option<String> {
    let s = s.trim_ascii_start().strip_prefix(b"=")?;
    let s = s.trim_ascii_start();
    let s = s
        .strip_prefix(b"\"")
        .or_else(|| s.strip_prefix(b"'"))
        .unwrap_or(s);
    let end = s
        .iter()
        .position(|&b| !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':')))
        .unwrap_or(s.len());
    (end > 0).then(|| String::from_utf8_lossy(&s[..end]).into_owned())
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_meta_charsets() {
        assert_eq!(
            meta_charset(b"<head><META Charset=\"Windows-1251\">").as_deref(),
            Some("windows-1251")
        );
        assert_eq!(
            meta_charset(
                b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\">"
            )
            .as_deref(),
            Some("iso-8859-1")
        );
        assert_eq!(meta_charset(b"<meta name=x><p>charset=koi8-r"), None);
    }

    #[test]
    fn bom_wins_and_valid_utf8_is_not_copied_or_warned() {
        let (t, w) = decode(b"\xef\xbb\xbfKyiv".to_vec(), Some("latin1"), false, "a");
        assert_eq!((t.as_str(), w), ("Kyiv", None));
        let (t, w) = decode("Київ".as_bytes().to_vec(), None, true, "a");
        assert_eq!((t.as_str(), w), ("Київ", None));
    }

    #[test]
    fn declared_charset_decodes() {
        let (t, w) = decode(b"caf\xe9".to_vec(), Some("ISO-8859-1"), false, "a");
        assert_eq!((t.as_str(), w), ("café", None));
    }

    #[test]
    fn invalid_utf8_is_lossy_with_a_count() {
        let (t, w) = decode(b"a\xff\xfeb".to_vec(), None, false, "f.txt");
        assert_eq!(t, "a\u{fffd}\u{fffd}b");
        let w = w.unwrap();
        assert_eq!(w.code, ErrorCode::InvalidEncoding);
        assert!(
            w.message.starts_with("f.txt: ") && w.message.contains("2 byte(s)"),
            "{}",
            w.message
        );
    }
}

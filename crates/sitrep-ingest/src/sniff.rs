//! Telling formats apart: by the first bytes of the content, then by the file name.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE};
use std::path::Path;

/// What the first bytes of a stream look like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Sniff {
    /// gzip magic `1f 8b`.
    Gzip,
    /// Starts with `WARC/`.
    Warc,
    /// `{` or `[` (the byte) after whitespace and BOM.
    Json(u8),
    /// `<` and an HTML-ish tag after whitespace and BOM.
    Html,
    /// Anything else that is text.
    Text,
    /// NUL bytes or mostly control bytes (why).
    Binary(&'static str),
}

/// What the file name says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Hint {
    Text,
    Html,
    Json,
    Jsonl,
    Warc,
}

/// The format an input is read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    Text,
    Html,
    /// One JSON object, or an array of them.
    JsonDoc,
    /// One JSON object per line.
    JsonLines,
    Warc,
    Binary(&'static str),
}

/// Tags that make a leading `<` HTML.
const HTML_TAGS: &[&str] = &[
    "!doctype", "!--", "html", "head", "body", "div", "p", "meta", "article", "title", "script",
    "style", "link", "section", "main", "header", "span", "table", "h1", "h2", "h3", "a", "br",
];

/// True when `head` starts with the gzip magic.
pub(crate) fn is_gzip(head: &[u8]) -> bool {
    head.starts_with(&[0x1f, 0x8b])
}

/// Look at the first bytes of a stream.
pub(crate) fn sniff(head: &[u8]) -> Sniff {
    if is_gzip(head) {
        return Sniff::Gzip;
    }
    if let Some((enc, bom)) = Encoding::for_bom(head) {
        if enc == UTF_16LE || enc == UTF_16BE {
            // UTF-16 is full of NUL bytes: judge its decoded text instead.
            let (text, _) = enc.decode_without_bom_handling(&head[bom..]);
            return sniff_text(text.as_bytes());
        }
        return sniff_text(&head[bom..]);
    }
    if head.starts_with(b"WARC/") {
        return Sniff::Warc;
    }
    if head.contains(&0) {
        return Sniff::Binary("NUL bytes");
    }
    let control = head
        .iter()
        .filter(|&&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c | 0x1b)) || b == 0x7f)
        .count();
    if control * 10 > head.len() * 3 {
        return Sniff::Binary("mostly control bytes");
    }
    sniff_text(head)
}

/// Sniff text that is known not to be binary.
fn sniff_text(head: &[u8]) -> Sniff {
    let start = head
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(head.len());
    let rest = &head[start..];
    match rest.first() {
        Some(&b) if b == b'{' || b == b'[' => Sniff::Json(b),
        Some(b'<') if is_html_tag(&rest[1..]) => Sniff::Html,
        _ => Sniff::Text,
    }
}

/// True when `after` (what follows a `<`) starts with one of [`HTML_TAGS`].
pub(crate) fn is_html_tag(after: &[u8]) -> bool {
    HTML_TAGS.iter().any(|tag| {
        let n = tag.len();
        after.len() >= n
            && after[..n].eq_ignore_ascii_case(tag.as_bytes())
            && (tag.starts_with('!')
                || after
                    .get(n)
                    .is_none_or(|&b| b == b'>' || b == b'/' || b.is_ascii_whitespace()))
    })
}

/// What the file name of `path` says about its format (a trailing `.gz` is looked through).
pub(crate) fn hint(path: &Path) -> Option<Hint> {
    let name = path.file_name()?.to_string_lossy().to_ascii_lowercase();
    let name = name
        .strip_suffix(".gz")
        .or_else(|| name.strip_suffix(".gzip"))
        .unwrap_or(&name);
    let (_, ext) = name.rsplit_once('.')?;
    match ext {
        "txt" | "text" => Some(Hint::Text),
        "html" | "htm" | "xhtml" => Some(Hint::Html),
        "json" => Some(Hint::Json),
        "jsonl" | "ndjson" => Some(Hint::Jsonl),
        "warc" => Some(Hint::Warc),
        _ => None,
    }
}

/// The default article id of the file `path`: its path relative to `root`, the directory it
/// was found under, with `/` between folders (`a/report.html.gz`); without a root, or when
/// `path` is not under it, its file name. Names are kept whole, extensions included, so
/// `report.txt` and `report.html` never share an id.
pub(crate) fn id_base(path: &Path, root: Option<&Path>) -> String {
    let relative = root.and_then(|root| path.strip_prefix(root).ok());
    match relative {
        Some(rel) if rel.components().next().is_some() => {
            let parts: Vec<_> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect();
            parts.join("/")
        }
        _ => match path.file_name() {
            Some(name) => name.to_string_lossy().into_owned(),
            None => path.display().to_string(),
        },
    }
}

/// Decide the format from what the content looks like and what the name says.
///
/// The content wins where it is decisive (WARC, binary); the name tells a JSON document from
/// JSON Lines and keeps HTML fragments as HTML; otherwise the content decides.
pub(crate) fn decide(hint: Option<Hint>, sniffed: Sniff) -> Format {
    match (sniffed, hint) {
        (Sniff::Warc, _) => Format::Warc,
        (Sniff::Binary(why), _) => Format::Binary(why),
        (Sniff::Gzip, _) => Format::Binary("gzip inside gzip"),
        (_, Some(Hint::Warc)) => Format::Warc,
        (_, Some(Hint::Jsonl)) => Format::JsonLines,
        (_, Some(Hint::Json)) => Format::JsonDoc,
        (_, Some(Hint::Html)) | (Sniff::Html, _) => Format::Html,
        (_, Some(Hint::Text)) => Format::Text,
        (Sniff::Json(b'['), None) => Format::JsonDoc,
        (Sniff::Json(_), None) => Format::JsonLines,
        (Sniff::Text, None) => Format::Text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_by_content() {
        assert_eq!(sniff(b"\x1f\x8b\x08"), Sniff::Gzip);
        assert_eq!(sniff(b"WARC/1.0\r\n"), Sniff::Warc);
        assert_eq!(sniff(b"\xef\xbb\xbf  {\"a\":1}"), Sniff::Json(b'{'));
        assert_eq!(sniff(b"\n[{}]"), Sniff::Json(b'['));
        assert_eq!(sniff(b"  <!DOCTYPE html><html>"), Sniff::Html);
        assert_eq!(sniff(b"<p>Hi</p>"), Sniff::Html);
        assert_eq!(sniff(b"<pre>x"), Sniff::Text);
        assert_eq!(sniff(b"<not a tag"), Sniff::Text);
        assert_eq!(sniff(b"Kyiv, 24 May"), Sniff::Text);
        assert_eq!(sniff(b""), Sniff::Text);
        assert_eq!(
            sniff(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
            Sniff::Binary("NUL bytes")
        );
        assert_eq!(
            sniff(b"\x01\x02\x03\x04ab"),
            Sniff::Binary("mostly control bytes")
        );
        // UTF-16 with a BOM is text, not binary.
        assert_eq!(sniff(b"\xff\xfe<\0p\0>\0"), Sniff::Html);
    }

    #[test]
    fn ids_are_paths_under_the_root_kept_whole() {
        let root = Path::new("crawl");
        let id = |p: &str| id_base(Path::new(p), Some(root));
        assert_eq!(id("crawl/a/report.txt"), "a/report.txt");
        assert_eq!(id("crawl/a/report.html"), "a/report.html");
        assert_eq!(id("crawl/b/report.txt"), "b/report.txt");
        assert_eq!(id("crawl/d/abc.html.gz"), "d/abc.html.gz");
        assert_eq!(id("elsewhere/x.txt"), "x.txt");
        assert_eq!(id_base(Path::new("d/report.v2.TXT"), None), "report.v2.TXT");
        assert_eq!(id_base(Path::new("noext"), None), "noext");
        // A file given as the root itself is named by its file name.
        assert_eq!(
            id_base(Path::new("x.txt"), Some(Path::new("x.txt"))),
            "x.txt"
        );
    }

    #[test]
    fn name_and_content_decide_together() {
        assert_eq!(hint(Path::new("a.HTML.gz")), Some(Hint::Html));
        assert_eq!(hint(Path::new("a.warc.gz")), Some(Hint::Warc));
        assert_eq!(hint(Path::new("a")), None);
        assert_eq!(decide(Some(Hint::Html), Sniff::Text), Format::Html);
        assert_eq!(decide(Some(Hint::Text), Sniff::Html), Format::Html);
        assert_eq!(decide(Some(Hint::Text), Sniff::Json(b'{')), Format::Text);
        assert_eq!(decide(Some(Hint::Json), Sniff::Warc), Format::Warc);
        assert_eq!(decide(None, Sniff::Json(b'{')), Format::JsonLines);
        assert_eq!(decide(None, Sniff::Json(b'[')), Format::JsonDoc);
        assert_eq!(
            decide(Some(Hint::Html), Sniff::Binary("x")),
            Format::Binary("x")
        );
    }
}

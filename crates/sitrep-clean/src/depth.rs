//! A cap on how deep an HTML page nests, applied before the page is parsed.
//!
//! The HTML parser and the main-text extractor walk the stack of open elements for many tags,
//! so a page of N nested elements costs them time in N²: 20,000 nested `<div>`s took minutes.
//! Browsers cap the depth of the tree they build for the same reason (Chromium's parser at 512
//! levels: deeper elements are added beside their parent, not inside it). This pass does the
//! same on the source text, in one linear scan: past [`MAX_DEPTH`] open elements, a start tag
//! is dropped (a block-level one leaves a `<br>`, so its text still starts a new line) and so
//! is its end tag; the text inside is kept. A page that never nests that deep is returned as
//! it is, byte for byte.
//!
//! The scan tracks open elements as a tolerant parser would: void and self-closed elements do
//! not open, an element whose end tag is optional (`p`, `li`, `td`, …) is closed by the next of
//! its kind, an end tag closes the elements opened inside it, a stray end tag is ignored, and
//! comments and the text of `script`, `style`, `textarea` and `title` are skipped.

use std::borrow::Cow;
use std::collections::HashMap;

/// Deepest nesting kept, as in Chromium's HTML parser.
pub const MAX_DEPTH: usize = 512;

/// Elements that never have content.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Elements whose end tag may be left out: the next start tag of the same kind closes them.
const SELF_CLOSING_KIND: &[&str] = &[
    "p", "li", "dt", "dd", "option", "tr", "td", "th", "rt", "rp",
];

/// Elements whose content is raw text, up to their end tag.
const RAW_TEXT: &[&str] = &[
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "plaintext",
];

/// Block-level elements: one that is dropped leaves a line break.
const BLOCK: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "td",
    "th",
    "tr",
    "ul",
];

/// `html` with its nesting capped at `max` open elements (see the module docs); borrowed when
/// nothing had to change.
pub fn cap_depth(html: &str, max: usize) -> Cow<'_, str> {
    let b = html.as_bytes();
    let mut open: Vec<String> = Vec::new();
    // How many of each name are open, so an end tag finds its element without a walk.
    let mut count: HashMap<String, usize> = HashMap::new();
    // Names of the dropped start tags whose end tags are still to come, by name.
    let mut dropped: HashMap<String, usize> = HashMap::new();
    // Byte ranges to cut, each with what replaces it.
    let mut cuts: Vec<(usize, usize, &'static str)> = Vec::new();
    let mut i = 0;
    while let Some(off) = memchr(b'<', &b[i..]) {
        let lt = i + off;
        let rest = &b[lt + 1..];
        if rest.starts_with(b"!--") {
            i = find(b, lt + 4, b"-->").map_or(b.len(), |e| e + 3);
            continue;
        }
        if matches!(rest.first(), Some(b'!' | b'?')) {
            i = memchr(b'>', rest).map_or(b.len(), |e| lt + 1 + e + 1);
            continue;
        }
        let closing = rest.first() == Some(&b'/');
        let name_at = lt + 1 + usize::from(closing);
        let name_len = b[name_at..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b':'))
            .count();
        if name_len == 0 || !b[name_at].is_ascii_alphabetic() {
            i = lt + 1;
            continue;
        }
        let name = html[name_at..name_at + name_len].to_ascii_lowercase();
        let Some(gt) = tag_end(b, name_at + name_len) else {
            break;
        };
        let end = gt + 1;
        if closing {
            if let Some(n) = dropped.get_mut(&name).filter(|n| **n > 0) {
                *n -= 1;
                cuts.push((lt, end, ""));
            } else if count.get(&name).is_some_and(|&n| n > 0) {
                while let Some(top) = open.pop() {
                    dec(&mut count, &top);
                    if top == name {
                        break;
                    }
                }
            }
            i = end;
            continue;
        }
        let self_closed = b[gt - 1] == b'/';
        if RAW_TEXT.contains(&name.as_str()) && !self_closed {
            let close = format!("</{name}");
            i = find_ci(b, end, close.as_bytes()).unwrap_or(b.len());
            continue;
        }
        i = end;
        if self_closed || VOID.contains(&name.as_str()) {
            continue;
        }
        if SELF_CLOSING_KIND.contains(&name.as_str()) && open.last() == Some(&name) {
            open.pop();
            dec(&mut count, &name);
        }
        if open.len() >= max {
            let keep = if BLOCK.contains(&name.as_str()) {
                "<br>"
            } else {
                ""
            };
            cuts.push((lt, end, keep));
            *dropped.entry(name).or_default() += 1;
            continue;
        }
        *count.entry(name.clone()).or_default() += 1;
        open.push(name);
    }
    if cuts.is_empty() {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    let mut at = 0;
    for (a, z, with) in cuts {
        out.push_str(&html[at..a]);
        out.push_str(with);
        at = z;
    }
    out.push_str(&html[at..]);
    Cow::Owned(out)
}

fn dec(count: &mut HashMap<String, usize>, name: &str) {
    if let Some(n) = count.get_mut(name) {
        *n = n.saturating_sub(1);
    }
}

fn memchr(c: u8, hay: &[u8]) -> Option<usize> {
    hay.iter().position(|&x| x == c)
}

/// Where `needle` next occurs in `b` at or after `from`.
fn find(b: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    b.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| from + p)
}

/// [`find`], ignoring ASCII case.
fn find_ci(b: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    b.get(from..)?
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
        .map(|p| from + p)
}

/// The `>` that ends a tag whose attributes start at `from`, quoted values skipped.
fn tag_end(b: &[u8], from: usize) -> Option<usize> {
    let mut quote: Option<u8> = None;
    for (k, &c) in b.iter().enumerate().skip(from) {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == b'"' || c == b'\'' => quote = Some(c),
            None if c == b'>' => return Some(k),
            None => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shallow_pages_are_untouched() {
        let page = "<!doctype html><html><body><div><p>One<p>Two<br><img src='a>b'>\
                    <script>if (a<b) {}</script><!-- <div> --></div></body></html>";
        assert!(matches!(cap_depth(page, 4), Cow::Borrowed(_)));
        // 1,000 unclosed paragraphs nest no deeper than one.
        let paras = "<p>x".repeat(1000);
        assert!(matches!(cap_depth(&paras, 4), Cow::Borrowed(_)));
    }

    #[test]
    fn deep_nesting_is_flattened_and_the_text_kept() {
        let page = format!(
            "<html><body>{}<span>deep</span> text{}<p>after</p></body></html>",
            "<div>".repeat(10),
            "</div>".repeat(10)
        );
        let capped = cap_depth(&page, 5);
        // html, body and three divs stay open; seven divs and the span are dropped.
        assert_eq!(capped.matches("<div>").count(), 3);
        assert_eq!(capped.matches("</div>").count(), 3);
        assert_eq!(capped.matches("<br>").count(), 7);
        assert!(!capped.contains("<span>") && !capped.contains("</span>"));
        assert!(capped.contains("deep text"));
        assert!(capped.ends_with("<p>after</p></body></html>"));
    }

    #[test]
    fn stray_and_unclosed_tags_do_not_confuse_it() {
        // A stray end tag, an unclosed element, a tag cut off at the end of the text.
        let page = "</b><div><i>one</div><div>two</div><div";
        assert!(matches!(cap_depth(page, 2), Cow::Borrowed(_)));
        let page = "<div><div><div>x</div></div></div>";
        assert_eq!(cap_depth(page, 1), "<div><br><br>x</div>");
    }
}

//! The text rendering of an HTML page: the text of every block element in document order, one
//! block per line, whitespace collapsed, with what the markup says about each line (a `<nav>`,
//! a `<figcaption>`, a `class="share-bar"`).
//!
//! The rendering is the *original* of an HTML article: `removed` blocks and the alignment of
//! the clean text refer to it.

use dom_query::{Document, NodeRef};
use sitrep_core::RemovalReason;
use std::sync::LazyLock;

/// Elements whose text is not page text.
const SKIP: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "head", "iframe", "object", "canvas",
];

/// Elements that start and end a block (a line of the rendering).
const BLOCK: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "br",
    "caption",
    "dd",
    "details",
    "dialog",
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
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "td",
    "th",
    "tr",
    "ul",
];

/// A hinted element with more text than this is a layout container, not a caption or share
/// bar: its hint is ignored (some sites put `author` or `share` in the class of the whole page).
const MAX_HINTED_BYTES: usize = 1500;

/// `class` and `id` tokens that say what an element is (`data/class_hints.tsv`: split on
/// non-alphanumerics, case-folded, matched whole). General web conventions, not any one site.
static CLASS_HINTS: LazyLock<Vec<(&'static str, RemovalReason)>> = LazyLock::new(|| {
    parse_class_hints(include_str!("../data/class_hints.tsv"))
        .expect("the built-in class hints are valid (tested)")
});

/// Read a table in the format of `data/class_hints.tsv`.
fn parse_class_hints(table: &str) -> Result<Vec<(&str, RemovalReason)>, String> {
    let mut out = Vec::new();
    for (n, line) in table.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let (token, reason) = line
            .split_once('\t')
            .ok_or_else(|| format!("class_hints.tsv:{}: expected token<TAB>reason", n + 1))?;
        let ok = !token.is_empty()
            && token
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
        if !ok {
            return Err(format!("class_hints.tsv:{}: bad token {token:?}", n + 1));
        }
        let reason: RemovalReason = serde_json::from_value(serde_json::Value::from(reason))
            .map_err(|_| format!("class_hints.tsv:{}: unknown reason {reason:?}", n + 1))?;
        if out.iter().any(|(t, _)| *t == token) {
            return Err(format!("class_hints.tsv:{}: {token} twice", n + 1));
        }
        out.push((token, reason));
    }
    Ok(out)
}

/// A page's text rendering.
#[derive(Debug, Default)]
pub struct Rendering {
    /// One block per line.
    pub text: String,
    /// Byte offset where each line starts.
    pub line_starts: Vec<usize>,
    /// What the markup says each line is, if anything.
    pub hints: Vec<Option<RemovalReason>>,
}

impl Rendering {
    /// The markup hint of the line holding byte `at`.
    pub fn hint_at(&self, at: usize) -> Option<RemovalReason> {
        let i = self.line_starts.partition_point(|&s| s <= at);
        i.checked_sub(1).and_then(|i| self.hints[i])
    }
}

fn tag_hint(name: &str) -> Option<RemovalReason> {
    use RemovalReason::*;
    match name {
        "nav" => Some(Navigation),
        "footer" => Some(Footer),
        "aside" => Some(Related),
        "figcaption" => Some(Caption),
        _ => None,
    }
}

fn class_hint(node: &NodeRef) -> Option<RemovalReason> {
    let mut attrs = String::new();
    if let Some(c) = node.attr("class") {
        attrs.push_str(&c);
    }
    if let Some(i) = node.attr("id") {
        attrs.push(' ');
        attrs.push_str(&i);
    }
    attrs
        .split(|c: char| !c.is_ascii_alphanumeric())
        .find_map(|tok| {
            let tok = tok.to_ascii_lowercase();
            CLASS_HINTS.iter().find(|(t, _)| *t == tok).map(|&(_, r)| r)
        })
}

enum Op<'a> {
    Enter(NodeRef<'a>),
    Exit { block: bool, hinted: bool },
}

struct Builder {
    r: Rendering,
    line: String,
    line_hint: Option<RemovalReason>,
    hints: Vec<RemovalReason>,
}

impl Builder {
    fn push_words(&mut self, text: &str) {
        if self.line.is_empty() {
            self.line_hint = self.hints.last().copied();
        }
        let starts_ws = text.starts_with(char::is_whitespace);
        let mut words = text.split_whitespace();
        if let Some(first) = words.next() {
            if starts_ws && !self.line.is_empty() && !self.line.ends_with(' ') {
                self.line.push(' ');
            }
            self.line.push_str(first);
            for w in words {
                self.line.push(' ');
                self.line.push_str(w);
            }
            if text.ends_with(char::is_whitespace) {
                self.line.push(' ');
            }
        } else if !text.is_empty() && !self.line.is_empty() && !self.line.ends_with(' ') {
            self.line.push(' ');
        }
    }

    fn end_line(&mut self) {
        let t = self.line.trim();
        if !t.is_empty() {
            if !self.r.text.is_empty() {
                self.r.text.push('\n');
            }
            self.r.line_starts.push(self.r.text.len());
            self.r.text.push_str(t);
            self.r.hints.push(self.line_hint);
        }
        self.line.clear();
    }
}

/// Render `doc`.
pub fn render(doc: &Document) -> Rendering {
    let mut b = Builder {
        r: Rendering::default(),
        line: String::new(),
        line_hint: None,
        hints: vec![],
    };
    // Explicit stack, so deep DOMs cannot overflow the call stack.
    let mut stack: Vec<Op> = vec![Op::Enter(doc.root())];
    while let Some(op) = stack.pop() {
        let node = match op {
            Op::Exit { block, hinted } => {
                if block {
                    b.end_line();
                }
                if hinted {
                    b.hints.pop();
                }
                continue;
            }
            Op::Enter(node) => node,
        };
        if node.is_text() {
            b.push_words(&node.text());
            continue;
        }
        let name = node.node_name();
        let name = name.as_deref().unwrap_or("");
        if node.is_element() && SKIP.contains(&name) {
            continue;
        }
        let block = BLOCK.contains(&name);
        let hint = if node.is_element() {
            tag_hint(name)
                .or_else(|| class_hint(&node))
                .filter(|_| node.text().len() <= MAX_HINTED_BYTES)
        } else {
            None
        };
        if block {
            b.end_line();
        }
        if let Some(h) = hint {
            b.hints.push(h);
        }
        stack.push(Op::Exit {
            block,
            hinted: hint.is_some(),
        });
        if name == "pre" {
            for l in node.text().lines() {
                b.push_words(l);
                b.end_line();
            }
            continue;
        }
        let children: Vec<NodeRef> = node.children_it(true).collect();
        stack.extend(children.into_iter().map(Op::Enter));
    }
    b.end_line();
    b.r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn class_hints_are_read_from_their_table() {
        assert!(CLASS_HINTS.len() > 50);
        assert!(CLASS_HINTS.contains(&("figcaption", RemovalReason::Caption)));
        for bad in [
            "caption",
            "Caption\tcaption",
            "caption\tnonsense",
            "a\tfooter\na\tfooter",
        ] {
            assert!(parse_class_hints(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn renders_blocks_and_hints() {
        let doc = Document::from(
            r#"<html><head><title>t</title><script>x()</script></head><body>
            <nav><a>Home</a> <a>World</a></nav>
            <div class="story"><p>First <b>bold</b> para.</p>
            <figure><img><figcaption>A caption. Photo: Agency</figcaption></figure>
            <div class="share-tools">Share</div><p>Second<br>line</p></div>
            <footer>Footer text</footer></body></html>"#,
        );
        let r = render(&doc);
        assert_eq!(
            r.text,
            "Home World\nFirst bold para.\nA caption. Photo: Agency\nShare\nSecond\nline\nFooter text"
        );
        use RemovalReason::*;
        assert_eq!(
            r.hints,
            [
                Some(Navigation),
                None,
                Some(Caption),
                Some(Share),
                None,
                None,
                Some(Footer)
            ]
        );
        assert_eq!(r.hint_at(r.text.find("Share").unwrap()), Some(Share));
        assert_eq!(r.hint_at(0), Some(Navigation));
    }

    #[test]
    fn hints_on_big_containers_are_ignored() {
        let body = "<p>Some article sentence goes here.</p>".repeat(100);
        let doc = Document::from(format!(
            "<body><div class=\"author-page\">{body}</div></body>"
        ));
        assert!(render(&doc).hints.iter().all(Option::is_none));
    }

    #[test]
    fn deep_documents_do_not_overflow() {
        let html = format!(
            "{}<p>deep text here.</p>{}",
            "<div>".repeat(5_000),
            "</div>".repeat(5_000)
        );
        assert!(render(&Document::from(html.as_str()))
            .text
            .contains("deep text here."));
    }
}

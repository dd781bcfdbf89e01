//! Cleaning HTML pages.
//!
//! 1. The page is parsed once (`dom_query`, an html5ever DOM), its nesting first capped at
//!    [`crate::depth::MAX_DEPTH`] levels as browsers cap it ([`crate::depth`]).
//! 2. Its **text rendering** is made: the text of every block element in document order, one
//!    block per line, whitespace collapsed; scripts, styles and other non-text elements left out.
//!    This rendering is the *original* that `removed` and the alignment refer to.
//! 3. `dom_smoothie` (a port of Mozilla's Readability) picks the main content of the same DOM.
//! 4. Each paragraph it returns is located in the rendering: kept blocks are copied from the
//!    rendering verbatim (so they align), the rest of the rendering is removed.
//! 5. The block rules of [`crate::rules`] then drop chrome the extractor kept (share bars, ad
//!    labels, captions, bylines), and the headline is moved to the title.
//!
//! When the extractor finds no content, the rendering is cleaned like flattened plain text.

use crate::render::{render, Rendering};
use crate::rules::{word_count, Rules};
use crate::text::clean_text;
use crate::Cleaned;
use dom_query::Document;
use dom_smoothie::{Config, Readability, TextMode};
use sitrep_core::text::{char_len, CharIndex};
use sitrep_core::{Meta, Published, RemovalReason, Removed};

/// Metadata the page states about itself (dom_smoothie reads `<title>`, Open Graph, Dublin
/// Core, JSON-LD).
fn page_meta(r: &Readability) -> Meta {
    let md = r.get_article_metadata(r.parse_json_ld());
    let nonempty = |s: Option<String>| s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
    Meta {
        url: nonempty(md.url),
        outlet: nonempty(md.site_name),
        title: nonempty(Some(md.title)),
        published: md.published_time.as_deref().and_then(Published::parse),
        language: nonempty(md.lang).map(|l| {
            l.split(['-', '_'])
                .next()
                .unwrap_or_default()
                .to_ascii_lowercase()
        }),
    }
}

/// Clean an HTML page.
///
/// The page's nesting is first capped at [`crate::depth::MAX_DEPTH`] levels, as browsers cap it,
/// so that no page costs the parser and the extractor more than linear time in its depth.
pub fn clean_html(html: &str, rules: &Rules) -> Cleaned {
    let html = crate::depth::cap_depth(html, crate::depth::MAX_DEPTH);
    let doc = Document::from(html.as_ref());
    let rendering = render(&doc);
    let cfg = Config {
        text_mode: TextMode::Formatted,
        ..Config::default()
    };
    let Ok(mut r) = Readability::with_document(doc, None, Some(cfg)) else {
        return from_rendering(rendering.text, Meta::default(), rules);
    };
    let meta = page_meta(&r);
    match r.parse() {
        Ok(article) if !article.text_content.trim().is_empty() => {
            let mut c = align(&rendering, &article.text_content, rules);
            c.meta = meta;
            drop_headline(&mut c);
            if let Some(title) = &c.meta.title {
                for r in &mut c.removed {
                    if r.reason == RemovalReason::Boilerplate && same_headline(&r.text, title) {
                        r.reason = RemovalReason::Headline;
                    }
                }
            }
            c.original = Some(rendering.text);
            c
        }
        _ => from_rendering(rendering.text, meta, rules),
    }
}

fn from_rendering(original: String, meta: Meta, rules: &Rules) -> Cleaned {
    let mut c = clean_text(&original, rules);
    c.meta = meta;
    c.original = Some(original);
    c
}

/// Locate the extractor's paragraphs in the rendering and build the clean text from it.
fn align(rendering: &Rendering, extracted: &str, rules: &Rules) -> Cleaned {
    let original = rendering.text.as_str();
    // In the search view, line breaks are spaces: a paragraph the extractor joined from two
    // rendered blocks is still found. Same length, so offsets carry over.
    let view = original.replace('\n', " ");
    let mut kept: Vec<(usize, usize)> = Vec::new(); // byte ranges of the original
    let mut unaligned: Vec<(usize, String)> = Vec::new(); // (insert before kept[i], text)
    let mut cursor = 0;
    for piece in extracted
        .split('\n')
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        let piece = collapse(piece);
        let found = memchr::memmem::find(&view.as_bytes()[cursor..], piece.as_bytes())
            .map(|i| i + cursor)
            .or_else(|| memchr::memmem::find(view.as_bytes(), piece.as_bytes()));
        match found {
            Some(at) => {
                kept.push((at, at + piece.len()));
                cursor = at + piece.len();
            }
            None => unaligned.push((kept.len(), piece)),
        }
    }
    kept.sort_unstable();
    kept.dedup();

    // Split kept ranges at line breaks into blocks; everything else is removed.
    let idx = CharIndex::new(original);
    let mut blocks: Vec<(usize, usize)> = Vec::new();
    for &(s, e) in &kept {
        let s = s.max(blocks.last().map_or(0, |b| b.1));
        if s >= e {
            continue;
        }
        let mut at = s;
        for part in original[s..e].split('\n') {
            let (ps, pe) = (at, at + part.len());
            let t = &original[ps..pe];
            let lead = t.len() - t.trim_start().len();
            let trail = t.len() - t.trim_end().len();
            if ps + lead < pe - trail {
                blocks.push((ps + lead, pe - trail));
            }
            at = pe + 1;
        }
    }

    let mut c = Cleaned::default();
    let mut prev_end = 0;
    let mut unaligned = unaligned.into_iter().peekable();
    for (i, &(s, e)) in blocks.iter().enumerate() {
        remove_gap(&mut c, rendering, &idx, prev_end, s, rules);
        prev_end = e;
        while unaligned.peek().is_some_and(|(before, _)| *before <= i) {
            let (_, text) = unaligned.next().expect("peeked");
            c.push_block(&text, None);
        }
        let block = &original[s..e];
        let words = word_count(block, 64);
        match rules
            .classify(block, words)
            .or_else(|| rendering.hint_at(s))
        {
            Some(reason) => c.removed.push(removed(&idx, s, reason, block)),
            None => c.push_block(block, Some(idx.byte_to_char(s))),
        }
    }
    remove_gap(&mut c, rendering, &idx, prev_end, original.len(), rules);
    for (_, text) in unaligned {
        c.push_block(&text, None);
    }
    c
}

/// Record the lines of `original[from..to]` as removed, each with the most specific reason.
fn remove_gap(
    c: &mut Cleaned,
    rendering: &Rendering,
    idx: &CharIndex,
    from: usize,
    to: usize,
    rules: &Rules,
) {
    if from >= to {
        return;
    }
    let original = rendering.text.as_str();
    let mut at = from;
    for part in original[from..to].split('\n') {
        let (ps, pe) = (at, at + part.len());
        at = pe + 1;
        let t = part.trim();
        if t.is_empty() {
            continue;
        }
        let lead = part.len() - part.trim_start().len();
        let s = ps + lead;
        let reason = rules
            .classify(t, word_count(t, 64))
            .or_else(|| rendering.hint_at(s))
            .unwrap_or(RemovalReason::Boilerplate);
        c.removed.push(removed(idx, s, reason, t));
    }
}

fn removed(idx: &CharIndex, s: usize, reason: RemovalReason, text: &str) -> Removed {
    let start = idx.byte_to_char(s);
    Removed {
        start,
        end: start + char_len(text),
        reason,
        text: text.to_string(),
    }
}

fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// If the clean text opens with the page's headline, move it out of the text.
fn drop_headline(c: &mut Cleaned) {
    let Some(title) = c.meta.title.clone() else {
        return;
    };
    let first_end = c.text.find("\n\n").unwrap_or(c.text.len());
    let first = c.text[..first_end].to_string();
    if first.is_empty() || !same_headline(&first, &title) {
        return;
    }
    let len = char_len(&first);
    let original = c.alignment.to_original(0);
    // Rebuild text and alignment without the first block.
    let skip = if first_end == c.text.len() {
        first_end
    } else {
        first_end + 2
    };
    let shift = char_len(&c.text[..skip]);
    c.text.drain(..skip);
    let mut segs = std::mem::take(&mut c.alignment.segments);
    segs.retain(|s| s.clean >= shift);
    for s in &mut segs {
        s.clean -= shift;
    }
    c.alignment.segments = segs;
    if let Some(o) = original {
        let r = Removed {
            start: o,
            end: o + len,
            reason: RemovalReason::Headline,
            text: first,
        };
        let at = c.removed.partition_point(|x| x.start < o);
        c.removed.insert(at, r);
    }
}

/// A headline block and a `<title>` are the same headline when one contains the other
/// (titles often carry " | Site name").
fn same_headline(block: &str, title: &str) -> bool {
    let (b, t) = (block.trim().to_lowercase(), title.trim().to_lowercase());
    !b.is_empty()
        && (b == t || (b.len() >= 12 && t.contains(&b)) || (t.len() >= 12 && b.contains(&t)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use sitrep_core::Span;

    const PAGE: &str = r#"<!doctype html><html lang="en-GB"><head><title>Dam breach floods valley | Example News</title>
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2024-06-02T07:00:00Z">
<style>p { color: red }</style><script>var x = "<p>not text</p>";</script></head>
<body><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav>
<article><h1>Dam breach floods valley</h1>
<p class="byline">By Jane Doe</p>
<p>A dam on the upper river burst early on Sunday, flooding three villages and forcing
thousands of people from their homes, regional officials said.</p>
<div class="ad">Advertisement</div>
<p>Rescue teams reached the worst-hit village by boat. At least <b>four people</b> were
missing, the regional governor said, adding that the water was still rising.</p>
<p>The dam had been damaged by shelling last year, according to engineers who inspected it
in the spring and warned that it could fail.</p>
<p>Share on Facebook</p>
</article>
<footer>© 2024 Example News. All rights reserved.</footer></body></html>"#;

    #[test]
    fn rendering_has_every_block_and_no_script() {
        let r = render(&Document::from(PAGE)).text;
        assert!(r.contains("Home\nWorld\nDam breach floods valley\nBy Jane Doe\nA dam on"));
        assert!(r.contains("At least four people were missing"));
        assert!(!r.contains("not text"));
        assert!(!r.contains("color"));
    }

    #[test]
    fn keeps_the_article_and_accounts_for_the_rest() {
        let c = clean_html(PAGE, Rules::builtin());
        assert!(
            c.text.starts_with("A dam on the upper river burst"),
            "{}",
            c.text
        );
        assert!(c.text.contains("At least four people were missing"));
        assert!(c.text.ends_with("warned that it could fail."));
        for chrome in [
            "Advertisement",
            "Share on Facebook",
            "By Jane Doe",
            "All rights",
            "Home",
        ] {
            assert!(!c.text.contains(chrome), "{chrome} kept");
        }
        assert_eq!(
            c.meta.title.as_deref(),
            Some("Dam breach floods valley | Example News")
        );
        assert_eq!(c.meta.outlet.as_deref(), Some("Example News"));
        assert_eq!(c.meta.language.as_deref(), Some("en"));
        assert_eq!(
            c.meta.published.unwrap().to_string(),
            "2024-06-02T07:00:00+00:00"
        );
        let original = c.original.as_deref().unwrap();
        assert!(c
            .removed
            .iter()
            .any(|r| r.reason == RemovalReason::Headline));
        for r in &c.removed {
            assert_eq!(Span::new(r.start, r.end).slice(original), r.text);
        }
        // Every kept character maps back to the same character of the rendering.
        let orig: Vec<char> = original.chars().collect();
        for (i, ch) in c.text.chars().enumerate() {
            match c.alignment.to_original(i) {
                Some(o) => assert_eq!(orig[o], ch),
                None => assert_eq!(ch, '\n'),
            }
        }
    }

    #[test]
    fn page_without_article_falls_back_to_line_rules() {
        let c = clean_html(
            "<html><body><p>Menu</p><p>Short note.</p></body></html>",
            Rules::builtin(),
        );
        assert!(c.original.is_some());
        assert!(!c.text.contains("Menu"));
    }
}

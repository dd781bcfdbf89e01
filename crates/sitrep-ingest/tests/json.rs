//! JSON and JSON Lines articles.

mod common;

use common::*;
use sitrep_core::{ErrorCode, Published, Severity};

#[test]
fn json_lines_with_a_malformed_line() {
    let dir = tempfile::tempdir().unwrap();
    let lines = concat!(
        "{\"id\": \"a1\", \"url\": \"https://x/1\", \"title\": \"T\", \"published\": \"2023-05-24\", \"outlet\": \"Reuters\", \"language\": \"en\", \"text\": \"One.\"}\n",
        "\n",
        "oops\n",
        "{\"html\": \"<p>Two</p>\"}\r\n",
        "{\"id\": 7, \"text\": \"Three\"}",
    );
    let path = write(dir.path(), "articles.jsonl", lines);
    let items = read(std::slice::from_ref(&path));
    assert_eq!(items.len(), 4, "{items:#?}");
    let shown = path.display().to_string();

    let a = doc(&items[0]);
    assert_eq!(
        (a.id.as_str(), a.source.clone()),
        ("a1", format!("{shown}:1"))
    );
    assert_eq!(a.meta.url.as_deref(), Some("https://x/1"));
    assert_eq!(a.meta.title.as_deref(), Some("T"));
    assert_eq!(a.meta.outlet.as_deref(), Some("Reuters"));
    assert_eq!(a.meta.language.as_deref(), Some("en"));
    assert_eq!(a.meta.published, Published::parse("2023-05-24"));
    assert_eq!(text(a), "One.");

    let e = failed(&items[1], ErrorCode::MalformedJson);
    assert_eq!(e.message, format!("{shown}:3: expected value at column 1"));
    assert_eq!(items[1].source(), format!("{shown}:3"));

    let b = doc(&items[2]);
    assert_eq!(b.id, "articles.jsonl:4");
    assert_eq!(html(b), "<p>Two</p>");
    assert_eq!(doc(&items[3]).id, "7");
}

#[test]
fn article_without_text_or_html_fails() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "a.jsonl",
        "{\"id\": \"x\", \"title\": \"no body\"}\n{\"text\": \"ok\"}\n",
    );
    let items = read(&[path]);
    let e = failed(&items[0], ErrorCode::MalformedJson);
    assert!(
        e.message.contains("a.jsonl:1: ") && e.message.contains("neither"),
        "{}",
        e.message
    );
    assert_eq!(text(doc(&items[1])), "ok");
}

#[test]
fn bad_published_is_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "a.jsonl",
        "{\"published\": \"last Tuesday\", \"text\": \"x\"}\n",
    );
    let item = read_one(&path);
    let d = doc(&item);
    assert_eq!(d.meta.published, None);
    assert_eq!(codes(d), [ErrorCode::BadMetadata]);
    assert_eq!(d.errors[0].severity, Severity::Warning);
    assert!(
        d.errors[0].message.contains("a.jsonl:1") && d.errors[0].message.contains("last Tuesday")
    );
}

#[test]
fn json_document_object_and_array() {
    let dir = tempfile::tempdir().unwrap();
    let one = write(
        dir.path(),
        "one.json",
        "{\n  \"title\": \"T\",\n  \"html\": \"<p>x</p>\",\n  \"text\": \"x\"\n}\n",
    );
    let many = write(
        dir.path(),
        "many.json",
        "[{\"id\": \"m\", \"text\": \"a\"}, {\"text\": \"b\"}, {\"title\": 3}]",
    );
    let bad = write(dir.path(), "bad.json", "{\"text\": ");
    let lines = write(
        dir.path(),
        "lines.json",
        "{\"text\": \"l1\"}\n{\"text\": \"l2\"}\n",
    );
    let items = read(&[one.clone(), many.clone(), bad, lines]);
    assert_eq!(items.len(), 7, "{items:#?}");
    let d = doc(&items[0]);
    assert_eq!(
        (d.id.as_str(), d.source.clone()),
        ("one.json", one.display().to_string())
    );
    assert_eq!(html(d), "<p>x</p>");
    assert_eq!(doc(&items[1]).id, "m");
    assert_eq!(doc(&items[2]).id, "many.json#2");
    assert_eq!(doc(&items[2]).source, format!("{}#2", many.display()));
    let e = failed(&items[3], ErrorCode::MalformedJson);
    assert!(
        e.message.contains("many.json#3") && e.message.contains("invalid type"),
        "{}",
        e.message
    );
    let e = failed(&items[4], ErrorCode::MalformedJson);
    assert!(e.message.contains("bad.json: EOF"), "{}", e.message);
    // A `.json` file that is really JSON Lines.
    assert_eq!(doc(&items[6]).id, "lines.json:2");
    assert!(doc(&items[6]).source.ends_with("lines.json:2"));
}

#[test]
fn long_line_fails_alone() {
    let dir = tempfile::tempdir().unwrap();
    let long = format!("{{\"text\": \"{}\"}}", "x".repeat(500));
    let path = write(
        dir.path(),
        "a.jsonl",
        format!("{{\"text\": \"a\"}}\n{long}\n{{\"text\": \"c\"}}\n"),
    );
    let items = read_max(&[path], 100);
    assert_eq!(items.len(), 3);
    let e = failed(&items[1], ErrorCode::TooLarge);
    assert!(
        e.message.contains("a.jsonl:2") && e.message.contains("limit of 100"),
        "{}",
        e.message
    );
    assert_eq!(text(doc(&items[2])), "c");
}

#[test]
fn gzipped_json_lines_and_a_cut() {
    let dir = tempfile::tempdir().unwrap();
    let body: String = (1..=500)
        .map(|i| format!("{{\"id\": \"n{i}\", \"text\": \"article {i}\"}}\n"))
        .collect();
    let full = gz(body.as_bytes());
    let ok = write(dir.path(), "a.jsonl.gz", &full);
    let items = read(&[ok]);
    assert_eq!(items.len(), 500);
    assert_eq!(doc(&items[499]).id, "n500");

    let cut = write(dir.path(), "cut.jsonl.gz", &full[..full.len() / 2]);
    let items = read(&[cut]);
    let (last, docs) = items.split_last().unwrap();
    assert!(
        !docs.is_empty()
            && docs
                .iter()
                .all(|i| matches!(i, sitrep_ingest::Item::Doc(_)))
    );
    let e = failed(last, ErrorCode::TruncatedGzip);
    assert!(e.message.contains("cut.jsonl.gz:"), "{}", e.message);
}

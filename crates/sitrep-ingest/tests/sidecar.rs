//! Directories: walk order, id derivation, `meta.jsonl` sidecars, and the seed corpus.

mod common;

use common::*;
use sitrep_core::{ErrorCode, Published, Severity};
use sitrep_ingest::Item;
use std::path::Path;

#[test]
fn walk_order_and_ids() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "b/02.txt", "two");
    write(d, "b/01.html.gz", gz(b"<p>one</p>"));
    write(d, "a.v2.txt", "a");
    write(d, "c.jsonl", "{\"text\": \"c\"}\n");
    write(d, ".hidden/x.txt", "no");
    write(d, ".x.txt", "no");
    let items = read(&[d.to_path_buf()]);
    let ids: Vec<&str> = items.iter().map(|i| doc(i).id.as_str()).collect();
    assert_eq!(ids, ["a.v2.txt", "b/01.html.gz", "b/02.txt", "c.jsonl:1"]);
    assert_eq!(
        items[1].source(),
        d.join("b/01.html.gz").display().to_string()
    );
}

#[test]
fn sidecar_values_win() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(
        d,
        "a.json",
        "{\"outlet\": \"Own\", \"title\": \"Own title\", \"published\": \"2020-01-01\", \"text\": \"x\"}",
    );
    write(d, "b.txt", "y");
    write(d, "sub/c.txt", "z");
    write(
        d,
        "meta.jsonl",
        concat!(
            "{\"file\": \"a.json\", \"published\": \"2022-04-01\", \"outlet\": \"Sidecar\", \"url\": null, \"title\": null}\n",
            "{\"file\": broken\n",
            "{\"file\": \"./b.txt\", \"published\": \"someday\", \"url\": \"https://b\"}\n",
        ),
    );
    let items = read(&[d.to_path_buf()]);
    assert_eq!(items.len(), 4, "{items:#?}");
    // The sidecar's problem comes first, as a warning-level failure.
    match &items[0] {
        Item::Failed { source, error } => {
            assert_eq!(error.code, ErrorCode::BadMetadata);
            assert_eq!(error.severity, Severity::Warning);
            assert!(source.ends_with("meta.jsonl:2") && error.message.contains("meta.jsonl:2"));
        }
        other => panic!("{other:?}"),
    }
    let a = doc(&items[1]);
    assert_eq!(a.meta.outlet.as_deref(), Some("Sidecar"));
    assert_eq!(a.meta.published, Published::parse("2022-04-01"));
    assert_eq!(a.meta.title.as_deref(), Some("Own title"));
    let b = doc(&items[2]);
    assert_eq!(b.meta.url.as_deref(), Some("https://b"));
    assert_eq!(b.meta.published, None);
    assert_eq!(codes(b), [ErrorCode::BadMetadata]);
    assert!(b.errors[0].message.contains("meta.jsonl:3"));
    assert_eq!(doc(&items[3]).meta, Default::default());
}

#[test]
fn sidecar_applies_to_a_file_given_directly() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "a.txt", "x");
    write(
        dir.path(),
        "meta.jsonl",
        "{\"file\": \"a.txt\", \"outlet\": \"O\"}\n",
    );
    let item = read_one(&path);
    assert_eq!(doc(&item).meta.outlet.as_deref(), Some("O"));
}

#[test]
fn reads_the_seed_corpus() {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/seeds");
    if !seeds.is_dir() {
        eprintln!("no seed corpus at {}; skipped", seeds.display());
        return;
    }
    let items = read(std::slice::from_ref(&seeds));
    assert_eq!(items.len(), 5, "{items:#?}");
    let sidecar = std::fs::read_to_string(seeds.join("meta.jsonl")).unwrap();
    for (item, line) in items.iter().zip(sidecar.lines()) {
        let d = doc(item);
        let want: serde_json::Value = serde_json::from_str(line).unwrap();
        assert_eq!(d.id, want["file"].as_str().unwrap());
        assert_eq!(
            d.meta.published,
            Published::parse(want["published"].as_str().unwrap())
        );
        assert_eq!(d.meta.outlet.as_deref(), want["outlet"].as_str());
        assert!(!text(d).is_empty() && d.errors.is_empty());
    }
}

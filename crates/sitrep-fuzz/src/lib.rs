//! sitrep's fuzz targets: one function per parser of outside input, each taking arbitrary
//! bytes, never panicking, and checking the invariants that are cheap to check.
//!
//! The same functions run under libFuzzer (`fuzz/`, `cargo +nightly fuzz run TARGET`) and in
//! the CI smoke test (`tests/smoke.rs`: every saved input of `fuzz/regressions/`, then a few
//! thousand mutations of the seeds). [`TARGETS`] lists them by name. See `docs/fuzzing.md`.

use sitrep_core::{Article, Body, Cleaner, RawDocument};
use sitrep_ingest::{IngestOptions, Input, Item, Reader};

/// Largest document the targets let the reader hold: small, so that a compressed bomb is a
/// `too_large` failure and not an out-of-memory.
const MAX_DOC: u64 = 1 << 20;

/// A fuzz target: arbitrary bytes in, a panic on a broken invariant.
pub type Target = fn(&[u8]);

/// Every target, by name (the names of `fuzz/fuzz_targets/*.rs` and `fuzz/seeds/*`).
pub const TARGETS: &[(&str, Target)] = &[
    ("sniff", sniff),
    ("gzip", gzip),
    ("json", json),
    ("jsonl", jsonl),
    ("warc", warc),
    ("html", html),
    ("sidecar", sidecar),
    ("kb", kb),
];

/// Read `data` as a file called `name` and check every item.
fn read_as(name: &str, data: &[u8]) {
    let options = IngestOptions { max_bytes: MAX_DOC };
    for item in Reader::new([Input::bytes(name, data)], options) {
        check_item(&item, name);
    }
}

fn check_item(item: &Item, name: &str) {
    assert!(item.source().starts_with(name), "{:?}", item.source());
    match item {
        Item::Doc(doc) => {
            assert!(!doc.id.is_empty(), "a document without an id");
            assert!(doc.body.as_str().len() as u64 <= MAX_DOC, "over the limit");
        }
        Item::Failed { error, .. } => {
            assert!(!error.message.is_empty(), "a failure without a message");
        }
    }
}

/// Bytes of unknown kind: sniffing decides (a name with no extension).
pub fn sniff(data: &[u8]) {
    read_as("input", data);
}

/// A gzip stream (the magic is put in front when missing, so every input reaches the
/// decoder), then whatever it holds.
pub fn gzip(data: &[u8]) {
    if data.starts_with(&[0x1f, 0x8b]) {
        read_as("input.gz", data);
    } else {
        let mut gz = vec![0x1f, 0x8b];
        gz.extend_from_slice(data);
        read_as("input.gz", &gz);
    }
}

/// A `.json` document: one article, an array of them, or JSON Lines in disguise.
pub fn json(data: &[u8]) {
    read_as("input.json", data);
}

/// JSON Lines.
pub fn jsonl(data: &[u8]) {
    read_as("input.jsonl", data);
}

/// A WARC file.
pub fn warc(data: &[u8]) {
    read_as("input.warc", data);
}

/// An HTML page through the cleaner: its text, removed blocks and alignment stay inside the
/// texts they refer to.
pub fn html(data: &[u8]) {
    let raw = RawDocument {
        id: "page".into(),
        source: "page.html".into(),
        meta: Default::default(),
        body: Body::Html(String::from_utf8_lossy(data).into_owned()),
        fetched: None,
        errors: Vec::new(),
    };
    // Built once: its phrase automata are costly to build and are not what is fuzzed.
    static CLEANER: std::sync::LazyLock<sitrep_clean::DefaultCleaner> =
        std::sync::LazyLock::new(sitrep_clean::DefaultCleaner::default);
    let article = CLEANER.clean(raw);
    check_article(&article);
}

fn check_article(a: &Article) {
    let text_chars = a.text.chars().count();
    let original_chars = a.original.as_deref().map(|o| o.chars().count());
    let mut last_end = 0;
    for s in &a.alignment.segments {
        assert!(s.clean >= last_end, "segments overlap or go back");
        last_end = s.clean + s.len;
        assert!(last_end <= text_chars, "a segment past the clean text");
        if let Some(n) = original_chars {
            assert!(s.original + s.len <= n, "a segment past the original");
        }
    }
    if let Some(n) = original_chars {
        for r in &a.removed {
            assert!(
                r.start <= r.end && r.end <= n,
                "a removed block past the original"
            );
        }
    }
}

/// A `meta.jsonl` sidecar beside one small file: the file is always read, whatever the sidecar
/// holds (a bad line is a warning, never a lost article).
pub fn sidecar(data: &[u8]) {
    let Ok(dir) = tempfile::tempdir() else {
        return;
    };
    let ok = std::fs::write(dir.path().join(sitrep_ingest::SIDECAR_NAME), data).is_ok()
        && std::fs::write(dir.path().join("a.txt"), "Shelling hit the town.").is_ok();
    if !ok {
        return;
    }
    let options = IngestOptions { max_bytes: MAX_DOC };
    let items: Vec<Item> =
        Reader::new(sitrep_ingest::discover(&[dir.path().into()]), options).collect();
    let docs = items.iter().filter(|i| matches!(i, Item::Doc(_))).count();
    assert_eq!(docs, 1, "the file beside the sidecar was lost: {items:?}");
}

/// A knowledge-base file (`sitrep kb` output, gzipped or not): parsed, indexed and looked up.
pub fn kb(data: &[u8]) {
    if let Ok(parsed) = sitrep_kb::KbData::from_bytes(data) {
        let kb = sitrep_kb::Kb::from_data(parsed);
        let _ = kb.lookup("Kharkiv");
        let _ = kb.fuzzy("Kharkv");
    }
}

//! Helpers shared by the integration tests.
#![allow(dead_code)]

use flate2::write::GzEncoder;
use flate2::Compression;
use sitrep_core::{ArticleError, Body, ErrorCode, RawDocument, Severity};
use sitrep_ingest::{discover, IngestOptions, Item, Reader};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Read `paths` (through `discover`) with the default options.
pub fn read(paths: &[PathBuf]) -> Vec<Item> {
    read_max(paths, IngestOptions::default().max_bytes)
}

/// Read `paths` with a size limit.
pub fn read_max(paths: &[PathBuf], max_bytes: u64) -> Vec<Item> {
    Reader::new(discover(paths), IngestOptions { max_bytes }).collect()
}

/// Write `bytes` to `dir/name` and return the path.
pub fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(&path, bytes).unwrap();
    path
}

/// Read one file that must give exactly one item.
pub fn read_one(path: &Path) -> Item {
    let mut items = read(&[path.to_path_buf()]);
    assert_eq!(items.len(), 1, "{items:#?}");
    items.pop().unwrap()
}

/// gzip `bytes` as one member.
pub fn gz(bytes: &[u8]) -> Vec<u8> {
    let mut enc = GzEncoder::new(Vec::new(), Compression::default());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap()
}

/// The document of an item, or a panic showing the failure.
pub fn doc(item: &Item) -> &RawDocument {
    match item {
        Item::Doc(doc) => doc,
        other => panic!("expected a document, got {other:#?}"),
    }
}

/// The error of a failed item, checked to have `code` and to be an error.
pub fn failed(item: &Item, code: ErrorCode) -> &ArticleError {
    match item {
        Item::Failed { error, .. } => {
            assert_eq!(error.code, code, "{error:?}");
            assert_eq!(error.severity, Severity::Error, "{error:?}");
            error
        }
        other => panic!("expected a failure, got {other:#?}"),
    }
}

/// The text of a plain-text body.
pub fn text(doc: &RawDocument) -> &str {
    match &doc.body {
        Body::Text(t) => t,
        other => panic!("expected a text body, got {other:?}"),
    }
}

/// The text of an HTML body.
pub fn html(doc: &RawDocument) -> &str {
    match &doc.body {
        Body::Html(t) => t,
        other => panic!("expected an HTML body, got {other:?}"),
    }
}

/// The codes of a document's warnings.
pub fn codes(doc: &RawDocument) -> Vec<ErrorCode> {
    doc.errors.iter().map(|e| e.code).collect()
}

//! WARC files, plain and gzipped per record, and cut short.

mod common;

use common::*;
use sitrep_core::{ErrorCode, Published};

/// One WARC record.
fn record(kind: &str, id: &str, uri: &str, content: &[u8]) -> Vec<u8> {
    let head = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{id}>\r\nWARC-Target-URI: {uri}\r\n\
         WARC-Date: 2023-05-24T08:15:00Z\r\nContent-Type: application/http; msgtype=response\r\n\
         Content-Length: {}\r\n\r\n",
        content.len()
    );
    [head.as_bytes(), content, b"\r\n\r\n"].concat()
}

/// An HTTP response.
fn http(status: &str, content_type: Option<&str>, body: &[u8]) -> Vec<u8> {
    let ct = content_type
        .map(|c| format!("Content-Type: {c}\r\n"))
        .unwrap_or_default();
    [
        format!("HTTP/1.1 {status}\r\nServer: x\r\n{ct}\r\n").as_bytes(),
        body,
    ]
    .concat()
}

/// Records 1-8: warcinfo, request, HTML, 404, PNG, windows-1251 HTML, metadata, sniffed HTML.
fn records() -> Vec<Vec<u8>> {
    vec![
        record("warcinfo", "0", "", b"software: test\r\n"),
        record("request", "1", "https://a/1", b"GET /1 HTTP/1.1\r\n\r\n"),
        record(
            "response",
            "aaa-1",
            "https://a/1",
            &http("200 OK", Some("text/html"), b"<html><p>First</p></html>"),
        ),
        record(
            "response",
            "aaa-2",
            "https://a/2",
            &http("404 Not Found", Some("text/html"), b"<p>gone</p>"),
        ),
        record(
            "response",
            "aaa-3",
            "https://a/3.png",
            &http("200 OK", Some("image/png"), b"\x89PNG\0\0"),
        ),
        record(
            "response",
            "aaa-4",
            "https://a/4",
            &http(
                "200 OK",
                Some("text/html; charset=windows-1251"),
                b"<p>\xca\xe8\xbf\xe2</p>",
            ),
        ),
        record("metadata", "5", "https://a/4", b"fetchTimeMs: 1\r\n"),
        record(
            "response",
            "aaa-6",
            "https://a/6",
            &http("200 OK", None, b"<!doctype html><p>Sniffed</p>"),
        ),
    ]
}

fn check_docs(items: &[sitrep_ingest::Item], shown: &str) {
    assert_eq!(items.len(), 3, "{items:#?}");
    let a = doc(&items[0]);
    assert_eq!(a.id, "aaa-1");
    assert_eq!(a.source, format!("{shown}#3"));
    assert_eq!(a.meta.url.as_deref(), Some("https://a/1"));
    assert_eq!(a.fetched, Published::parse("2023-05-24T08:15:00Z"));
    assert_eq!(html(a), "<html><p>First</p></html>");
    let b = doc(&items[1]);
    assert_eq!(
        (b.id.as_str(), b.source.clone()),
        ("aaa-4", format!("{shown}#6"))
    );
    assert_eq!(html(b), "<p>Київ</p>");
    assert!(b.errors.is_empty());
    assert_eq!(html(doc(&items[2])), "<!doctype html><p>Sniffed</p>");
}

#[test]
fn plain_warc() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "crawl.warc", records().concat());
    check_docs(
        &read(std::slice::from_ref(&path)),
        &path.display().to_string(),
    );
}

#[test]
fn warc_gzipped_per_record_and_recognised_by_content() {
    let dir = tempfile::tempdir().unwrap();
    let members: Vec<u8> = records().iter().flat_map(|r| gz(r)).collect();
    let path = write(dir.path(), "crawl.warc.gz", &members);
    check_docs(
        &read(std::slice::from_ref(&path)),
        &path.display().to_string(),
    );
    let odd = write(dir.path(), "crawl.bin", &members);
    check_docs(
        &read(std::slice::from_ref(&odd)),
        &odd.display().to_string(),
    );
}

#[test]
fn truncated_warc_yields_what_came_before() {
    let dir = tempfile::tempdir().unwrap();
    let recs = records();
    let mut bytes = recs[..6].concat();
    let half = recs[7].len() / 2;
    bytes.extend_from_slice(&recs[6]);
    bytes.extend_from_slice(&recs[7][..half]);
    let path = write(dir.path(), "cut.warc", bytes);
    let items = read(&[path]);
    assert_eq!(items.len(), 3, "{items:#?}");
    assert_eq!(doc(&items[1]).id, "aaa-4");
    let e = failed(&items[2], ErrorCode::MalformedWarc);
    assert!(
        e.message.contains("cut.warc#8") && e.message.contains("ends inside"),
        "{}",
        e.message
    );

    // Cut inside the content of the last record.
    let content_cut = write(
        dir.path(),
        "content.warc",
        [&recs[2][..], &recs[7][..recs[7].len() - 10]].concat(),
    );
    let items = read(&[content_cut]);
    assert_eq!(items.len(), 2);
    let e = failed(&items[1], ErrorCode::MalformedWarc);
    assert!(
        e.message
            .contains("content.warc#2: file ends inside the record content"),
        "{}",
        e.message
    );

    // Cut inside a record header.
    let head_cut = write(
        dir.path(),
        "head.warc",
        [&recs[2][..], &recs[3][..40]].concat(),
    );
    let items = read(&[head_cut]);
    assert_eq!(items.len(), 2);
    let e = failed(&items[1], ErrorCode::MalformedWarc);
    assert!(e.message.contains("head.warc#2"), "{}", e.message);
}

#[test]
fn truncated_gzipped_warc() {
    let dir = tempfile::tempdir().unwrap();
    let recs = records();
    let mut bytes: Vec<u8> = recs[..3].iter().flat_map(|r| gz(r)).collect();
    let last = gz(&recs[5]);
    bytes.extend_from_slice(&last[..last.len() / 2]);
    let path = write(dir.path(), "cut.warc.gz", bytes);
    let items = read(&[path]);
    assert_eq!(items.len(), 2, "{items:#?}");
    assert_eq!(doc(&items[0]).id, "aaa-1");
    let e = failed(&items[1], ErrorCode::MalformedWarc);
    assert!(e.message.contains("cut.warc.gz#4"), "{}", e.message);
}

#[test]
fn bad_content_length_is_malformed() {
    let dir = tempfile::tempdir().unwrap();
    let recs = records();
    let short = String::from_utf8(recs[2].clone())
        .unwrap()
        .replace("Content-Length: ", "Content-Length: 1");
    let path = write(
        dir.path(),
        "bad.warc",
        [&recs[0][..], short.as_bytes(), &recs[3][..]].concat(),
    );
    let items = read(&[path]);
    assert_eq!(items.len(), 1, "{items:#?}");
    let e = failed(&items[0], ErrorCode::MalformedWarc);
    assert!(e.message.contains("bad.warc#2"), "{}", e.message);

    let none = String::from_utf8(recs[2].clone())
        .unwrap()
        .replace("Content-Length", "X-Length");
    let path = write(dir.path(), "none.warc", none);
    let e = failed(&read(&[path])[0], ErrorCode::MalformedWarc).clone();
    assert!(
        e.message
            .contains("none.warc#1: missing or bad Content-Length"),
        "{}",
        e.message
    );
}

#[test]
fn oversized_record_fails_alone() {
    let dir = tempfile::tempdir().unwrap();
    let big = record(
        "response",
        "big",
        "https://a/big",
        &http("200 OK", Some("text/html"), &[b'x'; 5000]),
    );
    let recs = records();
    let path = write(
        dir.path(),
        "big.warc",
        [&recs[2][..], &big, &recs[5]].concat(),
    );
    let items = read_max(&[path], 1000);
    assert_eq!(items.len(), 3, "{items:#?}");
    let e = failed(&items[1], ErrorCode::TooLarge);
    assert!(
        e.message.contains("big.warc#2") && e.message.contains("limit of 1000"),
        "{}",
        e.message
    );
    assert_eq!(doc(&items[2]).id, "aaa-4");
}

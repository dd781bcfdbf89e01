//! Single-document files: text, HTML, gzip, encodings, and the ways they go wrong.

mod common;

use common::*;
use sitrep_core::{ErrorCode, Severity};
use std::fs;

#[test]
fn plain_text_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "x.txt", "Shelling near Kharkiv.\n");
    let item = read_one(&path);
    let d = doc(&item);
    assert_eq!(d.id, "x.txt");
    assert_eq!(d.source, path.display().to_string());
    assert_eq!(text(d), "Shelling near Kharkiv.\n");
    assert!(d.errors.is_empty() && d.fetched.is_none());
}

#[test]
fn html_by_extension_and_by_content() {
    let dir = tempfile::tempdir().unwrap();
    let a = write(dir.path(), "a.htm", "just a fragment");
    let b = write(dir.path(), "b", "\n  <!DOCTYPE html><html><p>Hi</p></html>");
    let items = read(&[a, b]);
    assert_eq!(html(doc(&items[0])), "just a fragment");
    assert_eq!(doc(&items[1]).id, "b");
    assert!(html(doc(&items[1])).contains("<p>Hi</p>"));
}

#[test]
fn gzipped_html_and_text_are_decompressed() {
    let dir = tempfile::tempdir().unwrap();
    let a = write(
        dir.path(),
        "abc.html.gz",
        gz(b"<html><body>Kyiv</body></html>"),
    );
    let b = write(dir.path(), "x.txt.gz", gz("Київ".as_bytes()));
    let items = read(&[a, b]);
    assert_eq!(doc(&items[0]).id, "abc.html.gz");
    assert_eq!(html(doc(&items[0])), "<html><body>Kyiv</body></html>");
    assert_eq!(doc(&items[1]).id, "x.txt.gz");
    assert_eq!(text(doc(&items[1])), "Київ");
}

#[test]
fn nonexistent_path_fails_and_the_run_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.txt");
    let ok = write(dir.path(), "ok.txt", "fine");
    let items = read(&[missing.clone(), ok]);
    assert_eq!(items.len(), 2);
    let e = failed(&items[0], ErrorCode::Unreadable);
    assert!(
        e.message.starts_with(&missing.display().to_string()),
        "{}",
        e.message
    );
    assert!(e.message.contains("No such file"), "{}", e.message);
    assert_eq!(items[0].source(), missing.display().to_string());
    assert_eq!(text(doc(&items[1])), "fine");
}

#[test]
fn unreadable_file_and_directory_fail() {
    let dir = tempfile::tempdir().unwrap();
    let locked = write(dir.path(), "locked.txt", "secret");
    let sub = dir.path().join("sub");
    fs::create_dir(&sub).unwrap();
    // A directory handed to the reader directly (not through `discover`).
    let items: Vec<_> = sitrep_ingest::Reader::new(
        [sitrep_ingest::Input::Path(sub.clone())],
        sitrep_ingest::IngestOptions::default(),
    )
    .collect();
    let e = failed(&items[0], ErrorCode::Unreadable);
    assert!(e.message.contains(&sub.display().to_string()) && e.message.contains("directory"));

    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
        if fs::read(&locked).is_err() {
            // Not root: the permission applies.
            let item = read_one(&locked);
            let e = failed(&item, ErrorCode::Unreadable);
            assert!(e.message.contains("locked.txt") && e.message.contains("ermission"));
        }
    }
}

#[test]
fn binary_file_fails() {
    let dir = tempfile::tempdir().unwrap();
    let png = write(
        dir.path(),
        "pic.html",
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0",
    );
    let item = read_one(&png);
    let e = failed(&item, ErrorCode::Binary);
    assert!(
        e.message.contains("pic.html") && e.message.contains("NUL"),
        "{}",
        e.message
    );
}

#[test]
fn invalid_utf8_is_decoded_lossily_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "bad.txt", b"caf\xe9 au lait \xff\xfe");
    let item = read_one(&path);
    let d = doc(&item);
    assert_eq!(text(d), "caf\u{fffd} au lait \u{fffd}\u{fffd}");
    assert_eq!(codes(d), [ErrorCode::InvalidEncoding]);
    let w = &d.errors[0];
    assert_eq!(w.severity, Severity::Warning);
    assert!(
        w.message.contains("bad.txt") && w.message.contains("3 byte(s) replaced"),
        "{}",
        w.message
    );
}

#[test]
fn declared_charsets_are_honoured() {
    let dir = tempfile::tempdir().unwrap();
    // "Київ" in windows-1251.
    let cp1251 = [
        &b"<html><head><meta charset=\"windows-1251\"></head><body>"[..],
        b"\xca\xe8\xbf\xe2",
        b"</body>",
    ]
    .concat();
    let a = write(dir.path(), "a.html", cp1251);
    let latin1 = [&b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\">"[..], b"caf\xe9"].concat();
    let b = write(dir.path(), "b.html", latin1);
    let bom16 = [
        &b"\xff\xfe"[..],
        &"Kyiv"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect::<Vec<_>>(),
    ]
    .concat();
    let c = write(dir.path(), "c.txt", bom16);
    let items = read(&[a, b, c]);
    assert!(html(doc(&items[0])).contains("<body>Київ</body>"));
    assert!(html(doc(&items[1])).ends_with("café"));
    assert_eq!(text(doc(&items[2])), "Kyiv");
    assert!(items.iter().all(|i| doc(i).errors.is_empty()));
}

#[test]
fn empty_files_give_empty_documents() {
    let dir = tempfile::tempdir().unwrap();
    let a = write(dir.path(), "a.txt", "");
    let b = write(dir.path(), "b.html", "");
    let c = write(dir.path(), "c.txt.gz", gz(b""));
    let items = read(&[a, b, c]);
    assert_eq!(text(doc(&items[0])), "");
    assert_eq!(html(doc(&items[1])), "");
    assert_eq!(text(doc(&items[2])), "");
}

#[test]
fn truncated_gzip_keeps_what_decompressed() {
    let dir = tempfile::tempdir().unwrap();
    let body: String = (0..2000)
        .map(|i| format!("line {i} of the report\n"))
        .collect();
    let full = gz(body.as_bytes());
    let cut = write(dir.path(), "cut.txt.gz", &full[..full.len() * 2 / 3]);
    let item = read_one(&cut);
    let d = doc(&item);
    assert_eq!(codes(d), [ErrorCode::TruncatedGzip]);
    assert!(
        d.errors[0].message.contains("cut.txt.gz"),
        "{}",
        d.errors[0].message
    );
    let kept = text(d);
    assert!(!kept.is_empty() && kept.len() < body.len() && body.starts_with(kept));

    // Nothing usable: only the gzip header.
    let stub = write(dir.path(), "stub.txt.gz", &full[..12]);
    let item = read_one(&stub);
    let e = failed(&item, ErrorCode::TruncatedGzip);
    assert!(e.message.contains("stub.txt.gz"), "{}", e.message);
}

#[test]
fn too_large_file_is_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "big.txt", "x".repeat(100));
    let small = write(dir.path(), "small.txt", "x".repeat(10));
    let items = read_max(&[path, small], 10);
    let e = failed(&items[0], ErrorCode::TooLarge);
    assert!(
        e.message.contains("big.txt") && e.message.contains("100 bytes"),
        "{}",
        e.message
    );
    assert!(e.message.contains("limit of 10 bytes"), "{}", e.message);
    assert_eq!(text(doc(&items[1])).len(), 10);
}

#[test]
fn gzip_bomb_stops_at_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    let bomb = gz(&vec![b'a'; 20 << 20]);
    assert!(bomb.len() < 100_000);
    let path = write(dir.path(), "bomb.html.gz", &bomb);
    let item = read_max(&[path], 1 << 20).pop().unwrap();
    let e = failed(&item, ErrorCode::TooLarge);
    assert!(
        e.message.contains("bomb.html.gz") && e.message.contains("decompresses"),
        "{}",
        e.message
    );
    assert!(
        e.message.contains(&(1u64 << 20).to_string()),
        "{}",
        e.message
    );
}

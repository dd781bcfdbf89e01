//! Nothing panics: cut and corrupted copies of valid inputs, under every file name.

mod common;

use common::*;

/// A small deterministic generator (no dependency needed).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n.max(1)
    }
}

fn seeds() -> Vec<Vec<u8>> {
    let http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=koi8-r\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n<p>hi\r\n0\r\n\r\n";
    let warc = [
        format!("WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:x>\r\nContent-Length: {}\r\n\r\n", http.len())
            .as_bytes(),
        http,
        b"\r\n\r\n",
    ]
    .concat();
    let jsonl = b"{\"id\": \"a\", \"text\": \"x\", \"published\": \"2023-05-24\"}\n[1,2]\n{\"html\": \"<p>\"}\n".to_vec();
    let html =
        b"<html><head><meta charset=\"windows-1251\"></head><body>\xca\xe8</body></html>".to_vec();
    let mut out = vec![warc.clone(), jsonl.clone(), html.clone()];
    out.extend([
        gz(&warc),
        gz(&jsonl),
        gz(&html),
        [gz(&warc), gz(&warc)].concat(),
    ]);
    out
}

#[test]
fn mutated_inputs_never_panic() {
    let dir = tempfile::tempdir().unwrap();
    let mut rng = Lcg(42);
    let names = [
        "a.warc",
        "a.warc.gz",
        "a.jsonl",
        "a.json",
        "a.html",
        "a.txt.gz",
        "a",
    ];
    let mut n = 0;
    for seed in seeds() {
        for _ in 0..60 {
            let mut bytes = seed.clone();
            match rng.next(3) {
                0 => bytes.truncate(rng.next(bytes.len())),
                1 => {
                    for _ in 0..=rng.next(4) {
                        let i = rng.next(bytes.len());
                        bytes[i] = rng.next(256) as u8;
                    }
                }
                _ => {
                    let i = rng.next(bytes.len());
                    bytes.insert(i, b"\r\n\0{<"[rng.next(5)]);
                }
            }
            let name = names[rng.next(names.len())];
            n += 1;
            let path = write(dir.path(), &format!("{n}/{name}"), &bytes);
            for max in [16, 1 << 20] {
                let items = read_max(std::slice::from_ref(&path), max);
                for item in &items {
                    assert!(!item.source().is_empty());
                    if let sitrep_ingest::Item::Failed { error, .. } = item {
                        assert!(error.message.contains(&format!("{n}/")), "{error:?}");
                    }
                }
            }
        }
    }
}

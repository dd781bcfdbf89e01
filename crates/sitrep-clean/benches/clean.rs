//! Cleaning throughput (bytes per second, one core).
//!
//! - `text`: the plain-text cleaner on crawler-flattened pages (the five seed articles when
//!   `../shared` is beside the repository, else the embedded demo page), repeated to ~1 MB.
//! - `html`: the HTML cleaner on the ScrapingHub benchmark pages when present.
//!
//! `cargo bench -p sitrep-clean`

// criterion_group! generates an undocumented function.
#![allow(missing_docs)]

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use sitrep_clean::{html::clean_html, rules::Rules, text::clean_text};
use std::io::Read;
use std::path::Path;

fn shared() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared")
}

fn text_corpus() -> String {
    let seeds = shared().join("corpus/seeds");
    let mut pages = Vec::new();
    if let Ok(dir) = std::fs::read_dir(&seeds) {
        for e in dir.flatten() {
            if e.path().extension().is_some_and(|x| x == "txt") {
                pages.push(std::fs::read_to_string(e.path()).unwrap_or_default());
            }
        }
    }
    if pages.is_empty() {
        pages.push(include_str!("../../sitrep/demo/izmail-port-strike.txt").to_string());
    }
    pages.sort();
    let one = pages.join("\n");
    one.repeat((1 << 20) / one.len().max(1) + 1)
}

fn bench(c: &mut Criterion) {
    let rules = Rules::builtin();
    let text = text_corpus();
    let mut g = c.benchmark_group("clean");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("text", |b| b.iter(|| clean_text(&text, rules)));

    let dir = shared().join("bench/scrapinghub-aeb/html");
    let mut pages = Vec::new();
    if let Ok(entries) = std::fs::read_dir(&dir) {
        let mut paths: Vec<_> = entries.flatten().map(|e| e.path()).collect();
        paths.sort();
        for p in paths.into_iter().take(40) {
            let mut s = String::new();
            let f = std::fs::File::open(&p).expect("bench page opens");
            if flate2::read::GzDecoder::new(f)
                .read_to_string(&mut s)
                .is_ok()
            {
                pages.push(s);
            }
        }
    }
    if !pages.is_empty() {
        g.throughput(Throughput::Bytes(
            pages.iter().map(|p| p.len() as u64).sum(),
        ));
        g.sample_size(10);
        g.bench_function("html", |b| {
            b.iter(|| {
                pages
                    .iter()
                    .map(|p| clean_html(p, rules).text.len())
                    .sum::<usize>()
            })
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);

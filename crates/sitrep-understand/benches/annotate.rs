//! Annotate throughput (bytes of clean text per second, one core): tokens, sentences,
//! mentions, linking, times, quantities and claims. Two inputs: the demo corpus's articles
//! (short, written by the sitrep team) and, where `../shared` is present, the five seed news
//! articles (full-length scraped reports, cleaned first). The knowledge base is loaded once,
//! outside the measurement.
//!
//! `cargo bench -p sitrep-understand --bench annotate`

#![allow(missing_docs)] // criterion_group! generates an undocumented function.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use sitrep_clean::DefaultCleaner;
use sitrep_core::{Annotator, Article, Body, Cleaner, Meta, Published, RawDocument};
use sitrep_understand::Understand;

const DEMO: &[&str] = &[
    include_str!("../../sitrep/demo/izmail-port-strike.txt"),
    include_str!("../../sitrep/demo/izmail-second-strike.txt"),
];
const FEED: &str = include_str!("../../sitrep/demo/feed.jsonl");

fn articles() -> Vec<Article> {
    let mut texts: Vec<String> = DEMO.iter().map(|s| s.to_string()).collect();
    for line in FEED.lines() {
        let v: serde_json::Value = serde_json::from_str(line).expect("demo feed is JSON");
        if let Some(t) = v["text"].as_str() {
            texts.push(t.to_string());
        }
    }
    texts
        .into_iter()
        .map(|text| Article {
            text,
            published: Published::parse("2024-05-08"),
            ..Article::default()
        })
        .collect()
}

/// The seed articles, cleaned, when `../shared` is beside the repository.
fn seeds() -> Option<Vec<Article>> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/corpus/seeds");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    let cleaner = DefaultCleaner::default();
    Some(
        paths
            .iter()
            .map(|p| {
                let mut a = cleaner.clean(RawDocument {
                    id: p.display().to_string(),
                    source: p.display().to_string(),
                    meta: Meta::default(),
                    body: Body::Text(std::fs::read_to_string(p).expect("readable seed")),
                    errors: vec![],
                    fetched: None,
                });
                a.published = Published::parse("2023-05-24");
                a
            })
            .collect(),
    )
}

fn annotate(c: &mut Criterion) {
    let understand = Understand::default();
    let mut g = c.benchmark_group("understand");
    let mut inputs = vec![("demo articles", articles())];
    if let Some(s) = seeds() {
        inputs.push(("seed articles", s));
    }
    for (name, arts) in inputs {
        let bytes: usize = arts.iter().map(|a| a.text.len()).sum();
        // Warm the knowledge base before measuring.
        understand
            .annotate(&mut arts[0].clone())
            .expect("annotates");
        g.throughput(Throughput::Bytes(bytes as u64));
        g.bench_function(format!("annotate {name}"), |b| {
            b.iter(|| {
                for a in &arts {
                    let mut a = a.clone();
                    understand.annotate(&mut a).expect("annotates");
                    std::hint::black_box(&a);
                }
            })
        });
    }
    g.finish();
}

criterion_group!(benches, annotate);
criterion_main!(benches);

//! Throughput of the events annotator alone: text files (or the seed articles) are understood
//! once, then annotated with event mentions repeatedly.
//!
//! `cargo run --release -p sitrep-events --example throughput -- FILE...`

use sitrep_core::{Annotator, Article};
use sitrep_events::EventMentions;
use sitrep_understand::Understand;
use std::time::Instant;

fn main() {
    let mut paths: Vec<String> = std::env::args().skip(1).collect();
    if paths.is_empty() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/corpus/seeds");
        if let Ok(rd) = std::fs::read_dir(dir) {
            for e in rd.flatten() {
                let p = e.path();
                if p.extension().is_some_and(|x| x == "txt") {
                    paths.push(p.display().to_string());
                }
            }
        }
    }
    let understand = Understand::default();
    let events = EventMentions::default();
    let mut arts = Vec::new();
    for p in &paths {
        let mut a = Article {
            id: p.clone(),
            text: std::fs::read_to_string(p).expect("readable text file"),
            ..Article::default()
        };
        understand.annotate(&mut a).expect("understand");
        arts.push(a);
    }
    let bytes: usize = arts.iter().map(|a| a.text.len()).sum();
    if bytes == 0 {
        eprintln!("no input");
        return;
    }
    let rounds = (50_000_000 / bytes).max(1);
    let t = Instant::now();
    let mut n = 0;
    for _ in 0..rounds {
        for a in arts.iter_mut() {
            events.annotate(a).expect("events");
            n += a.event_mentions.as_ref().map_or(0, Vec::len);
        }
    }
    let s = t.elapsed().as_secs_f64();
    println!(
        "{} articles x {rounds}: {:.1} MB/s on one thread ({n} mentions)",
        arts.len(),
        (bytes * rounds) as f64 / s / 1e6
    );
}

//! The demo corpus embedded in the binary (see `DEMO.md`): written to disk and run
//! through the same pipeline as any user input, so the demo shows the real thing.

use anyhow::{Context, Result};
use sitrep_pipeline::Summary;
use std::path::{Path, PathBuf};

/// (file name, contents) of every demo input.
const FILES: &[(&str, &str)] = &[
    ("meta.jsonl", include_str!("../demo/meta.jsonl")),
    (
        "izmail-port-strike.txt",
        include_str!("../demo/izmail-port-strike.txt"),
    ),
    (
        "izmail-second-strike.txt",
        include_str!("../demo/izmail-second-strike.txt"),
    ),
    ("izmail-wire.html", include_str!("../demo/izmail-wire.html")),
    ("feed.jsonl", include_str!("../demo/feed.jsonl")),
];

/// Write the demo inputs into `dir` (replacing earlier copies) and return it.
pub fn write_inputs(dir: &Path) -> Result<PathBuf> {
    std::fs::create_dir_all(dir)?;
    for (name, text) in FILES {
        let p = dir.join(name);
        std::fs::write(&p, text).with_context(|| format!("writing {}", p.display()))?;
    }
    Ok(dir.to_path_buf())
}

/// Print what the demo produced: one line per article, then the run summary.
pub fn print_summary(out: &Path, summary: &Summary) -> Result<()> {
    let path = out.join("articles.jsonl");
    let data =
        std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    println!("sitrep demo: {}", summary.line());
    for line in data.lines() {
        let a: serde_json::Value = serde_json::from_str(line)?;
        let s = |k: &str| a[k].as_str().unwrap_or("-").to_string();
        let words = a["text"]
            .as_str()
            .map_or(0, |t| t.split_whitespace().count());
        let removed = a["removed"].as_array().map_or(0, Vec::len);
        println!(
            "  {:<24} {:<10} {:<20} {:>4} words, {} blocks removed  {}",
            s("id"),
            s("published").get(..10).unwrap_or("-"),
            s("outlet"),
            words,
            removed,
            s("title")
        );
    }
    for (dup, first) in &summary.duplicates {
        println!("  duplicate: {dup} has the same text as {first}");
    }
    println!(
        "{} events across the articles (the brief: {}/report.md)",
        summary.events,
        out.display()
    );
    let files: Vec<String> = sitrep_pipeline::OUTPUT_FILES
        .iter()
        .map(|f| format!("{}/{f}", out.display()))
        .collect();
    println!("outputs: {}", files.join(", "));
    Ok(())
}

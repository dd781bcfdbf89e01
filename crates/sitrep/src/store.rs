//! `sitrep ingest` and `sitrep export`: the embedded store (`sitrep-store`).

use anyhow::{bail, Context, Result};
use sitrep_pipeline::Pipeline;
use sitrep_store::{Format, IngestStats, SqliteStore, Store};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Run the pipeline over `paths` and add its articles to the store `db`, one transaction per
/// batch.
pub fn ingest(pipeline: &Pipeline, paths: &[PathBuf], db: &Path, quiet: bool) -> Result<ExitCode> {
    let mut store =
        SqliteStore::open(db).with_context(|| format!("opening the store {}", db.display()))?;
    let inputs = sitrep_pipeline::discover(paths);
    let mut total = IngestStats::default();
    let bar = crate::progress_bar(quiet);
    let summary = pipeline.process(inputs, &crate::on_progress(&bar), |batch| -> Result<()> {
        let stats = store
            .ingest(batch)
            .with_context(|| format!("writing to {}", db.display()))?;
        total.add(stats);
        Ok(())
    })?;
    bar.finish_and_clear();
    if total.new + total.replaced + total.unchanged + total.duplicates.len() == 0 {
        total.events = store.counts()?.events;
    }
    if !quiet {
        for f in &summary.notices {
            eprintln!("sitrep: warning: {}: {}", f.code, f.message);
        }
        for f in &summary.failures {
            eprintln!("sitrep: {}: {}", f.code, f.message);
        }
        for r in &total.replacements {
            eprintln!("sitrep: {r}");
        }
        for (dup, first) in &total.duplicates {
            eprintln!("sitrep: duplicate: {dup} has the same text as stored {first}");
        }
        eprintln!(
            "sitrep: ingest: read {}, {} new, {} replaced, {} unchanged, {} duplicate, {} failed; \
             {} events now, {} changed ({} new, {} updated, {} gone) → {}",
            summary.read,
            total.new,
            total.replaced,
            total.unchanged,
            summary.duplicates.len() + total.duplicates.len(),
            summary.failures.len(),
            total.events,
            total.events_changed(),
            total.events_inserted,
            total.events_updated,
            total.events_deleted,
            db.display()
        );
    }
    Ok(if summary.has_failures() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Write the files of `formats` from the store `db` into `out`.
pub fn export(db: &Path, formats: &[Format], out: &Path, quiet: bool) -> Result<()> {
    if !db.is_file() {
        bail!("no store at {}", db.display());
    }
    let store =
        SqliteStore::open(db).with_context(|| format!("opening the store {}", db.display()))?;
    let written = sitrep_store::export(&store, formats, out)
        .with_context(|| format!("exporting {} to {}", db.display(), out.display()))?;
    if !quiet {
        let c = store.counts()?;
        let names: Vec<String> = written.iter().map(|p| p.display().to_string()).collect();
        eprintln!(
            "sitrep: export: {} articles, {} events → {}",
            c.articles,
            c.events,
            names.join(", ")
        );
    }
    Ok(())
}

//! `sitrep export`: the files `sitrep run` writes, from a store.

use crate::{Store, StoreError};
use std::fs::{self, File};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// What to export. Each format writes the same files, byte for byte, as `sitrep run` over the
/// same articles writes (Parquet excepted: `run` writes none).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// `articles.jsonl` and `events.jsonl`.
    Jsonl,
    /// `events.csv` (ACLED's columns).
    Csv,
    /// `events.geojson`.
    Geojson,
    /// `report.md`.
    Md,
    /// `events.parquet` and `articles.parquet`, flat columns (see `docs/schema.md`).
    Parquet,
    /// Every file `run` writes but `run.json`: jsonl, csv, geojson and md.
    All,
}

impl Format {
    /// The files this format writes.
    pub fn files(self) -> &'static [&'static str] {
        match self {
            Format::Jsonl => &["articles.jsonl", "events.jsonl"],
            Format::Csv => &["events.csv"],
            Format::Geojson => &["events.geojson"],
            Format::Md => &["report.md"],
            Format::Parquet => &["events.parquet", "articles.parquet"],
            Format::All => &[
                "articles.jsonl",
                "events.jsonl",
                "events.csv",
                "events.geojson",
                "report.md",
            ],
        }
    }
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> StoreError + '_ {
    move |source| StoreError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Write `DIR/.NAME.partial` with `write`, synced, then rename it to `DIR/NAME`.
fn write_file(
    dir: &Path,
    name: &str,
    write: impl FnOnce(&mut BufWriter<File>) -> Result<(), StoreError>,
) -> Result<PathBuf, StoreError> {
    let tmp = dir.join(format!(".{name}.partial"));
    let mut w = BufWriter::with_capacity(1 << 20, File::create(&tmp).map_err(io(&tmp))?);
    write(&mut w)?;
    w.into_inner()
        .map_err(|e| io(&tmp)(e.into_error()))?
        .sync_all()
        .map_err(io(&tmp))?;
    let to = dir.join(name);
    fs::rename(&tmp, &to).map_err(io(&to))?;
    Ok(to)
}

/// Write the files of `formats` into `dir` (created if missing) from `store`; returns their
/// paths. Each file is written to a temporary name and renamed into place when complete.
pub fn export(
    store: &dyn Store,
    formats: &[Format],
    dir: &Path,
) -> Result<Vec<PathBuf>, StoreError> {
    fs::create_dir_all(dir).map_err(io(dir))?;
    let mut names: Vec<&str> = formats.iter().flat_map(|f| f.files()).copied().collect();
    names.dedup();
    let names: Vec<&str> = {
        let mut seen = std::collections::HashSet::new();
        names.into_iter().filter(|n| seen.insert(*n)).collect()
    };
    let events = store.events()?;
    let sources = store.sources()?;
    // ACLED's `timestamp`: the latest publication stored, as `run` does.
    let timestamp = sources
        .values()
        .filter_map(|a| a.published.as_deref())
        .filter_map(sitrep_core::Published::parse)
        .map(|p| p.date())
        .max()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map_or(0, |t| t.and_utc().timestamp());
    let mut written = Vec::new();
    for name in names {
        let path = match name {
            "articles.jsonl" => write_file(dir, name, |w| {
                let p = dir.join(name);
                store.for_each_article(&mut |a| {
                    serde_json::to_writer(&mut *w, &a)?;
                    w.write_all(b"\n").map_err(io(&p))
                })
            })?,
            "events.jsonl" => write_file(dir, name, |w| {
                sitrep_export::write_jsonl(&events, w).map_err(io(&dir.join(name)))
            })?,
            "events.csv" => write_file(dir, name, |w| {
                sitrep_export::write_csv(&events, &sources, timestamp, w)
                    .map_err(io(&dir.join(name)))
            })?,
            "events.geojson" => write_file(dir, name, |w| {
                sitrep_export::write_geojson(&events, w).map_err(io(&dir.join(name)))
            })?,
            "report.md" => write_file(dir, name, |w| {
                sitrep_export::write_report(&events, &sources, w).map_err(io(&dir.join(name)))
            })?,
            "events.parquet" => {
                write_file(dir, name, |w| crate::parquet::events(&events, &sources, w))?
            }
            "articles.parquet" => write_file(dir, name, |w| crate::parquet::articles(store, w))?,
            other => unreachable!("no writer for {other}"),
        };
        written.push(path);
    }
    Ok(written)
}

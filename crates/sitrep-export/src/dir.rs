//! The output directory both `sitrep run` and `sitrep export` write: the same files, by the
//! same code, from whatever holds the events and articles (a run's memory and spool, or a
//! store).
//!
//! Every file is first written to `DIR/.NAME.partial` and synced; [`OutputDir::commit`] then
//! renames them all into place. An interrupted write leaves the files of an earlier run
//! untouched.

use crate::{write_csv, write_geojson, write_jsonl, write_report, SourceArticle};
use sitrep_core::{Article, Event, Published};
use std::collections::HashMap;
use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use thiserror::Error;

/// An output could not be written.
#[derive(Debug, Error)]
pub enum ExportError {
    /// A file or the directory could not be written (or an article source failed).
    #[error("cannot write {path}: {source}")]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// The underlying error.
        source: io::Error,
    },
    /// Parquet was asked of a build without the `parquet` feature.
    #[error("parquet: {0}")]
    Parquet(String),
}

/// What to write. [`Format::All`] is every file `sitrep run` writes but `run.json`.
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
    /// `events.parquet` and `articles.parquet`, flat columns (feature `parquet`).
    Parquet,
    /// `articles.jsonl`, `events.jsonl`, `events.csv`, `events.geojson` and `report.md`.
    All,
}

impl Format {
    /// Every format with its name as `--format` takes it, in help order.
    pub const NAMES: [(&'static str, Format); 6] = [
        ("jsonl", Format::Jsonl),
        ("csv", Format::Csv),
        ("geojson", Format::Geojson),
        ("md", Format::Md),
        ("parquet", Format::Parquet),
        ("all", Format::All),
    ];

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

impl std::str::FromStr for Format {
    type Err = String;

    fn from_str(s: &str) -> Result<Format, String> {
        Format::NAMES
            .iter()
            .find(|(n, _)| *n == s)
            .map(|(_, f)| *f)
            .ok_or_else(|| {
                let names: Vec<&str> = Format::NAMES.iter().map(|(n, _)| *n).collect();
                format!("unknown format `{s}` (one of {})", names.join(", "))
            })
    }
}

/// The articles of an output, in output order, each as it is to be written (run-wide names
/// and event ids applied).
pub trait Articles {
    /// Call `f` with every article in order; stop at the first error.
    fn for_each(&self, f: &mut dyn FnMut(&Article) -> io::Result<()>) -> io::Result<()>;
}

/// Everything the output files are made of.
pub struct Outputs<'a> {
    /// The resolved events, in output order.
    pub events: &'a [Event],
    /// The metadata of every article the events cite, by id.
    pub sources: &'a HashMap<String, SourceArticle>,
    /// The articles themselves, for `articles.jsonl` and `articles.parquet`.
    pub articles: &'a dyn Articles,
}

impl std::fmt::Debug for Outputs<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Outputs")
            .field("events", &self.events.len())
            .field("sources", &self.sources.len())
            .finish_non_exhaustive()
    }
}

impl From<&Article> for SourceArticle {
    fn from(a: &Article) -> SourceArticle {
        SourceArticle {
            id: a.id.clone(),
            url: a.url.clone(),
            outlet: a.outlet.clone(),
            title: a.title.clone(),
            published: a.published.as_ref().map(|p| p.to_string()),
        }
    }
}

/// ACLED's `timestamp` column: midnight UTC of the latest publication day among `sources`
/// (0 when none is dated), so the same articles always give the same bytes.
pub fn acled_timestamp(sources: &HashMap<String, SourceArticle>) -> i64 {
    sources
        .values()
        .filter_map(|a| a.published.as_deref())
        .filter_map(Published::parse)
        .map(|p| p.date())
        .max()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map_or(0, |t| t.and_utc().timestamp())
}

/// An output directory being written: files wait under temporary names until
/// [`OutputDir::commit`].
#[derive(Debug)]
pub struct OutputDir {
    dir: PathBuf,
    staged: Vec<String>,
}

fn io_at(path: &Path) -> impl FnOnce(io::Error) -> ExportError + '_ {
    move |source| ExportError::Io {
        path: path.to_path_buf(),
        source,
    }
}

impl OutputDir {
    /// Start writing into `dir`, created if missing.
    pub fn create(dir: &Path) -> Result<OutputDir, ExportError> {
        fs::create_dir_all(dir).map_err(io_at(dir))?;
        Ok(OutputDir {
            dir: dir.to_path_buf(),
            staged: Vec::new(),
        })
    }

    /// The directory.
    pub fn path(&self) -> &Path {
        &self.dir
    }

    /// Where `name` waits until [`OutputDir::commit`]: `DIR/.NAME.partial`. Also a safe
    /// place for scratch files of the same run (`.NAME.partial` of a name never committed).
    pub fn partial(&self, name: &str) -> PathBuf {
        self.dir.join(format!(".{name}.partial"))
    }

    /// Write the file `name` with `write` (buffered, synced to disk), under its temporary name
    /// until [`OutputDir::commit`].
    pub fn write(
        &mut self,
        name: &str,
        write: impl FnOnce(&mut BufWriter<File>) -> io::Result<()>,
    ) -> Result<(), ExportError> {
        let p = self.partial(name);
        let mut w = BufWriter::with_capacity(1 << 20, File::create(&p).map_err(io_at(&p))?);
        write(&mut w).map_err(io_at(&p))?;
        w.into_inner()
            .map_err(|e| io_at(&p)(e.into_error()))?
            .sync_all()
            .map_err(io_at(&p))?;
        if !self.staged.iter().any(|s| s == name) {
            self.staged.push(name.to_string());
        }
        Ok(())
    }

    /// Write every file of `formats` (each once, in the order the formats name them).
    pub fn write_formats(
        &mut self,
        formats: &[Format],
        out: &Outputs<'_>,
    ) -> Result<(), ExportError> {
        let mut names: Vec<&str> = Vec::new();
        for name in formats.iter().flat_map(|f| f.files()) {
            if !names.contains(name) {
                names.push(name);
            }
        }
        let timestamp = acled_timestamp(out.sources);
        for name in names {
            match name {
                "articles.jsonl" => self.write(name, |w| {
                    out.articles.for_each(&mut |a| {
                        serde_json::to_writer(&mut *w, a)?;
                        w.write_all(b"\n")
                    })
                })?,
                "events.jsonl" => self.write(name, |w| write_jsonl(out.events, w))?,
                "events.csv" => {
                    self.write(name, |w| write_csv(out.events, out.sources, timestamp, w))?
                }
                "events.geojson" => self.write(name, |w| write_geojson(out.events, w))?,
                "report.md" => self.write(name, |w| write_report(out.events, out.sources, w))?,
                "events.parquet" => {
                    crate::parquet::available()?;
                    self.write(name, |w| crate::parquet::events(out.events, out.sources, w))?
                }
                "articles.parquet" => {
                    crate::parquet::available()?;
                    self.write(name, |w| crate::parquet::articles(out.articles, w))?
                }
                other => unreachable!("Format::files names no writer for {other}"),
            }
        }
        Ok(())
    }

    /// Move every written file into place; returns their paths, in the order written.
    pub fn commit(self) -> Result<Vec<PathBuf>, ExportError> {
        let mut out = Vec::with_capacity(self.staged.len());
        for name in &self.staged {
            let (from, to) = (self.partial(name), self.dir.join(name));
            fs::rename(&from, &to).map_err(io_at(&to))?;
            out.push(to);
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct None_;
    impl Articles for None_ {
        fn for_each(&self, _: &mut dyn FnMut(&Article) -> io::Result<()>) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn formats_parse_and_name_their_files() {
        for (name, f) in Format::NAMES {
            assert_eq!(name.parse::<Format>(), Ok(f));
        }
        assert!("xml".parse::<Format>().unwrap_err().contains("jsonl"));
        assert_eq!(Format::All.files().len(), 5);
    }

    #[test]
    fn files_appear_only_on_commit() {
        let tmp = std::env::temp_dir().join(format!("sitrep-export-dir-{}", std::process::id()));
        let _ = fs::remove_dir_all(&tmp);
        let mut out = OutputDir::create(&tmp).unwrap();
        let sources = HashMap::new();
        let outputs = Outputs {
            events: &[],
            sources: &sources,
            articles: &None_,
        };
        out.write_formats(&[Format::Csv, Format::All], &outputs)
            .unwrap();
        assert!(!tmp.join("events.csv").exists());
        assert!(tmp.join(".events.csv.partial").exists());
        let written = out.commit().unwrap();
        let names: Vec<String> = written
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(
            names,
            [
                "events.csv",
                "articles.jsonl",
                "events.jsonl",
                "events.geojson",
                "report.md"
            ]
        );
        assert!(tmp.join("events.csv").exists() && !tmp.join(".events.csv.partial").exists());
        fs::remove_dir_all(&tmp).unwrap();
    }
}

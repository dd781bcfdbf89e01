//! The output directory: `articles.jsonl` and `run.json`, written to temporary files and
//! moved into place when the run completes.

use crate::names::{self, NameRegistry};
use crate::summary::Summary;
use crate::PipelineError;
use sitrep_core::Article;
use sitrep_export::SourceArticle;
use sitrep_resolve::{resolve, Report, Resolution};
use std::collections::HashMap;
use std::fs::{self, File};
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};

/// Files a run writes into its output directory.
pub const OUTPUT_FILES: [&str; 6] = [
    "articles.jsonl",
    "events.jsonl",
    "events.csv",
    "events.geojson",
    "report.md",
    "run.json",
];

pub(crate) struct Writer {
    dir: PathBuf,
    articles: BufWriter<File>,
    names: NameRegistry,
    /// The reports of every article written, for cross-article resolution.
    reports: Vec<Report>,
    /// Every article written, for the sources of the events outputs.
    sources: HashMap<String, SourceArticle>,
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> PipelineError + '_ {
    move |source| PipelineError::Output {
        path: path.to_path_buf(),
        source,
    }
}

fn tmp(dir: &Path, name: &str) -> PathBuf {
    dir.join(format!(".{name}.partial"))
}

impl Writer {
    pub(crate) fn create(dir: &Path) -> Result<Writer, PipelineError> {
        fs::create_dir_all(dir).map_err(io(dir))?;
        let p = tmp(dir, "articles.jsonl");
        let f = File::create(&p).map_err(io(&p))?;
        Ok(Writer {
            dir: dir.to_path_buf(),
            articles: BufWriter::with_capacity(1 << 20, f),
            names: NameRegistry::default(),
            reports: Vec::new(),
            sources: HashMap::new(),
        })
    }

    pub(crate) fn article(&mut self, a: &Article) -> Result<(), PipelineError> {
        let p = tmp(&self.dir, "articles.jsonl");
        self.names.observe(a);
        self.reports.extend(Report::from_article(a));
        self.sources.insert(
            a.id.clone(),
            SourceArticle {
                id: a.id.clone(),
                url: a.url.clone(),
                outlet: a.outlet.clone(),
                title: a.title.clone(),
                published: a.published.as_ref().map(|p| p.to_string()),
            },
        );
        serde_json::to_writer(&mut self.articles, a).map_err(|e| PipelineError::Output {
            path: p.clone(),
            source: e.into(),
        })?;
        self.articles.write_all(b"\n").map_err(io(&p))
    }

    pub(crate) fn finish(mut self, summary: &mut Summary) -> Result<(), PipelineError> {
        let p = tmp(&self.dir, "articles.jsonl");
        let f = self
            .articles
            .into_inner()
            .map_err(|e| io(&p)(e.into_error()))?;
        drop(f);
        let renames = self.names.renames();
        for r in &mut self.reports {
            r.rename(&renames);
        }
        let started = std::time::Instant::now();
        let resolution = resolve(std::mem::take(&mut self.reports));
        summary.events = resolution.events.len();
        summary.resolve_seconds = started.elapsed().as_secs_f64();
        // ACLED's `timestamp`: the latest publication of the run, so outputs are reproducible.
        let timestamp = self
            .sources
            .values()
            .filter_map(|a| a.published.as_deref())
            .filter_map(sitrep_core::Published::parse)
            .map(|p| p.date())
            .max()
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .map_or(0, |t| t.and_utc().timestamp());
        let evs = &resolution.events;
        let sources = &self.sources;
        write_file(&self.dir, "events.jsonl", |w| {
            sitrep_export::write_jsonl(evs, w)
        })?;
        write_file(&self.dir, "events.csv", |w| {
            sitrep_export::write_csv(evs, sources, timestamp, w)
        })?;
        write_file(&self.dir, "events.geojson", |w| {
            sitrep_export::write_geojson(evs, w)
        })?;
        write_file(&self.dir, "report.md", |w| {
            sitrep_export::write_report(evs, sources, w)
        })?;
        if !renames.is_empty() || !resolution.assignments.is_empty() {
            rewrite(
                &p,
                &tmp(&self.dir, "articles.renamed.jsonl"),
                &renames,
                &resolution,
            )?;
        }
        File::open(&p).and_then(|f| f.sync_all()).map_err(io(&p))?;
        let r = tmp(&self.dir, "run.json");
        let json = serde_json::to_vec_pretty(summary).expect("summary serialises");
        fs::write(&r, json).map_err(io(&r))?;
        for name in OUTPUT_FILES {
            let (from, to) = (tmp(&self.dir, name), self.dir.join(name));
            fs::rename(&from, &to).map_err(io(&to))?;
        }
        Ok(())
    }
}

/// Write `DIR/.NAME.partial` with `write`, synced to disk.
fn write_file(
    dir: &Path,
    name: &str,
    write: impl FnOnce(&mut BufWriter<File>) -> std::io::Result<()>,
) -> Result<(), PipelineError> {
    let p = tmp(dir, name);
    let mut w = BufWriter::with_capacity(1 << 20, File::create(&p).map_err(io(&p))?);
    write(&mut w).map_err(io(&p))?;
    w.into_inner()
        .map_err(|e| io(&p)(e.into_error()))?
        .sync_all()
        .map_err(io(&p))
}

/// Rewrite `path` in place (through `scratch`) with run-wide canonical names and the event
/// ids of the articles' event mentions.
fn rewrite(
    path: &Path,
    scratch: &Path,
    renames: &HashMap<(sitrep_core::MentionKind, String), String>,
    resolution: &Resolution,
) -> Result<(), PipelineError> {
    let input = BufReader::with_capacity(1 << 20, File::open(path).map_err(io(path))?);
    let mut out = BufWriter::with_capacity(1 << 20, File::create(scratch).map_err(io(scratch))?);
    for line in input.lines() {
        let line = line.map_err(io(path))?;
        let mut a: Article = serde_json::from_str(&line).map_err(|e| PipelineError::Output {
            path: path.to_path_buf(),
            source: e.into(),
        })?;
        let renamed = names::apply(&mut a, renames);
        if resolution.assign(&mut a) || renamed {
            serde_json::to_writer(&mut out, &a).map_err(|e| PipelineError::Output {
                path: scratch.to_path_buf(),
                source: e.into(),
            })?;
        } else {
            out.write_all(line.as_bytes()).map_err(io(scratch))?;
        }
        out.write_all(b"\n").map_err(io(scratch))?;
    }
    out.into_inner()
        .map_err(|e| io(scratch)(e.into_error()))?
        .sync_all()
        .map_err(io(scratch))?;
    fs::rename(scratch, path).map_err(io(path))
}

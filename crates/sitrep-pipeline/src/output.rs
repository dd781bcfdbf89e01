//! The output directory: `articles.jsonl` and `run.json`, written to temporary files and
//! moved into place when the run completes.

use crate::names::{self, NameRegistry};
use crate::summary::Summary;
use crate::PipelineError;
use sitrep_core::Article;
use std::fs::{self, File};
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};

/// Files a run writes into its output directory.
pub const OUTPUT_FILES: [&str; 2] = ["articles.jsonl", "run.json"];

pub(crate) struct Writer {
    dir: PathBuf,
    articles: BufWriter<File>,
    names: NameRegistry,
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
        })
    }

    pub(crate) fn article(&mut self, a: &Article) -> Result<(), PipelineError> {
        let p = tmp(&self.dir, "articles.jsonl");
        self.names.observe(a);
        serde_json::to_writer(&mut self.articles, a).map_err(|e| PipelineError::Output {
            path: p.clone(),
            source: e.into(),
        })?;
        self.articles.write_all(b"\n").map_err(io(&p))
    }

    pub(crate) fn finish(self, summary: &Summary) -> Result<(), PipelineError> {
        let p = tmp(&self.dir, "articles.jsonl");
        let f = self
            .articles
            .into_inner()
            .map_err(|e| io(&p)(e.into_error()))?;
        drop(f);
        let renames = self.names.renames();
        if !renames.is_empty() {
            rewrite(&p, &tmp(&self.dir, "articles.renamed.jsonl"), &renames)?;
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

/// Rewrite `path` in place (through `scratch`) with run-wide canonical names.
fn rewrite(
    path: &Path,
    scratch: &Path,
    renames: &std::collections::HashMap<(sitrep_core::MentionKind, String), String>,
) -> Result<(), PipelineError> {
    let input = BufReader::with_capacity(1 << 20, File::open(path).map_err(io(path))?);
    let mut out = BufWriter::with_capacity(1 << 20, File::create(scratch).map_err(io(scratch))?);
    for line in input.lines() {
        let line = line.map_err(io(path))?;
        let mut a: Article = serde_json::from_str(&line).map_err(|e| PipelineError::Output {
            path: path.to_path_buf(),
            source: e.into(),
        })?;
        if names::apply(&mut a, renames) {
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

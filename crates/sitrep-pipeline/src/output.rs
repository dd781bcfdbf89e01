//! The output directory of a run: articles are spooled as they come, then the cross-document
//! layer runs once at the end (run-wide names, event resolution) and `sitrep_export` writes
//! every file — the same writer `sitrep export` uses over a store.

use crate::summary::Summary;
use crate::PipelineError;
use sitrep_core::{Article, ArticleError, ErrorCode, MentionKind};
use sitrep_export::{Articles, Format, OutputDir, Outputs, SourceArticle};
use sitrep_resolve::names::{self, NameRegistry};
use sitrep_resolve::{resolve, Report, Resolution};
use std::collections::HashMap;
use std::fs::{self, File};
use std::io::{self, BufRead, BufReader, BufWriter, Write};
use std::panic::{catch_unwind, AssertUnwindSafe};
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

/// The scratch file articles are spooled to during a run (never committed).
const SPOOL: &str = "articles.spool";

pub(crate) struct Writer {
    out: OutputDir,
    spool: BufWriter<File>,
    names: NameRegistry,
    /// The reports of every article written, for cross-article resolution.
    reports: Vec<Report>,
    /// Every article written, for the sources of the events outputs.
    sources: HashMap<String, SourceArticle>,
}

fn io(path: &Path) -> impl FnOnce(io::Error) -> PipelineError + '_ {
    move |source| PipelineError::Output {
        path: path.to_path_buf(),
        source,
    }
}

impl Writer {
    pub(crate) fn create(dir: &Path) -> Result<Writer, PipelineError> {
        let out = OutputDir::create(dir)?;
        let p = out.partial(SPOOL);
        let f = File::create(&p).map_err(io(&p))?;
        Ok(Writer {
            out,
            spool: BufWriter::with_capacity(1 << 20, f),
            names: NameRegistry::default(),
            reports: Vec::new(),
            sources: HashMap::new(),
        })
    }

    pub(crate) fn article(&mut self, a: &Article) -> Result<(), PipelineError> {
        self.names.observe(a);
        self.reports.extend(Report::from_article(a));
        self.sources.insert(a.id.clone(), SourceArticle::from(a));
        let p = self.out.partial(SPOOL);
        serde_json::to_writer(&mut self.spool, a).map_err(|e| io(&p)(e.into()))?;
        self.spool.write_all(b"\n").map_err(io(&p))
    }

    pub(crate) fn finish(mut self, summary: &mut Summary) -> Result<(), PipelineError> {
        let spool = self.out.partial(SPOOL);
        self.spool
            .into_inner()
            .map_err(|e| io(&spool)(e.into_error()))?
            .sync_all()
            .map_err(io(&spool))?;
        let renames = self.names.renames();
        for r in &mut self.reports {
            r.rename(&renames);
        }
        let started = std::time::Instant::now();
        let reports = std::mem::take(&mut self.reports);
        // A bug in resolution costs the events, never the articles: they are written without
        // event ids and the run reports the failure.
        let resolution = catch_unwind(AssertUnwindSafe(|| resolve(reports))).unwrap_or_else(|_| {
            let source = self.out.path().display().to_string();
            let error = ArticleError::error(
                ErrorCode::Stage,
                format!("{source}: internal error while resolving events: no events written"),
            );
            summary.fail(source, error);
            Resolution::default()
        });
        summary.events = resolution.events.len();
        summary.resolve_seconds = started.elapsed().as_secs_f64();
        let articles = Spooled {
            path: spool.clone(),
            renames: &renames,
            resolution: &resolution,
        };
        self.out.write_formats(
            &[Format::All],
            &Outputs {
                events: &resolution.events,
                sources: &self.sources,
                articles: &articles,
            },
        )?;
        fs::remove_file(&spool).map_err(io(&spool))?;
        let json = serde_json::to_vec_pretty(summary).map_err(|e| io(self.out.path())(e.into()))?;
        self.out.write("run.json", |w| w.write_all(&json))?;
        self.out.commit()?;
        Ok(())
    }
}

/// The spooled articles, each given its run-wide names and event ids as it is read back.
struct Spooled<'a> {
    path: PathBuf,
    renames: &'a HashMap<(MentionKind, String), String>,
    resolution: &'a Resolution,
}

impl Articles for Spooled<'_> {
    fn for_each(&self, f: &mut dyn FnMut(&Article) -> io::Result<()>) -> io::Result<()> {
        let input = BufReader::with_capacity(1 << 20, File::open(&self.path)?);
        for line in input.lines() {
            let mut a: Article = serde_json::from_str(&line?)?;
            names::apply(&mut a, self.renames);
            self.resolution.assign(&mut a);
            f(&a)?;
        }
        Ok(())
    }
}

//! sitrep pipeline: runs the stages over a stream of inputs and writes the outputs.
//!
//! Shape (see `docs/ARCHITECTURE.md`):
//!
//! ```text
//! reader thread ──batches──▶ bounded channel ──▶ rayon: clean, understand (per article)
//!                                                  │
//!                                                  ▼ in input order
//!                                 writer: dedup by content hash → articles.jsonl
//! ```
//!
//! A [`Pipeline`] is built once from [`Options`] (threads, cleaner, knowledge base, stages) and
//! then runs any number of times: [`Pipeline::run`] writes an output directory,
//! [`Pipeline::process`] hands the articles to a consumer such as the store.
//!
//! Memory is bounded by two batches in flight (at most [`Options::batch_docs`] articles and
//! [`Options::batch_bytes`] bytes each), whatever the size of the input. Output order is the
//! input order, whatever the number of threads. Outputs are written to temporary files and
//! renamed into place only when the run completes, so a failed run never clobbers the outputs
//! of an earlier one.

mod output;
mod summary;

pub use output::OUTPUT_FILES;
pub use sitrep_ingest::{discover, IngestOptions, Input};
pub use summary::{Failure, Summary};

use sitrep_clean::DefaultCleaner;
use sitrep_core::{Annotator, Article, ArticleError, Cleaner, ErrorCode, RawDocument, Severity};
use sitrep_events::EventMentions;
use sitrep_ingest::{Item, Reader};
use sitrep_kb::Kb;
use sitrep_understand::Understand;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::{mpsc, Arc};
use std::time::{Duration, Instant};

/// The default [`Options::article_budget`]: far above what any real article takes (a 4 MB text
/// takes about 2 s on one core), so only a pathological input meets it.
pub const DEFAULT_ARTICLE_BUDGET: Duration = Duration::from_secs(60);
use thiserror::Error;

/// A run could not produce its outputs at all (per-article problems never cause this).
#[derive(Debug, Error)]
pub enum PipelineError {
    /// The output directory or a file in it could not be written.
    #[error("cannot write {path}: {source}")]
    Output {
        /// The file or directory.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// An output file could not be written.
    #[error(transparent)]
    Export(#[from] sitrep_export::ExportError),
    /// The knowledge base given with `--kb` could not be loaded.
    #[error("cannot load knowledge base {path}: {message}")]
    Kb {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        message: String,
    },
    /// The worker thread pool could not be started.
    #[error("cannot start worker threads: {0}")]
    Threads(String),
    /// An option is out of range.
    #[error("invalid option: {0}")]
    Options(String),
}

/// How a [`Pipeline`] is built and how it reads. Checked once, by [`Pipeline::new`].
#[derive(Debug, Clone)]
pub struct Options {
    /// Reader limits.
    pub ingest: IngestOptions,
    /// Worker threads (`None`: one per core; otherwise at least 1).
    pub threads: Option<usize>,
    /// Most articles in one batch (at least 1).
    pub batch_docs: usize,
    /// Most body bytes in one batch (at least 1).
    pub batch_bytes: usize,
    /// Keep each article's `original` (the text `removed` and `alignment` refer to).
    pub with_original: bool,
    /// A knowledge-base file to link against instead of the built-in one (`sitrep kb`).
    pub kb: Option<PathBuf>,
    /// Keep plain-text bodies verbatim instead of cleaning them ([`DefaultCleaner::verbatim`]).
    pub verbatim: bool,
    /// The time one article may take through the stages (`None`: no limit). It is checked
    /// after cleaning, and the later stages check it between their steps
    /// ([`Article::deadline`]): an article over it is given up, recorded as a per-article error
    /// ([`ErrorCode::OverBudget`]) with the stage and the time, and the run goes on. Every step
    /// is linear in the length of its input, so an article overshoots the budget by at most one
    /// step's time.
    pub article_budget: Option<Duration>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            ingest: IngestOptions::default(),
            threads: None,
            batch_docs: 256,
            batch_bytes: 32 << 20,
            with_original: false,
            verbatim: false,
            kb: None,
            article_budget: Some(DEFAULT_ARTICLE_BUDGET),
        }
    }
}

impl Options {
    fn check(&self) -> Result<(), PipelineError> {
        let bad = |what: &str| Err(PipelineError::Options(format!("{what} must be at least 1")));
        if self.threads == Some(0) {
            return bad("threads");
        }
        if self.batch_docs == 0 {
            return bad("articles per batch");
        }
        if self.batch_bytes == 0 {
            return bad("bytes per batch");
        }
        if self.ingest.max_bytes == 0 {
            return bad("the largest document");
        }
        if self.article_budget == Some(Duration::ZERO) {
            return Err(PipelineError::Options(
                "the article budget must be positive (None for no limit)".into(),
            ));
        }
        Ok(())
    }
}

/// What the pipeline reports as it goes, for a progress display.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress {
    /// A batch of items was read and processed: how many, and their body bytes.
    Processed {
        /// Items in the batch.
        items: u64,
        /// Body bytes in the batch.
        bytes: u64,
    },
}

/// The stages, built once from checked [`Options`] and shared by every call: the worker
/// threads, the cleaner, the understand stage with its knowledge base, and the events stage.
///
/// Building it is the only place the knowledge base is loaded (a `--kb` file, or the built-in
/// one, which is parsed once per process and shared). `sitrep run`, `sitrep ingest` and
/// `sitrep serve` each build one and use it for everything they read; a server calls
/// [`Pipeline::process`] for every request, and memory stays flat.
pub struct Pipeline {
    options: Options,
    pool: rayon::ThreadPool,
    cleaner: DefaultCleaner,
    understand: Understand,
    events: EventMentions,
}

impl std::fmt::Debug for Pipeline {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pipeline")
            .field("options", &self.options)
            .field("threads", &self.pool.current_num_threads())
            .finish_non_exhaustive()
    }
}

impl Pipeline {
    /// Check `options`, load the knowledge base and build the stages.
    pub fn new(options: Options) -> Result<Pipeline, PipelineError> {
        options.check()?;
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(options.threads.unwrap_or(0))
            .thread_name(|i| format!("sitrep-worker-{i}"))
            .build()
            .map_err(|e| PipelineError::Threads(e.to_string()))?;
        let cleaner = if options.verbatim {
            DefaultCleaner::verbatim()
        } else {
            DefaultCleaner::default()
        };
        let kb = match &options.kb {
            None => Kb::embedded_shared(),
            Some(path) => Arc::new(Kb::from_path(path).map_err(|e| PipelineError::Kb {
                path: path.clone(),
                message: e.to_string(),
            })?),
        };
        Ok(Pipeline {
            pool,
            cleaner,
            understand: Understand::with_kb(kb),
            events: EventMentions::default(),
            options,
        })
    }

    /// The options it was built from.
    pub fn options(&self) -> &Options {
        &self.options
    }

    /// Run the stages over `inputs` and write the outputs into `out_dir` (created if
    /// missing): `articles.jsonl`, the events files and `run.json` (see [`OUTPUT_FILES`]).
    pub fn run(
        &self,
        inputs: Vec<Input>,
        out_dir: &Path,
        progress: &(dyn Fn(Progress) + Sync),
    ) -> Result<Summary, PipelineError> {
        let mut writer = output::Writer::create(out_dir)?;
        let mut summary = self.process(inputs, progress, |batch| {
            batch.iter().try_for_each(|a| writer.article(a))
        })?;
        writer.finish(&mut summary)?;
        Ok(summary)
    }

    /// Run the stages over `inputs` and hand the articles to `sink` instead of writing an
    /// output directory: the code path of [`Pipeline::run`], for other consumers such as the
    /// store.
    ///
    /// `sink` gets one batch at a time, in input order, holding every article of the batch
    /// that [`Pipeline::run`] would write: articles with an error are counted as failures in
    /// the returned [`Summary`], and an article with the same clean-text hash as an earlier
    /// one of this call is counted as a duplicate; neither reaches `sink`. An article whose id
    /// an earlier article of this call already has, with other text, fails with
    /// [`ErrorCode::IdClash`] and does not reach `sink` either: nothing is replaced silently. The articles carry
    /// no event ids (events are resolved by the consumer) and no `original` unless
    /// [`Options::with_original`]. An error from `sink` stops the run and is returned.
    pub fn process<E: From<PipelineError>>(
        &self,
        inputs: Vec<Input>,
        progress: &(dyn Fn(Progress) + Sync),
        mut sink: impl FnMut(Vec<Article>) -> Result<(), E>,
    ) -> Result<Summary, E> {
        let opts = &self.options;
        let mut summary = Summary::default();
        let (tx, rx) = mpsc::sync_channel::<Vec<Item>>(1);
        let reader = Reader::new(inputs, opts.ingest.clone());
        let (batch_docs, batch_bytes) = (opts.batch_docs, opts.batch_bytes);
        std::thread::scope(|s| -> Result<(), E> {
            s.spawn(move || {
                let mut batch = Vec::with_capacity(batch_docs);
                let mut bytes = 0;
                for item in reader {
                    bytes += item_bytes(&item);
                    batch.push(item);
                    if batch.len() >= batch_docs || bytes >= batch_bytes {
                        if tx.send(std::mem::take(&mut batch)).is_err() {
                            return;
                        }
                        bytes = 0;
                    }
                }
                if !batch.is_empty() {
                    let _ = tx.send(batch);
                }
            });
            for batch in rx {
                let n = batch.len() as u64;
                let bytes = batch.iter().map(item_bytes).sum::<usize>() as u64;
                let results: Vec<Outcome> = self.pool.install(|| {
                    use rayon::prelude::*;
                    batch
                        .into_par_iter()
                        .map(|item| match item {
                            Item::Doc(raw) => match self.article(raw) {
                                Ok(article) => Outcome::Article(Box::new(article)),
                                Err((source, error)) => Outcome::Failed { source, error },
                            },
                            Item::Failed { source, error } => Outcome::Failed { source, error },
                        })
                        .collect()
                });
                let mut accepted = Vec::with_capacity(results.len());
                for r in results {
                    match r {
                        Outcome::Article(mut article) => {
                            summary.read += 1;
                            if !opts.with_original {
                                article.original = None;
                            }
                            accept(*article, &mut accepted, &mut summary)
                        }
                        // A problem that lost no article (a bad sidecar line): noted, not counted.
                        Outcome::Failed { source, error }
                            if error.severity == Severity::Warning =>
                        {
                            summary.note(source, error)
                        }
                        Outcome::Failed { source, error } => {
                            summary.read += 1;
                            summary.fail(source, error)
                        }
                    }
                }
                if !accepted.is_empty() {
                    sink(accepted)?;
                }
                progress(Progress::Processed { items: n, bytes });
            }
            Ok(())
        })?;
        Ok(summary)
    }

    /// One document through clean, understand and events. A bug in a stage costs this one
    /// article, never the run: a panic while cleaning is an `Err` with the document's source;
    /// a panic or error while annotating drops what the stage half-wrote and leaves a warning
    /// on the article.
    ///
    /// An article over [`Options::article_budget`] is an `Err` with [`ErrorCode::OverBudget`].
    pub fn article(&self, raw: RawDocument) -> Result<Article, (String, ArticleError)> {
        let source = raw.source.clone();
        let started = Instant::now();
        let over = |stage: &str| -> Option<(String, ArticleError)> {
            let budget = self.options.article_budget?;
            let spent = started.elapsed();
            (spent >= budget).then(|| {
                let message = format!(
                    "{source}: gave up after {:.1} s, in {stage}: over the per-article budget \
                     of {:.1} s",
                    spent.as_secs_f64(),
                    budget.as_secs_f64()
                );
                (
                    source.clone(),
                    ArticleError::error(ErrorCode::OverBudget, message),
                )
            })
        };
        let Ok(mut article) = catch_unwind(AssertUnwindSafe(|| self.cleaner.clean(raw))) else {
            let error = ArticleError::error(
                ErrorCode::Stage,
                format!("{source}: internal error while cleaning"),
            );
            return Err((source, error));
        };
        if article.has_errors() {
            return Ok(article);
        }
        if let Some(e) = over("cleaning") {
            return Err(e);
        }
        // The stages check the deadline between their steps and stop early past it.
        article.deadline = self.options.article_budget.map(|b| started + b);
        let result = catch_unwind(AssertUnwindSafe(|| {
            self.understand.annotate(&mut article)?;
            self.events.annotate(&mut article)
        }));
        article.deadline = None;
        // A stage that stopped early for the budget: the article is given up (one that
        // finished, however late, is kept).
        if let Ok(Err(e)) = &result {
            if let Some(e) = over(e.stage) {
                return Err(e);
            }
        }
        let message = match result {
            Ok(Ok(())) => None,
            Ok(Err(e)) => Some(e.to_string()),
            Err(_) => {
                // What the stage half-wrote is dropped.
                article.sentences = None;
                article.mentions = None;
                article.times = None;
                article.quantities = None;
                article.claims = None;
                article.event_mentions = None;
                article.main_event = None;
                Some("internal error in the understand stage".to_string())
            }
        };
        if let Some(m) = message {
            article.errors.push(ArticleError::warning(
                ErrorCode::Stage,
                format!("{}: {m}", article.source),
            ));
        }
        Ok(article)
    }
}

/// What became of one item.
enum Outcome {
    Article(Box<Article>),
    Failed { source: String, error: ArticleError },
}

fn item_bytes(item: &Item) -> usize {
    match item {
        Item::Doc(d) => d.body.as_str().len(),
        Item::Failed { .. } => 0,
    }
}

fn accept(article: Article, accepted: &mut Vec<Article>, summary: &mut Summary) {
    summary.warnings += article
        .errors
        .iter()
        .filter(|e| e.severity == Severity::Warning)
        .count();
    if let Some(e) = article
        .errors
        .iter()
        .find(|e| e.severity == Severity::Error)
    {
        summary.fail(article.source.clone(), e.clone());
        return;
    }
    if let Some(first) = summary.seen.get(&article.hash) {
        summary.duplicates.push((article.id.clone(), first.clone()));
        summary.skip(ErrorCode::Duplicate);
        return;
    }
    // Another text under an id already written: never replace it silently.
    if let Some(first) = summary.ids.get(&article.id) {
        let message = format!(
            "{}: id {:?} was already given to {first} in this run, with other text; not written \
             (give each input its own id)",
            article.source, article.id
        );
        let error = ArticleError::error(ErrorCode::IdClash, message);
        summary.fail(article.source.clone(), error);
        return;
    }
    summary
        .seen
        .insert(article.hash.clone(), article.id.clone());
    summary
        .ids
        .insert(article.id.clone(), article.source.clone());
    summary.written += 1;
    accepted.push(article);
}

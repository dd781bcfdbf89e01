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
//! Memory is bounded by two batches in flight (at most [`RunOptions::batch_docs`] articles and
//! [`RunOptions::batch_bytes`] bytes each), whatever the size of the input. Output order is the
//! input order, whatever the number of threads. Outputs are written to temporary files and
//! renamed into place only when the run completes, so a failed run never clobbers the outputs
//! of an earlier one.

pub mod names;
mod output;
mod summary;

pub use output::OUTPUT_FILES;
pub use sitrep_ingest::{discover, IngestOptions, Input};
pub use summary::{Failure, Summary};

use sitrep_clean::DefaultCleaner;
use sitrep_core::{Annotator, Article, ArticleError, Cleaner, ErrorCode, Severity};
use sitrep_events::EventMentions;
use sitrep_ingest::{Item, Reader};
use sitrep_understand::Understand;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::mpsc;
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
}

/// How to run.
#[derive(Debug, Clone)]
pub struct RunOptions {
    /// Where `articles.jsonl` and `run.json` go (created if missing).
    pub out_dir: PathBuf,
    /// Reader limits.
    pub ingest: IngestOptions,
    /// Worker threads (`None`: one per core).
    pub threads: Option<usize>,
    /// Most articles in one batch.
    pub batch_docs: usize,
    /// Most body bytes in one batch.
    pub batch_bytes: usize,
    /// Write each article's `original` (the text `removed` and `alignment` refer to).
    pub with_original: bool,
    /// A knowledge-base file to link against instead of the built-in one (`sitrep kb`).
    pub kb: Option<PathBuf>,
    /// Keep plain-text bodies verbatim instead of cleaning them ([`DefaultCleaner::verbatim`]).
    pub verbatim: bool,
}

impl RunOptions {
    /// Defaults for writing into `out_dir`.
    pub fn new(out_dir: impl Into<PathBuf>) -> Self {
        RunOptions {
            out_dir: out_dir.into(),
            ingest: IngestOptions::default(),
            threads: None,
            batch_docs: 256,
            batch_bytes: 32 << 20,
            with_original: false,
            verbatim: false,
            kb: None,
        }
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

/// Run ingest and clean over `inputs`, writing the outputs into `opts.out_dir`.
pub fn run(
    inputs: Vec<Input>,
    opts: &RunOptions,
    progress: &(dyn Fn(Progress) + Sync),
) -> Result<Summary, PipelineError> {
    let mut writer = output::Writer::create(&opts.out_dir)?;
    let mut summary = process(inputs, opts, progress, |batch| {
        batch.iter().try_for_each(|a| writer.article(a))
    })?;
    writer.finish(&mut summary)?;
    Ok(summary)
}

/// Run the stages over `inputs` and hand the articles to `sink` instead of writing an output
/// directory (`opts.out_dir` is not used): the code path of [`run`], for other consumers such
/// as the store.
///
/// `sink` gets one batch at a time, in input order, holding every article of the batch that
/// [`run`] would write: articles with an error are counted as failures in the returned
/// [`Summary`], and an article with the same clean-text hash as an earlier one of this call is
/// counted as a duplicate; neither reaches `sink`. The articles carry no event ids (events are
/// resolved by the consumer) and no `original` unless [`RunOptions::with_original`]. An error
/// from `sink` stops the run and is returned.
pub fn process<E: From<PipelineError>>(
    inputs: Vec<Input>,
    opts: &RunOptions,
    progress: &(dyn Fn(Progress) + Sync),
    mut sink: impl FnMut(Vec<Article>) -> Result<(), E>,
) -> Result<Summary, E> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(opts.threads.unwrap_or(0))
        .build()
        .map_err(|e| PipelineError::Threads(e.to_string()))?;
    let cleaner = if opts.verbatim {
        DefaultCleaner::verbatim()
    } else {
        DefaultCleaner::default()
    };
    let understand = match &opts.kb {
        None => Understand::default(),
        Some(path) => {
            let kb = sitrep_kb::Kb::from_path(path).map_err(|e| PipelineError::Kb {
                path: path.clone(),
                message: e.to_string(),
            })?;
            Understand::with_kb(std::sync::Arc::new(kb))
        }
    };
    let events = EventMentions::default();
    let mut summary = Summary::default();

    let (tx, rx) = mpsc::sync_channel::<Vec<Item>>(1);
    let reader = Reader::new(inputs, opts.ingest.clone());
    let (batch_docs, batch_bytes) = (opts.batch_docs.max(1), opts.batch_bytes.max(1));
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
            let results: Vec<Outcome> = pool.install(|| {
                use rayon::prelude::*;
                batch
                    .into_par_iter()
                    .map(|item| match item {
                        Item::Doc(raw) => {
                            let source = raw.source.clone();
                            // A bug in a stage costs one article, never the run.
                            let Ok(mut article) =
                                catch_unwind(AssertUnwindSafe(|| cleaner.clean(raw)))
                            else {
                                return Outcome::Failed {
                                    error: ArticleError::error(
                                        ErrorCode::Stage,
                                        format!("{source}: internal error while cleaning"),
                                    ),
                                    source,
                                };
                            };
                            if !article.has_errors() {
                                let result = catch_unwind(AssertUnwindSafe(|| {
                                    understand.annotate(&mut article)?;
                                    events.annotate(&mut article)
                                }));
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
                            }
                            Outcome::Article(Box::new(article))
                        }
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
                    Outcome::Failed { source, error } if error.severity == Severity::Warning => {
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
    summary
        .seen
        .insert(article.hash.clone(), article.id.clone());
    summary.written += 1;
    accepted.push(article);
}

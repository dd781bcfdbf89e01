//! The `sitrep` command line: a thin shell over `sitrep-pipeline`.

mod demo;
mod kb;
mod serve;
mod store;

/// html5ever's DOM is allocation-heavy; mimalloc makes cleaning markedly faster.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use anyhow::{Context, Result};
use clap::{Args, Parser, Subcommand};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use sitrep_pipeline::{Options, Pipeline, Progress, Summary};
use sitrep_store::Format;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

const EXAMPLES: &str = "\
Examples:
  sitrep run ../shared/corpus/seeds --out out/
  sitrep run crawl.warc.gz articles.jsonl page.html.gz --out out/
  zcat feed.jsonl.gz | sitrep run - --out out/
  sitrep demo
  sitrep ingest ../shared/corpus/seeds --db events.db
  sitrep export --db events.db --format jsonl,csv --out out/
  SITREP_TOKEN=secret sitrep serve --db events.db --addr 127.0.0.1:8080

Exit status: 0 when every input produced an article (or was a duplicate), 1 when any input
failed (its message is on stderr and in DIR/run.json), 2 on a usage error.";

/// sitrep turns raw news reports into a verified, source-attributed database of events.
#[derive(Debug, Parser)]
#[command(name = "sitrep", version, about, after_help = EXAMPLES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Read articles, clean them, and write DIR/articles.jsonl and DIR/run.json.
    #[command(after_help = EXAMPLES)]
    Run {
        /// Files or directories (walked recursively) to read; `-` reads JSON Lines from stdin.
        /// Formats: .txt, .html/.htm, .json, .jsonl, .warc, each optionally .gz; detected by
        /// content as well as extension. A directory's meta.jsonl gives per-file metadata.
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Output directory (created if missing).
        #[arg(long, short, value_name = "DIR")]
        out: PathBuf,
        #[command(flatten)]
        pipeline: PipelineArgs,
        /// Also write each article's `original`: the text `removed` and `alignment` refer to
        /// (the decoded input, or an HTML page's text rendering).
        #[arg(long)]
        with_original: bool,
        /// Print no progress bar or summary.
        #[arg(long, short)]
        quiet: bool,
    },
    /// Read articles like `run` and add them to a store: new ones inserted, changed ones
    /// replaced, unchanged ones left alone, and the events they touch updated. Each batch is
    /// one transaction: a killed ingest leaves the store as it was before the batch.
    #[command(after_help = EXAMPLES)]
    Ingest {
        /// Files or directories to read, as for `run`; `-` reads JSON Lines from stdin.
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// The store (a SQLite file; created if missing).
        #[arg(long, value_name = "FILE")]
        db: PathBuf,
        #[command(flatten)]
        pipeline: PipelineArgs,
        /// Articles per batch (one transaction each).
        #[arg(long, value_name = "N", default_value_t = 256, value_parser = at_least_one)]
        batch: usize,
        /// Print no progress bar or summary.
        #[arg(long, short)]
        quiet: bool,
    },
    /// Write the files `run` writes (articles.jsonl, events.jsonl, events.csv,
    /// events.geojson, report.md), or Parquet, from a store.
    Export {
        /// The store (a SQLite file written by `sitrep ingest`).
        #[arg(long, value_name = "FILE")]
        db: PathBuf,
        /// What to write (comma-separated): jsonl = articles.jsonl + events.jsonl, csv =
        /// events.csv, geojson = events.geojson, md = report.md, parquet = events.parquet +
        /// articles.parquet, all = jsonl, csv, geojson and md.
        #[arg(long, short, value_delimiter = ',', default_value = "all", value_parser = format)]
        format: Vec<Format>,
        /// Output directory (created if missing).
        #[arg(long, short, value_name = "DIR", default_value = ".")]
        out: PathBuf,
        /// Print no summary.
        #[arg(long, short)]
        quiet: bool,
    },
    /// Serve the analyst's web page at / and the HTTP API over a store: GET /api/health,
    /// /api/events, /api/events/{id}, /api/timeline, /api/search, /api/live (server-sent
    /// events), /api/articles/{id}, /api/openapi.json; POST /api/articles (JSON or JSON Lines)
    /// runs the pipeline and ingests.
    #[command(after_help = EXAMPLES)]
    Serve {
        /// The store (a SQLite file; created if missing).
        #[arg(long, value_name = "FILE")]
        db: PathBuf,
        /// Address to listen on.
        #[arg(long, value_name = "HOST:PORT", default_value = "127.0.0.1:8080")]
        addr: String,
        /// Bearer token that POST /api/articles needs (default: $SITREP_TOKEN; writes are
        /// open when neither is set).
        #[arg(
            long,
            value_name = "TOKEN",
            env = "SITREP_TOKEN",
            hide_env_values = true
        )]
        token: Option<String>,
        /// Reads need the token too (all of /api/ but /api/health).
        #[arg(long, requires = "token")]
        auth_reads: bool,
        /// Largest request body, in MiB.
        #[arg(long, value_name = "N", default_value_t = 16)]
        max_body_mib: usize,
        /// Seconds a client may take to send a request's headers, and a connection may stay
        /// idle between requests.
        #[arg(long, value_name = "SECS", default_value_t = 10.0, value_parser = positive_seconds)]
        header_timeout: f64,
        /// Seconds a client may take to send a POST's body (then 408 `timeout`).
        #[arg(long, value_name = "SECS", default_value_t = 30.0, value_parser = positive_seconds)]
        body_timeout: f64,
        /// Most connections open at once (more are closed as soon as they are accepted).
        #[arg(long, value_name = "N", default_value_t = 512, value_parser = at_least_one)]
        max_connections: usize,
        #[command(flatten)]
        pipeline: PipelineArgs,
    },
    /// Build, extend, inspect the knowledge base (places and actors) sitrep links against.
    #[command(subcommand)]
    Kb(kb::KbCommand),
    /// Run the pipeline on the built-in demo corpus and write ./sitrep-demo/.
    Demo {
        /// Output directory.
        #[arg(long, short, value_name = "DIR", default_value = "sitrep-demo")]
        out: PathBuf,
    },
}

/// How the pipeline is built: the options `run`, `ingest` and `serve` share.
#[derive(Debug, Args)]
struct PipelineArgs {
    /// Worker threads (default: one per core).
    #[arg(long, short = 'j', value_name = "N", value_parser = at_least_one)]
    threads: Option<usize>,
    /// Largest single document to read, in MiB (larger ones are reported and skipped).
    #[arg(long, value_name = "MIB", default_value_t = 64)]
    max_mib: u64,
    /// Keep plain-text inputs verbatim: no boilerplate removal, so every offset is an offset
    /// into the input text (for text that is already clean, such as benchmark gold).
    #[arg(long)]
    no_clean: bool,
    /// Link against this knowledge-base file (from `sitrep kb build` or `sitrep kb extend`)
    /// instead of the built-in one.
    #[arg(long, value_name = "FILE")]
    kb: Option<PathBuf>,
    /// Seconds one article may take through the stages; an article over it is given up and
    /// reported (`over_budget`), and the run goes on. 0: no limit.
    #[arg(long, value_name = "SECS", default_value_t = 60.0, value_parser = seconds)]
    article_budget: f64,
}

impl PipelineArgs {
    /// The pipeline's options (the rest at their defaults).
    fn options(self) -> Options {
        let mut o = Options {
            threads: self.threads,
            verbatim: self.no_clean,
            kb: self.kb,
            ..Options::default()
        };
        o.ingest.max_bytes = self.max_mib.saturating_mul(1 << 20);
        o.article_budget =
            (self.article_budget > 0.0).then(|| Duration::from_secs_f64(self.article_budget));
        o
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match dispatch(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("sitrep: error: {e:#}");
            ExitCode::from(1)
        }
    }
}

/// A count of at least one (`-j`, `--batch`): zero is a usage error.
fn at_least_one(s: &str) -> Result<usize, String> {
    match s.parse::<usize>() {
        Ok(0) => Err("must be at least 1".into()),
        Ok(n) => Ok(n),
        Err(e) => Err(e.to_string()),
    }
}

/// A number of seconds, 0 or more (`--article-budget`).
fn seconds(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(x) if x.is_finite() && (0.0..=1e9).contains(&x) => Ok(x),
        Ok(_) => Err("must be a number of seconds, 0 or more".into()),
        Err(e) => Err(e.to_string()),
    }
}

/// A number of seconds above 0 (the server's timeouts).
fn positive_seconds(s: &str) -> Result<f64, String> {
    match seconds(s)? {
        x if x > 0.0 => Ok(x),
        _ => Err("must be more than 0 seconds".into()),
    }
}

/// One `--format` of `sitrep export`.
fn format(s: &str) -> Result<Format, String> {
    s.parse()
}

fn dispatch(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Run {
            paths,
            out,
            pipeline,
            with_original,
            quiet,
        } => {
            let mut opts = pipeline.options();
            opts.with_original = with_original;
            let summary = run(&Pipeline::new(opts)?, &paths, &out, quiet)?;
            Ok(exit_code(&summary))
        }
        Command::Ingest {
            paths,
            db,
            pipeline,
            batch,
            quiet,
        } => {
            let mut opts = pipeline.options();
            opts.batch_docs = batch;
            store::ingest(&Pipeline::new(opts)?, &paths, &db, quiet)
        }
        Command::Export {
            db,
            format,
            out,
            quiet,
        } => {
            store::export(&db, &format, &out, quiet)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Serve {
            db,
            addr,
            token,
            auth_reads,
            max_body_mib,
            header_timeout,
            body_timeout,
            max_connections,
            pipeline,
        } => {
            let mut config = sitrep_serve::Config::new(db);
            config.token = token.filter(|t| !t.is_empty());
            config.auth_reads = auth_reads;
            config.max_body_bytes = max_body_mib.saturating_mul(1 << 20);
            config.header_timeout = Duration::from_secs_f64(header_timeout);
            config.body_timeout = Duration::from_secs_f64(body_timeout);
            config.max_connections = max_connections;
            serve::serve(&config, Pipeline::new(pipeline.options())?, &addr)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Kb(cmd) => {
            kb::run(cmd)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Demo { out } => {
            let input = demo::write_inputs(&out.join("input"))
                .with_context(|| format!("writing the demo corpus to {}", out.display()))?;
            let pipeline = Pipeline::new(Options::default())?;
            let summary = run(&pipeline, &[input], &out, true)?;
            demo::print_summary(&out, &summary)?;
            Ok(exit_code(&summary))
        }
    }
}

/// A progress bar on stderr, drawn only when it is a terminal (hidden with `quiet`).
fn progress_bar(quiet: bool) -> ProgressBar {
    if quiet {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    bar.set_style(
        ProgressStyle::with_template(
            "{spinner} {pos} articles, {msg} [{elapsed_precise}] {per_sec}",
        )
        .expect("valid template"),
    );
    bar
}

/// The pipeline's progress callback, drawing on `bar`.
fn on_progress(bar: &ProgressBar) -> impl Fn(Progress) + Sync + '_ {
    let bytes = std::sync::atomic::AtomicU64::new(0);
    move |p: Progress| match p {
        Progress::Processed { items, bytes: b } => {
            let total = bytes.fetch_add(b, std::sync::atomic::Ordering::Relaxed) + b;
            bar.inc(items);
            bar.set_message(format!("{:.1} MiB", total as f64 / (1 << 20) as f64));
        }
    }
}

fn run(pipeline: &Pipeline, paths: &[PathBuf], out: &Path, quiet: bool) -> Result<Summary> {
    let inputs = sitrep_pipeline::discover(paths);
    let bar = progress_bar(quiet);
    let summary = pipeline.run(inputs, out, &on_progress(&bar))?;
    bar.finish_and_clear();
    if !quiet {
        for f in &summary.notices {
            eprintln!("sitrep: warning: {}: {}", f.code, f.message);
        }
        for f in &summary.failures {
            eprintln!("sitrep: {}: {}", f.code, f.message);
        }
        eprintln!("sitrep: {} → {}", summary.line(), out.display());
    }
    Ok(summary)
}

fn exit_code(summary: &Summary) -> ExitCode {
    if summary.has_failures() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

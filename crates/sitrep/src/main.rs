//! The `sitrep` command line: a thin shell over `sitrep-pipeline`.

mod demo;
mod kb;
mod serve;
mod store;

/// html5ever's DOM is allocation-heavy; mimalloc makes cleaning markedly faster.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use sitrep_pipeline::{Progress, RunOptions, Summary};
use std::path::PathBuf;
use std::process::ExitCode;

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
        /// Worker threads (default: one per core).
        #[arg(long, short = 'j', value_name = "N")]
        threads: Option<usize>,
        /// Largest single document to read, in MiB (larger ones are reported and skipped).
        #[arg(long, value_name = "MIB", default_value_t = 64)]
        max_mib: u64,
        /// Also write each article's `original`: the text `removed` and `alignment` refer to
        /// (the decoded input, or an HTML page's text rendering).
        #[arg(long)]
        with_original: bool,
        /// Keep plain-text inputs verbatim: no boilerplate removal, so every offset is an offset
        /// into the input text (for text that is already clean, such as benchmark gold).
        #[arg(long)]
        no_clean: bool,
        /// Link against this knowledge-base file (from `sitrep kb build` or `sitrep kb
        /// extend`) instead of the built-in one.
        #[arg(long, value_name = "FILE")]
        kb: Option<PathBuf>,
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
        /// Worker threads (default: one per core).
        #[arg(long, short = 'j', value_name = "N")]
        threads: Option<usize>,
        /// Articles per batch (one transaction each).
        #[arg(long, value_name = "N", default_value_t = 256)]
        batch: usize,
        /// Largest single document to read, in MiB (larger ones are reported and skipped).
        #[arg(long, value_name = "MIB", default_value_t = 64)]
        max_mib: u64,
        /// Keep plain-text inputs verbatim: no boilerplate removal.
        #[arg(long)]
        no_clean: bool,
        /// Link against this knowledge-base file instead of the built-in one.
        #[arg(long, value_name = "FILE")]
        kb: Option<PathBuf>,
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
        #[arg(long, short, value_enum, value_delimiter = ',', default_value = "all")]
        format: Vec<store::FormatArg>,
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
        /// Worker threads for processing posted articles (default: one per core).
        #[arg(long, short = 'j', value_name = "N")]
        threads: Option<usize>,
        /// Link against this knowledge-base file instead of the built-in one.
        #[arg(long, value_name = "FILE")]
        kb: Option<PathBuf>,
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

fn dispatch(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Run {
            paths,
            out,
            threads,
            max_mib,
            with_original,
            no_clean,
            kb,
            quiet,
        } => {
            let mut opts = RunOptions::new(out);
            opts.threads = threads;
            opts.with_original = with_original;
            opts.verbatim = no_clean;
            opts.kb = kb;
            opts.ingest.max_bytes = max_mib.saturating_mul(1 << 20);
            let summary = run(&paths, &opts, quiet)?;
            Ok(exit_code(&summary))
        }
        Command::Ingest {
            paths,
            db,
            threads,
            batch,
            max_mib,
            no_clean,
            kb,
            quiet,
        } => {
            let mut opts = RunOptions::new(".");
            opts.threads = threads;
            opts.batch_docs = batch;
            opts.verbatim = no_clean;
            opts.kb = kb;
            opts.ingest.max_bytes = max_mib.saturating_mul(1 << 20);
            store::ingest(&paths, &db, &opts, quiet)
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
            threads,
            kb,
        } => {
            let mut config = sitrep_serve::Config::new(db);
            config.token = token.filter(|t| !t.is_empty());
            config.auth_reads = auth_reads;
            config.max_body_bytes = max_body_mib.saturating_mul(1 << 20);
            config.run.threads = threads;
            config.run.kb = kb;
            serve::serve(&config, &addr)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Kb(cmd) => {
            kb::run(cmd)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Demo { out } => {
            let input = demo::write_inputs(&out.join("input"))
                .with_context(|| format!("writing the demo corpus to {}", out.display()))?;
            let opts = RunOptions::new(&out);
            let summary = run(&[input], &opts, true)?;
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

fn run(paths: &[PathBuf], opts: &RunOptions, quiet: bool) -> Result<Summary> {
    let inputs = sitrep_pipeline::discover(paths);
    let bar = progress_bar(quiet);
    let summary = sitrep_pipeline::run(inputs, opts, &on_progress(&bar))?;
    bar.finish_and_clear();
    if !quiet {
        for f in &summary.notices {
            eprintln!("sitrep: warning: {}: {}", f.code, f.message);
        }
        for f in &summary.failures {
            eprintln!("sitrep: {}: {}", f.code, f.message);
        }
        eprintln!("sitrep: {} → {}", summary.line(), opts.out_dir.display());
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

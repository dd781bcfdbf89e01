//! The `sitrep` command line: a thin shell over `sitrep-pipeline`.

mod demo;
mod kb;

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

fn run(paths: &[PathBuf], opts: &RunOptions, quiet: bool) -> Result<Summary> {
    let inputs = sitrep_pipeline::discover(paths);
    let bar = if quiet {
        ProgressBar::hidden()
    } else {
        // Drawn only when stderr is a terminal.
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
        bar.set_style(
            ProgressStyle::with_template(
                "{spinner} {pos} articles, {msg} [{elapsed_precise}] {per_sec}",
            )
            .expect("valid template"),
        );
        bar
    };
    let bytes = std::sync::atomic::AtomicU64::new(0);
    let on_progress = |p: Progress| match p {
        Progress::Processed { items, bytes: b } => {
            let total = bytes.fetch_add(b, std::sync::atomic::Ordering::Relaxed) + b;
            bar.inc(items);
            bar.set_message(format!("{:.1} MiB", total as f64 / (1 << 20) as f64));
        }
    };
    let summary = sitrep_pipeline::run(inputs, opts, &on_progress)?;
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

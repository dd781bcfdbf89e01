//! `sitrep kb …` as a standalone program (the same code as the binary's subcommand), so the
//! KB can be built without building the whole binary:
//! `cargo run --release -p sitrep-kb --example kb -- build`.

#[path = "../../sitrep/src/kb.rs"]
mod kb;

use clap::Parser;

/// Build, extend and inspect sitrep's knowledge base.
#[derive(Debug, Parser)]
#[command(name = "sitrep-kb")]
struct Cli {
    #[command(subcommand)]
    command: kb::KbCommand,
}

fn main() -> std::process::ExitCode {
    match kb::run(Cli::parse().command) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("sitrep kb: error: {e:#}");
            std::process::ExitCode::from(1)
        }
    }
}

//! `sitrep serve`: the HTTP API over a store (`sitrep-serve`).

use anyhow::{Context, Result};
use sitrep_pipeline::Pipeline;
use sitrep_serve::Config;

/// Serve `config` on `addr` until Ctrl-C, processing posted articles with `pipeline`.
pub fn serve(config: &Config, pipeline: Pipeline, addr: &str) -> Result<()> {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    let ready = |bound: std::net::SocketAddr| {
        eprintln!(
            "sitrep: serving {} on http://{bound}/ (API under /api/; writes {}, reads {})",
            config.db.display(),
            if config.token.is_some() {
                "need the bearer token"
            } else {
                "open: no token set"
            },
            if config.auth_reads {
                "need the token"
            } else {
                "open"
            }
        );
    };
    rt.block_on(sitrep_serve::serve(config, pipeline, addr, ready))
        .with_context(|| format!("serving {} on {addr}", config.db.display()))
}

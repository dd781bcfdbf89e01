//! `sitrep export`: the files `sitrep run` writes, from a store, by the same writer
//! ([`sitrep_export::OutputDir`]).

use crate::{Store, StoreError};
use sitrep_core::Article;
use sitrep_export::{Articles, Format, OutputDir, Outputs};
use std::io;
use std::path::{Path, PathBuf};

/// The stored articles, as `articles.jsonl` holds them (run-wide names applied).
struct Stored<'a>(&'a dyn Store);

impl Articles for Stored<'_> {
    fn for_each(&self, f: &mut dyn FnMut(&Article) -> io::Result<()>) -> io::Result<()> {
        match self
            .0
            .for_each_article(&mut |a| f(&a).map_err(StoreError::Write))
        {
            Ok(()) => Ok(()),
            Err(StoreError::Write(e)) => Err(e),
            Err(e) => Err(io::Error::other(e)),
        }
    }
}

/// Write the files of `formats` into `dir` (created if missing) from `store`; returns their
/// paths. The files are those `sitrep run` writes over the same articles, byte for byte
/// (Parquet excepted: `run` writes none), each under a temporary name until all are written.
pub fn export(
    store: &dyn Store,
    formats: &[Format],
    dir: &Path,
) -> Result<Vec<PathBuf>, StoreError> {
    let events = store.events()?;
    let sources = store.sources()?;
    let mut out = OutputDir::create(dir)?;
    out.write_formats(
        formats,
        &Outputs {
            events: &events,
            sources: &sources,
            articles: &Stored(store),
        },
    )?;
    Ok(out.commit()?)
}

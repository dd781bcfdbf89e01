//! `events.parquet` and `articles.parquet`: flat columns for pandas, polars and DuckDB.
//!
//! Columns (see `docs/schema.md`): events — `id`, `title`, `event_type`, `sub_event_type`,
//! `date_start`, `date_end`, `time_precision`, `location`, `admin1`, `country`, `latitude`,
//! `longitude`, `geo_precision`, `actors` (`name (role)` joined by `"; "`), `fatalities`,
//! `injured`, `sources`, `outlets` (joined by `"; "`), `articles` (ids joined by `" "`),
//! `conflicts` (how many), `json` (the whole event as in `events.jsonl`); articles — `id`,
//! `source`, `url`, `outlet`, `title`, `published`, `language`, `hash`, `main_event`,
//! `text`, `mentions`, `event_mentions` (how many). Snappy-compressed.

use crate::dir::{Articles, ExportError};
use crate::SourceArticle;
use sitrep_core::Event;
use std::collections::HashMap;
use std::io::{self, Write};

/// `Ok` when this build writes Parquet (feature `parquet`), else why not.
pub(crate) fn available() -> Result<(), ExportError> {
    if cfg!(feature = "parquet") {
        Ok(())
    } else {
        Err(ExportError::Parquet(
            "this sitrep was built without the `parquet` feature".into(),
        ))
    }
}

/// Write `events.parquet` (never called without the feature: see [`available`]).
#[cfg(not(feature = "parquet"))]
pub(crate) fn events<W: Write + Send>(
    _events: &[Event],
    _sources: &HashMap<String, SourceArticle>,
    _w: W,
) -> io::Result<()> {
    Err(io::Error::other("built without the `parquet` feature"))
}

/// Write `articles.parquet` (never called without the feature: see [`available`]).
#[cfg(not(feature = "parquet"))]
pub(crate) fn articles<W: Write + Send>(_articles: &dyn Articles, _w: W) -> io::Result<()> {
    Err(io::Error::other("built without the `parquet` feature"))
}

#[cfg(feature = "parquet")]
mod imp {
    use super::*;
    use arrow_array::{ArrayRef, Float64Array, RecordBatch, StringArray, UInt64Array};
    use arrow_schema::{DataType, Field, Schema};
    use parquet::arrow::ArrowWriter;
    use parquet::basic::Compression;
    use parquet::file::properties::WriterProperties;
    use std::sync::Arc;

    fn err(e: impl std::fmt::Display) -> io::Error {
        io::Error::other(format!("parquet: {e}"))
    }

    fn name<T: serde::Serialize>(v: &T) -> Option<String> {
        match serde_json::to_value(v).ok()? {
            serde_json::Value::String(s) => Some(s),
            serde_json::Value::Null => None,
            other => Some(other.to_string()),
        }
    }

    /// One column of a batch under construction.
    enum Col {
        Str(Vec<Option<String>>),
        F64(Vec<Option<f64>>),
        U64(Vec<u64>),
    }

    impl Col {
        fn data_type(&self) -> DataType {
            match self {
                Col::Str(_) => DataType::Utf8,
                Col::F64(_) => DataType::Float64,
                Col::U64(_) => DataType::UInt64,
            }
        }
        fn array(self) -> ArrayRef {
            match self {
                Col::Str(v) => Arc::new(StringArray::from(v)),
                Col::F64(v) => Arc::new(Float64Array::from(v)),
                Col::U64(v) => Arc::new(UInt64Array::from(v)),
            }
        }
    }

    fn writer<W: Write + Send>(
        w: W,
        cols: &[(&str, Col)],
    ) -> io::Result<(ArrowWriter<W>, Arc<Schema>)> {
        let schema = Arc::new(Schema::new(
            cols.iter()
                .map(|(n, c)| Field::new(*n, c.data_type(), !matches!(c, Col::U64(_))))
                .collect::<Vec<_>>(),
        ));
        let props = WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .build();
        let w = ArrowWriter::try_new(w, schema.clone(), Some(props)).map_err(err)?;
        Ok((w, schema))
    }

    fn batch(schema: &Arc<Schema>, cols: Vec<(&str, Col)>) -> io::Result<RecordBatch> {
        RecordBatch::try_new(
            schema.clone(),
            cols.into_iter().map(|(_, c)| c.array()).collect(),
        )
        .map_err(err)
    }

    pub(crate) fn events<W: Write + Send>(
        events: &[Event],
        sources: &HashMap<String, SourceArticle>,
        w: W,
    ) -> io::Result<()> {
        let s = |f: &dyn Fn(&Event) -> Option<String>| Col::Str(events.iter().map(f).collect());
        let n = |f: &dyn Fn(&Event) -> Option<f64>| Col::F64(events.iter().map(f).collect());
        let loc = |e: &Event| e.location.clone();
        let cols = vec![
            ("id", s(&|e| Some(e.id.clone()))),
            ("title", s(&|e| Some(e.title.clone()))),
            ("event_type", s(&|e| name(&e.event_type))),
            ("sub_event_type", s(&|e| name(&e.sub_event_type))),
            ("date_start", s(&|e| e.date.start.clone())),
            ("date_end", s(&|e| e.date.end.clone())),
            (
                "time_precision",
                s(&|e| e.date.precision.and_then(|p| name(&p))),
            ),
            ("location", s(&|e| loc(e).map(|l| l.name))),
            ("admin1", s(&|e| loc(e).and_then(|l| l.admin1))),
            ("country", s(&|e| loc(e).and_then(|l| l.country))),
            ("latitude", n(&|e| loc(e).and_then(|l| l.lat))),
            ("longitude", n(&|e| loc(e).and_then(|l| l.lon))),
            (
                "geo_precision",
                s(&|e| loc(e).and_then(|l| name(&l.precision))),
            ),
            (
                "actors",
                s(&|e| {
                    let a: Vec<String> = e
                        .actors
                        .iter()
                        .map(|a| match name(&a.role) {
                            Some(r) => format!("{} ({r})", a.name),
                            None => a.name.clone(),
                        })
                        .collect();
                    Some(a.join("; "))
                }),
            ),
            ("fatalities", n(&|e| e.fatalities)),
            ("injured", n(&|e| e.injured)),
            (
                "sources",
                Col::U64(events.iter().map(|e| e.sources as u64).collect()),
            ),
            (
                "outlets",
                s(&|e| {
                    let mut o: Vec<&str> = e
                        .articles
                        .iter()
                        .filter_map(|a| sources.get(a)?.outlet.as_deref())
                        .collect();
                    o.sort_unstable();
                    o.dedup();
                    Some(o.join("; "))
                }),
            ),
            ("articles", s(&|e| Some(e.articles.join(" ")))),
            (
                "conflicts",
                Col::U64(events.iter().map(|e| e.conflicts.len() as u64).collect()),
            ),
            ("json", s(&|e| serde_json::to_string(e).ok())),
        ];
        let (mut w, schema) = writer(w, &cols)?;
        w.write(&batch(&schema, cols)?).map_err(err)?;
        w.close().map_err(err)?;
        Ok(())
    }

    const ARTICLE_COLUMNS: [&str; 12] = [
        "id",
        "source",
        "url",
        "outlet",
        "title",
        "published",
        "language",
        "hash",
        "main_event",
        "text",
        "mentions",
        "event_mentions",
    ];

    fn article_cols(rows: &[sitrep_core::Article]) -> Vec<(&'static str, Col)> {
        let s = |f: &dyn Fn(&sitrep_core::Article) -> Option<String>| {
            Col::Str(rows.iter().map(f).collect())
        };
        let c = |f: &dyn Fn(&sitrep_core::Article) -> usize| {
            Col::U64(rows.iter().map(|a| f(a) as u64).collect())
        };
        let cols = vec![
            s(&|a| Some(a.id.clone())),
            s(&|a| Some(a.source.clone())),
            s(&|a| a.url.clone()),
            s(&|a| a.outlet.clone()),
            s(&|a| a.title.clone()),
            s(&|a| a.published.as_ref().map(|p| p.to_string())),
            s(&|a| a.language.clone()),
            s(&|a| Some(a.hash.clone())),
            s(&|a| a.main_event.clone()),
            s(&|a| Some(a.text.clone())),
            c(&|a| a.mentions.as_ref().map_or(0, Vec::len)),
            c(&|a| a.event_mentions.as_ref().map_or(0, Vec::len)),
        ];
        ARTICLE_COLUMNS.into_iter().zip(cols).collect()
    }

    pub(crate) fn articles<W: Write + Send>(articles: &dyn Articles, w: W) -> io::Result<()> {
        let (mut w, schema) = writer(w, &article_cols(&[]))?;
        let mut rows = Vec::with_capacity(1024);
        articles.for_each(&mut |a| {
            rows.push(a.clone());
            if rows.len() == 1024 {
                w.write(&batch(&schema, article_cols(&rows))?)
                    .map_err(err)?;
                rows.clear();
            }
            Ok(())
        })?;
        if !rows.is_empty() {
            w.write(&batch(&schema, article_cols(&rows))?)
                .map_err(err)?;
        }
        w.close().map_err(err)?;
        Ok(())
    }
}

#[cfg(feature = "parquet")]
pub(crate) use imp::{articles, events};

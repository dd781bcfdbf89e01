//! sitrep store: the embedded event database that `sitrep ingest` adds articles to and
//! `sitrep export` writes the run outputs from.
//!
//! Storage sits behind the [`Store`] trait so another backend (PostgreSQL) can follow; the
//! one implemented is [`SqliteStore`]: one SQLite file (the library is built into the binary),
//! in WAL mode with `synchronous=FULL`, schema versioned with migrations ([`SCHEMA_VERSION`]).
//!
//! # Ingest
//!
//! [`Store::ingest`] takes a batch of annotated articles (from the pipeline's `process`)
//! and, in **one transaction**:
//!
//! 1. per article: same id and same content hash as a stored one → unchanged, nothing
//!    written; same id, new hash → the article, its reports, names and search entry replaced;
//!    a new id whose text another stored article already has → a duplicate, skipped (as `run`
//!    drops it); else inserted;
//! 2. when anything was written, events are resolved again over every stored report
//!    ([`sitrep_resolve::update`]: resolution depends only on the set of reports, so this
//!    gives what one `run` over all the articles gives), with the run-wide canonical names of
//!    [`sitrep_resolve::names`];
//! 3. only the events whose JSON changed are written, vanished ones deleted, their
//!    `event_articles` rows rewritten, and each article whose event ids changed gets its
//!    `main_event` and `event_mentions[].event` updated.
//!
//! A connection remembers, between its ingests, every stored report (parsed and renamed),
//! which reports made each event, and the assignments, as of the store's *generation* (a
//! counter every writing ingest bumps). The next batch then reads only what it writes (and the
//! reports of articles whose names were respelled), clusters every report again, and
//! reconciles and compares only the events whose reports changed: an event depends only on
//! its reports. When another connection wrote in between, the generation tells, and the batch
//! reads everything again. Either way the result is the same, and tests check it.
//!
//! A process killed at any point leaves the state before or after the batch: nothing is
//! committed in between, and SQLite's WAL makes the commit atomic.
//!
//! # Code
//!
//! `ingest.rs` writes (the batch transaction, resolution again, what changed); `query.rs`
//! reads (filters to SQL, pages, timeline, full-text search); `schema.rs` holds the tables
//! and migrations; `export.rs` hands the stored events and articles to
//! [`sitrep_export::OutputDir`], the writer `sitrep run` uses too.
//!
//! # What is stored
//!
//! Articles as annotated, with their event ids. The cross-article name consolidation
//! `run` applies to `articles.jsonl` depends on every stored article, so it is applied when
//! reading ([`Store::for_each_article`]) and when resolving, never written back.

mod export;
mod ingest;
mod query;
mod schema;

pub use export::export;
pub use query::{
    fts_query, taxonomy_column, BBox, EventFilter, EventPage, Generation, Page, SearchHit,
    TimelineDay, FTS_LIST_MOST,
};
pub use schema::SCHEMA_VERSION;
pub use sitrep_export::Format;

use rusqlite::{Connection, OptionalExtension, TransactionBehavior};
use sitrep_core::{Article, Event, MentionKind};
use sitrep_export::SourceArticle;
use sitrep_resolve::names::{self, NameRegistry};
use sitrep_resolve::Report;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use thiserror::Error;

/// Why a store operation failed.
#[derive(Debug, Error)]
pub enum StoreError {
    /// The database reported an error.
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// A stored JSON value could not be read or written.
    #[error("stored JSON: {0}")]
    Json(#[from] serde_json::Error),
    /// The file was written by a newer sitrep with a schema this build does not know.
    #[error(
        "{path}: store schema version {found} is newer than this sitrep supports ({supported}); \
         use a newer sitrep"
    )]
    Newer {
        /// The store file.
        path: PathBuf,
        /// Its schema version.
        found: u32,
        /// The newest this build knows.
        supported: u32,
    },
    /// An output file could not be written (`sitrep export`).
    #[error(transparent)]
    Export(#[from] sitrep_export::ExportError),
    /// Resolving events failed (an internal error): the batch was rolled back.
    #[error("internal error while resolving events: the batch was not stored")]
    Resolve,
    /// Writing what the store read failed (the callback of [`Store::for_each_article`]).
    #[error("writing: {0}")]
    Write(std::io::Error),
}

/// What one [`Store::ingest`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IngestStats {
    /// Articles not stored before.
    pub new: usize,
    /// Articles stored before with other content, now replaced.
    pub replaced: usize,
    /// Each replacement and its reason, in ingest order.
    pub replacements: Vec<Replacement>,
    /// Articles stored before with the same content: nothing written.
    pub unchanged: usize,
    /// Articles whose text a stored article with another id already has: (id, stored id).
    pub duplicates: Vec<(String, String)>,
    /// Events new after this batch.
    pub events_inserted: usize,
    /// Events whose content changed.
    pub events_updated: usize,
    /// Events that no longer exist (merged into others, or their articles replaced).
    pub events_deleted: usize,
    /// Events stored after the batch.
    pub events: usize,
}

/// A stored article replaced by an ingest: same id, other text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Replacement {
    /// The article's id.
    pub id: String,
    /// Where the stored text came from.
    pub was: String,
    /// Where the new text comes from.
    pub now: String,
}

impl std::fmt::Display for Replacement {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} replaced: its text changed (stored from {}, now from {})",
            self.id, self.was, self.now
        )
    }
}

impl IngestStats {
    /// Events inserted, updated or deleted.
    pub fn events_changed(&self) -> usize {
        self.events_inserted + self.events_updated + self.events_deleted
    }

    /// Add `other`'s counts (the `events` total is `other`'s).
    pub fn add(&mut self, other: IngestStats) {
        self.new += other.new;
        self.replaced += other.replaced;
        self.replacements.extend(other.replacements);
        self.unchanged += other.unchanged;
        self.duplicates.extend(other.duplicates);
        self.events_inserted += other.events_inserted;
        self.events_updated += other.events_updated;
        self.events_deleted += other.events_deleted;
        self.events = other.events;
    }
}

/// How much a store holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Articles.
    pub articles: usize,
    /// Reports (event mentions that take part in resolution).
    pub reports: usize,
    /// Events.
    pub events: usize,
}

/// An event database. Implementations keep [`Store::ingest`] atomic per batch.
pub trait Store {
    /// Add, replace or skip each article (see the crate docs) and update the events, all or
    /// nothing.
    fn ingest(&mut self, articles: Vec<Article>) -> Result<IngestStats, StoreError>;
    /// Every event, by date (then id): the order of `events.jsonl`.
    fn events(&self) -> Result<Vec<Event>, StoreError>;
    /// Every article in ingest order, with its event ids and run-wide canonical names.
    fn for_each_article(
        &self,
        f: &mut dyn FnMut(Article) -> Result<(), StoreError>,
    ) -> Result<(), StoreError>;
    /// The metadata of every article, for the sources of the events outputs.
    fn sources(&self) -> Result<HashMap<String, SourceArticle>, StoreError>;
    /// How much the store holds.
    fn counts(&self) -> Result<Counts, StoreError>;
    /// The events matching `filter`, one page of them, in the order of [`Store::events`].
    fn events_page(&self, filter: &EventFilter, page: Page) -> Result<EventPage, StoreError> {
        let (json, total) = self.events_page_json(filter, page)?;
        let events = json
            .iter()
            .map(|j| serde_json::from_str(j))
            .collect::<Result<_, _>>()?;
        Ok(EventPage { events, total })
    }
    /// [`Store::events_page`] as each event's JSON (as `events.jsonl` has it), and the total.
    fn events_page_json(
        &self,
        filter: &EventFilter,
        page: Page,
    ) -> Result<(Vec<String>, usize), StoreError>;
    /// The JSON of event `id` (as `events.jsonl` has it), if stored.
    fn event_json(&self, id: &str) -> Result<Option<String>, StoreError>;
    /// The stored event that an event `id` no longer stored became (merged into it, or most
    /// of its reports now in it), following later merges; `None` when `id` is stored or was
    /// never an event.
    fn successor(&self, id: &str) -> Result<Option<String>, StoreError>;
    /// How many events matching `filter` start on each day, earliest first.
    fn timeline(&self, filter: &EventFilter) -> Result<Vec<TimelineDay>, StoreError>;
    /// Articles holding every word of `text` (see [`fts_query`]), best match first, and how
    /// many match in all.
    fn search(&self, text: &str, page: Page) -> Result<(Vec<SearchHit>, usize), StoreError>;
    /// The store's generation and counts; the generation grows with every ingest that writes.
    fn generation(&self) -> Result<Generation, StoreError>;
    /// The event `id`, if stored.
    fn event(&self, id: &str) -> Result<Option<Event>, StoreError>;
    /// The article `id` as [`Store::for_each_article`] gives it, if stored.
    fn article(&self, id: &str) -> Result<Option<Article>, StoreError>;
}

/// A [`Store`] in one SQLite file.
pub struct SqliteStore {
    conn: Connection,
    path: PathBuf,
    /// What the last ingest through this connection left in memory, valid while no other
    /// connection wrote (the generation says).
    warm: Option<ingest::Warm>,
}

impl std::fmt::Debug for SqliteStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SqliteStore")
            .field("path", &self.path)
            .finish()
    }
}

fn enum_str<T: serde::Serialize>(v: &T) -> Result<String, StoreError> {
    Ok(match serde_json::to_value(v)? {
        serde_json::Value::String(s) => s,
        other => other.to_string(),
    })
}

impl SqliteStore {
    /// Open the store at `path`, creating it if missing and migrating an older one to
    /// [`SCHEMA_VERSION`]. A store of a newer version is refused ([`StoreError::Newer`]).
    pub fn open(path: impl AsRef<Path>) -> Result<SqliteStore, StoreError> {
        Self::open_at_version(path, SCHEMA_VERSION)
    }

    /// [`SqliteStore::open`], migrating no further than `version` (to make old stores in
    /// tests).
    #[doc(hidden)]
    pub fn open_at_version(
        path: impl AsRef<Path>,
        version: u32,
    ) -> Result<SqliteStore, StoreError> {
        let path = path.as_ref().to_path_buf();
        let mut conn = Connection::open(&path)?;
        conn.busy_timeout(std::time::Duration::from_secs(30))?;
        // WAL: readers never block the writer, and a commit is one append to the log, atomic
        // whatever kills the process. FULL: the log is synced at every commit, so a finished
        // batch survives a power cut too (NORMAL could lose the last batches then); a batch
        // is hundreds of articles, so the sync costs little.
        let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(StoreError::Sqlite(rusqlite::Error::InvalidQuery));
        }
        // Reads map the file instead of copying pages (256 MiB of address space, not memory),
        // and each connection caches 32 MiB of pages.
        conn.execute_batch(
            "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;
             PRAGMA mmap_size = 268435456; PRAGMA cache_size = -32768;",
        )?;
        let found: u32 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if found > SCHEMA_VERSION {
            return Err(StoreError::Newer {
                path,
                found,
                supported: SCHEMA_VERSION,
            });
        }
        for v in found..version.min(SCHEMA_VERSION) {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            // Another process may have migrated meanwhile.
            let now: u32 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
            if now == v {
                tx.execute_batch(schema::MIGRATIONS[v as usize])?;
                tx.execute_batch(&format!("PRAGMA user_version = {}", v + 1))?;
            }
            tx.commit()?;
        }
        Ok(SqliteStore {
            conn,
            path,
            warm: None,
        })
    }

    /// The schema version of the open file.
    pub fn schema_version(&self) -> Result<u32, StoreError> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    /// The file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Check the file and its contents: SQLite's `integrity_check`, every article's JSON
    /// parses and has the row's id and hash, its reports are all stored, no report or event
    /// link points at a missing row. Returns the problems found (empty when sound).
    pub fn verify(&self) -> Result<Vec<String>, StoreError> {
        let mut problems = Vec::new();
        let mut st = self.conn.prepare("PRAGMA integrity_check")?;
        for row in st.query_map([], |r| r.get::<_, String>(0))? {
            let row = row?;
            if row != "ok" {
                problems.push(format!("integrity_check: {row}"));
            }
        }
        let mut stored: HashMap<String, BTreeSet<String>> = HashMap::new();
        let mut st = self
            .conn
            .prepare("SELECT article, mention, json FROM reports")?;
        let mut rows = st.query([])?;
        while let Some(r) = rows.next()? {
            let (a, m, j): (String, String, String) = (r.get(0)?, r.get(1)?, r.get(2)?);
            if serde_json::from_str::<Report>(&j).is_err() {
                problems.push(format!("report {a}/{m}: JSON does not parse"));
            }
            stored.entry(a).or_default().insert(m);
        }
        let mut st = self.conn.prepare("SELECT id, hash, json FROM articles")?;
        let mut rows = st.query([])?;
        let mut ids = HashSet::new();
        while let Some(r) = rows.next()? {
            let (id, hash, json): (String, String, String) = (r.get(0)?, r.get(1)?, r.get(2)?);
            ids.insert(id.clone());
            let a: Article = match serde_json::from_str(&json) {
                Ok(a) => a,
                Err(e) => {
                    problems.push(format!("article {id}: JSON does not parse: {e}"));
                    continue;
                }
            };
            if a.id != id || a.hash != hash {
                problems.push(format!("article {id}: JSON is of {} {}", a.id, a.hash));
            }
            let want: BTreeSet<String> = Report::from_article(&a)
                .into_iter()
                .map(|r| r.mention)
                .collect();
            let have = stored.remove(&id).unwrap_or_default();
            if want != have {
                problems.push(format!(
                    "article {id}: reports {have:?} stored, {want:?} expected"
                ));
            }
        }
        for a in stored.keys() {
            problems.push(format!("reports of missing article {a}"));
        }
        let orphans: i64 = self.conn.query_row(
            "SELECT COUNT(*) FROM event_articles ea
             WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.id = ea.event)
                OR NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = ea.article)",
            [],
            |r| r.get(0),
        )?;
        if orphans > 0 {
            problems.push(format!("{orphans} event_articles rows point at nothing"));
        }
        Ok(problems)
    }

    /// Run-wide canonical names over every stored article.
    fn renames(conn: &Connection) -> Result<HashMap<(MentionKind, String), String>, StoreError> {
        let mut reg = NameRegistry::default();
        let mut st = conn.prepare("SELECT kind, name, SUM(n) FROM names GROUP BY kind, name")?;
        let mut rows = st.query([])?;
        while let Some(r) = rows.next()? {
            let (kind, name, n): (String, String, i64) = (r.get(0)?, r.get(1)?, r.get(2)?);
            let kind: MentionKind = serde_json::from_value(serde_json::Value::String(kind))?;
            reg.add(kind, &name, n as usize);
        }
        Ok(reg.renames())
    }
}

impl Store for SqliteStore {
    fn ingest(&mut self, articles: Vec<Article>) -> Result<IngestStats, StoreError> {
        ingest::ingest(self, articles)
    }

    fn events(&self) -> Result<Vec<Event>, StoreError> {
        let mut st = self
            .conn
            .prepare("SELECT json FROM events ORDER BY date_start, id")?;
        let mut rows = st.query([])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            out.push(serde_json::from_str(&r.get::<_, String>(0)?)?);
        }
        Ok(out)
    }

    fn for_each_article(
        &self,
        f: &mut dyn FnMut(Article) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        let renames = SqliteStore::renames(&self.conn)?;
        let mut st = self
            .conn
            .prepare("SELECT json FROM articles ORDER BY seq")?;
        let mut rows = st.query([])?;
        while let Some(r) = rows.next()? {
            let mut a: Article = serde_json::from_str(&r.get::<_, String>(0)?)?;
            names::apply(&mut a, &renames);
            f(a)?;
        }
        Ok(())
    }

    fn sources(&self) -> Result<HashMap<String, SourceArticle>, StoreError> {
        let mut st = self
            .conn
            .prepare("SELECT id, url, outlet, title, published FROM articles")?;
        let rows = st.query_map([], |r| {
            Ok(SourceArticle {
                id: r.get(0)?,
                url: r.get(1)?,
                outlet: r.get(2)?,
                title: r.get(3)?,
                published: r.get(4)?,
            })
        })?;
        let mut out = HashMap::new();
        for s in rows {
            let s = s?;
            out.insert(s.id.clone(), s);
        }
        Ok(out)
    }

    fn counts(&self) -> Result<Counts, StoreError> {
        let count = |table: &str| -> Result<usize, StoreError> {
            Ok(self
                .conn
                .query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| {
                    r.get::<_, i64>(0)
                })? as usize)
        };
        Ok(Counts {
            articles: count("articles")?,
            reports: count("reports")?,
            events: count("events")?,
        })
    }

    fn events_page_json(
        &self,
        filter: &EventFilter,
        page: Page,
    ) -> Result<(Vec<String>, usize), StoreError> {
        query::events_page_json(&self.conn, filter, page)
    }

    fn successor(&self, id: &str) -> Result<Option<String>, StoreError> {
        query::successor(&self.conn, id)
    }

    fn event_json(&self, id: &str) -> Result<Option<String>, StoreError> {
        query::event_json(&self.conn, id)
    }

    fn timeline(&self, filter: &EventFilter) -> Result<Vec<TimelineDay>, StoreError> {
        query::timeline(&self.conn, filter)
    }

    fn search(&self, text: &str, page: Page) -> Result<(Vec<SearchHit>, usize), StoreError> {
        query::search(&self.conn, text, page)
    }

    fn generation(&self) -> Result<Generation, StoreError> {
        let generation: i64 =
            self.conn
                .query_row("SELECT value FROM meta WHERE key = 'generation'", [], |r| {
                    r.get(0)
                })?;
        // Counted through their smallest indexes; `reports` (large rows) is left out.
        let count = |sql: &str| -> Result<usize, StoreError> {
            Ok(self.conn.query_row(sql, [], |r| r.get::<_, i64>(0))? as usize)
        };
        Ok(Generation {
            generation: generation as u64,
            articles: count("SELECT COUNT(*) FROM articles")?,
            events: count("SELECT COUNT(*) FROM events")?,
        })
    }

    fn event(&self, id: &str) -> Result<Option<Event>, StoreError> {
        let json: Option<String> = self
            .conn
            .query_row("SELECT json FROM events WHERE id = ?1", [id], |r| r.get(0))
            .optional()?;
        Ok(json.map(|j| serde_json::from_str(&j)).transpose()?)
    }

    fn article(&self, id: &str) -> Result<Option<Article>, StoreError> {
        let json: Option<String> = self
            .conn
            .query_row("SELECT json FROM articles WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()?;
        let Some(json) = json else {
            return Ok(None);
        };
        let mut a: Article = serde_json::from_str(&json)?;
        names::apply(&mut a, &SqliteStore::renames(&self.conn)?);
        Ok(Some(a))
    }
}

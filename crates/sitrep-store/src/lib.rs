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
//! # What is stored
//!
//! Articles as annotated, with their event ids. The cross-article name consolidation
//! `run` applies to `articles.jsonl` depends on every stored article, so it is applied when
//! reading ([`Store::for_each_article`]) and when resolving, never written back.

mod export;
mod schema;

pub use export::export;
pub use schema::SCHEMA_VERSION;
pub use sitrep_export::Format;

use rusqlite::types::Value;
use rusqlite::{params, Connection, OptionalExtension, Transaction, TransactionBehavior};
use sitrep_core::{Article, Event, MentionKind, SubEventType};
use sitrep_export::SourceArticle;
use sitrep_resolve::names::{self, NameRegistry};
use sitrep_resolve::{update, Memo, Options, Report};
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

impl IngestStats {
    /// Events inserted, updated or deleted.
    pub fn events_changed(&self) -> usize {
        self.events_inserted + self.events_updated + self.events_deleted
    }

    /// Add `other`'s counts (the `events` total is `other`'s).
    pub fn add(&mut self, other: IngestStats) {
        self.new += other.new;
        self.replaced += other.replaced;
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

/// Which events [`Store::events_page`] returns. Every field left `None` matches everything.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct EventFilter {
    /// Earliest `date.start` (`YYYY-MM-DD`, inclusive).
    pub from: Option<String>,
    /// Latest `date.start` (`YYYY-MM-DD`, inclusive).
    pub to: Option<String>,
    /// ACLED event type or sub-event type (case-insensitive, exact).
    pub event_type: Option<String>,
    /// A substring of one actor's name (case-insensitive).
    pub actor: Option<String>,
    /// Events located inside this box; a box whose west edge is east of its east edge crosses
    /// the antimeridian. Events without coordinates never match.
    pub bbox: Option<BBox>,
    /// Words that the event's title, place and actor names, or the title and text of one of
    /// its articles hold (every word; full-text search, see [`fts_query`]).
    pub q: Option<String>,
}

/// The column and stored name of an ACLED event type or sub-event type named in any case
/// (`"battles"`, `"Air/drone strike"`): `("event_type" | "sub_event_type", name)`. `Err` lists
/// the names known.
pub fn taxonomy_column(name: &str) -> Result<(&'static str, String), String> {
    let name = name.trim();
    let subs: Vec<String> = SubEventType::ALL
        .iter()
        .filter_map(|s| enum_str(s).ok())
        .collect();
    let mut types: Vec<String> = SubEventType::ALL
        .iter()
        .filter_map(|s| enum_str(&s.event_type()).ok())
        .collect();
    types.dedup();
    if let Some(t) = types.iter().find(|t| t.eq_ignore_ascii_case(name)) {
        return Ok(("event_type", t.clone()));
    }
    if let Some(t) = subs.iter().find(|t| t.eq_ignore_ascii_case(name)) {
        return Ok(("sub_event_type", t.clone()));
    }
    Err(format!(
        "{name:?} is no ACLED event type ({}) or sub-event type ({})",
        types.join(", "),
        subs.join(", ")
    ))
}

/// A bounding box in degrees.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BBox {
    /// West edge (longitude).
    pub min_lon: f64,
    /// South edge (latitude).
    pub min_lat: f64,
    /// East edge (longitude).
    pub max_lon: f64,
    /// North edge (latitude).
    pub max_lat: f64,
}

impl std::str::FromStr for BBox {
    type Err = String;

    /// `minLon,minLat,maxLon,maxLat`, as GeoJSON and most map tools write it; edges beyond
    /// ±180° or ±90° are clamped.
    fn from_str(s: &str) -> Result<BBox, String> {
        let v: Vec<f64> = s
            .split(',')
            .map(|p| p.trim().parse::<f64>())
            .collect::<Result<_, _>>()
            .map_err(|_| format!("a bbox is minLon,minLat,maxLon,maxLat in degrees, not {s:?}"))?;
        let [min_lon, min_lat, max_lon, max_lat] = v[..] else {
            return Err(format!("a bbox has 4 numbers, not {}", v.len()));
        };
        if v.iter().any(|x| !x.is_finite()) {
            return Err(format!("bbox {s:?} is not four finite numbers"));
        }
        // A map panned or zoomed out sends edges beyond the world's: clamped.
        let lon = |x: f64| x.clamp(-180.0, 180.0);
        let lat = |x: f64| x.clamp(-90.0, 90.0);
        let (min_lon, max_lon, min_lat, max_lat) =
            (lon(min_lon), lon(max_lon), lat(min_lat), lat(max_lat));
        if min_lat > max_lat {
            return Err(format!(
                "bbox {s:?}: the south edge is north of the north edge"
            ));
        }
        Ok(BBox {
            min_lon,
            min_lat,
            max_lon,
            max_lat,
        })
    }
}

/// A page of results: most `limit` items after skipping `offset`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Page {
    /// Most items returned.
    pub limit: usize,
    /// Matching items skipped first.
    pub offset: usize,
}

impl Default for Page {
    fn default() -> Self {
        Page {
            limit: 100,
            offset: 0,
        }
    }
}

/// Turn what a person types into an FTS5 query that cannot fail to parse: every run of letters
/// and digits becomes a quoted term, all of them required; the last one also matches as a
/// prefix when the text ends inside it (search as you type). `None` when there is no word.
pub fn fts_query(text: &str) -> Option<String> {
    let words: Vec<&str> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let last = words.len().checked_sub(1)?;
    let open_end = text.chars().last().is_some_and(char::is_alphanumeric);
    Some(
        words
            .iter()
            .enumerate()
            .map(|(i, w)| {
                if i == last && open_end {
                    format!("\"{w}\"*")
                } else {
                    format!("\"{w}\"")
                }
            })
            .collect::<Vec<_>>()
            .join(" "),
    )
}

/// One article that a full-text search found.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct SearchHit {
    /// The article id.
    pub article: String,
    /// Its title.
    pub title: Option<String>,
    /// Its outlet.
    pub outlet: Option<String>,
    /// Its publication date.
    pub published: Option<String>,
    /// Its URL.
    pub url: Option<String>,
    /// A stretch of its text around the first word found, with `…` where cut.
    pub snippet: String,
    /// The events it reports.
    pub events: Vec<String>,
}

/// Events and their weight on one day, for a timeline.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct TimelineDay {
    /// `YYYY-MM-DD`: the events' `date.start`.
    pub date: String,
    /// Events starting that day.
    pub events: usize,
    /// Their reported fatalities.
    pub fatalities: f64,
}

/// What a [`Store`] holds now and how often it changed: for live views.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Generation {
    /// Ingests that wrote something, ever.
    pub generation: u64,
    /// Articles stored.
    pub articles: usize,
    /// Events stored.
    pub events: usize,
}

/// One page of events from [`Store::events_page`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EventPage {
    /// The events of the page, in the order of [`Store::events`].
    pub events: Vec<Event>,
    /// How many events match the filter, over all pages.
    pub total: usize,
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
    warm: Option<Warm>,
}

/// The store's reports and resolution as of generation `generation`, kept between ingests so
/// that a batch need not read and parse every stored report, nor reconcile every event again.
struct Warm {
    generation: i64,
    /// Every stored report, renamed with `renames`, in [`Report::key`] order.
    reports: Vec<Report>,
    renames: HashMap<(MentionKind, String), String>,
    memo: Memo,
    /// `(article, mention) → event` of the last resolution.
    assignments: HashMap<(String, String), String>,
    /// The stored events' ids.
    events: HashSet<String>,
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

/// Write `a` (its row, search entry, reports and names) at ingest position `seq`, replacing
/// what was stored under its id.
/// Returns the article's reports as stored (the first of each key), not renamed.
fn put_article(
    tx: &Transaction,
    seq: i64,
    a: &Article,
    replace: bool,
) -> Result<Vec<Report>, StoreError> {
    if replace {
        tx.execute("DELETE FROM articles_fts WHERE rowid = ?1", [seq])?;
        tx.execute("DELETE FROM reports WHERE article = ?1", [&a.id])?;
        tx.execute("DELETE FROM names WHERE article = ?1", [&a.id])?;
    }
    tx.execute(
        "INSERT INTO articles (id, seq, hash, url, outlet, title, published, main_event, json)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
         ON CONFLICT (id) DO UPDATE SET hash = ?3, url = ?4, outlet = ?5, title = ?6,
             published = ?7, main_event = ?8, json = ?9",
        params![
            a.id,
            seq,
            a.hash,
            a.url,
            a.outlet,
            a.title,
            a.published.as_ref().map(|p| p.to_string()),
            a.main_event,
            serde_json::to_string(a)?,
        ],
    )?;
    tx.execute(
        "INSERT INTO articles_fts (rowid, title, text) VALUES (?1, ?2, ?3)",
        params![seq, a.title.as_deref().unwrap_or(""), a.text],
    )?;
    let mut st = tx.prepare_cached(
        "INSERT OR IGNORE INTO reports (article, mention, json) VALUES (?1, ?2, ?3)",
    )?;
    let mut reports: Vec<Report> = Vec::new();
    for r in Report::from_article(a) {
        if st.execute(params![r.article, r.mention, serde_json::to_string(&r)?])? > 0 {
            reports.push(r);
        }
    }
    let mut counts: HashMap<(MentionKind, &str), i64> = HashMap::new();
    for (kind, name) in names::unlinked(a) {
        *counts.entry((kind, name)).or_default() += 1;
    }
    let mut st =
        tx.prepare_cached("INSERT INTO names (article, kind, name, n) VALUES (?1, ?2, ?3, ?4)")?;
    for ((kind, name), n) in counts {
        st.execute(params![a.id, enum_str(&kind)?, name, n])?;
    }
    Ok(reports)
}

/// Write `e` (row and article links), replacing what was stored under its id.
fn put_event(tx: &Transaction, e: &Event, json: &str, replace: bool) -> Result<(), StoreError> {
    if replace {
        tx.execute("DELETE FROM event_articles WHERE event = ?1", [&e.id])?;
        tx.execute("DELETE FROM event_actors WHERE event = ?1", [&e.id])?;
    }
    let loc = e.location.as_ref();
    tx.execute(
        "INSERT INTO events (id, date_start, date_end, country, lat, lon, event_type,
             sub_event_type, fatalities, json)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
         ON CONFLICT (id) DO UPDATE SET date_start = ?2, date_end = ?3, country = ?4, lat = ?5,
             lon = ?6, event_type = ?7, sub_event_type = ?8, fatalities = ?9, json = ?10",
        params![
            e.id,
            e.date.start,
            e.date.end,
            loc.and_then(|l| l.country.clone()),
            loc.and_then(|l| l.lat),
            loc.and_then(|l| l.lon),
            enum_str(&e.event_type)?,
            enum_str(&e.sub_event_type)?,
            e.fatalities,
            json,
        ],
    )?;
    // The upsert keeps the row (and its rowid) of a replaced event.
    let rowid: i64 = tx.query_row("SELECT rowid FROM events WHERE id = ?1", [&e.id], |r| {
        r.get(0)
    })?;
    if replace {
        tx.execute("DELETE FROM events_fts WHERE rowid = ?1", [rowid])?;
    }
    let mut names: Vec<&str> = Vec::new();
    if let Some(l) = &e.location {
        names.push(&l.name);
        names.extend(l.admin1.as_deref());
    }
    names.extend(e.actors.iter().map(|a| a.name.as_str()));
    tx.execute(
        "INSERT INTO events_fts (rowid, title, names) VALUES (?1, ?2, ?3)",
        params![rowid, e.title, names.join(" ")],
    )?;
    let mut st =
        tx.prepare_cached("INSERT OR IGNORE INTO event_articles (event, article) VALUES (?1, ?2)")?;
    for a in &e.articles {
        st.execute(params![e.id, a])?;
    }
    let mut st =
        tx.prepare_cached("INSERT OR IGNORE INTO event_actors (event, name) VALUES (?1, ?2)")?;
    for a in &e.actors {
        st.execute(params![e.id, a.name.to_lowercase()])?;
    }
    Ok(())
}

/// The reports stored for `article`, renamed with `renames`.
fn stored_reports(
    tx: &Transaction,
    article: &str,
    renames: &HashMap<(MentionKind, String), String>,
) -> Result<Vec<Report>, StoreError> {
    let mut st = tx.prepare_cached("SELECT json FROM reports WHERE article = ?1")?;
    let mut rows = st.query([article])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let mut report: Report = serde_json::from_str(&r.get::<_, String>(0)?)?;
        report.rename(renames);
        out.push(report);
    }
    Ok(out)
}

/// Resolve every stored report again and write what changed (see the crate docs). `touched`:
/// the articles this batch wrote, whose JSON is rewritten with its event ids whatever happens;
/// `written`: their reports, not renamed. With `warm` (this connection's state after the
/// previous batch, no other writer since), the stored reports come from memory, and only
/// the events whose reports changed are reconciled and compared; without, everything is read.
/// Returns the state to keep for the next batch (its generation is set by the caller).
fn update_events(
    tx: &Transaction,
    mut touched: HashMap<String, Article>,
    written: Vec<Report>,
    warm: Option<Warm>,
    stats: &mut IngestStats,
) -> Result<Warm, StoreError> {
    let renames = SqliteStore::renames(tx)?;
    // The articles whose reports are not what the memo saw: those written now, and those
    // holding a name whose canonical spelling changed.
    let mut changed: HashSet<String> = touched.keys().cloned().collect();
    let (mut reports, mut memo, before, stored_ids, mut stored_json) = match warm {
        Some(w) => {
            let mut names: Vec<&(MentionKind, String)> = renames
                .iter()
                .filter(|(k, v)| w.renames.get(*k) != Some(*v))
                .map(|(k, _)| k)
                .collect();
            names.extend(w.renames.keys().filter(|k| !renames.contains_key(*k)));
            let mut renamed: BTreeSet<String> = BTreeSet::new();
            let mut st =
                tx.prepare_cached("SELECT article FROM names WHERE kind = ?1 AND name = ?2")?;
            for (kind, name) in names {
                let rows = st.query_map(params![enum_str(kind)?, name], |r| r.get(0))?;
                for a in rows {
                    renamed.insert(a?);
                }
            }
            let mut reports = w.reports;
            reports.retain(|r| !changed.contains(&r.article) && !renamed.contains(&r.article));
            for a in renamed {
                if !changed.contains(&a) {
                    reports.extend(stored_reports(tx, &a, &renames)?);
                    changed.insert(a);
                }
            }
            (reports, w.memo, w.assignments, w.events, None)
        }
        None => {
            let mut reports = Vec::new();
            let mut before = HashMap::new();
            let mut st = tx.prepare("SELECT article, mention, event, json FROM reports")?;
            let mut rows = st.query([])?;
            while let Some(r) = rows.next()? {
                let (article, mention): (String, String) = (r.get(0)?, r.get(1)?);
                if let Some(event) = r.get::<_, Option<String>>(2)? {
                    before.insert((article.clone(), mention), event);
                }
                if changed.contains(&article) {
                    continue; // among `written`
                }
                let mut report: Report = serde_json::from_str(&r.get::<_, String>(3)?)?;
                report.rename(&renames);
                reports.push(report);
            }
            let mut stored = HashMap::new();
            let mut st = tx.prepare("SELECT id, json FROM events")?;
            let mut rows = st.query([])?;
            while let Some(r) = rows.next()? {
                stored.insert(r.get::<_, String>(0)?, r.get::<_, String>(1)?);
            }
            let ids = stored.keys().cloned().collect();
            (reports, Memo::default(), before, ids, Some(stored))
        }
    };
    for mut r in written {
        r.rename(&renames);
        reports.push(r);
    }
    reports.sort_by(|a, b| a.key().cmp(&b.key()));
    reports.dedup_by(|a, b| a.key() == b.key());
    let up = update(&reports, &Options::default(), &mut memo, &|a| {
        changed.contains(a)
    });

    let mut now: HashSet<String> = up.kept.iter().cloned().collect();
    let mut st_json = tx.prepare_cached("SELECT json FROM events WHERE id = ?1")?;
    for e in &up.events {
        now.insert(e.id.clone());
        let json = serde_json::to_string(e)?;
        let old: Option<String> = match &mut stored_json {
            Some(map) => map.remove(&e.id),
            None if stored_ids.contains(&e.id) => {
                st_json.query_row([&e.id], |r| r.get(0)).optional()?
            }
            None => None,
        };
        match old {
            Some(old) if old == json => {}
            Some(_) => {
                put_event(tx, e, &json, true)?;
                stats.events_updated += 1;
            }
            None => {
                put_event(tx, e, &json, false)?;
                stats.events_inserted += 1;
            }
        }
    }
    // Where each vanished event's reports went: the event that took most of them succeeds it.
    let mut went: HashMap<&str, HashMap<&str, usize>> = HashMap::new();
    if stored_ids.iter().any(|id| !now.contains(id)) {
        for (a, m, e) in &up.assignments {
            if let Some(old) = before.get(&(a.clone(), m.clone())) {
                if old != e && !now.contains(old) {
                    *went
                        .entry(old.as_str())
                        .or_default()
                        .entry(e.as_str())
                        .or_default() += 1;
                }
            }
        }
    }
    // An id that is an event again is no alias.
    for id in &now {
        if !stored_ids.contains(id) {
            tx.execute("DELETE FROM event_aliases WHERE old = ?1", [id])?;
        }
    }
    for id in stored_ids.iter().filter(|id| !now.contains(*id)) {
        let successor = went.get(id.as_str()).and_then(|to| {
            to.iter()
                .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
                .map(|(e, _)| *e)
        });
        if let Some(to) = successor {
            tx.execute(
                "INSERT INTO event_aliases (old, event) VALUES (?1, ?2)
                 ON CONFLICT (old) DO UPDATE SET event = ?2",
                [id, to],
            )?;
        }
        tx.execute("DELETE FROM event_articles WHERE event = ?1", [id])?;
        tx.execute("DELETE FROM event_actors WHERE event = ?1", [id])?;
        tx.execute(
            "DELETE FROM events_fts WHERE rowid = (SELECT rowid FROM events WHERE id = ?1)",
            [id],
        )?;
        tx.execute("DELETE FROM events WHERE id = ?1", [id])?;
        stats.events_deleted += 1;
    }
    stats.events = now.len();

    let mut reassign: BTreeSet<String> = touched.keys().cloned().collect();
    let mut assignments = HashMap::with_capacity(up.assignments.len());
    {
        let mut st =
            tx.prepare_cached("UPDATE reports SET event = ?3 WHERE article = ?1 AND mention = ?2")?;
        for (a, m, e) in up.assignments {
            let key = (a, m);
            // The rows of articles written now are new, with no event yet.
            if touched.contains_key(&key.0) || before.get(&key) != Some(&e) {
                st.execute(params![key.0, key.1, e])?;
                reassign.insert(key.0.clone());
            }
            assignments.insert(key, e);
        }
    }
    let mut st =
        tx.prepare_cached("UPDATE articles SET json = ?2, main_event = ?3 WHERE id = ?1")?;
    for id in reassign {
        let (mut a, written) = match touched.remove(&id) {
            Some(a) => (a, true),
            None => {
                let json: String =
                    tx.query_row("SELECT json FROM articles WHERE id = ?1", [&id], |r| {
                        r.get(0)
                    })?;
                (serde_json::from_str(&json)?, false)
            }
        };
        let article = a.id.clone();
        let changed = sitrep_resolve::assign(&mut a, |mention| {
            assignments
                .get(&(article.clone(), mention.to_string()))
                .cloned()
        });
        if changed || written {
            st.execute(params![id, serde_json::to_string(&a)?, a.main_event])?;
        }
    }
    Ok(Warm {
        generation: 0,
        reports,
        renames,
        memo,
        assignments,
        events: now,
    })
}

/// Full-text matches above which a condition on the event is checked per event rather than by
/// listing the events of every matching article (see `filter_sql`). Both give the same
/// events; tests set it to 0 to check that.
#[doc(hidden)]
pub static FTS_LIST_MOST: std::sync::atomic::AtomicI64 = std::sync::atomic::AtomicI64::new(2000);

fn filter_sql(conn: &Connection, filter: &EventFilter) -> Result<(String, Vec<Value>), StoreError> {
    let mut cond: Vec<&str> = vec!["1"];
    let mut text: Option<String> = None;
    let mut args = Vec::new();
    fn some(v: &Option<String>) -> Option<&str> {
        v.as_deref().map(str::trim).filter(|v| !v.is_empty())
    }
    if let Some(from) = some(&filter.from) {
        cond.push("date_start >= ?");
        args.push(Value::Text(from.to_string()));
    }
    if let Some(to) = some(&filter.to) {
        cond.push("date_start <= ?");
        args.push(Value::Text(to.to_string()));
    }
    if let Some(t) = some(&filter.event_type) {
        match taxonomy_column(t) {
            Ok(("event_type", name)) => {
                cond.push("event_type = ?");
                args.push(Value::Text(name));
            }
            Ok((_, name)) => {
                cond.push("sub_event_type = ?");
                args.push(Value::Text(name));
            }
            Err(_) => cond.push("0"),
        }
    }
    if let Some(actor) = some(&filter.actor) {
        cond.push("id IN (SELECT event FROM event_actors WHERE instr(name, ?) > 0)");
        args.push(Value::Text(actor.to_lowercase()));
    }
    if let Some(b) = filter.bbox {
        cond.push("lat BETWEEN ? AND ?");
        args.push(Value::Real(b.min_lat));
        args.push(Value::Real(b.max_lat));
        if b.min_lon <= b.max_lon {
            cond.push("lon BETWEEN ? AND ?");
        } else {
            cond.push("(lon >= ? OR lon <= ?)");
        }
        args.push(Value::Real(b.min_lon));
        args.push(Value::Real(b.max_lon));
    }
    if let Some(q) = some(&filter.q) {
        match fts_query(q) {
            Some(fts) => {
                // Two ways to join the articles found to their events; which is fast depends
                // on how many articles match and whether other conditions narrow the events
                // first, which SQLite's planner cannot know. Few matches: list their events.
                // Many, with other conditions: check each remaining event's articles against
                // the set of matches.
                let narrowed = cond.len() > 1;
                let matches: i64 = if narrowed {
                    conn.query_row(
                        "SELECT COUNT(*) FROM articles_fts WHERE articles_fts MATCH ?1",
                        [&fts],
                        |r| r.get(0),
                    )?
                } else {
                    0
                };
                let most = FTS_LIST_MOST.load(std::sync::atomic::Ordering::Relaxed);
                let articles = if narrowed && matches > most {
                    "EXISTS (SELECT 1 FROM event_articles ea JOIN articles a ON a.id = ea.article
                             WHERE ea.event = events.id
                               AND a.seq IN (SELECT rowid FROM articles_fts
                                             WHERE articles_fts MATCH ?))"
                } else {
                    "id IN (SELECT ea.event FROM articles_fts f
                            JOIN articles a ON a.seq = f.rowid
                            JOIN event_articles ea ON ea.article = a.id
                            WHERE articles_fts MATCH ?)"
                };
                text = Some(format!(
                    "(rowid IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ?) \
                     OR {articles})"
                ));
                args.push(Value::Text(fts.clone()));
                args.push(Value::Text(fts));
            }
            None => cond.push("0"),
        }
    }
    let mut sql = cond.join(" AND ");
    if let Some(text) = text {
        sql.push_str(" AND ");
        sql.push_str(&text);
    }
    Ok((sql, args))
}

/// About `width` characters of `text` around the first of `words` (lower case) it holds, cut
/// at spaces, `…` marking a cut; the start of the text when none is found.
fn snippet(text: &str, words: &[String], width: usize) -> String {
    let lower = text.to_lowercase();
    // Lower-casing can change lengths; find the word in the lowered text and map back by
    // character count, which lower-casing keeps for nearly every script.
    let hit = words
        .iter()
        .filter_map(|w| lower.find(w.as_str()))
        .min()
        .map(|b| lower[..b].chars().count())
        .unwrap_or(0);
    let chars: Vec<char> = text.chars().collect();
    let mut start = hit.saturating_sub(width / 3).min(chars.len());
    let mut end = (start + width).min(chars.len());
    while start > 0 && start < chars.len() && !chars[start - 1].is_whitespace() {
        start += 1;
    }
    while end < chars.len() && end > start && !chars[end].is_whitespace() {
        end -= 1;
    }
    let body: String = chars[start..end].iter().collect();
    let body = body.split_whitespace().collect::<Vec<_>>().join(" ");
    format!(
        "{}{body}{}",
        if start > 0 { "…" } else { "" },
        if end < chars.len() { "…" } else { "" }
    )
}

impl Store for SqliteStore {
    fn ingest(&mut self, articles: Vec<Article>) -> Result<IngestStats, StoreError> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut stats = IngestStats::default();
        let mut touched: HashMap<String, Article> = HashMap::new();
        let mut written: Vec<Report> = Vec::new();
        // The memory of the last ingest holds only if no other connection wrote since.
        let generation: i64 =
            tx.query_row("SELECT value FROM meta WHERE key = 'generation'", [], |r| {
                r.get(0)
            })?;
        let warm = self.warm.take().filter(|w| w.generation == generation);
        let mut next: i64 =
            tx.query_row("SELECT COALESCE(MAX(seq), 0) + 1 FROM articles", [], |r| {
                r.get(0)
            })?;
        for a in articles {
            let existing: Option<(String, i64)> = tx
                .query_row(
                    "SELECT hash, seq FROM articles WHERE id = ?1",
                    [&a.id],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?;
            if matches!(&existing, Some((hash, _)) if *hash == a.hash) {
                stats.unchanged += 1;
                continue;
            }
            let first: Option<String> = tx
                .query_row(
                    "SELECT id FROM articles WHERE hash = ?1 AND id <> ?2 ORDER BY seq LIMIT 1",
                    params![a.hash, a.id],
                    |r| r.get(0),
                )
                .optional()?;
            if let Some(first) = first {
                stats.duplicates.push((a.id.clone(), first));
                continue;
            }
            let seq = match existing {
                Some((_, seq)) => {
                    stats.replaced += 1;
                    seq
                }
                None => {
                    stats.new += 1;
                    next += 1;
                    next - 1
                }
            };
            // An id twice in one batch: the later text wins, as it would over two batches.
            written.retain(|r| r.article != a.id);
            written.extend(put_article(&tx, seq, &a, existing.is_some())?);
            touched.insert(a.id.clone(), a);
        }
        if touched.is_empty() {
            stats.events =
                tx.query_row("SELECT COUNT(*) FROM events", [], |r| r.get::<_, i64>(0))? as usize;
            tx.commit()?;
            self.warm = warm;
            return Ok(stats);
        }
        let mut next_warm = update_events(&tx, touched, written, warm, &mut stats)?;
        tx.execute(
            "UPDATE meta SET value = value + 1 WHERE key = 'generation'",
            [],
        )?;
        next_warm.generation = generation + 1;
        tx.commit()?;
        self.warm = Some(next_warm);
        Ok(stats)
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
        let (where_, mut args) = filter_sql(&self.conn, filter)?;
        if filter.q.as_deref().is_some_and(|q| !q.trim().is_empty()) {
            // A full-text condition costs most: evaluate it once, for the count and the page.
            let mut st = self.conn.prepare(&format!(
                "SELECT id FROM events WHERE {where_} ORDER BY date_start, id"
            ))?;
            let ids: Vec<String> = st
                .query_map(rusqlite::params_from_iter(&args), |r| r.get(0))?
                .collect::<Result<_, _>>()?;
            let mut json = Vec::new();
            let mut st = self
                .conn
                .prepare_cached("SELECT json FROM events WHERE id = ?1")?;
            for id in ids.iter().skip(page.offset).take(page.limit) {
                json.push(st.query_row([id], |r| r.get(0))?);
            }
            return Ok((json, ids.len()));
        }
        let total: i64 = self.conn.query_row(
            &format!("SELECT COUNT(*) FROM events WHERE {where_}"),
            rusqlite::params_from_iter(&args),
            |r| r.get(0),
        )?;
        args.push(Value::Integer(
            i64::try_from(page.limit).unwrap_or(i64::MAX),
        ));
        args.push(Value::Integer(
            i64::try_from(page.offset).unwrap_or(i64::MAX),
        ));
        let mut st = self.conn.prepare(&format!(
            "SELECT json FROM events WHERE {where_} ORDER BY date_start, id LIMIT ? OFFSET ?"
        ))?;
        let rows = st.query_map(rusqlite::params_from_iter(&args), |r| r.get(0))?;
        Ok((rows.collect::<Result<_, _>>()?, total as usize))
    }

    fn successor(&self, id: &str) -> Result<Option<String>, StoreError> {
        let exists = |id: &str| -> Result<bool, StoreError> {
            Ok(self
                .conn
                .query_row("SELECT 1 FROM events WHERE id = ?1", [id], |_| Ok(()))
                .optional()?
                .is_some())
        };
        if exists(id)? {
            return Ok(None);
        }
        let mut at = id.to_string();
        // Chains are short; a cycle (an id that came back) ends the walk.
        for _ in 0..32 {
            let next: Option<String> = self
                .conn
                .query_row(
                    "SELECT event FROM event_aliases WHERE old = ?1",
                    [&at],
                    |r| r.get(0),
                )
                .optional()?;
            match next {
                Some(n) if exists(&n)? => return Ok(Some(n)),
                Some(n) => at = n,
                None => return Ok(None),
            }
        }
        Ok(None)
    }

    fn event_json(&self, id: &str) -> Result<Option<String>, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT json FROM events WHERE id = ?1", [id], |r| r.get(0))
            .optional()?)
    }

    fn timeline(&self, filter: &EventFilter) -> Result<Vec<TimelineDay>, StoreError> {
        let (where_, args) = filter_sql(&self.conn, filter)?;
        let mut st = self.conn.prepare(&format!(
            "SELECT date_start, COUNT(*), COALESCE(SUM(fatalities), 0) FROM events
             WHERE date_start IS NOT NULL AND {where_}
             GROUP BY date_start ORDER BY date_start"
        ))?;
        let rows = st.query_map(rusqlite::params_from_iter(&args), |r| {
            Ok(TimelineDay {
                date: r.get(0)?,
                events: r.get::<_, i64>(1)? as usize,
                fatalities: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn search(&self, text: &str, page: Page) -> Result<(Vec<SearchHit>, usize), StoreError> {
        let Some(query) = fts_query(text) else {
            return Ok((Vec::new(), 0));
        };
        let total: i64 = self.conn.query_row(
            "SELECT COUNT(*) FROM articles_fts WHERE articles_fts MATCH ?1",
            [&query],
            |r| r.get(0),
        )?;
        let mut st = self.conn.prepare(
            "SELECT a.id, a.title, a.outlet, a.published, a.url, json_extract(a.json, '$.text')
             FROM (SELECT rowid, rank FROM articles_fts WHERE articles_fts MATCH ?1
                   ORDER BY rank LIMIT ?2 OFFSET ?3) AS f
             JOIN articles a ON a.seq = f.rowid
             ORDER BY f.rank, a.seq",
        )?;
        let limit = i64::try_from(page.limit).unwrap_or(i64::MAX);
        let offset = i64::try_from(page.offset).unwrap_or(i64::MAX);
        let mut rows = st.query(params![query, limit, offset])?;
        let words: Vec<String> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        let mut hits = Vec::new();
        while let Some(r) = rows.next()? {
            let body: String = r.get::<_, Option<String>>(5)?.unwrap_or_default();
            hits.push(SearchHit {
                article: r.get(0)?,
                title: r.get(1)?,
                outlet: r.get(2)?,
                published: r.get(3)?,
                url: r.get(4)?,
                snippet: snippet(&body, &words, 200),
                events: Vec::new(),
            });
        }
        let mut st = self
            .conn
            .prepare_cached("SELECT event FROM event_articles WHERE article = ?1 ORDER BY event")?;
        for hit in &mut hits {
            let ids = st.query_map([&hit.article], |r| r.get::<_, String>(0))?;
            hit.events = ids.collect::<Result<_, _>>()?;
        }
        Ok((hits, total as usize))
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

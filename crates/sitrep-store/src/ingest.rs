//! Writing the store: one transaction per batch — articles, reports and names, then events
//! resolved again and only what changed written (see the crate docs).

use crate::{enum_str, IngestStats, Replacement, SqliteStore, StoreError};
use rusqlite::{params, OptionalExtension, Transaction, TransactionBehavior};
use sitrep_core::{Article, Event, MentionKind};
use sitrep_resolve::names;
use sitrep_resolve::{update, Memo, Options, Report};
use std::collections::{BTreeSet, HashMap, HashSet};
use std::panic::{catch_unwind, AssertUnwindSafe};

/// The store's reports and resolution as of generation `generation`, kept between ingests so
/// that a batch need not read and parse every stored report, nor reconcile every event again.
pub(crate) struct Warm {
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

pub(crate) fn ingest(
    store: &mut SqliteStore,
    articles: Vec<Article>,
) -> Result<IngestStats, StoreError> {
    let tx = store
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
    let warm = store.warm.take().filter(|w| w.generation == generation);
    let mut next: i64 =
        tx.query_row("SELECT COALESCE(MAX(seq), 0) + 1 FROM articles", [], |r| {
            r.get(0)
        })?;
    for a in articles {
        let existing: Option<(String, i64, String)> = tx
            .query_row(
                "SELECT hash, seq, COALESCE(json_extract(json, '$.source'), '') \
                 FROM articles WHERE id = ?1",
                [&a.id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        if matches!(&existing, Some((hash, _, _)) if *hash == a.hash) {
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
        let replace = existing.is_some();
        let seq = match existing {
            Some((_, seq, was)) => {
                stats.replaced += 1;
                stats.replacements.push(Replacement {
                    id: a.id.clone(),
                    was,
                    now: a.source.clone(),
                });
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
        written.extend(put_article(&tx, seq, &a, replace)?);
        touched.insert(a.id.clone(), a);
    }
    if touched.is_empty() {
        stats.events =
            tx.query_row("SELECT COUNT(*) FROM events", [], |r| r.get::<_, i64>(0))? as usize;
        tx.commit()?;
        store.warm = warm;
        return Ok(stats);
    }
    let mut next_warm = update_events(&tx, touched, written, warm, &mut stats)?;
    tx.execute(
        "UPDATE meta SET value = value + 1 WHERE key = 'generation'",
        [],
    )?;
    next_warm.generation = generation + 1;
    tx.commit()?;
    store.warm = Some(next_warm);
    Ok(stats)
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
    // A bug in resolution fails this batch (rolled back), never the process.
    let up = catch_unwind(AssertUnwindSafe(|| {
        update(&reports, &Options::default(), &mut memo, &|a| {
            changed.contains(a)
        })
    }))
    .map_err(|_| StoreError::Resolve)?;

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

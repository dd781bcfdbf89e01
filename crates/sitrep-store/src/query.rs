//! Reading the store: event filters (dates, type, actor, box, full text), pages, the
//! timeline and full-text search, as SQL over the SQLite schema.

#[cfg(doc)]
use crate::Store;
use crate::{enum_str, StoreError};
use rusqlite::types::Value;
use rusqlite::{params, Connection, OptionalExtension};
use sitrep_core::{Event, SubEventType};

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

pub(crate) fn events_page_json(
    conn: &Connection,
    filter: &EventFilter,
    page: Page,
) -> Result<(Vec<String>, usize), StoreError> {
    let (where_, mut args) = filter_sql(conn, filter)?;
    if filter.q.as_deref().is_some_and(|q| !q.trim().is_empty()) {
        // A full-text condition costs most: evaluate it once, for the count and the page.
        let mut st = conn.prepare(&format!(
            "SELECT id FROM events WHERE {where_} ORDER BY date_start, id"
        ))?;
        let ids: Vec<String> = st
            .query_map(rusqlite::params_from_iter(&args), |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        let mut json = Vec::new();
        let mut st = conn.prepare_cached("SELECT json FROM events WHERE id = ?1")?;
        for id in ids.iter().skip(page.offset).take(page.limit) {
            json.push(st.query_row([id], |r| r.get(0))?);
        }
        return Ok((json, ids.len()));
    }
    let total: i64 = conn.query_row(
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
    let mut st = conn.prepare(&format!(
        "SELECT json FROM events WHERE {where_} ORDER BY date_start, id LIMIT ? OFFSET ?"
    ))?;
    let rows = st.query_map(rusqlite::params_from_iter(&args), |r| r.get(0))?;
    Ok((rows.collect::<Result<_, _>>()?, total as usize))
}

pub(crate) fn successor(conn: &Connection, id: &str) -> Result<Option<String>, StoreError> {
    let exists = |id: &str| -> Result<bool, StoreError> {
        Ok(conn
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
        let next: Option<String> = conn
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

pub(crate) fn event_json(conn: &Connection, id: &str) -> Result<Option<String>, StoreError> {
    Ok(conn
        .query_row("SELECT json FROM events WHERE id = ?1", [id], |r| r.get(0))
        .optional()?)
}

pub(crate) fn timeline(
    conn: &Connection,
    filter: &EventFilter,
) -> Result<Vec<TimelineDay>, StoreError> {
    let (where_, args) = filter_sql(conn, filter)?;
    let mut st = conn.prepare(&format!(
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

pub(crate) fn search(
    conn: &Connection,
    text: &str,
    page: Page,
) -> Result<(Vec<SearchHit>, usize), StoreError> {
    let Some(query) = fts_query(text) else {
        return Ok((Vec::new(), 0));
    };
    let total: i64 = conn.query_row(
        "SELECT COUNT(*) FROM articles_fts WHERE articles_fts MATCH ?1",
        [&query],
        |r| r.get(0),
    )?;
    let mut st = conn.prepare(
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
    let mut st =
        conn.prepare_cached("SELECT event FROM event_articles WHERE article = ?1 ORDER BY event")?;
    for hit in &mut hits {
        let ids = st.query_map([&hit.article], |r| r.get::<_, String>(0))?;
        hit.events = ids.collect::<Result<_, _>>()?;
    }
    Ok((hits, total as usize))
}

//! The SQLite schema and its migrations.
//!
//! The schema version is SQLite's `PRAGMA user_version`: 0 for a new file, else the number of
//! migrations applied. Migration `n` (1-based) is `MIGRATIONS[n - 1]`; each runs in its own
//! transaction together with the `user_version` it sets, so a store is always at one version
//! or the next, never between.

/// Every migration, oldest first. Never edit one that has shipped: add the next.
pub(crate) const MIGRATIONS: &[&str] = &[
    // 1: the tables.
    r#"
CREATE TABLE articles (
    id          TEXT PRIMARY KEY,
    seq         INTEGER NOT NULL UNIQUE,   -- ingest order; the FTS rowid
    hash        TEXT NOT NULL,
    url         TEXT,
    outlet      TEXT,
    title       TEXT,
    published   TEXT,
    main_event  TEXT,
    json        TEXT NOT NULL              -- the Article, as articles.jsonl has it
);
CREATE INDEX articles_hash ON articles(hash);

CREATE TABLE reports (
    article     TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    mention     TEXT NOT NULL,
    event       TEXT,                      -- the event it was resolved into
    json        TEXT NOT NULL,             -- sitrep_resolve::Report
    PRIMARY KEY (article, mention)
) WITHOUT ROWID;

CREATE TABLE names (
    article     TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL,
    name        TEXT NOT NULL,
    n           INTEGER NOT NULL,
    PRIMARY KEY (article, kind, name)
) WITHOUT ROWID;

CREATE TABLE events (
    id              TEXT PRIMARY KEY,
    date_start      TEXT,
    date_end        TEXT,
    country         TEXT,
    lat             REAL,
    lon             REAL,
    event_type      TEXT NOT NULL,
    sub_event_type  TEXT NOT NULL,
    fatalities      REAL,
    json            TEXT NOT NULL          -- sitrep_core::Event, as events.jsonl has it
);

CREATE TABLE event_articles (
    event       TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    article     TEXT NOT NULL,
    PRIMARY KEY (event, article)
) WITHOUT ROWID;

CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text, content = '', contentless_delete = 1
);
"#,
    // 2: indexes for querying events (by date, place, type) and an article's events.
    r#"
CREATE INDEX events_date ON events(date_start, id);
CREATE INDEX events_country ON events(country, date_start);
CREATE INDEX events_type ON events(event_type, date_start);
CREATE INDEX event_articles_article ON event_articles(article);
"#,
    // 3: the store's generation (bumped by every ingest that writes, for live updates), the
    // actors of each event (for `actor=` filters), indexes for bounding boxes and sub-event
    // types, a full-text index of each event's title, place and actor names, and where events
    // that vanished went.
    r#"
CREATE TABLE meta (
    key         TEXT PRIMARY KEY,
    value       INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO meta (key, value) VALUES ('generation', 0);

CREATE TABLE event_actors (
    event       TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    name        TEXT NOT NULL,             -- lower case
    PRIMARY KEY (event, name)
) WITHOUT ROWID;
INSERT OR IGNORE INTO event_actors (event, name)
    SELECT events.id, lower(json_extract(a.value, '$.name'))
    FROM events, json_each(events.json, '$.actors') AS a
    WHERE json_extract(a.value, '$.name') IS NOT NULL;
CREATE INDEX events_lat_lon ON events(lat, lon);
CREATE INDEX events_sub_type ON events(sub_event_type, date_start);

CREATE VIRTUAL TABLE events_fts USING fts5(
    title, names, content = '', contentless_delete = 1
);
INSERT INTO events_fts (rowid, title, names)
    SELECT rowid, json_extract(json, '$.title'),
        concat_ws(' ', json_extract(json, '$.location.name'), json_extract(json, '$.location.admin1'),
            (SELECT group_concat(json_extract(a.value, '$.name'), ' ')
             FROM json_each(events.json, '$.actors') AS a))
    FROM events;

-- An event that no longer exists (merged into another, or its reports gone elsewhere) → the
-- event that took most of its reports, so links to it keep working.
CREATE TABLE event_aliases (
    old         TEXT PRIMARY KEY,
    event       TEXT NOT NULL
) WITHOUT ROWID;
"#,
];

/// The schema version this build writes and reads.
pub const SCHEMA_VERSION: u32 = MIGRATIONS.len() as u32;

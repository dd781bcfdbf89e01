//! The store against `run`: the same events and files from one ingest, from two halves and
//! from a re-ingest; a changed article replaces the old one; old schemas migrate, newer ones
//! are refused. Input: the demo corpus, plus the seeds when `../shared` is present.

use sitrep_core::Article;
use sitrep_pipeline::{discover, Options, Pipeline, PipelineError};
use sitrep_store::{export, Format, SqliteStore, Store, StoreError};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

fn inputs() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths = vec![root.join("demo")];
    let seeds = root.join("../../../shared/corpus/seeds");
    if seeds.join("meta.jsonl").exists() {
        paths.push(seeds);
    } else {
        eprintln!("../shared absent: demo corpus only");
    }
    paths
}

/// One pipeline for the whole test binary.
fn pipeline() -> &'static Pipeline {
    static P: OnceLock<Pipeline> = OnceLock::new();
    P.get_or_init(|| {
        let opts = Options {
            threads: Some(2),
            ..Options::default()
        };
        Pipeline::new(opts).unwrap()
    })
}

/// The annotated articles, as `process` hands them over (computed once).
fn articles() -> &'static [Article] {
    static A: OnceLock<Vec<Article>> = OnceLock::new();
    A.get_or_init(|| {
        let mut all = Vec::new();
        pipeline()
            .process(
                discover(&inputs()),
                &|_| {},
                |batch| -> Result<(), PipelineError> {
                    all.extend(batch);
                    Ok(())
                },
            )
            .unwrap();
        assert!(all.len() >= 5, "{} articles", all.len());
        all
    })
}

/// `sitrep run`'s output directory over the same inputs (computed once).
fn run_dir() -> &'static Path {
    static D: OnceLock<tempfile::TempDir> = OnceLock::new();
    D.get_or_init(|| {
        let d = tempfile::tempdir().unwrap();
        pipeline()
            .run(discover(&inputs()), d.path(), &|_| {})
            .unwrap();
        d
    })
    .path()
}

fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn exported(store: &SqliteStore, format: Format) -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    export(store, &[format], d.path()).unwrap();
    d
}

fn events_jsonl(store: &SqliteStore) -> String {
    read(&exported(store, Format::Jsonl).path().join("events.jsonl"))
}

#[test]
fn one_ingest_exports_what_run_writes() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = SqliteStore::open(dir.path().join("s.db")).unwrap();
    let stats = store.ingest(articles().to_vec()).unwrap();
    assert_eq!(stats.new, articles().len());
    assert!(stats.events > 0);
    assert_eq!(stats.events, stats.events_inserted);
    let out = exported(&store, Format::All);
    for name in Format::All.files() {
        assert_eq!(
            read(&out.path().join(name)),
            read(&run_dir().join(name)),
            "{name} differs from run's"
        );
    }
    assert!(store.verify().unwrap().is_empty());
    let c = store.counts().unwrap();
    assert_eq!((c.articles, c.events), (articles().len(), stats.events));
}

#[test]
fn ingesting_again_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = SqliteStore::open(dir.path().join("s.db")).unwrap();
    let first = store.ingest(articles().to_vec()).unwrap();
    let before = events_jsonl(&store);
    let again = store.ingest(articles().to_vec()).unwrap();
    assert_eq!(
        (again.new, again.replaced, again.unchanged),
        (0, 0, articles().len())
    );
    assert_eq!(again.events_changed(), 0);
    assert_eq!(again.events, first.events);
    assert_eq!(events_jsonl(&store), before);
}

#[test]
fn two_halves_give_the_events_of_one_ingest() {
    let all = articles();
    let whole = {
        let dir = tempfile::tempdir().unwrap();
        let mut s = SqliteStore::open(dir.path().join("s.db")).unwrap();
        s.ingest(all.to_vec()).unwrap();
        events_jsonl(&s)
    };
    for (a, b) in [(0, 1), (1, 0)] {
        let dir = tempfile::tempdir().unwrap();
        let mut s = SqliteStore::open(dir.path().join("s.db")).unwrap();
        let halves = all.split_at(all.len() / 2);
        let halves = [halves.0, halves.1];
        s.ingest(halves[a].to_vec()).unwrap();
        let second = s.ingest(halves[b].to_vec()).unwrap();
        assert_eq!(second.new, halves[b].len());
        assert_eq!(events_jsonl(&s), whole, "halves in order {a}, {b}");
        assert!(s.verify().unwrap().is_empty());
    }
}

/// Every report's stored event is the event its article names for that mention.
fn assignments_stored(path: &Path) -> usize {
    let conn = rusqlite::Connection::open(path).unwrap();
    let unassigned: i64 = conn
        .query_row(
            "SELECT COUNT(*) FROM reports WHERE event IS NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(unassigned, 0, "reports without their event");
    let dangling: i64 = conn
        .query_row(
            "SELECT COUNT(*) FROM reports WHERE event NOT IN (SELECT id FROM events)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(dangling, 0, "reports pointing at no event");
    conn.query_row("SELECT COUNT(*) FROM reports", [], |r| r.get::<_, i64>(0))
        .unwrap() as usize
}

#[test]
fn one_article_per_batch_gives_the_events_of_one_ingest() {
    // One connection throughout: every batch after the first resolves from memory.
    let all = articles();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.db");
    let mut s = SqliteStore::open(&path).unwrap();
    let mut seen: std::collections::BTreeSet<String> = Default::default();
    let mut deleted = 0;
    for (i, a) in all.iter().enumerate() {
        let stats = s.ingest(vec![a.clone()]).unwrap();
        assert_eq!(stats.new, 1, "article {i}");
        deleted += stats.events_deleted;
        seen.extend(s.events().unwrap().into_iter().map(|e| e.id));
    }
    assert_eq!(events_jsonl(&s), read(&run_dir().join("events.jsonl")));
    // Every event id ever shown is an event still, or leads to the one its reports went to.
    let now: std::collections::BTreeSet<String> =
        s.events().unwrap().into_iter().map(|e| e.id).collect();
    assert!(
        deleted > 0,
        "no event ever merged: the check below checks nothing"
    );
    let mut followed = 0;
    for id in &seen {
        match s.successor(id).unwrap() {
            None => assert!(now.contains(id), "{id} vanished without a successor"),
            Some(to) => {
                assert!(!now.contains(id) && now.contains(&to), "{id} → {to}");
                followed += 1;
            }
        }
    }
    assert!(followed > 0);
    assert_eq!(s.successor("ev-never-was").unwrap(), None);
    assert_eq!(
        read(&exported(&s, Format::Jsonl).path().join("articles.jsonl")),
        read(&run_dir().join("articles.jsonl"))
    );
    assert!(assignments_stored(&path) > 0);
    assert!(s.verify().unwrap().is_empty());
    // Replacing an article through the warm path gives what a fresh store gives.
    let mut changed = all[0].clone();
    changed
        .text
        .push_str(" Officials later said the toll had not changed.");
    changed.hash = format!("{}-edited", changed.hash);
    s.ingest(vec![changed.clone()]).unwrap();
    let mut mixed = all.to_vec();
    mixed[0] = changed;
    let dir2 = tempfile::tempdir().unwrap();
    let mut fresh = SqliteStore::open(dir2.path().join("s.db")).unwrap();
    fresh.ingest(mixed).unwrap();
    assert_eq!(events_jsonl(&s), events_jsonl(&fresh));
    assignments_stored(&path);
}

#[test]
fn two_writers_taking_turns_give_the_events_of_one_ingest() {
    // Each connection's memory is stale after the other wrote: it must notice and read the
    // store again.
    let all = articles();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.db");
    let mut a = SqliteStore::open(&path).unwrap();
    let mut b = SqliteStore::open(&path).unwrap();
    for (i, article) in all.iter().enumerate() {
        let s = if i % 3 == 1 { &mut b } else { &mut a };
        s.ingest(vec![article.clone()]).unwrap();
    }
    assert_eq!(events_jsonl(&a), read(&run_dir().join("events.jsonl")));
    assert_eq!(events_jsonl(&b), read(&run_dir().join("events.jsonl")));
    assignments_stored(&path);
    assert!(a.verify().unwrap().is_empty());
}

#[test]
fn a_changed_article_replaces_the_old_one() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = SqliteStore::open(dir.path().join("s.db")).unwrap();
    store.ingest(articles().to_vec()).unwrap();
    let mut changed = articles()[0].clone();
    changed.text = "Correction: the market in Zlatopil reopened on Monday.".into();
    changed.hash = "0123456789abcdef".into();
    changed.mentions = Some(Vec::new());
    changed.event_mentions = Some(Vec::new());
    let stats = store.ingest(vec![changed.clone()]).unwrap();
    assert_eq!((stats.new, stats.replaced, stats.unchanged), (0, 1, 0));
    let mut stored = Vec::new();
    store
        .for_each_article(&mut |a| {
            stored.push(a);
            Ok(())
        })
        .unwrap();
    assert_eq!(stored.len(), articles().len(), "replaced, not added");
    let a = stored.iter().find(|a| a.id == changed.id).unwrap();
    assert_eq!(a.text, changed.text);
    assert_eq!(a.main_event, None);
    for e in store.events().unwrap() {
        assert!(!e.articles.contains(&changed.id), "{} still cites it", e.id);
    }
    assert!(store.verify().unwrap().is_empty());
    // Putting the original back restores the events of one clean ingest.
    store.ingest(vec![articles()[0].clone()]).unwrap();
    assert_eq!(events_jsonl(&store), read(&run_dir().join("events.jsonl")));
}

#[test]
fn a_store_of_an_older_schema_opens_and_migrates() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.db");
    {
        // A store as version 1 wrote it: the tables of migration 1 with their rows, nothing
        // that later migrations add.
        let mut s = SqliteStore::open(&path).unwrap();
        s.ingest(articles().to_vec()).unwrap();
    }
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute_batch(
            "DROP INDEX events_date; DROP INDEX events_country; DROP INDEX events_type;
             DROP INDEX event_articles_article; DROP TABLE meta; DROP TABLE event_actors;
             DROP INDEX events_lat_lon; DROP INDEX events_sub_type;
             DROP TABLE events_fts; DROP TABLE event_aliases; PRAGMA user_version = 1;",
        )
        .unwrap();
    assert_eq!(
        SqliteStore::open_at_version(&path, 1)
            .unwrap()
            .schema_version()
            .unwrap(),
        1
    );
    let mut store = SqliteStore::open(&path).unwrap();
    assert_eq!(
        store.schema_version().unwrap(),
        sitrep_store::SCHEMA_VERSION
    );
    assert_eq!(events_jsonl(&store), read(&run_dir().join("events.jsonl")));
    // Migration 3 filled the actor index from the stored events.
    let events = store.events().unwrap();
    let actor = events
        .iter()
        .flat_map(|e| &e.actors)
        .map(|a| a.name.clone())
        .next()
        .expect("the demo has actors");
    let filter = sitrep_store::EventFilter {
        actor: Some(actor.to_uppercase()),
        ..Default::default()
    };
    let page = store.events_page(&filter, Default::default()).unwrap();
    assert!(page.total > 0 && page.total < events.len(), "{actor}");
    assert!(page
        .events
        .iter()
        .all(|e| e.actors.iter().any(|a| a.name == actor)));
    assert_eq!(store.generation().unwrap().generation, 0);
    let again = store.ingest(articles().to_vec()).unwrap();
    assert_eq!(again.unchanged, articles().len());
    assert_eq!(store.generation().unwrap().generation, 0, "nothing written");
    assert!(store.verify().unwrap().is_empty());
}

#[test]
fn a_store_of_a_newer_schema_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.db");
    drop(SqliteStore::open(&path).unwrap());
    let newer = sitrep_store::SCHEMA_VERSION + 1;
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute_batch(&format!("PRAGMA user_version = {newer}"))
        .unwrap();
    let err = SqliteStore::open(&path).unwrap_err();
    assert!(
        matches!(err, StoreError::Newer { found, .. } if found == newer),
        "{err}"
    );
    assert!(err.to_string().contains("newer"), "{err}");
}

#[test]
fn full_text_filters_give_the_same_events_whichever_way_they_join() {
    use sitrep_store::{EventFilter, Page, FTS_LIST_MOST};
    use std::sync::atomic::Ordering;
    let dir = tempfile::tempdir().unwrap();
    let mut store = SqliteStore::open(dir.path().join("s.db")).unwrap();
    store.ingest(articles().to_vec()).unwrap();
    let events = store.events().unwrap();
    let first = events.first().unwrap().date.start.clone().unwrap();
    let last = events.last().unwrap().date.start.clone().unwrap();
    let page = Page {
        limit: 1000,
        offset: 0,
    };
    let mut found = 0;
    for word in ["the", "said", "drone", "port", "killed", "fighting"] {
        let filter = EventFilter {
            q: Some(word.to_string()),
            from: Some(first.clone()),
            to: Some(last.clone()),
            ..Default::default()
        };
        // Listing the events of the matching articles (few matches) ...
        FTS_LIST_MOST.store(i64::MAX, Ordering::Relaxed);
        let listed = store.events_page_json(&filter, page).unwrap();
        // ... and checking each event's articles against the matches (many).
        FTS_LIST_MOST.store(0, Ordering::Relaxed);
        let checked = store.events_page_json(&filter, page).unwrap();
        FTS_LIST_MOST.store(2000, Ordering::Relaxed);
        assert_eq!(listed, checked, "{word}");
        found += listed.1;
    }
    assert!(found > 0);
}

//! `sitrep ingest` killed with SIGKILL at seeded random points, again and again: after every
//! kill the store opens, passes `PRAGMA integrity_check` and its own checks, and holds whole
//! batches only (every article complete, with its reports, none twice); a final ingest then
//! completes it, with the events and articles of a clean ingest. Also `sitrep export`.

use sitrep_store::{SqliteStore, Store};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const ARTICLES: usize = 200;
const BATCH: usize = 10;
const KILLS: usize = 20;

fn sitrep() -> Command {
    Command::new(env!("CARGO_BIN_EXE_sitrep"))
}

/// xorshift64*: deterministic delays without a dependency.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
}

/// 40 incidents, each reported by five outlets in different words.
fn corpus(path: &Path) {
    let places = [
        "Kharkiv",
        "Odesa",
        "Kherson",
        "Sumy",
        "Mykolaiv",
        "Zaporizhzhia",
        "Dnipro",
        "Aleppo",
        "Idlib",
        "Homs",
    ];
    let outlets = [
        "Wire One",
        "Daily Ledger",
        "Morning Post",
        "Field Desk",
        "City Times",
    ];
    let weapons = ["missile", "drone", "artillery", "rocket"];
    let mut out = String::new();
    for i in 0..ARTICLES {
        let incident = i / 5;
        let place = places[incident % places.len()];
        let day = 1 + incident % 27;
        let weapon = weapons[incident % weapons.len()];
        let (killed, injured) = (1 + incident % 7, 2 + (incident * 3) % 11);
        let outlet = outlets[i % 5];
        let text = format!(
            "A {weapon} strike hit a residential area of {place} on March {day}, killing \
             {killed} people and injuring {injured}, the regional governor said.\n\n\
             Emergency crews worked through the night, {outlet} correspondent number {i} \
             reported. Residents said the attack came without warning."
        );
        let line = serde_json::json!({
            "id": format!("a{i:03}"),
            "url": format!("https://example.org/{i}"),
            "outlet": outlet,
            "title": format!("{weapon} strike on {place}"),
            "published": format!("2024-03-{:02}", (day + 1).min(28)),
            "text": text,
        });
        out.push_str(&line.to_string());
        out.push('\n');
    }
    std::fs::write(path, out).unwrap();
}

fn ingest(input: &Path, db: &Path) -> Command {
    let mut c = sitrep();
    c.arg("ingest")
        .arg(input)
        .arg("--db")
        .arg(db)
        .args(["--batch", &BATCH.to_string(), "-j", "1", "-q"])
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    c
}

fn export(db: &Path, out: &Path) -> (String, String) {
    let r = sitrep()
        .args(["export", "--format", "jsonl", "-q", "--db"])
        .arg(db)
        .arg("--out")
        .arg(out)
        .output()
        .unwrap();
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    let read = |n: &str| std::fs::read_to_string(out.join(n)).unwrap();
    (read("events.jsonl"), read("articles.jsonl"))
}

/// The store opens and is sound, and holds whole batches only. Returns its article count.
fn check(db: &Path) -> usize {
    let store = SqliteStore::open(db).expect("the store opens after a kill");
    let problems = store.verify().unwrap();
    assert!(problems.is_empty(), "{problems:#?}");
    let n = store.counts().unwrap().articles;
    assert!(
        n % BATCH == 0 && n <= ARTICLES,
        "{n} articles: a batch half-written"
    );
    let mut ids = std::collections::HashSet::new();
    store
        .for_each_article(&mut |a| {
            assert!(ids.insert(a.id.clone()), "{} twice", a.id);
            assert!(a.text.contains("strike hit"), "{} incomplete", a.id);
            Ok(())
        })
        .unwrap();
    n
}

#[test]
fn a_killed_ingest_leaves_whole_batches_and_a_rerun_completes_it() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("feed.jsonl");
    corpus(&input);

    // A clean ingest, timed: kills land anywhere within its span.
    let clean = dir.path().join("clean.db");
    let started = Instant::now();
    let st = ingest(&input, &clean).status().unwrap();
    let span = started.elapsed();
    assert!(st.success());
    assert_eq!(check(&clean), ARTICLES);
    let (clean_events, clean_articles) = export(&clean, &dir.path().join("clean"));
    assert!(clean_events.lines().count() >= 10, "{clean_events}");

    // Start-up (the knowledge base) writes nothing: kills land after most of it.
    let empty = dir.path().join("empty.jsonl");
    std::fs::write(&empty, "").unwrap();
    let started = Instant::now();
    assert!(ingest(&empty, &dir.path().join("empty.db"))
        .status()
        .unwrap()
        .success());
    let startup = started.elapsed().min(span) * 4 / 5;

    let db = dir.path().join("crash.db");
    let mut rng = Rng(0x5eed_1234_abcd_0001);
    let (mut killed, mut finished, mut progressed) = (0, 0, 0);
    let mut before = 0;
    // The kill window adapts to this machine: a run that finishes before its kill shrinks it,
    // so a loaded or fast machine still gets its kills (timing never decides the outcome).
    let mut window = (span - startup).as_micros() as u64 * 9 / 10 + 1;
    // Kills go on until enough have landed between batches too (a loaded machine lands fewer
    // per try), within a bound.
    for _ in 0..20 * KILLS {
        if killed >= KILLS && progressed >= 3 {
            break;
        }
        let delay = startup + Duration::from_micros(rng.next() % window);
        let mut child = ingest(&input, &db).spawn().unwrap();
        std::thread::sleep(delay);
        match child.try_wait().unwrap() {
            Some(status) => {
                assert!(status.success());
                finished += 1;
                window = (window * 3 / 4).max(1);
            }
            None => {
                child.kill().unwrap(); // SIGKILL
                child.wait().unwrap();
                killed += 1;
            }
        }
        let n = check(&db);
        assert!(n >= before, "a finished batch was lost: {before} → {n}");
        progressed += usize::from(n > before && n < ARTICLES);
        before = n;
        if n == ARTICLES {
            // Done: start over, so later kills hit writes again.
            for ext in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{ext}", db.display()));
            }
            before = 0;
        }
    }
    eprintln!("{killed} killed, {finished} finished, {progressed} left part of the articles");
    assert!(killed >= KILLS, "only {killed} kills");
    assert!(
        progressed >= 3,
        "only {progressed} kills landed between batches"
    );

    assert!(ingest(&input, &db).status().unwrap().success());
    assert_eq!(check(&db), ARTICLES);
    let (events, articles) = export(&db, &dir.path().join("after"));
    assert_eq!(events, clean_events, "events differ from a clean ingest");
    assert_eq!(articles, clean_articles);
}

//! The `sitrep` binary as a user runs it: bad inputs beside good ones, the exit status, the
//! outputs, stdin, thread-count independence, and the demo.

use serde_json::Value;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

fn sitrep() -> Command {
    Command::new(env!("CARGO_BIN_EXE_sitrep"))
}

fn articles(dir: &Path) -> Vec<Value> {
    std::fs::read_to_string(dir.join("articles.jsonl"))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

const GOOD: &str =
    "Troops entered the town on Sunday after two days of shelling, officials said.\n\
The regional governor said three civilians were killed and five injured.\n";

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

#[test]
fn bad_inputs_are_reported_and_good_articles_still_written() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    std::fs::write(input.join("good.txt"), GOOD).unwrap();
    std::fs::write(
        input.join("image.txt"),
        [0x89, b'P', b'N', b'G', 0, 0, 0, 13, 0, 1, 2],
    )
    .unwrap();
    std::fs::write(
        input.join("latin.txt"),
        b"Caf\xe9 owners said the strike hit at dawn on Monday.\n",
    )
    .unwrap();
    std::fs::write(input.join("empty.txt"), "Advertisement\n").unwrap();
    let feed = format!(
        "{}\n{{not json\n{}\n",
        serde_json::json!({"id": "j1", "text": "Police arrested four protesters in the capital on Friday, witnesses said."}),
        serde_json::json!({"id": "j2", "html": "<p>Rebels shelled the airport overnight, the army said in a statement.</p>"})
    );
    std::fs::write(input.join("feed.jsonl"), feed).unwrap();
    let gz = gzip(GOOD.replace("Sunday", "Monday").as_bytes());
    std::fs::write(input.join("cut.txt.gz"), &gz[..gz.len() - 12]).unwrap();
    std::fs::write(input.join("dup.txt"), GOOD).unwrap();
    let out = dir.path().join("out");

    let r = sitrep()
        .arg("run")
        .arg(&input)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(r.status.code(), Some(1), "some inputs failed");
    let stderr = String::from_utf8_lossy(&r.stderr);
    assert!(stderr.contains("image.txt"), "{stderr}");
    assert!(stderr.contains("feed.jsonl:2"), "{stderr}");
    assert!(stderr.contains("empty.txt"), "{stderr}");

    let arts = articles(&out);
    let ids: Vec<&str> = arts.iter().map(|a| a["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        ["cut.txt.gz", "dup.txt", "j1", "j2", "latin.txt"],
        "input order; failures and the copy out"
    );
    let latin = &arts[4];
    assert!(latin["text"].as_str().unwrap().contains('\u{fffd}'));
    assert_eq!(latin["errors"][0]["code"], "invalid_encoding");
    assert_eq!(arts[0]["errors"][0]["code"], "truncated_gzip");

    let run: Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("run.json")).unwrap()).unwrap();
    assert_eq!(run["written"], 5);
    assert_eq!(run["skipped"]["duplicate"], 1);
    assert_eq!(run["skipped"]["binary"], 1);
    assert_eq!(run["skipped"]["malformed_json"], 1);
    assert_eq!(run["skipped"]["empty"], 1);
    assert_eq!(run["read"], 9);
    assert_eq!(
        run["duplicates"][0],
        serde_json::json!(["good.txt", "dup.txt"])
    );
}

/// Files of one name in different folders, or of one stem with different extensions, are
/// different articles: ids are paths under the input root, kept whole. Two records that claim
/// one id with different texts are an error that says so; neither replaces the other.
#[test]
fn same_names_in_different_folders_are_different_articles() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("crawl");
    for sub in ["a", "b"] {
        std::fs::create_dir_all(input.join(sub)).unwrap();
    }
    std::fs::write(input.join("a/report.txt"), GOOD).unwrap();
    std::fs::write(
        input.join("b/report.txt"),
        "Police dispersed a march of farmers outside parliament on Tuesday, witnesses said.\n",
    )
    .unwrap();
    std::fs::write(
        input.join("a/report.html"),
        "<html><body><p>A car bomb exploded near a checkpoint in the north on Wednesday, \
         killing four soldiers, the army said.</p></body></html>",
    )
    .unwrap();
    let db = dir.path().join("store.db");
    let r = sitrep()
        .args(["ingest", "--db"])
        .arg(&db)
        .arg(&input)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&r.stderr);
    assert!(r.status.success(), "{stderr}");
    assert!(stderr.contains("3 new, 0 replaced"), "{stderr}");
    let out = dir.path().join("out");
    let r = sitrep()
        .args(["export", "--db"])
        .arg(&db)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    let mut ids: Vec<String> = articles(&out)
        .iter()
        .map(|a| a["id"].as_str().unwrap().to_string())
        .collect();
    ids.sort();
    assert_eq!(ids, ["a/report.html", "a/report.txt", "b/report.txt"]);

    // A replacement in a later ingest is reported with its reason.
    std::fs::write(input.join("b/report.txt"), GOOD.replace("Sunday", "Monday")).unwrap();
    let r = sitrep()
        .args(["ingest", "--db"])
        .arg(&db)
        .arg(&input)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&r.stderr);
    assert!(r.status.success(), "{stderr}");
    assert!(
        stderr.contains("0 new, 1 replaced, 2 unchanged"),
        "{stderr}"
    );
    assert!(
        stderr.contains("b/report.txt replaced: its text changed"),
        "{stderr}"
    );

    // One id, two texts, one run: the second is refused, loudly.
    let feed = format!(
        "{}\n{}\n",
        serde_json::json!({"id": "x", "text": GOOD}),
        serde_json::json!({"id": "x", "text": "Rebels shelled the airport overnight, the army said."}),
    );
    std::fs::write(dir.path().join("feed.jsonl"), feed).unwrap();
    let out = dir.path().join("out2");
    let r = sitrep()
        .arg("run")
        .arg(dir.path().join("feed.jsonl"))
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&r.stderr);
    assert_eq!(r.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("id_clash"), "{stderr}");
    assert!(stderr.contains("feed.jsonl:2"), "{stderr}");
    let arts = articles(&out);
    assert_eq!(arts.len(), 1);
    assert!(arts[0]["text"].as_str().unwrap().contains("Sunday"));
}

#[test]
fn clean_run_exits_zero_and_reads_stdin() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let mut child = sitrep()
        .args(["run", "-", "--out"])
        .arg(&out)
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let line = serde_json::json!({"id": "s1", "published": "2024-05-02", "outlet": "Wire",
        "text": "Two drones hit a fuel depot near the border overnight, the governor said."});
    child
        .stdin
        .take()
        .unwrap()
        .write_all(format!("{line}\n").as_bytes())
        .unwrap();
    let r = child.wait_with_output().unwrap();
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    let arts = articles(&out);
    assert_eq!(arts.len(), 1);
    assert_eq!(arts[0]["published"], "2024-05-02");
    assert_eq!(arts[0]["outlet"], "Wire");
    assert_eq!(arts[0]["source"], "<stdin>:1");
}

#[test]
fn output_does_not_depend_on_thread_count() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    for i in 0..300 {
        let body = format!("Report {i}: shelling hit district {i} on Tuesday, officials said.\n");
        std::fs::write(input.join(format!("{i:03}.txt")), body).unwrap();
    }
    let mut outputs = Vec::new();
    for j in ["1", "2", "4"] {
        let out = dir.path().join(format!("out{j}"));
        let mut cmd = sitrep();
        cmd.arg("run")
            .arg(&input)
            .arg("--out")
            .arg(&out)
            .args(["-j", j, "-q"]);
        assert!(cmd.status().unwrap().success());
        outputs.push(std::fs::read_to_string(out.join("articles.jsonl")).unwrap());
    }
    assert_eq!(outputs[0].lines().count(), 300);
    assert!(outputs.iter().all(|o| o == &outputs[0]));
}

#[test]
fn an_unwritable_output_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    // The output directory would be inside a file: the run cannot write and must say so.
    let blocked = dir.path().join("blocked");
    std::fs::write(&blocked, "").unwrap();
    let input = dir.path().join("a.txt");
    std::fs::write(&input, GOOD).unwrap();
    let r = sitrep()
        .arg("run")
        .arg(&input)
        .arg("--out")
        .arg(blocked.join("x"))
        .output()
        .unwrap();
    assert_eq!(r.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&r.stderr).contains("cannot write"));
}

#[test]
fn usage_errors_exit_two_and_help_has_examples() {
    let r = sitrep().args(["run"]).output().unwrap();
    assert_eq!(r.status.code(), Some(2));
    // Options are checked before anything runs: zero threads or batches is a usage error.
    for args in [
        &["run", "x", "--out", "y", "-j", "0"][..],
        &["ingest", "x", "--db", "y.db", "--batch", "0"],
        &["export", "--db", "y.db", "--format", "xml"],
    ] {
        let r = sitrep().args(args).output().unwrap();
        assert_eq!(r.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&r.stderr);
        assert!(
            err.contains("at least 1") || err.contains("one of"),
            "{err}"
        );
    }
    let help = sitrep().args(["run", "--help"]).output().unwrap();
    assert!(String::from_utf8_lossy(&help.stdout).contains("Examples:"));
}

#[test]
fn demo_writes_articles_and_reports_the_duplicate() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("demo");
    let r = sitrep()
        .arg("demo")
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert!(r.status.success());
    let stdout = String::from_utf8_lossy(&r.stdout);
    assert!(stdout.contains("duplicate"), "{stdout}");
    let arts = articles(&out);
    assert_eq!(arts.len(), 5);
    let wire = arts.iter().find(|a| a["id"] == "izmail-wire.html").unwrap();
    assert_eq!(wire["outlet"], "Black Sea Wire");
    assert_eq!(wire["published"], "2025-03-11T09:40:00+02:00");
    let text = wire["text"].as_str().unwrap();
    assert!(text.starts_with("KYIV, March 11"), "{text}");
    assert!(!text.contains("Photo:") && !text.contains("Share on"));

    // The understand stage ran: the port is placed in Ukraine, the injured are counted and
    // attributed, and every span is the text it claims to be.
    let chars: Vec<char> = text.chars().collect();
    let span = |v: &serde_json::Value| -> String {
        let (s, e) = (v["start"].as_u64().unwrap(), v["end"].as_u64().unwrap());
        chars[s as usize..e as usize].iter().collect()
    };
    let mentions = wire["mentions"].as_array().unwrap();
    for m in mentions {
        assert_eq!(span(m), m["text"].as_str().unwrap());
    }
    let izmail = mentions
        .iter()
        .find(|m| m["text"] == "Izmail")
        .expect("Izmail is found");
    assert_eq!(izmail["kind"], "place");
    assert_eq!(izmail["country"], "UA");
    assert_eq!(izmail["precision"], "exact");
    assert!(izmail["lat"].as_f64().unwrap() > 45.0 && izmail["lon"].as_f64().unwrap() > 28.0);
    let injured = wire["quantities"]
        .as_array()
        .unwrap()
        .iter()
        .position(|q| q["predicate"] == "injured" && q["value"] == 2.0)
        .expect("two injured");
    assert_eq!(span(&wire["quantities"][injured]), "two workers");
    let claims = wire["claims"].as_array().unwrap();
    assert!(
        claims.iter().any(|c| c["covers"]
            .as_array()
            .unwrap()
            .iter()
            .any(|x| x["quantity"] == injured)),
        "the injured count is attributed: {claims:?}"
    );
    assert!(wire["times"]
        .as_array()
        .unwrap()
        .iter()
        .any(|t| t["value"] == "2025-03-11"));

    // Events across articles: the two reports of the March strike on Izmail are one event,
    // the April strike on the same port another, the El Fasher fighting a third; each
    // article's main event is in events.jsonl, and the brief and the ACLED table are written.
    let events: Vec<Value> = std::fs::read_to_string(out.join("events.jsonl"))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(events.len(), 3, "{events:#?}");
    let event_of = |id: &str| {
        let a = arts.iter().find(|a| a["id"] == id).unwrap();
        let e = a["main_event"].as_str().expect("a main event");
        events.iter().find(|ev| ev["id"] == e).unwrap()
    };
    let march = event_of("izmail-wire.html");
    assert_eq!(march["id"], event_of("danube-post-syndicated")["id"]);
    assert_ne!(march["id"], event_of("izmail-second-strike.txt")["id"]);
    assert_eq!(march["sub_event_type"], "Air/drone strike");
    assert_eq!(march["location"]["country"], "UA");
    assert_eq!(march["sources"], 2);
    assert_eq!(
        event_of("kordofan-courier-0412")["id"],
        event_of("nile-daily-el-fasher")["id"]
    );
    assert!(stdout.contains("3 events"), "{stdout}");
    let csv = std::fs::read_to_string(out.join("events.csv")).unwrap();
    assert!(csv.starts_with("event_id_cnty,event_date,year,time_precision"));
    assert_eq!(csv.lines().count(), 4);
    let report = std::fs::read_to_string(out.join("report.md")).unwrap();
    assert!(report.contains("Izm") && report.contains("Disagreements"));
}

#[test]
fn seeds_end_to_end_take_dates_from_the_sidecar() {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/seeds");
    if !seeds.is_dir() {
        eprintln!("skipped: ../shared/corpus/seeds not found");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let r = sitrep()
        .arg("run")
        .arg(&seeds)
        .arg("--out")
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    let arts = articles(dir.path());
    assert_eq!(arts.len(), 5);
    let sidecar = std::fs::read_to_string(seeds.join("meta.jsonl")).unwrap();
    for line in sidecar.lines() {
        let m: Value = serde_json::from_str(line).unwrap();
        let id = m["file"].as_str().unwrap();
        let a = arts.iter().find(|a| a["id"] == id).unwrap();
        assert_eq!(a["published"], m["published"], "{id}");
        assert_eq!(a["outlet"], m["outlet"], "{id}");
        let text = a["text"].as_str().unwrap();
        for chrome in [
            "Load More",
            "Advertisement",
            "Leave a Comment",
            "Connect with us",
            "Ads Blocker",
        ] {
            assert!(!text.contains(chrome), "{id} keeps {chrome:?}");
        }
    }
}

#[test]
fn with_original_every_removed_block_and_kept_character_checks_out() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("demo");
    assert!(sitrep()
        .arg("demo")
        .arg("--out")
        .arg(&out)
        .status()
        .unwrap()
        .success());
    let run_out = dir.path().join("run");
    let r = sitrep()
        .arg("run")
        .arg(out.join("input"))
        .arg("--out")
        .arg(&run_out)
        .args(["--with-original", "-q"])
        .status()
        .unwrap();
    assert!(r.success());
    let arts = articles(&run_out);
    assert_eq!(arts.len(), 5);
    for a in arts {
        let original: Vec<char> = a["original"].as_str().unwrap().chars().collect();
        let text: Vec<char> = a["text"].as_str().unwrap().chars().collect();
        for r in a["removed"].as_array().unwrap() {
            let (s, e) = (
                r["start"].as_u64().unwrap() as usize,
                r["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(
                original[s..e].iter().collect::<String>(),
                r["text"].as_str().unwrap()
            );
        }
        let mut mapped = 0;
        for seg in a["alignment"].as_array().unwrap() {
            let (c, o, l) = (
                seg["clean"].as_u64().unwrap() as usize,
                seg["original"].as_u64().unwrap() as usize,
                seg["len"].as_u64().unwrap() as usize,
            );
            assert_eq!(text[c..c + l], original[o..o + l], "{}", a["id"]);
            mapped += l;
        }
        // Only the paragraph breaks are unmapped.
        let breaks = a["text"].as_str().unwrap().matches("\n\n").count() * 2;
        assert_eq!(mapped + breaks, text.len(), "{}", a["id"]);
    }
    // Without the flag the original is not written.
    assert!(articles(&out)[0].get("original").is_none());
}

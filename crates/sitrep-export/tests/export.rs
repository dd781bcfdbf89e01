//! The four events outputs on hand-built events (places, actors and outlets invented), and the
//! output directory that writes them with `articles.jsonl` (and Parquet with the feature).

use sitrep_core::Article;
use sitrep_core::{
    Actor, ActorRole, ClaimStatus, Conflict, DateRange, Event, EventClaim, EventType, GeoPrecision,
    Location, Stance, SubEventType, TimePrecision,
};
use sitrep_export::{
    acled_timestamp, write_csv, write_geojson, write_jsonl, write_report, Articles, Format,
    OutputDir, Outputs, SourceArticle, CSV_COLUMNS,
};
use std::collections::HashMap;
use std::io::Write;

fn actor(name: &str, role: ActorRole, kb_id: Option<&str>) -> Actor {
    Actor {
        name: name.into(),
        role,
        kb_id: kb_id.map(str::to_string),
        articles: 1,
        actor_type: None,
        country: None,
    }
}

#[test]
fn inter_codes_come_from_the_actor_type_and_a_foreign_state_force_is_external() {
    use sitrep_core::ActorType;
    let typed = |t: ActorType, country: Option<&str>| Actor {
        actor_type: Some(t),
        country: country.map(str::to_string),
        ..actor("Some Force", ActorRole::Attacker, Some("x:some-force"))
    };
    let own = typed(ActorType::StateForces, Some("NG"));
    assert_eq!(sitrep_export::inter_code(&own, Some("NG")), Some(1));
    assert_eq!(sitrep_export::inter_code(&own, Some("NE")), Some(8));
    assert_eq!(sitrep_export::inter_code(&own, None), Some(1));
    let rebels = typed(ActorType::RebelGroup, Some("NG"));
    assert_eq!(sitrep_export::inter_code(&rebels, Some("NE")), Some(2));
    // Untyped: only what the name says without doubt.
    let untyped = actor("Northern Air Group", ActorRole::Attacker, None);
    assert_eq!(sitrep_export::inter_code(&untyped, Some("UA")), None);
    let civ = actor("Civilians (Ukraine)", ActorRole::Target, None);
    assert_eq!(sitrep_export::inter_code(&civ, Some("UA")), Some(7));
}

#[allow(clippy::too_many_arguments)]
fn claim(
    slot: &str,
    value: f64,
    qualifier: Option<&str>,
    speaker: Option<&str>,
    stance: Stance,
    article: &str,
    status: ClaimStatus,
    headline: bool,
) -> EventClaim {
    EventClaim {
        slot: slot.into(),
        value,
        qualifier: qualifier.map(str::to_string),
        speaker: speaker.map(str::to_string),
        stance,
        article: article.into(),
        start: 0,
        end: 10,
        quote: "quote".into(),
        status,
        headline,
    }
}

/// A drone strike in Ukraine with two figures, a protest without coordinates, a clash in Syria.
fn events() -> Vec<Event> {
    let strike = Event {
        id: "ev-strike".into(),
        title: "Drone strike on Testovka market".into(),
        event_type: EventType::ExplosionsRemoteViolence,
        sub_event_type: SubEventType::AirDroneStrike,
        date: DateRange {
            start: Some("2024-03-05".into()),
            end: Some("2024-03-05".into()),
            precision: Some(TimePrecision::Day),
        },
        location: Some(Location {
            name: "Testovka".into(),
            admin1: Some("Testova Oblast".into()),
            admin2: Some("Testovskyi Raion".into()),
            country: Some("UA".into()),
            lat: Some(50.1234),
            lon: Some(36.5678),
            precision: GeoPrecision::Exact,
            kb_id: None,
        }),
        actors: vec![
            actor("Northern Air Group", ActorRole::Attacker, None),
            actor(
                "Civilians (Ukraine)",
                ActorRole::Target,
                Some("agent:civilian"),
            ),
        ],
        articles: vec!["a1".into(), "a2".into()],
        claims: vec![
            claim(
                "killed",
                5.0,
                None,
                Some("Regional governor"),
                Stance::Asserts,
                "a1",
                ClaimStatus::Corroborated,
                true,
            ),
            claim(
                "killed",
                7.0,
                Some("at_least"),
                Some("Mayor of Testovka"),
                Stance::Asserts,
                "a2",
                ClaimStatus::SingleSource,
                false,
            ),
            claim(
                "injured",
                12.0,
                None,
                None,
                Stance::Asserts,
                "a1",
                ClaimStatus::SingleSource,
                true,
            ),
        ],
        conflicts: vec![Conflict {
            slot: "killed".into(),
            values: vec![serde_json::json!(5), serde_json::json!(7)],
            articles: vec!["a1".into(), "a2".into()],
            note: "the governor says 5 killed, the mayor at least 7".into(),
            by_value: vec![],
        }],
        sources: 2,
        fatalities: Some(5.0),
        injured: Some(12.0),
        evidence: vec![],
    };
    let protest = Event {
        id: "ev-protest".into(),
        title: "Protest | rally in Testova Oblast".into(),
        event_type: EventType::Protests,
        sub_event_type: SubEventType::PeacefulProtest,
        date: DateRange {
            start: Some("2024-02-01".into()),
            end: Some("2024-02-29".into()),
            precision: Some(TimePrecision::Month),
        },
        location: Some(Location {
            name: "Testova Oblast".into(),
            admin1: Some("Testova Oblast".into()),
            admin2: None,
            country: Some("UA".into()),
            lat: None,
            lon: None,
            precision: GeoPrecision::Admin1,
            kb_id: None,
        }),
        actors: vec![actor("Protesters (Ukraine)", ActorRole::Attacker, None)],
        articles: vec!["a3".into()],
        claims: vec![],
        conflicts: vec![],
        sources: 1,
        fatalities: None,
        injured: None,
        evidence: vec![],
    };
    let clash = Event {
        id: "ev-clash".into(),
        title: "Clash near Exampleville".into(),
        event_type: EventType::Battles,
        sub_event_type: SubEventType::ArmedClash,
        date: DateRange {
            start: Some("2024-03-04".into()),
            end: Some("2024-03-10".into()),
            precision: Some(TimePrecision::Week),
        },
        location: Some(Location {
            name: "Exampleville".into(),
            admin1: None,
            admin2: None,
            country: Some("SY".into()),
            lat: Some(35.5),
            lon: Some(38.25),
            precision: GeoPrecision::Near,
            kb_id: None,
        }),
        actors: vec![
            actor("Hill Brigade", ActorRole::Attacker, None),
            actor("Valley Front", ActorRole::Attacker, None),
            actor("River Militia", ActorRole::Target, None),
        ],
        articles: vec!["a3".into()],
        claims: vec![],
        conflicts: vec![],
        sources: 1,
        fatalities: None,
        injured: None,
        evidence: vec![],
    };
    vec![strike, protest, clash]
}

fn articles() -> HashMap<String, SourceArticle> {
    let a = |id: &str, url: Option<&str>, outlet: Option<&str>, title: &str| SourceArticle {
        id: id.into(),
        url: url.map(str::to_string),
        outlet: outlet.map(str::to_string),
        title: Some(title.into()),
        published: Some("2024-03-06".into()),
    };
    [
        a(
            "a1",
            Some("https://www.daily-example.test/news/1"),
            Some("Daily Example"),
            "Five killed in Testovka",
        ),
        a(
            "a2",
            Some("https://herald.example.test/2"),
            None,
            "Mayor: at least seven dead",
        ),
        a("a3", None, Some("Weekly Sample"), "Regional roundup"),
    ]
    .into_iter()
    .map(|x| (x.id.clone(), x))
    .collect()
}

fn csv_rows() -> (Vec<String>, Vec<HashMap<String, String>>) {
    let mut buf = Vec::new();
    write_csv(&events(), &articles(), 1_700_000_000, &mut buf).unwrap();
    let mut r = csv::Reader::from_reader(buf.as_slice());
    let header: Vec<String> = r.headers().unwrap().iter().map(str::to_string).collect();
    let rows = r
        .records()
        .map(|rec| {
            let rec = rec.unwrap();
            header
                .iter()
                .cloned()
                .zip(rec.iter().map(str::to_string))
                .collect()
        })
        .collect();
    (header, rows)
}

#[test]
fn csv_header_is_acleds() {
    let (header, rows) = csv_rows();
    let acled = "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,\
                 sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,\
                 interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,\
                 latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp";
    assert_eq!(header.join(","), acled);
    assert_eq!(CSV_COLUMNS.join(","), acled);
    assert_eq!(rows.len(), 3);
}

#[test]
fn csv_row_values() {
    let (_, rows) = csv_rows();
    let strike = &rows[0];
    let get = |k: &str| strike[k].as_str();
    assert_eq!(get("event_id_cnty"), "UKR1");
    assert_eq!(get("event_date"), "2024-03-05");
    assert_eq!(get("year"), "2024");
    assert_eq!(get("time_precision"), "1");
    assert_eq!(get("disorder_type"), "Political violence");
    assert_eq!(get("event_type"), "Explosions/Remote violence");
    assert_eq!(get("sub_event_type"), "Air/drone strike");
    assert_eq!(get("actor1"), "Northern Air Group");
    assert_eq!(get("inter1"), "");
    assert_eq!(get("actor2"), "Civilians (Ukraine)");
    assert_eq!(get("inter2"), "7");
    assert_eq!(get("interaction"), "");
    assert_eq!(get("civilian_targeting"), "Civilian targeting");
    assert_eq!(get("iso"), "804");
    assert_eq!(get("region"), "Europe");
    assert_eq!(get("country"), "Ukraine");
    assert_eq!(get("admin1"), "Testova Oblast");
    assert_eq!(get("admin2"), "Testovskyi Raion");
    assert_eq!(get("location"), "Testovka");
    assert_eq!(get("latitude"), "50.1234");
    assert_eq!(get("longitude"), "36.5678");
    assert_eq!(get("geo_precision"), "1");
    assert_eq!(get("source"), "Daily Example; herald.example.test");
    assert_eq!(get("source_scale"), "Other");
    assert_eq!(get("fatalities"), "5");
    assert_eq!(get("tags"), "");
    assert_eq!(get("timestamp"), "1700000000");
    let notes = get("notes");
    assert!(
        notes.contains("5 (Regional governor via Daily Example)"),
        "{notes}"
    );
    assert!(
        notes.contains("at least 7 (Mayor of Testovka via herald.example.test)"),
        "{notes}"
    );
    assert!(notes.contains("sources disagree on killed"), "{notes}");
    assert!(notes.ends_with('.') && !notes.contains('\n'));
    assert!(notes.starts_with(
        "On 2024-03-05, air/drone strike in Testovka (Testova Oblast, Ukraine) by Northern Air \
         Group against Civilians (Ukraine); killed: 5 (Regional governor via Daily Example)"
    ), "{notes}");

    let protest = &rows[1];
    assert_eq!(protest["event_id_cnty"], "UKR2");
    assert_eq!(protest["time_precision"], "3");
    assert_eq!(protest["event_date"], "2024-02-15");
    assert_eq!(protest["disorder_type"], "Demonstrations");
    assert_eq!(protest["geo_precision"], "3");
    assert_eq!(protest["inter1"], "6");
    assert_eq!(protest["interaction"], "60");
    assert_eq!(protest["fatalities"], "0");
    assert_eq!(
        protest["notes"],
        "In 2024-02, peaceful protest somewhere in Testova Oblast (Ukraine) by Protesters (Ukraine)."
    );
    assert_eq!(
        (protest["latitude"].as_str(), protest["longitude"].as_str()),
        ("", "")
    );

    let clash = &rows[2];
    assert_eq!(clash["event_id_cnty"], "SYR1");
    assert_eq!(clash["iso"], "760");
    assert_eq!(clash["region"], "Middle East");
    assert_eq!(clash["country"], "Syria");
    assert_eq!(clash["time_precision"], "2");
    assert_eq!(clash["event_date"], "2024-03-07");
    assert_eq!(clash["geo_precision"], "2");
    assert_eq!(clash["actor1"], "Hill Brigade");
    assert_eq!(clash["assoc_actor_1"], "Valley Front");
    assert_eq!(clash["actor2"], "River Militia");
    assert_eq!(clash["civilian_targeting"], "");
    assert!(clash["notes"].starts_with(
        "In the week 2024-03-04 to 2024-03-10, armed clash near Exampleville (Syria)"
    ));
}

#[test]
fn an_event_that_names_no_attacker_gets_acleds_generic_actor1() {
    // The strike with its attacker left out: only its civilian target is named.
    let mut strike = events().remove(0);
    strike.actors.retain(|a| a.role != ActorRole::Attacker);
    let mut riot = events().remove(1);
    riot.event_type = EventType::Riots;
    riot.sub_event_type = SubEventType::MobViolence;
    riot.actors.clear();
    let mut arrest = events().remove(2);
    arrest.event_type = EventType::StrategicDevelopments;
    arrest.sub_event_type = SubEventType::Arrests;
    arrest.actors.clear();
    let mut buf = Vec::new();
    write_csv(&[strike, riot, arrest], &articles(), 0, &mut buf).unwrap();
    let mut r = csv::Reader::from_reader(buf.as_slice());
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    let col = |k: &str| CSV_COLUMNS.iter().position(|c| *c == k).unwrap();
    let get = |row: usize, k: &str| rows[row][col(k)].to_string();
    assert_eq!(get(0, "actor1"), "Unidentified Armed Group (Ukraine)");
    assert_eq!(get(0, "inter1"), "3");
    assert_eq!(get(0, "actor2"), "Civilians (Ukraine)");
    assert_eq!(get(0, "interaction"), "37");
    // The notes name only the actors the articles name.
    assert!(
        !get(0, "notes").contains("Unidentified"),
        "{}",
        get(0, "notes")
    );
    assert_eq!(get(1, "actor1"), "Rioters (Ukraine)");
    assert_eq!(get(1, "inter1"), "5");
    assert_eq!(get(1, "interaction"), "50");
    // A strategic development has no generic actor.
    assert_eq!(get(2, "actor1"), "");
    assert_eq!(get(2, "inter1"), "");
    assert_eq!(
        sitrep_export::unidentified(EventType::Protests, None),
        Some(("Protesters".to_string(), 6))
    );
}

#[test]
fn csv_is_deterministic() {
    let run = || {
        let mut buf = Vec::new();
        write_csv(&events(), &articles(), 42, &mut buf).unwrap();
        buf
    };
    assert_eq!(run(), run());
}

#[test]
fn geojson_points_are_lon_lat_and_skip_events_without_coordinates() {
    let mut buf = Vec::new();
    write_geojson(&events(), &mut buf).unwrap();
    let v: serde_json::Value = serde_json::from_slice(&buf).unwrap();
    assert_eq!(v["type"], "FeatureCollection");
    let features = v["features"].as_array().unwrap();
    let ids: Vec<&str> = features
        .iter()
        .map(|f| f["properties"]["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["ev-strike", "ev-clash"], "the protest has no point");
    let strike = &features[0];
    assert_eq!(strike["geometry"]["type"], "Point");
    assert_eq!(
        strike["geometry"]["coordinates"],
        serde_json::json!([36.5678, 50.1234])
    );
    let p = &strike["properties"];
    assert_eq!(p["event_type"], "Explosions/Remote violence");
    assert_eq!(p["date_precision"], "day");
    assert_eq!(p["geo_precision"], "exact");
    assert_eq!(p["fatalities"], 5.0);
    assert_eq!(p["injured"], 12.0);
    assert_eq!(p["conflicts"], 1);
    assert_eq!(p["sources"], 2);
    assert_eq!(p["articles"], serde_json::json!(["a1", "a2"]));

    let mut empty = Vec::new();
    write_geojson(&[], &mut empty).unwrap();
    let v: serde_json::Value = serde_json::from_slice(&empty).unwrap();
    assert_eq!(v["features"], serde_json::json!([]));
}

#[test]
fn report_marks_headline_and_lists_disagreements() {
    let mut buf = Vec::new();
    write_report(&events(), &articles(), &mut buf).unwrap();
    let md = String::from_utf8(buf).unwrap();
    assert!(md.starts_with("# Events report\n"));
    assert!(md.contains("3 events from 3 articles"), "{md}");
    // Ordered by date: the February protest first, then the week of the clash (starts
    // 2024-03-04), then the strike of 2024-03-05.
    let pos = |s: &str| md.find(s).unwrap_or_else(|| panic!("{s} missing:\n{md}"));
    assert!(
        pos("## Protest") < pos("## Clash near") && pos("## Clash near") < pos("## Drone strike")
    );
    assert!(
        md.contains("## Protest | rally"),
        "a heading keeps its text"
    );
    assert!(md.contains("- **When:** 2024-02 (month)"));
    assert!(md.contains("- **When:** 2024-03-05 (day)"));
    assert!(
        md.contains("- **Where:** Testova Oblast (region only; Ukraine)"),
        "{md}"
    );
    assert!(
        md.contains("Testovka (exact; Testova Oblast, Ukraine) at 50.1234, 36.5678"),
        "{md}"
    );
    assert!(md.contains("attacker: Northern Air Group; target: Civilians (Ukraine)"));
    assert!(md.contains(
        "| killed | **5** (headline) |  | Regional governor | asserts | corroborated | a1 (Daily Example) |"
    ), "{md}");
    assert!(md.contains(
        "| killed | 7 | at least | Mayor of Testovka | asserts | single source | a2 (herald.example.test) |"
    ), "{md}");
    assert!(md.contains("### Disagreements"));
    assert!(md.contains("the governor says 5 killed, the mayor at least 7"));
    assert!(md.contains(
        "- Daily Example — [Five killed in Testovka](https://www.daily-example.test/news/1), 2024-03-06 (`a1`)"
    ), "{md}");
    assert!(
        md.contains("- Weekly Sample — Regional roundup, 2024-03-06 (`a3`)"),
        "{md}"
    );
}

#[test]
fn report_escapes_pipes_in_cells() {
    let mut evs = events();
    evs[0].claims[0].speaker = Some("Governor | office".into());
    let mut buf = Vec::new();
    write_report(&evs, &articles(), &mut buf).unwrap();
    let md = String::from_utf8(buf).unwrap();
    assert!(md.contains("| Governor \\| office |"), "{md}");
}

#[test]
fn jsonl_round_trips() {
    let mut buf = Vec::new();
    write_jsonl(&events(), &mut buf).unwrap();
    let text = String::from_utf8(buf).unwrap();
    assert_eq!(text.lines().count(), 3);
    let back: Vec<Event> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(back, events());
}

/// Articles held in memory, as a run's spool or a store would give them.
struct Held(Vec<Article>);

impl Articles for Held {
    fn for_each(&self, f: &mut dyn FnMut(&Article) -> std::io::Result<()>) -> std::io::Result<()> {
        self.0.iter().try_for_each(f)
    }
}

fn held() -> Held {
    let sources = articles();
    let mut ids: Vec<&String> = sources.keys().collect();
    ids.sort();
    Held(
        ids.into_iter()
            .map(|id| Article {
                id: id.clone(),
                text: format!("Text of {id}."),
                title: sources[id].title.clone(),
                main_event: Some("ev-strike".into()),
                ..Article::default()
            })
            .collect(),
    )
}

#[test]
fn an_output_dir_writes_every_file_of_a_run_from_one_writer() {
    let dir = tempfile::tempdir().unwrap();
    let (events, sources, held) = (events(), articles(), held());
    let outputs = Outputs {
        events: &events,
        sources: &sources,
        articles: &held,
    };
    let mut out = OutputDir::create(dir.path()).unwrap();
    out.write_formats(&[Format::All], &outputs).unwrap();
    out.write("run.json", |w| w.write_all(b"{}")).unwrap();
    let written = out.commit().unwrap();
    assert_eq!(written.len(), 6);
    let read = |name: &str| std::fs::read(dir.path().join(name)).unwrap();
    // Each file is what its own writer gives.
    let mut csv = Vec::new();
    write_csv(&events, &sources, acled_timestamp(&sources), &mut csv).unwrap();
    assert_eq!(read("events.csv"), csv);
    let mut md = Vec::new();
    write_report(&events, &sources, &mut md).unwrap();
    assert_eq!(read("report.md"), md);
    let mut geo = Vec::new();
    write_geojson(&events, &mut geo).unwrap();
    assert_eq!(read("events.geojson"), geo);
    let lines: Vec<Article> = String::from_utf8(read("articles.jsonl"))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines, held.0);
    // The ACLED timestamp is the latest publication day, midnight UTC.
    assert_eq!(acled_timestamp(&sources), 1_709_683_200);
    assert!(!dir.path().join(".events.csv.partial").exists());
}

#[test]
fn an_article_source_that_fails_leaves_earlier_files_alone() {
    struct Broken;
    impl Articles for Broken {
        fn for_each(
            &self,
            _: &mut dyn FnMut(&Article) -> std::io::Result<()>,
        ) -> std::io::Result<()> {
            Err(std::io::Error::other("the store went away"))
        }
    }
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("articles.jsonl"), "earlier\n").unwrap();
    let (events, sources) = (events(), articles());
    let mut out = OutputDir::create(dir.path()).unwrap();
    let err = out
        .write_formats(
            &[Format::Jsonl],
            &Outputs {
                events: &events,
                sources: &sources,
                articles: &Broken,
            },
        )
        .unwrap_err();
    assert!(err.to_string().contains("the store went away"), "{err}");
    drop(out);
    let earlier = std::fs::read_to_string(dir.path().join("articles.jsonl")).unwrap();
    assert_eq!(earlier, "earlier\n");
}

#[cfg(not(feature = "parquet"))]
#[test]
fn parquet_without_the_feature_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let (events, sources, held) = (events(), articles(), held());
    let mut out = OutputDir::create(dir.path()).unwrap();
    let err = out
        .write_formats(
            &[Format::Parquet],
            &Outputs {
                events: &events,
                sources: &sources,
                articles: &held,
            },
        )
        .unwrap_err();
    assert!(err.to_string().contains("`parquet` feature"), "{err}");
}

#[cfg(feature = "parquet")]
#[test]
fn parquet_has_a_row_per_event_and_article() {
    use parquet::file::reader::{FileReader, SerializedFileReader};
    let dir = tempfile::tempdir().unwrap();
    let (events, sources, held) = (events(), articles(), held());
    let mut out = OutputDir::create(dir.path()).unwrap();
    out.write_formats(
        &[Format::Parquet],
        &Outputs {
            events: &events,
            sources: &sources,
            articles: &held,
        },
    )
    .unwrap();
    out.commit().unwrap();
    for (name, rows) in [
        ("events.parquet", events.len()),
        ("articles.parquet", held.0.len()),
    ] {
        let f = std::fs::File::open(dir.path().join(name)).unwrap();
        let r = SerializedFileReader::new(f).unwrap();
        assert_eq!(
            r.metadata().file_metadata().num_rows() as usize,
            rows,
            "{name}"
        );
    }
}

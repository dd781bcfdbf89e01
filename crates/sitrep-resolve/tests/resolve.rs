//! Resolution on hand-made reports: grouping, look-alikes kept apart, order independence,
//! reconciliation and conflicts.

use chrono::NaiveDate;
use sitrep_core::{
    ActorRole, ActorTag, ActorType, ClaimStatus, GeoPrecision, MentionKind, Stance, SubEventType,
    TimePrecision,
};
use sitrep_resolve::{
    resolve, Quote, Report, ReportActor, ReportCount, ReportDate, ReportPlace, Resolution,
};

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn q(text: &str) -> Quote {
    Quote {
        start: 10,
        end: 10 + text.chars().count(),
        text: text.to_string(),
    }
}

/// Invented towns: two 12 km apart in one region, one 300 km away in another.
fn town(name: &str) -> ReportPlace {
    let (id, admin1, lat, lon) = match name {
        "Velykopil" => ("P1", "North Oblast", 50.60, 36.60),
        "Ozerne" => ("P2", "North Oblast", 50.70, 36.70),
        "Stepove" => ("P3", "South Oblast", 47.90, 33.40),
        _ => unreachable!(),
    };
    ReportPlace {
        name: name.to_string(),
        kb_id: Some(id.to_string()),
        admin1: Some(admin1.to_string()),
        admin2: None,
        country: Some("XX".to_string()),
        lat: Some(lat),
        lon: Some(lon),
        precision: GeoPrecision::Exact,
        evidence: q(name),
    }
}

fn terms(words: &str) -> Vec<u32> {
    let mut t: Vec<u32> = words
        .split(' ')
        .map(|w| xxhash_rust_free_hash(w.as_bytes()))
        .collect();
    t.sort_unstable();
    t.dedup();
    t
}

/// FNV-1a: any stable hash will do for test terms.
fn xxhash_rust_free_hash(b: &[u8]) -> u32 {
    b.iter().fold(0x811c9dc5u32, |h, &c| {
        (h ^ c as u32).wrapping_mul(0x01000193)
    })
}

fn count(slot: &str, value: f64, speaker: &str, stance: Stance) -> ReportCount {
    ReportCount {
        slot: slot.to_string(),
        value,
        upper: None,
        qualifier: None,
        speaker: Some(speaker.to_string()),
        speaker_kb_id: None,
        stance,
        evidence: q(&format!("{speaker} said {value} {slot}")),
    }
}

struct R {
    article: &'static str,
    outlet: &'static str,
    published: &'static str,
    day: Option<&'static str>,
    place: Option<&'static str>,
    sub: SubEventType,
    words: &'static str,
    counts: Vec<ReportCount>,
}

fn report(r: R) -> Report {
    Report {
        article: r.article.to_string(),
        mention: "e1".to_string(),
        main: true,
        background: false,
        url: Some(format!("https://{}/{}", r.outlet, r.article)),
        outlet: Some(r.outlet.to_string()),
        published: Some(day(r.published)),
        sub_event_type: r.sub,
        trigger: q("strike"),
        date: r.day.map(|d| ReportDate {
            start: day(d),
            end: day(d),
            precision: Some(TimePrecision::Day),
            evidence: Some(q("on Monday")),
        }),
        place: r.place.map(town),
        site: None,
        actors: vec![ReportActor {
            name: "Northern Army".to_string(),
            kb_id: None,
            kind: MentionKind::ArmedGroup,
            role: ActorRole::Attacker,
            actor: Some(ActorTag {
                kind: ActorType::StateForces,
                country: Some("UA".into()),
            }),
            evidence: q("Northern Army"),
        }],
        counts: r.counts,
        denied_by: None,
        people: Vec::new(),
        towns: Vec::new(),
        terms: terms(r.words),
    }
}

/// Two look-alike drone strikes on one town eleven months apart, a third the same week in
/// another region, and a shelling of a nearby town on the first strike's day.
fn corpus() -> Vec<Report> {
    use SubEventType::*;
    vec![
        report(R {
            article: "a1",
            outlet: "north-news.example",
            published: "2031-04-01",
            day: Some("2031-03-31"),
            place: Some("Velykopil"),
            sub: AirDroneStrike,
            words: "drone strike fuel depot velykopil fire",
            counts: vec![count(
                "injured",
                2.0,
                "Governor Ivan Petrenko",
                Stance::Asserts,
            )],
        }),
        report(R {
            article: "a2",
            outlet: "wire.example",
            published: "2031-04-01",
            day: Some("2031-03-31"),
            place: Some("Velykopil"),
            sub: AirDroneStrike,
            words: "helicopters strike fuel depot velykopil",
            counts: vec![count("injured", 0.0, "Depot Company", Stance::Asserts)],
        }),
        report(R {
            article: "a3",
            outlet: "daily.example",
            published: "2031-04-02",
            day: None,
            place: Some("Velykopil"),
            sub: AirDroneStrike,
            words: "fuel depot fire velykopil strike investigation",
            counts: vec![count(
                "injured",
                2.0,
                "Governor Ivan Petrenko",
                Stance::Asserts,
            )],
        }),
        report(R {
            article: "b1",
            outlet: "north-news.example",
            published: "2032-02-20",
            day: Some("2032-02-19"),
            place: Some("Velykopil"),
            sub: AirDroneStrike,
            words: "drone strike velykopil depot fire again",
            counts: vec![],
        }),
        report(R {
            article: "c1",
            outlet: "south.example",
            published: "2031-04-01",
            day: Some("2031-03-31"),
            place: Some("Stepove"),
            sub: AirDroneStrike,
            words: "drone strike fuel depot fire stepove",
            counts: vec![],
        }),
        report(R {
            article: "d1",
            outlet: "wire.example",
            published: "2031-04-01",
            day: Some("2031-03-31"),
            place: Some("Ozerne"),
            sub: ShellingArtilleryMissileAttack,
            words: "shelling ozerne houses damaged",
            counts: vec![count("killed", 1.0, "Mayor Olha Shevchuk", Stance::Asserts)],
        }),
    ]
}

fn groups(r: &Resolution) -> Vec<Vec<String>> {
    let mut g: Vec<Vec<String>> = r.events.iter().map(|e| e.articles.clone()).collect();
    g.sort();
    g
}

#[test]
fn reports_of_one_event_group_and_look_alikes_stay_apart() {
    let r = resolve(corpus());
    assert_eq!(
        groups(&r),
        vec![
            vec!["a1".to_string(), "a2".to_string(), "a3".to_string()],
            vec!["b1".to_string()],
            vec!["c1".to_string()],
            vec!["d1".to_string()],
        ]
    );
    // Every report is assigned, and the article's main mention names its event.
    assert_eq!(r.assignments.len(), 6);
    let e = r.event_of("a3", "e1").unwrap();
    assert_eq!(Some(e), r.event_of("a1", "e1"));
}

#[test]
fn input_order_and_incremental_runs_do_not_change_events() {
    let all = resolve(corpus());
    let mut reversed = corpus();
    reversed.reverse();
    let rev = resolve(reversed);
    assert_eq!(all.events, rev.events);
    // "Later" articles added to an earlier set: the same events as one run.
    let mut first: Vec<Report> = corpus().into_iter().take(3).collect();
    let partial = resolve(first.clone());
    assert_eq!(partial.events.len(), 1);
    first.extend(corpus().into_iter().skip(3));
    assert_eq!(resolve(first).events, all.events);
    // The event id is kept when later reports join.
    let depot = all.events.iter().find(|e| e.articles.len() == 3).unwrap();
    assert_eq!(partial.events[0].id, depot.id);
}

#[test]
fn reconciled_event_has_date_place_type_and_attributed_counts() {
    let r = resolve(corpus());
    let e = r.events.iter().find(|e| e.articles.len() == 3).unwrap();
    assert_eq!(e.sub_event_type, SubEventType::AirDroneStrike);
    assert_eq!(e.date.start.as_deref(), Some("2031-03-31"));
    assert_eq!(e.date.precision, Some(TimePrecision::Day));
    let loc = e.location.as_ref().unwrap();
    assert_eq!(loc.name, "Velykopil");
    assert_eq!(loc.admin1.as_deref(), Some("North Oblast"));
    assert_eq!(loc.precision, GeoPrecision::Exact);
    assert_eq!(e.sources, 3);
    assert!(e.title.contains("Velykopil") && e.title.contains("2031-03-31"));
    // The actor keeps the ACLED type and country its reports give.
    let army = e.actors.iter().find(|a| a.name == "Northern Army").unwrap();
    assert_eq!(army.actor_type, Some(ActorType::StateForces));
    assert_eq!(army.country.as_deref(), Some("UA"));
    // Every claim keeps its speaker and article.
    assert_eq!(e.claims.len(), 3);
    let gov: Vec<_> = e
        .claims
        .iter()
        .filter(|c| c.speaker.as_deref() == Some("Governor Ivan Petrenko"))
        .collect();
    assert_eq!(gov.len(), 2);
    assert!(gov.iter().all(|c| c.status == ClaimStatus::Corroborated));
    let owner = e
        .claims
        .iter()
        .find(|c| c.speaker.as_deref() == Some("Depot Company"))
        .unwrap();
    assert_eq!(owner.status, ClaimStatus::SingleSource);
    assert_eq!(owner.article, "a2");
    // Headline: the lowest non-zero credible figure; the disagreement is a conflict.
    assert_eq!(e.injured, Some(2.0));
    assert_eq!(e.claims.iter().filter(|c| c.headline).count(), 1);
    let c = e.conflicts.iter().find(|c| c.slot == "injured").unwrap();
    assert_eq!(
        c.values,
        vec![serde_json::json!(0.0), serde_json::json!(2.0)]
    );
    assert_eq!(c.articles, vec!["a1", "a2", "a3"]);
    assert!(c.note.contains("Depot Company"));
    // Who gives which value: the owner's 0 is in a2 only.
    let zero = c.by_value.iter().find(|v| v.value == 0.0).unwrap();
    assert_eq!(zero.articles, vec!["a2"]);
    assert_eq!(c.by_value.len(), c.values.len());
    // Evidence for the date and the place from the articles that give them.
    assert!(e
        .evidence
        .iter()
        .any(|v| v.field == "date" && v.article == "a1"));
    assert!(e
        .evidence
        .iter()
        .any(|v| v.field == "location" && v.article == "a3"));
    assert_eq!(e.actors[0].name, "Northern Army");
    assert_eq!(e.actors[0].role, ActorRole::Attacker);
    assert_eq!(e.actors[0].articles, 3);
}

#[test]
fn qualified_figures_that_overlap_are_not_conflicts() {
    let mut rs = corpus();
    rs.truncate(3);
    rs[1].counts = vec![ReportCount {
        qualifier: Some("at_least".to_string()),
        ..count("injured", 1.0, "Regional police", Stance::Asserts)
    }];
    let e = &resolve(rs).events[0];
    assert!(e.conflicts.is_empty(), "{:?}", e.conflicts);
    assert_eq!(e.injured, Some(1.0));
}

#[test]
fn denials_are_never_headline_and_a_denied_event_is_a_conflict() {
    let mut rs = corpus();
    rs.truncate(3);
    rs[0].counts = vec![count("killed", 4.0, "Northern Army", Stance::Asserts)];
    rs[1].counts = vec![count("killed", 3.0, "Ministry of Defence", Stance::Denies)];
    rs[1].denied_by = Some("Ministry of Defence".to_string());
    let e = &resolve(rs).events[0];
    let party = e.claims.iter().find(|c| c.value == 4.0).unwrap();
    assert_eq!(
        party.status,
        ClaimStatus::Alleged,
        "the attacker's own figure"
    );
    assert_eq!(
        e.claims.iter().find(|c| c.value == 3.0).unwrap().status,
        ClaimStatus::Denied
    );
    // Only an alleged figure is left: it is the headline.
    assert_eq!(e.fatalities, Some(4.0));
    assert!(e.conflicts.iter().any(|c| c.slot == "event"));
    assert!(e.conflicts.iter().any(|c| c.slot == "killed"));
}

#[test]
fn an_undated_report_gets_an_honest_week() {
    let mut rs = corpus();
    rs.truncate(3);
    for r in &mut rs {
        r.date = None;
    }
    let r = resolve(rs);
    assert_eq!(r.events.len(), 1);
    let d = &r.events[0].date;
    assert_eq!(d.precision, Some(TimePrecision::Week));
    assert_eq!(d.start.as_deref(), Some("2031-03-26"));
    assert_eq!(d.end.as_deref(), Some("2031-04-01"));
}

#[test]
fn updating_with_a_memo_gives_what_resolving_everything_gives() {
    use sitrep_resolve::{update, Memo, Options};
    let sorted = |mut rs: Vec<Report>| {
        rs.sort_by(|a, b| a.key().cmp(&b.key()));
        rs
    };
    let all = sorted(corpus());
    let whole = resolve(all.clone());
    // Report by report, as a store ingests batch by batch, with one memo throughout.
    let mut memo = Memo::default();
    let mut have: Vec<Report> = Vec::new();
    let mut last = None;
    for r in &all {
        have.push(r.clone());
        let have_sorted = sorted(have.clone());
        let article = r.article.clone();
        last = Some(update(&have_sorted, &Options::default(), &mut memo, &|a| {
            a == article
        }));
    }
    let last = last.unwrap();
    assert_eq!(last.assignments, whole.assignments);
    // Events not reconciled again are the ones they were: every id is one of the whole run's.
    let ids: Vec<&str> = whole.events.iter().map(|e| e.id.as_str()).collect();
    for id in last.kept.iter().chain(last.events.iter().map(|e| &e.id)) {
        assert!(ids.contains(&id.as_str()), "{id}");
    }
    assert_eq!(last.kept.len() + last.events.len(), whole.events.len());
    for e in &last.events {
        let w = whole.events.iter().find(|w| w.id == e.id).unwrap();
        assert_eq!(
            serde_json::to_string(e).unwrap(),
            serde_json::to_string(w).unwrap()
        );
    }
    assert!(!last.kept.is_empty(), "the memo spared some reconciling");
    assert_eq!(memo.len(), whole.events.len());

    // A changed report is reconciled again even when its cluster is the same.
    let mut changed = all.clone();
    let target = changed
        .iter_mut()
        .find(|r| !r.counts.is_empty())
        .expect("a report with counts");
    let article = target.article.clone();
    target.counts[0].value += 1.0;
    let again = update(&changed, &Options::default(), &mut memo, &|a| a == article);
    let fresh = resolve(changed.clone());
    let event = fresh
        .event_of(&article, &target_mention(&changed, &article))
        .unwrap();
    assert!(
        again.events.iter().any(|e| e.id == event),
        "{event} not reconciled"
    );
    assert_eq!(again.assignments, fresh.assignments);
}

fn target_mention(rs: &[Report], article: &str) -> String {
    rs.iter()
        .find(|r| r.article == article && !r.counts.is_empty())
        .unwrap()
        .mention
        .clone()
}

#[test]
fn of_two_towns_the_event_takes_the_one_more_reports_name() {
    // One report gives the town of its dateline, the other the town where it happened; the
    // first names that town too.
    let strike = |article: &'static str, place: &'static str, towns: &[&str]| {
        let mut r = report(R {
            article,
            outlet: "wire.example",
            published: "2031-04-01",
            day: Some("2031-03-31"),
            place: Some(place),
            sub: SubEventType::AirDroneStrike,
            words: "drone strike fuel depot fire",
            counts: vec![],
        });
        r.towns = towns.iter().map(|t| t.to_string()).collect();
        r
    };
    let r = resolve(vec![
        strike("x1", "Velykopil", &["P1", "P2"]),
        strike("x2", "Ozerne", &["P2"]),
    ]);
    assert_eq!(groups(&r), vec![vec!["x1".to_string(), "x2".to_string()]]);
    let loc = r.events[0].location.as_ref().unwrap();
    assert_eq!(loc.name, "Ozerne");
    // Named by one report each: the first by id, as before.
    let r = resolve(vec![
        strike("x1", "Velykopil", &["P1"]),
        strike("x2", "Ozerne", &["P2"]),
    ]);
    assert_eq!(r.events[0].location.as_ref().unwrap().name, "Velykopil");
}

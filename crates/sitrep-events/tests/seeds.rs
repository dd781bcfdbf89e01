//! On the seed articles: the 2022 depot articles are mainly about an air strike, the 2023
//! raid articles about an armed clash, and the events they recall are not main. Skipped where
//! `../shared` is absent.

use sitrep_clean::DefaultCleaner;
use sitrep_core::event::{EventType, SubEventType};
use sitrep_core::{Annotator, Article, Body, Cleaner, Meta, Published, RawDocument};
use sitrep_events::EventMentions;
use sitrep_understand::Understand;
use std::path::PathBuf;

fn seeds() -> Option<Vec<(String, Article)>> {
    let dir = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/corpus/seeds"
    ));
    let meta = std::fs::read_to_string(dir.join("meta.jsonl")).ok()?;
    let understand = Understand::default();
    let events = EventMentions::default();
    let cleaner = DefaultCleaner::default();
    let mut out = Vec::new();
    for line in meta.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let file = v["file"].as_str().unwrap().to_string();
        let raw = RawDocument {
            id: file.clone(),
            source: file.clone(),
            meta: Meta {
                published: v["published"].as_str().and_then(Published::parse),
                ..Meta::default()
            },
            body: Body::Text(std::fs::read_to_string(dir.join(&file)).unwrap()),
            errors: vec![],
            fetched: None,
        };
        let mut a = cleaner.clean(raw);
        understand.annotate(&mut a).unwrap();
        events.annotate(&mut a).unwrap();
        out.push((file[..3].to_string(), a));
    }
    Some(out)
}

fn mentions(a: &Article) -> String {
    a.event_mentions
        .as_ref()
        .unwrap()
        .iter()
        .map(|m| {
            format!(
                "{} {:?} {:?} main={}\n",
                m.start, m.trigger, m.sub_event_type, m.main
            )
        })
        .collect()
}

#[test]
fn seed_main_events() {
    let Some(arts) = seeds() else { return };
    for (file, a) in &arts {
        let ms = a.event_mentions.as_ref().unwrap();
        let mains: Vec<_> = ms.iter().filter(|m| m.main).collect();
        assert_eq!(mains.len(), 1, "{file}: {}", mentions(a));
        let main = mains[0];
        assert_eq!(a.main_event.as_deref(), Some(main.id.as_str()));
        let chars: Vec<char> = a.text.chars().collect();
        for m in ms {
            let s: String = chars[m.start..m.end].iter().collect();
            assert_eq!(s, m.trigger);
        }
        let published = a.published.as_ref().unwrap().date().to_string();
        if published.starts_with("2022") {
            // The depot: helicopters, so an air strike.
            assert_eq!(
                main.sub_event_type,
                SubEventType::AirDroneStrike,
                "{file}: {}",
                mentions(a)
            );
            assert_eq!(main.event_type, EventType::ExplosionsRemoteViolence);
        } else {
            // The raid across the border: fighting on the ground.
            assert_eq!(
                main.event_type,
                EventType::Battles,
                "{file}: {}",
                mentions(a)
            );
            assert_eq!(
                main.sub_event_type,
                SubEventType::ArmedClash,
                "{file}: {}",
                mentions(a)
            );
        }
    }
}

/// Events the articles recall (the invasion's start, earlier drone strikes) are mentions, but
/// never the main one.
#[test]
fn seed_background_events_are_not_main() {
    let Some(arts) = seeds() else { return };
    for (file, a) in &arts {
        println!("{file} {:?}\n{}", a.title, mentions(a));
    }
    let (_, a) = arts.iter().find(|(f, _)| f == "001").unwrap();
    // "several drone strikes have occurred on Russian soil" is recalled, not the raid itself.
    let drone = a
        .event_mentions
        .as_ref()
        .unwrap()
        .iter()
        .find(|m| m.trigger.starts_with("drone strike"))
        .expect("the recalled drone strikes are mentioned");
    assert!(!drone.main);
}

/// The day each seed story happened: the depot strike on 1 April 2022, the raid across the
/// border on 22 May 2023.
fn event_day(a: &Article) -> &'static str {
    let published = a.published.as_ref().unwrap().date().to_string();
    if published.starts_with("2022") {
        "2022-04-01"
    } else {
        "2023-05-22"
    }
}

/// The main event is dated to the right day: by a time expression where the opening gives one,
/// never by a wrong one; where none is found, the publication date stands in.
#[test]
fn seed_main_event_dates() {
    let Some(arts) = seeds() else { return };
    for (file, a) in &arts {
        let main = a
            .event_mentions
            .as_ref()
            .unwrap()
            .iter()
            .find(|m| m.main)
            .unwrap();
        let want = event_day(a);
        match main.time {
            Some(t) => {
                let t = &a.times.as_ref().unwrap()[t];
                assert_eq!(t.value.as_deref(), Some(want), "{file}: {t:?}");
            }
            None => {
                // "Friday", "on Monday", "on May 22" in the opening must be found.
                assert!(
                    !matches!(file.as_str(), "000" | "001" | "004"),
                    "{file}: no time for the main event"
                );
                let published = a.published.as_ref().unwrap().date().to_string();
                if published.starts_with("2022") {
                    assert_eq!(published, want, "{file}");
                }
            }
        }
    }
}

/// The main event happened in the Belgorod region of Russia.
#[test]
fn seed_main_event_places() {
    let Some(arts) = seeds() else { return };
    for (file, a) in &arts {
        let main = a
            .event_mentions
            .as_ref()
            .unwrap()
            .iter()
            .find(|m| m.main)
            .unwrap();
        let p = main.place.unwrap_or_else(|| panic!("{file}: no place"));
        let m = &a.mentions.as_ref().unwrap()[p];
        let g = m.geo.as_ref().unwrap_or_else(|| panic!("{file}: {m:?}"));
        assert_eq!(g.country.as_deref(), Some("RU"), "{file}: {m:?}");
        assert!(
            g.admin1.as_deref().is_some_and(|r| r.contains("Belgorod")),
            "{file}: {m:?}"
        );
    }
}

/// The injured of the story are counted for the main event; the injured of an earlier attack
/// elsewhere are not.
#[test]
fn seed_injured_counts_belong_to_the_main_event() {
    let Some(arts) = seeds() else { return };
    let expect: &[(&str, &[&str], &[&str])] = &[
        ("002", &["Twelve people"], &["a 10-year-old boy"]),
        ("003", &["Two workers", "no one"], &[]),
        ("004", &["12 people"], &[]),
    ];
    for (file, yes, no) in expect {
        let (_, a) = arts.iter().find(|(f, _)| f == file).unwrap();
        let qs = a.quantities.as_ref().unwrap();
        let ms = a.event_mentions.as_ref().unwrap();
        let main = ms.iter().find(|m| m.main).unwrap();
        let find = |text: &str| {
            qs.iter()
                .position(|q| q.text == text && q.predicate.as_deref() == Some("injured"))
                .unwrap_or_else(|| panic!("{file}: no injured quantity {text:?}: {qs:?}"))
        };
        for text in *yes {
            assert!(
                main.counts.contains(&find(text)),
                "{file}: {text}: {main:?}"
            );
        }
        for text in *no {
            let q = find(text);
            assert!(!main.counts.contains(&q), "{file}: {text}");
            assert!(
                ms.iter().any(|m| m.background && m.counts.contains(&q)),
                "{file}: {text} belongs to the recalled attack"
            );
        }
    }
}

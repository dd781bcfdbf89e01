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

//! On the seed articles, every person, armed group and place an analyst would list is found,
//! typed, and given one canonical name despite the variants the articles use. Skipped where
//! `../shared` is absent.

use sitrep_clean::DefaultCleaner;
use sitrep_core::{
    Annotator, Article, Body, Cleaner, Mention, MentionKind, Meta, Published, RawDocument,
};
use sitrep_understand::Understand;
use std::path::PathBuf;

fn seeds() -> Option<Vec<(String, Article)>> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/seeds");
    let meta = std::fs::read_to_string(dir.join("meta.jsonl")).ok()?;
    let understand = Understand::default();
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
        out.push((file[..3].to_string(), a));
    }
    Some(out)
}

fn find<'a>(arts: &'a [(String, Article)], file: &str, surface: &str) -> Vec<&'a Mention> {
    let (_, a) = arts.iter().find(|(f, _)| f == file).unwrap();
    a.mentions
        .as_ref()
        .unwrap()
        .iter()
        .filter(|m| m.text == surface)
        .collect()
}

fn canonical(m: &Mention) -> &str {
    m.canonical.as_deref().unwrap_or(&m.text)
}

/// Every mention's span is its text.
#[test]
fn spans_are_the_text() {
    let Some(arts) = seeds() else { return };
    for (_, a) in &arts {
        let chars: Vec<char> = a.text.chars().collect();
        for m in a.mentions.as_ref().unwrap() {
            let s: String = chars[m.start..m.end].iter().collect();
            assert_eq!(s, m.text);
        }
    }
}

/// (file, surface, kind, canonical): people, with variants and coreference.
const PEOPLE: &[(&str, &str, &str)] = &[
    ("000", "Vyacheslav Gladkov", "Vyacheslav Gladkov"),
    ("002", "Vyacheslav Gladkov", "Vyacheslav Gladkov"),
    ("002", "Gladkov", "Vyacheslav Gladkov"),
    ("003", "Gladkov", "Vyacheslav Gladkov"),
    ("000", "Dmitry Peskov", "Dmitry Peskov"),
    ("002", "Dmitry Peskov", "Dmitry Peskov"),
    ("000", "Samuel Bendett", "Samuel Bendett"),
    ("001", "Matthew Miller", "Matthew Miller"),
    ("001", "Miller", "Matthew Miller"),
    ("001", "Pat Ryder", "Pat Ryder"),
    ("001", "Prigozhin", "Yevgeny Prigozhin"),
    ("001", "Shoigu", "Sergei Shoigu"),
    ("002", "Andriy Yusov", "Andriy Yusov"),
    ("002", "Hanna Malyar", "Hanna Malyar"),
    ("002", "Vladimir Putin", "Vladimir Putin"),
    ("002", "Putin", "Vladimir Putin"),
    ("004", "Andrey Yusov", "Andrey Yusov"),
    ("004", "Michael Clarke", "Michael Clarke"),
    ("004", "Ilya Bogdanov", "Ilya Bogdanov"),
];

#[test]
fn people_are_found_with_one_canonical_name() {
    let Some(arts) = seeds() else { return };
    let mut missing = Vec::new();
    for &(file, surface, canon) in PEOPLE {
        let ms = find(&arts, file, surface);
        if ms.is_empty()
            || !ms
                .iter()
                .all(|m| m.kind == MentionKind::Person && canonical(m) == canon)
        {
            missing.push(format!("{file} {surface:?} → {canon}: {ms:?}"));
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

#[test]
fn roles_and_role_coreference() {
    let Some(arts) = seeds() else { return };
    let g = find(&arts, "000", "Vyacheslav Gladkov");
    assert!(
        g[0].role.as_deref().unwrap_or("").contains("governor"),
        "{g:?}"
    );
    let y = find(&arts, "002", "Andriy Yusov");
    assert!(
        y[0].role.as_deref().unwrap_or("").contains("spokesman"),
        "{y:?}"
    );
}

/// The misspelt foreign minister links to the knowledge base with a typo's confidence.
#[test]
fn typo_links_to_the_knowledge_base() {
    let Some(arts) = seeds() else { return };
    let (_, a) = arts.iter().find(|(f, _)| f == "000").unwrap();
    let m = a
        .mentions
        .as_ref()
        .unwrap()
        .iter()
        .find(|m| m.text.starts_with("Dmytro Kul"))
        .expect("the foreign minister is found");
    assert_eq!(m.kind, MentionKind::Person);
    assert_eq!(m.canonical.as_deref(), Some("Dmytro Kuleba"), "{m:?}");
    assert!(m.kb_id.is_some());
    assert!(m.confidence > 0.0 && m.confidence < 1.0, "{m:?}");
}

#[test]
fn armed_groups_under_their_variants() {
    let Some(arts) = seeds() else { return };
    let (_, a) = arts.iter().find(|(f, _)| f == "001").unwrap();
    let groups: Vec<&Mention> = a
        .mentions
        .as_ref()
        .unwrap()
        .iter()
        .filter(|m| m.kind == MentionKind::ArmedGroup)
        .collect();
    let legion: Vec<&str> = groups
        .iter()
        .filter(|m| m.text.contains("Legion"))
        .map(|m| canonical(m))
        .collect();
    assert!(legion.len() >= 2, "{groups:?}");
    assert!(legion.iter().all(|c| *c == legion[0]), "{legion:?}");
    assert!(
        groups.iter().any(|m| m.text == "Russian Volunteer Corps"),
        "{groups:?}"
    );
    let b = find(&arts, "002", "Russian Volunteer Corps");
    assert_eq!(b[0].kind, MentionKind::ArmedGroup);
}

/// (file, surface, country, precision): places, with variants and honest precision.
const PLACES: &[(&str, &str, &str, &str)] = &[
    ("000", "Belgorod", "RU", "exact"),
    ("003", "Belgorod", "RU", "exact"),
    ("000", "Poland", "PL", "country"),
    ("002", "Belgorod region", "RU", "admin1"),
    ("002", "Kyiv", "UA", "exact"),
    ("003", "Kiev", "UA", "exact"),
    ("003", "Kharkiv", "UA", "exact"),
    ("003", "Chernihiv", "UA", "exact"),
    ("001", "Bakhmut", "UA", "exact"),
    ("001", "Kozinka", "RU", "exact"),
    ("002", "Kozinka", "RU", "exact"),
    ("001", "Gora-Podil", "RU", "admin1"),
    ("001", "Glotove", "RU", "admin1"),
];

#[test]
fn places_are_placed_with_honest_precision() {
    let Some(arts) = seeds() else { return };
    let mut wrong = Vec::new();
    for &(file, surface, country, precision) in PLACES {
        let ms = find(&arts, file, surface);
        let ok = !ms.is_empty()
            && ms.iter().all(|m| {
                m.kind == MentionKind::Place
                    && m.geo.as_ref().is_some_and(|g| {
                        let p = serde_json::to_value(g.precision).unwrap();
                        // "near Belgorod" is the town with `near` precision.
                        g.country.as_deref() == Some(country)
                            && (p == precision || precision == "exact" && p == "near")
                    })
            });
        if !ok {
            wrong.push(format!("{file} {surface:?} {country} {precision}: {ms:?}"));
        }
    }
    // Kyiv and Kiev are one place.
    let kyiv = find(&arts, "002", "Kyiv");
    let kiev = find(&arts, "003", "Kiev");
    if let (Some(a), Some(b)) = (kyiv.first(), kiev.first()) {
        if a.kb_id != b.kb_id {
            wrong.push(format!("Kyiv/Kiev differ: {a:?} {b:?}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn weapons_and_facilities() {
    let Some(arts) = seeds() else { return };
    let (_, a) = arts.iter().find(|(f, _)| f == "000").unwrap();
    let ms = a.mentions.as_ref().unwrap();
    assert!(
        ms.iter()
            .any(|m| m.kind == MentionKind::Weapon && m.text.starts_with("Mi-24")),
        "{ms:?}"
    );
    assert!(
        ms.iter()
            .any(|m| m.kind == MentionKind::Facility && m.text == "oil depot"),
        "{ms:?}"
    );
    let (_, b) = arts.iter().find(|(f, _)| f == "002").unwrap();
    let ms = b.mentions.as_ref().unwrap();
    assert!(
        ms.iter()
            .any(|m| m.kind == MentionKind::Facility && m.text == "border post"),
        "{ms:?}"
    );
    assert!(
        ms.iter()
            .any(|m| m.kind == MentionKind::Weapon && m.text == "drones"),
        "{ms:?}"
    );
}

//! The plain-text cleaner on the five scraped seed articles in `../shared/corpus/seeds`:
//! exactly the boilerplate lines go, every other line of the article stays.
//!
//! Skipped (with a note) where `../shared` is not beside the repository.

use sitrep_clean::DefaultCleaner;
use sitrep_core::{Body, Cleaner, Meta, RawDocument, RemovalReason, Span};
use std::path::PathBuf;

fn seeds() -> Option<PathBuf> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/seeds");
    p.is_dir().then_some(p)
}

/// The boilerplate of each seed file, as an analyst marks it by hand: (file prefix, line
/// start, reason).
const EXPECTED: &[(&str, &str, RemovalReason)] = {
    use RemovalReason::*;
    &[
        ("000", "Davis Winkie covers the Army", AuthorBio),
        ("000", "In Other News", Related),
        ("000", "Load More", Navigation),
        ("001", "Connect with us", Navigation),
        ("001", "Hi, what are you looking for?", Navigation),
        ("001", "Smart Bombs: Military, Defense", Navigation),
        ("001", "Ukraine War: What the Belgorod Raid", Headline),
        (
            "001",
            "Russian T-90 tank firing its main gun. Image Credit",
            Caption,
        ),
        ("001", "Jack Buckby is 19FortyFive’s", AuthorBio),
        ("001", "Written By", Byline),
        ("001", "Jack Buckby is 19FortyFive's", AuthorBio),
        ("001", "Advertisement", Advertisement),
        ("003", "More from News", Related),
        ("004", "Watch Video: The Mystery", Headline),
        ("004", "Leave a Comment", Comments),
        ("004", "Ads Blocker Image Powered by", AdblockNotice),
        ("004", "Ads Blocker Detected", AdblockNotice),
        (
            "004",
            "We have detected that you are using extensions",
            AdblockNotice,
        ),
        ("004", "Powered By", Navigation),
        ("004", "Best Wordpress Adblock", AdblockNotice),
    ]
};

#[test]
fn seeds_lose_exactly_their_boilerplate() {
    let Some(dir) = seeds() else {
        eprintln!("skipped: ../shared/corpus/seeds not found");
        return;
    };
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    assert_eq!(files.len(), 5);
    for path in files {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let original = std::fs::read_to_string(&path).unwrap();
        let raw = RawDocument {
            id: name.clone(),
            source: name.clone(),
            meta: Meta::default(),
            body: Body::Text(original.clone()),
            errors: vec![],
            fetched: None,
        };
        let a = DefaultCleaner::default().clean(raw);
        let expected: Vec<_> = EXPECTED
            .iter()
            .filter(|(f, _, _)| name.starts_with(f))
            .collect();
        assert_eq!(
            a.removed.len(),
            expected.len(),
            "{name}: removed {:#?}",
            a.removed
        );
        for (r, (_, start, reason)) in a.removed.iter().zip(&expected) {
            assert!(
                r.text.starts_with(start),
                "{name}: removed {:?}, expected {start:?}",
                r.text
            );
            assert_eq!(r.reason, *reason, "{name}: {start}");
            assert_eq!(Span::new(r.start, r.end).slice(&original), r.text);
        }
        // Every other non-blank line of the original is in the clean text, in order.
        let mut rest = a.text.as_str();
        for line in original.lines().map(str::trim).filter(|l| !l.is_empty()) {
            if a.removed.iter().any(|r| r.text == line) {
                continue;
            }
            let at = rest
                .find(line)
                .unwrap_or_else(|| panic!("{name}: lost line {line:?}"));
            rest = &rest[at + line.len()..];
        }
        if let Some(title) = expected.iter().find(|e| e.2 == RemovalReason::Headline) {
            assert!(a.title.as_deref().unwrap().starts_with(title.1));
        }
        assert_eq!(a.language.as_deref(), Some("en"));
    }
}

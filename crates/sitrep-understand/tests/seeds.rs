//! Every relative date in the seed articles resolves to the right day, against the publication
//! dates of `../shared/corpus/seeds/meta.jsonl`. Skipped where `../shared` is absent.

use chrono::NaiveDate;
use sitrep_understand::times::TimeTagger;
use std::path::PathBuf;

/// (file prefix, expression, expected value), checked by hand against a calendar.
const EXPECTED: &[(&str, &str, &str)] = &[
    ("000", "on Friday", "2022-04-01"),
    ("001", "on Monday", "2023-05-22"),
    ("001", "On Tuesday", "2023-05-23"),
    ("001", "on Wednesday", "2023-05-24"),
    ("002", "15 months ago", "2022-02"),
    ("002", "Monday", "2023-05-22"),
    ("002", "Tuesday", "2023-05-23"),
    ("002", "in March", "2023-03"),
    ("002", "earlier this month", "2023-05"),
    ("003", "on 24 February", "2022-02-24"),
    ("003", "On Wednesday", "2022-03-30"),
    ("004", "on May 22", "2023-05-22"),
    ("004", "yesterday", "2023-05-23"),
    ("004", "earlier this week", "2023-05-22"),
];

#[test]
fn seed_dates_resolve_to_the_right_day() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/seeds");
    let Ok(meta) = std::fs::read_to_string(dir.join("meta.jsonl")) else {
        eprintln!("skipped: ../shared/corpus/seeds not found");
        return;
    };
    let tagger = TimeTagger::default();
    for line in meta.lines() {
        let file = line
            .split("\"file\": \"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap();
        let published = line
            .split("\"published\": \"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap();
        let anchor = NaiveDate::parse_from_str(published, "%Y-%m-%d").unwrap();
        let text = std::fs::read_to_string(dir.join(file)).unwrap();
        let times = tagger.tag(&text, Some(anchor));
        for (_, expr, value) in EXPECTED.iter().filter(|e| file.starts_with(e.0)) {
            let found: Vec<_> = times.iter().filter(|t| t.text == *expr).collect();
            assert!(!found.is_empty(), "{file}: {expr:?} not found in {times:?}");
            for t in found {
                assert_eq!(t.value.as_deref(), Some(*value), "{file}: {expr}");
            }
        }
        for t in &times {
            let span: String = text.chars().skip(t.start).take(t.end - t.start).collect();
            assert_eq!(span, t.text);
        }
    }
}

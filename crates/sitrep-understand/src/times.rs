//! Time expressions, resolved against the publication date.
//!
//! What resolves, and how exactly:
//! - absolute dates (`2023-05-22`, `May 22, 2023`, `22 May`, `May 22`) → `day`; a date without
//!   a year takes the publication year, or the year before when that would put it more than
//!   two months after publication;
//! - `March 2022`, `in March`, `since March` → `month` (a bare month is the latest one not
//!   after publication); `in 2015` → `year`;
//! - weekdays: `on Monday` is the most recent Monday on or before the publication day (news
//!   reports the past), `last Monday` the one before it, `next Monday` the one after;
//! - `today`, `tonight`, `this morning` → the publication day; `yesterday`, `last night` → the
//!   day before; `overnight` → the night just past (news reports the past), from the day
//!   before to the publication day (`value` the day before, `until` the publication day: a
//!   night event may fall on either side of midnight); `tomorrow` → the day after;
//! - `this week`/`last week` → `week` (its Monday); `this month`, `earlier this month`,
//!   `last month` → `month`; `this year`, `last year` → `year`;
//! - `15 months ago`, `two days ago`, `a year ago` → the unit's precision;
//! - a weekday right before a date (`Friday, May 10, 2024`) is one expression with the
//!   date's value;
//! - ranges (`from 3 May to 5 May`, `May 22-23`, `between March and April`) → one expression,
//!   `value` the start and `until` the end.
//!
//! Without a publication date, relative expressions stay unresolved (`value` null) and
//! absolute ones with a year still resolve. Nothing is guessed.

use chrono::{Datelike, Duration, Months, NaiveDate, Weekday};
use regex::{Captures, Regex};
use sitrep_core::text::CharIndex;
use sitrep_core::{TimeExpr, TimePrecision};
use sitrep_lexicon::{CalendarKind, WordSets};
use std::sync::LazyLock;

/// The range words, as data.
pub const TABLE: &str = include_str!("../data/times.tsv");
/// The categories of [`TABLE`], in bit order.
pub const CATEGORIES: &[&str] = &["range-link", "range-opener"];
const RANGE_LINK: u64 = 1;
const RANGE_OPENER: u64 = 1 << 1;

static WORDS: LazyLock<WordSets> = LazyLock::new(|| {
    WordSets::parse("times.tsv", TABLE, CATEGORIES).unwrap_or_else(|e| panic!("{e}"))
});

fn is(w: &str, mask: u64) -> bool {
    WORDS.has(w, mask)
}

/// The largest number written in words that counts back in time ("twelve days ago").
const MAX_WORD_NUMBER: f64 = 12.0;

/// A regex group of the calendar words (sitrep-lexicon) of `kind`, longest first, so that
/// "september" wins over "sep".
fn calendar_group(kind: CalendarKind) -> String {
    let mut words: Vec<&str> = sitrep_lexicon::calendar()
        .iter()
        .filter(|c| c.kind == kind)
        .map(|c| c.word)
        .collect();
    words.sort_by_key(|w| std::cmp::Reverse(w.len()));
    format!("({})", words.join("|"))
}

/// The count of an "… ago": digits, "a"/"an", the number words up to [`MAX_WORD_NUMBER`]
/// (`data/numbers.tsv`) or "several".
fn number_group() -> String {
    let words: Vec<&str> = number_words().map(|(w, _)| w).collect();
    format!(r"(\d{{1,3}}|an?|{}|several)", words.join("|"))
}

/// The number words up to [`MAX_WORD_NUMBER`], with their values, in table order.
fn number_words() -> impl Iterator<Item = (&'static str, f64)> {
    crate::quantities::words::unit_words().filter(|(_, v)| *v <= MAX_WORD_NUMBER)
}

/// The kinds of expression, each with its own pattern.
#[derive(Debug, Clone, Copy)]
enum Kind {
    Iso,
    MonthDayYear,
    DayMonthYear,
    MonthYear,
    BareMonth,
    Year,
    Weekday,
    Deictic,
    Period,
    Ago,
}

/// Finds and resolves time expressions. Build once, share across threads.
#[derive(Debug)]
pub struct TimeTagger {
    patterns: Vec<(Kind, Regex)>,
}

impl Default for TimeTagger {
    fn default() -> Self {
        let (month, weekday, number) = (
            calendar_group(CalendarKind::Month),
            calendar_group(CalendarKind::Weekday),
            number_group(),
        );
        let p = |kind, re: String| {
            (
                kind,
                Regex::new(&format!("(?i){re}")).expect("valid pattern"),
            )
        };
        TimeTagger {
            patterns: vec![
                p(Kind::Iso, r"(?-u:\b)(\d{4})-(\d{2})-(\d{2})(?-u:\b)".into()),
                p(Kind::MonthDayYear, format!(r"(?-u:\b)(?:on\s+)?{month}\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?(?-u:\b)(?:,?\s+(\d{{4}})(?-u:\b))?")),
                p(Kind::DayMonthYear, format!(r"(?-u:\b)(?:on\s+)?(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{month}(?-u:\b)(?:,?\s+(\d{{4}})(?-u:\b))?")),
                p(Kind::MonthYear, format!(r"(?-u:\b)(?:(?:in|since|during|until|by|from)\s+)?{month}\.?\s+(\d{{4}})(?-u:\b)")),
                p(Kind::BareMonth, format!(r"(?-u:\b)(?:in|since|during|until|by|from|between|early|late|mid-?|last|this)\s+{month}(?-u:\b)")),
                p(Kind::Year, r"(?-u:\b)(?:in|since|during|until|by|from)\s+((?:19|20)\d{2})(?-u:\b)".into()),
                p(Kind::Weekday, format!(r"(?-u:\b)(?:(on|last|this|next|early|late)\s+)?{weekday}(?-u:\b)")),
                p(Kind::Deictic, r"(?-u:\b)(the day before yesterday|yesterday|today|tonight|tomorrow|last night|overnight|this (?:morning|afternoon|evening))(?-u:\b)".into()),
                p(Kind::Period, r"(?-u:\b)(?:(earlier|later) )?(this|last|next|past) (week|month|year)(?-u:\b)".into()),
                p(Kind::Ago, format!(r"(?-u:\b){number}\s+(day|week|month|year)s?\s+ago(?-u:\b)")),
            ],
        }
    }
}

fn month_of(s: &str) -> u32 {
    sitrep_lexicon::month(s.to_ascii_lowercase()).unwrap_or(1)
}

fn weekday_of(s: &str) -> Weekday {
    let n = sitrep_lexicon::weekday(s.to_ascii_lowercase()).unwrap_or(7);
    Weekday::try_from(n as u8 - 1).unwrap_or(Weekday::Sun)
}

fn number_of(s: &str) -> Option<u32> {
    let s = s.to_ascii_lowercase();
    if let Ok(n) = s.parse() {
        return Some(n);
    }
    if matches!(s.as_str(), "a" | "an") {
        return Some(1);
    }
    // "several": no number to count back.
    number_words().find(|(w, _)| *w == s).map(|(_, v)| v as u32)
}

type Resolved = Option<(String, TimePrecision)>;

fn day(d: NaiveDate) -> Resolved {
    Some((d.format("%Y-%m-%d").to_string(), TimePrecision::Day))
}
fn month(y: i32, m: u32) -> Resolved {
    Some((format!("{y:04}-{m:02}"), TimePrecision::Month))
}
fn year(y: i32) -> Resolved {
    Some((format!("{y:04}"), TimePrecision::Year))
}
fn week(d: NaiveDate) -> Resolved {
    let monday = d - Duration::days(d.weekday().num_days_from_monday() as i64);
    Some((monday.format("%Y-%m-%d").to_string(), TimePrecision::Week))
}

/// A month-day without a year: the publication year, unless that lands well after publication.
fn infer_year(m: u32, d: u32, anchor: NaiveDate) -> Option<NaiveDate> {
    let this = NaiveDate::from_ymd_opt(anchor.year(), m, d)?;
    if this > anchor + Duration::days(60) {
        NaiveDate::from_ymd_opt(anchor.year() - 1, m, d)
    } else {
        Some(this)
    }
}

fn resolve(kind: Kind, c: &Captures, anchor: Option<NaiveDate>) -> Resolved {
    let g = |i: usize| c.get(i).map(|m| m.as_str());
    match kind {
        Kind::Iso => {
            let (y, m, d) = (
                g(1)?.parse().ok()?,
                g(2)?.parse().ok()?,
                g(3)?.parse().ok()?,
            );
            day(NaiveDate::from_ymd_opt(y, m, d)?)
        }
        Kind::MonthDayYear | Kind::DayMonthYear => {
            let (m, d) = match kind {
                Kind::MonthDayYear => (month_of(g(1)?), g(2)?.parse().ok()?),
                _ => (month_of(g(2)?), g(1)?.parse().ok()?),
            };
            match g(3) {
                Some(y) => day(NaiveDate::from_ymd_opt(y.parse().ok()?, m, d)?),
                None => day(infer_year(m, d, anchor?)?),
            }
        }
        Kind::MonthYear => month(g(2)?.parse().ok()?, month_of(g(1)?)),
        Kind::BareMonth => {
            let a = anchor?;
            let m = month_of(g(1)?);
            let y = if m > a.month() {
                a.year() - 1
            } else {
                a.year()
            };
            month(y, m)
        }
        Kind::Year => year(g(1)?.parse().ok()?),
        Kind::Weekday => {
            let a = anchor?;
            let wd = weekday_of(g(2)?);
            let back = (7 + a.weekday().num_days_from_monday() - wd.num_days_from_monday()) % 7;
            let recent = a - Duration::days(back as i64);
            match g(1).map(str::to_ascii_lowercase).as_deref() {
                Some("next") => day(recent + Duration::days(7)),
                Some("last") if back == 0 => day(recent - Duration::days(7)),
                _ => day(recent),
            }
        }
        Kind::Deictic => {
            let a = anchor?;
            match g(1)?.to_ascii_lowercase().as_str() {
                // The night just past; `tag` makes it run to the anchor day.
                "yesterday" | "last night" | "overnight" => day(a - Duration::days(1)),
                "the day before yesterday" => day(a - Duration::days(2)),
                "tomorrow" => day(a + Duration::days(1)),
                _ => day(a),
            }
        }
        Kind::Period => {
            let a = anchor?;
            let back = matches!(g(2)?.to_ascii_lowercase().as_str(), "last" | "past");
            let next = g(2)?.eq_ignore_ascii_case("next");
            match g(3)?.to_ascii_lowercase().as_str() {
                "week" if back => week(a - Duration::days(7)),
                "week" if next => week(a + Duration::days(7)),
                "week" => week(a),
                "month" => {
                    let d = if back {
                        a.checked_sub_months(Months::new(1))?
                    } else if next {
                        a.checked_add_months(Months::new(1))?
                    } else {
                        a
                    };
                    month(d.year(), d.month())
                }
                _ => year(a.year() - i32::from(back) + i32::from(next)),
            }
        }
        Kind::Ago => {
            let a = anchor?;
            let n = number_of(g(1)?)?;
            match g(2)?.to_ascii_lowercase().as_str() {
                "day" => day(a - Duration::days(n as i64)),
                "week" => week(a - Duration::days(7 * n as i64)),
                "month" => {
                    let d = a.checked_sub_months(Months::new(n))?;
                    month(d.year(), d.month())
                }
                _ => year(a.year() - n as i32),
            }
        }
    }
}

/// Join ranges: two resolved expressions linked by "to", "until", "and" (after "between") or a
/// dash ("from 3 March to 5 March", "between March and May"), and a day range written
/// "May 22-23". The range keeps the first value, the second becomes `until`, and the
/// precision is the coarser of the two.
fn ranges(
    text: &str,
    kept: Vec<(usize, usize, Resolved, Option<String>)>,
) -> Vec<(usize, usize, Resolved, Option<String>)> {
    let mut out: Vec<(usize, usize, Resolved, Option<String>)> = Vec::with_capacity(kept.len());
    let mut it = kept.into_iter().peekable();
    while let Some(mut cur) = it.next() {
        // "May 22-23": a day, a dash and a day number right after it.
        if let Some((v, TimePrecision::Day)) = &cur.2 {
            let rest = &text[cur.1..];
            let dash = rest.chars().next().filter(|c| matches!(c, '-' | '–'));
            let digits: String = rest[dash.map_or(0, char::len_utf8)..]
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            if let Ok(day) = digits.parse::<u32>() {
                let start = NaiveDate::parse_from_str(v, "%Y-%m-%d").ok();
                let until = start
                    .and_then(|d| d.with_day(day))
                    .filter(|u| Some(*u) > start);
                if let (Some(until), Some(dash)) = (until, dash) {
                    cur.1 += dash.len_utf8() + digits.len();
                    cur.3 = Some(until.format("%Y-%m-%d").to_string());
                }
            }
        }
        if let Some(next) = it.peek() {
            let between = text[cur.1..next.0].trim();
            let before = text[..cur.0].trim_end();
            // The opener ("from", "between") may be inside the first expression ("from
            // March") or just before it ("from 3 May").
            let own = text[cur.0..cur.1]
                .split_whitespace()
                .next()
                .unwrap_or("")
                .to_ascii_lowercase();
            let inside = is(&own, RANGE_OPENER);
            let opener = if inside {
                own
            } else {
                before
                    .rsplit(|c: char| !c.is_alphabetic())
                    .next()
                    .unwrap_or("")
                    .to_ascii_lowercase()
            };
            let linked = match between {
                "and" => opener == "between",
                _ => is(between, RANGE_LINK),
            };
            if linked && cur.3.is_none() {
                if let (Some((v1, p1)), Some((v2, p2))) = (&cur.2, &next.2) {
                    if v2 > v1 {
                        let precision = coarser(*p1, *p2);
                        let start = if inside {
                            cur.0
                        } else if is(&opener, RANGE_OPENER) {
                            before.len() - opener.len()
                        } else {
                            cur.0
                        };
                        let v1 = v1.clone();
                        let v2 = v2.clone();
                        let end = next.1;
                        it.next();
                        out.push((start, end, Some((v1, precision)), Some(v2)));
                        continue;
                    }
                }
            }
        }
        out.push(cur);
    }
    out
}

fn coarser(a: TimePrecision, b: TimePrecision) -> TimePrecision {
    let rank = |p: TimePrecision| match p {
        TimePrecision::Day => 0,
        TimePrecision::Week => 1,
        TimePrecision::Month => 2,
        TimePrecision::Year => 3,
    };
    if rank(a) >= rank(b) {
        a
    } else {
        b
    }
}

impl TimeTagger {
    /// Every time expression in `text`, in order, resolved against `anchor` (the publication
    /// day) where one is given.
    pub fn tag(&self, text: &str, anchor: Option<NaiveDate>) -> Vec<TimeExpr> {
        // (start, end, kind index, resolved); longest match wins where matches overlap.
        let mut found: Vec<(usize, usize, Resolved)> = Vec::new();
        // Weekdays, and dates with a day, by position.
        let mut weekdays: Vec<(usize, usize)> = Vec::new();
        let mut dated: Vec<(usize, usize)> = Vec::new();
        for (kind, re) in &self.patterns {
            for c in re.captures_iter(text) {
                let m = c.get(0).expect("group 0");
                match kind {
                    Kind::Weekday => weekdays.push((m.start(), found.len())),
                    Kind::Iso | Kind::MonthDayYear | Kind::DayMonthYear => {
                        dated.push((m.start(), found.len()))
                    }
                    _ => {}
                }
                found.push((m.start(), m.end(), resolve(*kind, &c, anchor)));
            }
        }
        // "Friday, May 10, 2024": the weekday names the date that follows it; one
        // expression with the date's value.
        for &(_, w) in &weekdays {
            let end = found[w].1;
            let gap = text[end..].len() - text[end..].trim_start_matches([',', ' ']).len();
            if gap == 0 || gap > 2 {
                continue;
            }
            if let Some(&(_, d)) = dated.iter().find(|(s, _)| *s == end + gap) {
                let start = found[w].0;
                found[d].0 = start;
                found[w].1 = start; // empty: dropped below
            }
        }
        found.retain(|f| f.0 < f.1);
        found.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        // Longest match wins where matches overlap.
        let mut kept: Vec<(usize, usize, Resolved, Option<String>)> = Vec::new();
        let mut last_end = 0;
        for (s, e, r) in found {
            if s < last_end {
                continue;
            }
            last_end = e;
            // "overnight": the night just past, from the evening before to the anchor day.
            let until = anchor
                .filter(|_| r.is_some() && text[s..e].eq_ignore_ascii_case("overnight"))
                .map(|a| a.format("%Y-%m-%d").to_string());
            kept.push((s, e, r, until));
        }
        let kept = ranges(text, kept);
        let idx = CharIndex::new(text);
        let mut out: Vec<TimeExpr> = Vec::with_capacity(kept.len());
        for (s, e, r, until) in kept {
            let (value, precision) = match r {
                Some((v, p)) => (Some(v), Some(p)),
                None => (None, None),
            };
            out.push(TimeExpr {
                text: text[s..e].to_string(),
                start: idx.byte_to_char(s),
                end: idx.byte_to_char(e),
                value,
                precision,
                until,
            });
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tag(text: &str, anchor: &str) -> Vec<(String, Option<String>)> {
        let a = NaiveDate::parse_from_str(anchor, "%Y-%m-%d").ok();
        TimeTagger::default()
            .tag(text, a)
            .into_iter()
            .map(|t| (t.text, t.value))
            .collect()
    }

    fn one(text: &str, anchor: &str) -> Option<String> {
        let t = tag(text, anchor);
        assert_eq!(t.len(), 1, "{text}: {t:?}");
        t[0].1.clone()
    }

    /// (text, from, until) of every range in `text`.
    fn ranges_of(text: &str, anchor: &str) -> Vec<(String, Option<String>, Option<String>)> {
        let a = NaiveDate::parse_from_str(anchor, "%Y-%m-%d").ok();
        TimeTagger::default()
            .tag(text, a)
            .into_iter()
            .filter(|t| t.until.is_some())
            .map(|t| (t.text, t.value, t.until))
            .collect()
    }

    #[test]
    fn ranges_keep_both_ends() {
        let r = |s: &str| ranges_of(s, "2024-05-08");
        let want =
            |t: &str, a: &str, b: &str| vec![(t.to_string(), Some(a.into()), Some(b.into()))];
        assert_eq!(
            r("Talks ran from 3 May to 5 May."),
            want("from 3 May to 5 May", "2024-05-03", "2024-05-05")
        );
        assert_eq!(
            r("Clashes on May 2-4 killed dozens."),
            want("on May 2-4", "2024-05-02", "2024-05-04")
        );
        assert_eq!(
            r("Shelling between March and April 2024."),
            want("between March and April 2024", "2024-03", "2024-04")
        );
        // Two dates that are not a range stay apart.
        assert!(r("Strikes on 3 May and a raid on 5 May.").is_empty());
        // A dash to a smaller day is not a range.
        assert!(r("On May 22-1 vote.").is_empty());
    }

    #[test]
    fn a_weekday_before_a_date_is_that_date() {
        let a = NaiveDate::from_ymd_opt(2024, 5, 8);
        let got: Vec<(String, Option<String>)> = TimeTagger::default()
            .tag("Updated: Friday, May 10, 2024. Posted Monday, 6 May.", a)
            .into_iter()
            .map(|t| (t.text, t.value))
            .collect();
        assert_eq!(
            got,
            vec![
                (
                    "Friday, May 10, 2024".to_string(),
                    Some("2024-05-10".into())
                ),
                ("Monday, 6 May".to_string(), Some("2024-05-06".into())),
            ]
        );
    }

    #[test]
    fn weekdays_are_the_most_recent_one() {
        // 2024-05-08 is a Wednesday.
        assert_eq!(
            one("It was hit on Monday.", "2024-05-08").as_deref(),
            Some("2024-05-06")
        );
        assert_eq!(
            one("He said Wednesday.", "2024-05-08").as_deref(),
            Some("2024-05-08")
        );
        assert_eq!(
            one("It began on Thursday.", "2024-05-08").as_deref(),
            Some("2024-05-02")
        );
        assert_eq!(
            one("Talks resume next Monday.", "2024-05-08").as_deref(),
            Some("2024-05-13")
        );
        assert_eq!(
            one("Seen last Wednesday.", "2024-05-08").as_deref(),
            Some("2024-05-01")
        );
    }

    #[test]
    fn deictic_words_and_periods() {
        let a = "2024-03-01";
        assert_eq!(
            one("Shelling resumed yesterday.", a).as_deref(),
            Some("2024-02-29")
        );
        assert_eq!(
            one("Drones attacked last night.", a).as_deref(),
            Some("2024-02-29")
        );
        assert_eq!(one("a vote today", a).as_deref(), Some("2024-03-01"));
        assert_eq!(one("earlier this month", a).as_deref(), Some("2024-03"));
        assert_eq!(one("last month", a).as_deref(), Some("2024-02"));
        assert_eq!(one("earlier this week", a).as_deref(), Some("2024-02-26"));
        assert_eq!(one("last year", a).as_deref(), Some("2023"));
    }

    #[test]
    fn absolute_dates_and_months() {
        let a = "2023-05-24";
        assert_eq!(
            one("raided the region on May 22.", a).as_deref(),
            Some("2023-05-22")
        );
        assert_eq!(one("since 24 February", a).as_deref(), Some("2023-02-24"));
        assert_eq!(one("on 3 December", a).as_deref(), Some("2022-12-03"));
        assert_eq!(one("on December 3, 2021", a).as_deref(), Some("2021-12-03"));
        assert_eq!(one("in March", a).as_deref(), Some("2023-03"));
        assert_eq!(one("in August", a).as_deref(), Some("2022-08"));
        assert_eq!(one("in March 2014", a).as_deref(), Some("2014-03"));
        assert_eq!(one("granted in 2015 when", a).as_deref(), Some("2015"));
        assert_eq!(one("on 2023-05-22", a).as_deref(), Some("2023-05-22"));
    }

    #[test]
    fn ago_counts_back_with_the_unit_precision() {
        let a = "2023-05-23";
        assert_eq!(one("the war 15 months ago", a).as_deref(), Some("2022-02"));
        assert_eq!(one("two days ago", a).as_deref(), Some("2023-05-21"));
        assert_eq!(one("a year ago", a).as_deref(), Some("2022"));
        assert_eq!(one("several weeks ago", a), None);
    }

    #[test]
    fn no_publication_date_no_relative_guess() {
        assert_eq!(one("on Monday", "none"), None);
        assert_eq!(one("in March", "none"), None);
        assert_eq!(
            one("on May 22, 2023", "none").as_deref(),
            Some("2023-05-22")
        );
    }

    #[test]
    fn may_the_verb_is_not_a_month_and_spans_are_characters() {
        assert!(tag("Officials may respond.", "2024-01-10").is_empty());
        let t = TimeTagger::default().tag("Kyiv’s “strike” on Monday", None);
        assert_eq!((t[0].start, t[0].end), (16, 25));
    }
}

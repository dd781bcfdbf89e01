//! Candidate pairs by blocking, pair scores, and the deterministic clustering over them.

use crate::report::Report;
use chrono::NaiveDate;
use rustc_hash::{FxHashMap, FxHashSet};
use sitrep_core::{EventType, GeoPrecision, SubEventType};

/// Settlements further apart than this (km) are never one event's place.
pub(crate) const MAX_KM: f64 = 40.0;

/// How far apart (days) the windows of two reports may lie and still be compared, by how
/// much of their place they share.
const REACH_SETTLEMENT: i64 = 30;
const REACH_ADMIN1: i64 = 3;
const REACH_COUNTRY: i64 = 2;
const REACH_ANYWHERE: i64 = 1;

/// Reports naming one private person at the same place may lie this many days apart.
const SAME_PEOPLE_DAYS: i64 = 45;
/// Reports naming two or more private people may lie this many days apart (follow-ups:
/// arrests, charges, funerals).
const SAME_PEOPLE_DAYS_2: i64 = 120;

/// A block larger than this is not searched for the partners of reports with no time.
const UNDATED_BLOCK: usize = 500;

/// A person named in more reports than this is not used for blocking.
const MAX_PERSON_REPORTS: usize = 50;

/// How many private people the two name, counted only when it identifies the story: two or
/// more, or one at the same settlement or site (0 otherwise).
fn same_people(a: &Report, b: &Report) -> usize {
    match overlap(&a.people, &b.people) {
        0 => 0,
        1 if (settlement(a).is_some() && settlement(a) == settlement(b))
            || (a.site.is_some() && a.site == b.site) =>
        {
            1
        }
        1 => 0,
        n => n,
    }
}

/// How many earlier reports of its settlement an undated report is compared with.
const LOOK_BACK: usize = 200;

/// Pairs scoring at least this are linked.
pub(crate) const LINK: f32 = 3.0;

/// Great-circle distance in km.
pub(crate) fn km(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (la1, lo1, la2, lo2) = (
        a.0.to_radians(),
        a.1.to_radians(),
        b.0.to_radians(),
        b.1.to_radians(),
    );
    let h = ((la2 - la1) / 2.0).sin().powi(2)
        + la1.cos() * la2.cos() * ((lo2 - lo1) / 2.0).sin().powi(2);
    2.0 * 6371.0 * h.sqrt().asin()
}

fn settlement(r: &Report) -> Option<(&str, (f64, f64))> {
    let p = r.place.as_ref()?;
    if !matches!(p.precision, GeoPrecision::Exact | GeoPrecision::Near) {
        return None;
    }
    Some((p.kb_id.as_deref()?, (p.lat?, p.lon?)))
}

fn country(r: &Report) -> Option<&str> {
    r.place.as_ref()?.country.as_deref()
}

fn admin1(r: &Report) -> Option<&str> {
    r.place.as_ref()?.admin1.as_deref()
}

/// Days between two windows (0 when they overlap).
fn gap(a: (NaiveDate, NaiveDate), b: (NaiveDate, NaiveDate)) -> i64 {
    if a.1 < b.0 {
        (b.0 - a.1).num_days()
    } else if b.1 < a.0 {
        (a.0 - b.1).num_days()
    } else {
        0
    }
}

/// Whether two reports may be one event at all: not from one article, not in two countries,
/// two regions or two settlements more than [`MAX_KM`] apart, not on two days the texts
/// give (a day's slack), not a protest and an armed attack.
pub(crate) fn compatible(a: &Report, b: &Report) -> bool {
    if a.article == b.article {
        return false;
    }
    if let (Some(x), Some(y)) = (country(a), country(b)) {
        if x != y {
            return false;
        }
    }
    // Two reports naming the same private people (victims, suspects: never public figures,
    // speakers or officials) are one story even when one of them misplaces or misdates it.
    let shared = same_people(a, b);
    if shared > 0 {
        let days = if shared >= 2 {
            SAME_PEOPLE_DAYS_2
        } else {
            SAME_PEOPLE_DAYS
        };
        return match (a.window(), b.window()) {
            (Some(x), Some(y)) => gap(x, y) <= days,
            _ => true,
        };
    }
    if let (Some(x), Some(y)) = (admin1(a), admin1(b)) {
        if x != y {
            return false;
        }
    }
    if let (Some((ka, pa)), Some((kb, pb))) = (settlement(a), settlement(b)) {
        if ka != kb && km(pa, pb) > MAX_KM {
            return false;
        }
    }
    match (&a.date, &b.date) {
        (Some(x), Some(y)) => {
            let slack = if x.is_day() && y.is_day() { 1 } else { 0 };
            if gap((x.start, x.end), (y.start, y.end)) > slack {
                return false;
            }
        }
        // An event the text dates after the other report was published is another event.
        (Some(x), None) => {
            if b.published.is_some_and(|p| x.start > p) {
                return false;
            }
        }
        (None, Some(y)) => {
            if a.published.is_some_and(|p| y.start > p) {
                return false;
            }
        }
        (None, None) => {}
    }
    family(a.sub_event_type) == family(b.sub_event_type)
        || family(a.sub_event_type) == Family::Other
        || family(b.sub_event_type) == Family::Other
        || ground(a.sub_event_type) && ground(b.sub_event_type)
}

/// Ground violence whose type the actors decide (events' `decide`): an armed clash, an
/// attack on civilians, a violent demonstration, mob violence. Reports of one event differ
/// in the actors they name, so these are one kind when reports are compared.
fn ground(t: SubEventType) -> bool {
    matches!(
        t,
        SubEventType::ArmedClash
            | SubEventType::Attack
            | SubEventType::ViolentDemonstration
            | SubEventType::MobViolence
    )
}

#[derive(PartialEq, Eq)]
enum Family {
    Violence,
    Demonstration,
    Other,
}

fn family(s: SubEventType) -> Family {
    match s.event_type() {
        EventType::Battles
        | EventType::ExplosionsRemoteViolence
        | EventType::ViolenceAgainstCivilians => Family::Violence,
        EventType::Protests | EventType::Riots => Family::Demonstration,
        EventType::StrategicDevelopments => Family::Other,
    }
}

fn overlap<T: Ord>(a: &[T], b: &[T]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// How strongly two compatible reports look like one event (see the crate docs).
/// Inverse document frequency of lead words over a set of reports (each article counted
/// once), so that shared rare words ("incursion", a unit's name) weigh more than shared
/// common ones ("attack"). With no set (`Idf::uniform`), every word weighs 1.
pub(crate) struct Idf {
    weights: FxHashMap<u32, f32>,
    default: f32,
}

impl Idf {
    pub(crate) fn uniform() -> Idf {
        Idf {
            weights: FxHashMap::default(),
            default: 1.0,
        }
    }

    pub(crate) fn of(reports: &[Report]) -> Idf {
        let mut df: FxHashMap<u32, u32> = FxHashMap::default();
        let mut seen: FxHashSet<&str> = FxHashSet::default();
        for r in reports {
            if seen.insert(r.article.as_str()) {
                for &t in &r.terms {
                    *df.entry(t).or_default() += 1;
                }
            }
        }
        // Smoothed: a small set (a handful of articles) says little about which words are
        // rare, so 20 pseudo-articles that hold no word temper the weights.
        let n = seen.len() as f32 + 20.0;
        let weights = df
            .into_iter()
            .map(|(t, d)| (t, (n / (d as f32 + 1.0)).ln()))
            .collect();
        Idf {
            weights,
            default: n.ln(),
        }
    }

    fn w(&self, t: u32) -> f32 {
        self.weights.get(&t).copied().unwrap_or(self.default)
    }

    /// Cosine of the two (binary, IDF-weighted) lead-word vectors.
    fn cosine(&self, a: &[u32], b: &[u32]) -> f32 {
        let (mut i, mut j, mut dot) = (0, 0, 0.0);
        while i < a.len() && j < b.len() {
            match a[i].cmp(&b[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    dot += self.w(a[i]).powi(2);
                    i += 1;
                    j += 1;
                }
            }
        }
        let na: f32 = a.iter().map(|&t| self.w(t).powi(2)).sum();
        let nb: f32 = b.iter().map(|&t| self.w(t).powi(2)).sum();
        if na == 0.0 || nb == 0.0 {
            0.0
        } else {
            dot / (na.sqrt() * nb.sqrt())
        }
    }
}

pub(crate) fn score(a: &Report, b: &Report, idf: &Idf) -> f32 {
    let mut s = 0.0;
    // Place.
    match (&a.place, &b.place) {
        (Some(x), Some(y)) if x.kb_id.is_some() && x.kb_id == y.kb_id => {
            s += if settlement(a).is_some() { 2.0 } else { 1.0 }
        }
        (Some(_), Some(_)) if settlement(a).is_some() && settlement(b).is_some() => s += 0.25,
        // One names the region the other's settlement is in: consistent, less specific.
        (Some(x), Some(y))
            if x.admin1.is_some()
                && x.admin1 == y.admin1
                && (x.precision == GeoPrecision::Admin1 || y.precision == GeoPrecision::Admin1) =>
        {
            s += 1.0
        }
        (Some(x), Some(y)) if x.admin1.is_some() && x.admin1 == y.admin1 => s += 0.5,
        _ => {}
    }
    // Time.
    match (&a.date, &b.date) {
        (Some(x), Some(y)) if x.is_day() && y.is_day() && x.start == y.start => s += 1.5,
        (Some(_), Some(_)) => s += 0.75,
        (Some(d), None) | (None, Some(d)) if d.is_day() => {
            // One report gives the day; the other's publication week holds it: consistent.
            let other = if a.date.is_some() { b } else { a };
            if let Some(w) = other.window() {
                let g = gap((d.start, d.end), w);
                s += if g == 0 {
                    0.75
                } else {
                    -((g as f32) / 30.0).min(2.0)
                };
            }
        }
        _ => {
            if let (Some(x), Some(y)) = (a.window(), b.window()) {
                let g = gap(x, y);
                s += if g == 0 {
                    0.25
                } else if a.date.is_none() && b.date.is_none() {
                    -((g as f32) / 7.0).min(3.0)
                } else {
                    // An undated report may look back on an earlier event: a milder cost.
                    -((g as f32) / 30.0).min(2.0)
                };
            }
        }
    }
    // The same unplaced site (a street, a mall) named.
    if a.site.is_some() && a.site == b.site {
        s += 1.5;
    }
    // The same people named.
    match overlap(&a.people, &b.people) {
        0 => {}
        1 => s += 2.5,
        _ => s += 3.5,
    }
    // The same words in headline and opening.
    s += 4.0 * idf.cosine(&a.terms, &b.terms);
    // The same kind of event. Ground violence that the actors type (an armed clash, an
    // attack on civilians, a violent demonstration, mob violence) is one kind here: reports
    // differ in the actors they name, not in what happened.
    if a.sub_event_type == b.sub_event_type {
        s += 0.75;
    } else if a.sub_event_type.event_type() == b.sub_event_type.event_type()
        || ground(a.sub_event_type) && ground(b.sub_event_type)
    {
        s += 0.25;
    } else {
        s -= 0.5;
    }
    // The same numbers.
    let killed = |r: &Report| {
        r.counts
            .iter()
            .find(|c| c.slot == "killed")
            .map(|c| c.value)
    };
    if let (Some(x), Some(y)) = (killed(a), killed(b)) {
        s += if x == y && x > 0.0 { 0.5 } else { -0.25 };
    }
    // The same attackers.
    let shared = a.actors.iter().any(|x| {
        b.actors
            .iter()
            .any(|y| x.role == y.role && x.name == y.name)
    });
    if shared {
        s += 0.5;
    }
    s
}

/// Candidate pairs `(i, j)`, `i < j`, from blocking by place and time.
pub(crate) fn candidates(reports: &[Report]) -> Vec<(u32, u32)> {
    let windows: Vec<Option<(NaiveDate, NaiveDate)>> = reports.iter().map(Report::window).collect();
    // Indices with a window, sorted by window start: the only ones any block holds, so the
    // placeholder window of the others is never read.
    let mut order: Vec<u32> = (0..reports.len() as u32)
        .filter(|&i| windows[i as usize].is_some())
        .collect();
    let win: Vec<(NaiveDate, NaiveDate)> = windows
        .iter()
        .map(|w| w.unwrap_or((NaiveDate::MIN, NaiveDate::MIN)))
        .collect();
    let lo = |i: u32| win[i as usize].0;
    let hi = |i: u32| win[i as usize].1;
    order.sort_by_key(|&i| (lo(i), i));

    let mut by_settlement: FxHashMap<&str, Vec<u32>> = FxHashMap::default();
    let mut by_admin1: FxHashMap<(&str, &str), Vec<u32>> = FxHashMap::default();
    let mut by_country: FxHashMap<&str, Vec<u32>> = FxHashMap::default();
    let mut by_person: FxHashMap<&str, Vec<u32>> = FxHashMap::default();
    for &i in &order {
        let r = &reports[i as usize];
        for p in &r.people {
            by_person.entry(p.as_str()).or_default().push(i);
        }
        if let Some((k, _)) = settlement(r) {
            by_settlement.entry(k).or_default().push(i);
        }
        if let (Some(c), Some(a)) = (country(r), admin1(r)) {
            by_admin1.entry((c, a)).or_default().push(i);
        }
        if let Some(c) = country(r) {
            by_country.entry(c).or_default().push(i);
        }
    }
    let mut pairs: Vec<(u32, u32)> = Vec::new();
    // Within one block: every pair whose windows lie at most `reach` days apart.
    // `days`: leave out two day-dated reports more than a day apart (a cannot-link unless
    // they name the same people, which only the person blocks look for).
    let sweep = |list: &[u32], reach: i64, days: bool, pairs: &mut Vec<(u32, u32)>| {
        for (k, &i) in list.iter().enumerate() {
            let limit = hi(i) + chrono::Duration::days(reach);
            let di = reports[i as usize].date.as_ref().filter(|d| d.is_day());
            for &j in &list[k + 1..] {
                if lo(j) > limit {
                    break;
                }
                // Two days the texts give, more than a day apart: a cannot-link anyway.
                let dj = reports[j as usize].date.as_ref().filter(|d| d.is_day());
                if let (true, Some(x), Some(y)) = (days, di, dj) {
                    if (y.start - x.start).num_days().abs() > 1 {
                        continue;
                    }
                }
                pairs.push((i.min(j), i.max(j)));
            }
        }
    };
    for list in by_settlement.values() {
        sweep(list, REACH_SETTLEMENT, true, &mut pairs);
        // A report the text does not date may be a follow-up of an older event of its
        // settlement: it looks back a year, at most LOOK_BACK reports.
        for (k, &i) in list.iter().enumerate() {
            if reports[i as usize].date.is_some() {
                continue;
            }
            let from = lo(i) - chrono::Duration::days(365);
            for &j in list[..k].iter().rev().take(LOOK_BACK) {
                if lo(j) < from {
                    break;
                }
                pairs.push((i.min(j), i.max(j)));
            }
        }
    }
    for list in by_admin1.values() {
        sweep(list, REACH_ADMIN1, true, &mut pairs);
    }
    // The same private person named: a name in very many reports says little and is skipped.
    for list in by_person.values() {
        if list.len() <= MAX_PERSON_REPORTS {
            sweep(list, SAME_PEOPLE_DAYS_2, false, &mut pairs);
        }
    }
    // A report placed only in a country, or nowhere, meets its neighbours in time.
    let near = |list: &[u32], i: u32, reach: i64, pairs: &mut Vec<(u32, u32)>| {
        let from = lo(i) - chrono::Duration::days(reach + 31);
        let to = hi(i) + chrono::Duration::days(reach);
        let start = list.partition_point(|&j| lo(j) < from);
        for &j in &list[start..] {
            if lo(j) > to {
                break;
            }
            if j != i && gap(win[i as usize], win[j as usize]) <= reach {
                pairs.push((i.min(j), i.max(j)));
            }
        }
    };
    for &i in &order {
        let r = &reports[i as usize];
        match (country(r), admin1(r)) {
            (Some(_), Some(_)) => {}
            (Some(c), None) => near(&by_country[c], i, REACH_COUNTRY, &mut pairs),
            // A background mention with no place stays with its own settlement's blocks:
            // compatible with everything, it would otherwise meet every report of its day.
            (None, _) if r.main => near(&order, i, REACH_ANYWHERE, &mut pairs),
            (None, _) => {}
        }
    }
    // Reports with no time at all (no date in the text, no publication date) meet every
    // report of their settlement, region, site or named person; at most UNDATED_BLOCK each.
    let undated: Vec<u32> = (0..reports.len() as u32)
        .filter(|&i| windows[i as usize].is_none())
        .collect();
    if !undated.is_empty() {
        let mut blocks: FxHashMap<String, Vec<u32>> = FxHashMap::default();
        for i in 0..reports.len() as u32 {
            let r = &reports[i as usize];
            let mut keys: Vec<String> = r.people.iter().map(|p| format!("p:{p}")).collect();
            if let Some((k, _)) = settlement(r) {
                keys.push(format!("s:{k}"));
            }
            if let (Some(c), Some(a)) = (country(r), admin1(r)) {
                keys.push(format!("a:{c}:{a}"));
            }
            if let Some(site) = &r.site {
                keys.push(format!("x:{site}"));
            }
            if let Some(p) = &r.place {
                keys.push(format!("n:{}", p.name.to_lowercase()));
            }
            for k in keys {
                blocks.entry(k).or_default().push(i);
            }
        }
        for list in blocks.values() {
            if list.len() > UNDATED_BLOCK {
                continue;
            }
            for &i in list.iter().filter(|&&i| windows[i as usize].is_none()) {
                for &j in list {
                    if i != j {
                        pairs.push((i.min(j), i.max(j)));
                    }
                }
            }
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

/// Clusters of report indices: pairs linked strongest first (ties by the reports' keys), a
/// link taken only when every pair across the two clusters is [`compatible`]. `reports`
/// must be sorted by [`Report::key`].
pub(crate) fn cluster(reports: &[Report], link: f32) -> Vec<Vec<u32>> {
    let idf = Idf::of(reports);
    let mut edges: Vec<(f32, u32, u32)> = candidates(reports)
        .into_iter()
        .filter(|&(i, j)| compatible(&reports[i as usize], &reports[j as usize]))
        .filter_map(|(i, j)| {
            let s = score(&reports[i as usize], &reports[j as usize], &idf);
            (s >= link).then_some((s, i, j))
        })
        .collect();
    // `reports` is in key order, so index order is key order.
    edges.sort_by(|a, b| {
        b.0.total_cmp(&a.0)
            .then_with(|| (a.1, a.2).cmp(&(b.1, b.2)))
    });
    let n = reports.len();
    let mut of: Vec<u32> = (0..n as u32).collect();
    let mut members: Vec<Vec<u32>> = (0..n as u32).map(|i| vec![i]).collect();
    for (_, i, j) in edges {
        let (ci, cj) = (of[i as usize], of[j as usize]);
        if ci == cj {
            continue;
        }
        let ok = members[ci as usize].iter().all(|&x| {
            members[cj as usize]
                .iter()
                .all(|&y| compatible(&reports[x as usize], &reports[y as usize]))
        });
        if !ok {
            continue;
        }
        let (keep, gone) = if members[ci as usize].len() >= members[cj as usize].len() {
            (ci, cj)
        } else {
            (cj, ci)
        };
        let moved = std::mem::take(&mut members[gone as usize]);
        for &m in &moved {
            of[m as usize] = keep;
        }
        members[keep as usize].extend(moved);
    }
    let mut out: Vec<Vec<u32>> = members.into_iter().filter(|m| !m.is_empty()).collect();
    for m in &mut out {
        m.sort_unstable();
    }
    out
}

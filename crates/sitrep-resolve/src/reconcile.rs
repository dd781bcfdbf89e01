//! One event from a cluster of reports: each slot's value by a stated rule, every claim kept,
//! disagreements listed.

use crate::cluster::km;
use crate::report::{base_status, Report, ReportDate, ReportPlace};
use chrono::{Duration, NaiveDate};
use rustc_hash::{FxHashMap, FxHashSet};
use sitrep_core::{
    Actor, ActorRole, ActorTag, ClaimStatus, Conflict, ConflictValue, DateRange, Event, EventClaim,
    Evidence, GeoPrecision, Location, Stance, SubEventType, TimePrecision,
};

/// Place precisions from most to least exact.
fn rank(p: GeoPrecision) -> u8 {
    match p {
        GeoPrecision::Exact => 0,
        GeoPrecision::Near => 1,
        GeoPrecision::Admin2 => 2,
        GeoPrecision::Admin1 => 3,
        GeoPrecision::Country => 4,
        GeoPrecision::Region => 5,
    }
}

/// The anchor of a cluster: its earliest published report, then the first by key; `None`
/// for no reports.
fn anchor<'a>(reports: &[&'a Report]) -> Option<&'a Report> {
    reports.iter().copied().min_by(|a, b| {
        (a.published.unwrap_or(NaiveDate::MAX), a.key())
            .cmp(&(b.published.unwrap_or(NaiveDate::MAX), b.key()))
    })
}

/// The event's id: a hash of its anchor report, so it is the same whatever the input order
/// and stays when later reports join.
fn event_id(anchor: &Report) -> String {
    let h =
        xxhash_rust::xxh3::xxh3_64(format!("{}\u{0}{}", anchor.article, anchor.mention).as_bytes());
    format!("ev-{:012x}", h >> 16)
}

/// Build the event of one cluster; `None` only for a cluster of no reports, which clustering
/// never makes.
pub(crate) fn reconcile(reports: &[&Report]) -> Option<Event> {
    let anchor = anchor(reports)?;
    let id = event_id(anchor);
    let mut evidence: Vec<Evidence> = Vec::new();
    let mut conflicts: Vec<Conflict> = Vec::new();

    // Type: votes, the main report of an article counting double.
    let mut votes: FxHashMap<SubEventType, u32> = FxHashMap::default();
    for r in reports {
        *votes.entry(r.sub_event_type).or_default() += if r.main { 2 } else { 1 };
    }
    let sub = SubEventType::ALL
        .iter()
        .copied()
        .max_by_key(|s| {
            (
                votes.get(s).copied().unwrap_or(0),
                std::cmp::Reverse(SubEventType::ALL.iter().position(|x| x == s)),
            )
        })
        .unwrap_or(anchor.sub_event_type);
    for r in reports.iter().filter(|r| r.sub_event_type == sub) {
        evidence.push(Evidence {
            field: "type".into(),
            value: sub_name(sub),
            article: r.article.clone(),
            start: r.trigger.start,
            end: r.trigger.end,
            quote: r.trigger.text.clone(),
        });
    }

    let date = reconcile_date(reports, &mut evidence, &mut conflicts);
    let location = reconcile_place(reports, &mut evidence, &mut conflicts);
    let actors = reconcile_actors(reports, &mut evidence);
    let parties: Vec<&str> = actors.iter().map(|a| a.name.as_str()).collect();

    // Claims.
    let mut claims: Vec<EventClaim> = Vec::new();
    let mut said_by: Vec<String> = Vec::new();
    for r in reports {
        for c in &r.counts {
            claims.push(EventClaim {
                slot: c.slot.clone(),
                value: c.value,
                qualifier: c.qualifier.clone(),
                speaker: c.speaker.clone(),
                stance: c.stance,
                article: r.article.clone(),
                start: c.evidence.start,
                end: c.evidence.end,
                quote: c.evidence.text.clone(),
                status: base_status(c, &parties),
                headline: false,
            });
            said_by.push(r.source());
        }
    }
    // Corroboration: the same value for the same slot from several outlets (denials aside).
    let mut outlets: FxHashMap<(&str, u64), FxHashSet<&str>> = FxHashMap::default();
    for (c, by) in claims.iter().zip(&said_by) {
        if c.status != ClaimStatus::Denied {
            let key = (c.slot.as_str(), c.value.to_bits());
            outlets.entry(key).or_default().insert(by.as_str());
        }
    }
    let corroborated: Vec<bool> = claims
        .iter()
        .map(|c| {
            c.status == ClaimStatus::SingleSource
                && outlets
                    .get(&(c.slot.as_str(), c.value.to_bits()))
                    .is_some_and(|o| o.len() >= 2)
        })
        .collect();
    drop(outlets);
    for (c, yes) in claims.iter_mut().zip(corroborated) {
        if yes {
            c.status = ClaimStatus::Corroborated;
        }
    }
    let mut slots: Vec<String> = claims.iter().map(|c| c.slot.clone()).collect();
    slots.sort();
    slots.dedup();
    let mut headline: FxHashMap<String, f64> = FxHashMap::default();
    for slot in &slots {
        if let Some(h) = pick_headline(&mut claims, slot) {
            headline.insert(slot.clone(), h);
        }
        if let Some(c) = count_conflict(&claims, slot) {
            conflicts.push(c);
        }
    }

    // The event itself denied by someone while others report it.
    let deniers: Vec<&Report> = reports
        .iter()
        .copied()
        .filter(|r| r.denied_by.is_some())
        .collect();
    if !deniers.is_empty() && deniers.len() < reports.len() {
        let who: Vec<String> = deniers
            .iter()
            .map(|r| format!("{} ({})", r.denied_by.as_deref().unwrap_or("?"), r.article))
            .collect();
        let mut articles: Vec<String> = reports.iter().map(|r| r.article.clone()).collect();
        articles.sort();
        articles.dedup();
        let side = |denied: bool| {
            let mut a: Vec<String> = reports
                .iter()
                .filter(|r| r.denied_by.is_some() == denied)
                .map(|r| r.article.clone())
                .collect();
            a.sort();
            a.dedup();
            a
        };
        conflicts.push(Conflict {
            slot: "event".into(),
            values: vec!["reported".into(), "denied".into()],
            articles,
            note: format!(
                "denied by {}; reported by the other sources",
                who.join(", ")
            ),
            by_value: vec![
                ConflictValue {
                    value: "reported".into(),
                    articles: side(false),
                },
                ConflictValue {
                    value: "denied".into(),
                    articles: side(true),
                },
            ],
        });
    }

    let mut articles: Vec<String> = reports.iter().map(|r| r.article.clone()).collect();
    articles.sort();
    articles.dedup();
    let sources: FxHashSet<String> = reports.iter().map(|r| r.source()).collect();
    let title = title(sub, location.as_ref(), &date);
    Some(Event {
        id,
        title,
        event_type: sub.event_type(),
        sub_event_type: sub,
        date,
        location,
        actors,
        articles,
        claims,
        conflicts,
        sources: sources.len(),
        fatalities: headline.get("killed").copied(),
        injured: headline.get("injured").copied(),
        evidence,
    })
}

/// The date the most reports give, at the finest precision any gives; with none, the week up
/// to the earliest publication.
fn reconcile_date(
    reports: &[&Report],
    evidence: &mut Vec<Evidence>,
    conflicts: &mut Vec<Conflict>,
) -> DateRange {
    let dated: Vec<(&Report, &ReportDate)> = reports
        .iter()
        .filter_map(|r| Some((*r, r.date.as_ref()?)))
        .collect();
    // Narrowest windows first, then the most supported.
    let mut support: FxHashMap<(NaiveDate, NaiveDate), usize> = FxHashMap::default();
    for (_, d) in &dated {
        *support.entry((d.start, d.end)).or_default() += 1;
    }
    let Some((&(start, end), _)) = support
        .iter()
        .min_by_key(|(w, n)| ((w.1 - w.0).num_days(), std::cmp::Reverse(**n), **w))
    else {
        // No text dates it: the week up to the first publication.
        let first = reports.iter().filter_map(|r| r.published).min();
        return DateRange {
            start: first.map(|d| (d - Duration::days(6)).to_string()),
            end: first.map(|d| d.to_string()),
            precision: first.map(|_| TimePrecision::Week),
        };
    };
    let best = support[&(start, end)];
    // The most supported day wins over a narrower window given by fewer reports.
    let (start, end) = support
        .iter()
        .filter(|(w, _)| w.0 == w.1)
        .max_by_key(|(w, n)| (**n, std::cmp::Reverse(**w)))
        .map(|(w, n)| if *n >= best { *w } else { (start, end) })
        .unwrap_or((start, end));
    let precision = dated
        .iter()
        .map(|(_, d)| d)
        .find(|d| d.start == start && d.end == end)
        .and_then(|d| d.precision);
    for (r, d) in &dated {
        if let (true, Some(q)) = (d.start <= start && end <= d.end, &d.evidence) {
            evidence.push(Evidence {
                field: "date".into(),
                value: start.to_string(),
                article: r.article.clone(),
                start: q.start,
                end: q.end,
                quote: q.text.clone(),
            });
        }
    }
    let mut days: Vec<NaiveDate> = dated
        .iter()
        .filter(|(_, d)| d.is_day())
        .map(|(_, d)| d.start)
        .collect();
    days.sort();
    days.dedup();
    if days.len() > 1 {
        let mut articles: Vec<String> = dated
            .iter()
            .filter(|(_, d)| d.is_day())
            .map(|(r, _)| r.article.clone())
            .collect();
        articles.sort();
        articles.dedup();
        let by_value = days
            .iter()
            .map(|day| {
                let mut a: Vec<String> = dated
                    .iter()
                    .filter(|(_, d)| d.is_day() && d.start == *day)
                    .map(|(r, _)| r.article.clone())
                    .collect();
                a.sort();
                a.dedup();
                ConflictValue {
                    value: day.to_string().into(),
                    articles: a,
                }
            })
            .collect();
        conflicts.push(Conflict {
            slot: "date".into(),
            values: days.iter().map(|d| d.to_string().into()).collect(),
            articles,
            by_value,
            note: format!(
                "sources give different days: {}",
                days.iter()
                    .map(|d| d.to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        });
    }
    DateRange {
        start: Some(start.to_string()),
        end: Some(end.to_string()),
        precision,
    }
}

/// The most exact place any report gives; among equals the one most reports give, then the
/// town most of the reports name anywhere (a town one article gives from its dateline and
/// another names too is the other's).
fn reconcile_place(
    reports: &[&Report],
    evidence: &mut Vec<Evidence>,
    conflicts: &mut Vec<Conflict>,
) -> Option<Location> {
    let placed: Vec<(&Report, &ReportPlace)> = reports
        .iter()
        .filter_map(|r| Some((*r, r.place.as_ref()?)))
        .collect();
    let key = |p: &ReportPlace| p.kb_id.clone().unwrap_or_else(|| p.name.to_lowercase());
    let mut support: FxHashMap<String, usize> = FxHashMap::default();
    for (_, p) in &placed {
        *support.entry(key(p)).or_default() += 1;
    }
    // How many reports name each placed town anywhere (counted once per town).
    let mut named: FxHashMap<&str, usize> = FxHashMap::default();
    for (_, p) in &placed {
        if let Some(id) = p.kb_id.as_deref() {
            named.entry(id).or_insert_with(|| {
                reports
                    .iter()
                    .filter(|r| r.towns.binary_search_by(|t| t.as_str().cmp(id)).is_ok())
                    .count()
            });
        }
    }
    let known = |p: &ReportPlace| p.kb_id.as_deref().map_or(0, |id| named[id]);
    let &(_, p) = placed.iter().min_by(|(_, pa), (_, pb)| {
        (
            rank(pa.precision),
            std::cmp::Reverse(support[&key(pa)]),
            std::cmp::Reverse(known(pa)),
            key(pa),
        )
            .cmp(&(
                rank(pb.precision),
                std::cmp::Reverse(support[&key(pb)]),
                std::cmp::Reverse(known(pb)),
                key(pb),
            ))
    })?;
    let chosen = key(p);
    for (r, q) in placed.iter().filter(|(_, q)| key(q) == chosen) {
        let q = &q.evidence;
        evidence.push(Evidence {
            field: "location".into(),
            value: p.name.clone(),
            article: r.article.clone(),
            start: q.start,
            end: q.end,
            quote: q.text.clone(),
        });
    }
    // Other settlements named as the place, more than a few km away: in dispute.
    let mut others: Vec<(&str, &str)> = placed
        .iter()
        .filter_map(|&(r, o)| {
            let far = match (p.lat, p.lon, o.lat, o.lon) {
                (Some(a), Some(b), Some(c), Some(d)) => km((a, b), (c, d)) > 5.0,
                _ => false,
            };
            (rank(o.precision) <= 1 && key(o) != chosen && far)
                .then_some((o.name.as_str(), r.article.as_str()))
        })
        .collect();
    if !others.is_empty() && rank(p.precision) <= 1 {
        others.sort();
        others.dedup();
        let mut values: Vec<serde_json::Value> = vec![p.name.clone().into()];
        let mut articles: Vec<String> = placed
            .iter()
            .filter(|(_, q)| key(q) == chosen)
            .map(|(r, _)| r.article.clone())
            .collect();
        let mut by_value = vec![ConflictValue {
            value: p.name.clone().into(),
            articles: {
                let mut a = articles.clone();
                a.sort();
                a.dedup();
                a
            },
        }];
        for (name, art) in &others {
            if !values.iter().any(|v| v == name) {
                values.push((*name).into());
            }
            match by_value.iter_mut().find(|v| v.value == *name) {
                Some(v) => {
                    if !v.articles.iter().any(|a| a == art) {
                        v.articles.push(art.to_string());
                        v.articles.sort();
                    }
                }
                None => by_value.push(ConflictValue {
                    value: (*name).into(),
                    articles: vec![art.to_string()],
                }),
            }
            articles.push(art.to_string());
        }
        articles.sort();
        articles.dedup();
        conflicts.push(Conflict {
            slot: "location".into(),
            note: format!(
                "sources place it in different settlements: {}",
                values
                    .iter()
                    .filter_map(|v| v.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            values,
            articles,
            by_value,
        });
    }
    Some(Location {
        name: p.name.clone(),
        admin1: p.admin1.clone(),
        admin2: p.admin2.clone(),
        country: p.country.clone(),
        lat: p.lat,
        lon: p.lon,
        precision: p.precision,
        kb_id: p.kb_id.clone(),
    })
}

/// An actor seen: name, knowledge-base id, and the articles naming it per role.
type Seen<'a> = (
    String,
    Option<String>,
    FxHashMap<ActorRole, FxHashSet<&'a str>>,
    Option<ActorTag>,
);

/// Every actor named, in the role most articles give it.
fn reconcile_actors(reports: &[&Report], evidence: &mut Vec<Evidence>) -> Vec<Actor> {
    // name → (kb_id, role → articles)
    let mut seen: Vec<Seen> = Vec::new();
    for r in reports {
        for a in &r.actors {
            let i = match seen.iter().position(|s| s.0 == a.name) {
                Some(i) => i,
                None => {
                    seen.push((a.name.clone(), a.kb_id.clone(), FxHashMap::default(), None));
                    seen.len() - 1
                }
            };
            // The first type any report gives (an actor's type seldom differs by article).
            if seen[i].3.is_none() {
                seen[i].3 = a.actor.clone();
            }
            seen[i]
                .2
                .entry(a.role)
                .or_default()
                .insert(r.article.as_str());
            evidence.push(Evidence {
                field: "actor".into(),
                value: a.name.clone(),
                article: r.article.clone(),
                start: a.evidence.start,
                end: a.evidence.end,
                quote: a.evidence.text.clone(),
            });
        }
    }
    let role_rank = |r: ActorRole| match r {
        ActorRole::Attacker => 0,
        ActorRole::Target => 1,
        ActorRole::Associated => 2,
    };
    // Every actor is seen with a role (it is entered with the role it came with).
    let mut out: Vec<Actor> = seen
        .into_iter()
        .filter_map(|(name, kb_id, roles, tag)| {
            let (role, arts) = roles
                .into_iter()
                .max_by_key(|(role, arts)| (arts.len(), std::cmp::Reverse(role_rank(*role))))?;
            Some(Actor {
                name,
                role,
                kb_id,
                articles: arts.len(),
                actor_type: tag.as_ref().map(|t| t.kind),
                country: tag.and_then(|t| t.country),
            })
        })
        .collect();
    out.sort_by(|a, b| {
        (role_rank(a.role), std::cmp::Reverse(a.articles), &a.name).cmp(&(
            role_rank(b.role),
            std::cmp::Reverse(b.articles),
            &b.name,
        ))
    });
    out
}

/// The headline value of `slot` (marked on its first claim): the lowest non-zero figure among
/// the credible claims (corroborated or single-source; alleged ones when there are no
/// others; never denied ones), zero only when every credible claim says zero.
fn pick_headline(claims: &mut [EventClaim], slot: &str) -> Option<f64> {
    let credible = |c: &EventClaim| {
        matches!(
            c.status,
            ClaimStatus::Corroborated | ClaimStatus::SingleSource
        )
    };
    let pool: Vec<usize> = {
        let good: Vec<usize> = (0..claims.len())
            .filter(|&i| claims[i].slot == slot && credible(&claims[i]))
            .collect();
        if good.is_empty() {
            (0..claims.len())
                .filter(|&i| claims[i].slot == slot && claims[i].status == ClaimStatus::Alleged)
                .collect()
        } else {
            good
        }
    };
    let nonzero = pool
        .iter()
        .copied()
        .filter(|&i| claims[i].value > 0.0)
        .min_by(|&a, &b| claims[a].value.total_cmp(&claims[b].value));
    let pick = nonzero.or_else(|| pool.first().copied())?;
    claims[pick].headline = true;
    Some(claims[pick].value)
}

/// The interval a claim allows.
fn interval(c: &EventClaim) -> (f64, f64) {
    let v = c.value;
    match c.qualifier.as_deref() {
        Some("at_least" | "more_than" | "over") => (v, f64::INFINITY),
        Some("up_to" | "less_than" | "fewer_than" | "under") => (0.0, v),
        Some("about" | "around" | "nearly" | "almost" | "some" | "approximately") => {
            (v * 0.8, v * 1.2)
        }
        _ => (v, v),
    }
}

/// A conflict when the claims about `slot` from different speakers or articles allow no
/// common value.
fn count_conflict(claims: &[EventClaim], slot: &str) -> Option<Conflict> {
    let mine: Vec<&EventClaim> = claims.iter().filter(|c| c.slot == slot).collect();
    let lo = mine.iter().map(|c| interval(c).0).fold(f64::MIN, f64::max);
    let hi = mine.iter().map(|c| interval(c).1).fold(f64::MAX, f64::min);
    if mine.len() < 2 || lo <= hi {
        return None;
    }
    let who = |c: &EventClaim| (c.speaker.clone(), c.article.clone());
    let mut sides: Vec<(Option<String>, String)> = mine.iter().map(|c| who(c)).collect();
    sides.sort();
    sides.dedup();
    if sides.len() < 2 {
        return None;
    }
    let mut values: Vec<f64> = mine.iter().map(|c| c.value).collect();
    values.sort_by(f64::total_cmp);
    values.dedup();
    let mut articles: Vec<String> = mine.iter().map(|c| c.article.clone()).collect();
    articles.sort();
    articles.dedup();
    let said: Vec<String> = mine
        .iter()
        .map(|c| {
            let q = c
                .qualifier
                .as_deref()
                .map(|q| format!("{} ", q.replace('_', " ")));
            format!(
                "{} says {}{} ({}{})",
                c.speaker.as_deref().unwrap_or("the article"),
                q.unwrap_or_default(),
                c.value,
                c.article,
                if c.stance == Stance::Denies {
                    ", denying"
                } else {
                    ""
                }
            )
        })
        .collect::<Vec<_>>();
    let mut said_unique: Vec<String> = Vec::new();
    for s in said {
        if !said_unique.contains(&s) {
            said_unique.push(s);
        }
    }
    let by_value = values
        .iter()
        .map(|&v| {
            let mut a: Vec<String> = mine
                .iter()
                .filter(|c| c.value == v)
                .map(|c| c.article.clone())
                .collect();
            a.sort();
            a.dedup();
            ConflictValue {
                value: v.into(),
                articles: a,
            }
        })
        .collect();
    Some(Conflict {
        slot: slot.to_string(),
        values: values.into_iter().map(|v| v.into()).collect(),
        articles,
        note: format!("{}: {}", slot, said_unique.join("; ")),
        by_value,
    })
}

/// ACLED's name of a sub-event type.
fn sub_name(sub: SubEventType) -> String {
    serde_json::to_value(sub)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

fn title(sub: SubEventType, place: Option<&Location>, date: &DateRange) -> String {
    let mut t = sub_name(sub);
    if let Some(p) = place {
        t.push_str(" in ");
        t.push_str(&p.name);
        if let (Some(c), false) = (&p.country, p.precision == GeoPrecision::Country) {
            t.push_str(&format!(" ({c})"));
        }
    }
    match (date.precision, &date.start, &date.end) {
        (Some(TimePrecision::Day), Some(s), Some(e)) if s == e => t.push_str(&format!(", {s}")),
        (Some(TimePrecision::Month), Some(s), _) => {
            t.push_str(&format!(", {}", &s[..7.min(s.len())]))
        }
        (Some(TimePrecision::Week), Some(s), Some(e)) => t.push_str(&format!(", {s} to {e}")),
        (_, Some(s), Some(e)) if s != e => t.push_str(&format!(", {s} to {e}")),
        (_, Some(s), _) => t.push_str(&format!(", {s}")),
        _ => {}
    }
    t
}

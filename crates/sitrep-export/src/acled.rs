//! `events.csv`: one row per event in ACLED's export columns (see the crate docs for each
//! column's convention).

use crate::countries;
use crate::text::{self, num, one_line, qualified};
use crate::SourceArticle;
use sitrep_core::{Actor, ActorRole, ActorType, DateRange, Event, EventType, GeoPrecision, Stance};
use sitrep_core::{SubEventType, TimePrecision};
use std::collections::HashMap;
use std::io::{self, Write};

/// ACLED's export columns, in ACLED's order.
pub const CSV_COLUMNS: [&str; 31] = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
];

/// Prefix of `event_id_cnty` for an event whose country is unknown (ISO 3166-1 keeps `ZZZ`
/// for user assignment).
const UNKNOWN_COUNTRY: &str = "ZZZ";

/// Writes `events.csv`: a header with [`CSV_COLUMNS`], then one row per event in the order
/// given. `articles` gives the outlets (`source`, `notes`); `timestamp` (Unix seconds) fills
/// the `timestamp` column of every row, so the same input gives the same bytes.
pub fn write_csv<W: Write>(
    events: &[Event],
    articles: &HashMap<String, SourceArticle>,
    timestamp: i64,
    w: W,
) -> io::Result<()> {
    let mut out = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(w);
    out.write_record(CSV_COLUMNS)?;
    let mut seq: HashMap<&'static str, usize> = HashMap::new();
    for event in events {
        let row = row(event, articles, timestamp, &mut seq);
        out.write_record(&row)?;
    }
    out.flush()?;
    Ok(())
}

fn row(
    event: &Event,
    articles: &HashMap<String, SourceArticle>,
    timestamp: i64,
    seq: &mut HashMap<&'static str, usize>,
) -> Vec<String> {
    let loc = event.location.as_ref();
    let country = loc
        .and_then(|l| l.country.as_deref())
        .and_then(countries::by_alpha2);
    let prefix = country.map_or(UNKNOWN_COUNTRY, |c| c.alpha3);
    let n = seq.entry(prefix).or_insert(0);
    *n += 1;
    let event_id_cnty = format!("{prefix}{n}");

    let date = event_date(&event.date);
    let year = date
        .as_deref()
        .map(|d| d.chars().take(4).collect::<String>());

    let attackers: Vec<&Actor> = by_role(event, ActorRole::Attacker);
    let targets: Vec<&Actor> = by_role(event, ActorRole::Target);
    let associated: Vec<&Actor> = by_role(event, ActorRole::Associated);
    let here = loc.and_then(|l| l.country.as_deref());
    // No attacker named: ACLED's generic actor of the kind of event ("Protesters (Kenya)").
    let generic = attackers
        .is_empty()
        .then(|| unidentified(event.event_type, country.map(|c| c.name)))
        .flatten();
    let actor1 = match attackers.first() {
        Some(a) => Some(a.name.clone()),
        None => generic.as_ref().map(|(name, _)| name.clone()),
    };
    let assoc1 = names(attackers.iter().skip(1).chain(associated.iter()).copied());
    let actor2 = targets.first().map(|a| a.name.clone());
    let assoc2 = names(targets.iter().skip(1).copied());
    let inter1 = match attackers.first() {
        Some(a) => inter_code(a, here),
        None => generic.map(|(_, code)| code),
    };
    let inter2 = targets.first().and_then(|a| inter_code(a, here));
    let interaction = match (inter1, inter2, actor2.is_some()) {
        (Some(a), Some(b), _) => Some(a.min(b) * 10 + a.max(b)),
        (Some(a), None, false) => Some(a * 10),
        _ => None,
    };

    let (lat, lon) = match loc {
        Some(l) => (
            l.lat.filter(|v| v.is_finite()).map(text::coord),
            l.lon.filter(|v| v.is_finite()).map(text::coord),
        ),
        None => (None, None),
    };
    let outlets = text::outlets(event, articles);

    let fields: Vec<Option<String>> = vec![
        Some(event_id_cnty),
        date,
        year,
        time_precision(&event.date).map(|p| p.to_string()),
        Some(disorder_type(event.event_type, event.sub_event_type).to_string()),
        Some(text::event_type_name(event.event_type).to_string()),
        Some(text::sub_event_type_name(event.sub_event_type).to_string()),
        actor1,
        assoc1,
        inter1.map(|c| c.to_string()),
        actor2,
        assoc2,
        inter2.map(|c| c.to_string()),
        interaction.map(|c| c.to_string()),
        civilian_targeting(event, &targets, here).then(|| "Civilian targeting".to_string()),
        country.and_then(|c| c.numeric).map(|n| n.to_string()),
        country.map(|c| c.region.to_string()),
        country
            .map(|c| c.name.to_string())
            .or_else(|| loc.and_then(|l| l.country.clone())),
        loc.and_then(|l| l.admin1.clone()),
        loc.and_then(|l| l.admin2.clone()),
        None,
        loc.map(|l| l.name.clone()),
        lat,
        lon,
        loc.map(|l| geo_precision(l.precision).to_string()),
        Some(outlets.join("; ")),
        Some("Other".to_string()),
        Some(notes(event, articles)),
        Some(num(event.fatalities.unwrap_or(0.0).max(0.0).round())),
        None,
        Some(timestamp.to_string()),
    ];
    fields
        .into_iter()
        .map(|f| f.map(|s| one_line(&s)).unwrap_or_default())
        .collect()
}

fn by_role(event: &Event, role: ActorRole) -> Vec<&Actor> {
    event.actors.iter().filter(|a| a.role == role).collect()
}

fn names<'a>(actors: impl IntoIterator<Item = &'a Actor>) -> Option<String> {
    let mut out: Vec<&str> = Vec::new();
    for a in actors {
        if !out.contains(&a.name.as_str()) {
            out.push(&a.name);
        }
    }
    (!out.is_empty()).then(|| out.join("; "))
}

/// ACLED's `time_precision`: 1 a known day; 2 a week or a span of at most 7 days; 3 a month,
/// a year or a longer span. `None` when the event has no date at all.
pub fn time_precision(d: &DateRange) -> Option<u8> {
    let s = text::day(d.start.as_deref());
    let e = text::day(d.end.as_deref());
    if d.start.is_none() && d.end.is_none() {
        return None;
    }
    let span = match (s, e) {
        (Some(s), Some(e)) => (e - s).num_days().abs(),
        _ => 0,
    };
    Some(match d.precision {
        Some(TimePrecision::Month) | Some(TimePrecision::Year) => 3,
        _ if span > 6 => 3,
        Some(TimePrecision::Week) => 2,
        _ if span > 0 => 2,
        _ => 1,
    })
}

/// ACLED's `event_date` (`YYYY-MM-DD`): the day when it is known; for a week, month or span,
/// its middle day, as ACLED codes them. `None` without any date.
pub fn event_date(d: &DateRange) -> Option<String> {
    let start = d.start.as_deref().filter(|s| !s.is_empty());
    let end = d.end.as_deref().filter(|s| !s.is_empty());
    match (text::day(start), text::day(end)) {
        (Some(s), Some(e)) if e > s => Some((s + (e - s) / 2).format("%Y-%m-%d").to_string()),
        (Some(s), _) => Some(s.format("%Y-%m-%d").to_string()),
        (None, Some(e)) => Some(e.format("%Y-%m-%d").to_string()),
        (None, None) => start.or(end).map(str::to_string),
    }
}

/// ACLED's `geo_precision`: 1 the town itself; 2 near a place, or a district; 3 a region
/// (or only the country).
pub fn geo_precision(p: GeoPrecision) -> u8 {
    match p {
        GeoPrecision::Exact => 1,
        GeoPrecision::Near | GeoPrecision::Admin2 => 2,
        GeoPrecision::Admin1 | GeoPrecision::Country | GeoPrecision::Region => 3,
    }
}

/// ACLED's `disorder_type` of a sub-event type: political violence (battles, explosions,
/// violence against civilians, mob violence), demonstrations (protests, violent
/// demonstrations), both for excessive force against protesters, and strategic developments.
pub fn disorder_type(t: EventType, sub: SubEventType) -> &'static str {
    const PV: &str = "Political violence";
    const DEM: &str = "Demonstrations";
    if sub.event_type() == t {
        match sub {
            SubEventType::ExcessiveForceAgainstProtesters => {
                return "Political violence; Demonstrations"
            }
            SubEventType::MobViolence => return PV,
            _ => {}
        }
    }
    match t {
        EventType::Battles
        | EventType::ExplosionsRemoteViolence
        | EventType::ViolenceAgainstCivilians => PV,
        EventType::Protests | EventType::Riots => DEM,
        EventType::StrategicDevelopments => "Strategic developments",
    }
}

/// ACLED's inter code of an actor: its type ([`Actor::actor_type`], from the knowledge base
/// or the text), a state force of another country than the event's (`event_country`) being
/// an external force (8); failing a type, what its name or knowledge-base id says without
/// doubt (5 rioters, 6 protesters, 7 civilians). Otherwise `None`, never a guess.
pub fn inter_code(actor: &Actor, event_country: Option<&str>) -> Option<u8> {
    if let Some(t) = actor.actor_type {
        let foreign = matches!(
            (actor.country.as_deref(), event_country),
            (Some(a), Some(e)) if a != e
        );
        return Some(if t == ActorType::StateForces && foreign {
            ActorType::External.code()
        } else {
            t.code()
        });
    }
    let key = format!(
        "{} {}",
        actor.name.to_lowercase(),
        actor.kb_id.as_deref().unwrap_or("").to_lowercase()
    );
    if key.contains("civilian") {
        Some(7)
    } else if key.contains("protester") || key.contains("protestor") || key.contains("demonstrator")
    {
        Some(6)
    } else if key.contains("rioter") {
        Some(5)
    } else {
        None
    }
}

/// ACLED's generic first actor of an event that names none, with its inter code: the
/// protesters of a protest (6), the rioters of a riot (5), and an unidentified armed group
/// for any political violence (3), each with the country's name as ACLED writes it
/// ("Unidentified Armed Group (Nigeria)"). Strategic developments have none.
pub fn unidentified(t: EventType, country: Option<&str>) -> Option<(String, u8)> {
    let (name, kind) = match t {
        EventType::Protests => ("Protesters", ActorType::Protesters),
        EventType::Riots => ("Rioters", ActorType::Rioters),
        EventType::Battles
        | EventType::ExplosionsRemoteViolence
        | EventType::ViolenceAgainstCivilians => {
            ("Unidentified Armed Group", ActorType::PoliticalMilitia)
        }
        EventType::StrategicDevelopments => return None,
    };
    let name = match country {
        Some(c) => format!("{name} ({c})"),
        None => name.to_string(),
    };
    Some((name, kind.code()))
}

/// Whether the event targets civilians: every violence against civilians event (ACLED's
/// definition), and explosions or riots whose target is civilians.
fn civilian_targeting(event: &Event, targets: &[&Actor], here: Option<&str>) -> bool {
    match event.event_type {
        EventType::ViolenceAgainstCivilians => true,
        EventType::ExplosionsRemoteViolence | EventType::Riots => {
            targets.iter().any(|a| inter_code(a, here) == Some(7))
        }
        _ => false,
    }
}

/// The `notes` sentence: what, when, where, who; each figure with who reports it; the
/// disagreements.
pub(crate) fn notes(event: &Event, articles: &HashMap<String, SourceArticle>) -> String {
    let mut head = format!(
        "{}, {} {}",
        when_phrase(&event.date),
        text::sub_event_type_name(event.sub_event_type).to_lowercase(),
        where_phrase(event.location.as_ref())
    );
    let attackers = names(by_role(event, ActorRole::Attacker));
    let targets = names(by_role(event, ActorRole::Target));
    if let Some(a) = attackers {
        head.push_str(&format!(" by {}", a.replace("; ", ", ")));
    }
    if let Some(t) = targets {
        head.push_str(&format!(" against {}", t.replace("; ", ", ")));
    }
    let mut parts = vec![head];

    // Figures, slot by slot in order of first appearance; each value with its reporters.
    let mut slots: Vec<&str> = Vec::new();
    for c in &event.claims {
        if !slots.contains(&c.slot.as_str()) {
            slots.push(&c.slot);
        }
    }
    for slot in slots {
        let mut values: Vec<(String, Vec<String>)> = Vec::new();
        for c in event.claims.iter().filter(|c| c.slot == slot) {
            let value = qualified(c.value, c.qualifier.as_deref());
            let outlet = articles.get(&c.article).and_then(text::outlet);
            let mut who = match (c.speaker.as_deref(), outlet) {
                (Some(s), Some(o)) => format!("{s} via {o}"),
                (Some(s), None) => s.to_string(),
                (None, Some(o)) => o,
                (None, None) => format!("article {}", c.article),
            };
            if c.stance == Stance::Denies {
                who = format!("denied by {who}");
            }
            match values.iter_mut().find(|(v, _)| *v == value) {
                Some((_, w)) if !w.contains(&who) => w.push(who),
                Some(_) => {}
                None => values.push((value, vec![who])),
            }
        }
        let figures: Vec<String> = values
            .into_iter()
            .map(|(v, who)| format!("{v} ({})", who.join(", ")))
            .collect();
        parts.push(format!("{slot}: {}", figures.join(", ")));
    }
    for c in &event.conflicts {
        let note = one_line(c.note.trim().trim_end_matches('.'));
        parts.push(format!("sources disagree on {}: {note}", c.slot));
    }
    format!("{}.", parts.join("; "))
}

/// When, for the notes: `On 2024-03-05`, `In the week 2024-03-04 to 2024-03-10`, `In 2024-03`.
fn when_phrase(d: &DateRange) -> String {
    let Some((s, e)) = text::date_bounds(d) else {
        return "On an unknown date".to_string();
    };
    match text::coarse_span(s, e, d.precision) {
        Some(span) if d.precision == Some(TimePrecision::Week) => format!("In the week {span}"),
        Some(span) => format!("In {span}"),
        None if s == e => format!("On {s}"),
        None => format!("Between {s} and {e}"),
    }
}

/// Where, for the notes: `in Testovka (Testova Oblast, Ukraine)`, `near Exampleville
/// (Syria)`, `somewhere in Testova Oblast (Ukraine)`.
fn where_phrase(loc: Option<&sitrep_core::Location>) -> String {
    let Some(loc) = loc else {
        return "at an unknown place".to_string();
    };
    let mut area = Vec::new();
    if let Some(a) = loc
        .admin1
        .as_deref()
        .filter(|a| !a.is_empty() && *a != loc.name)
    {
        area.push(a.to_string());
    }
    if let Some(c) = text::country_name(loc).filter(|c| *c != loc.name) {
        area.push(c);
    }
    let prep = match loc.precision {
        GeoPrecision::Exact => "in",
        GeoPrecision::Near => "near",
        GeoPrecision::Admin2
        | GeoPrecision::Admin1
        | GeoPrecision::Country
        | GeoPrecision::Region => "somewhere in",
    };
    if area.is_empty() {
        format!("{prep} {}", loc.name)
    } else {
        format!("{prep} {} ({})", loc.name, area.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn range(s: &str, e: &str, p: Option<TimePrecision>) -> DateRange {
        DateRange {
            start: Some(s.into()),
            end: Some(e.into()),
            precision: p,
        }
    }

    #[test]
    fn time_precision_and_event_date() {
        let day = range("2024-03-05", "2024-03-05", Some(TimePrecision::Day));
        assert_eq!(
            (time_precision(&day), event_date(&day).as_deref()),
            (Some(1), Some("2024-03-05"))
        );
        let week = range("2024-03-04", "2024-03-10", Some(TimePrecision::Week));
        assert_eq!(
            (time_precision(&week), event_date(&week).as_deref()),
            (Some(2), Some("2024-03-07"))
        );
        let month = range("2024-03-01", "2024-03-31", Some(TimePrecision::Month));
        assert_eq!(
            (time_precision(&month), event_date(&month).as_deref()),
            (Some(3), Some("2024-03-16"))
        );
        let span = range("2024-03-01", "2024-03-20", Some(TimePrecision::Day));
        assert_eq!(time_precision(&span), Some(3));
        let none = DateRange {
            start: None,
            end: None,
            precision: None,
        };
        assert_eq!((time_precision(&none), event_date(&none)), (None, None));
    }

    #[test]
    fn disorder_types() {
        use SubEventType::*;
        let d = |s: SubEventType| disorder_type(s.event_type(), s);
        assert_eq!(d(AirDroneStrike), "Political violence");
        assert_eq!(d(PeacefulProtest), "Demonstrations");
        assert_eq!(d(ViolentDemonstration), "Demonstrations");
        assert_eq!(
            d(ExcessiveForceAgainstProtesters),
            "Political violence; Demonstrations"
        );
        assert_eq!(d(MobViolence), "Political violence");
        assert_eq!(d(Arrests), "Strategic developments");
    }
}

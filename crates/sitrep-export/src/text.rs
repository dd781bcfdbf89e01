//! Wording shared by the CSV notes and the report: numbers, dates, places, outlets.

use crate::countries;
use crate::SourceArticle;
use chrono::NaiveDate;
use sitrep_core::{
    ActorRole, ClaimStatus, DateRange, Event, EventType, GeoPrecision, Location, Stance,
    SubEventType, TimePrecision,
};
use std::collections::HashMap;

/// A count as people write it: `5`, not `5.0`; fractions kept as they are.
pub(crate) fn num(v: f64) -> String {
    if v.is_finite() && v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

/// A coordinate rounded to 4 decimals (about 10 m), without trailing zeros.
pub(crate) fn coord(v: f64) -> String {
    let r = (v * 1e4).round() / 1e4;
    format!("{r}")
}

/// A claim's qualifier in words (`at_least` → `at least`).
pub(crate) fn qualifier(q: Option<&str>) -> Option<String> {
    q.filter(|q| !q.is_empty()).map(|q| q.replace('_', " "))
}

/// A value with its qualifier: `at least 5`.
pub(crate) fn qualified(value: f64, q: Option<&str>) -> String {
    match qualifier(q) {
        Some(q) => format!("{q} {}", num(value)),
        None => num(value),
    }
}

/// ACLED's name of an event type.
pub(crate) fn event_type_name(t: EventType) -> &'static str {
    match t {
        EventType::Battles => "Battles",
        EventType::ExplosionsRemoteViolence => "Explosions/Remote violence",
        EventType::ViolenceAgainstCivilians => "Violence against civilians",
        EventType::Protests => "Protests",
        EventType::Riots => "Riots",
        EventType::StrategicDevelopments => "Strategic developments",
    }
}

/// ACLED's name of a sub-event type.
pub(crate) fn sub_event_type_name(t: SubEventType) -> &'static str {
    use SubEventType::*;
    match t {
        ArmedClash => "Armed clash",
        GovernmentRegainsTerritory => "Government regains territory",
        NonStateActorOvertakesTerritory => "Non-state actor overtakes territory",
        ChemicalWeapon => "Chemical weapon",
        AirDroneStrike => "Air/drone strike",
        SuicideBomb => "Suicide bomb",
        ShellingArtilleryMissileAttack => "Shelling/artillery/missile attack",
        RemoteExplosiveLandmineIed => "Remote explosive/landmine/IED",
        Grenade => "Grenade",
        SexualViolence => "Sexual violence",
        Attack => "Attack",
        AbductionForcedDisappearance => "Abduction/forced disappearance",
        PeacefulProtest => "Peaceful protest",
        ProtestWithIntervention => "Protest with intervention",
        ExcessiveForceAgainstProtesters => "Excessive force against protesters",
        ViolentDemonstration => "Violent demonstration",
        MobViolence => "Mob violence",
        Agreement => "Agreement",
        Arrests => "Arrests",
        ChangeToGroupActivity => "Change to group/activity",
        DisruptedWeaponsUse => "Disrupted weapons use",
        HeadquartersOrBaseEstablished => "Headquarters or base established",
        LootingPropertyDestruction => "Looting/property destruction",
        NonViolentTransferOfTerritory => "Non-violent transfer of territory",
        Other => "Other",
    }
}

/// A time precision in words.
pub(crate) fn time_precision_name(p: TimePrecision) -> &'static str {
    match p {
        TimePrecision::Day => "day",
        TimePrecision::Week => "week",
        TimePrecision::Month => "month",
        TimePrecision::Year => "year",
    }
}

/// A place precision in words.
pub(crate) fn geo_precision_name(p: GeoPrecision) -> &'static str {
    match p {
        GeoPrecision::Exact => "exact",
        GeoPrecision::Near => "near",
        GeoPrecision::Admin2 => "district only",
        GeoPrecision::Admin1 => "region only",
        GeoPrecision::Country => "country only",
        GeoPrecision::Region => "continent only",
    }
}

/// The serde name of a stance (`asserts`, `neither_confirms_nor_denies`).
pub(crate) fn stance_name(s: Stance) -> &'static str {
    match s {
        Stance::Asserts => "asserts",
        Stance::Alleges => "alleges",
        Stance::Denies => "denies",
        Stance::Confirms => "confirms",
        Stance::NeitherConfirmsNorDenies => "neither confirms nor denies",
    }
}

/// A claim status in words.
pub(crate) fn status_name(s: ClaimStatus) -> &'static str {
    match s {
        ClaimStatus::Corroborated => "corroborated",
        ClaimStatus::SingleSource => "single source",
        ClaimStatus::Alleged => "alleged",
        ClaimStatus::Denied => "denied",
    }
}

/// An actor role in words.
pub(crate) fn role_name(r: ActorRole) -> &'static str {
    match r {
        ActorRole::Attacker => "attacker",
        ActorRole::Target => "target",
        ActorRole::Associated => "associated",
    }
}

/// A `YYYY-MM-DD` day.
pub(crate) fn day(s: Option<&str>) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s?.trim(), "%Y-%m-%d").ok()
}

/// The first and last day of a date range, either standing for both when one is missing.
pub(crate) fn date_bounds(d: &DateRange) -> Option<(&str, &str)> {
    let start = d.start.as_deref().filter(|s| !s.is_empty());
    let end = d.end.as_deref().filter(|s| !s.is_empty());
    match (start, end) {
        (None, None) => None,
        (Some(s), None) | (None, Some(s)) => Some((s, s)),
        (Some(s), Some(e)) => Some((s, e)),
    }
}

/// A year, month or week range cut to its precision (`2024`, `2024-03`, `2024-03-04 to
/// 2024-03-10`); `None` for day precision or none, which each caller words itself.
pub(crate) fn coarse_span(s: &str, e: &str, precision: Option<TimePrecision>) -> Option<String> {
    let cut = |x: &str, n: usize| -> String { x.chars().take(n).collect() };
    let span = |a: String, b: String| if a == b { a } else { format!("{a} to {b}") };
    match precision {
        Some(TimePrecision::Year) => Some(span(cut(s, 4), cut(e, 4))),
        Some(TimePrecision::Month) => Some(span(cut(s, 7), cut(e, 7))),
        Some(TimePrecision::Week) => Some(span(s.into(), e.into())),
        _ => None,
    }
}

/// When, as exactly as the sources say and no more: `2024-03-05 (day)`, `2024-03 (month)`,
/// `2024-03-04 to 2024-03-10 (week)`.
pub(crate) fn date_text(d: &DateRange) -> String {
    let Some((s, e)) = date_bounds(d) else {
        return "unknown date".to_string();
    };
    if let Some(span) = coarse_span(s, e, d.precision) {
        let unit = match d.precision {
            Some(TimePrecision::Year) => "year",
            Some(TimePrecision::Month) => "month",
            _ => "week",
        };
        return format!("{span} ({unit})");
    }
    match d.precision {
        Some(_) if s == e => format!("{s} (day)"),
        Some(_) => format!("one day between {s} and {e} (day)"),
        None if s == e => format!("{s} (precision not given)"),
        None => format!("between {s} and {e} (precision not given)"),
    }
}

/// The English name of a location's country, or its code when the table lacks it.
pub(crate) fn country_name(loc: &Location) -> Option<String> {
    let code = loc.country.as_deref().filter(|c| !c.trim().is_empty())?;
    Some(
        countries::by_alpha2(code)
            .map(|c| c.name.to_string())
            .unwrap_or_else(|| code.to_string()),
    )
}

/// Where, with its precision: `Novoselivka (near; Sumy Oblast, Ukraine)`.
pub(crate) fn place_text(loc: Option<&Location>) -> String {
    let Some(loc) = loc else {
        return "unknown place".to_string();
    };
    let mut ctx = vec![geo_precision_name(loc.precision).to_string()];
    let mut area = Vec::new();
    if let Some(a) = loc
        .admin1
        .as_deref()
        .filter(|a| !a.is_empty() && *a != loc.name)
    {
        area.push(a.to_string());
    }
    if let Some(c) = country_name(loc).filter(|c| *c != loc.name) {
        area.push(c);
    }
    if !area.is_empty() {
        ctx.push(area.join(", "));
    }
    format!("{} ({})", loc.name, ctx.join("; "))
}

/// The host of a URL, without `www.`: `https://www.example.org/a` → `example.org`.
pub(crate) fn host(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let host = host.split(':').next()?.trim_start_matches("www.");
    (!host.is_empty()).then(|| host.to_ascii_lowercase())
}

/// The outlet of an article: its `outlet`, else its URL's host.
pub(crate) fn outlet(a: &SourceArticle) -> Option<String> {
    a.outlet
        .as_deref()
        .map(str::trim)
        .filter(|o| !o.is_empty())
        .map(str::to_string)
        .or_else(|| a.url.as_deref().and_then(host))
}

/// The distinct outlets of an event's articles, in the order of `event.articles`.
pub(crate) fn outlets(event: &Event, articles: &HashMap<String, SourceArticle>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for id in &event.articles {
        if let Some(o) = articles.get(id).and_then(outlet) {
            if !out.contains(&o) {
                out.push(o);
            }
        }
    }
    out
}

/// A JSON value as text: strings without quotes, numbers as counts.
pub(crate) fn json_value(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Number(n) => n.as_f64().map_or_else(|| n.to_string(), num),
        other => other.to_string(),
    }
}

/// One line: newlines and runs of whitespace become single spaces.
pub(crate) fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_hosts() {
        assert_eq!(num(5.0), "5");
        assert_eq!(num(2.5), "2.5");
        assert_eq!(coord(50.450_01), "50.45");
        assert_eq!(coord(30.523_456), "30.5235");
        assert_eq!(
            host("https://www.example.org/a/b?x").as_deref(),
            Some("example.org")
        );
        assert_eq!(host("example.net").as_deref(), Some("example.net"));
        assert_eq!(qualified(5.0, Some("at_least")), "at least 5");
    }

    #[test]
    fn dates_keep_their_precision() {
        let d = |s: &str, e: &str, p| DateRange {
            start: Some(s.into()),
            end: Some(e.into()),
            precision: p,
        };
        assert_eq!(
            date_text(&d("2024-03-05", "2024-03-05", Some(TimePrecision::Day))),
            "2024-03-05 (day)"
        );
        assert_eq!(
            date_text(&d("2024-03-01", "2024-03-31", Some(TimePrecision::Month))),
            "2024-03 (month)"
        );
        assert_eq!(
            date_text(&d("2024-01-01", "2024-12-31", Some(TimePrecision::Year))),
            "2024 (year)"
        );
        assert_eq!(
            date_text(&d("2024-03-04", "2024-03-10", Some(TimePrecision::Week))),
            "2024-03-04 to 2024-03-10 (week)"
        );
        let none = DateRange {
            start: None,
            end: None,
            precision: None,
        };
        assert_eq!(date_text(&none), "unknown date");
    }
}

//! Parsing the CAMEO/Phoenix (petrarch2) dictionaries into actors.

use super::places::IsoCountries;
use super::{read_text, BuildReport};
use crate::model::{Actor, ActorKind, Role};
use crate::names::fold;
use crate::KbError;
use chrono::NaiveDate;
use std::collections::BTreeSet;
use std::path::Path;

/// The files read, in order.
pub(crate) const FILES: &[&str] = &[
    "Phoenix.Countries.actors.txt",
    "Phoenix.International.actors.txt",
    "Phoenix.MilNonState.actors.txt",
    "Phoenix.agents.txt",
];

/// CAMEO sector codes (three letters after the country prefix).
const SECTORS: &[&str] = &[
    "GOV", "ELI", "MIL", "COP", "SPY", "REB", "INS", "OPP", "PTY", "LEG", "JUD", "BUS", "MED",
    "EDU", "HLH", "HRI", "NGO", "IGO", "REL", "CVL", "LAB", "AGR", "ENV", "DEV", "REF", "UAF",
    "SEP", "RAD", "IMG", "CRM", "MNC", "CHR", "MOS", "JEW", "BUD", "HIN", "NGM", "SPO", "UNO",
    "ITH", "SHI", "SUN", "CTH", "ORT", "PRO", "MOD", "CON", "ATH", "JRN", "RES", "TOP", "MID",
    "LOW", "BAN", "INT",
];

/// CAMEO country-like prefixes that are not ISO alpha-3 codes.
const CAMEO_COUNTRY: &[(&str, &str)] = &[
    ("KSV", "XK"),
    ("ROM", "RO"),
    ("ZAR", "CD"),
    ("TMP", "TL"),
    ("WSB", "PS"),
    ("GZS", "PS"),
    ("SRB", "RS"),
    ("YUG", "RS"),
    ("SCG", "RS"),
    ("BUR", "MM"),
    ("DDR", "DE"),
    ("GDR", "DE"),
    ("SUN", "RU"),
    ("USR", "RU"),
    ("TWN", "TW"),
    ("HKG", "HK"),
    ("PSE", "PS"),
];

const TITLE_WORDS: &[&str] = &[
    "president",
    "minister",
    "prime",
    "general",
    "gen",
    "king",
    "queen",
    "prince",
    "princess",
    "sheikh",
    "sheik",
    "emir",
    "sultan",
    "dr",
    "mr",
    "mrs",
    "ms",
    "sir",
    "lord",
    "lady",
    "colonel",
    "col",
    "lt",
    "major",
    "maj",
    "captain",
    "capt",
    "admiral",
    "adm",
    "marshal",
    "ayatollah",
    "mullah",
    "imam",
    "pope",
    "cardinal",
    "bishop",
    "archbishop",
    "rev",
    "father",
    "senator",
    "sen",
    "rep",
    "governor",
    "gov",
    "mayor",
    "judge",
    "justice",
    "chief",
    "secretary",
    "deputy",
    "vice",
    "former",
    "crown",
    "grand",
    "saint",
    "st",
    "the",
    "foreign",
    "defense",
    "defence",
];

const LOWER_PARTICLES: &[&str] = &[
    "of", "the", "and", "for", "in", "on", "at", "to", "de", "del", "della", "da", "das", "do",
    "dos", "du", "des", "la", "le", "van", "von", "der", "den", "bin", "ibn", "y", "e", "el", "al",
    "et", "und", "a", "an", "against", "with", "by", "from",
];

pub(crate) fn is_title_word(folded: &str) -> bool {
    TITLE_WORDS.contains(&folded)
}

/// "PUTIN" → "Putin", "MCCAIN" → "McCain", "O'BRIEN" → "O'Brien".
pub(crate) fn title_word(w: &str) -> String {
    let lower = w.to_lowercase();
    let mut out = String::with_capacity(w.len());
    let mut cap_next = true;
    let chars: Vec<char> = lower.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if cap_next && c.is_alphabetic() {
            out.extend(c.to_uppercase());
            cap_next = false;
        } else {
            out.push(c);
        }
        if c == '\'' && i == 1 {
            cap_next = true;
        }
        if c == '-' {
            cap_next = true;
        }
    }
    if out.starts_with("Mc") && out.len() > 3 {
        let rest: String = out[2..].to_string();
        let mut r = rest.chars();
        if let Some(f) = r.next() {
            out = format!("Mc{}{}", f.to_uppercase(), r.as_str());
        }
    }
    out
}

fn is_roman(w: &str) -> bool {
    matches!(
        w,
        "II" | "III" | "IV" | "VI" | "VII" | "VIII" | "IX" | "XI" | "XII"
    )
}

/// Title-case a CAMEO name ("VLADIMIR_PUTIN_" → "Vladimir Putin"), keeping acronyms upper
/// ("NATO", "UN", "FSB") and particles lower ("Ministry of Defence", "Bashar al-Assad").
pub(crate) fn title_case(raw: &str, acronyms: &BTreeSet<String>) -> String {
    let words: Vec<&str> = raw.split([' ', '_']).filter(|w| !w.is_empty()).collect();
    let single = words.len() == 1;
    let mut out = Vec::with_capacity(words.len());
    for (i, w) in words.iter().enumerate() {
        let upper = w.to_uppercase();
        let letters: String = upper.chars().filter(|c| c.is_ascii_alphabetic()).collect();
        let no_vowel = !letters.is_empty() && !letters.chars().any(|c| "AEIOUY".contains(c));
        let t = if w.contains('.') && letters.len() <= 4
            || is_roman(&upper)
            || acronyms.contains(&upper)
            || (no_vowel && letters.len() >= 2)
            || (single && letters.len() <= 4 && letters.len() == upper.len() && letters.len() >= 2)
        {
            upper.clone()
        } else if i > 0 && LOWER_PARTICLES.contains(&w.to_lowercase().as_str()) {
            w.to_lowercase()
        } else if let Some(rest) = upper.strip_prefix("AL-").filter(|r| !r.is_empty()) {
            let pre = if i == 0 { "Al-" } else { "al-" };
            format!("{pre}{}", title_word(rest))
        } else {
            title_word(w)
        };
        out.push(t);
    }
    out.join(" ")
}

/// `000507` (YYMMDD; years ≤ 30 are 20xx) or `20070101` → a date.
fn parse_cameo_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (y, rest) = match s.len() {
        6 => {
            let yy: i32 = s[..2].parse().ok()?;
            (if yy <= 30 { 2000 + yy } else { 1900 + yy }, &s[2..])
        }
        8 => (s[..4].parse().ok()?, &s[4..]),
        _ => return None,
    };
    let m: u32 = rest[..2].parse().ok()?;
    let d: u32 = rest[2..4].parse().ok()?;
    NaiveDate::from_ymd_opt(y, m.max(1), d.max(1))
}

/// `RUSGOV 000507-080507`, `HTIGOV >060514`, `IGOUNO`, `~AGR` → a role.
fn parse_code(s: &str) -> Option<Role> {
    let mut parts = s.split_whitespace();
    let code = parts.next()?.trim_start_matches('~').to_string();
    if code.is_empty() || code.starts_with('-') || !code.bytes().all(|b| b.is_ascii_alphanumeric())
    {
        return None;
    }
    let (mut from, mut to) = (None, None);
    if let Some(d) = parts.next() {
        if let Some(x) = d.strip_prefix('>') {
            from = parse_cameo_date(x);
        } else if let Some(x) = d.strip_prefix('<') {
            to = parse_cameo_date(x);
        } else if let Some((a, b)) = d.split_once('-') {
            from = parse_cameo_date(a);
            to = parse_cameo_date(b);
        }
    }
    Some(Role {
        code,
        title: None,
        from,
        to,
    })
}

struct RawEntry {
    name: String,
    aliases: Vec<String>,
    roles: Vec<Role>,
    comment: String,
    had_code: bool,
}

fn clean_name(s: &str) -> (String, Option<String>) {
    // Strip a parenthesised acronym "(AAIA)" into a separate alias.
    let s = s.trim().trim_end_matches('_').trim();
    let mut acronym = None;
    let mut name = s.to_string();
    if let (Some(a), Some(b)) = (s.find('('), s.rfind(')')) {
        if a < b {
            let inner = s[a + 1..b].trim_matches('_');
            if !inner.is_empty()
                && inner
                    .bytes()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == b'-')
            {
                acronym = Some(inner.to_string());
            }
            name = format!("{}{}", &s[..a], &s[b + 1..]);
        }
    }
    let name = name.replace('_', " ");
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    (name, acronym)
}

fn parse_file(text: &str, agents: bool) -> Vec<RawEntry> {
    let mut entries: Vec<RawEntry> = Vec::new();
    let mut subs: Vec<(String, Vec<String>)> = Vec::new();
    for line in text.lines() {
        let (body, comment) = match line.find('#') {
            Some(i) => (&line[..i], &line[i + 1..]),
            None => (line, ""),
        };
        if body.trim().is_empty() {
            continue;
        }
        if agents && body.starts_with('!') && body.contains('=') {
            if let Some((k, v)) = body.split_once('=') {
                subs.push((
                    k.trim().to_string(),
                    v.split(',').map(|x| x.trim().to_string()).collect(),
                ));
            }
            continue;
        }
        let codes: Vec<Role> = body
            .split('[')
            .skip(1)
            .filter_map(|c| c.split(']').next())
            .filter_map(parse_code)
            .collect();
        let has_bracket = body.contains('[');
        let name_part = body.split('[').next().unwrap_or("");
        if let Some(rest) = body.strip_prefix('+') {
            if let Some(e) = entries.last_mut() {
                for a in rest.split('+') {
                    let (n, acr) = clean_name(a.split('[').next().unwrap_or(""));
                    if !n.is_empty() {
                        e.aliases.push(n);
                    }
                    e.aliases.extend(acr);
                }
                e.roles.extend(codes);
                e.had_code |= has_bracket;
            }
            continue;
        }
        if body.starts_with([' ', '\t']) && name_part.trim().is_empty() {
            if let Some(e) = entries.last_mut() {
                e.roles.extend(codes);
                e.had_code |= has_bracket;
            }
            continue;
        }
        let mut names = vec![name_part.trim().to_string()];
        if agents {
            let fixed = names[0].replace("AD!MINIST!R", "ADMINISTR");
            names = vec![fixed];
            for (k, vals) in &subs {
                if names[0].contains(k.as_str()) {
                    names = names
                        .iter()
                        .flat_map(|n| vals.iter().map(move |v| n.replace(k.as_str(), v)))
                        .collect();
                }
            }
        }
        let mut cleaned = Vec::new();
        let mut acrs = Vec::new();
        for n in &names {
            let (c, a) = clean_name(n);
            if !c.is_empty() {
                cleaned.push(c);
            }
            acrs.extend(a);
        }
        if cleaned.is_empty() {
            continue;
        }
        let name = cleaned.remove(0);
        cleaned.extend(acrs);
        entries.push(RawEntry {
            name,
            aliases: cleaned,
            roles: codes,
            comment: comment.to_string(),
            had_code: has_bracket,
        });
    }
    // An entry with no code joins the previous entry as an alias (TABARI synonym lines).
    let mut merged: Vec<RawEntry> = Vec::new();
    for e in entries {
        if !e.had_code && e.roles.is_empty() {
            if let Some(prev) = merged.last_mut() {
                prev.aliases.push(e.name);
                prev.aliases.extend(e.aliases);
                continue;
            }
        }
        merged.push(e);
    }
    merged
}

fn sectors(code: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut i = 0;
    while i + 3 <= code.len() {
        out.push(&code[i..i + 3]);
        i += 3;
    }
    out
}

fn plural(w: &str) -> String {
    if w.ends_with('s') || w.ends_with('x') || w.ends_with("ch") || w.ends_with("sh") {
        format!("{w}es")
    } else if w.ends_with('y') && !w.ends_with("ay") && !w.ends_with("ey") && !w.ends_with("oy") {
        format!("{}ies", &w[..w.len() - 1])
    } else {
        format!("{w}s")
    }
}

/// Read the four dictionaries into actors (country-level entries are left to the places).
pub(crate) fn read_all(
    dir: &Path,
    countries: &IsoCountries,
    acronyms: &BTreeSet<String>,
    report: &mut BuildReport,
) -> Result<Vec<Actor>, KbError> {
    let mut out = Vec::new();
    let mut by_id: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for file in FILES {
        let p = dir.join(file);
        let text = read_text(&p)?;
        let agents = file.contains("agents");
        let entries = parse_file(&text, agents);
        let (mut kept, mut skipped) = (0usize, 0usize);
        for e in entries {
            let country_of = |code: &str| -> Option<String> {
                let pre = code.get(..3)?;
                if let Some((_, c)) = CAMEO_COUNTRY.iter().find(|(k, _)| *k == pre) {
                    return Some(c.to_string());
                }
                countries.iso3_to_iso2(pre).map(str::to_string)
            };
            let is_country_prefix =
                |code: &str| code.get(..3).is_some_and(|p| country_of(p).is_some());
            let sector_list: Vec<&str> = e
                .roles
                .iter()
                .flat_map(|r| {
                    let start = if is_country_prefix(&r.code) { 3 } else { 0 };
                    sectors(r.code.get(start..).unwrap_or(""))
                })
                .collect();
            let dated = e.roles.iter().any(|r| r.from.is_some() || r.to.is_some());
            let has = |s: &str| sector_list.contains(&s);
            // Country-level entries ([AFG], [USAASM], [BIHSRP]) are places, not actors.
            if !agents
                && file.contains("Countries")
                && !e.roles.is_empty()
                && e.roles.iter().all(|r| is_country_prefix(&r.code))
                && !sector_list.iter().any(|s| SECTORS.contains(s))
            {
                skipped += 1;
                continue;
            }
            let folded = fold(&e.name);
            let tokens: Vec<&str> = folded.split(' ').collect();
            let org_word = tokens.iter().any(|t| {
                matches!(
                    *t,
                    "army"
                        | "forces"
                        | "force"
                        | "party"
                        | "ministry"
                        | "council"
                        | "committee"
                        | "front"
                        | "movement"
                        | "organization"
                        | "organisation"
                        | "group"
                        | "brigade"
                        | "brigades"
                        | "union"
                        | "association"
                        | "agency"
                        | "bank"
                        | "company"
                        | "corporation"
                        | "police"
                        | "national"
                        | "international"
                        | "institute"
                        | "fund"
                        | "commission"
                        | "court"
                        | "office"
                        | "service"
                        | "news"
                        | "times"
                        | "of"
                )
            });
            let kind = if agents {
                if has("COP") || has("MIL") || has("SPY") {
                    ActorKind::StateForce
                } else if has("REB") || has("INS") || has("SEP") || has("UAF") || has("IMG") {
                    ActorKind::ArmedGroup
                } else if has("MED") || has("JRN") {
                    ActorKind::Media
                } else {
                    ActorKind::Other
                }
            } else if file.contains("MilNonState") {
                ActorKind::ArmedGroup
            } else if !org_word
                && (dated
                    || e.comment.contains("CountryInfo")
                    || e.comment.contains("rulers")
                    || has("ELI"))
            {
                ActorKind::Person
            } else if has("REB")
                || has("INS")
                || has("SEP")
                || has("UAF")
                || has("IMG")
                || has("RAD")
            {
                ActorKind::ArmedGroup
            } else if has("MIL") || has("COP") || has("SPY") {
                ActorKind::StateForce
            } else if has("MED") || has("JRN") {
                ActorKind::Media
            } else if !org_word
                && (2..=4).contains(&tokens.len())
                && (dated || e.comment.contains("NGO_Actors"))
            {
                ActorKind::Person
            } else {
                ActorKind::Organisation
            };
            // Country: of the latest-starting role with a country prefix.
            let mut with_country: Vec<(&Role, String)> = e
                .roles
                .iter()
                .filter_map(|r| country_of(&r.code).map(|c| (r, c)))
                .collect();
            with_country.sort_by_key(|(r, _)| (r.from, r.to));
            let country = with_country.last().map(|(_, c)| c.clone());
            let name = title_case(&e.name, acronyms);
            let mut aliases: Vec<String> = Vec::new();
            let mut seen: BTreeSet<String> = BTreeSet::new();
            seen.insert(fold(&name));
            let mut raw_aliases = e.aliases.clone();
            if agents {
                raw_aliases.push(plural(&e.name.to_lowercase()));
            }
            for a in &raw_aliases {
                let t = title_case(a, acronyms);
                let t = if agents { t.to_lowercase() } else { t };
                if seen.insert(fold(&t)) && !t.is_empty() && t.chars().count() <= 80 {
                    aliases.push(t);
                }
            }
            let (name, prefix) = if agents {
                (name.to_lowercase(), "agent")
            } else {
                (name, "cameo")
            };
            let mut roles = e.roles;
            roles.dedup();
            let id = format!("{prefix}:{}", folded.replace(' ', "_"));
            // The same name twice with the same kind and country: one actor (TABARI files
            // repeat entries to attach more codes).
            if let Some(&i) = by_id.get(&id) {
                let prev: &mut Actor = &mut out[i];
                if prev.kind == kind && (prev.country == country || country.is_none()) {
                    for r in roles {
                        if !prev.roles.contains(&r) {
                            prev.roles.push(r);
                        }
                    }
                    let mut seen: BTreeSet<String> = prev.aliases.iter().map(|a| fold(a)).collect();
                    seen.insert(fold(&prev.name));
                    for a in aliases {
                        if seen.insert(fold(&a)) {
                            prev.aliases.push(a);
                        }
                    }
                    kept += 1;
                    continue;
                }
            }
            by_id.insert(id.clone(), out.len());
            out.push(Actor {
                id,
                name,
                kind,
                country,
                roles,
                aliases,
                source: format!("{file} (CAMEO/Phoenix, petrarch2)"),
            });
            kept += 1;
        }
        report.note(format!(
            "{file}: {kept} actors, {skipped} country-level entries left to places"
        ));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_case_names() {
        let acr: BTreeSet<String> = ["NATO".to_string(), "UN".to_string()].into_iter().collect();
        assert_eq!(title_case("VLADIMIR_PUTIN", &acr), "Vladimir Putin");
        assert_eq!(title_case("NATO", &acr), "NATO");
        assert_eq!(title_case("UN", &acr), "UN");
        assert_eq!(
            title_case("MINISTRY_OF_DEFENCE", &acr),
            "Ministry of Defence"
        );
        assert_eq!(title_case("BASHAR_AL-ASSAD", &acr), "Bashar al-Assad");
        assert_eq!(title_case("JOHN_MCCAIN", &acr), "John McCain");
        assert_eq!(title_case("PKK", &acr), "PKK");
    }

    #[test]
    fn cameo_codes() {
        let r = parse_code("RUSGOV 000507-080507").unwrap();
        assert_eq!(r.code, "RUSGOV");
        assert_eq!(r.from, NaiveDate::from_ymd_opt(2000, 5, 7));
        assert_eq!(r.to, NaiveDate::from_ymd_opt(2008, 5, 7));
        let r = parse_code("HTIGOV >060514").unwrap();
        assert_eq!(r.from, NaiveDate::from_ymd_opt(2006, 5, 14));
        assert!(parse_code("---").is_none());
    }
}

//! Extending a KB with the localities of a postal table: the towns, villages and
//! neighbourhoods a postal service delivers to, which a population-ranked gazetteer (GeoNames'
//! cities500) leaves out because it knows no population for them.
//!
//! Input: tab-separated `name, admin1 code, latitude, longitude, second-level division`, one
//! row per locality (`scripts/kb/gen_us_postal.py` writes it for the United States from the
//! `zipcodes` package). A locality whose name is already the name or an alternate name of a
//! populated place or division of the same first-level division is skipped; the others become
//! populated places with id `postal:<CC>.<admin1>.<folded_name>` and population 0 (unknown):
//! the linker takes one only where the article vouches for it ([`Place::postal`]).

use crate::model::{KbData, Place, PlaceKind};
use crate::names::fold;
use crate::KbError;
use std::collections::{HashMap, HashSet};

/// What [`extend_postal`] did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PostalReport {
    /// Localities added as populated places.
    pub added: usize,
    /// Localities the KB already held under that name in that division.
    pub known: usize,
    /// Of those added, how many were put in their second-level division.
    pub in_admin2: usize,
}

/// Add the localities of a postal table of country `cc` (see the module docs) to `data`.
pub fn extend_postal(data: &mut KbData, cc: &str, table: &str) -> Result<PostalReport, KbError> {
    let mut rep = PostalReport::default();
    // Folded names (and alternates) of the populated places and divisions of each admin1.
    let mut known: HashSet<(String, String)> = HashSet::new();
    let mut admin2: HashMap<(String, String), String> = HashMap::new();
    for p in data.places.iter().filter(|p| p.country == cc) {
        let Some(a1) = &p.admin1_code else { continue };
        if !matches!(p.kind, PlaceKind::Populated | PlaceKind::Admin2) {
            continue;
        }
        for n in std::iter::once(&p.name).chain(&p.alternates) {
            known.insert((a1.clone(), fold(n)));
        }
        if p.kind == PlaceKind::Admin2 {
            let f = fold(&p.name);
            // "St. Louis County" in the table, "Saint Louis County" in GeoNames.
            if let Some(short) = crate::index::abbreviated(&f) {
                admin2.insert((a1.clone(), short), p.id.clone());
            }
            admin2.insert((a1.clone(), f), p.id.clone());
        }
    }
    let mut ids: HashSet<String> = data.places.iter().map(|p| p.id.clone()).collect();
    for (n, line) in table.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let err = |m: &str| KbError::Format {
            line: n + 1,
            message: m.to_string(),
        };
        let f: Vec<&str> = line.split('\t').map(str::trim).collect();
        if f.len() < 4 {
            return Err(err(
                "a postal row has name, admin1, latitude, longitude[, division]",
            ));
        }
        let (name, a1) = (f[0], f[1]);
        let lat: f32 = f[2].parse().map_err(|_| err("bad latitude"))?;
        let lon: f32 = f[3].parse().map_err(|_| err("bad longitude"))?;
        let key = fold(name);
        if name.is_empty() || a1.is_empty() || key.is_empty() {
            return Err(err("empty name or admin1"));
        }
        if known.contains(&(a1.to_string(), key.clone())) {
            rep.known += 1;
            continue;
        }
        let id = format!(
            "{}{cc}.{a1}.{}",
            Place::POSTAL_PREFIX,
            key.replace(' ', "_")
        );
        if !ids.insert(id.clone()) {
            rep.known += 1;
            continue;
        }
        known.insert((a1.to_string(), key));
        if let Some(d) = f
            .get(4)
            .and_then(|d| admin2.get(&(a1.to_string(), fold(d))))
        {
            data.admin2_of.push((id.clone(), d.clone()));
            rep.in_admin2 += 1;
        }
        data.places.push(Place {
            id,
            name: name.to_string(),
            lat: (lat * 10000.0).round() / 10000.0,
            lon: (lon * 10000.0).round() / 10000.0,
            country: cc.to_string(),
            admin1_code: Some(a1.to_string()),
            admin1: None,
            population: 0,
            kind: PlaceKind::Populated,
            alternates: Vec::new(),
        });
        rep.added += 1;
    }
    data.admin2_of.sort();
    Ok(rep)
}

//! Extending a KB with a full GeoNames country dump (the 19-column `geoname` table).

use super::places::keep_alternates;
use crate::model::{KbData, Place, PlaceKind};
use crate::KbError;
use std::collections::HashMap;

/// What [`extend`] did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ExtendReport {
    /// Populated places (feature class P) added.
    pub populated_added: usize,
    /// Admin1 records (ADM1) added.
    pub admin1_added: usize,
    /// Admin2 records (ADM2) added.
    pub admin2_added: usize,
    /// Records whose id (or admin1 code) was already in the KB: their names were merged.
    pub merged: usize,
    /// Rows of other feature classes, skipped.
    pub skipped: usize,
}

/// Add the populated places (feature class `P`), first- and second-level divisions
/// (`A`/`ADM1`, `A`/`ADM2`) of a
/// GeoNames dump (tab-separated: geonameid, name, asciiname, alternatenames, latitude,
/// longitude, feature class, feature code, country code, cc2, admin1 … admin4, population,
/// elevation, dem, timezone, modification date) to `data`. A record already present (same
/// `gn:` id, or same country and admin1 code for ADM1) gets the new names as alternates.
pub fn extend(data: &mut KbData, dump: &str) -> Result<ExtendReport, KbError> {
    let mut rep = ExtendReport::default();
    let mut by_id: HashMap<String, usize> = data
        .places
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id.clone(), i))
        .collect();
    let mut admin1: HashMap<(String, String), usize> = data
        .places
        .iter()
        .enumerate()
        .filter(|(_, p)| p.kind == PlaceKind::Admin1)
        .filter_map(|(i, p)| Some(((p.country.clone(), p.admin1_code.clone()?), i)))
        .collect();
    for (n, line) in dump.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        let err = |m: &str| KbError::Format {
            line: n + 1,
            message: m.to_string(),
        };
        if f.len() < 15 {
            return Err(err("a GeoNames row has 19 tab-separated columns"));
        }
        let (class, code) = (f[6], f[7]);
        let kind = match (class, code) {
            ("P", _) => PlaceKind::Populated,
            ("A", "ADM1") => PlaceKind::Admin1,
            ("A", "ADM2") => PlaceKind::Admin2,
            _ => {
                rep.skipped += 1;
                continue;
            }
        };
        let lat: f32 = f[4].parse().map_err(|_| err("bad latitude"))?;
        let lon: f32 = f[5].parse().map_err(|_| err("bad longitude"))?;
        let population: u32 = f[14]
            .trim()
            .parse::<u64>()
            .unwrap_or(0)
            .min(u32::MAX as u64) as u32;
        let id = format!("gn:{}", f[0].trim());
        let name = f[1].trim().to_string();
        let mut alts: Vec<String> = vec![f[2].to_string()];
        alts.extend(f[3].split(',').map(str::to_string));
        let cc = f[8].trim().to_string();
        let a1 = Some(f[10].trim().to_string()).filter(|s| !s.is_empty() && s != "00");
        let existing = by_id.get(&id).copied().or_else(|| {
            if kind == PlaceKind::Admin1 {
                admin1.get(&(cc.clone(), a1.clone()?)).copied()
            } else {
                None
            }
        });
        if let Some(i) = existing {
            let p = &mut data.places[i];
            let mut all = p.alternates.clone();
            all.push(name);
            all.extend(alts);
            p.alternates = keep_alternates(&p.name, &all);
            rep.merged += 1;
            continue;
        }
        let alternates = keep_alternates(&name, &alts);
        let i = data.places.len();
        data.places.push(Place {
            id: id.clone(),
            name,
            lat: (lat * 10000.0).round() / 10000.0,
            lon: (lon * 10000.0).round() / 10000.0,
            country: cc.clone(),
            admin1_code: a1.clone(),
            admin1: None,
            population,
            kind,
            alternates,
        });
        by_id.insert(id, i);
        match kind {
            PlaceKind::Admin1 => {
                if let Some(a1) = a1 {
                    admin1.insert((cc, a1), i);
                }
                rep.admin1_added += 1;
            }
            PlaceKind::Admin2 => rep.admin2_added += 1,
            _ => rep.populated_added += 1,
        }
    }
    Ok(rep)
}

//! World regions and bodies of water (`sources/areas.tsv`): places across, outside or inside
//! countries but no division of one ("Middle East", "Gulf of Aden", "Darfur") that news gives
//! as the place of an event.

use super::{src_err, tsv_rows};
use crate::model::{Place, PlaceKind};
use crate::names::fold;
use crate::KbError;
use std::path::Path;

/// The areas of `areas.tsv`, in file order; none when the file is absent.
pub(crate) fn read_areas(p: &Path) -> Result<Vec<Place>, KbError> {
    if !p.exists() {
        return Ok(Vec::new());
    }
    let mut out = Vec::new();
    for (line, f) in tsv_rows(p)? {
        let bad = |m: &str| src_err(p, format!("line {line}: {m}"));
        let [kind, names, lat, lon, country] = f.as_slice() else {
            return Err(bad("expected 5 columns: kind, names, lat, lon, country"));
        };
        let country = if country == "-" { "" } else { country.as_str() };
        if !(country.is_empty()
            || country.len() == 2 && country.bytes().all(|b| b.is_ascii_uppercase()))
        {
            return Err(bad("country: an ISO 3166-1 alpha-2 code or -"));
        }
        let kind = match kind.as_str() {
            "Region" => PlaceKind::Region,
            "Water" => PlaceKind::Water,
            k => return Err(bad(&format!("unknown kind {k:?}"))),
        };
        let (Ok(lat), Ok(lon)) = (lat.parse::<f32>(), lon.parse::<f32>()) else {
            return Err(bad("bad coordinates"));
        };
        if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
            return Err(bad("coordinates out of range"));
        }
        let mut names = names.split('|').map(str::trim).filter(|n| !n.is_empty());
        let Some(name) = names.next() else {
            return Err(bad("no name"));
        };
        out.push(Place {
            id: format!("area:{}", fold(name).replace(' ', "_")),
            name: name.to_string(),
            lat,
            lon,
            country: country.to_string(),
            admin1_code: None,
            admin1: None,
            population: 0,
            kind,
            alternates: names.map(str::to_string).collect(),
        });
    }
    Ok(out)
}

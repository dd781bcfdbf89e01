//! Sections of settlements: GeoNames' `PPLX` places ("section of populated place":
//! neighbourhoods, community areas, boroughs' quarters) and the settlement each is part of.
//!
//! GeoNames gives a section's feature code but not its settlement. The settlement is taken
//! as the place that pulls hardest on it: among the populated places of the same country
//! and first-level division that are not sections themselves, at least three times as
//! populous and within the reach of their size (`reach_km`), the one with the greatest
//! population over squared distance. A section with no such place keeps no settlement.

use super::{read_text, BuildReport};
use crate::model::{Place, PlaceKind};
use crate::KbError;
use std::collections::HashMap;
use std::path::Path;

/// How far a settlement of `population` people may reach (km): about the radius of a
/// city's built-up area, from 5 km for a town of 10,000 to 45 km for the largest cities.
fn reach_km(population: u32) -> f64 {
    (8.0 * (f64::from(population) / 100_000.0).sqrt()).clamp(5.0, 45.0)
}

/// The least ratio of a settlement's population to its section's.
const MIN_RATIO: u32 = 3;

/// `(section id, settlement id)` for every `PPLX` row of `cities1000` (GeoNames' 19-column
/// dump format) that is among `places`, sorted by section id.
pub(crate) fn parts(
    cities1000: &Path,
    places: &[Place],
    report: &mut BuildReport,
) -> Result<Vec<(String, String)>, KbError> {
    let text = read_text(cities1000)?;
    let mut sections = std::collections::HashSet::new();
    for line in text.lines() {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() >= 8 && f[7] == "PPLX" {
            sections.insert(format!("gn:{}", f[0]));
        }
    }
    // Settlements by 1° cell.
    let cell = |p: &Place| (p.lat.floor() as i32, p.lon.floor() as i32);
    let mut grid: HashMap<(i32, i32), Vec<&Place>> = HashMap::new();
    for p in places {
        if p.kind == PlaceKind::Populated && !sections.contains(&p.id) {
            grid.entry(cell(p)).or_default().push(p);
        }
    }
    let mut out = Vec::new();
    for s in places
        .iter()
        .filter(|p| p.kind == PlaceKind::Populated && sections.contains(&p.id))
    {
        let (la, lo) = cell(s);
        let mut best: Option<(f64, &Place)> = None;
        for dy in -1..=1 {
            for dx in -1..=1 {
                for &t in grid.get(&(la + dy, lo + dx)).into_iter().flatten() {
                    if t.country != s.country
                        || t.admin1_code != s.admin1_code
                        || t.population < s.population.saturating_mul(MIN_RATIO).max(10_000)
                    {
                        continue;
                    }
                    let d = f64::from(crate::haversine_km(s.lat, s.lon, t.lat, t.lon));
                    if d > reach_km(t.population) {
                        continue;
                    }
                    let pull = f64::from(t.population) / (d + 1.0).powi(2);
                    if best.is_none_or(|(b, _)| pull > b) {
                        best = Some((pull, t));
                    }
                }
            }
        }
        if let Some((_, t)) = best {
            out.push((s.id.clone(), t.id.clone()));
        }
    }
    out.sort();
    report.note(format!(
        "sections of settlements: {} of {} GeoNames PPLX places placed in a settlement",
        out.len(),
        sections.len()
    ));
    Ok(out)
}

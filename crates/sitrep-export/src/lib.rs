//! The events outputs of a run: what `sitrep` writes once events are resolved.
//!
//! | file | writer | what |
//! |---|---|---|
//! | `events.jsonl` | [`write_jsonl`] | one [`Event`] per line, exactly the core type's JSON: the contract other tools read |
//! | `events.csv` | [`write_csv`] | one row per event in ACLED's export columns ([`CSV_COLUMNS`]), to load beside ACLED data |
//! | `events.geojson` | [`write_geojson`] | a FeatureCollection of the events that have a point, for a map |
//! | `report.md` | [`write_report`] | the brief an analyst reads: per event what/when/where/who, every figure with who says it, disagreements, sources |
//!
//! [`OutputDir`] writes them into a directory — the one code path behind both `sitrep run` and
//! `sitrep export` — together with `articles.jsonl` (and, with the `parquet` feature,
//! `events.parquet` and `articles.parquet`: flat columns for pandas, polars and DuckDB), each
//! under a temporary name until [`OutputDir::commit`].
//!
//! Every writer takes any [`std::io::Write`] and is deterministic: the same events (and, for
//! the CSV, the same `timestamp` argument) give the same bytes. Article metadata (outlet,
//! title, URL, publication date) comes in as [`SourceArticle`]s keyed by article id.
//!
//! # `events.csv` column conventions
//!
//! Columns follow ACLED's codebook, filled only from what the event knows:
//!
//! - `event_id_cnty`: ISO 3166-1 alpha-3 of the event's country and a number counting that
//!   country's events in the order given (`UKR1`, `UKR2`, `SYR1`); `ZZZ` when the country is
//!   unknown.
//! - `event_date` (`YYYY-MM-DD`), `year`, `time_precision`: 1 when the day is known; 2 for a
//!   week or a span of at most seven days; 3 for a month, a year or a longer span. As ACLED
//!   does, a week, month or span is dated by its middle day. Empty when the event has no date.
//! - `disorder_type`: `Political violence` (battles, explosions/remote violence, violence
//!   against civilians, mob violence), `Demonstrations` (peaceful protest, protest with
//!   intervention, violent demonstration), `Political violence; Demonstrations` (excessive
//!   force against protesters), `Strategic developments`.
//! - `event_type`, `sub_event_type`: ACLED's names.
//! - `actor1`: the first attacker; `assoc_actor_1`: the other attackers and the actors whose
//!   role is `associated`, joined by `"; "`. `actor2`: the first target; `assoc_actor_2`: the
//!   other targets. An event that names no attacker gets ACLED's generic actor of its kind
//!   ([`unidentified`]): `Protesters (Country)` for a protest, `Rioters (Country)` for a
//!   riot, `Unidentified Armed Group (Country)` for a battle, an explosion or violence
//!   against civilians (none for a strategic development); `notes` names only the actors the
//!   articles name.
//! - `inter1`, `inter2`: ACLED's actor-type code of `actor1` and `actor2`: the actor's type
//!   (from the knowledge base's kind and CAMEO codes, a country or nationality that attacks
//!   standing for its state's forces, a private person attacked being a civilian, a private
//!   person who acts being a protester, a rioter or, in political violence, a political
//!   militia as ACLED codes a lone perpetrator), the generic actor's code (6, 5, 3), a state
//!   force of another country than the event's being an external force (8); failing a
//!   type, what the name says without doubt (5 rioters, 6 protesters, 7 civilians); otherwise
//!   empty, never a guess. `interaction`: the two codes, lower first (`17`), or `10 × inter1`
//!   for an event with no second actor; empty unless known.
//! - `civilian_targeting`: `Civilian targeting` for every violence-against-civilians event
//!   and for explosions or riots whose target is civilians.
//! - `iso` (ISO 3166-1 numeric), `region` (ACLED's region), `country` (English name): from
//!   the location's alpha-2 code via the crate's country table ([`countries`]).
//! - `admin1`, `admin2` (the county or district the gazetteer puts the place in, when it
//!   knows it), `location`, `latitude`, `longitude` (rounded to 4 decimals): from the event's
//!   location; `admin3` stays empty.
//! - `geo_precision`: 1 the town itself; 2 near a place, or only the district; 3 only the
//!   region (or the country).
//! - `source`: the distinct outlets of the event's articles (the URL's host when the outlet is
//!   unknown), joined by `"; "`. `source_scale`: `Other` (an outlet's scale — local, national,
//!   international — is not known to sitrep).
//! - `notes`: one sentence: when, what, where, by and against whom, every figure with who
//!   reports it (speaker via outlet), and the sources' disagreements.
//! - `fatalities`: the headline killed count, 0 when no source gives one (as in ACLED).
//! - `tags`: empty. `timestamp`: the value passed to [`write_csv`].

pub mod countries;

mod acled;
mod dir;
mod geojson;
mod parquet;
mod report;
mod text;

pub use dir::{acled_timestamp, Articles, ExportError, Format, OutputDir, Outputs};

pub use acled::{
    disorder_type, event_date, geo_precision, inter_code, time_precision, unidentified, write_csv,
    CSV_COLUMNS,
};
pub use geojson::{feature, write_geojson};
pub use report::write_report;

use serde::{Deserialize, Serialize};
use sitrep_core::Event;
use std::io::{self, Write};

/// The metadata of one article that the outputs cite.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceArticle {
    /// Article id (as in `articles.jsonl` and `Event::articles`).
    pub id: String,
    /// Canonical URL.
    pub url: Option<String>,
    /// Publishing outlet.
    pub outlet: Option<String>,
    /// Headline.
    pub title: Option<String>,
    /// Publication date: `YYYY-MM-DD` or RFC 3339.
    pub published: Option<String>,
}

/// Writes `events.jsonl`: one [`Event`] per line, as `serde_json` writes the core type, in the
/// order given.
pub fn write_jsonl<W: Write>(events: &[Event], mut w: W) -> io::Result<()> {
    for event in events {
        serde_json::to_writer(&mut w, event)?;
        w.write_all(b"\n")?;
    }
    w.flush()
}

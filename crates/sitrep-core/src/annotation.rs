//! What the understand and link stages find in an article. Every item carries its span in
//! [`crate::Article::text`] (`start`, `end`: Unicode character offsets, end exclusive).

use serde::{Deserialize, Serialize};

/// What a mention names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MentionKind {
    /// A person.
    Person,
    /// An organisation (ministry, company, party, international body).
    Organisation,
    /// An armed group or military unit.
    ArmedGroup,
    /// A place: town, village, region, country.
    Place,
    /// A facility: depot, bridge, border post, airfield.
    Facility,
    /// A nationality or group adjective ("Ukrainian", "Russian").
    Nationality,
    /// A weapon or piece of equipment ("drone", "Mi-24 helicopter", "tank").
    Weapon,
}

/// How exactly a place is located.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GeoPrecision {
    /// The named place itself.
    Exact,
    /// Near the named place.
    Near,
    /// Only the second-level administrative area is known.
    Admin2,
    /// Only the first-level administrative area (region, province, state) is known.
    Admin1,
    /// Only the country is known.
    Country,
    /// Only a region larger than one country is known (a continent): its point.
    Region,
}

/// Coordinates and administrative context of a place mention.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Geo {
    /// Latitude, WGS 84.
    pub lat: f64,
    /// Longitude, WGS 84.
    pub lon: f64,
    /// First-level administrative area name.
    pub admin1: Option<String>,
    /// ISO 3166-1 alpha-2 country code.
    pub country: Option<String>,
    /// How exact the point is.
    pub precision: GeoPrecision,
    /// Second-level administrative area (county, district) the place lies in, when the
    /// gazetteer knows it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub admin2: Option<String>,
    /// For a section of a settlement (a neighbourhood the gazetteer knows as one): the
    /// settlement it is part of. An event there is coded to the settlement, as ACLED codes
    /// a city's neighbourhoods to the city.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub part_of: Option<PartOf>,
}

/// The settlement a place is a section of.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PartOf {
    /// Its name.
    pub name: String,
    /// Its knowledge-base id.
    pub kb_id: String,
}

/// A named thing in the text, linked to the knowledge base where possible.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    /// The words as written.
    pub text: String,
    /// Start (characters, in the clean text).
    pub start: usize,
    /// End (exclusive).
    pub end: usize,
    /// What it names.
    pub kind: MentionKind,
    /// Canonical name, when linked or resolved by coreference.
    pub canonical: Option<String>,
    /// Knowledge-base id, when linked.
    pub kb_id: Option<String>,
    /// Confidence of the link, 0–1.
    pub confidence: f32,
    /// The office or role the text gives the person ("governor", "spokesman").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// For places: where.
    #[serde(flatten, default, skip_serializing_if = "Option::is_none")]
    pub geo: Option<Geo>,
    /// For a place chosen among namesakes: the best candidate it was chosen over, for audit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub runner_up: Option<RunnerUp>,
    /// For an actor the knowledge base knows: its ACLED actor type and country.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor: Option<ActorTag>,
}

/// ACLED's actor types: the `inter1` / `inter2` codes of its codebook.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActorType {
    /// 1: a state's military, police or other armed agents, and its government.
    StateForces,
    /// 2: an organised armed group fighting to take or share state power.
    RebelGroup,
    /// 3: an armed group serving a political elite or cause without aiming at the state
    /// itself; ACLED's code, too, for an unidentified armed group or an armed gang.
    PoliticalMilitia,
    /// 4: an armed group organised around an ethnic, religious, communal or local identity.
    IdentityMilitia,
    /// 5: people taking part in violent demonstrations or mob violence.
    Rioters,
    /// 6: people demonstrating without violence.
    Protesters,
    /// 7: unarmed people not engaged in political violence.
    Civilians,
    /// 8: foreign states' forces, international and multinational forces, private security.
    External,
}

impl ActorType {
    /// Every type, in code order.
    pub const ALL: [ActorType; 8] = [
        ActorType::StateForces,
        ActorType::RebelGroup,
        ActorType::PoliticalMilitia,
        ActorType::IdentityMilitia,
        ActorType::Rioters,
        ActorType::Protesters,
        ActorType::Civilians,
        ActorType::External,
    ];

    /// The name used in data files and JSON (`state_forces`, `rebel_group`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            ActorType::StateForces => "state_forces",
            ActorType::RebelGroup => "rebel_group",
            ActorType::PoliticalMilitia => "political_militia",
            ActorType::IdentityMilitia => "identity_militia",
            ActorType::Rioters => "rioters",
            ActorType::Protesters => "protesters",
            ActorType::Civilians => "civilians",
            ActorType::External => "external",
        }
    }

    /// The type of a name written as [`ActorType::as_str`] gives it.
    pub fn from_name(name: &str) -> Option<ActorType> {
        ActorType::ALL.into_iter().find(|t| t.as_str() == name)
    }

    /// ACLED's numeric code (1–8).
    pub fn code(self) -> u8 {
        match self {
            ActorType::StateForces => 1,
            ActorType::RebelGroup => 2,
            ActorType::PoliticalMilitia => 3,
            ActorType::IdentityMilitia => 4,
            ActorType::Rioters => 5,
            ActorType::Protesters => 6,
            ActorType::Civilians => 7,
            ActorType::External => 8,
        }
    }
}

/// The ACLED type of an actor mention and the country it belongs to, where known.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ActorTag {
    /// ACLED's actor type.
    #[serde(rename = "type")]
    pub kind: ActorType,
    /// ISO 3166-1 alpha-2 of the actor's country (a state force's state), when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
}

/// The candidate a place link was chosen over, with both scores (the linker's own scale:
/// name match, population, the article's countries and regions, nearness to its other places).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RunnerUp {
    /// Its knowledge-base id.
    pub kb_id: String,
    /// Its name.
    pub name: String,
    /// Its country (ISO 3166-1 alpha-2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// Its first-level division.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub admin1: Option<String>,
    /// Its score.
    pub score: f32,
    /// The chosen candidate's score.
    pub chosen_score: f32,
}

/// How exact a resolved time is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TimePrecision {
    /// A calendar day.
    Day,
    /// A week.
    Week,
    /// A month.
    Month,
    /// A year.
    Year,
}

/// A time expression, resolved against the publication date when it can be.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeExpr {
    /// The words as written.
    pub text: String,
    /// Start (characters).
    pub start: usize,
    /// End (exclusive).
    pub end: usize,
    /// `YYYY-MM-DD`, `YYYY-MM` or `YYYY`; null when it cannot be resolved.
    pub value: Option<String>,
    /// Precision of `value`.
    pub precision: Option<TimePrecision>,
    /// For a range ("from 3 to 5 May", "May 22-23", "between March and May"): its last
    /// day, month or year, in the same form as `value` (which is then the range's start).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<String>,
}

/// A number with what it counts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quantity {
    /// The words as written.
    pub text: String,
    /// Start (characters).
    pub start: usize,
    /// End (exclusive).
    pub end: usize,
    /// The number (the lower bound of a range).
    pub value: f64,
    /// The upper bound of a range ("between 1,200 and 2,000", "5-10"); absent otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub upper: Option<f64>,
    /// "more_than", "at_least", "about", "up_to", "between", …; null when exact.
    pub qualifier: Option<String>,
    /// What is counted ("people", "civilians", "tanks").
    pub counts: Option<String>,
    /// What happened to them ("killed", "injured", "destroyed").
    pub predicate: Option<String>,
}

/// The stance of a speaker towards what they report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stance {
    /// States it as fact.
    Asserts,
    /// Accuses or alleges.
    Alleges,
    /// Denies.
    Denies,
    /// Confirms.
    Confirms,
    /// Neither confirms nor denies.
    NeitherConfirmsNorDenies,
}

/// Something a claim covers, as an index into one of the article's lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Cover {
    /// An index into `quantities`.
    Quantity(usize),
    /// An index into `event_mentions`.
    Event(usize),
}

/// Who said what, through which channel.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    /// The speaker (canonical name when linked); null when the text names none
    /// ("it was reported").
    pub speaker: Option<String>,
    /// Knowledge-base id of the speaker, when linked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker_kb_id: Option<String>,
    /// Index into `mentions` of the mention naming the speaker.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker_mention: Option<usize>,
    /// The cue verb ("said", "claimed", "denied").
    pub cue: String,
    /// The channel ("telegram", "statement", "interview").
    pub channel: Option<String>,
    /// Stance.
    pub stance: Stance,
    /// Start of the content (characters).
    pub start: usize,
    /// End of the content (exclusive).
    pub end: usize,
    /// The quantities and event mentions the claim covers.
    pub covers: Vec<Cover>,
}

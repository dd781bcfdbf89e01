//! Events in ACLED's taxonomy: the mentions found in one article and the resolved events
//! that group them across articles.

use crate::annotation::GeoPrecision;
use crate::annotation::{Stance, TimePrecision};
use serde::{Deserialize, Serialize};

/// ACLED's six event types.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum EventType {
    /// Battles.
    Battles,
    /// Explosions/Remote violence.
    #[serde(rename = "Explosions/Remote violence")]
    ExplosionsRemoteViolence,
    /// Violence against civilians.
    #[serde(rename = "Violence against civilians")]
    ViolenceAgainstCivilians,
    /// Protests.
    Protests,
    /// Riots.
    Riots,
    /// Strategic developments.
    #[default]
    #[serde(rename = "Strategic developments")]
    StrategicDevelopments,
}

/// ACLED's 25 sub-event types, each under one [`EventType`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[allow(missing_docs)]
pub enum SubEventType {
    #[serde(rename = "Armed clash")]
    ArmedClash,
    #[serde(rename = "Government regains territory")]
    GovernmentRegainsTerritory,
    #[serde(rename = "Non-state actor overtakes territory")]
    NonStateActorOvertakesTerritory,
    #[serde(rename = "Chemical weapon")]
    ChemicalWeapon,
    #[serde(rename = "Air/drone strike")]
    AirDroneStrike,
    #[serde(rename = "Suicide bomb")]
    SuicideBomb,
    #[serde(rename = "Shelling/artillery/missile attack")]
    ShellingArtilleryMissileAttack,
    #[serde(rename = "Remote explosive/landmine/IED")]
    RemoteExplosiveLandmineIed,
    #[serde(rename = "Grenade")]
    Grenade,
    #[serde(rename = "Sexual violence")]
    SexualViolence,
    #[serde(rename = "Attack")]
    Attack,
    #[serde(rename = "Abduction/forced disappearance")]
    AbductionForcedDisappearance,
    #[serde(rename = "Peaceful protest")]
    PeacefulProtest,
    #[serde(rename = "Protest with intervention")]
    ProtestWithIntervention,
    #[serde(rename = "Excessive force against protesters")]
    ExcessiveForceAgainstProtesters,
    #[serde(rename = "Violent demonstration")]
    ViolentDemonstration,
    #[serde(rename = "Mob violence")]
    MobViolence,
    #[serde(rename = "Agreement")]
    Agreement,
    #[serde(rename = "Arrests")]
    Arrests,
    #[serde(rename = "Change to group/activity")]
    ChangeToGroupActivity,
    #[serde(rename = "Disrupted weapons use")]
    DisruptedWeaponsUse,
    #[serde(rename = "Headquarters or base established")]
    HeadquartersOrBaseEstablished,
    #[serde(rename = "Looting/property destruction")]
    LootingPropertyDestruction,
    #[serde(rename = "Non-violent transfer of territory")]
    NonViolentTransferOfTerritory,
    #[default]
    #[serde(rename = "Other")]
    Other,
}

impl SubEventType {
    /// Every sub-event type, in ACLED's order.
    pub const ALL: [SubEventType; 25] = {
        use SubEventType::*;
        [
            ArmedClash,
            GovernmentRegainsTerritory,
            NonStateActorOvertakesTerritory,
            ChemicalWeapon,
            AirDroneStrike,
            SuicideBomb,
            ShellingArtilleryMissileAttack,
            RemoteExplosiveLandmineIed,
            Grenade,
            SexualViolence,
            Attack,
            AbductionForcedDisappearance,
            PeacefulProtest,
            ProtestWithIntervention,
            ExcessiveForceAgainstProtesters,
            ViolentDemonstration,
            MobViolence,
            Agreement,
            Arrests,
            ChangeToGroupActivity,
            DisruptedWeaponsUse,
            HeadquartersOrBaseEstablished,
            LootingPropertyDestruction,
            NonViolentTransferOfTerritory,
            Other,
        ]
    };

    /// The event type this sub-event type belongs to.
    pub fn event_type(self) -> EventType {
        use SubEventType::*;
        match self {
            ArmedClash | GovernmentRegainsTerritory | NonStateActorOvertakesTerritory => {
                EventType::Battles
            }
            ChemicalWeapon
            | AirDroneStrike
            | SuicideBomb
            | ShellingArtilleryMissileAttack
            | RemoteExplosiveLandmineIed
            | Grenade => EventType::ExplosionsRemoteViolence,
            SexualViolence | Attack | AbductionForcedDisappearance => {
                EventType::ViolenceAgainstCivilians
            }
            PeacefulProtest | ProtestWithIntervention | ExcessiveForceAgainstProtesters => {
                EventType::Protests
            }
            ViolentDemonstration | MobViolence => EventType::Riots,
            Agreement
            | Arrests
            | ChangeToGroupActivity
            | DisruptedWeaponsUse
            | HeadquartersOrBaseEstablished
            | LootingPropertyDestruction
            | NonViolentTransferOfTerritory
            | Other => EventType::StrategicDevelopments,
        }
    }
}

/// The part an actor plays in an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActorRole {
    /// Carried it out (ACLED actor 1).
    Attacker,
    /// Was attacked (ACLED actor 2).
    Target,
    /// Associated with either side.
    Associated,
}

/// Where an event is relative to the place its text names: near it, or at a distance and a
/// bearing from it. An empty phrase (`start == end`, at the place mention) when no sentence
/// places the main event and it is put near the town the article keeps naming.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct PlaceRelation {
    /// Start of the phrase (characters): "40 km north of", "near".
    pub start: usize,
    /// End of the phrase (exclusive; the place mention starts at or after it).
    pub end: usize,
    /// Distance from the place in km, when the text gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub km: Option<f64>,
    /// Direction from the place, degrees clockwise from north, when the text gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bearing: Option<f64>,
}

impl PlaceRelation {
    /// The point `km` along `bearing` from (`lat`, `lon`) on a sphere, when both are given.
    pub fn offset(&self, lat: f64, lon: f64) -> Option<(f64, f64)> {
        let (km, bearing) = (self.km?, self.bearing?);
        let d = km / 6371.0;
        let (p1, l1, b) = (lat.to_radians(), lon.to_radians(), bearing.to_radians());
        let p2 = (p1.sin() * d.cos() + p1.cos() * d.sin() * b.cos()).asin();
        let l2 = l1 + (b.sin() * d.sin() * p1.cos()).atan2(d.cos() - p1.sin() * p2.sin());
        let lon2 = (l2.to_degrees() + 540.0) % 360.0 - 180.0;
        Some((p2.to_degrees(), lon2))
    }
}

/// One event as one article mentions it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EventMention {
    /// Id, unique within the article.
    pub id: String,
    /// The trigger word ("strike", "raid").
    pub trigger: String,
    /// Start of the trigger (characters).
    pub start: usize,
    /// End of the trigger (exclusive).
    pub end: usize,
    /// ACLED event type.
    pub event_type: EventType,
    /// ACLED sub-event type.
    pub sub_event_type: SubEventType,
    /// Whether this is the article's main event.
    pub main: bool,
    /// Whether the article recalls it as background (an earlier event), not as its news.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub background: bool,
    /// Index into the article's `times`: when it happened, as the text says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<usize>,
    /// Index into the article's `mentions` (a place or facility): where it happened.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<usize>,
    /// How the text places the event relative to `place`, when it does ("40 km north of X",
    /// "near X", "on the outskirts of X", "off the coast of X").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place_relation: Option<PlaceRelation>,
    /// Who took part, as indices into `mentions` with their roles.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actors: Vec<MentionActor>,
    /// Weapons used, as indices into `mentions`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub weapons: Vec<usize>,
    /// Its counts (killed, injured, …), as indices into `quantities`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub counts: Vec<usize>,
    /// Id of the resolved event this mention belongs to (resolve stage).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event: Option<String>,
    /// The rule of ACLED's decision from actors, method and target that set the type, with
    /// the type the trigger (and its sentence's cues) gave: `armed_on_civilians`
    /// (Armed clash → Attack), `armed_on_armed` (Attack → Armed clash), `rioters` (→
    /// Violent demonstration), `unarmed_crowd` (→ Mob violence). `None`: the trigger and
    /// its sentence's cues decided.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub typed_by: Option<TypeDecision>,
}

/// Which actor rule retyped an event mention, and from what.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TypeDecision {
    /// The rule (`armed_on_civilians`, `armed_on_armed`, `rioters`, `unarmed_crowd`).
    pub rule: String,
    /// The sub-event type the trigger gave.
    pub trigger_type: SubEventType,
    /// The actors (indices into `mentions`) whose types decided it.
    pub evidence: Vec<usize>,
}

/// An actor of an event mention: an index into the article's `mentions` and its role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct MentionActor {
    /// Index into `mentions`.
    pub mention: usize,
    /// Role in the event.
    pub role: ActorRole,
}

/// When an event happened, as exactly as the sources say.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateRange {
    /// First possible day, `YYYY-MM-DD`.
    pub start: Option<String>,
    /// Last possible day, `YYYY-MM-DD`.
    pub end: Option<String>,
    /// Precision of the sources' date.
    pub precision: Option<TimePrecision>,
}

/// Where an event happened.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Location {
    /// Place name.
    pub name: String,
    /// First-level administrative area.
    pub admin1: Option<String>,
    /// Second-level administrative area (county, district), when the gazetteer knows it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub admin2: Option<String>,
    /// ISO 3166-1 alpha-2 country code.
    pub country: Option<String>,
    /// Latitude.
    pub lat: Option<f64>,
    /// Longitude.
    pub lon: Option<f64>,
    /// How exact the point is.
    pub precision: GeoPrecision,
    /// Knowledge-base id of the place.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kb_id: Option<String>,
}

/// An actor in an event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Actor {
    /// Canonical name.
    pub name: String,
    /// Role in the event.
    pub role: ActorRole,
    /// Knowledge-base id.
    pub kb_id: Option<String>,
    /// Articles that name it in this role.
    #[serde(default)]
    pub articles: usize,
    /// ACLED's actor type, where the knowledge base or the text says it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor_type: Option<crate::annotation::ActorType>,
    /// ISO 3166-1 alpha-2 of the actor's country, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
}

/// How well a claim is supported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClaimStatus {
    /// The same value is reported by several independent outlets.
    Corroborated,
    /// Reported by one outlet only.
    SingleSource,
    /// Attributed to a party to the event (an accusation or a side's own figure).
    Alleged,
    /// Denied by the speaker.
    Denied,
}

/// One source's claim about one slot of an event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventClaim {
    /// `killed`, `injured` or another counted thing.
    pub slot: String,
    /// The number claimed.
    pub value: f64,
    /// Qualifier ("at_least", …).
    pub qualifier: Option<String>,
    /// Who said it.
    pub speaker: Option<String>,
    /// With what stance.
    pub stance: Stance,
    /// Article id.
    pub article: String,
    /// Evidence start (characters in that article's text).
    pub start: usize,
    /// Evidence end (exclusive).
    pub end: usize,
    /// The evidence text.
    pub quote: String,
    /// How well it is supported.
    pub status: ClaimStatus,
    /// Whether it is the event's headline value for its slot (the rule is in `docs/schema.md`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub headline: bool,
}

/// The evidence for one of an event's fields other than counts (date, place, actor, type).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    /// `date`, `location`, `actor` or `type`.
    pub field: String,
    /// The value this evidence supports, as text.
    pub value: String,
    /// Article id.
    pub article: String,
    /// Start (characters in that article's text).
    pub start: usize,
    /// End (exclusive).
    pub end: usize,
    /// The evidence text.
    pub quote: String,
}

/// Sources disagreeing about one slot.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Conflict {
    /// The disputed slot.
    pub slot: String,
    /// The values claimed.
    pub values: Vec<serde_json::Value>,
    /// Articles involved.
    pub articles: Vec<String>,
    /// What the disagreement is.
    pub note: String,
    /// Which articles give each value, in the order of `values`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub by_value: Vec<ConflictValue>,
}

/// One side of a [`Conflict`]: a value and the articles that give it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConflictValue {
    /// The value, as in [`Conflict::values`].
    pub value: serde_json::Value,
    /// The articles giving it, sorted.
    pub articles: Vec<String>,
}

/// A real-world event, resolved across articles.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// Stable id (same content, same id).
    pub id: String,
    /// Short title.
    pub title: String,
    /// ACLED event type.
    pub event_type: EventType,
    /// ACLED sub-event type.
    pub sub_event_type: SubEventType,
    /// When.
    pub date: DateRange,
    /// Where.
    pub location: Option<Location>,
    /// Who.
    pub actors: Vec<Actor>,
    /// Ids of the articles reporting it.
    pub articles: Vec<String>,
    /// Every claim about its counted slots.
    pub claims: Vec<EventClaim>,
    /// Disagreements between sources.
    pub conflicts: Vec<Conflict>,
    /// Number of independent outlets.
    pub sources: usize,
    /// The headline killed count (ACLED's fatalities), when any source gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fatalities: Option<f64>,
    /// The headline injured count, when any source gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub injured: Option<f64>,
    /// Evidence for the date, place, actors and type.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_relation_with_distance_and_bearing_moves_the_point() {
        let r = |km, bearing| PlaceRelation {
            km: Some(km),
            bearing: Some(bearing),
            ..PlaceRelation::default()
        };
        // 111.2 km due north is one degree of latitude; due east at the equator, of longitude.
        let (lat, lon) = r(111.195, 0.0).offset(10.0, 20.0).unwrap();
        assert!(
            (lat - 11.0).abs() < 1e-3 && (lon - 20.0).abs() < 1e-9,
            "{lat} {lon}"
        );
        let (lat, lon) = r(111.195, 90.0).offset(0.0, 179.5).unwrap();
        assert!(
            lat.abs() < 1e-6 && (lon + 179.5).abs() < 1e-3,
            "{lat} {lon}"
        );
        // "near X": no distance, no new point.
        assert!(PlaceRelation::default().offset(1.0, 2.0).is_none());
    }

    #[test]
    fn taxonomy_has_six_types_and_twenty_five_sub_types() {
        let mut types: Vec<EventType> = SubEventType::ALL.iter().map(|s| s.event_type()).collect();
        types.dedup();
        assert_eq!(types.len(), 6);
        let names: Vec<String> = SubEventType::ALL
            .iter()
            .map(|s| serde_json::to_string(s).unwrap())
            .collect();
        let mut uniq = names.clone();
        uniq.sort();
        uniq.dedup();
        assert_eq!(uniq.len(), 25);
        assert_eq!(names[4], "\"Air/drone strike\"");
        assert_eq!(
            serde_json::to_string(&SubEventType::AirDroneStrike.event_type()).unwrap(),
            "\"Explosions/Remote violence\""
        );
    }
}

//! Events in ACLED's taxonomy: the mentions found in one article and the resolved events
//! that group them across articles.

use crate::annotation::GeoPrecision;
use crate::annotation::{Stance, TimePrecision};
use serde::{Deserialize, Serialize};

/// ACLED's six event types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
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
    #[serde(rename = "Strategic developments")]
    StrategicDevelopments,
}

/// ACLED's 25 sub-event types, each under one [`EventType`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
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

/// One event as one article mentions it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
    /// ISO 3166-1 alpha-2 country code.
    pub country: Option<String>,
    /// Latitude.
    pub lat: Option<f64>,
    /// Longitude.
    pub lon: Option<f64>,
    /// How exact the point is.
    pub precision: GeoPrecision,
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
}

#[cfg(test)]
mod tests {
    use super::*;

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

//! ACLED actor types of the knowledge base's actors (`data/actor_types.tsv`): from the
//! actor's kind and the CAMEO sector codes of its roles.

use sitrep_core::{ActorTag, ActorType};
use sitrep_kb::{Actor, ActorKind};
use std::sync::LazyLock;

/// The table: CAMEO sector code → ACLED type, in priority order.
pub const TABLE: &str = include_str!("../data/actor_types.tsv");

/// Where a sector's generic agent nouns are read (the table's `agents` column).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reach {
    /// Not read in the text (`no`).
    No,
    /// Read as actor mentions (`yes`).
    Text,
    /// Read as actor mentions, and ending an organisation's name they type it (`names`:
    /// "X County Police Department").
    Names,
}

/// (sector, type, where its generic agent nouns are read).
static SECTORS: LazyLock<Vec<(&'static str, ActorType, Reach)>> = LazyLock::new(|| {
    TABLE
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let mut cols = l.split('\t');
            let code = cols.next().unwrap_or_default().trim();
            let kind = cols.next().unwrap_or_default().trim();
            let kind = ActorType::from_name(kind)
                .unwrap_or_else(|| panic!("actor_types.tsv: unknown ACLED type {kind:?}"));
            let reach = match cols.next().unwrap_or_default().trim() {
                "no" => Reach::No,
                "yes" => Reach::Text,
                "names" => Reach::Names,
                other => panic!("actor_types.tsv: agents column {other:?} (no, yes or names)"),
            };
            (code, kind, reach)
        })
        .collect()
});

/// The three-letter parts of the actor's role codes ("NGAREB" → "NGA", "REB").
fn parts(a: &Actor) -> Vec<&str> {
    a.roles
        .iter()
        .flat_map(|r| {
            let code = r.code.as_str();
            (0..code.len() / 3).filter_map(move |k| code.get(3 * k..3 * k + 3))
        })
        .collect()
}

/// The row of the actor's own id (a generic agent the table names), else of the first sector
/// of the table that its role codes hold.
fn sector(a: &Actor) -> Option<(ActorType, Reach)> {
    let parts = parts(a);
    if let Some(&(_, t, reach)) = SECTORS.iter().find(|(code, _, _)| *code == a.id) {
        return Some((t, reach));
    }
    SECTORS
        .iter()
        .find(|(code, _, _)| parts.contains(code))
        .map(|&(_, t, reach)| (t, reach))
}

/// The type the actor's role codes give.
fn by_codes(a: &Actor) -> Option<ActorType> {
    sector(a).map(|(t, _)| t)
}

/// For a generic agent of the knowledge base ("gunmen", "police", "villagers"): its type and
/// whether it also types the names it ends, when its sector's nouns are to be found in the
/// text (`agents` column).
pub fn agent_tag(a: &Actor) -> Option<(ActorTag, bool)> {
    if !a.id.starts_with("agent:") {
        return None;
    }
    let (kind, reach) = sector(a)?;
    (reach != Reach::No).then_some((
        ActorTag {
            kind,
            country: None,
        },
        reach == Reach::Names,
    ))
}

/// ACLED type and country of a knowledge-base actor, where its kind and codes say it: state
/// forces and armed groups always (an armed group with no telling code is a rebel group);
/// organisations and generic agents by their codes; a person only as a member of a state
/// force ("general", "police chief"), never for holding office; media are civilians.
pub fn tag(a: &Actor) -> Option<ActorTag> {
    let codes = by_codes(a);
    let kind = match a.kind {
        ActorKind::StateForce => Some(ActorType::StateForces),
        ActorKind::ArmedGroup => Some(codes.unwrap_or(ActorType::RebelGroup)),
        ActorKind::Person => {
            let armed = parts(a).iter().any(|p| matches!(*p, "MIL" | "COP" | "SPY"));
            armed.then_some(ActorType::StateForces)
        }
        ActorKind::Media => Some(ActorType::Civilians),
        ActorKind::Organisation | ActorKind::Other => codes,
    }?;
    Some(ActorTag {
        kind,
        country: a.country.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use sitrep_kb::Role;

    fn actor(kind: ActorKind, codes: &[&str]) -> Actor {
        Actor {
            id: "x:test".into(),
            name: "Test".into(),
            kind,
            country: Some("NG".into()),
            roles: codes
                .iter()
                .map(|c| Role {
                    code: c.to_string(),
                    title: None,
                    from: None,
                    to: None,
                })
                .collect(),
            aliases: vec![],
            source: "test".into(),
        }
    }

    #[test]
    fn the_table_parses_and_codes_give_types() {
        assert!(SECTORS.len() > 10);
        let t = |k, c: &[&str]| tag(&actor(k, c)).map(|t| t.kind);
        assert_eq!(
            t(ActorKind::ArmedGroup, &["NGAREB"]),
            Some(ActorType::RebelGroup)
        );
        assert_eq!(
            t(ActorKind::ArmedGroup, &["MEXCRM"]),
            Some(ActorType::PoliticalMilitia)
        );
        assert_eq!(t(ActorKind::ArmedGroup, &[]), Some(ActorType::RebelGroup));
        assert_eq!(
            t(ActorKind::StateForce, &["NGAMIL"]),
            Some(ActorType::StateForces)
        );
        assert_eq!(
            t(ActorKind::Organisation, &["IGOUNO"]),
            Some(ActorType::External)
        );
        assert_eq!(t(ActorKind::Other, &["CVL"]), Some(ActorType::Civilians));
        // A politician is no armed actor; a general is a state force.
        assert_eq!(t(ActorKind::Person, &["NGAGOV"]), None);
        assert_eq!(
            t(ActorKind::Person, &["NGAMIL"]),
            Some(ActorType::StateForces)
        );
        assert_eq!(
            tag(&actor(ActorKind::StateForce, &[]))
                .unwrap()
                .country
                .as_deref(),
            Some("NG")
        );
    }
}

//! ACLED's decision from actors, method and target, after the slots are filled: the trigger
//! and its sentence's cues give a first type (and the method: an air platform, artillery, a
//! bomb or a grenade type an event whoever uses them, and stay); for ground violence the
//! actors' ACLED types then decide, as an ACLED coder would:
//!
//! 1. `rioters`: an Armed clash or Attack whose attacker is rioters or protesters is a
//!    Violent demonstration ("rioters clashed with police").
//! 2. `unarmed_crowd`: an Armed clash whose attackers are all civilians and a crowd (generic
//!    nouns in the plural: "villagers", "residents"; not one person), with no armed actor on
//!    either side, is Mob violence ("residents clashed with clubs").
//! 3. `armed_on_civilians`: an Armed clash whose targets are all civilians (a private person,
//!    villagers, worshippers), with no armed target and no civilian attacker, is an Attack:
//!    violence against civilians needs only one armed side.
//! 4. `armed_on_armed`: an Attack with an armed target (state forces, a rebel group or a
//!    militia) and no civilian one is an Armed clash: two organised armed sides.
//!
//! The mention keeps the rule, the trigger's type and the deciding actors (`typed_by`).

use sitrep_core::annotation::{ActorType, GeoPrecision, Mention, MentionKind};
use sitrep_core::event::{ActorRole, EventMention, SubEventType, TypeDecision};
use sitrep_core::Article;

/// The ACLED type of an actor of the event, as far as the text says: the type the understand
/// stage gave; a private person (no knowledge-base entry) who is a target is a civilian; a
/// country or nationality that attacks stands for its forces.
fn actor_type(m: &Mention, role: ActorRole) -> Option<ActorType> {
    if let Some(t) = &m.actor {
        return Some(t.kind);
    }
    let country = m.kind == MentionKind::Nationality
        || m.kind == MentionKind::Place
            && m.geo
                .as_ref()
                .is_some_and(|g| g.precision == GeoPrecision::Country);
    match (m.kind, role) {
        (MentionKind::Person, ActorRole::Target) if m.kb_id.is_none() => Some(ActorType::Civilians),
        (_, ActorRole::Attacker) if country => Some(ActorType::StateForces),
        _ => None,
    }
}

fn armed(t: ActorType) -> bool {
    matches!(
        t,
        ActorType::StateForces
            | ActorType::RebelGroup
            | ActorType::PoliticalMilitia
            | ActorType::IdentityMilitia
            | ActorType::External
    )
}

/// The rule that retypes `e`, its new type and the deciding actors; `None` when the
/// trigger's type stands.
fn rule(
    e: &EventMention,
    mentions: &[Mention],
) -> Option<(&'static str, SubEventType, Vec<usize>)> {
    use SubEventType::*;
    if !matches!(e.sub_event_type, ArmedClash | Attack) {
        return None;
    }
    let typed = |role: ActorRole| -> Vec<(usize, Option<ActorType>)> {
        e.actors
            .iter()
            .filter(|a| a.role == role)
            .filter_map(|a| Some((a.mention, actor_type(mentions.get(a.mention)?, role))))
            .collect()
    };
    let attackers = typed(ActorRole::Attacker);
    let targets = typed(ActorRole::Target);
    let is = |list: &[(usize, Option<ActorType>)], f: &dyn Fn(ActorType) -> bool| -> Vec<usize> {
        list.iter()
            .filter(|(_, t)| t.is_some_and(f))
            .map(|(m, _)| *m)
            .collect()
    };
    let crowd = is(&attackers, &|t| {
        matches!(t, ActorType::Rioters | ActorType::Protesters)
    });
    if !crowd.is_empty() {
        return Some(("rioters", ViolentDemonstration, crowd));
    }
    let armed_attackers = is(&attackers, &armed);
    let civilian_attackers = is(&attackers, &|t| t == ActorType::Civilians);
    // A crowd: a generic noun in the plural or a collective one ("villagers", "a mob"), not
    // one person ("the child shot himself").
    let crowd_of_civilians = !civilian_attackers.is_empty()
        && civilian_attackers.iter().all(|&k| {
            mentions.get(k).is_some_and(|m| {
                let t = m.text.to_lowercase();
                m.kb_id
                    .as_deref()
                    .is_some_and(|id| id.starts_with("agent:"))
                    && (t.ends_with('s') || matches!(t.as_str(), "mob" | "crowd" | "people"))
            })
        });
    let armed_targets = is(&targets, &armed);
    let civilian_targets = is(&targets, &|t| t == ActorType::Civilians);
    match e.sub_event_type {
        ArmedClash
            if !attackers.is_empty()
                && civilian_attackers.len() == attackers.len()
                && crowd_of_civilians
                && armed_targets.is_empty() =>
        {
            Some(("unarmed_crowd", MobViolence, civilian_attackers))
        }
        ArmedClash
            if !targets.is_empty()
                && civilian_targets.len() == targets.len()
                && civilian_attackers.is_empty() =>
        {
            let mut ev = armed_attackers;
            ev.extend(civilian_targets);
            Some(("armed_on_civilians", Attack, ev))
        }
        Attack if !armed_targets.is_empty() && civilian_targets.is_empty() => {
            let mut ev = armed_attackers;
            ev.extend(armed_targets);
            Some(("armed_on_armed", ArmedClash, ev))
        }
        _ => None,
    }
}

/// Apply the rules to every event mention of `article`.
pub(crate) fn decide(article: &mut Article) {
    let Some(events) = article.event_mentions.as_mut() else {
        return;
    };
    let mentions = article.mentions.as_deref().unwrap_or(&[]);
    for e in events.iter_mut() {
        if let Some((rule, sub, evidence)) = rule(e, mentions) {
            e.typed_by = Some(TypeDecision {
                rule: rule.to_string(),
                trigger_type: e.sub_event_type,
                evidence,
            });
            e.sub_event_type = sub;
            e.event_type = sub.event_type();
        }
    }
}

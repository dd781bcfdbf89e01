//! The actors slot: the rules are in the module docs of `slots` (**Actors**).

use super::{is_in, Env};
use crate::cues::Class;
use crate::words_before;
use sitrep_core::annotation::{ActorType, GeoPrecision, MentionKind};
use sitrep_core::event::{ActorRole, EventType, MentionActor};

impl Env<'_> {
    pub(super) fn actors(&self, i: usize) -> Vec<MentionActor> {
        let e = &self.events[i];
        let s = self.ev_sent[i];
        let ctx = self.ctx;
        let trig = &ctx.lower[ctx.byte(e.start)..ctx.byte(e.end)];
        let last_word = trig
            .rsplit(|b| !b.is_ascii_alphanumeric())
            .next()
            .unwrap_or(trig);
        // "-ing" after an article within two words is a noun ("an accidental shooting").
        let ing_noun = last_word.ends_with(b"ing")
            && words_before(&ctx.lower, ctx.byte(e.start), 2)
                .iter()
                .any(|w| is_in(Class::SkipBefore, w));
        let verb = last_word.ends_with(b"ed")
            || (last_word.ends_with(b"ing") && !ing_noun)
            || is_in(Class::IrregularVerb, last_word);
        // The auxiliary before the trigger, or opening it ("who was shot").
        let aux_inside = trig
            .split(|b| !b.is_ascii_alphanumeric())
            .find(|w| !w.is_empty())
            .is_some_and(|w| w.len() < trig.len() && is_in(Class::PassiveAux, w));
        let passive = verb
            && (aux_inside
                || ctx
                    .before(e.start, 1)
                    .first()
                    .is_some_and(|w| is_in(Class::PassiveAux, w)));
        // A participle trigger that a preposition, a day or nothing follows ("shot in the
        // park", "killed by a stray bullet", "wounded Saturday"): a reduced passive when a
        // private person stands right before it.
        let reduced = {
            let mut words = trig
                .split(|b| !b.is_ascii_alphanumeric())
                .filter(|w| !w.is_empty());
            let first = words.next().unwrap_or(trig);
            let participle = first.ends_with(b"ed") || is_in(Class::IrregularVerb, first);
            // "shot dead inside a flat": the word after the participle and "dead".
            let next = words
                .find(|w| *w != b"dead")
                .or_else(|| ctx.after(e.end, 1).first().copied());
            participle && next.is_none_or(|w| is_in(Class::PassiveNext, w))
        };
        let battle = e.event_type == EventType::Battles;
        let blamed = self
            .claim_of(i)
            .is_some_and(|c| is_in(Class::BlameCue, c.cue.to_ascii_lowercase().as_bytes()));
        let mut out: Vec<MentionActor> = Vec::new();
        // The last candidate given a role: its end and role, for "X and Y".
        let mut last: Option<(usize, ActorRole)> = None;
        let mut between_first = false;
        for j in self.mentions_in(s) {
            let m = &self.mentions[j];
            if m.start < e.end && e.start < m.end {
                // "Protesters marched", "rioters torched", "gunmen opened fire": the trigger
                // names the crowd or the armed men that act.
                let doer = m
                    .actor
                    .as_ref()
                    .is_some_and(|t| t.kind != ActorType::Civilians);
                if doer {
                    out.push(MentionActor {
                        mention: j,
                        role: ActorRole::Attacker,
                    });
                }
                continue;
            }
            let country = m.kind == MentionKind::Place
                && m.geo
                    .as_ref()
                    .is_some_and(|g| g.precision == GeoPrecision::Country);
            let kind_ok = matches!(
                m.kind,
                MentionKind::ArmedGroup
                    | MentionKind::Organisation
                    | MentionKind::Person
                    | MentionKind::Nationality
            ) || country;
            if kind_ok && self.claims_responsibility(i, j) {
                last = Some((m.end, ActorRole::Attacker));
                if !out.iter().any(|a| a.mention == j) {
                    out.push(MentionActor {
                        mention: j,
                        role: ActorRole::Attacker,
                    });
                }
                continue;
            }
            if !kind_ok
                || self.is_speaker(j)
                || self.attribution(i, m.start, m.end)
                || ctx.within_before(m.start, "since", 6)
            {
                continue;
            }
            let before = m.end <= e.start;
            let prev = ctx.prev(m.start);
            let prev_is = |w: &str| prev == Some(w.as_bytes());
            let poss = ctx.possessive(m.end);
            let tail = poss.unwrap_or(m.end);
            let next: Vec<&[u8]> = ctx.after(tail, 3);
            let weapon_next = self.weapon_within(m.end, tail + 2);
            // The noun a nationality or a possessive qualifies, adjectives skipped.
            let qualifies = |class: Class| next.iter().take(3).any(|w| is_in(class, w));
            // Words between the mention and the trigger (or the trigger and the mention).
            let gap: Vec<&[u8]> = if before {
                ctx.words_between(tail, e.start)
            } else {
                ctx.words_between(e.end, m.start)
            };
            let punct_gap = if before {
                ctx.punct_between(tail, e.start)
            } else {
                ctx.punct_between(e.end, m.start)
            };
            // A clause boundary between them; a relative pronoun right after the mention
            // ("fighters who attacked") is not one.
            let broken = punct_gap
                || gap.iter().enumerate().any(|(k, w)| {
                    is_in(Class::ClauseBreak, w) && !(before && k <= 1 && is_in(Class::Relative, w))
                });
            let trigger_next = before && gap.len() <= 2 && !punct_gap;
            let agentive = qualifies(Class::AgentNoun) || weapon_next || trigger_next;
            let victim = m.kind == MentionKind::Nationality && qualifies(Class::VictimNoun);
            let position = poss.is_some() && qualifies(Class::PositionNoun);
            let by = prev_is("by")
                || (m.kind == MentionKind::Nationality
                    && ctx.before(m.start, 2).get(1) == Some(&b"by".as_slice()));
            if m.kind == MentionKind::Nationality && !(agentive || victim || position || by) {
                continue;
            }
            if poss.is_some() && !(agentive || position) {
                // "X's failure", "X's defence ministry": not a side of the event.
                continue;
            }
            let near_after = !before && !broken && gap.len() <= 5;
            let accused = prev.is_some_and(|w| is_in(Class::Accuse, w));
            let light = gap.iter().any(|w| is_in(Class::LightVerb, w));
            let coordinated = prev.is_some_and(|w| is_in(Class::Coordinator, w))
                && last.is_some_and(|(end, _)| ctx.words_between(end, m.start).len() <= 2);
            let subject_ok = before
                && !broken
                && (if verb {
                    gap.len()
                        <= if m.kind == MentionKind::ArmedGroup {
                            14
                        } else {
                            8
                        }
                } else {
                    trigger_next || light
                })
                && (!prev
                    .is_some_and(|w| is_in(Class::LocPrep, w) || is_in(Class::NonSubjectPrep, w))
                    || poss.is_some()
                    || (m.kind != MentionKind::Place && matches!(prev, Some(b"of"))));
            let country_subject = subject_ok
                && (poss.is_some()
                    || trigger_next
                    || prev.is_none_or(|w| is_in(Class::ClauseStart, w)));
            let attacker_cue = (by && (before || (!broken && gap.len() <= 8)))
                || (accused && before)
                || (blamed && near_after && prev_is("on"));
            let target_cue = victim
                || (position && (before || near_after))
                || (near_after && prev.is_some_and(|w| is_in(Class::TargetPrep, w)))
                || (near_after && prev_is("with") && battle);
            let role = if coordinated {
                last.map(|(_, r)| r)
            } else if attacker_cue {
                Some(ActorRole::Attacker)
            } else if target_cue {
                Some(ActorRole::Target)
            } else if prev_is("between") && (before || near_after) {
                between_first = true;
                Some(ActorRole::Attacker)
            } else if (before || near_after) && prev_is("from") && !country {
                Some(ActorRole::Attacker)
            } else if country {
                // A country is a side only as a subject.
                country_subject.then_some(if passive {
                    ActorRole::Target
                } else {
                    ActorRole::Attacker
                })
            } else if before {
                let private = m.kind == MentionKind::Person
                    && m.actor
                        .as_ref()
                        .is_none_or(|t| t.kind == ActorType::Civilians);
                // "a girl shot in the park", "a teen found shot dead".
                let next_to = gap.is_empty() || gap == [b"found".as_slice()];
                let reduced = reduced && private && next_to && poss.is_none();
                // "the victims of the shooting".
                let victims_of = gap.first() == Some(&b"of".as_slice())
                    && is_in(
                        Class::VictimNoun,
                        &ctx.lower[ctx.byte(m.start)..ctx.byte(m.end)],
                    );
                subject_ok.then_some(if passive || reduced || victims_of {
                    ActorRole::Target
                } else {
                    ActorRole::Attacker
                })
            } else if verb && !passive && !broken && gap.len() <= 3 {
                Some(ActorRole::Target)
            } else if !broken
                && gap.len() <= 10
                && matches!(m.kind, MentionKind::ArmedGroup | MentionKind::Nationality)
            {
                Some(ActorRole::Associated)
            } else {
                None
            };
            // "between X and Y": Y is the other side.
            let role = match role {
                Some(ActorRole::Attacker) if coordinated && between_first => {
                    between_first = false;
                    Some(ActorRole::Target)
                }
                r => r,
            };
            if let Some(role) = role {
                last = Some((m.end, role));
                if !out.iter().any(|a| a.mention == j) {
                    out.push(MentionActor { mention: j, role });
                }
            }
        }
        out
    }
}

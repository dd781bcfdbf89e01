//! The counts slot: the rules are in the module docs of `slots` (**Counts**).

use super::{is_in, Env};
use crate::cues::Class;
use crate::words_before;
use sitrep_core::event::SubEventType;
use sitrep_core::Quantity;

impl Env<'_> {
    pub(super) fn counts(&self, quantities: &[Quantity]) -> Vec<Vec<usize>> {
        let mut out: Vec<Vec<usize>> = vec![Vec::new(); self.events.len()];
        let main = self.main();
        let casualty = |i: usize| {
            let t = self.events[i].trigger.to_ascii_lowercase();
            let first = t
                .split(|c: char| !c.is_ascii_alphanumeric())
                .next()
                .unwrap_or("");
            is_in(Class::Casualty, first.as_bytes())
        };
        for (q, qt) in quantities.iter().enumerate() {
            if !qt
                .predicate
                .as_deref()
                .is_some_and(|p| is_in(Class::Toll, p.as_bytes()))
            {
                continue;
            }
            let sq = self.ctx.sentence(qt.start);
            let dist = |i: usize| {
                let e = &self.events[i];
                if e.end <= qt.start {
                    qt.start - e.end
                } else {
                    e.start.saturating_sub(qt.end)
                }
            };
            let here: &[usize] = self.ev_by_sent.get(sq).map_or(&[], Vec::as_slice);
            let anchor = if !here.is_empty() {
                let plain: Vec<usize> = here.iter().copied().filter(|&i| !casualty(i)).collect();
                let pool = if plain.is_empty() { here } else { &plain };
                pool.iter().copied().min_by_key(|&i| dist(i))
            } else {
                // The events of the nearest sentences that have any (both sides at a tie).
                let with = &self.sents_with_events;
                let k = with.partition_point(|&t| t < sq);
                let near = [k.checked_sub(1), Some(k)]
                    .into_iter()
                    .flatten()
                    .filter_map(|p| with.get(p).copied())
                    .map(|t| t.abs_diff(sq))
                    .min();
                let mut pool: Vec<usize> = near
                    .into_iter()
                    .flat_map(|d| [sq.checked_sub(d), Some(sq + d)])
                    .flatten()
                    .flat_map(|t| self.ev_by_sent.get(t).into_iter().flatten().copied())
                    .collect();
                pool.sort_unstable();
                pool.dedup();
                pool.into_iter().min_by_key(|&i| {
                    (
                        self.ev_sent[i].abs_diff(sq),
                        self.events[i].background,
                        !self.events[i].main,
                    )
                })
            };
            let Some(a) = anchor else { continue };
            let detained = qt
                .predicate
                .as_deref()
                .is_some_and(|p| is_in(Class::ArrestToll, p.as_bytes()));
            let own_kind = here.iter().copied().find(|&i| {
                matches!(
                    self.events[i].sub_event_type,
                    SubEventType::Arrests | SubEventType::AbductionForcedDisappearance
                )
            });
            let separate = here.iter().any(|&i| {
                let (b, _) = self.ctx.sents.get(self.ev_sent[i]).unwrap_or_default();
                let e = self.ctx.byte(self.events[i].start);
                words_before(&self.ctx.lower[b..], e - b, 40)
                    .iter()
                    .any(|w| is_in(Class::Separate, w))
                    || self.determined_apart(i)
            });
            let to = if self.events[a].background {
                a
            } else if detained && own_kind.is_some() {
                own_kind.unwrap_or(a)
            } else if separate && !here.is_empty() {
                a
            } else {
                main.unwrap_or(a)
            };
            out[to].push(q);
        }
        out
    }
}

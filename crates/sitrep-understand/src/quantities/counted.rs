//! What is counted: the noun phrase after a number (its head noun as a lemma) and the predicate
//! of its clause (before the number in the active voice, after it in the passive).

use super::numbers::{month, unit_compound};
use super::words::*;
use super::{Dir, Found, Np, NumKind, Sent};
use crate::tokens::TokKind;

impl Sent<'_> {
    /// Read the counted noun phrase from token `j`, filling `counts`, `known`, `end` and a
    /// predicate carried by the phrase itself (`two dead`, `12 injured people`).
    pub(super) fn noun_phrase(&self, j: usize, f: &mut Found) -> Np {
        let mut k = j;
        let mut words = 0;
        let mut head: Option<usize> = None;
        let mut modifiers: Vec<&str> = Vec::new();
        while words < 5 {
            if self.is_quote(k) {
                k += 1;
                continue;
            }
            let w = self.lw(k);
            let kind = self.kind(k);
            if kind != Some(TokKind::Word) || w.is_empty() {
                break;
            }
            if w.ends_with("-year-old") || w.ends_with("-month-old") {
                // An age is a modifier (`a 10-year-old boy`).
                k += 1;
                words += 1;
                continue;
            }
            if unit(w) {
                if words == 0 {
                    return Np::Unit;
                }
                break;
            }
            if stop_word(w) {
                break;
            }
            if let Some((p, noun_able)) = pred_word(w) {
                if !noun_able {
                    break;
                }
                // A modifier (`12 injured people`) or the head itself (`two dead`).
                if noun(self.lw(k + 1)).is_some() {
                    f.pred = Some(p);
                    f.dir = Dir::After;
                    k += 1;
                    words += 1;
                    continue;
                }
                f.pred = Some(p);
                f.dir = Dir::After;
                if f.kind == NumKind::Zero && p == "casualties" {
                    f.casualties_zero = true;
                }
                f.end = k + 1;
                return Np::Done;
            }
            if compound_modifier(w) {
                modifiers.push(w);
            }
            if let Some(lemma) = noun(w) {
                head = Some(k);
                f.counts = Some(lemma.to_string());
                f.known = true;
                // A compound whose head comes next (`drone attacks`, `tank crews`).
                let next = self.lw(k + 1);
                if self.kind(k + 1) == Some(TokKind::Word)
                    && !stop_word(next)
                    && pred_word(next).is_none()
                    && !unit(next)
                    && (noun(next).is_some() || compound_tail(next))
                {
                    head = None;
                    f.counts = None;
                    f.known = false;
                    k += 1;
                    words += 1;
                    continue;
                }
                break;
            }
            // An unknown word: an adjective, or an unknown plural head.
            if self.kind(k + 1) != Some(TokKind::Word)
                || stop_word(self.lw(k + 1))
                || pred_word(self.lw(k + 1)).is_some()
            {
                if f.kind == NumKind::Zero && words == 0 && w == "one" {
                    break;
                }
                if w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") && !self.is_capitalised(k)
                {
                    head = Some(k);
                    f.counts = Some(singular(w));
                    f.known = false;
                }
                break;
            }
            k += 1;
            words += 1;
        }
        if let Some(h) = head {
            // The last word read is the head; a later known noun wins (`assault units`).
            f.end = h + 1;
            if let Some(c) = f.counts.as_deref().and_then(|c| compound(&modifiers, c)) {
                f.counts = Some(c.to_string());
            }
        } else if f.kind == NumKind::Zero && is(self.lw(f.end - 1), ZERO_PERSON) {
            f.counts = Some("person".into());
            f.known = true;
        }
        Np::Done
    }

    /// An active predicate just before the quantity: `killed two`, `injuring 12`, `death
    /// toll of 5`, `the dead included three children`.
    pub(super) fn pred_before(&self, start: usize) -> Option<&'static str> {
        if start == 0 {
            return None;
        }
        let mut k = start - 1;
        // `killed a total of 12`
        if self.lw(k) == "of" && k >= 2 && self.lw(k - 1) == "total" && self.lw(k - 2) == "a" {
            k = k.checked_sub(3)?;
        }
        let w = self.lw(k);
        if let Some((p, _)) = pred_word(w) {
            if !is(w, NOMINAL_PREDICATE) {
                return Some(p);
            }
        }
        if w == "down" && k > 0 && self.lw(k - 1) == "shot" {
            return Some("shot_down");
        }
        // Nominal: `death toll (rose) to 5`, `the dead included`, `among the injured were`.
        let mut steps = 0;
        let mut k = start;
        while k > 0 && steps < 5 {
            k -= 1;
            steps += 1;
            let w = self.lw(k);
            match w {
                "toll" => {
                    return Some(if k > 0 && self.lw(k - 1) == "injury" {
                        "injured"
                    } else {
                        "killed"
                    })
                }
                _ if is(w, TOLL_LINK) => continue,
                _ => {
                    if let Some((p, true)) = pred_word(w) {
                        if k > 0 && is(self.lw(k - 1), NOMINAL_DETERMINER) {
                            return Some(p);
                        }
                    }
                    return None;
                }
            }
        }
        None
    }

    /// A predicate after the counted noun: `were killed`, `had been injured`, `died`,
    /// `lost their lives`, `injured in the attack`.
    pub(super) fn pred_after(&self, end: usize) -> Option<&'static str> {
        let mut k = end;
        let mut aux = false;
        for _ in 0..6 {
            let w = self.lw(k);
            if self.is_quote(k) {
                k += 1;
                continue;
            }
            match w {
                _ if is(w, PREDICATE_LINK) => {
                    aux = true;
                    k += 1;
                    continue;
                }
                "lost" if is(self.lw(k + 1), LIFE_POSSESSIVE) && is(self.lw(k + 2), LIFE_NOUN) => {
                    return Some("killed")
                }
                "shot" if self.lw(k + 1) == "down" => return Some("shot_down"),
                // "shot dead", "fatally shot", "shot and killed" / "shot and wounded".
                "shot" if self.lw(k + 1) == "dead" || k > 0 && self.lw(k - 1) == "fatally" => {
                    return Some("killed")
                }
                _ if is(w, AND_VERB) && self.lw(k + 1) == "and" => {
                    aux = true;
                    k += 2;
                    continue;
                }
                _ if is(w, DEAD_VERB) && self.lw(k + 1) == "dead" => return Some("killed"),
                "taken" if is(self.lw(k + 1), TAKEN_AS) => return Some("captured"),
                _ if is(w, FLEE_VERB) => return Some("displaced"),
                _ => {}
            }
            let (p, _) = pred_word(w)?;
            if !aux {
                // Directly after the noun and followed by an object: the counted things did
                // it (`two drones destroyed a bridge`).
                let next = self.lw(k + 1);
                let object = is(next, OBJECT_WORD)
                    || self.kind(k + 1) == Some(TokKind::Number)
                    || unit_compound(next).is_some()
                    || self.is_capitalised(k + 1)
                        && self.kind(k + 1) == Some(TokKind::Word)
                        && sitrep_lexicon::weekday(next).is_none()
                        && !month(next);
                if object && !is(w, INTRANSITIVE) {
                    return None;
                }
            }
            return Some(p);
        }
        None
    }
}

/// Units of measurement, time, money: a number of these is not a count.
fn unit(w: &str) -> bool {
    is(w, UNIT)
}

/// Closed-class words that end a noun phrase ([`super::words::STOP`]).
fn stop_word(w: &str) -> bool {
    is(w, STOP)
}

/// Words that follow a known noun in a compound whose head they are (`drone attacks`).
fn compound_tail(w: &str) -> bool {
    is(w, COMPOUND_TAIL)
}

/// Nouns meaning casualties in general (`without casualties`).
pub(super) fn casualty_noun(w: &str) -> bool {
    is(w, CASUALTY_NOUN)
}

/// A crude singular for unknown plural heads (`substations` → `substation`).
fn singular(w: &str) -> String {
    if let Some(s) = w.strip_suffix("ies") {
        format!("{s}y")
    } else if ["ches", "shes", "sses", "xes"]
        .iter()
        .any(|e| w.ends_with(e))
    {
        w[..w.len() - 2].to_string()
    } else {
        w[..w.len() - 1].to_string()
    }
}

//! Cues: the reporting words of a sentence (sitrep-lexicon's reporting verbs, "according to",
//! "neither confirm nor deny", "could not confirm", "declined to comment") and the passives.

use super::words::*;
use super::{Ctx, Cue};
use sitrep_core::Stance;

impl<'a> Ctx<'a> {
    /// The cues of the sentence's tokens `a..b`, outside quotations.
    pub(super) fn cues(&self, a: usize, b: usize) -> Vec<Cue> {
        let mut out = Vec::new();
        let mut k = a;
        while k < b {
            if self.in_quote(k) || !self.is_word(k) {
                k += 1;
                continue;
            }
            let w = self.lw(k);
            let mk = |start, end, stance, weak| Cue {
                start,
                end,
                stance,
                participle: false,
                weak,
                according: false,
            };
            // "according to"
            if w == "according" && self.lw(k + 1) == "to" {
                out.push(Cue {
                    according: true,
                    ..mk(k, k + 2, Stance::Asserts, false)
                });
                k += 2;
                continue;
            }
            // "neither confirm nor deny"
            if w == "neither"
                && is(self.lw(k + 1), NEITHER_VERB)
                && self.lw(k + 2) == "nor"
                && is(self.lw(k + 3), NOR_VERB)
            {
                out.push(mk(k, k + 4, Stance::NeitherConfirmsNorDenies, true));
                k += 4;
                continue;
            }
            // "could not (immediately) confirm", "cannot verify", "did not comment".
            if let Some(n) = self.negated(k) {
                let mut j = k + n;
                if is(self.lw(j), COMMENT_ADVERB) {
                    j += 1;
                }
                if is(self.lw(j), COMMENT_VERB) {
                    out.push(mk(k, j + 1, Stance::NeitherConfirmsNorDenies, true));
                    k = j + 1;
                    continue;
                }
            }
            if is(w, DECLINE_VERB) && self.lw(k + 1) == "to" && is(self.lw(k + 2), DECLINE_OBJECT) {
                out.push(mk(k, k + 3, Stance::NeitherConfirmsNorDenies, true));
                k += 3;
                continue;
            }
            if let Some((stance, weak, participle)) = cue_word(w) {
                // An adjective, not a verb: "the alleged attack", "a confirmed case".
                let prev = if k > a { self.lw(k - 1) } else { "" };
                let det = is(prev, ADJECTIVE_MARKER);
                // "is said to", "has been accused" are passives and fine; "the said" is not.
                if !det {
                    out.push(Cue {
                        participle,
                        ..mk(k, k + 1, stance, weak)
                    });
                }
            }
            k += 1;
        }
        out
    }

    /// A negation starting at `k` ("could not", "cannot", "didn't"): its length in tokens.
    pub(super) fn negated(&self, k: usize) -> Option<usize> {
        let w = self.lw(k);
        if is(w, NEGATION) {
            return Some(1);
        }
        if is(w, NEGATED_AUX) && self.lw(k + 1) == "not" {
            return Some(2);
        }
        None
    }

    /// Whether the cue at `k` is a passive ("is said to", "has been accused").
    pub(super) fn passive(&self, a: usize, k: usize) -> bool {
        let mut j = k;
        while j > a {
            j -= 1;
            let w = self.lw(j);
            if is(w, PASSIVE_ADVERB) {
                continue;
            }
            return is(w, PASSIVE_AUX);
        }
        false
    }
}

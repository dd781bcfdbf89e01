//! Things written in lowercase: facilities ("oil depot", "border post") and weapons ("drones",
//! "armored personnel carrier", "Mi-24 helicopters").

use super::typing::{is_acronym, is_model_name};
use super::{Found, MentionFinder, Sent};
use crate::lexicon::bits;
use sitrep_core::MentionKind;

impl MentionFinder {
    /// Facilities and weapons written in lowercase, and weapon model names.
    pub(super) fn lowercase_things(&self, s: &Sent, out: &mut Vec<Found>) {
        let n = s.toks.len();
        let mut i = 0;
        while i < n {
            let w = s.word(i);
            let f = self.lex.flags(w);
            let lower = w.starts_with(char::is_lowercase);
            // Weapon: [model] [modifiers] noun, or a model name alone ("Mi-24").
            let capital_ok = !lower && i > 0 && !s.sentence_initial(i);
            if f & bits::WEAPON != 0 && (lower || capital_ok || is_acronym(w)) || is_model_name(w) {
                let mut a = i;
                while a > 0 && {
                    let p = s.word(a - 1);
                    (self.lex.is(p, bits::WEAPON_MOD) && p.starts_with(char::is_lowercase))
                        || is_model_name(p)
                } {
                    a -= 1;
                }
                let mut e = i + 1;
                // A model name takes the noun after it: "Mi-24 helicopters".
                if is_model_name(w) {
                    while e < n
                        && self.lex.is(s.word(e), bits::WEAPON | bits::WEAPON_MOD)
                        && s.word(e).starts_with(char::is_lowercase)
                    {
                        e += 1;
                    }
                }
                let has_mod = a < i || is_model_name(w);
                let needs_mod = f & bits::WEAPON_NEEDS_MOD != 0 && !is_model_name(w);
                if !needs_mod || has_mod {
                    out.push(s.found(a, e, MentionKind::Weapon));
                    i = e;
                    continue;
                }
            }
            // Facility: modifiers + head ("oil depot", "border post", "bridge").
            if lower && f & bits::FACILITY != 0 {
                let mut a = i;
                while a > 0 && {
                    let p = s.word(a - 1);
                    p.starts_with(char::is_lowercase) && self.lex.is(p, bits::FACILITY_MOD)
                } {
                    a -= 1;
                }
                if a < i || f & bits::FACILITY_NEEDS_MOD == 0 {
                    out.push(s.found(a, i + 1, MentionKind::Facility));
                }
            }
            i += 1;
        }
    }
}

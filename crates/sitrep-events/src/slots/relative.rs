//! Relative locations: the words right before a place that put an event near it rather than at
//! it ("near X", "outside X", "off X", "on the outskirts of X", "off the coast of X", "north of
//! X"), or at a distance and a bearing from it ("40 km north of X", "about 20 miles east of
//! X"). The rules are in the module docs of `slots` (**Place**); the words are the `compass`,
//! `unit-km`, `unit-mile`, `near-prep`, `near-noun`, `approx` and `reference-link` classes of
//! `data/cues.tsv`.

use super::{is_in, Ctx, Env};
use crate::cues::Class;
use sitrep_core::event::PlaceRelation;

/// Kilometres in a statute mile and in a nautical mile.
const MILE_KM: f64 = 1.609_344;
const NAUTICAL_MILE_KM: f64 = 1.852;

/// A word read backwards from a point: its lowercase text and its first byte.
struct Back<'a> {
    text: &'a [u8],
    start: usize,
}

impl Ctx {
    /// Up to `n` words right before byte `b`, nearest first, stopping at any punctuation but a
    /// hyphen (a comma ends the phrase); a number keeps its decimal point ("2.5").
    fn words_back(&self, b: usize, n: usize) -> Vec<Back<'_>> {
        let t = &self.lower;
        let mut out = Vec::new();
        let mut i = b.min(t.len());
        while out.len() < n {
            while i > 0 && matches!(t[i - 1], b' ' | b'\t') {
                i -= 1;
            }
            let e = i;
            while i > 0 {
                let c = t[i - 1];
                let decimal = c == b'.'
                    && i >= 2
                    && t[i - 2].is_ascii_digit()
                    && t.get(i).is_some_and(u8::is_ascii_digit);
                if c.is_ascii_alphanumeric() || c == b'-' || decimal {
                    i -= 1;
                } else {
                    break;
                }
            }
            if i == e {
                break;
            }
            out.push(Back {
                text: &t[i..e],
                start: i,
            });
        }
        out
    }

    /// The relative phrase that ends right before character `ch` (where a place starts).
    pub(super) fn relative_before(&self, ch: usize) -> Option<PlaceRelation> {
        let mut w = self.words_back(self.byte(ch), 8);
        // "east of downtown Atlanta", "north of the capital X".
        if w.first()
            .is_some_and(|b| is_in(Class::PlaceModifier, b.text))
        {
            w.remove(0);
        }
        let word = |k: usize| w.get(k).map(|b| b.text);
        let rel = |k: usize, km: Option<f64>, bearing: Option<f64>| {
            Some(PlaceRelation {
                start: self.chars.byte_to_char(w[k].start),
                end: ch,
                km,
                bearing,
            })
        };
        let w0 = word(0)?;
        if is_in(Class::NearPrep, w0) {
            return rel(0, None, None);
        }
        if w0 == b"to" && matches!(word(1), Some(b"close" | b"next")) {
            return rel(1, None, None);
        }
        if w0 != b"of" {
            return None;
        }
        let w1 = word(1)?;
        if is_in(Class::NearNoun, w1) {
            // "off the coast of X", "on the outskirts of X".
            let k = if word(2) == Some(b"the") && word(3).is_some_and(|x| is_in(Class::NearPrep, x))
            {
                3
            } else {
                1
            };
            return rel(k, None, None);
        }
        if !is_in(Class::Compass, w1) {
            return None;
        }
        let bearing = bearing_of(w1);
        // A distance before the compass word: "40 km", "20 nautical miles", "40km".
        let (km, k) = match (word(2), word(3)) {
            (Some(u), Some(n)) if is_in(Class::UnitKm, u) => (number(n), 3),
            (Some(u), Some(b"nautical")) if is_in(Class::UnitMile, u) => {
                (word(4).and_then(number).map(|x| x * NAUTICAL_MILE_KM), 4)
            }
            (Some(u), Some(n)) if is_in(Class::UnitMile, u) => (number(n).map(|x| x * MILE_KM), 3),
            (Some(glued), _) => (glued_distance(glued), 2),
            _ => (None, 1),
        };
        match km {
            Some(km) => {
                // "about 20 miles east of": the hedge belongs to the phrase.
                let k = if word(k + 1).is_some_and(|x| is_in(Class::Approx, x)) {
                    k + 1
                } else {
                    k
                };
                rel(k, Some(km), Some(bearing))
            }
            None => rel(1, None, Some(bearing)),
        }
    }
}

impl Env<'_> {
    /// Whether place mention `j` is only a landmark for a town or district the gazetteer
    /// knows, named just before it: "in Boonsboro, about 10 miles south of *Hagerstown*",
    /// "X, which is 18 km east of *Y*", "in X, near *Y*".
    pub(super) fn landmark(&self, j: usize) -> bool {
        let m = &self.mentions[j];
        let Some(r) = self.ctx.relative_before(m.start) else {
            return false;
        };
        let s = self.m_sent[j];
        self.mentions_in(s)
            .filter(|&k| k != j && self.mentions[k].end <= r.start && self.place_rank(k).is_some())
            .last()
            // A street or a place the gazetteer lacks has no point of its own: the phrase
            // places it ("on Elm Road outside X").
            .filter(|&k| {
                self.mentions[k].kb_id.is_some() && self.place_rank(k).is_some_and(|r| r <= 1)
            })
            .is_some_and(|k| {
                let between = self.ctx.words_between(self.mentions[k].end, r.start);
                let others = self.mentions_in(s).any(|o| {
                    o != k
                        && o != j
                        && self.mentions[o].start >= self.mentions[k].end
                        && self.mentions[o].end <= r.start
                });
                between.len() <= 4
                    && !others
                    && between
                        .iter()
                        .all(|w| is_in(Class::ReferenceLink, w) || is_in(Class::Approx, w))
            })
    }

    /// How the text places an event relative to place mention `j` ("40 km north of X", "near
    /// X"); `j` is the event's place, so never a mere landmark (`landmark` keeps those
    /// out of the choice).
    pub(super) fn relation(&self, j: usize) -> Option<PlaceRelation> {
        self.ctx.relative_before(self.mentions[j].start)
    }
}

/// Degrees clockwise from north of a compass word, from its parts ("north-east" → 45).
fn bearing_of(w: &[u8]) -> f64 {
    let has = |p: &[u8]| w.windows(p.len()).any(|x| x == p);
    let y = f64::from(u8::from(has(b"north"))) - f64::from(u8::from(has(b"south")));
    let x = f64::from(u8::from(has(b"east"))) - f64::from(u8::from(has(b"west")));
    (x.atan2(y).to_degrees() + 360.0) % 360.0
}

/// A number written in digits ("40", "2.5").
fn number(w: &[u8]) -> Option<f64> {
    std::str::from_utf8(w)
        .ok()?
        .parse::<f64>()
        .ok()
        .filter(|x| *x > 0.0)
}

/// A distance glued to its unit ("40km", "30-km", "12mi"), in km.
fn glued_distance(w: &[u8]) -> Option<f64> {
    let d = w.iter().position(|c| !c.is_ascii_digit() && *c != b'.')?;
    let n = number(&w[..d])?;
    let unit = w[d..].strip_prefix(b"-").unwrap_or(&w[d..]);
    if is_in(Class::UnitKm, unit) {
        Some(n)
    } else if is_in(Class::UnitMile, unit) {
        Some(n * MILE_KM)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bearings_from_compass_words() {
        assert_eq!(bearing_of(b"north"), 0.0);
        assert_eq!(bearing_of(b"east"), 90.0);
        assert_eq!(bearing_of(b"south-west"), 225.0);
        assert_eq!(bearing_of(b"northwestern"), 315.0);
    }

    #[test]
    fn distances_glued_to_units() {
        assert_eq!(glued_distance(b"40km"), Some(40.0));
        assert_eq!(glued_distance(b"30-km"), Some(30.0));
        assert!((glued_distance(b"10mi").unwrap() - 16.093).abs() < 1e-2);
        assert_eq!(glued_distance(b"km"), None);
        assert_eq!(glued_distance(b"40"), None);
    }
}

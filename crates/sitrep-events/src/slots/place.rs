//! The place slot: the rules are in the module docs of `slots` (**Place**).

use super::{is_in, Env, OPENING};
use crate::cues::Class;
use sitrep_core::annotation::{GeoPrecision, MentionKind};

impl Env<'_> {
    /// Specificity rank of a place (lower is more specific); None when not a place.
    pub(super) fn place_rank(&self, j: usize) -> Option<u8> {
        let m = &self.mentions[j];
        let by_geo = |p: GeoPrecision| match p {
            GeoPrecision::Exact | GeoPrecision::Near => 0,
            GeoPrecision::Admin2 => 1,
            GeoPrecision::Admin1 => 2,
            GeoPrecision::Country => 3,
            GeoPrecision::Region => 4,
        };
        match (m.kind, &m.geo) {
            // A village the gazetteer lacks, placed at its region: a specific name.
            (MentionKind::Place, Some(g))
                if m.kb_id.is_none() && g.precision == GeoPrecision::Admin1 =>
            {
                Some(1)
            }
            // A street or neighbour put near a town it is not: the town itself, or any
            // named division, says more.
            (MentionKind::Place, Some(g))
                if m.kb_id.is_none() && g.precision == GeoPrecision::Near =>
            {
                Some(2)
            }
            (MentionKind::Place, Some(g)) => Some(by_geo(g.precision)),
            (MentionKind::Place, None) => Some(4),
            (MentionKind::Facility, Some(g)) => Some(by_geo(g.precision)),
            _ => None,
        }
    }

    /// A dateline: the first mention of the text, followed by a comma, a dash or a parenthesis.
    fn dateline(&self, j: usize) -> bool {
        let m = &self.mentions[j];
        if self.m_sent[j] != 0 || !self.ctx.before(m.start, 1).is_empty() {
            return false;
        }
        let b = self.ctx.byte(m.end);
        let rest = &self.ctx.lower[b..];
        rest.starts_with(b",")
            || rest.starts_with(b" (")
            || rest.starts_with(" —".as_bytes())
            || rest.starts_with(" –".as_bytes())
            || rest.starts_with(b" -")
    }

    /// Whether place mention `j` names where something is, not an origin or an actor.
    fn locative(&self, j: usize, strict: bool) -> bool {
        let m = &self.mentions[j];
        let ctx = self.ctx;
        if self.is_speaker(j) || ctx.within_before(m.start, "since", 6) || self.landmark(j) {
            return false;
        }
        let prev = ctx.prev(m.start);
        if prev == Some(b"from".as_slice()) || strict && (self.residence(j) || self.care(j)) {
            return false;
        }
        // "X-supplied", "X-backed": a modifier, not a location.
        if ctx.lower.get(ctx.byte(m.end)) == Some(&b'-') {
            return false;
        }
        // "Moscow has repeatedly attacked", "Kyiv said": a capital standing for its
        // government, the subject of a verb, unless a preposition places it.
        let subject = ctx
            .after(m.end, 1)
            .first()
            .is_some_and(|w| is_in(Class::SubjectVerb, w));
        if subject && !prev.is_some_and(|w| is_in(Class::LocPrep, w)) {
            return false;
        }
        let next = ctx.after(m.end, 1);
        let next_is_loc = next.first().is_some_and(|w| is_in(Class::LocNoun, w));
        if let Some(p) = ctx.possessive(m.end) {
            // "X's Y": a location only when Y is one ("Russia's Belgorod region", "X's soil").
            let next_place = self
                .mentions
                .iter()
                .any(|o| o.kind == MentionKind::Place && o.start >= p && o.start <= p + 2);
            let w = ctx.after(p, 1);
            let loc_word = w.first().is_some_and(|w| is_in(Class::LocNoun, w));
            if !next_place && !loc_word {
                return false;
            }
        }
        let country = m
            .geo
            .as_ref()
            .is_some_and(|g| matches!(g.precision, GeoPrecision::Country | GeoPrecision::Region));
        if country {
            let prep = prev.is_some_and(|w| is_in(Class::LocPrep, w));
            // "Town, Country": a place ends just before the comma.
            let b = ctx.byte(m.start);
            let apposition = b >= 2
                && ctx.lower[..b].ends_with(b", ")
                && self.mentions.iter().any(|o| {
                    o.kind == MentionKind::Place && ctx.byte(o.end) + 2 == b && o.geo.is_some()
                });
            return prep || next_is_loc || apposition || self.dateline(j);
        }
        true
    }

    /// "Jane Roe, 34, of X", "a resident of X", "a X man": where a person lives, not where
    /// the event happened.
    fn residence(&self, j: usize) -> bool {
        let m = &self.mentions[j];
        let ctx = self.ctx;
        // "a Tulsa man", "the Dayton teenager": a town that describes a person.
        if ctx
            .after(m.end, 1)
            .first()
            .is_some_and(|w| is_in(Class::PersonNoun, w))
        {
            return true;
        }
        if ctx.prev(m.start) != Some(b"of".as_slice()) {
            return false;
        }
        let w = ctx.before(m.start, 3);
        if w.get(1).is_some_and(|w| is_in(Class::ResidenceNoun, w)) {
            return true;
        }
        // An age before "of" (", 34, of"), or the person's name right before it.
        if aged_of(&ctx.lower[..ctx.byte(m.start)]) {
            return true;
        }
        self.mentions[..j]
            .iter()
            .rev()
            .take(4)
            .any(|o| o.kind == MentionKind::Person && ctx.words_between(o.end, m.start) == [b"of"])
    }

    /// "taken to Mercy Hospital in X", "airlifted to X Medical Center": where the wounded were
    /// treated, not where the event happened.
    fn care(&self, j: usize) -> bool {
        let m = &self.mentions[j];
        let ctx = self.ctx;
        let w = ctx.before(m.start, 12);
        let after_care = ctx
            .after(m.end, 1)
            .first()
            .is_some_and(|w| is_in(Class::CareNoun, w));
        // The place of care stands right before the town ("Hospital in X", "Medical Center in
        // X") or the town opens its name ("X Medical Center"): "taken to hospital after the
        // attack in X" is no care. The carrying verb may lie a few words before the place's
        // name ("taken by helicopter to Saint Mary Medical Center in X").
        let care_before = w.iter().take(3).position(|w| is_in(Class::CareNoun, w));
        let Some(from) = care_before.or(after_care.then_some(0)) else {
            return false;
        };
        w[from..].iter().take(9).any(|w| is_in(Class::CarryVerb, w))
    }

    /// The town the article names most, at least twice and more often than any other: for
    /// the main event `i` only.
    pub(super) fn focus_town(&self, i: usize) -> Option<usize> {
        if !self.events[i].main {
            return None;
        }
        let mut counts: Vec<(&str, usize, usize)> = Vec::new();
        for (j, m) in self.mentions.iter().enumerate() {
            let town = m.kind == MentionKind::Place
                && m.geo
                    .as_ref()
                    .is_some_and(|g| g.precision == GeoPrecision::Exact);
            let Some(id) = m.kb_id.as_deref().filter(|_| town) else {
                continue;
            };
            match counts.iter_mut().find(|(k, _, _)| *k == id) {
                Some(c) => c.1 += 1,
                None => counts.push((id, 1, j)),
            }
        }
        counts.sort_by_key(|&(_, n, j)| (std::cmp::Reverse(n), j));
        match counts.as_slice() {
            [(_, n, j), rest @ ..] if *n >= 2 && rest.first().is_none_or(|r| r.1 < *n) => Some(*j),
            _ => None,
        }
    }

    /// The place of event `i`: a person's home or the town of a hospital only when the text
    /// names no other.
    pub(super) fn place(&self, i: usize) -> Option<usize> {
        self.place_with(i, true)
            .or_else(|| self.place_with(i, false))
    }

    fn place_with(&self, i: usize, strict: bool) -> Option<usize> {
        let e = &self.events[i];
        let s = self.ev_sent[i];
        let own = self
            .mentions_in(s)
            .filter_map(|j| Some((j, self.place_rank(j)?)))
            .filter(|&(j, _)| {
                let m = &self.mentions[j];
                self.locative(j, strict) && !self.attribution(i, m.start, m.end)
            })
            .min_by_key(|&(j, r)| {
                let m = &self.mentions[j];
                let dist = if m.end <= e.start {
                    e.start - m.end
                } else {
                    m.start.saturating_sub(e.end)
                };
                (self.dateline(j), r, dist)
            });
        if !e.main {
            return own.map(|(j, _)| j);
        }
        let opening = |f: &dyn Fn(usize, u8) -> bool| {
            (0..OPENING.min(self.m_by_sent.len()))
                .filter(|&k| k == s || self.lends_to_main(k))
                .flat_map(|k| self.mentions_in(k))
                // The dateline places the whole article, even when its sentence recalls
                // another event ("X, State — A man was arrested after his father was shot").
                .chain(
                    self.mentions_in(0)
                        .filter(|&j| s != 0 && !self.lends_to_main(0) && self.dateline(j)),
                )
                .filter_map(|j| Some((j, self.place_rank(j)?)))
                .filter(|&(j, r)| self.locative(j, strict) && f(j, r))
                .min_by_key(|&(j, r)| (r, self.tier(j), self.mentions[j].start))
                .map(|(j, _)| j)
        };
        match own {
            Some((j, r)) if r == 2 || r == 3 => {
                // Narrow a region or a country to a place of the opening inside it; a street
                // or a part of a town (put near a town) only to a town, never to a county.
                let g = self.mentions[j].geo.as_ref()?;
                let local = g.precision == GeoPrecision::Near;
                let inside = |k: usize, rk: u8| {
                    let Some(h) = self.mentions[k].geo.as_ref() else {
                        return false;
                    };
                    (rk < r && !local || rk == 0)
                        && h.country.is_some()
                        && h.country == g.country
                        && (r == 3 || h.admin1 == g.admin1)
                };
                opening(&inside).or(Some(j))
            }
            Some((j, 1)) if self.county(j) => {
                // Narrow a county or district to a town of the opening inside it, else to the
                // town the article keeps naming when it lies in the county.
                let inside = |k: usize, rk: u8| rk == 0 && self.in_county(k, j);
                opening(&inside)
                    .or_else(|| self.focus_town(i).filter(|&k| self.in_county(k, j)))
                    .or(Some(j))
            }
            // A name the gazetteer does not place says nothing of where: a placed one of
            // the opening does.
            Some((j, 4)) => opening(&|_, r| r < 4).or(Some(j)),
            Some((j, _)) => Some(j),
            // A county of the opening, too, narrows to the town the article keeps naming.
            None => opening(&|_, _| true).map(|j| {
                self.focus_town(i)
                    .filter(|&k| self.county(j) && self.in_county(k, j))
                    .unwrap_or(j)
            }),
        }
    }

    /// Order among equally specific places of the opening: a place of the body in a sentence
    /// that tells of an event ("the shooting happened at a home in X") before the dateline
    /// (often the outlet's town), and the dateline before the other places of the body ("she
    /// is back home in Y").
    fn tier(&self, j: usize) -> u8 {
        if self.dateline(j) {
            1
        } else if self.ev_by_sent[self.m_sent[j]].is_empty() {
            2
        } else {
            0
        }
    }

    /// Whether place mention `j` is a second-level division (a county, a district).
    fn county(&self, j: usize) -> bool {
        self.mentions[j]
            .geo
            .as_ref()
            .is_some_and(|g| g.precision == GeoPrecision::Admin2)
    }

    /// Whether place mention `k` is a town inside county `j` (same admin1, within
    /// [`COUNTY_KM`] of its point).
    fn in_county(&self, k: usize, j: usize) -> bool {
        let (Some(g), Some(h)) = (self.mentions[j].geo.as_ref(), self.mentions[k].geo.as_ref())
        else {
            return false;
        };
        self.place_rank(k) == Some(0)
            && h.country.is_some()
            && h.country == g.country
            && h.admin1 == g.admin1
            && km(g.lat, g.lon, h.lat, h.lon) <= COUNTY_KM
    }
}

/// Whether `before` ends in an age set off by commas and "of": "Jane Roe, 34, of ".
fn aged_of(before: &[u8]) -> bool {
    let Some(t) = before.trim_ascii_end().strip_suffix(b"of") else {
        return false;
    };
    let Some(t) = t.trim_ascii_end().strip_suffix(b",") else {
        return false;
    };
    let digits = t.iter().rev().take_while(|c| c.is_ascii_digit()).count();
    (1..=3).contains(&digits) && t[..t.len() - digits].trim_ascii_end().ends_with(b",")
}

/// How far from a second-level division's point a town may lie and still be taken to be
/// inside it (most counties and districts are less than 100 km across).
const COUNTY_KM: f64 = 60.0;

/// Great-circle distance in km.
fn km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let (dp, dl) = (p2 - p1, (lon2 - lon1).to_radians());
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0 * a.sqrt().min(1.0).asin()
}

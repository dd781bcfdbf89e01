//! Slots of each event mention: when, where, who, with what, how many; and the claims that
//! report it.
//!
//! Runs after the mentions and the main event are chosen ([`fill`]). Rule-based and local: the
//! event's sentence first, the opening of the article for the main event. Every index stored
//! points into the article's own lists. "The opening" is the first four sentences (a headline
//! line counts as one); a sentence of the opening lends the main event a slot only if it
//! recalls no background event and does not announce a separate one ("separately",
//! "another", "elsewhere").
//!
//! - **Time** (`time`): the time expression of the trigger's sentence nearest to the trigger,
//!   skipping those that cannot date it: unresolved ones, those after the publication day, those
//!   in a "since …" phrase (within six words after "since", or with "since" between trigger and
//!   time), speech times ("said Tuesday", "in an interview Monday": a reporting word among the
//!   three words before the time, the trigger not between), and times the sentence gives to
//!   another mention (the mention nearest to the time is background and this one is not, or
//!   the reverse; a mention that is not background never takes a time more than ten days
//!   before publication, which is what makes a mention background). A background mention
//!   prefers such an earlier time. The main event with no time of its own takes the nearest
//!   time of an earlier sentence of the opening that resolves to a day on or before
//!   publication. A week, month or year of the main event is narrowed to a day of the opening
//!   that falls inside it ("earlier this week" … "on May 3"). Otherwise `None`: the resolve
//!   stage falls back on the publication date.
//! - **Place** (`place`): the place mentions of the sentence (and facilities that carry
//!   coordinates), the most specific first — a town; then an admin2 area or a village the
//!   gazetteer lacks (placed at its region); a region; a country; an unlinked name — then the
//!   nearest to the trigger; a dateline ("CITY, Month D —") only when the sentence gives no
//!   other place. A facility without coordinates is never the place: the town next to it is.
//!   Not a place: one after "from" (an origin) or within six words after "since", a modifier
//!   ("X-supplied"), a place in a possessive that names an actor ("X's helicopters"), a
//!   speaker, a place in the attribution part of the claim that reports the event ("told
//!   reporters in X", "speaking in X, said"), and a country without a locative word ("in",
//!   "into", "near", "of", … before; "region", "soil", "territory" after; or an apposition
//!   "Town, Country"): a bare country is an actor. For the main event a region or country is
//!   narrowed to a more specific place of the opening inside it (same country, same region);
//!   with no place in its sentence the main event takes the most specific place of the
//!   opening, the first of equals.
//! - **Actors** (`actors`): armed groups, organisations, people, nationality adjectives and
//!   countries of the sentence. A speaker who claims responsibility for the event ("X claimed
//!   responsibility for the attack") is its Attacker. Left out: other speakers, anything in
//!   the attribution part of the claim that reports the event ("the governor of X said",
//!   "according to X officials"), anything in a "since …" phrase, a nationality that
//!   qualifies no force, weapon or victim and is not next to the trigger ("Russian soil"), a
//!   possessive that qualifies none of those nor a position ("X's failure"), and a country
//!   anywhere but in actor position (subject at a clause start, a possessive of a force or
//!   weapon, next to the trigger, "accused X", "by X", "an attack on X"). Roles, the first
//!   rule that applies:
//!   1. "X and Y" shares X's role, except "between X and Y", which makes X the Attacker and Y
//!      the Target;
//!   2. "by X" is the Attacker (passive, "launched by", "carried out by"; within eight words
//!      after the trigger); "accused X of", "blamed X for" before the trigger, and "blamed the
//!      attack on X" are the Attacker;
//!   3. a nationality before a victim noun ("civilians", "residents") and a possessive before
//!      a position noun ("X's positions", "X's base") are Targets; so is "on X", "against X",
//!      "at X", "targeting X" within five words after the trigger, and "with X" after a battle
//!      trigger;
//!   4. "from X" (not a country: that is an origin) is the Attacker;
//!   5. before the trigger, the subject: the Target of a passive trigger ("X was attacked"),
//!      else the Attacker — within eight words of a verb trigger (fourteen for an armed
//!      group), or before a noun trigger when next to it ("the X raid", "Russian shelling") or
//!      with a light verb between ("X carried out an attack", "X's helicopters made a raid");
//!      never across a clause boundary ("that", "which", "while", "but", "as", "said", "not",
//!      a semicolon; a relative pronoun right after the mention is not one: "fighters who
//!      attacked");
//!   6. after a verb trigger, within three words, its object is the Target ("attacked X");
//!   7. other armed groups and nationalities after the trigger, within ten words and the same
//!      clause, are Associated; people and organisations there are left out.
//! - **Weapons** (`weapons`): the weapon mentions of the sentence; for the main event with
//!   none, those of the sentence before it, else of the sentence after it (if that sentence
//!   may lend the main event a slot).
//! - **Counts** (`counts`): quantities whose predicate is a toll (killed, injured, casualties,
//!   missing, abducted, detained, captured, destroyed, damaged, eliminated, shot down;
//!   "no one was hurt" is a 0 with its predicate), each given to one mention. The anchor: the
//!   mention of the count's sentence nearest to it, leaving out triggers that are themselves
//!   a casualty word ("killed", "wounded") when another trigger is there; with no mention in
//!   its sentence, a mention of the nearest sentence that has any (ties: one that is not
//!   background). A background anchor keeps the count. A foreground anchor gives it to the
//!   main event (an article reports one event; its other foreground mentions mostly name it
//!   again), except in a sentence that announces a separate event, and except arrests and
//!   abductions, which stay with an Arrests or Abduction mention of their sentence.
//! - **Claims** (`covers`): a claim whose content contains a trigger covers that mention
//!   (`Cover::Event`), once.

use crate::cues::{cue, Class};
use crate::{is_earlier, sentence_bounds, words_before};
use chrono::NaiveDate;
use sitrep_core::annotation::{Cover, GeoPrecision, Mention, MentionKind, TimePrecision};
use sitrep_core::event::{ActorRole, EventMention, EventType, MentionActor, SubEventType};
use sitrep_core::text::CharIndex;
use sitrep_core::{Article, Claim, Quantity, TimeExpr};

/// Sentences that make the opening.
const OPENING: usize = 4;

/// Text, sentence bounds and offset conversion, shared by every slot.
struct Ctx {
    lower: Vec<u8>,
    chars: CharIndex,
    /// Sentence spans in bytes, covering the text.
    sents: Vec<(usize, usize)>,
}

impl Ctx {
    fn new(text: &str) -> Self {
        let lower = text.as_bytes().to_ascii_lowercase();
        let sents = sentence_bounds(&lower);
        Ctx {
            chars: CharIndex::new(text),
            lower,
            sents,
        }
    }

    fn byte(&self, ch: usize) -> usize {
        self.chars.char_to_byte(ch).min(self.lower.len())
    }

    /// Sentence of the character at `ch`.
    fn sentence(&self, ch: usize) -> usize {
        let b = self.byte(ch);
        self.sents
            .partition_point(|&(_, e)| e <= b)
            .min(self.sents.len() - 1)
    }

    /// Up to `n` words before character `ch`, nearest first, within its sentence, determiners
    /// skipped.
    fn before(&self, ch: usize, n: usize) -> Vec<&[u8]> {
        self.before_from(0, ch, n)
    }

    /// [`Ctx::before`] looking no further back than character `from`.
    fn before_from(&self, from: usize, ch: usize, n: usize) -> Vec<&[u8]> {
        let lo = self.byte(from);
        let b = self.byte(ch).max(lo);
        words_before(&self.lower[lo..], b - lo, n + 2)
            .into_iter()
            .filter(|w| !is_in(Class::Determiner, w))
            .take(n)
            .collect()
    }

    /// The word just before character `ch` (determiners skipped).
    fn prev(&self, ch: usize) -> Option<&[u8]> {
        self.before(ch, 1).into_iter().next()
    }

    /// Up to `n` words after character `ch`, in order, stopping at punctuation other than
    /// quotes, hyphens and apostrophes.
    fn after(&self, ch: usize, n: usize) -> Vec<&[u8]> {
        let t = &self.lower;
        let mut i = self.byte(ch);
        let mut out = Vec::new();
        while out.len() < n && i < t.len() {
            let c = t[i];
            if c.is_ascii_alphanumeric() {
                let s = i;
                while i < t.len() && (t[i].is_ascii_alphanumeric() || t[i] == b'-') {
                    i += 1;
                }
                out.push(&t[s..i]);
            } else if matches!(
                c,
                b'.' | b',' | b';' | b':' | b'!' | b'?' | b'\n' | b'(' | b')'
            ) {
                break;
            } else {
                i += 1;
            }
        }
        out
    }

    /// Whether a possessive `'s` / `’s` follows character `ch`; the character after it.
    fn possessive(&self, ch: usize) -> Option<usize> {
        let b = self.byte(ch);
        let t = &self.lower;
        // Both forms are two characters.
        (t[b..].starts_with(b"'s") || t[b..].starts_with("’s".as_bytes())).then_some(ch + 2)
    }

    /// Words between characters `a` and `b`, lowercase, in order.
    fn words_between(&self, a: usize, b: usize) -> Vec<&[u8]> {
        let (x, y) = (self.byte(a), self.byte(b));
        if x >= y {
            return Vec::new();
        }
        self.lower[x..y]
            .split(|c| !c.is_ascii_alphanumeric() && *c != b'-')
            .filter(|w| !w.is_empty())
            .collect()
    }

    /// Whether a semicolon, colon or dash stands between characters `a` and `b`.
    fn punct_between(&self, a: usize, b: usize) -> bool {
        let (x, y) = (self.byte(a), self.byte(b));
        x < y && {
            let t = &self.lower[x..y];
            t.iter().any(|c| matches!(c, b';' | b':' | b'(' | b')'))
                || t.windows(3).any(|w| w == "—".as_bytes())
        }
    }

    /// Whether `word` is among the `n` words before character `ch` (in its sentence).
    fn within_before(&self, ch: usize, word: &str, n: usize) -> bool {
        let b = self.byte(ch);
        words_before(&self.lower, b, n).contains(&word.as_bytes())
    }
}

fn is_in(class: Class, w: &[u8]) -> bool {
    cue(class).has(w)
}

/// Fill the slots of every event mention of `article` and the claims' event covers.
pub(crate) fn fill(article: &mut Article) {
    let Some(mut events) = article.event_mentions.take() else {
        return;
    };
    if events.is_empty() {
        article.event_mentions = Some(events);
        return;
    }
    let ctx = Ctx::new(&article.text);
    let empty_m: Vec<Mention> = Vec::new();
    let empty_t: Vec<TimeExpr> = Vec::new();
    let empty_q: Vec<Quantity> = Vec::new();
    let empty_c: Vec<Claim> = Vec::new();
    let mentions = article.mentions.as_ref().unwrap_or(&empty_m);
    let times = article.times.as_ref().unwrap_or(&empty_t);
    let quantities = article.quantities.as_ref().unwrap_or(&empty_q);
    let claims = article.claims.as_ref().unwrap_or(&empty_c);
    let published = article.published.as_ref().map(|p| p.date());
    let speakers: Vec<usize> = claims.iter().filter_map(|c| c.speaker_mention).collect();
    let ev_sent: Vec<usize> = events.iter().map(|e| ctx.sentence(e.start)).collect();

    let env = Env {
        ctx: &ctx,
        mentions,
        claims,
        speakers: &speakers,
        events: &events,
        ev_sent: &ev_sent,
    };
    let when = Times::new(&env, times, published);
    let counts = env.counts(quantities);
    let filled: Vec<EventMention> = (0..events.len())
        .zip(counts)
        .map(|(i, counts)| EventMention {
            time: when.pick(i),
            place: env.place(i),
            actors: env.actors(i),
            weapons: env.weapons(i),
            counts,
            ..EventMention::default()
        })
        .collect();
    for (e, f) in events.iter_mut().zip(filled) {
        e.time = f.time;
        e.place = f.place;
        e.actors = f.actors;
        e.weapons = f.weapons;
        e.counts = f.counts;
    }

    if let Some(claims) = article.claims.as_mut() {
        for c in claims.iter_mut() {
            for (i, e) in events.iter().enumerate() {
                let cover = Cover::Event(i);
                if c.start <= e.start && e.end <= c.end && !c.covers.contains(&cover) {
                    c.covers.push(cover);
                }
            }
        }
    }
    article.event_mentions = Some(events);
}

/// What every slot rule reads.
struct Env<'a> {
    ctx: &'a Ctx,
    mentions: &'a [Mention],
    claims: &'a [Claim],
    speakers: &'a [usize],
    events: &'a [EventMention],
    ev_sent: &'a [usize],
}

impl Env<'_> {
    fn main(&self) -> Option<usize> {
        self.events.iter().position(|e| e.main)
    }

    /// Mention indices of sentence `s`, in text order.
    fn mentions_in(&self, s: usize) -> impl Iterator<Item = usize> + '_ {
        self.mentions
            .iter()
            .enumerate()
            .filter(move |(_, m)| self.ctx.sentence(m.start) == s)
            .map(|(j, _)| j)
    }

    /// Whether character span `start..end` lies in the attribution part of a claim that
    /// reports event `i` (same sentence, outside the claim's content).
    fn attribution(&self, i: usize, start: usize, end: usize) -> bool {
        let e = &self.events[i];
        let s = self.ev_sent[i];
        self.ctx.sentence(start) == s
            && self.claims.iter().any(|c| {
                c.start <= e.start
                    && e.end <= c.end
                    && (end <= c.start || start >= c.end)
                    && self.ctx.sentence(c.start) == s
            })
    }

    /// The claim whose content holds event `i`, if any.
    fn claim_of(&self, i: usize) -> Option<&Claim> {
        let e = &self.events[i];
        self.claims
            .iter()
            .find(|c| c.start <= e.start && e.end <= c.end)
    }

    /// Whether sentence `k` may lend the main event a slot: it recalls no background event
    /// and does not announce a separate one ("separately", "elsewhere").
    fn lends_to_main(&self, k: usize) -> bool {
        if (0..self.events.len()).any(|i| self.ev_sent[i] == k && self.events[i].background) {
            return false;
        }
        let Some(&(a, b)) = self.ctx.sents.get(k) else {
            return false;
        };
        let sent = &self.ctx.lower[a..b];
        !cue(Class::Separate)
            .iter()
            .any(|w| crate::find_word(sent, w.as_bytes()).is_some())
    }

    /// Whether mention `j` speaks a claim of responsibility for event `i` ("X claimed
    /// responsibility for the attack").
    fn claims_responsibility(&self, i: usize, j: usize) -> bool {
        let e = &self.events[i];
        self.claims.iter().any(|c| {
            c.speaker_mention == Some(j)
                && c.start <= e.start
                && c.start <= c.end
                && e.end <= c.end
                && crate::find_word(
                    &self.ctx.lower[self.ctx.byte(c.start)..self.ctx.byte(c.end)],
                    b"responsibility",
                )
                .is_some()
        })
    }

    // ----- place -----

    /// Specificity rank of a place (lower is more specific); None when not a place.
    fn place_rank(&self, j: usize) -> Option<u8> {
        let m = &self.mentions[j];
        let by_geo = |p: GeoPrecision| match p {
            GeoPrecision::Exact | GeoPrecision::Near => 0,
            GeoPrecision::Admin2 => 1,
            GeoPrecision::Admin1 => 2,
            GeoPrecision::Country => 3,
        };
        match (m.kind, &m.geo) {
            // A village the gazetteer lacks, placed at its region: a specific name.
            (MentionKind::Place, Some(g))
                if m.kb_id.is_none() && g.precision == GeoPrecision::Admin1 =>
            {
                Some(1)
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
        if self.ctx.sentence(m.start) != 0 || !self.ctx.before(m.start, 1).is_empty() {
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
    fn locative(&self, j: usize) -> bool {
        let m = &self.mentions[j];
        let ctx = self.ctx;
        if self.speakers.contains(&j) || ctx.within_before(m.start, "since", 6) {
            return false;
        }
        let prev = ctx.prev(m.start);
        if prev == Some(b"from".as_slice()) {
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
            .is_some_and(|g| g.precision == GeoPrecision::Country);
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

    fn place(&self, i: usize) -> Option<usize> {
        let e = &self.events[i];
        let s = self.ev_sent[i];
        let own = self
            .mentions_in(s)
            .filter_map(|j| Some((j, self.place_rank(j)?)))
            .filter(|&(j, _)| {
                let m = &self.mentions[j];
                self.locative(j) && !self.attribution(i, m.start, m.end)
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
            (0..self.mentions.len())
                .filter(|&j| {
                    let k = self.ctx.sentence(self.mentions[j].start);
                    k < OPENING && (k == s || self.lends_to_main(k))
                })
                .filter_map(|j| Some((j, self.place_rank(j)?)))
                .filter(|&(j, r)| self.locative(j) && f(j, r))
                .min_by_key(|&(j, r)| (r, self.mentions[j].start))
                .map(|(j, _)| j)
        };
        match own {
            Some((j, r)) if r == 2 || r == 3 => {
                // Narrow a region or a country to a place of the opening inside it.
                let g = self.mentions[j].geo.as_ref()?;
                let inside = |k: usize, rk: u8| {
                    let Some(h) = self.mentions[k].geo.as_ref() else {
                        return false;
                    };
                    rk < r
                        && h.country.is_some()
                        && h.country == g.country
                        && (r == 3 || h.admin1 == g.admin1)
                };
                opening(&inside).or(Some(j))
            }
            Some((j, _)) => Some(j),
            None => opening(&|_, _| true),
        }
    }

    // ----- weapons -----

    fn weapons(&self, i: usize) -> Vec<usize> {
        let of = |s: usize| -> Vec<usize> {
            self.mentions_in(s)
                .filter(|&j| self.mentions[j].kind == MentionKind::Weapon)
                .collect()
        };
        let s = self.ev_sent[i];
        let mut w = of(s);
        if w.is_empty() && self.events[i].main {
            if s > 0 && self.lends_to_main(s - 1) {
                w = of(s - 1);
            }
            if w.is_empty() && s + 1 < self.ctx.sents.len() && self.lends_to_main(s + 1) {
                w = of(s + 1);
            }
        }
        w
    }

    // ----- actors -----

    fn actors(&self, i: usize) -> Vec<MentionActor> {
        let e = &self.events[i];
        let s = self.ev_sent[i];
        let ctx = self.ctx;
        let trig = &ctx.lower[ctx.byte(e.start)..ctx.byte(e.end)];
        let last_word = trig
            .rsplit(|b| !b.is_ascii_alphanumeric())
            .next()
            .unwrap_or(trig);
        let verb = last_word.ends_with(b"ed")
            || last_word.ends_with(b"ing")
            || is_in(Class::IrregularVerb, last_word);
        let passive = verb
            && ctx
                .before(e.start, 1)
                .first()
                .is_some_and(|w| is_in(Class::PassiveAux, w));
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
                || self.speakers.contains(&j)
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
            let weapon_next = self
                .mentions
                .iter()
                .any(|w| w.kind == MentionKind::Weapon && w.start >= m.end && w.start <= tail + 2);
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
                subject_ok.then_some(if passive {
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

    // ----- counts -----

    fn counts(&self, quantities: &[Quantity]) -> Vec<Vec<usize>> {
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
            let here: Vec<usize> = (0..self.events.len())
                .filter(|&i| self.ev_sent[i] == sq)
                .collect();
            let anchor = if !here.is_empty() {
                let plain: Vec<usize> = here.iter().copied().filter(|&i| !casualty(i)).collect();
                let pool = if plain.is_empty() { &here } else { &plain };
                pool.iter().copied().min_by_key(|&i| dist(i))
            } else {
                (0..self.events.len()).min_by_key(|&i| {
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
                let (b, _) = self.ctx.sents[self.ev_sent[i]];
                let e = self.ctx.byte(self.events[i].start);
                words_before(&self.ctx.lower[b..], e - b, 40)
                    .iter()
                    .any(|w| is_in(Class::Separate, w))
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

/// A time expression with what the rules need to know of it.
struct TimeInfo {
    /// Index into the article's `times`.
    idx: usize,
    start: usize,
    end: usize,
    sentence: usize,
    precision: TimePrecision,
    /// First and last day it covers.
    first: NaiveDate,
    last: NaiveDate,
    /// More than ten days (or a month, a year) before publication.
    earlier: bool,
    /// Usable at all: resolved, not after publication, not in a "since" phrase.
    usable: bool,
    /// Index of the event mention nearest to it in its sentence.
    owner: Option<usize>,
}

/// The article's times, prepared once.
struct Times<'a> {
    env: &'a Env<'a>,
    list: Vec<TimeInfo>,
}

fn span_of(value: &str, p: TimePrecision) -> Option<(NaiveDate, NaiveDate)> {
    let year: i32 = value.get(..4)?.parse().ok()?;
    Some(match p {
        TimePrecision::Day => {
            let d = NaiveDate::parse_from_str(value.get(..10)?, "%Y-%m-%d").ok()?;
            (d, d)
        }
        TimePrecision::Week => {
            let d = NaiveDate::parse_from_str(value.get(..10)?, "%Y-%m-%d").ok()?;
            (d, d + chrono::Duration::days(6))
        }
        TimePrecision::Month => {
            let month: u32 = value.get(5..7)?.parse().ok()?;
            let first = NaiveDate::from_ymd_opt(year, month, 1)?;
            let next = if month == 12 {
                NaiveDate::from_ymd_opt(year + 1, 1, 1)?
            } else {
                NaiveDate::from_ymd_opt(year, month + 1, 1)?
            };
            (first, next.pred_opt()?)
        }
        TimePrecision::Year => (
            NaiveDate::from_ymd_opt(year, 1, 1)?,
            NaiveDate::from_ymd_opt(year, 12, 31)?,
        ),
    })
}

impl<'a> Times<'a> {
    fn new(env: &'a Env<'a>, times: &[TimeExpr], published: Option<NaiveDate>) -> Self {
        let ctx = env.ctx;
        let mut list = Vec::new();
        for (idx, t) in times.iter().enumerate() {
            let (Some(v), Some(p)) = (&t.value, t.precision) else {
                continue;
            };
            let Some((first, last)) = span_of(v, p) else {
                continue;
            };
            let sentence = ctx.sentence(t.start);
            let after_pub = published.is_some_and(|d| first > d);
            let since = ctx.within_before(t.start, "since", 6);
            let earlier = published.is_some_and(|d| is_earlier(v, p, d));
            let owner = (0..env.events.len())
                .filter(|&i| env.ev_sent[i] == sentence)
                .min_by_key(|&i| {
                    let e = &env.events[i];
                    if e.end <= t.start {
                        t.start - e.end
                    } else {
                        e.start.saturating_sub(t.end)
                    }
                });
            list.push(TimeInfo {
                idx,
                start: t.start,
                end: t.end,
                sentence,
                precision: p,
                first,
                last,
                earlier,
                usable: !after_pub && !since,
                owner,
            });
        }
        Times { env, list }
    }

    /// Whether time `t` dates speech rather than event `i` ("said Tuesday").
    fn speech(&self, t: &TimeInfo, i: usize) -> bool {
        let e = &self.env.events[i];
        let from = if e.end <= t.start && self.env.ev_sent[i] == t.sentence {
            e.end
        } else {
            0
        };
        self.env
            .ctx
            .before_from(from, t.start, 3)
            .iter()
            .any(|w| is_in(Class::ReportingVerb, w) || is_in(Class::SpeechNoun, w))
    }

    /// Whether "since" stands between event `i` and time `t`.
    fn since_between(&self, t: &TimeInfo, i: usize) -> bool {
        let e = &self.env.events[i];
        let ctx = self.env.ctx;
        let (a, b) = if e.end <= t.start {
            (ctx.byte(e.end), ctx.byte(t.start))
        } else {
            return false;
        };
        crate::find_word(&ctx.lower[a..b], b"since").is_some()
    }

    /// Whether time `t` can date event `i` at all.
    fn fits(&self, t: &TimeInfo, i: usize) -> bool {
        let e = &self.env.events[i];
        if !t.usable || self.speech(t, i) {
            return false;
        }
        if let Some(o) = t.owner {
            if self.env.events[o].background != e.background {
                return false;
            }
        }
        e.background || !t.earlier
    }

    fn pick(&self, i: usize) -> Option<usize> {
        let e = &self.env.events[i];
        let s = self.env.ev_sent[i];
        let dist = |t: &TimeInfo| {
            if t.end <= e.start {
                e.start - t.end
            } else {
                t.start.saturating_sub(e.end)
            }
        };
        let own = self
            .list
            .iter()
            .filter(|t| t.sentence == s && self.fits(t, i) && !self.since_between(t, i))
            .min_by_key(|t| (e.background && !t.earlier, dist(t)));
        if !e.main {
            return own.map(|t| t.idx);
        }
        let day_ok = |t: &&TimeInfo| {
            t.precision == TimePrecision::Day
                && t.sentence < OPENING
                && (t.sentence == s || self.env.lends_to_main(t.sentence))
                && self.fits(t, i)
        };
        let chosen = match own {
            Some(t) => t,
            None => self
                .list
                .iter()
                .filter(|t| t.sentence < s)
                .filter(day_ok)
                .max_by_key(|t| t.start)?,
        };
        if chosen.precision == TimePrecision::Day {
            return Some(chosen.idx);
        }
        // Narrow a week, month or year to a day of the opening inside it.
        let narrow = self
            .list
            .iter()
            .filter(day_ok)
            .filter(|t| t.first >= chosen.first && t.last <= chosen.last)
            .min_by_key(|t| (t.sentence.abs_diff(s), t.start));
        Some(narrow.unwrap_or(chosen).idx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_of_precisions() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert_eq!(
            span_of("2024-02", TimePrecision::Month),
            Some((d("2024-02-01"), d("2024-02-29")))
        );
        assert_eq!(
            span_of("2024-12", TimePrecision::Month),
            Some((d("2024-12-01"), d("2024-12-31")))
        );
        assert_eq!(
            span_of("2024-05-06", TimePrecision::Week),
            Some((d("2024-05-06"), d("2024-05-12")))
        );
        assert_eq!(span_of("20x4", TimePrecision::Year), None);
    }

    #[test]
    fn context_words() {
        let ctx = Ctx::new("Drones from the north hit Foo’s depot, said the army.");
        assert_eq!(ctx.prev(16), Some(b"from".as_slice()));
        assert_eq!(ctx.after(26, 2), vec![b"foo".as_slice(), b"s"]);
        assert_eq!(ctx.possessive(29), Some(31));
    }
}

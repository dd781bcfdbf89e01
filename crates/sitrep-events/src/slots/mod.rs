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
//! This module holds the driver ([`fill`]), the text context every rule reads (`Ctx`: the
//! lowercase text, its sentences, words before and after a position) and the weapons rule;
//! each other slot has its module: `time`, `place`, `actors`, `counts`. The words the rules
//! read (clause boundaries, role cues, location, victim and toll words, …) are rows of
//! `data/cues.tsv` (module `cues`), one class per list; reporting verbs are `sitrep-lexicon`'s.
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

mod actors;
mod counts;
mod place;
mod time;

use crate::cues::{cue, Class};
use crate::sentences::Sentences;
use crate::words_before;
use sitrep_core::annotation::{Cover, Mention, MentionKind};
use sitrep_core::event::EventMention;
use sitrep_core::text::CharIndex;
use sitrep_core::{Article, Claim, Quantity, TimeExpr};
use time::Times;

/// Sentences that make the opening.
const OPENING: usize = 4;

/// Text, sentence bounds and offset conversion, shared by every slot.
struct Ctx {
    lower: Vec<u8>,
    chars: CharIndex,
    /// The understand stage's sentences, in bytes.
    sents: Sentences,
}

impl Ctx {
    fn new(text: &str, sents: Sentences) -> Self {
        Ctx {
            chars: CharIndex::new(text),
            lower: text.as_bytes().to_ascii_lowercase(),
            sents,
        }
    }

    fn byte(&self, ch: usize) -> usize {
        self.chars.char_to_byte(ch).min(self.lower.len())
    }

    /// Sentence of the character at `ch`.
    fn sentence(&self, ch: usize) -> usize {
        self.sents.of(self.byte(ch))
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
            .filter(|w| !is_in(Class::SkipBefore, w))
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
///
/// `sentences` are the article's ([`Sentences::of_article`]).
pub(crate) fn fill(article: &mut Article, sentences: &Sentences) {
    let Some(mut events) = article.event_mentions.take() else {
        return;
    };
    if events.is_empty() {
        article.event_mentions = Some(events);
        return;
    }
    let ctx = Ctx::new(&article.text, sentences.clone());
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
        let Some((a, b)) = self.ctx.sents.get(k) else {
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
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_words() {
        let text = "Drones from the north hit Foo’s depot, said the army.";
        let sents = Sentences::new(text.len(), None, &CharIndex::new(text));
        let ctx = Ctx::new(text, sents);
        assert_eq!(ctx.prev(16), Some(b"from".as_slice()));
        assert_eq!(ctx.after(26, 2), vec![b"foo".as_slice(), b"s"]);
        assert_eq!(ctx.possessive(29), Some(31));
    }
}

//! Slots of each event mention: when, where, who, with what, how many; and the claims that
//! report it.
//!
//! Runs after the mentions and the main event are chosen ([`fill`]). Rule-based and local: the
//! event's sentence first, the opening of the article for the main event. Every index stored
//! points into the article's own lists. "The opening" is the first four sentences (a headline
//! line counts as one); a sentence of the opening lends the main event a slot only if it
//! recalls no background event and does not announce a separate one ("separately",
//! "elsewhere" anywhere in it; "another" only within three words before a trigger: "in another
//! attack", not "one dead and another hurt").
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
//!   three words before the time, the trigger not between), times of a later step of the legal
//!   process or of mourning read the same way ("pleaded guilty Friday", "was charged Monday",
//!   "a vigil Sunday": `procedure`), and times the sentence gives to
//!   another mention (the mention nearest to the time is background and this one is not, or
//!   the reverse; a mention that is not background never takes a time more than ten days
//!   before publication, which is what makes a mention background). A background mention
//!   prefers such an earlier time. The main event with no time of its own takes the nearest
//!   time of an earlier sentence of the opening that resolves to a day on or before
//!   publication, else the first such time of a later sentence of the opening ("A boy was
//!   killed … He was shot Sunday night"), else the first day after the opening that the
//!   article gives to another mention of its sub-event type that is not background nor
//!   introduced as a new one ("a shooting", "another attack"), in a sentence that may lend
//!   it a slot ("The stabbing took place on 3 June shortly before noon"). A week, month or year of the main event is
//!   narrowed to a day of the opening that falls inside it ("earlier this week" … "on May
//!   3"). Otherwise `None`: the resolve stage falls back on the publication date.
//! - **Place** (`place`): the place mentions of the sentence (and facilities that carry
//!   coordinates), the most specific first — a town; then an admin2 area or a village the
//!   gazetteer lacks (placed at its region); a street or neighbour put near a town, or a
//!   region; a country; an unlinked name — then the
//!   nearest to the trigger; a dateline ("CITY, Month D —") only when the sentence gives no
//!   other place. A facility without coordinates is never the place: the town next to it is.
//!   Not a place: one after "from" (an origin) or within six words after "since", a modifier
//!   ("X-supplied"), a place in a possessive that names an actor ("X's helicopters"), a
//!   speaker, a place in the attribution part of the claim that reports the event ("told
//!   reporters in X", "speaking in X, said"), and a country without a locative word ("in",
//!   "into", "near", "of", … before; "region", "soil", "territory" after; or an apposition
//!   "Town, Country"): a bare country is an actor; the town of the place of care the wounded
//!   were taken to ("taken to Mercy Hospital in X", "airlifted to X Medical Center", "taken by
//!   helicopter to Saint Mary Medical Center in X":
//!   `carry-verb` and `care-noun`), and a person's home ("Jane Roe, 34, of X", "a resident
//!   of X", "a X man": `residence-noun`, `person-noun`), unless no other place is named.
//!   For the main event a region or country is
//!   narrowed to a more specific place of the opening inside it (same country, same region;
//!   a street or part of a town put near a town, only to a town), a county or district to a
//!   town of the opening inside it (same region, within 60 km of its point), else to the
//!   town the article names most (at least twice, more often than any other) when it lies
//!   inside it (also when the county came from the opening), and a name the
//!   gazetteer does not place to any placed place of the opening; a main event that no
//!   sentence places, or that only a name the gazetteer does not place places, is put near
//!   the town the article names most (at least twice, more often than any other), with an
//!   empty `place_relation`;
//!   with no place in its sentence the main event takes the most specific place of the
//!   opening. Among equally specific places of the opening (here and when narrowing), a
//!   place of the body in a sentence that tells of an event ("the shooting happened at a home
//!   in X") comes first, then the dateline (often the outlet's town), then the other places
//!   of the body ("she is back home in Y"), each the first of equals. These narrowings read the sentences that lend the main
//!   event a slot, and always the dateline: it places the whole article even when its
//!   sentence recalls another event ("X, State — A man was arrested after his father was
//!   shot").
//!   **Relative locations** (`relative.rs`): the words right before the place may put the event
//!   near it ("near X", "outside X", "off X", "close to X", "the outskirts / coast / vicinity of
//!   X"), or at a distance and a bearing from it ("40 km north of X", "about 25 miles
//!   south-west of X", "20 nautical miles east of X"); the event keeps the place and records
//!   the relation (`place_relation`: the phrase's span, km, bearing). A place after such a phrase
//!   that follows a town or district the gazetteer knows is only a landmark and never the
//!   event's place ("in Boonsboro, about 10 miles south of *Hagerstown*"); after a street or an
//!   unknown place it is the place (the phrase locates them: "on Elm Road outside *X*").
//! - **Actors** (`actors`): armed groups, organisations, people, nationality adjectives and
//!   countries of the sentence (generic ones too: "gunmen", "police", "villagers"). A speaker
//!   who claims responsibility for the event ("X claimed responsibility for the attack") is
//!   its Attacker; protesters, rioters or armed men the trigger itself names ("Protesters
//!   marched", "Gunmen opened fire": any typed actor but civilians) are its Attacker
//!   (ACLED's actor1). Left out: other speakers, anything in
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
//!   5. before the trigger, the subject: the Target of a passive trigger ("X was attacked",
//!      and a private person right before a participle that a preposition, a day or nothing
//!      follows: "a girl shot in the park", "man killed by a stray bullet", "Teen wounded",
//!      "a teen found shot dead"; a victim noun before "of": "the victims of the shooting"),
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
mod relative;
mod time;

use crate::cues::{cue, Class};
use crate::sentences::Sentences;
use crate::words_before;
use sitrep_core::annotation::{Cover, Mention, MentionKind};
use sitrep_core::event::{EventMention, PlaceRelation};
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
    let env = Env::new(&ctx, mentions, claims, &events);
    let when = Times::new(&env, times, published);
    let counts = env.counts(quantities);
    let filled: Vec<EventMention> = (0..events.len())
        .zip(counts)
        .map(|(i, counts)| {
            let place = env.place(i);
            // The main event that no sentence places, or places only at a name the gazetteer
            // does not know, is in the area of the town the article keeps naming: near it
            // (an empty phrase), never at it.
            let unplaced = place.is_none_or(|j| env.place_rank(j) == Some(4));
            let focus = unplaced.then(|| env.focus_town(i)).flatten();
            let place_relation = match focus {
                Some(j) => Some(PlaceRelation {
                    start: mentions[j].start,
                    end: mentions[j].start,
                    km: None,
                    bearing: None,
                }),
                None => place.and_then(|j| env.relation(j)),
            };
            EventMention {
                time: when.pick(i),
                place: focus.or(place),
                place_relation,
                actors: env.actors(i),
                weapons: env.weapons(i),
                counts,
                ..EventMention::default()
            }
        })
        .collect();
    for (e, f) in events.iter_mut().zip(filled) {
        e.time = f.time;
        e.place = f.place;
        e.place_relation = f.place_relation;
        e.actors = f.actors;
        e.weapons = f.weapons;
        e.counts = f.counts;
    }

    if let Some(claims) = article.claims.as_mut() {
        // Events by start: each claim looks only at the events that start inside it.
        let mut by_start: Vec<(usize, usize)> = events
            .iter()
            .enumerate()
            .map(|(i, e)| (e.start, i))
            .collect();
        by_start.sort_unstable();
        for c in claims.iter_mut() {
            let from = by_start.partition_point(|&(s, _)| s < c.start);
            let mut inside: Vec<usize> = by_start[from..]
                .iter()
                .take_while(|&&(s, _)| s <= c.end)
                .map(|&(_, i)| i)
                .filter(|&i| events[i].end <= c.end)
                .collect();
            inside.sort_unstable();
            for i in inside {
                let cover = Cover::Event(i);
                if !c.covers.contains(&cover) {
                    c.covers.push(cover);
                }
            }
        }
    }
    article.event_mentions = Some(events);
}

/// What every slot rule reads, with the indexes that keep every rule linear in the text: each
/// rule looks at the mentions, claims and events of one sentence (sentences are capped in
/// length by the understand stage), never at all of them for every event.
struct Env<'a> {
    ctx: &'a Ctx,
    mentions: &'a [Mention],
    claims: &'a [Claim],
    events: &'a [EventMention],
    /// The sentence of each event.
    ev_sent: Vec<usize>,
    /// Events of each sentence, in index order.
    ev_by_sent: Vec<Vec<usize>>,
    /// Sentences that hold an event, in order.
    sents_with_events: Vec<usize>,
    /// The sentence of each mention.
    m_sent: Vec<usize>,
    /// Mentions of each sentence, in index order.
    m_by_sent: Vec<Vec<usize>>,
    /// Claims of each sentence (by where they start), in index order.
    claims_by_sent: Vec<Vec<usize>>,
    /// (speaker mention, claim) for every claim with a speaker, sorted.
    speakers: Vec<(usize, usize)>,
    /// Weapon mentions' starts, sorted.
    weapon_starts: Vec<usize>,
    /// The first claim (in index order) whose content holds each event.
    ev_claim: Vec<Option<usize>>,
    /// Whether each sentence may lend the main event a slot, worked out on first use.
    lends: Vec<std::cell::OnceCell<bool>>,
}

impl<'a> Env<'a> {
    fn new(
        ctx: &'a Ctx,
        mentions: &'a [Mention],
        claims: &'a [Claim],
        events: &'a [EventMention],
    ) -> Self {
        let n = ctx.sents.len();
        let bucket = |sents: &[usize]| {
            let mut by: Vec<Vec<usize>> = vec![Vec::new(); n];
            for (i, &k) in sents.iter().enumerate() {
                by[k].push(i);
            }
            by
        };
        let ev_sent: Vec<usize> = events.iter().map(|e| ctx.sentence(e.start)).collect();
        let m_sent: Vec<usize> = mentions.iter().map(|m| ctx.sentence(m.start)).collect();
        let c_sent: Vec<usize> = claims.iter().map(|c| ctx.sentence(c.start)).collect();
        let ev_by_sent = bucket(&ev_sent);
        let sents_with_events = (0..n).filter(|&k| !ev_by_sent[k].is_empty()).collect();
        let mut speakers: Vec<(usize, usize)> = claims
            .iter()
            .enumerate()
            .filter_map(|(k, c)| Some((c.speaker_mention?, k)))
            .collect();
        speakers.sort_unstable();
        let mut weapon_starts: Vec<usize> = mentions
            .iter()
            .filter(|m| m.kind == MentionKind::Weapon)
            .map(|m| m.start)
            .collect();
        weapon_starts.sort_unstable();
        Env {
            ctx,
            mentions,
            claims,
            events,
            ev_claim: holding_claims(claims, events),
            m_by_sent: bucket(&m_sent),
            claims_by_sent: bucket(&c_sent),
            ev_sent,
            ev_by_sent,
            sents_with_events,
            m_sent,
            speakers,
            weapon_starts,
            lends: (0..n).map(|_| std::cell::OnceCell::new()).collect(),
        }
    }

    fn main(&self) -> Option<usize> {
        self.events.iter().position(|e| e.main)
    }

    /// Mention indices of sentence `s`, in text order.
    fn mentions_in(&self, s: usize) -> impl Iterator<Item = usize> + '_ {
        self.m_by_sent.get(s).into_iter().flatten().copied()
    }

    /// Whether mention `j` speaks a claim.
    fn is_speaker(&self, j: usize) -> bool {
        self.spoken_by(j).next().is_some()
    }

    /// The claims mention `j` speaks, in index order.
    fn spoken_by(&self, j: usize) -> impl Iterator<Item = &Claim> + '_ {
        let from = self.speakers.partition_point(|&(m, _)| m < j);
        self.speakers[from..]
            .iter()
            .take_while(move |&&(m, _)| m == j)
            .map(|&(_, k)| &self.claims[k])
    }

    /// Whether a weapon mention starts within `from..=to` (characters).
    fn weapon_within(&self, from: usize, to: usize) -> bool {
        let k = self.weapon_starts.partition_point(|&w| w < from);
        self.weapon_starts.get(k).is_some_and(|&w| w <= to)
    }

    /// Whether character span `start..end` lies in the attribution part of a claim that
    /// reports event `i` (same sentence, outside the claim's content).
    fn attribution(&self, i: usize, start: usize, end: usize) -> bool {
        let e = &self.events[i];
        let s = self.ev_sent[i];
        self.ctx.sentence(start) == s
            && self.claims_by_sent[s].iter().any(|&k| {
                let c = &self.claims[k];
                c.start <= e.start && e.end <= c.end && (end <= c.start || start >= c.end)
            })
    }

    /// The claim whose content holds event `i`, if any.
    fn claim_of(&self, i: usize) -> Option<&Claim> {
        self.ev_claim[i].map(|k| &self.claims[k])
    }

    /// Whether sentence `k` may lend the main event a slot: it recalls no background event
    /// and does not announce a separate one ("separately", "elsewhere", "another attack").
    fn lends_to_main(&self, k: usize) -> bool {
        let Some(cell) = self.lends.get(k) else {
            return false;
        };
        *cell.get_or_init(|| {
            if self.ev_by_sent[k]
                .iter()
                .any(|&i| self.events[i].background)
            {
                return false;
            }
            let Some((a, b)) = self.ctx.sents.get(k) else {
                return false;
            };
            let sent = &self.ctx.lower[a..b];
            let separate = cue(Class::Separate)
                .iter()
                .any(|w| crate::find_word(sent, w.as_bytes()).is_some());
            !separate && !self.ev_by_sent[k].iter().any(|&i| self.determined_apart(i))
        })
    }

    /// Whether event `i`'s trigger follows a determiner that sets it apart ("in another
    /// attack"), within three words.
    fn determined_apart(&self, i: usize) -> bool {
        let (b, _) = self.ctx.sents.get(self.ev_sent[i]).unwrap_or_default();
        let e = self.ctx.byte(self.events[i].start);
        crate::words_before(&self.ctx.lower[b..], e - b, 3)
            .iter()
            .any(|w| is_in(Class::SeparateDet, w))
    }

    /// Whether mention `j` speaks a claim of responsibility for event `i` ("X claimed
    /// responsibility for the attack").
    fn claims_responsibility(&self, i: usize, j: usize) -> bool {
        let e = &self.events[i];
        self.spoken_by(j).any(|c| {
            c.start <= e.start
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

/// For each event, the first claim (in index order) whose content holds it: claims sorted by
/// start with a running maximum of their ends, so each event looks only at the claims that
/// start before it and may still reach past it.
fn holding_claims(claims: &[Claim], events: &[EventMention]) -> Vec<Option<usize>> {
    let mut order: Vec<usize> = (0..claims.len()).collect();
    order.sort_by_key(|&k| claims[k].start);
    let mut reach = Vec::with_capacity(order.len());
    let mut max_end = 0;
    for &k in &order {
        max_end = max_end.max(claims[k].end);
        reach.push(max_end);
    }
    events
        .iter()
        .map(|e| {
            let upto = order.partition_point(|&k| claims[k].start <= e.start);
            let mut best: Option<usize> = None;
            for p in (0..upto).rev() {
                if reach[p] < e.end {
                    break;
                }
                let k = order[p];
                if e.end <= claims[k].end && best.is_none_or(|b| k < b) {
                    best = Some(k);
                }
            }
            best
        })
        .collect()
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

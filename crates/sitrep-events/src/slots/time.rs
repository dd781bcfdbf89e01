//! The time slot: the rules are in the module docs of `slots` (**Time**).

use super::{is_in, Env, OPENING};
use crate::cues::Class;
use crate::{is_earlier, words_before};
use chrono::NaiveDate;
use sitrep_core::annotation::TimePrecision;
use sitrep_core::TimeExpr;

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
pub(super) struct Times<'a> {
    env: &'a Env<'a>,
    list: Vec<TimeInfo>,
    /// Positions in `list` of each sentence's times, in order.
    by_sent: Vec<Vec<usize>>,
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
    pub(super) fn new(env: &'a Env<'a>, times: &[TimeExpr], published: Option<NaiveDate>) -> Self {
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
            let owner = env
                .ev_by_sent
                .get(sentence)
                .into_iter()
                .flatten()
                .copied()
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
        let mut by_sent: Vec<Vec<usize>> = vec![Vec::new(); ctx.sents.len()];
        for (p, t) in list.iter().enumerate() {
            by_sent[t.sentence].push(p);
        }
        Times { env, list, by_sent }
    }

    /// The times of sentences `range`, in list order.
    fn in_sentences(&self, range: std::ops::Range<usize>) -> impl Iterator<Item = &TimeInfo> {
        let mut at: Vec<usize> = range
            .flat_map(|k| self.by_sent.get(k).into_iter().flatten().copied())
            .collect();
        at.sort_unstable();
        at.into_iter().map(|p| &self.list[p])
    }

    /// Whether time `t` dates speech or a later step of the legal process rather than event
    /// `i` ("said Tuesday", "pleaded guilty Friday").
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
            .any(|w| speech_verb(w) || is_in(Class::SpeechNoun, w) || is_in(Class::Procedure, w))
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

    /// For the main event `i` that the opening does not date: the first day, after the
    /// opening, that the article gives to another mention of the same sub-event type that is
    /// not background nor introduced as a new one ("a shooting", "another attack"; "a
    /// shooting that took place Saturday" is not new), in a
    /// sentence that may lend the main event a slot ("The stabbing took place on 3 June shortly
    /// before noon").
    fn same_kind_day(&self, i: usize) -> Option<&TimeInfo> {
        let e = &self.env.events[i];
        self.in_sentences(OPENING..self.by_sent.len()).find(|t| {
            t.precision == TimePrecision::Day
                && t.owner.is_some_and(|o| {
                    let m = &self.env.events[o];
                    // "another shooting", "a shooting": a new event.
                    let ctx = self.env.ctx;
                    // "a shooting that took place Saturday" is the one the article means.
                    let defined = ctx
                        .after(m.end, 1)
                        .first()
                        .is_some_and(|w| matches!(*w, b"that" | b"which"));
                    let new = words_before(&ctx.lower, ctx.byte(m.start), 1)
                        .first()
                        .is_some_and(|w| match *w {
                            b"a" | b"an" => !defined,
                            w => w == b"another",
                        });
                    o != i && m.sub_event_type == e.sub_event_type && !m.background && !new
                })
                && self.env.lends_to_main(t.sentence)
                && self.fits(t, i)
        })
    }

    pub(super) fn pick(&self, i: usize) -> Option<usize> {
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
            .in_sentences(s..s + 1)
            .filter(|t| self.fits(t, i) && !self.since_between(t, i))
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
            // The nearest day of an earlier sentence of the opening, else the first of a
            // later one ("A boy was killed. … He was shot Sunday night at his home").
            None => self
                .in_sentences(0..s.min(OPENING))
                .filter(day_ok)
                .max_by_key(|t| t.start)
                .or_else(|| self.in_sentences(s + 1..OPENING).find(|t| day_ok(t)))
                .or_else(|| self.same_kind_day(i))?,
        };
        if chosen.precision == TimePrecision::Day {
            return Some(chosen.idx);
        }
        // Narrow a week, month or year to a day of the opening inside it.
        let narrow = self
            .in_sentences(0..OPENING)
            .filter(day_ok)
            .filter(|t| t.first >= chosen.first && t.last <= chosen.last)
            .min_by_key(|t| (t.sentence.abs_diff(s), t.start));
        Some(narrow.unwrap_or(chosen).idx)
    }
}

/// A verb of speaking after which a time dates the speaking: a reporting verb of the shared
/// lexicon the time rule reads so (`cues.tsv`, `not-speech-time`, lists the others).
fn speech_verb(w: &[u8]) -> bool {
    sitrep_lexicon::reporting_verb(w).is_some() && !is_in(Class::NotSpeechTime, w)
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
}

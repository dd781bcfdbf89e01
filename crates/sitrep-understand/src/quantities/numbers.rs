//! Numbers: digits, number words, vague numbers, zeros, ranges and qualifiers, and what is not
//! a count (dates, times, money, designations).

use super::counted::casualty_noun;
use super::words::{self, *};
use super::{plain, vague, Num, NumKind, Sent};
use crate::tokens::TokKind;

impl Sent<'_> {
    /// Parse a number starting at token `i`.
    pub(super) fn number(&self, i: usize) -> Option<Num> {
        let w = self.lw(i);
        let kind = self.kind(i)?;
        if kind == TokKind::Number {
            let mut value = parse_digits(w)?;
            let mut end = i + 1;
            if let Some(s) = scale(self.lw(end)) {
                value *= s;
                end += 1;
            }
            return Some(Num {
                value,
                upper: None,
                qual: None,
                end,
                kind: NumKind::Plain,
            });
        }
        if kind != TokKind::Word {
            return None;
        }
        // `5-10`, `1,200-2,000`.
        if w.starts_with(|c: char| c.is_ascii_digit()) {
            let (a, b) = w.split_once('-')?;
            let (lo, hi) = (parse_digits(a)?, parse_digits(b)?);
            if hi <= lo || is_year_like(a) && is_year_like(b) {
                return None;
            }
            return Some(Num {
                value: lo,
                upper: Some(hi),
                qual: Some("between"),
                end: i + 1,
                kind: NumKind::Plain,
            });
        }
        match w {
            _ if is(w, ZERO_WORD) => return self.zero(i),
            "a" | "an" => return self.article(i),
            "half" if self.lw(i + 1) == "a" && self.lw(i + 2) == "dozen" => {
                return Some(plain(6.0, i + 3))
            }
            "several" => {
                let (value, end) = match scale(self.lw(i + 1)) {
                    Some(s) => (3.0 * s, i + 2),
                    None => (3.0, i + 1),
                };
                return Some(vague(value, end));
            }
            _ => {}
        }
        if let Some((base, needs)) = vague_word(w) {
            // `tens of thousands`, `hundreds of thousands`.
            if self.lw(i + 1) == "of" {
                if let Some(u) = plural_scale(self.lw(i + 2)) {
                    return Some(vague(base * u, i + 3));
                }
            }
            if needs == Needs::OfScale || needs == Needs::Of && self.lw(i + 1) != "of" {
                return None;
            }
            return Some(vague(base, i + 1));
        }
        let (value, end) = self.number_words(i)?;
        let kind = if value == 1.0 && end == i + 1 {
            NumKind::One
        } else {
            NumKind::Plain
        };
        Some(Num {
            value,
            upper: None,
            qual: None,
            end,
            kind,
        })
    }

    /// `twenty-five`, `two hundred and fifty`, `three thousand`, `two dozen`.
    pub(super) fn number_words(&self, i: usize) -> Option<(f64, usize)> {
        let mut total = 0.0;
        let mut current = 0.0;
        let mut j = i;
        let mut any = false;
        loop {
            let w = self.lw(j);
            if let Some(v) = unit_compound(w) {
                current += v;
            } else if w == "hundred" && any {
                current = current.max(1.0) * 100.0;
            } else if w == "dozen" && any {
                current = current.max(1.0) * 12.0;
            } else if let Some(s) = scale(w).filter(|_| any) {
                total += current.max(1.0) * s;
                current = 0.0;
            } else if w == "and" && any && unit_compound(self.lw(j + 1)).is_some() {
                // `one hundred and fifty`
                if current < 100.0 && total == 0.0 {
                    break;
                }
            } else {
                break;
            }
            any = true;
            j += 1;
        }
        any.then_some((total + current, j))
    }

    /// `a dozen`, `a hundred`, `a few`, `a couple of`, `a 10-year-old boy`, `a soldier`.
    pub(super) fn article(&self, i: usize) -> Option<Num> {
        let next = self.lw(i + 1);
        match next {
            "dozen" => Some(plain(12.0, i + 2)),
            _ if is(next, A_SCALE) => {
                let mut v = scale(next).unwrap_or(100.0);
                let mut end = i + 2;
                if let Some(s) = scale(self.lw(end)).filter(|_| next == "hundred") {
                    v *= s;
                    end += 1;
                }
                Some(plain(v, end))
            }
            "few" => Some(match scale(self.lw(i + 2)) {
                Some(s) => vague(2.0 * s, i + 3),
                None => vague(2.0, i + 2),
            }),
            "couple" => {
                let end = if self.lw(i + 2) == "of" { i + 3 } else { i + 2 };
                Some(Num {
                    value: 2.0,
                    upper: None,
                    qual: Some("about"),
                    end,
                    kind: NumKind::Vague,
                })
            }
            _ => Some(Num {
                value: 1.0,
                upper: None,
                qual: None,
                end: i + 1,
                kind: NumKind::Article,
            }),
        }
    }

    /// `no one`, `nobody`, `none`, `no deaths`, `no (immediate) reports of casualties`,
    /// `without casualties`.
    pub(super) fn zero(&self, i: usize) -> Option<Num> {
        let w = self.lw(i);
        let end = match w {
            "nobody" | "no-one" | "none" => i + 1,
            "no" if self.lw(i + 1) == "one" => i + 2,
            "no" | "without" => {
                let mut j = i + 1;
                while is(self.lw(j), ZERO_MODIFIER) {
                    j += 1;
                }
                if is(self.lw(j), ZERO_REPORT) && is(self.lw(j + 1), ZERO_REPORT_PREP) {
                    j += 2;
                }
                if w == "without" && !casualty_noun(self.lw(j)) {
                    return None;
                }
                // The noun phrase is read from here.
                return Some(Num {
                    value: 0.0,
                    upper: None,
                    qual: None,
                    end: j,
                    kind: NumKind::Zero,
                })
                .filter(|_| j > i);
            }
            _ => return None,
        };
        Some(Num {
            value: 0.0,
            upper: None,
            qual: None,
            end,
            kind: NumKind::Zero,
        })
    }

    /// `X to Y`, `X-Y`, `X or Y` (and `X and Y` after `between`): the upper bound and the
    /// token after it.
    pub(super) fn range_tail(&self, j: usize, between: bool) -> Option<(f64, usize)> {
        let sep = self.lw(j);
        let ok = match sep {
            "and" => between,
            _ => is(sep, RANGE_SEPARATOR),
        };
        if !ok {
            return None;
        }
        let up = self.number(j + 1)?;
        if !matches!(up.kind, NumKind::Plain | NumKind::One) || up.upper.is_some() {
            return None;
        }
        Some((up.value, up.end))
    }

    /// The qualifier before token `i`: (start token of the quantity, qualifier). The longest
    /// phrase of `data/qualifiers.tsv` right before the number wins.
    pub(super) fn qualifier(&self, i: usize) -> (usize, Option<&'static str>) {
        let mut phrase = String::new();
        let mut best = (i, None);
        for k in 1..=i.min(3) {
            if k > 1 {
                phrase.insert(0, ' ');
            }
            phrase.insert_str(0, self.lw(i - k));
            if let Some(q) = words::qualifier(&phrase) {
                best = (i - k, Some(q));
            }
        }
        best
    }

    /// Years, dates, times, money, percentages, designations, ages, `one of`.
    pub(super) fn not_a_count(&self, i: usize, num: &Num) -> bool {
        if num.kind == NumKind::Zero || num.kind == NumKind::Article {
            return false;
        }
        let w = self.lw(i);
        let prev = if i > 0 { self.lw(i - 1) } else { "" };
        let next = self.lw(num.end);
        if self.kind(i) == Some(TokKind::Number) {
            // Money and percentages.
            if is(prev, CURRENCY_BEFORE) || is(next, PERCENT_AFTER) {
                return true;
            }
            // Times: 10:30, 9 a.m.
            if prev == ":" || next == ":" && self.kind(num.end + 1) == Some(TokKind::Number) {
                return true;
            }
            if is(next, CLOCK_AFTER) {
                return true;
            }
            // Dates: May 22, 24 February.
            if num.value <= 31.0
                && (i > 0 && month(prev) && self.is_capitalised(i - 1)
                    || month(next) && self.is_capitalised(num.end))
            {
                return true;
            }
            // Years, unless a counted noun follows at once (`2000 people`).
            if is_year_like(w) && noun(next).is_none() {
                return true;
            }
            // Designations and model numbers: No. 5, Article 5, Boeing 737.
            if is(prev, DESIGNATION) {
                return true;
            }
            if i > 0
                && self.is_capitalised(i - 1)
                && self.kind(i - 1) == Some(TokKind::Word)
                && qualifier_word(prev).is_none()
                && pred_word(prev).is_none()
                && !(i == 1 || self.is_quote(i - 2))
                && sitrep_lexicon::weekday(prev).is_none()
                && noun(next).is_none()
                && pred_word(next).is_none()
            {
                return true;
            }
        }
        // Populations: `a city of 69,000 people`.
        if prev == "of" && i >= 2 && is(self.lw(i - 2), POPULATION_NOUN) {
            return true;
        }
        // `one of them`, `one another`, `the one`.
        if num.kind == NumKind::One && (next == "of" || next == "another" || prev == "the") {
            return true;
        }
        false
    }
}

pub(super) fn parse_digits(s: &str) -> Option<f64> {
    if !s.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let clean: String = s.chars().filter(|c| *c != ',').collect();
    clean.parse().ok()
}

pub(super) fn is_year_like(s: &str) -> bool {
    s.len() == 4
        && s.bytes().all(|b| b.is_ascii_digit())
        && matches!(s.parse::<u32>(), Ok(1000..=2100))
}

/// A number word, or a hyphenated pair (`twenty-five`).
pub(super) fn unit_compound(w: &str) -> Option<f64> {
    if let Some(v) = unit_word(w) {
        return Some(v);
    }
    let (a, b) = w.split_once(['-', '‑'])?;
    let (a, b) = (unit_word(a)?, unit_word(b)?);
    (a >= 20.0 && b < 10.0).then_some(a + b)
}

pub(super) fn qualifier_word(w: &str) -> Option<()> {
    is(w, QUALIFIER_WORD).then_some(())
}

pub(super) fn month(w: &str) -> bool {
    sitrep_lexicon::month(w.trim_end_matches('.')).is_some()
}

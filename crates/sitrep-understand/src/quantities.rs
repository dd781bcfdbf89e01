//! Quantities: casualty, damage and other counts, with what they count and what happened to
//! them.
//!
//! A word scan over the tokens of each sentence (no regular expressions): find a number, read
//! the qualifier before it, the counted noun phrase after it, and the predicate of the same
//! clause (before it in the active voice, after it in the passive or predicative).
//!
//! Numbers: digits (`12`, `1,200`, `2.5`, `1.5 million`), number words (`Twelve`,
//! `twenty-five`, `two hundred`, `one hundred and fifty`, `a dozen`, `three dozen`), ranges
//! (`between 1,200 and 2,000`, `5 to 10`, `5-10`, `two or three`: `value` is the lower bound,
//! `upper` the upper one, qualifier `between`), and zero (`no one was injured`, `nobody was
//! hurt`, `no deaths`, `without casualties`: value 0, always with a predicate).
//!
//! Vague numbers get a defensible lower bound and the qualifier `at_least`, unless the text
//! gives its own qualifier (`more than a dozen` → 12, `more_than`):
//!
//! | words                    | value     | qualifier  |
//! |--------------------------|-----------|------------|
//! | a couple (of)            | 2         | `about`    |
//! | a few                    | 2         | `at_least` |
//! | several                  | 3         | `at_least` |
//! | a dozen / half a dozen   | 12 / 6    | exact      |
//! | dozens                   | 24        | `at_least` |
//! | scores                   | 40        | `at_least` |
//! | hundreds                 | 200       | `at_least` |
//! | thousands                | 2,000     | `at_least` |
//! | tens of thousands        | 20,000    | `at_least` |
//! | hundreds of thousands    | 200,000   | `at_least` |
//! | millions                 | 2,000,000 | `at_least` |
//! | several / a few hundred  | 300 / 200 | `at_least` |
//!
//! Qualifiers: `more_than` (more than, over, above, in excess of, upwards of), `at_least` (at
//! least, no fewer/less than, a minimum of), `about` (about, around, approximately, some,
//! nearly, almost, roughly, an estimated, close to), `up_to` (up to, as many as, at most, no
//! more than), `less_than` (less/fewer than, under), `between` (ranges).
//!
//! `counts` is the head noun of the phrase after the number, as a singular lowercase lemma
//! (`civilians` → `civilian`, `people` → `person`, `troops`/`servicemen` → `soldier`,
//! `women` → `woman`, `armored fighting vehicles` → `armored vehicle`, `police officers` →
//! `police officer`, `jets`/`warplanes` → `aircraft`). Adjectives, nationalities, quotes and
//! model names may stand between (`two Ukrainian civilians`, `70 “Ukrainian nationalists”`,
//! `two Mi-24 helicopters`).
//!
//! `predicate` is one of: `killed` (killed, dead, died, deaths, fatalities, perished, lost
//! their lives, death toll), `injured` (injured, wounded, hurt, hospitalised, injuries),
//! `casualties` (a number of casualties, which mixes dead and wounded), `destroyed`, `damaged`,
//! `evacuated`, `captured` (captured, seized, taken prisoner), `detained` (detained,
//! arrested), `abducted`, `missing`, `displaced` (displaced, fled), `shot_down` (shot down,
//! downed, intercepted) and `eliminated` (eliminated, neutralised, liquidated: military
//! euphemisms that may mean killed or put out of action, so they are kept apart from
//! `killed`). "No casualties" gives two zero quantities over the same words, one `killed` and
//! one `injured`. A list shares its predicate (`destroyed 4 tanks, 5 trucks`, `12 people
//! injured, several cars damaged`, `killed five people, including two children`).
//!
//! Not quantities: years, dates (`May 22`, `24 February`), times, ages (`aged 10`; but `a
//! 10-year-old boy` who was wounded counts as one boy), measurements and durations (`20
//! miles`, `600 meters`, `15 months`, `two days`), money, percentages, ordinals, model numbers
//! (`Mi-24`, `T-90`), designations (`No. 5`, `Article 5`), `one of them`. A number whose noun
//! is not a person, a piece of equipment, a building or a settlement is kept only when it
//! has a predicate (`3 substations damaged`); `one`, `a`/`an` and vague words only with a
//! known noun or a predicate (and `a`/`an` with both).

use crate::tokens::{tokenize, TokKind, Token};
use sitrep_core::Quantity;
use std::ops::Range;

/// Finds quantities. Holds no state: build once, share across threads.
#[derive(Debug, Default)]
pub struct QuantityTagger {
    _private: (),
}

impl QuantityTagger {
    /// The quantities of `text`, in text order. `sentences` are byte ranges from
    /// [`crate::tokens::sentences`]; the returned `start`/`end` are byte offsets into `text`.
    pub fn tag(&self, text: &str, sentences: &[Range<usize>]) -> Vec<Quantity> {
        self.tag_tokens(text, &tokenize(text), sentences)
    }

    /// [`QuantityTagger::tag`] with the text's tokens already made
    /// ([`crate::tokens::tokenize`]), to tokenize an article once for every tagger.
    pub fn tag_tokens(
        &self,
        text: &str,
        toks: &[Token],
        sentences: &[Range<usize>],
    ) -> Vec<Quantity> {
        let lc = text.to_ascii_lowercase();
        let mut out = Vec::new();
        for s in sentences {
            let a = toks.partition_point(|t| t.start < s.start);
            let b = toks.partition_point(|t| t.start < s.end);
            let sent = Sent {
                text,
                lc: &lc,
                toks: &toks[a..b],
            };
            sent.quantities(&mut out);
        }
        out
    }
}

/// How a number was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NumKind {
    /// Digits or number words: a definite count.
    Plain,
    /// `one`: a count only with a known noun or a predicate.
    One,
    /// A vague number (`several`, `dozens`).
    Vague,
    /// `a`/`an` as one (`killed a soldier`).
    Article,
    /// `no one`, `nobody`, `no deaths`.
    Zero,
}

/// A parsed number.
#[derive(Debug, Clone, Copy)]
struct Num {
    value: f64,
    upper: Option<f64>,
    /// The qualifier the words themselves imply (vague numbers).
    qual: Option<&'static str>,
    /// Token index after the number.
    end: usize,
    kind: NumKind,
}

/// Where a predicate was found relative to the number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Dir {
    None,
    /// Before the number (active voice: `killed two civilians`).
    Before,
    /// After the counted noun (`two civilians were killed`), or the noun itself (`two dead`).
    After,
}

/// A quantity found in a sentence, in token indices.
#[derive(Debug, Clone)]
struct Found {
    start: usize,
    /// Token index after the last token of the quantity's words.
    end: usize,
    value: f64,
    upper: Option<f64>,
    qual: Option<&'static str>,
    kind: NumKind,
    counts: Option<String>,
    known: bool,
    pred: Option<&'static str>,
    dir: Dir,
    /// `no casualties`: killed and injured both zero.
    casualties_zero: bool,
}

/// One sentence's tokens with the text and its ASCII-lowercased copy.
struct Sent<'a> {
    text: &'a str,
    lc: &'a str,
    toks: &'a [Token],
}

impl<'a> Sent<'a> {
    /// Lowercased token text, "" out of range.
    fn lw(&self, i: usize) -> &'a str {
        self.toks.get(i).map_or("", |t| &self.lc[t.start..t.end])
    }

    /// Token text as written, "" out of range.
    fn raw(&self, i: usize) -> &'a str {
        self.toks.get(i).map_or("", |t| &self.text[t.start..t.end])
    }

    fn kind(&self, i: usize) -> Option<TokKind> {
        self.toks.get(i).map(|t| t.kind)
    }

    fn is_quote(&self, i: usize) -> bool {
        matches!(self.lw(i), "“" | "”" | "\"" | "‘" | "’" | "«" | "»")
    }

    fn is_capitalised(&self, i: usize) -> bool {
        self.raw(i).starts_with(|c: char| c.is_uppercase())
    }

    fn quantities(&self, out: &mut Vec<Quantity>) {
        let mut found: Vec<Found> = Vec::new();
        let n = self.toks.len();
        let mut i = 0;
        while i < n {
            match self.at(i) {
                Step::Found(f) => {
                    i = f.end.max(i + 1);
                    found.push(f);
                }
                Step::Skip(next) => i = next.max(i + 1),
            }
        }
        self.inherit(&mut found);
        for f in found {
            if !f.keep() {
                continue;
            }
            let start = self.toks[f.start].start;
            let end = self.toks[f.end - 1].end;
            let mk = |pred: Option<&'static str>| Quantity {
                text: self.text[start..end].to_string(),
                start,
                end,
                value: f.value,
                upper: f.upper,
                qualifier: f.qual.map(str::to_string),
                counts: f.counts.clone(),
                predicate: pred.map(str::to_string),
            };
            if f.casualties_zero {
                out.push(mk(Some("killed")));
                out.push(mk(Some("injured")));
            } else {
                out.push(mk(f.pred));
            }
        }
    }

    /// A list shares its predicate: forwards from a predicate before the first item,
    /// backwards from one after the last.
    fn inherit(&self, found: &mut [Found]) {
        for k in 1..found.len() {
            let (prev, cur) = (&found[k - 1], &found[k]);
            if cur.pred.is_none()
                && prev.pred.is_some()
                && prev.dir == Dir::Before
                && prev.kind != NumKind::Zero
                && self.only_separators(prev.end, cur.start)
            {
                found[k].pred = found[k - 1].pred;
                found[k].dir = Dir::Before;
            }
        }
        for k in (0..found.len().saturating_sub(1)).rev() {
            let (cur, next) = (&found[k], &found[k + 1]);
            if cur.pred.is_none()
                && next.pred.is_some()
                && next.dir == Dir::After
                && next.kind != NumKind::Zero
                && self.only_separators(cur.end, next.start)
            {
                found[k].pred = found[k + 1].pred;
                found[k].dir = Dir::After;
            }
        }
    }

    fn only_separators(&self, from: usize, to: usize) -> bool {
        from <= to
            && to - from <= 4
            && (from..to).all(|j| {
                matches!(
                    self.lw(j),
                    "," | "and" | "as" | "well" | "including" | "among" | "them" | "plus"
                )
            })
    }

    /// What starts at token `i`.
    fn at(&self, i: usize) -> Step {
        let Some(num) = self.number(i) else {
            return Step::Skip(i + 1);
        };
        if self.not_a_count(i, &num) {
            return Step::Skip(num.end);
        }
        // Qualifier before the number.
        let (mut start, mut qual) = self.qualifier(i);
        let mut num = num;
        if qual.is_none() {
            qual = num.qual;
        }
        // `between X and Y`, `from X to Y`.
        if num.upper.is_none() && matches!(qual, Some("between") | Some("from")) {
            if let Some(up) = self.range_tail(num.end, true) {
                num.upper = Some(up.0);
                num.end = up.1;
                qual = Some("between");
            } else if qual == Some("from") {
                qual = None;
                start = i;
            } else {
                return Step::Skip(num.end);
            }
        } else if num.upper.is_none() && matches!(num.kind, NumKind::Plain | NumKind::One) {
            if let Some(up) = self.range_tail(num.end, false) {
                num.upper = Some(up.0);
                num.end = up.1;
                qual = Some("between");
            }
        }
        if num.upper.is_some() && qual.is_none() {
            qual = Some("between");
        }
        let mut f = Found {
            start,
            end: num.end,
            value: num.value,
            upper: num.upper,
            qual,
            kind: num.kind,
            counts: None,
            known: false,
            pred: None,
            dir: Dir::None,
            casualties_zero: false,
        };
        // `of`, `of the`, `of them` after the number.
        let mut j = num.end;
        // `four more`, `two other`
        if matches!(
            self.lw(j),
            "more" | "other" | "others" | "additional" | "further"
        ) {
            j += 1;
            f.end = j;
        }
        if self.lw(j) == "of" {
            if num.kind == NumKind::One || num.kind == NumKind::Article {
                return Step::Skip(j);
            }
            match self.lw(j + 1) {
                "them" | "whom" | "those" | "these" | "which" => {
                    f.end = j + 2;
                    j = usize::MAX;
                }
                "the" | "their" | "its" | "our" | "his" | "her" => j += 2,
                _ => j += 1,
            }
        }
        if j != usize::MAX {
            match self.noun_phrase(j, &mut f) {
                Np::Unit => return Step::Skip(j + 1),
                Np::Done => {}
            }
        }
        if f.pred.is_none() {
            if let Some(p) = self.pred_before(start) {
                f.pred = Some(p);
                f.dir = Dir::Before;
            } else if let Some(p) = self.pred_after(f.end) {
                f.pred = Some(p);
                f.dir = Dir::After;
            }
        }
        Step::Found(f)
    }

    /// Parse a number starting at token `i`.
    fn number(&self, i: usize) -> Option<Num> {
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
            "no" | "nobody" | "no-one" | "none" | "without" => return self.zero(i),
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
            "dozens" | "scores" | "hundreds" | "thousands" | "millions" | "tens" => {
                let base = match w {
                    "dozens" => 24.0,
                    "scores" => 40.0,
                    "hundreds" => 200.0,
                    "thousands" => 2_000.0,
                    "millions" => 2_000_000.0,
                    _ => 20.0,
                };
                // `tens of thousands`, `hundreds of thousands`.
                if self.lw(i + 1) == "of" {
                    let unit = match self.lw(i + 2) {
                        "thousands" => Some(1_000.0),
                        "millions" => Some(1_000_000.0),
                        _ => None,
                    };
                    if let Some(u) = unit {
                        return Some(vague(base * u, i + 3));
                    }
                }
                if w == "tens" || w == "scores" && self.lw(i + 1) != "of" {
                    return None;
                }
                return Some(vague(base, i + 1));
            }
            _ => {}
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
    fn number_words(&self, i: usize) -> Option<(f64, usize)> {
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
    fn article(&self, i: usize) -> Option<Num> {
        let next = self.lw(i + 1);
        match next {
            "dozen" => Some(plain(12.0, i + 2)),
            "hundred" | "thousand" | "million" => {
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
    fn zero(&self, i: usize) -> Option<Num> {
        let w = self.lw(i);
        let end = match w {
            "nobody" | "no-one" | "none" => i + 1,
            "no" if self.lw(i + 1) == "one" => i + 2,
            "no" | "without" => {
                let mut j = i + 1;
                while matches!(
                    self.lw(j),
                    "immediate" | "initial" | "known" | "reported" | "other" | "further"
                ) {
                    j += 1;
                }
                if matches!(self.lw(j), "reports" | "report" | "word" | "information")
                    && matches!(self.lw(j + 1), "of" | "on" | "about")
                {
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
    fn range_tail(&self, j: usize, between: bool) -> Option<(f64, usize)> {
        let sep = self.lw(j);
        let ok = match sep {
            "and" => between,
            "to" | "or" | "-" | "–" | "—" => true,
            _ => false,
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

    /// The qualifier before token `i`: (start token of the quantity, qualifier).
    fn qualifier(&self, i: usize) -> (usize, Option<&'static str>) {
        let b = |k: usize| if i >= k { self.lw(i - k) } else { "" };
        let three = (b(3), b(2), b(1));
        let q3 = match three {
            ("no", "fewer" | "less", "than") => Some("at_least"),
            ("no", "more", "than") => Some("up_to"),
            ("as", "many", "as") => Some("up_to"),
            ("in", "excess", "of") => Some("more_than"),
            ("a", "minimum", "of") => Some("at_least"),
            ("a", "maximum", "of") => Some("up_to"),
            _ => None,
        };
        if q3.is_some() {
            return (i - 3, q3);
        }
        let q2 = match (b(2), b(1)) {
            ("more" | "greater", "than") => Some("more_than"),
            ("at", "least") => Some("at_least"),
            ("at", "most") => Some("up_to"),
            ("up", "to") => Some("up_to"),
            ("fewer" | "less", "than") => Some("less_than"),
            ("close", "to") => Some("about"),
            ("upwards", "of") => Some("more_than"),
            ("an", "estimated") => Some("about"),
            ("just" | "well", "over") => Some("more_than"),
            ("just", "under") => Some("less_than"),
            _ => None,
        };
        if q2.is_some() {
            return (i - 2, q2);
        }
        let q1 = match b(1) {
            "over" | "above" => Some("more_than"),
            "about" | "around" | "approximately" | "approx" | "some" | "nearly" | "almost"
            | "roughly" | "estimated" | "circa" => Some("about"),
            "under" => Some("less_than"),
            "between" => Some("between"),
            "from" => Some("from"),
            _ => None,
        };
        if q1.is_some() {
            return (i - 1, q1);
        }
        (i, None)
    }

    /// Years, dates, times, money, percentages, designations, ages, `one of`.
    fn not_a_count(&self, i: usize, num: &Num) -> bool {
        if num.kind == NumKind::Zero || num.kind == NumKind::Article {
            return false;
        }
        let w = self.lw(i);
        let prev = if i > 0 { self.lw(i - 1) } else { "" };
        let next = self.lw(num.end);
        if self.kind(i) == Some(TokKind::Number) {
            // Money and percentages.
            if matches!(prev, "$" | "€" | "£" | "¥" | "₴" | "₽" | "us$" | "#")
                || matches!(next, "%" | "percent" | "per" | "pc")
            {
                return true;
            }
            // Times: 10:30, 9 a.m.
            if prev == ":" || next == ":" && self.kind(num.end + 1) == Some(TokKind::Number) {
                return true;
            }
            if matches!(
                next,
                "am" | "pm" | "a.m." | "p.m." | "a.m" | "p.m" | "gmt" | "utc" | "o'clock" | "hrs"
            ) {
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
            if matches!(
                prev,
                "no" | "no."
                    | "number"
                    | "nos"
                    | "article"
                    | "resolution"
                    | "flight"
                    | "route"
                    | "highway"
                    | "page"
                    | "chapter"
                    | "section"
                    | "paragraph"
                    | "room"
                    | "platform"
                    | "gate"
                    | "line"
                    | "version"
                    | "model"
                    | "aged"
                    | "age"
                    | "ages"
                    | "grade"
                    | "level"
                    | "phase"
                    | "stage"
                    | "round"
                    | "tier"
            ) {
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
        if prev == "of"
            && i >= 2
            && matches!(
                self.lw(i - 2),
                "city"
                    | "town"
                    | "village"
                    | "population"
                    | "region"
                    | "country"
                    | "nation"
                    | "community"
                    | "district"
                    | "capital"
            )
        {
            return true;
        }
        // `one of them`, `one another`, `the one`.
        if num.kind == NumKind::One && (next == "of" || next == "another" || prev == "the") {
            return true;
        }
        false
    }

    /// Read the counted noun phrase from token `j`, filling `counts`, `known`, `end` and a
    /// predicate carried by the phrase itself (`two dead`, `12 injured people`).
    fn noun_phrase(&self, j: usize, f: &mut Found) -> Np {
        let mut k = j;
        let mut words = 0;
        let mut head: Option<usize> = None;
        let mut armored = false;
        let mut police = false;
        let mut aerial = false;
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
            match w {
                "armored" | "armoured" => armored = true,
                "police" => police = true,
                "aerial" | "unmanned" => aerial = true,
                _ => {}
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
            if let Some(c) = f.counts.as_deref() {
                let c = match c {
                    "vehicle" | "carrier" | "apc" if armored => Some("armored vehicle"),
                    "vehicle" if aerial => Some("drone"),
                    "officer" if police => Some("police officer"),
                    _ => None,
                };
                if let Some(c) = c {
                    f.counts = Some(c.to_string());
                }
            }
        } else if f.kind == NumKind::Zero
            && matches!(self.lw(f.end - 1), "one" | "nobody" | "no-one")
        {
            f.counts = Some("person".into());
            f.known = true;
        }
        Np::Done
    }

    /// An active predicate just before the quantity: `killed two`, `injuring 12`, `death
    /// toll of 5`, `the dead included three children`.
    fn pred_before(&self, start: usize) -> Option<&'static str> {
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
            if !matches!(
                w,
                "dead"
                    | "deaths"
                    | "fatalities"
                    | "casualties"
                    | "injuries"
                    | "missing"
                    | "displaced"
            ) {
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
                "of" | "to" | "at" | "rose" | "risen" | "reached" | "climbed" | "stood"
                | "stands" | "is" | "was" | "were" | "are" | "included" | "include"
                | "includes" | "has" | "had" | "now" | "increased" | "jumped" => continue,
                _ => {
                    if let Some((p, true)) = pred_word(w) {
                        if k > 0 && matches!(self.lw(k - 1), "the" | "among") {
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
    fn pred_after(&self, end: usize) -> Option<&'static str> {
        let mut k = end;
        let mut aux = false;
        for _ in 0..6 {
            let w = self.lw(k);
            if self.is_quote(k) {
                k += 1;
                continue;
            }
            match w {
                "was" | "were" | "is" | "are" | "been" | "be" | "being" | "had" | "have"
                | "has" | "got" | "get" | "reportedly" | "allegedly" | "also" | "later" | "all"
                | "both" | "believed" | "thought" | "feared" | "reported" | "said" | "to"
                | "now" | "already" | "seriously" | "critically" | "severely" | "slightly"
                | "lightly" | "badly" | "fatally" | "mortally" | "who" | "that" | "confirmed"
                | "presumed" | "likely" | "then" => {
                    aux = true;
                    k += 1;
                    continue;
                }
                "lost"
                    if matches!(self.lw(k + 1), "their" | "his" | "her")
                        && matches!(self.lw(k + 2), "lives" | "life") =>
                {
                    return Some("killed")
                }
                "shot" if self.lw(k + 1) == "down" => return Some("shot_down"),
                // "shot dead", "fatally shot", "shot and killed" / "shot and wounded".
                "shot" if self.lw(k + 1) == "dead" || k > 0 && self.lw(k - 1) == "fatally" => {
                    return Some("killed")
                }
                "shot" | "stabbed" if self.lw(k + 1) == "and" => {
                    aux = true;
                    k += 2;
                    continue;
                }
                "pronounced" | "found" | "left" if self.lw(k + 1) == "dead" => {
                    return Some("killed")
                }
                "taken" if matches!(self.lw(k + 1), "prisoner" | "captive" | "hostage") => {
                    return Some("captured")
                }
                "fled" | "flee" => return Some("displaced"),
                _ => {}
            }
            let (p, _) = pred_word(w)?;
            if !aux {
                // Directly after the noun and followed by an object: the counted things did
                // it (`two drones destroyed a bridge`).
                let next = self.lw(k + 1);
                let object = matches!(
                    next,
                    "a" | "an"
                        | "the"
                        | "this"
                        | "these"
                        | "those"
                        | "his"
                        | "her"
                        | "their"
                        | "its"
                        | "our"
                        | "him"
                        | "them"
                        | "it"
                        | "us"
                ) || self.kind(k + 1) == Some(TokKind::Number)
                    || unit_compound(next).is_some()
                    || self.is_capitalised(k + 1)
                        && self.kind(k + 1) == Some(TokKind::Word)
                        && sitrep_lexicon::weekday(next).is_none()
                        && !month(next);
                if object && !matches!(w, "died" | "dead" | "missing" | "perished") {
                    return None;
                }
            }
            return Some(p);
        }
        None
    }
}

enum Step {
    Found(Found),
    Skip(usize),
}

enum Np {
    Unit,
    Done,
}

impl Found {
    fn keep(&self) -> bool {
        match self.kind {
            NumKind::Zero => self.pred.is_some(),
            NumKind::Article => self.pred.is_some() && self.known,
            NumKind::One | NumKind::Vague => self.known || self.pred.is_some(),
            NumKind::Plain => self.known || self.pred.is_some(),
        }
    }
}

fn plain(value: f64, end: usize) -> Num {
    Num {
        value,
        upper: None,
        qual: None,
        end,
        kind: NumKind::Plain,
    }
}

fn vague(value: f64, end: usize) -> Num {
    Num {
        value,
        upper: None,
        qual: Some("at_least"),
        end,
        kind: NumKind::Vague,
    }
}

fn parse_digits(s: &str) -> Option<f64> {
    if !s.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let clean: String = s.chars().filter(|c| *c != ',').collect();
    clean.parse().ok()
}

fn is_year_like(s: &str) -> bool {
    s.len() == 4
        && s.bytes().all(|b| b.is_ascii_digit())
        && matches!(s.parse::<u32>(), Ok(1000..=2100))
}

fn scale(w: &str) -> Option<f64> {
    match w {
        "hundred" => Some(100.0),
        "thousand" => Some(1_000.0),
        "million" => Some(1_000_000.0),
        "billion" => Some(1_000_000_000.0),
        _ => None,
    }
}

fn unit_word(w: &str) -> Option<f64> {
    Some(match w {
        "one" => 1.0,
        "two" => 2.0,
        "three" => 3.0,
        "four" => 4.0,
        "five" => 5.0,
        "six" => 6.0,
        "seven" => 7.0,
        "eight" => 8.0,
        "nine" => 9.0,
        "ten" => 10.0,
        "eleven" => 11.0,
        "twelve" => 12.0,
        "thirteen" => 13.0,
        "fourteen" => 14.0,
        "fifteen" => 15.0,
        "sixteen" => 16.0,
        "seventeen" => 17.0,
        "eighteen" => 18.0,
        "nineteen" => 19.0,
        "twenty" => 20.0,
        "thirty" => 30.0,
        "forty" => 40.0,
        "fifty" => 50.0,
        "sixty" => 60.0,
        "seventy" => 70.0,
        "eighty" => 80.0,
        "ninety" => 90.0,
        _ => return None,
    })
}

/// A number word, or a hyphenated pair (`twenty-five`).
fn unit_compound(w: &str) -> Option<f64> {
    if let Some(v) = unit_word(w) {
        return Some(v);
    }
    let (a, b) = w.split_once(['-', '‑'])?;
    let (a, b) = (unit_word(a)?, unit_word(b)?);
    (a >= 20.0 && b < 10.0).then_some(a + b)
}

fn qualifier_word(w: &str) -> Option<()> {
    matches!(
        w,
        "over"
            | "about"
            | "around"
            | "approximately"
            | "some"
            | "nearly"
            | "almost"
            | "roughly"
            | "between"
            | "from"
            | "under"
            | "above"
            | "estimated"
    )
    .then_some(())
}

fn month(w: &str) -> bool {
    matches!(
        w.trim_end_matches('.'),
        "january"
            | "february"
            | "march"
            | "april"
            | "may"
            | "june"
            | "july"
            | "august"
            | "september"
            | "october"
            | "november"
            | "december"
            | "jan"
            | "feb"
            | "mar"
            | "apr"
            | "jun"
            | "jul"
            | "aug"
            | "sep"
            | "sept"
            | "oct"
            | "nov"
            | "dec"
    )
}

/// Units of measurement, time, money: a number of these is not a count.
fn unit(w: &str) -> bool {
    matches!(
        w,
        "mile"
            | "miles"
            | "km"
            | "kms"
            | "kilometre"
            | "kilometres"
            | "kilometer"
            | "kilometers"
            | "metre"
            | "metres"
            | "meter"
            | "meters"
            | "m"
            | "feet"
            | "foot"
            | "ft"
            | "yard"
            | "yards"
            | "inch"
            | "inches"
            | "cm"
            | "mm"
            | "kg"
            | "kilogram"
            | "kilograms"
            | "kilogrammes"
            | "ton"
            | "tons"
            | "tonne"
            | "tonnes"
            | "pound"
            | "pounds"
            | "lb"
            | "lbs"
            | "litre"
            | "litres"
            | "liter"
            | "liters"
            | "gallon"
            | "gallons"
            | "barrel"
            | "barrels"
            | "hectare"
            | "hectares"
            | "acre"
            | "acres"
            | "square"
            | "sq"
            | "degree"
            | "degrees"
            | "percent"
            | "per"
            | "second"
            | "seconds"
            | "minute"
            | "minutes"
            | "hour"
            | "hours"
            | "day"
            | "days"
            | "week"
            | "weeks"
            | "month"
            | "months"
            | "year"
            | "years"
            | "decade"
            | "decades"
            | "century"
            | "centuries"
            | "times"
            | "points"
            | "mph"
            | "knots"
            | "dollar"
            | "dollars"
            | "euro"
            | "euros"
            | "ruble"
            | "rubles"
            | "rouble"
            | "roubles"
            | "hryvnia"
            | "hryvnias"
            | "hryvnia's"
            | "yuan"
            | "yen"
            | "usd"
            | "eur"
            | "bn"
            | "mln"
            | "am"
            | "pm"
            | "a.m."
            | "p.m."
            | "gmt"
            | "utc"
            | "caliber"
            | "calibre"
            | "millimetre"
            | "millimeter"
            | "night"
            | "nights"
            | "morning"
            | "overnight"
            | "times-a-day"
            | "storey"
            | "story"
            | "stories"
            | "storeys"
            | "floors"
            | "votes"
            | "seats"
            | "shekels"
            | "rupees"
            | "megawatts"
            | "mw"
            | "kv"
    )
}

/// Closed-class words that end a noun phrase.
fn stop_word(w: &str) -> bool {
    matches!(
        w,
        "the"
            | "a"
            | "an"
            | "of"
            | "in"
            | "on"
            | "at"
            | "by"
            | "for"
            | "with"
            | "from"
            | "to"
            | "into"
            | "onto"
            | "and"
            | "or"
            | "but"
            | "nor"
            | "as"
            | "that"
            | "which"
            | "who"
            | "whom"
            | "whose"
            | "was"
            | "were"
            | "is"
            | "are"
            | "be"
            | "been"
            | "being"
            | "had"
            | "has"
            | "have"
            | "will"
            | "would"
            | "could"
            | "should"
            | "may"
            | "might"
            | "can"
            | "must"
            | "shall"
            | "do"
            | "does"
            | "did"
            | "this"
            | "these"
            | "those"
            | "their"
            | "his"
            | "her"
            | "its"
            | "our"
            | "my"
            | "your"
            | "it"
            | "they"
            | "he"
            | "she"
            | "we"
            | "i"
            | "you"
            | "them"
            | "him"
            | "us"
            | "than"
            | "then"
            | "there"
            | "here"
            | "when"
            | "where"
            | "while"
            | "after"
            | "before"
            | "during"
            | "since"
            | "including"
            | "among"
            | "about"
            | "over"
            | "under"
            | "near"
            | "not"
            | "no"
            | "all"
            | "both"
            | "each"
            | "also"
            | "only"
            | "just"
            | "more"
            | "most"
            | "such"
            | "so"
            | "if"
            | "whether"
            | "because"
            | "said"
            | "says"
            | "told"
            | "’s"
            | "'s"
            | "across"
            | "along"
            | "against"
            | "amid"
            | "around"
            | "behind"
            | "between"
            | "beyond"
            | "inside"
            | "outside"
            | "through"
            | "toward"
            | "towards"
            | "until"
            | "upon"
            | "via"
            | "within"
            | "without"
            | "per"
            | "reportedly"
            | "allegedly"
            | "again"
            | "already"
            | "still"
            | "now"
            | "yet"
            | "later"
            | "earlier"
            | "ago"
            | "left"
            | "remained"
            | "remain"
            | "remain's"
            | "according"
            | "out"
            | "up"
            | "down"
            | "off"
            | "back"
            | "away"
            | "following"
            | "despite"
            | "like"
            | "unlike"
            | "plus"
            | "either"
            | "neither"
            | "apiece"
            | "each-other"
            | "another"
            | "other"
            | "others"
            | "one"
    )
}

/// Words that follow a known noun in a compound whose head they are (`drone attacks`).
fn compound_tail(w: &str) -> bool {
    matches!(
        w,
        "attack"
            | "attacks"
            | "strike"
            | "strikes"
            | "unit"
            | "units"
            | "operator"
            | "operators"
            | "crew"
            | "crews"
            | "base"
            | "bases"
            | "factory"
            | "factories"
            | "depot"
            | "depots"
            | "plant"
            | "plants"
            | "launch"
            | "launches"
            | "team"
            | "teams"
            | "company"
            | "companies"
            | "convoy"
            | "convoys"
            | "column"
            | "columns"
            | "regiment"
            | "regiments"
            | "brigade"
            | "brigades"
            | "battalion"
            | "battalions"
            | "group"
            | "groups"
            | "positions"
            | "fire"
            | "shelling"
            | "raid"
            | "raids"
            | "incident"
            | "incidents"
            | "camp"
            | "camps"
            | "owner"
            | "owners"
            | "station"
            | "stations"
            | "parts"
            | "engine"
            | "engines"
            | "production"
            | "sightings"
            | "debris"
            | "wreckage"
            | "fragments"
            | "pilots"
            | "school"
            | "schools"
            | "building"
            | "buildings"
            | "block"
            | "blocks"
            | "complex"
            | "complexes"
            | "stop"
            | "stops"
            | "depots'"
            | "systems"
            | "system"
            | "rights"
            | "families"
            | "members"
            | "officers"
            | "officials"
            | "jets"
            | "flights"
            | "lines"
    )
}

/// Nouns meaning casualties in general (`without casualties`).
fn casualty_noun(w: &str) -> bool {
    matches!(
        w,
        "casualties" | "casualty" | "deaths" | "fatalities" | "injuries" | "victims" | "losses"
    )
}

/// A predicate word: (predicate, can stand as a noun after the number — `two dead`,
/// `12 deaths`, `five injured`).
fn pred_word(w: &str) -> Option<(&'static str, bool)> {
    Some(match w {
        "killed" | "dead" | "deaths" | "fatalities" => ("killed", true),
        "kill" | "kills" | "killing" | "died" | "die" | "dies" | "perished" | "slain"
        | "murdered" | "executed" => ("killed", false),
        "injured" | "wounded" | "injuries" | "hurt" => ("injured", true),
        "injure" | "injures" | "injuring" | "wounding" | "wounds" | "wound" | "hospitalized"
        | "hospitalised" => ("injured", false),
        "casualties" => ("casualties", true),
        "destroyed" | "destroying" | "destroy" | "destroys" | "wrecked" | "razed" => {
            ("destroyed", false)
        }
        "damaged" | "damaging" | "damage" | "damages" => ("damaged", false),
        "evacuated" | "evacuating" | "evacuate" | "evacuates" => ("evacuated", false),
        "captured" | "capturing" | "capture" | "captures" | "seized" | "seizing" => {
            ("captured", false)
        }
        "detained" | "detaining" | "detain" | "arrested" | "arresting" | "arrest" => {
            ("detained", false)
        }
        "abducted" | "kidnapped" | "abducting" | "kidnapping" => ("abducted", false),
        "missing" => ("missing", true),
        "displaced" => ("displaced", true),
        "eliminated" | "eliminating" | "eliminate" | "neutralised" | "neutralized"
        | "neutralising" | "neutralizing" | "liquidated" | "liquidating" => ("eliminated", false),
        "downed" | "intercepted" | "intercepting" | "downing" => ("shot_down", false),
        _ => return None,
    })
}

/// Known counted nouns → lemma: people, forces, equipment, buildings, settlements.
fn noun(w: &str) -> Option<&'static str> {
    Some(match w {
        "people" | "person" | "persons" | "individuals" | "individual" => "person",
        "civilian" | "civilians" => "civilian",
        "soldier" | "soldiers" | "troops" | "serviceman" | "servicemen" | "servicemembers"
        | "servicewomen" | "marines" | "paratroopers" | "conscripts" | "recruits" => "soldier",
        "personnel" => "personnel",
        "attacker" | "attackers" | "assailant" | "assailants" | "gunmen" | "gunman" => "attacker",
        "militant" | "militants" => "militant",
        "fighter" | "fighters" | "combatants" | "combatant" => "fighter",
        "nationalist" | "nationalists" => "nationalist",
        "saboteur" | "saboteurs" => "saboteur",
        "insurgent" | "insurgents" | "rebel" | "rebels" | "separatists" | "separatist" => {
            "insurgent"
        }
        "terrorist" | "terrorists" => "terrorist",
        "mercenary" | "mercenaries" => "mercenary",
        "child" | "children" | "kids" | "kid" | "minors" | "minor" => "child",
        "boy" | "boys" => "boy",
        "girl" | "girls" => "girl",
        "woman" | "women" => "woman",
        "man" | "men" => "man",
        "teenager" | "teenagers" | "teen" | "teens" => "teenager",
        "worker" | "workers" | "employees" | "employee" | "staff" => "worker",
        "policeman" | "policemen" | "policewoman" | "policemen's" => "police officer",
        "officer" | "officers" => "officer",
        "resident" | "residents" | "inhabitants" | "villagers" | "locals" => "resident",
        "victim" | "victims" => "victim",
        "journalist" | "journalists" | "reporters" | "reporter" => "journalist",
        "medic" | "medics" | "paramedics" | "paramedic" | "doctors" | "doctor" | "nurses"
        | "nurse" => "medic",
        "rescuer" | "rescuers" | "firefighters" | "firefighter" => "rescuer",
        "pilot" | "pilots" => "pilot",
        "member" | "members" => "member",
        "prisoner" | "prisoners" | "pows" | "captives" => "prisoner",
        "hostage" | "hostages" => "hostage",
        "refugee" | "refugees" | "migrants" | "migrant" | "evacuees" => "refugee",
        "family" | "families" => "family",
        "passenger" | "passengers" => "passenger",
        "student" | "students" | "pupils" | "pupil" => "student",
        "citizen" | "citizens" | "nationals" => "citizen",
        "volunteer" | "volunteers" => "volunteer",
        "guard" | "guards" | "guardsmen" => "guard",
        "body" | "bodies" | "corpses" => "body",
        "tank" | "tanks" => "tank",
        "vehicle" | "vehicles" => "vehicle",
        "apc" | "apcs" | "carrier" | "carriers" => "armored vehicle",
        "humvee" | "humvees" => "humvee",
        "truck" | "trucks" | "lorries" | "lorry" | "pickups" | "pickup" => "truck",
        "car" | "cars" => "car",
        "bus" | "buses" => "bus",
        "train" | "trains" | "wagons" => "train",
        "drone" | "drones" | "uav" | "uavs" => "drone",
        "missile" | "missiles" => "missile",
        "rocket" | "rockets" => "rocket",
        "shell" | "shells" | "rounds" => "shell",
        "bomb" | "bombs" => "bomb",
        "mine" | "mines" => "mine",
        "grenade" | "grenades" => "grenade",
        "helicopter" | "helicopters" => "helicopter",
        "aircraft" | "plane" | "planes" | "jet" | "jets" | "warplane" | "warplanes"
        | "airplanes" => "aircraft",
        "boat" | "boats" => "boat",
        "ship" | "ships" | "vessel" | "vessels" | "warships" | "warship" => "ship",
        "launcher" | "launchers" => "launcher",
        "howitzer" | "howitzers" | "cannons" => "artillery",
        "building" | "buildings" => "building",
        "house" | "houses" | "homes" | "home" => "house",
        "apartment" | "apartments" | "flats" => "apartment",
        "school" | "schools" => "school",
        "hospital" | "hospitals" => "hospital",
        "bridge" | "bridges" => "bridge",
        "church" | "churches" => "church",
        "mosque" | "mosques" => "mosque",
        "shop" | "shops" | "stores" => "shop",
        "village" | "villages" => "village",
        "town" | "towns" => "town",
        "settlement" | "settlements" | "localities" => "settlement",
        _ => return None,
    })
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

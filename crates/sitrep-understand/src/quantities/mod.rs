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
//!
//! The words are data, read by [`words`]: `data/numbers.tsv` (number words),
//! `data/qualifiers.tsv`, `data/counted.tsv` and `data/compounds.tsv` (what is counted),
//! `data/predicates.tsv` and `data/quantities.tsv` (everything else, by category), with
//! sitrep-lexicon's function words, reporting verbs and month names. Number parsing is
//! `numbers.rs`; the counted noun phrase and the predicate are `counted.rs`.

mod counted;
mod numbers;
pub mod words;

use crate::tokens::{tokenize, TokKind, Token};
use sitrep_core::Quantity;
use std::ops::Range;
use words::*;

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
        from <= to && to - from <= 4 && (from..to).all(|j| is(self.lw(j), SEPARATOR))
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
        if is(self.lw(j), MORE_WORD) {
            j += 1;
            f.end = j;
        }
        if self.lw(j) == "of" {
            if num.kind == NumKind::One || num.kind == NumKind::Article {
                return Step::Skip(j);
            }
            let next = self.lw(j + 1);
            if is(next, OF_PRONOUN) {
                f.end = j + 2;
                j = usize::MAX;
            } else if is(next, OF_DETERMINER) {
                j += 2;
            } else {
                j += 1;
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

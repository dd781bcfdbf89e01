//! Mentions: people, organisations, armed groups, places, facilities, nationalities and weapons.
//!
//! How a mention is found, in order:
//! 1. **Names** are runs of capitalised words (with inner connectors: "Institute *for the*
//!    Study *of* War"). A sentence-initial common word ("Twelve", "Geolocated") is not a name.
//!    In a sentence written in capitals (a wire headline) capitalisation says nothing, so only
//!    knowledge-base names are taken there.
//! 2. A **title** inside a name ("Belgorod Governor Vyacheslav …", "Air Force Brig. Gen. …")
//!    splits it: what follows the title is a person with that role; what precedes is a name of
//!    its own. A lowercase role noun right before a name ("spokesman Dmitry …") or in an
//!    apposition ("…, the governor of …,") also makes it a person.
//! 3. Each name is **typed** by its head word (Ministry → organisation, Legion/Corps/Army →
//!    armed group, region/oblast → place, Bridge/Airport → facility), by the knowledge base
//!    (actors and places), by a given-name list, by demonyms, and by context (`in`, `near`,
//!    `the village of` → place; `X said` → person).
//! 4. **Lowercase** facilities ("oil depot", "border post") and weapons ("Mi-24 helicopters",
//!    "drones", "armored personnel carrier") come from head-noun lists with modifiers.
//! 5. **Coreference** (in the article): a surname alone refers to the full name met earlier,
//!    "the governor" to the person given that role, and a shorter or reordered form of a group
//!    or organisation name to the full one; each mention's `canonical` is the full form.
//!
//! A **dateline** in capitals at the head of a paragraph of the opening ("NORMAL, Ill.
//! (AP) —") is a place whatever else its words are (`dateline.rs`); so is one in title case
//! that the gazetteer knows, when a state (named, abbreviated, or a US postal code in
//! capitals) and a dash follow it ("Normal, IL —", "Normal IL—").
//!
//! Finding names is `names.rs` and lowercase things `things.rs`; typing and roles are
//! `typing.rs`; coreference is `coref.rs`. The word lists are data: `data/lexicon.tsv` (read by
//! [`crate::lexicon`]) and sitrep-lexicon's function words, reporting verbs and calendar words.
//!
//! Offsets are byte offsets here; the stage converts them to characters at the end.

use std::ops::Range;

use sitrep_core::MentionKind;
use sitrep_kb::Kb;
use std::sync::Arc;

mod coref;
mod dateline;
mod names;
mod things;
mod typing;

pub(crate) use typing::acronym_form_matches;

use crate::lexicon::{bits, Lexicon};
use crate::tokens::{TokKind, Token};
use coref::{coreference, surnames};

/// A mention before linking, with what the finder learned about it.
#[derive(Debug, Clone)]
pub struct Found {
    /// Byte range in the text.
    pub span: Range<usize>,
    /// What it names.
    pub kind: MentionKind,
    /// Role given in the text, for people.
    pub role: Option<String>,
    /// Canonical form within the article (coreference), when other than the text.
    pub canonical: Option<String>,
    /// Whether the name was typed on weak evidence only (a guess from its shape).
    pub weak: bool,
    /// Whether it is a lone capitalised dictionary word ("Miller", "Major"): a name only if
    /// coreference says so.
    pub common: bool,
    /// Whether "near" precedes a place.
    pub near: bool,
    /// Whether the text calls the place a first-level region ("the region of X", "the
    /// province of X"), so it links to the region even where a town has its name.
    pub region: bool,
    /// Whether the text says what kind of settlement a place is ("the village of X"), so a
    /// place the gazetteer lacks may fall back to the region around it.
    pub settlement: bool,
}

impl Found {
    /// A mention of `kind` over `span`, with nothing else known yet.
    pub fn new(span: Range<usize>, kind: MentionKind) -> Self {
        Found {
            span,
            kind,
            role: None,
            canonical: None,
            weak: false,
            common: false,
            near: false,
            region: false,
            settlement: false,
        }
    }
}

/// Finds mentions in one article.
pub struct MentionFinder {
    kb: Arc<Kb>,
    lex: &'static Lexicon,
}

impl std::fmt::Debug for MentionFinder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MentionFinder").finish_non_exhaustive()
    }
}

impl MentionFinder {
    /// A finder using `kb`.
    pub fn new(kb: Arc<Kb>) -> Self {
        MentionFinder {
            kb,
            lex: Lexicon::get(),
        }
    }

    /// The knowledge base in use.
    pub fn kb(&self) -> &Kb {
        &self.kb
    }

    /// Find the mentions of `text`, sorted by start.
    pub fn find(&self, text: &str, tokens: &[Token], sentences: &[Range<usize>]) -> Vec<Found> {
        let mut out = Vec::new();
        // Datelines first: at equal spans the first found wins below.
        self.datelines(text, tokens, &mut out);
        let mut ti = 0;
        for s in sentences {
            let a = ti;
            while ti < tokens.len() && tokens[ti].start < s.end {
                ti += 1;
            }
            let sent = &tokens[a..ti];
            if sent.is_empty() {
                continue;
            }
            let ctx = Sent { text, toks: sent };
            if ctx.is_caps() {
                self.caps_sentence(&ctx, &mut out);
            } else if ctx.is_title_case(self.lex, &self.kb) {
                // A title-case headline: capitals say nothing, so only names typed by
                // evidence (knowledge base, head words, titles) are kept.
                let from = out.len();
                self.names(&ctx, &mut out);
                let mut k = from;
                while k < out.len() {
                    if out[k].weak {
                        out.remove(k);
                    } else {
                        k += 1;
                    }
                }
            } else {
                self.names(&ctx, &mut out);
            }
            self.lowercase_things(&ctx, &mut out);
        }
        out.sort_by_key(|f| (f.span.start, std::cmp::Reverse(f.span.end)));
        // Overlaps: the earlier, longer one wins.
        let mut kept: Vec<Found> = Vec::with_capacity(out.len());
        for f in out {
            if kept.last().is_some_and(|k| f.span.start < k.span.end) {
                continue;
            }
            kept.push(f);
        }
        coreference(text, tokens, &mut kept, self.lex);
        surnames(text, tokens, &mut kept, self.lex);
        kept
    }
}

/// A sentence's tokens with helpers.
struct Sent<'a> {
    text: &'a str,
    toks: &'a [Token],
}

impl<'a> Sent<'a> {
    fn word(&self, i: usize) -> &'a str {
        self.toks[i].text(self.text)
    }

    fn word_opt(&self, i: usize) -> Option<&'a str> {
        self.toks.get(i).map(|t| t.text(self.text))
    }

    fn prev_word(&self, i: usize) -> Option<&'a str> {
        i.checked_sub(1).map(|p| self.word(p))
    }

    fn next_word(&self, j: usize) -> Option<&'a str> {
        self.word_opt(j)
    }

    fn span_text(&self, i: usize, j: usize) -> &'a str {
        &self.text[self.toks[i].start..self.toks[j - 1].end]
    }

    fn adjacent(&self, a: usize, b: usize) -> bool {
        // Names do not run across a line break.
        !self.text[self.toks[a].end..self.toks[b].start].contains('\n')
    }

    fn found(&self, i: usize, j: usize, kind: MentionKind) -> Found {
        Found::new(self.toks[i].start..self.toks[j - 1].end, kind)
    }

    /// Whether token `i` opens the sentence (possibly after an opening quote).
    fn sentence_initial(&self, i: usize) -> bool {
        i == 0
            || (i == 1 && self.toks[0].kind == TokKind::Punct)
            || self.toks[i - 1].kind == TokKind::Punct && matches!(self.word(i - 1), ":" | "—")
    }

    /// Whether token `i` can be part of a name.
    fn is_name(&self, i: usize) -> bool {
        let t = self.toks[i];
        if t.kind != TokKind::Word {
            return false;
        }
        let w = t.text(self.text);
        let mut cs = w.chars();
        let c0 = cs.next().unwrap_or(' ');
        if w.bytes().any(|b| b.is_ascii_digit())
            || w == "I"
            || calendar_name(w.trim_end_matches('.'))
        {
            return false;
        }
        if c0.is_uppercase() {
            return true;
        }
        // "al-Shabaab", "bin Salman" style particles glued by a hyphen.
        Lexicon::get()
            .words(bits::NAME_PREFIX)
            .iter()
            .any(|p| w.starts_with(p) && w[p.len()..].starts_with(char::is_uppercase))
    }

    /// Whether the sentence is a title-case headline ("Wagner Chief Warns Of Revolution"),
    /// where capitals say nothing either.
    fn is_title_case(&self, lex: &Lexicon, kb: &Kb) -> bool {
        if self.toks.last().is_some_and(|t| t.text(self.text) == ".") {
            return false;
        }
        let (mut words, mut caps, mut common) = (0, 0, 0);
        for t in self.toks {
            let w = t.text(self.text);
            if t.kind != TokKind::Word || w.len() < 4 || lex.is(w, bits::FUNCTION) {
                continue;
            }
            words += 1;
            if w.starts_with(char::is_uppercase) {
                caps += 1;
                if kb.is_common_word(&w.to_lowercase()) {
                    common += 1;
                }
            }
        }
        // Capitalised ordinary words ("Chief Warns Of Revolution"), not a list of names.
        words >= 3 && caps == words && common >= 2
    }

    /// Whether most words of the sentence are in capitals (a wire headline).
    fn is_caps(&self) -> bool {
        let (mut words, mut caps) = (0, 0);
        for t in self.toks {
            if t.kind != TokKind::Word {
                continue;
            }
            let w = t.text(self.text);
            if !w.chars().any(char::is_alphabetic) {
                continue;
            }
            words += 1;
            if w.chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase)
                && w.len() > 1
            {
                caps += 1;
            }
        }
        words >= 3 && caps * 10 >= words * 7
    }
}

/// Whether `w` is a month or weekday name (sitrep-lexicon) written as a name: "January",
/// "Sept", "Monday"; not "MAY" or "may".
fn calendar_name(w: &str) -> bool {
    let mut cs = w.chars();
    cs.next().is_some_and(|c| c.is_ascii_uppercase())
        && cs.all(|c| c.is_ascii_lowercase())
        && sitrep_lexicon::calendar_word(w.to_ascii_lowercase()).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Odd inputs (lists at sentence starts, lone punctuation, titles with nothing after them,
    /// unbalanced quotes) never panic.
    #[test]
    fn odd_inputs_do_not_panic() {
        let f = MentionFinder::new(Kb::embedded_shared());
        for text in [
            "He went to Paris.\nand Lyon was next.",
            "and Lyon",
            ", Lyon , Nice , and",
            "President",
            "“ ” ’s , .",
            "Gen. Brig. Mr.",
            "The village of",
            "A, B and C, the governor.",
            "X , the governor of",
            "Mi-24 T-90s Shahed-136",
        ] {
            let toks = crate::tokens::tokenize(text);
            let sents = crate::tokens::sentences(text, &toks);
            let found = f.find(text, &toks, &sents);
            for m in &found {
                assert!(
                    m.span.start < m.span.end && m.span.end <= text.len(),
                    "{text:?}"
                );
            }
        }
    }

    #[test]
    fn calendar_names() {
        assert!(calendar_name("January") && calendar_name("Sept") && calendar_name("Monday"));
        assert!(!calendar_name("MAY") && !calendar_name("may") && !calendar_name("Mon"));
    }
}

//! Datelines: the place a story is filed from, written in capitals at the head of a paragraph
//! of the article's opening ("NORMAL, Ill. (AP) —", "EUGENE —", "KYIV, March 11 —",
//! "ST. LOUIS (Reuters) -"). The position says it is a place, so a name that is also a
//! dictionary word ("Normal", "Mobile") or a given name ("Eugene") is still taken.

use super::typing::title_case;
use super::{Found, MentionFinder};
use crate::tokens::{TokKind, Token};
use sitrep_core::MentionKind;
use sitrep_kb::{Entry, MatchKind};

/// How far into the text a dateline may stand (bytes): the first paragraphs only.
const OPENING_BYTES: usize = 1_500;

/// The longest dateline name, in words ("RANCHO SANTA MARGARITA").
const MAX_WORDS: usize = 4;

impl MentionFinder {
    /// The datelines of `text`, as place mentions.
    pub(super) fn datelines(&self, text: &str, tokens: &[Token], out: &mut Vec<Found>) {
        for (i, t) in tokens.iter().enumerate() {
            if t.start > OPENING_BYTES {
                break;
            }
            let before = text[..t.start].trim_end_matches([' ', '\t']);
            if before.is_empty() || before.ends_with('\n') {
                if let Some((f, region)) = self.dateline_at(text, tokens, i) {
                    out.push(f);
                    out.extend(region);
                }
            }
        }
    }

    /// A dateline starting at token `i` (the head of a paragraph), and the region after its
    /// comma when the gazetteer knows it: "Ill." in "NORMAL, Ill." is Illinois, though "ill"
    /// is a dictionary word that would not be taken for a name elsewhere.
    fn dateline_at(
        &self,
        text: &str,
        tokens: &[Token],
        i: usize,
    ) -> Option<(Found, Option<Found>)> {
        let word = |k: usize| tokens.get(k).map(|t| t.text(text));
        let caps = |w: &str| {
            w.chars().any(char::is_alphabetic)
                && w.chars()
                    .filter(|c| c.is_alphabetic())
                    .all(char::is_uppercase)
        };
        // The name: words in capitals on one line, with the abbreviating dot of "ST." or
        // "FT." inside it.
        let (mut j, mut words) = (i, 0);
        while j < tokens.len() && words < MAX_WORDS {
            let t = tokens[j];
            if j > i && text[tokens[j - 1].end..t.start].contains('\n') {
                break;
            }
            match t.kind {
                TokKind::Word if caps(t.text(text)) && t.text(text).chars().count() > 1 => {
                    words += 1;
                    j += 1;
                }
                TokKind::Punct
                    if j > i
                        && t.text(text) == "."
                        && t.start == tokens[j - 1].end
                        && tokens[j - 1].end - tokens[j - 1].start <= 3
                        && tokens
                            .get(j + 1)
                            .is_some_and(|n| n.kind == TokKind::Word && caps(n.text(text))) =>
                {
                    j += 1;
                }
                _ => break,
            }
        }
        if words == 0 {
            return self.titled_dateline(text, tokens, i);
        }
        // What follows: a comma and a capitalised word (a state, a country or a date), or a
        // dash or a parenthesis (the agency).
        let next = word(j)?;
        let after_comma = match next {
            "," => {
                let w = word(j + 1)?;
                if !w.starts_with(char::is_uppercase) {
                    return None;
                }
                Some((w, tokens[j + 1].start..tokens[j + 1].end))
            }
            "(" | "—" | "–" | "-" => None,
            _ => return None,
        };
        let span = tokens[i].start..tokens[j - 1].end;
        let name = title_case(&text[span.clone()]);
        let known = self.place_named(&name);
        // A place the gazetteer lacks is still one when a region or country the gazetteer
        // knows follows it ("GLEN FLORA, Wis. —"): it falls back to that region.
        let region_after = after_comma
            .as_ref()
            .is_some_and(|(w, _)| self.region_word(w));
        if !known && !region_after {
            return None;
        }
        let mut f = Found::new(span, MentionKind::Place);
        f.settlement = true;
        let region = after_comma
            .filter(|_| region_after)
            .map(|(_, span)| Found::new(span, MentionKind::Place));
        Some((f, region))
    }

    /// Whether `w` names a region or a country, in full or abbreviated ("Calif.", "CA").
    fn region_word(&self, w: &str) -> bool {
        let w = w.trim_end_matches('.');
        crate::cache::lookup(&self.kb, w).iter().any(|c| {
            matches!(c.how, MatchKind::Exact | MatchKind::Alias)
                && matches!(self.kb.entry(c.id), Entry::Place(p)
                    if p.kind != sitrep_kb::PlaceKind::Populated)
        })
    }

    /// Whether `w` is a US state's two-letter postal code in capitals ("CA"), as US outlets
    /// write it in datelines: GeoNames' first-level codes of the US are those codes. Only
    /// read in a dateline, where "IN" or "OR" cannot be words.
    fn postal_code(&self, w: &str) -> bool {
        w.len() == 2
            && w.bytes().all(|b| b.is_ascii_uppercase())
            && self.kb.admin1("US", w).is_some()
    }

    /// A dateline in title case ("Vista, Calif. —", "Vista CA—"): taken only for a place the
    /// gazetteer knows, followed by a region (after a comma, or a postal code in capitals)
    /// and then a dash or a parenthesis. Without the region such a line opens a sentence
    /// ("Normal people said —").
    fn titled_dateline(
        &self,
        text: &str,
        tokens: &[Token],
        i: usize,
    ) -> Option<(Found, Option<Found>)> {
        let titled = |t: &Token| {
            let w = t.text(text);
            t.kind == TokKind::Word
                && w.starts_with(char::is_uppercase)
                && w.chars().skip(1).all(|c| !c.is_uppercase())
        };
        let mut j = i;
        while j < tokens.len()
            && j - i < MAX_WORDS
            && titled(&tokens[j])
            && (j == i || !text[tokens[j - 1].end..tokens[j].start].contains('\n'))
        {
            j += 1;
        }
        let dash = |k: usize| {
            tokens
                .get(k)
                .is_some_and(|t| matches!(t.text(text), "—" | "–" | "-" | "("))
        };
        // The longest name that is followed by a region and a dash.
        for end in (i + 1..=j).rev() {
            let (r, comma) = match tokens.get(end).map(|t| t.text(text)) {
                Some(",") => (end + 1, true),
                _ => (end, false),
            };
            let Some(rt) = tokens.get(r) else {
                continue;
            };
            let w = rt.text(text);
            let shaped = if comma {
                w.starts_with(char::is_uppercase)
            } else {
                w.len() == 2 && w.chars().all(|c| c.is_ascii_uppercase())
            };
            let dot = tokens.get(r + 1).is_some_and(|t| t.text(text) == ".");
            let after = if dot { r + 2 } else { r + 1 };
            let named = self.region_word(w);
            if !shaped || !dash(after) || !named && !self.postal_code(w) {
                continue;
            }
            let span = tokens[i].start..tokens[end - 1].end;
            if !self.place_named(&text[span.clone()]) {
                continue;
            }
            let mut f = Found::new(span, MentionKind::Place);
            f.settlement = true;
            // A postal code is no name the linker could look up: the place alone.
            let region = named.then(|| Found::new(rt.start..rt.end, MentionKind::Place));
            return Some((f, region));
        }
        None
    }
}

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
            return None;
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
        let region_after = after_comma.as_ref().is_some_and(|(w, _)| {
            let w = w.trim_end_matches('.');
            crate::cache::lookup(&self.kb, w).iter().any(|c| {
                matches!(c.how, MatchKind::Exact | MatchKind::Alias)
                    && matches!(self.kb.entry(c.id), Entry::Place(p)
                        if p.kind != sitrep_kb::PlaceKind::Populated)
            })
        });
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
}

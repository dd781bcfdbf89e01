//! Tokens and sentences, as byte ranges into the article text.
//!
//! Tokens: words (letters and digits, with inner apostrophes, hyphens and dotted abbreviations
//! such as `U.S.`, `Mi-24`, `T-90`), numbers (`1,200`, `2.5`), and single punctuation marks.
//! A possessive `'s` is its own token. Words glued together by bad scraping
//! (`MoreRussia`, `Kharkivwhich`) are split where the case or a function word shows the seam.
//!
//! Sentences end at `.`, `!`, `?` or `…` followed by a capital, digit or quote (closing quotes
//! and brackets stay with the sentence), unless the word before the full stop is an
//! abbreviation (`Gen.`, `Brig.`, `Mr.`, `Jan.`) or an initial (`J.`). A line break always ends
//! a sentence, so headlines and captions without final punctuation stand alone.

use sitrep_lexicon::WordSets;
use std::ops::Range;
use std::sync::LazyLock;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokKind {
    /// Letters (possibly with digits, inner hyphens, apostrophes or dots).
    Word,
    /// A number written in digits.
    Number,
    /// Anything else: one punctuation mark or symbol.
    Punct,
}

/// One token: a byte range into the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Start byte.
    pub start: usize,
    /// End byte (exclusive).
    pub end: usize,
    /// What it is.
    pub kind: TokKind,
}

impl Token {
    /// The token's text.
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }
}

/// A two-part abbreviation of a state or province ("W.Va.", "N.Mex."): one capital letter,
/// a dot, then `rest` opening with a capital and one or two small letters and a dot.
fn state_abbreviation(first: &str, rest: &str) -> bool {
    let mut cs = rest.chars();
    let single = first.chars().count() == 1 && first.starts_with(|c: char| c.is_ascii_uppercase());
    let cap = cs.next().is_some_and(|c| c.is_ascii_uppercase());
    let small = cs.by_ref().take_while(|c| c.is_ascii_lowercase()).count();
    single && cap && (1..=2).contains(&small) && rest[1 + small..].starts_with('.')
}

/// The part of a word after its last hyphen ("W" of "D-W"), the whole word without one.
fn after_hyphen(word: &str) -> &str {
    word.rsplit(is_hyphen).next().unwrap_or(word)
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

fn is_hyphen(c: char) -> bool {
    c == '-' || c == '‑'
}

/// Split `text` into tokens.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::with_capacity(text.len() / 5);
    let mut it = text.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if c.is_whitespace() {
            continue;
        }
        if c.is_alphanumeric() {
            let mut end = i + c.len_utf8();
            let mut all_digits = c.is_ascii_digit();
            while let Some(&(j, d)) = it.peek() {
                if d.is_alphanumeric() {
                    all_digits &= d.is_ascii_digit();
                    end = j + d.len_utf8();
                    it.next();
                    continue;
                }
                // Inner joiners: keep them when a letter or digit follows.
                let next = text[j + d.len_utf8()..].chars().next();
                let joins = match d {
                    ',' | '.' if all_digits => next.is_some_and(|n| n.is_ascii_digit()),
                    '.' => {
                        // Dotted abbreviations: U.S., U.K. — single letters between dots
                        // (also after a hyphen: a party and a state, "D-N.Y.").
                        let word = &text[i..end];
                        let dotted = word
                            .chars()
                            .rev()
                            .take_while(|&c| c != '.' && !is_hyphen(c))
                            .count()
                            == 1
                            && next.is_some_and(|n| n.is_alphabetic())
                            && text[j + 1..]
                                .chars()
                                .nth(1)
                                .is_none_or(|n| n == '.' || !n.is_alphanumeric());
                        dotted || state_abbreviation(after_hyphen(word), &text[j + 1..])
                    }
                    d if is_hyphen(d) || d == '/' && all_digits => {
                        next.is_some_and(|n| n.is_alphanumeric())
                    }
                    d if is_apostrophe(d) => {
                        // Possessive 's and bare trailing apostrophes are split off.
                        let rest = &text[j + d.len_utf8()..];
                        let possessive = rest.starts_with(['s', 'S'])
                            && !rest[1..].starts_with(|c: char| c.is_alphanumeric());
                        next.is_some_and(|n| n.is_alphabetic()) && !possessive
                    }
                    _ => false,
                };
                if !joins {
                    break;
                }
                all_digits &= d != '-';
                end = j + d.len_utf8();
                it.next();
            }
            // A trailing dot of a dotted abbreviation (U.S., W.Va.) belongs to it.
            if text[i..end].contains('.')
                && !all_digits
                && text[end..].starts_with('.')
                && (text[i..end].chars().rev().nth(1) == Some('.')
                    || text[i..end].split_once('.').is_some_and(|(a, b)| {
                        state_abbreviation(after_hyphen(a), &format!("{b}."))
                    }))
            {
                end += 1;
                it.next();
            }
            // A known abbreviation keeps its full stop ("Gen.", "Brig.", "Mr."), and so does
            // an initial before a name ("J. Smith").
            let word = &text[i..end];
            let initial = word.chars().count() == 1
                && word.chars().all(char::is_uppercase)
                && text[end..].starts_with(". ")
                && text[end + 2..].starts_with(char::is_uppercase);
            if !all_digits
                && text[end..].starts_with('.')
                && !word.contains('.')
                && (is_abbreviation(word) && word.chars().count() > 1 || initial)
            {
                end += 1;
                it.next();
            }
            let kind = if all_digits {
                TokKind::Number
            } else {
                TokKind::Word
            };
            push_word(text, i, end, kind, &mut out);
        } else if is_apostrophe(c)
            && out.last().is_some_and(|t: &Token| t.end == i)
            && text[i + c.len_utf8()..].starts_with(['s', 'S'])
            && !text[i + c.len_utf8() + 1..].starts_with(|c: char| c.is_alphanumeric())
        {
            // Possessive 's as its own token.
            let end = i + c.len_utf8() + 1;
            it.next();
            out.push(Token {
                start: i,
                end,
                kind: TokKind::Word,
            });
        } else {
            out.push(Token {
                start: i,
                end: i + c.len_utf8(),
                kind: TokKind::Punct,
            });
        }
    }
    out
}

/// Push a word, splitting it where bad scraping glued two together.
fn push_word(text: &str, start: usize, end: usize, kind: TokKind, out: &mut Vec<Token>) {
    if kind == TokKind::Word && end - start >= 6 {
        if let Some(cut) = glue_seam(&text[start..end]) {
            out.push(Token {
                start,
                end: start + cut,
                kind,
            });
            push_word(text, start + cut, end, kind, out);
            return;
        }
    }
    out.push(Token { start, end, kind });
}

/// Byte offset inside `w` where two words were glued, if any: a run of at least three
/// lowercase letters followed by a capitalised word (`MoreRussia`), or a capitalised name
/// followed by a clause word (`Kharkivwhich`).
fn glue_seam(w: &str) -> Option<usize> {
    if !w.chars().all(char::is_alphabetic) {
        return None;
    }
    let mut lower_run = 0;
    let mut prev: Option<char> = None;
    for (i, c) in w.char_indices() {
        if let Some(p) = prev {
            if c.is_uppercase() && p.is_lowercase() && lower_run >= 3 {
                let rest = &w[i..];
                if rest.chars().nth(1).is_some_and(char::is_lowercase) {
                    return Some(i);
                }
            }
        }
        lower_run = if c.is_lowercase() { lower_run + 1 } else { 0 };
        prev = Some(c);
    }
    if w.starts_with(char::is_uppercase) {
        for tail in WORDS.words(GLUED_TAIL) {
            if w.len() >= tail.len() + 5 && w.ends_with(tail) {
                let cut = w.len() - tail.len();
                if w[..cut].chars().skip(1).all(char::is_lowercase) {
                    return Some(cut);
                }
            }
        }
    }
    None
}

/// The tokenizer's word lists, as data.
pub const TABLE: &str = include_str!("../data/tokens.tsv");

/// The categories of [`TABLE`], in bit order.
pub const CATEGORIES: &[&str] = &["abbreviation", "sentence-starter", "glued-tail"];
const ABBREVIATION: u64 = 1;
const SENTENCE_STARTER: u64 = 1 << 1;
const GLUED_TAIL: u64 = 1 << 2;

static WORDS: LazyLock<WordSets> = LazyLock::new(|| {
    WordSets::parse("tokens.tsv", TABLE, CATEGORIES).unwrap_or_else(|e| panic!("{e}"))
});

/// Whether `w` is a sentence opener after which an abbreviation's full stop ends the sentence:
/// a listed word, capitalised ("The").
fn sentence_starter(w: &str) -> bool {
    let mut cs = w.chars();
    cs.next().is_some_and(|c| c.is_ascii_uppercase())
        && cs.all(|c| c.is_ascii_lowercase())
        && WORDS.has(w.to_ascii_lowercase(), SENTENCE_STARTER)
}

fn is_abbreviation(word: &str) -> bool {
    let w = word.trim_end_matches('.');
    if w.chars().count() == 1 && w.chars().all(char::is_uppercase) {
        return true; // an initial
    }
    let w = w.to_ascii_lowercase();
    WORDS.has(&w, ABBREVIATION) || sitrep_lexicon::calendar_word(&w).is_some_and(|c| c.abbreviation)
}

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | ')' | ']' | '»')
}

/// Tokens after which a sentence that has not ended ends at its next clause mark (`,` `;` `:`
/// or a dash).
pub const SOFT_CAP_TOKENS: usize = 150;

/// Tokens after which a sentence that has not ended ends, whatever follows. With
/// [`SOFT_CAP_TOKENS`] this bounds the work every per-sentence rule does, so text with no full
/// stop (a list, a scraped table, a run-on page) costs time in proportion to its length. Real
/// news sentences are far shorter; what passes the soft cap is mostly scraped text whose
/// sentence ends were lost (captions and paragraphs glued together): 3 of GVC's 510 documents.
pub const HARD_CAP_TOKENS: usize = 300;

/// Split `text` into sentences: byte ranges, trimmed of surrounding whitespace, covering every
/// token. `tokens` must be `tokenize(text)`. A sentence is cut after [`SOFT_CAP_TOKENS`] at a
/// clause mark, and after [`HARD_CAP_TOKENS`] in any case.
pub fn sentences(text: &str, tokens: &[Token]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    // Index of the sentence's first token.
    let mut first = 0;
    let mut i = 0;
    while i < tokens.len() {
        let t = tokens[i];
        if start.is_none() {
            first = i;
        }
        let s = *start.get_or_insert(t.start);
        let next = tokens.get(i + 1);
        // A line break between this token and the next ends the sentence.
        let line_break = next.is_some_and(|n| text[t.end..n.start].contains('\n'));
        let length = i + 1 - first;
        let capped = length >= HARD_CAP_TOKENS
            || (length >= SOFT_CAP_TOKENS
                && t.kind == TokKind::Punct
                && matches!(t.text(text), "," | ";" | ":" | "—" | "–"));
        let mut end_here = line_break || capped;
        let tt = t.text(text);
        let terminal = matches!(tt, "." | "!" | "?" | "…")
            || (t.kind == TokKind::Word && tt.ends_with('.') && tt.len() > 2);
        let mut last = i;
        if terminal && !line_break {
            // Closing quotes and brackets stay with the sentence.
            while let Some(n) = tokens.get(last + 1) {
                let nt = n.text(text);
                let c = nt.chars().next().unwrap_or(' ');
                if n.kind == TokKind::Punct
                    && (is_closer(c) || matches!(nt, "." | "!" | "?"))
                    && n.start == tokens[last].end
                {
                    last += 1;
                } else {
                    break;
                }
            }
            end_here = capped
                || match tokens.get(last + 1) {
                    None => true,
                    Some(n) => {
                        let nt = n.text(text);
                        let gap = n.start > tokens[last].end;
                        let starts = nt.starts_with(|c: char| {
                            c.is_uppercase() || c.is_ascii_digit() || is_closer(c) || c == '“'
                        }) || nt == "\"";
                        let before = if tt == "." && i > 0 {
                            Some(tokens[i - 1])
                        } else {
                            None
                        };
                        let abbrev = match before {
                            Some(b) if b.end == t.start => is_abbreviation(b.text(text)),
                            None if t.kind == TokKind::Word => {
                                // A dotted abbreviation (U.S.) ends a sentence only before a
                                // typical sentence opener.
                                !sentence_starter(nt)
                            }
                            _ => false,
                        };
                        gap && starts && !abbrev || text[tokens[last].end..n.start].contains('\n')
                    }
                };
        }
        if end_here || next.is_none() {
            out.push(s..tokens[last].end);
            start = None;
        }
        i = last + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<&str> {
        tokenize(s).iter().map(|t| t.text(s)).collect()
    }

    fn sents(s: &str) -> Vec<&str> {
        sentences(s, &tokenize(s))
            .into_iter()
            .map(|r| &s[r])
            .collect()
    }

    #[test]
    fn words_numbers_and_abbreviations() {
        assert_eq!(
            toks("U.S.-supplied Mi-24s hit 1,200 targets, officials’ data show."),
            [
                "U.S.",
                "-",
                "supplied",
                "Mi-24s",
                "hit",
                "1,200",
                "targets",
                ",",
                "officials",
                "’",
                "data",
                "show",
                "."
            ]
        );
        assert_eq!(toks("Russia’s T-90 tank"), ["Russia", "’s", "T-90", "tank"]);
        assert_eq!(toks("don't say 2.5"), ["don't", "say", "2.5"]);
        assert_eq!(toks("in the U.S."), ["in", "the", "U.S."]);
    }

    #[test]
    fn two_part_state_abbreviations_are_one_word() {
        assert_eq!(
            toks("Wheeling, W.Va., and Taos, N.Mex. J.Smith"),
            ["Wheeling", ",", "W.Va.", ",", "and", "Taos", ",", "N.Mex.", "J", ".", "Smith"]
        );
        // A party's letter and a dotted state, as a lawmaker is tagged.
        assert_eq!(
            toks("Sen. Ann Roe, D-N.Y., and Rep. Al Poe, R-W.Va."),
            [
                "Sen.", "Ann", "Roe", ",", "D-N.Y.", ",", "and", "Rep.", "Al", "Poe", ",",
                "R-W.Va."
            ]
        );
    }

    #[test]
    fn glued_words_split() {
        assert_eq!(
            toks("Load MoreRussia said"),
            ["Load", "More", "Russia", "said"]
        );
        assert_eq!(
            toks("south of Kharkivwhich has"),
            ["south", "of", "Kharkiv", "which", "has"]
        );
        // Real camel-case names stay whole.
        assert_eq!(
            toks("McDonald DeSantis YouTube"),
            ["McDonald", "DeSantis", "YouTube"]
        );
    }

    #[test]
    fn run_on_text_is_cut_at_a_clause_mark_then_at_the_hard_cap() {
        // Clauses of four words and a comma: no full stop anywhere.
        let text = "rebels shelled the town, ".repeat(SOFT_CAP_TOKENS / 5 * 3);
        let s = sents(&text);
        assert!(s.len() > 1, "{}", s.len());
        // Each piece but the last ends at the first comma after the soft cap (every 5th token).
        for piece in &s[..s.len() - 1] {
            assert!(piece.ends_with(','), "{piece}");
            let n = toks(piece).len();
            assert!((SOFT_CAP_TOKENS..SOFT_CAP_TOKENS + 5).contains(&n), "{n}");
        }
        // With no clause mark at all, the hard cap cuts.
        let words = "shelling ".repeat(2 * HARD_CAP_TOKENS + 50);
        let s = sents(&words);
        let lens: Vec<usize> = s.iter().map(|p| toks(p).len()).collect();
        assert_eq!(lens, [HARD_CAP_TOKENS, HARD_CAP_TOKENS, 50]);
        // An ordinary sentence is untouched.
        assert_eq!(
            sents("Troops, police and rebels met."),
            ["Troops, police and rebels met."]
        );
    }

    #[test]
    fn sentences_respect_abbreviations_quotes_and_lines() {
        assert_eq!(
            sents("Air Force Brig. Gen. Pat Ryder spoke. Mr. Smith agreed."),
            ["Air Force Brig. Gen. Pat Ryder spoke.", "Mr. Smith agreed."]
        );
        assert_eq!(
            sents("He said “it is over.” Then he left."),
            ["He said “it is over.”", "Then he left."]
        );
        assert_eq!(
            sents("Headline Without Stop\nBody starts here. And ends."),
            ["Headline Without Stop", "Body starts here.", "And ends."]
        );
        assert_eq!(
            sents("U.S. officials met. They left the U.S. The end."),
            ["U.S. officials met.", "They left the U.S.", "The end."]
        );
        assert_eq!(
            sents("Between 1,200 and 2,000 troops. J. Smith said so."),
            ["Between 1,200 and 2,000 troops.", "J. Smith said so."]
        );
    }
}

//! Content: what a claim reports — before a trailing reporting clause or after the cue, up to
//! a semicolon or a contrasting clause — and the continuations of a claim in the next
//! sentences.

use super::words::*;
use super::{participle_main_subject, speaker_kind, Ctx, Cue, Draft, Speaker, NONE};
use crate::tokens::TokKind;

impl<'a> Ctx<'a> {
    /// Build the claim of one cue.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn draft(
        &self,
        si: usize,
        a: usize,
        b: usize,
        cue: Cue,
        later: &[Cue],
        here: &[Draft],
        earlier: &[Draft],
    ) -> Option<Draft> {
        let passive = !cue.according && self.passive(a, cue.start);
        // "could be blamed": hypothetical, no claim.
        if !cue.according && cue.start > a && self.lw(cue.start - 1) == "be" {
            return None;
        }
        let mut inside_apposition = false;
        let mut speaker: Option<Speaker> = None;
        let mut block = (cue.start, cue.end);
        let mut after = cue.end; // where the content may start (after an inverted speaker)
        if cue.according {
            if let Some((sp, end)) = self.speaker_after(cue.end, b, si, here, earlier) {
                speaker = Some(sp);
                block.1 = end;
                after = end;
            }
        } else if passive {
            // "was confirmed by the ministry"
            let mut j = cue.end;
            if matches!(self.lw(j), "to") {
                j += 1;
                after = j;
            }
            if self.lw(cue.end) == "by" {
                if let Some((sp, end)) = self.speaker_after(cue.end + 1, b, si, here, earlier) {
                    speaker = Some(sp);
                    block.1 = end;
                    after = end;
                }
            }
        } else if cue.participle {
            // "with Miller adding": the word before; else the main clause's subject.
            let direct = cue
                .start
                .checked_sub(1)
                .filter(|p| *p >= a)
                .and_then(|p| self.mention_at(p))
                .filter(|mi| speaker_kind(self.mentions[*mi].kind));
            if let Some(mi) = direct {
                speaker = Some(self.speaker_of(mi));
            } else if let Some(prev) = here.last() {
                speaker = Some(prev.speaker.clone());
            }
        } else if let Some((sp, start, inside)) =
            self.subject_before(a, cue.start, si, here, earlier)
        {
            speaker = Some(sp);
            inside_apposition = inside;
            block.0 = if inside {
                start
            } else {
                self.title_start(a, start)
            };
        } else if let Some((sp, end)) = self.speaker_after(cue.end, b, si, here, earlier) {
            // "…,” said X"
            let prev = if cue.start > a {
                self.raw(cue.start - 1)
            } else {
                ""
            };
            if matches!(prev, "," | "”" | "\"" | "—") {
                speaker = Some(sp);
                block.1 = end;
                after = end;
            }
        }
        if speaker.is_none() && cue.weak && !passive && !cue.participle {
            return None;
        }
        // The next cue's reporting clause after a comma ends this content.
        let mut end = b;
        for l in later {
            let ls = self.subject_start_guess(a, l.start);
            if ls > after && matches!(self.raw(ls - 1), "," | "”" | "\"" | "—" | ";") {
                end = ls - 1;
                break;
            }
        }
        // Content before or after?
        let before_tok = if block.0 > a {
            self.raw(block.0 - 1)
        } else {
            ""
        };
        let boundary_before =
            matches!(before_tok, "," | "”" | "\"" | "—" | "’") && block.0 > a && !inside_apposition;
        let trailing_clause = boundary_before && (cue.according || self.only_tail(after, end));
        let mut content;
        let before;
        if cue.according && block.0 == a {
            // "According to X, …"
            let mut s = after;
            while s < end && self.raw(s) == "," {
                s += 1;
            }
            content = (s, self.content_end(a, s, end));
            before = false;
        } else if passive {
            // "The group is said to have shelled …", "Ukraine has been accused of …": the
            // whole sentence.
            content = (a, end);
            before = false;
        } else if trailing_clause {
            let mut s = a;
            // A quotation opened in an earlier sentence of the paragraph.
            let o = self.open_at[a];
            if o != NONE && o < a {
                s = o + 1;
            } else if let Some(prev) = here.last().filter(|p| p.before) {
                s = s.max(prev.block.1);
            }
            content = (s, block.0 - 1);
            before = true;
        } else {
            let s = match self.content_start_after(after, end) {
                Some(s) => s,
                None if tell(self.lw(cue.start)) => {
                    let mut s = after;
                    while s < end && self.tail_word(s) {
                        s += 1;
                    }
                    // "told reporters the strike …": the article starts the content.
                    while s > after && is(self.lw(s - 1), LISTENER_DET) {
                        s -= 1;
                    }
                    s
                }
                None => after,
            };
            content = (s, self.content_end(a, s, end));
            before = false;
        }
        content = self.trim(content.0, content.1);
        if participle_main_subject(&cue) && speaker.is_none() {
            // "After saying that …, X added": the main clause's subject.
            for k in content.1..b {
                if let Some(mi) = self.mention_at(k) {
                    if speaker_kind(self.mentions[mi].kind) {
                        speaker = Some(self.speaker_of(mi));
                        break;
                    }
                }
            }
        }
        let quoted = content.0 > 0
            && content.0 < content.1
            && (self.is_open_quote(content.0 - 1) || self.in_quote(content.0));
        let mut d = Draft {
            cue,
            speaker: speaker.unwrap_or_default(),
            block,
            content,
            before,
            channel: None,
            quoted,
            sentence: si,
        };
        d.channel = self.channel(a, b, &d, here);
        Some(d)
    }

    /// After the cue: a quotation right there, or "that" / ":" after a listener, a
    /// channel or a time ("told reporters in Poland that", "said in a statement:").
    pub(super) fn content_start_after(&self, from: usize, end: usize) -> Option<usize> {
        let mut k = from;
        if self.raw(k) == "," || self.raw(k) == ":" {
            k += 1;
        }
        if k < end && self.is_open_quote(k) {
            return Some(k);
        }
        let mut k = from;
        let limit = (from + 12).min(end);
        while k < limit {
            match self.lw(k) {
                "that" => {
                    // "said in a statement that blamed …" is a relative clause.
                    return (k == from || !self.channel_noun(k - 1) || self.complement(k + 1))
                        .then_some(k + 1);
                }
                ":" => return Some(k + 1),
                _ if self.tail_word(k) => k += 1,
                _ => return None,
            }
        }
        None
    }

    /// Whether `from..end` (up to a comma) holds only a listener, a channel and a time:
    /// the cue ends a trailing reporting clause ("…, X said on Telegram on Tuesday.").
    pub(super) fn only_tail(&self, from: usize, end: usize) -> bool {
        let mut k = from;
        while k < end {
            let w = self.lw(k);
            if matches!(w, "," | "." | ";" | "”" | "\"" | "!" | "?") {
                return true;
            }
            if w == "that" && k > 0 && self.channel_noun(k - 1) && !self.complement(k + 1) {
                return true;
            }
            if !self.tail_word(k) {
                return false;
            }
            k += 1;
        }
        true
    }

    /// Whether token `k` starts a clause ("that 30 fighters were killed") rather than a
    /// relative clause's verb ("that blamed").
    pub(super) fn complement(&self, k: usize) -> bool {
        let w = self.lw(k);
        self.capitalised(k)
            || self.toks.get(k).is_some_and(|t| t.kind == TokKind::Number)
            || is(w, CLAUSE_OPENER)
    }

    /// The end of content starting at `s` in the sentence starting at `a`: a semicolon, a
    /// contrasting clause, or `end`.
    pub(super) fn content_end(&self, a: usize, s: usize, end: usize) -> usize {
        let mut k = s;
        let opened = self.is_open_quote(s);
        // In a sentence opening with a subordinate clause ("Although X said …, Y …"), the
        // clause ends at the next comma.
        let subordinate = is(self.lw(a), SUBORDINATOR);
        while k < end {
            match self.lw(k) {
                ";" => return k,
                "," if subordinate && k > s => return k,
                "," if k > s + 1 && is(self.lw(k + 1), CONTRAST) => return k,
                "”" if opened => return k + 1,
                _ => {}
            }
            k += 1;
        }
        end
    }

    /// Trim punctuation and quotes from both ends of `s..e`.
    pub(super) fn trim(&self, mut s: usize, mut e: usize) -> (usize, usize) {
        let junk = |k: usize| {
            self.toks[k].kind == TokKind::Punct
                && !matches!(self.raw(k), "(" | "[" | "$" | "€" | "£")
                || is(self.lw(k), TRIM_WORD)
        };
        while s < e && junk(s) {
            s += 1;
        }
        while e > s
            && self.toks[e - 1].kind == TokKind::Punct
            && !matches!(self.raw(e - 1), ")" | "]" | "%")
        {
            e -= 1;
        }
        (s, e)
    }

    /// A claim for a sentence without a cue: a quotation going on, or a reported figure
    /// right after a claim in the same paragraph.
    pub(super) fn continuation(
        &self,
        si: usize,
        a: usize,
        b: usize,
        out: &[Draft],
    ) -> Option<Draft> {
        let prev = out.last()?;
        if prev.sentence + 1 != si || self.new_par[si] {
            return None;
        }
        let starts_quoted = self.is_open_quote(a) || self.in_quote(a);
        let figure = {
            let (s, e) = (self.toks[a].start, self.toks[b - 1].end);
            self.has_figure(s, e)
        };
        let continued_quote = starts_quoted && (prev.quoted || self.sentence_has_quote_end(prev));
        let from_cue = !prev.cue.according || prev.before;
        if !(continued_quote
            || figure && from_cue && prev.content.1 > prev.block.0.min(prev.content.0))
        {
            return None;
        }
        let mut d = prev.clone();
        d.content = self.trim(a, b);
        d.sentence = si;
        d.quoted = starts_quoted;
        Some(d)
    }

    pub(super) fn sentence_has_quote_end(&self, d: &Draft) -> bool {
        let (a, b) = self.sent_toks[d.sentence];
        (a..b).any(|k| self.raw(k) == "”")
    }

    /// Whether the byte range holds a number with a casualty or damage predicate. Cheap: a
    /// digit or number word followed by a predicate word in the range.
    pub(super) fn has_figure(&self, s: usize, e: usize) -> bool {
        let lc = &self.lc[s..e];
        let has_number = lc.bytes().any(|c| c.is_ascii_digit())
            || lc
                .split(|c: char| !c.is_ascii_alphabetic())
                .any(|w| is(w, FIGURE_NUMBER));
        has_number
            && lc
                .split(|c: char| !c.is_ascii_alphabetic())
                .any(|w| is(w, FIGURE_PREDICATE))
    }
}

//! Claims: who said what, with which stance, through which channel, covering which numbers.
//!
//! A word scan over each sentence's tokens finds reporting cues outside quotation marks:
//!
//! - `asserts`: said, says, told, added, stated, reported, announced, insisted, warned, wrote,
//!   posted, noted, declared, according to, saying, adding …;
//! - `alleges`: claimed, alleged, accused, blamed;
//! - `denies`: denied, rejected, dismissed;
//! - `confirms`: confirmed, acknowledged, verified, admitted;
//! - `neither_confirms_nor_denies`: "neither confirm nor deny", "could not / cannot / did not
//!   / would not confirm (verify, comment)", "declined (refused) to comment".
//!
//! The **speaker** is the subject of the cue: a mention right before it ("X said"), across an
//! apposition ("X, the governor, said"; "Y, which owns Z, said"; or the person named inside
//! it: "The governor, X, said"), right after it ("…,” said X"), after "according to", or a
//! pronoun (he/she → a person; it → an organisation, armed group or place; they → any)
//! resolved to the first compatible mention earlier in the sentence, else the latest
//! compatible speaker of an earlier claim, else the last compatible mention of the previous
//! sentence. Without a mention, a speaker noun phrase ("Russian officials", "the ministry")
//! is the speaker's text. A relative pronoun ("a statement that blamed") takes the speaker of
//! the sentence's previous claim. A passive cue ("is said to", "has been accused") has no
//! speaker unless "by X" follows. Cues that are often not reporting verbs (reported, posted,
//! claimed, confirmed …) need a speaker or a passive to count.
//!
//! The **content** is the reported part: before a trailing reporting clause ("…, X said.";
//! "“…,” X said"; "…, according to X"), reaching back to the opening quotation mark when the
//! quote began in an earlier sentence; otherwise after the cue ("X said (that) …", "X accused
//! Y of …", "According to X, …"), up to a trailing reporting clause, a semicolon or a
//! contrasting clause (", but", ", while" …). A reporting clause that ends in a colon, or
//! with nothing reported, takes the next sentence as its content.
//!
//! **Continuations** (the only claims of sentences without a cue): a quotation that goes on
//! in the next sentences of the same paragraph, and a sentence right after a claim, in the
//! same paragraph, that reports a figure with a predicate ("…, the governor said. Twelve
//! people had been injured …"). They repeat the claim's speaker, cue, stance and channel.
//!
//! When a speaker's "said"/"told" claim only wraps his own stance ("X said he could neither
//! confirm nor deny …"), the specific stance is kept and the wrapper dropped.
//!
//! The **channel** comes from the same sentence: outside the content any mention counts,
//! inside it only a phrase such as "in a statement", "on Telegram": telegram, twitter,
//! facebook, instagram, youtube, interview, press conference, briefing, statement, tv,
//! report, website, social media, media (a bare "told X" is `media`).
//!
//! Offsets are byte offsets, like the mentions and quantities given.

use crate::tokens::{tokenize, TokKind, Token};
use sitrep_core::{Claim, Cover, Mention, MentionKind, Quantity, Stance};
use std::ops::Range;

/// Finds claims. Holds no state: build once, share across threads.
#[derive(Debug, Default)]
pub struct ClaimTagger {
    _private: (),
}

const NONE: usize = usize::MAX;

/// A speaker as resolved.
#[derive(Debug, Clone, Default)]
struct Speaker {
    name: Option<String>,
    mention: Option<usize>,
    kb: Option<String>,
    kind: Option<MentionKind>,
}

/// A cue found in a sentence: token range and stance.
#[derive(Debug, Clone, Copy)]
struct Cue {
    start: usize,
    end: usize,
    stance: Stance,
    /// A participle (`saying`, `adding`): its subject is the main clause's.
    participle: bool,
    /// Needs a speaker (or a passive) to count.
    weak: bool,
    according: bool,
}

/// A claim being built, in token indices.
#[derive(Debug, Clone)]
struct Draft {
    cue: Cue,
    speaker: Speaker,
    /// Reporting block (speaker and cue).
    block: (usize, usize),
    /// Content tokens (end exclusive); empty when the next sentence is the content.
    content: (usize, usize),
    /// The content precedes the reporting clause.
    before: bool,
    channel: Option<&'static str>,
    quoted: bool,
    sentence: usize,
}

impl ClaimTagger {
    /// The claims of `text`, in text order. `sentences` are byte ranges from
    /// [`crate::tokens::sentences`]; `mentions` and `quantities` carry byte offsets, and so
    /// do the returned claims (`start`/`end`: the content).
    pub fn tag(
        &self,
        text: &str,
        sentences: &[Range<usize>],
        mentions: &[Mention],
        quantities: &[Quantity],
    ) -> Vec<Claim> {
        self.tag_tokens(text, &tokenize(text), sentences, mentions, quantities)
    }

    /// [`ClaimTagger::tag`] with the text's tokens already made
    /// ([`crate::tokens::tokenize`]), to tokenize an article once for every tagger.
    pub fn tag_tokens(
        &self,
        text: &str,
        toks: &[Token],
        sentences: &[Range<usize>],
        mentions: &[Mention],
        quantities: &[Quantity],
    ) -> Vec<Claim> {
        let lc = text.to_ascii_lowercase();
        let sent_toks: Vec<(usize, usize)> = sentences
            .iter()
            .map(|s| {
                (
                    toks.partition_point(|t| t.start < s.start),
                    toks.partition_point(|t| t.start < s.end),
                )
            })
            .collect();
        let ctx = Ctx::new(text, &lc, toks, sentences, &sent_toks, mentions);
        let drafts = ctx.drafts();
        drafts
            .into_iter()
            .map(|d| ctx.finish(d, quantities))
            .collect()
    }
}

struct Ctx<'a> {
    text: &'a str,
    lc: &'a str,
    toks: &'a [Token],
    sent_toks: &'a [(usize, usize)],
    mentions: &'a [Mention],
    /// For each token, the mention covering it (speaker kinds preferred), or NONE.
    tok_mention: Vec<usize>,
    /// For each token inside a quotation, the index of the opening quote token; else NONE.
    open_at: Vec<usize>,
    /// For each sentence, whether a paragraph break precedes it.
    new_par: Vec<bool>,
}

fn speaker_kind(k: MentionKind) -> bool {
    matches!(
        k,
        MentionKind::Person | MentionKind::Organisation | MentionKind::ArmedGroup
    )
}

impl<'a> Ctx<'a> {
    fn new(
        text: &'a str,
        lc: &'a str,
        toks: &'a [Token],
        sentences: &'a [Range<usize>],
        sent_toks: &'a [(usize, usize)],
        mentions: &'a [Mention],
    ) -> Self {
        // Token → mention.
        let mut tok_mention = vec![NONE; toks.len()];
        for (mi, m) in mentions.iter().enumerate() {
            let a = toks.partition_point(|t| t.end <= m.start);
            let mut k = a;
            while k < toks.len() && toks[k].start < m.end {
                let cur = tok_mention[k];
                if cur == NONE
                    || !speaker_kind(mentions[cur].kind) && speaker_kind(m.kind)
                    || mentions[cur].kind == m.kind
                        && mentions[cur].end - mentions[cur].start < m.end - m.start
                {
                    tok_mention[k] = mi;
                }
                k += 1;
            }
        }
        // Paragraphs.
        let mut new_par = Vec::with_capacity(sentences.len());
        for (i, s) in sentences.iter().enumerate() {
            new_par.push(i == 0 || text[sentences[i - 1].end..s.start].contains('\n'));
        }
        // Quotations (double quotes), reset at each paragraph.
        let mut open_at = vec![NONE; toks.len()];
        let mut open = NONE;
        let mut par_start_tok = vec![false; toks.len()];
        for (i, &(a, _)) in sent_toks.iter().enumerate() {
            if new_par[i] && a < toks.len() {
                par_start_tok[a] = true;
            }
        }
        for (k, t) in toks.iter().enumerate() {
            if par_start_tok[k] {
                open = NONE;
            }
            let s = &text[t.start..t.end];
            match s {
                "“" => {
                    open = k;
                }
                "”" => {
                    open_at[k] = open;
                    open = NONE;
                    continue;
                }
                "\"" => {
                    if open == NONE {
                        open = k;
                    } else {
                        open_at[k] = open;
                        open = NONE;
                        continue;
                    }
                }
                _ => {}
            }
            if open != k {
                open_at[k] = open;
            }
        }
        Ctx {
            text,
            lc,
            toks,
            sent_toks,
            mentions,
            tok_mention,
            open_at,
            new_par,
        }
    }

    fn lw(&self, k: usize) -> &'a str {
        self.toks.get(k).map_or("", |t| &self.lc[t.start..t.end])
    }

    fn raw(&self, k: usize) -> &'a str {
        self.toks.get(k).map_or("", |t| &self.text[t.start..t.end])
    }

    fn is_word(&self, k: usize) -> bool {
        self.toks.get(k).is_some_and(|t| t.kind == TokKind::Word)
    }

    fn capitalised(&self, k: usize) -> bool {
        self.is_word(k) && self.raw(k).starts_with(|c: char| c.is_uppercase())
    }

    fn is_open_quote(&self, k: usize) -> bool {
        let r = self.raw(k);
        r == "“" || r == "\"" && self.open_at.get(k + 1).is_some_and(|o| *o == k)
    }

    fn is_close_quote(&self, k: usize) -> bool {
        let r = self.raw(k);
        r == "”" || r == "\"" && !self.is_open_quote(k)
    }

    fn in_quote(&self, k: usize) -> bool {
        self.open_at.get(k).is_some_and(|o| *o != NONE) && !self.is_close_quote(k)
    }

    fn mention_at(&self, k: usize) -> Option<usize> {
        self.tok_mention.get(k).copied().filter(|m| *m != NONE)
    }

    fn speaker_of(&self, mi: usize) -> Speaker {
        let m = &self.mentions[mi];
        Speaker {
            name: Some(m.canonical.clone().unwrap_or_else(|| m.text.clone())),
            mention: Some(mi),
            kb: m.kb_id.clone(),
            kind: Some(m.kind),
        }
    }

    /// The first token of the mention covering token `k`.
    fn mention_start_tok(&self, mi: usize, k: usize) -> usize {
        let mut s = k;
        while s > 0 && self.tok_mention[s - 1] == mi {
            s -= 1;
        }
        s
    }

    fn mention_end_tok(&self, mi: usize, k: usize) -> usize {
        let mut e = k + 1;
        while e < self.toks.len() && self.tok_mention[e] == mi {
            e += 1;
        }
        e
    }

    /// Every claim, continuations included, in text order.
    fn drafts(&self) -> Vec<Draft> {
        let mut out: Vec<Draft> = Vec::new();
        let mut pending_intro: Option<Draft> = None;
        for (si, &(a, b)) in self.sent_toks.iter().enumerate() {
            if a >= b {
                continue;
            }
            let cues = self.cues(a, b);
            let mut here: Vec<Draft> = Vec::new();
            for (ci, cue) in cues.iter().enumerate() {
                if let Some(d) = self.draft(si, a, b, *cue, &cues[ci + 1..], &here, &out) {
                    here.push(d);
                }
            }
            // A colon intro in the previous sentence governs this one.
            if let Some(mut intro) = pending_intro.take() {
                if here.is_empty() {
                    intro.content = self.trim(a, b);
                    intro.sentence = si;
                    intro.quoted = self.is_open_quote(a) || self.in_quote(a);
                    here.push(intro);
                }
            }
            if here.is_empty() {
                if let Some(c) = self.continuation(si, a, b, &out) {
                    here.push(c);
                }
            }
            let next_quoted = self
                .sent_toks
                .get(si + 1)
                .is_some_and(|&(na, nb)| na < nb && self.is_open_quote(na));
            for mut d in here {
                if d.content.0 >= d.content.1 {
                    if self.raw(b - 1) == ":" || next_quoted {
                        // A colon intro: the next sentence is the content.
                        pending_intro = Some(d);
                    } else {
                        // Nothing reported ("declined to comment"): the cue itself.
                        d.content = (d.cue.start, d.cue.end);
                        out.push(d);
                    }
                } else {
                    out.push(d);
                }
            }
        }
        self.merge_wrappers(&mut out);
        out.sort_by_key(|d| (d.content.0, d.cue.start));
        out
    }

    /// Drop "X said" claims that only wrap X's own specific stance.
    fn merge_wrappers(&self, out: &mut Vec<Draft>) {
        let mut drop = vec![false; out.len()];
        for i in 0..out.len() {
            let outer = &out[i];
            if outer.cue.stance != Stance::Asserts || outer.cue.according {
                continue;
            }
            for j in 0..out.len() {
                let inner = &out[j];
                if i == j
                    || inner.cue.stance == Stance::Asserts
                    || inner.cue.start < outer.content.0
                    || inner.cue.end > outer.content.1
                {
                    continue;
                }
                let same = match (outer.speaker.mention, inner.speaker.mention) {
                    (Some(x), Some(y)) => {
                        x == y
                            || self.mentions[x].canonical.is_some()
                                && self.mentions[x].canonical == self.mentions[y].canonical
                    }
                    _ => outer.speaker.name.is_some() && outer.speaker.name == inner.speaker.name,
                };
                if same {
                    drop[i] = true;
                    if out[j].channel.is_none() {
                        out[j].channel = out[i].channel;
                    }
                    break;
                }
            }
        }
        let mut k = 0;
        out.retain(|_| {
            k += 1;
            !drop[k - 1]
        });
    }

    /// The cues of the sentence's tokens `a..b`, outside quotations.
    fn cues(&self, a: usize, b: usize) -> Vec<Cue> {
        let mut out = Vec::new();
        let mut k = a;
        while k < b {
            if self.in_quote(k) || !self.is_word(k) {
                k += 1;
                continue;
            }
            let w = self.lw(k);
            let mk = |start, end, stance, weak| Cue {
                start,
                end,
                stance,
                participle: false,
                weak,
                according: false,
            };
            // "according to"
            if w == "according" && self.lw(k + 1) == "to" {
                out.push(Cue {
                    according: true,
                    ..mk(k, k + 2, Stance::Asserts, false)
                });
                k += 2;
                continue;
            }
            // "neither confirm nor deny"
            if w == "neither"
                && matches!(self.lw(k + 1), "confirm" | "confirms" | "confirmed")
                && self.lw(k + 2) == "nor"
                && matches!(self.lw(k + 3), "deny" | "denies" | "denied")
            {
                out.push(mk(k, k + 4, Stance::NeitherConfirmsNorDenies, true));
                k += 4;
                continue;
            }
            // "could not (immediately) confirm", "cannot verify", "did not comment".
            if let Some(n) = self.negated(k) {
                let mut j = k + n;
                if matches!(
                    self.lw(j),
                    "immediately" | "independently" | "yet" | "officially" | "publicly"
                ) {
                    j += 1;
                }
                if matches!(
                    self.lw(j),
                    "confirm"
                        | "verify"
                        | "comment"
                        | "deny"
                        | "confirmed"
                        | "verified"
                        | "commented"
                ) {
                    out.push(mk(k, j + 1, Stance::NeitherConfirmsNorDenies, true));
                    k = j + 1;
                    continue;
                }
            }
            if matches!(w, "declined" | "refused" | "declining" | "refusing")
                && self.lw(k + 1) == "to"
                && matches!(
                    self.lw(k + 2),
                    "comment" | "confirm" | "say" | "discuss" | "elaborate"
                )
            {
                out.push(mk(k, k + 3, Stance::NeitherConfirmsNorDenies, true));
                k += 3;
                continue;
            }
            if let Some((stance, weak, participle)) = cue_word(w) {
                // An adjective, not a verb: "the alleged attack", "a confirmed case".
                let prev = if k > a { self.lw(k - 1) } else { "" };
                let det = matches!(
                    prev,
                    "the"
                        | "a"
                        | "an"
                        | "this"
                        | "these"
                        | "those"
                        | "its"
                        | "their"
                        | "his"
                        | "her"
                        | "our"
                        | "of"
                );
                // "is said to", "has been accused" are passives and fine; "the said" is not.
                if !det {
                    out.push(Cue {
                        participle,
                        ..mk(k, k + 1, stance, weak)
                    });
                }
            }
            k += 1;
        }
        out
    }

    /// A negation starting at `k` ("could not", "cannot", "didn't"): its length in tokens.
    fn negated(&self, k: usize) -> Option<usize> {
        let w = self.lw(k);
        if matches!(
            w,
            "cannot"
                | "can't"
                | "couldn't"
                | "didn't"
                | "wouldn't"
                | "won't"
                | "doesn't"
                | "don't"
                | "hasn't"
                | "haven't"
                | "can’t"
                | "couldn’t"
                | "didn’t"
                | "wouldn’t"
                | "won’t"
                | "doesn’t"
                | "don’t"
                | "hasn’t"
                | "haven’t"
        ) {
            return Some(1);
        }
        if matches!(
            w,
            "could" | "can" | "did" | "would" | "will" | "does" | "do" | "has" | "have" | "had"
        ) && self.lw(k + 1) == "not"
        {
            return Some(2);
        }
        None
    }

    /// Whether the cue at `k` is a passive ("is said to", "has been accused").
    fn passive(&self, a: usize, k: usize) -> bool {
        let mut j = k;
        while j > a {
            j -= 1;
            match self.lw(j) {
                "also" | "reportedly" | "widely" | "previously" | "repeatedly" | "often"
                | "long" | "now" | "since" | "already" => continue,
                "is" | "are" | "was" | "were" | "been" | "being" => return true,
                _ => return false,
            }
        }
        false
    }

    /// Build the claim of one cue.
    #[allow(clippy::too_many_arguments)]
    fn draft(
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
                None if matches!(self.lw(cue.start), "told" | "tells") => {
                    let mut s = after;
                    while s < end && self.tail_word(s) {
                        s += 1;
                    }
                    // "told reporters the strike …": the article starts the content.
                    while s > after
                        && matches!(
                            self.lw(s - 1),
                            "the" | "a" | "an" | "his" | "her" | "its" | "their" | "this"
                        )
                    {
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

    /// A rough start of the reporting clause of a later cue: its subject's first token.
    fn subject_start_guess(&self, a: usize, cue_start: usize) -> usize {
        let mut k = cue_start;
        while k > a {
            let p = k - 1;
            if self.is_word(p)
                && (self.mention_at(p).is_some()
                    || title_word(self.lw(p))
                    || self.capitalised(p)
                    || adverb(self.lw(p))
                    || pronoun(self.lw(p)).is_some()
                    || speaker_noun(self.lw(p))
                    || matches!(self.lw(p), "the" | "a" | "an" | "’s" | "'s"))
            {
                k = p;
            } else {
                break;
            }
        }
        k
    }

    /// After the cue: a quotation right there, or "that" / ":" after a listener, a
    /// channel or a time ("told reporters in Poland that", "said in a statement:").
    fn content_start_after(&self, from: usize, end: usize) -> Option<usize> {
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
    fn only_tail(&self, from: usize, end: usize) -> bool {
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
    fn complement(&self, k: usize) -> bool {
        let w = self.lw(k);
        self.capitalised(k)
            || self.toks.get(k).is_some_and(|t| t.kind == TokKind::Number)
            || matches!(
                w,
                "the"
                    | "a"
                    | "an"
                    | "this"
                    | "these"
                    | "those"
                    | "its"
                    | "his"
                    | "her"
                    | "their"
                    | "our"
                    | "it"
                    | "he"
                    | "she"
                    | "they"
                    | "we"
                    | "i"
                    | "there"
                    | "no"
                    | "all"
                    | "some"
                    | "two"
                    | "three"
                    | "four"
                    | "five"
                    | "six"
                    | "seven"
                    | "eight"
                    | "nine"
                    | "ten"
                    | "dozens"
                    | "hundreds"
                    | "thousands"
                    | "several"
                    | "nobody"
                    | "none"
                    | "more"
                    | "at"
                    | "about"
                    | "up"
                    | "over"
                    | "nearly"
            )
    }

    fn channel_noun(&self, k: usize) -> bool {
        matches!(
            self.lw(k),
            "statement"
                | "post"
                | "report"
                | "interview"
                | "video"
                | "update"
                | "message"
                | "address"
                | "comments"
                | "remarks"
                | "briefing"
                | "conference"
        )
    }

    /// A word of a reporting clause's tail: listener, channel, time.
    fn tail_word(&self, k: usize) -> bool {
        let w = self.lw(k);
        if self.capitalised(k) && !matches!(w, "i" | "we" | "it" | "he" | "she" | "they") {
            return true;
        }
        self.channel_word(k).is_some()
            || self.channel_noun(k)
            || sitrep_lexicon::weekday(w).is_some()
            || matches!(
                w,
                "in" | "on"
                    | "at"
                    | "during"
                    | "via"
                    | "through"
                    | "to"
                    | "a"
                    | "an"
                    | "the"
                    | "his"
                    | "her"
                    | "its"
                    | "their"
                    | "’s"
                    | "'s"
                    | "yesterday"
                    | "today"
                    | "tonight"
                    | "late"
                    | "early"
                    | "earlier"
                    | "later"
                    | "morning"
                    | "afternoon"
                    | "evening"
                    | "night"
                    | "week"
                    | "month"
                    | "last"
                    | "this"
                    | "also"
                    | "app"
                    | "messaging"
                    | "channel"
                    | "account"
                    | "page"
                    | "news"
                    | "press"
                    | "social"
                    | "official"
                    | "televised"
                    | "online"
                    | "local"
                    | "state"
                    | "own"
                    | "separate"
                    | "written"
                    | "brief"
                    | "exclusive"
            )
    }

    /// The end of content starting at `s` in the sentence starting at `a`: a semicolon, a
    /// contrasting clause, or `end`.
    fn content_end(&self, a: usize, s: usize, end: usize) -> usize {
        let mut k = s;
        let opened = self.is_open_quote(s);
        // In a sentence opening with a subordinate clause ("Although X said …, Y …"), the
        // clause ends at the next comma.
        let subordinate = matches!(
            self.lw(a),
            "although"
                | "though"
                | "while"
                | "whereas"
                | "because"
                | "since"
                | "if"
                | "as"
                | "after"
                | "before"
                | "when"
                | "despite"
                | "even"
        );
        while k < end {
            match self.lw(k) {
                ";" => return k,
                "," if subordinate && k > s => return k,
                "," if k > s + 1
                    && matches!(
                        self.lw(k + 1),
                        "but" | "while" | "although" | "though" | "whereas" | "however"
                    ) =>
                {
                    return k
                }
                "”" if opened => return k + 1,
                _ => {}
            }
            k += 1;
        }
        end
    }

    /// Trim punctuation and quotes from both ends of `s..e`.
    fn trim(&self, mut s: usize, mut e: usize) -> (usize, usize) {
        let junk = |k: usize| {
            self.toks[k].kind == TokKind::Punct
                && !matches!(self.raw(k), "(" | "[" | "$" | "€" | "£")
                || matches!(self.lw(k), "that" | "however")
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

    /// Where the speaker's title starts ("Riverton Governor Ivan Petrenko" → "Riverton").
    fn title_start(&self, a: usize, start: usize) -> usize {
        let mut s = start;
        while s > a {
            let p = s - 1;
            let w = self.lw(p);
            let ok = self.is_word(p)
                && (self.capitalised(p)
                    || title_word(w)
                    || matches!(w, "the" | "a" | "an" | "’s" | "'s" | "of" | "for"));
            if !ok {
                break;
            }
            s = p;
        }
        s
    }

    /// The subject right before the cue: (speaker, first token of the speaker).
    fn subject_before(
        &self,
        a: usize,
        cue: usize,
        si: usize,
        here: &[Draft],
        earlier: &[Draft],
    ) -> Option<(Speaker, usize, bool)> {
        let mut p = cue;
        loop {
            if p <= a {
                return None;
            }
            p -= 1;
            let w = self.lw(p);
            if adverb(w) || sitrep_lexicon::weekday(w).is_some() {
                continue;
            }
            break;
        }
        let w = self.lw(p);
        if w == "," {
            // An apposition: ", the governor," / ", Ivan Petrenko," / ", which …,".
            let mut c1 = p;
            let lo = p.saturating_sub(16).max(a);
            while c1 > lo {
                c1 -= 1;
                if self.lw(c1) == "," {
                    break;
                }
            }
            if self.lw(c1) != "," || c1 == p {
                return None;
            }
            // A person or body named inside the apposition.
            let mut found = None;
            for k in c1 + 1..p {
                if let Some(mi) = self.mention_at(k) {
                    if speaker_kind(self.mentions[mi].kind) {
                        found = Some((mi, k));
                    }
                }
            }
            let inner_is_relative = matches!(self.lw(c1 + 1), "which" | "who" | "whose");
            if let Some((mi, k)) = found.filter(|_| !inner_is_relative) {
                let s = self.mention_start_tok(mi, k);
                // "X, including Y, said" → Y; but "X, the governor of Y, said" → X when X
                // is a mention.
                if let Some(xm) = c1.checked_sub(1).and_then(|q| self.mention_at(q)) {
                    if speaker_kind(self.mentions[xm].kind)
                        && self.mentions[mi].kind != MentionKind::Person
                    {
                        let xs = self.mention_start_tok(xm, c1 - 1);
                        return Some((self.speaker_of(xm), xs, true));
                    }
                }
                return Some((self.speaker_of(mi), s, true));
            }
            if c1 == a {
                return None;
            }
            return self
                .subject_at(a, c1 - 1, si, here, earlier)
                .map(|(sp, s)| (sp, s, false));
        }
        self.subject_at(a, p, si, here, earlier)
            .map(|(sp, s)| (sp, s, false))
    }

    /// A subject ending at token `p`: a mention, a pronoun or a speaker noun phrase.
    fn subject_at(
        &self,
        a: usize,
        p: usize,
        si: usize,
        here: &[Draft],
        earlier: &[Draft],
    ) -> Option<(Speaker, usize)> {
        let w = self.lw(p);
        if let Some(mi) = self.mention_at(p) {
            let k = self.mentions[mi].kind;
            let ms = self.mention_start_tok(mi, p);
            // "the governor of Odesa region said": the governor speaks, not the region.
            if k == MentionKind::Place && ms >= a + 2 && self.lw(ms - 1) == "of" {
                let role = ms - 2;
                if speaker_noun(self.lw(role)) {
                    let s = self.np_start(a, role);
                    let name = self.text[self.toks[s].start..self.toks[p].end].to_string();
                    return Some((
                        Speaker {
                            name: Some(name),
                            ..Speaker::default()
                        },
                        s,
                    ));
                }
            }
            if speaker_kind(k) || k == MentionKind::Place {
                return Some((self.speaker_of(mi), ms));
            }
        }
        if let Some(kinds) = pronoun(w) {
            let after_clause = p > a && matches!(self.raw(p - 1), "," | "”" | "\"" | "—");
            let sp = self.resolve(kinds, a, p, si, after_clause, here, earlier);
            return Some((sp, p));
        }
        if matches!(w, "which" | "who" | "that") {
            if let Some(prev) = here.last() {
                return Some((prev.speaker.clone(), p));
            }
            // The nearest body or person before it.
            for k in (a..p).rev() {
                if let Some(mi) = self.mention_at(k) {
                    if speaker_kind(self.mentions[mi].kind) {
                        return Some((self.speaker_of(mi), p));
                    }
                }
            }
            return None;
        }
        if speaker_noun(w) {
            let s = self.np_start(a, p);
            let name = self.text[self.toks[s].start..self.toks[p].end].to_string();
            return Some((
                Speaker {
                    name: Some(name),
                    ..Speaker::default()
                },
                s,
            ));
        }
        None
    }

    /// The start of a speaker noun phrase ending at `p` ("Russia’s Investigative
    /// Committee", "the Russian military").
    fn np_start(&self, a: usize, p: usize) -> usize {
        let mut s = p;
        let mut n = 0;
        while s > a && n < 6 {
            let q = s - 1;
            let w = self.lw(q);
            if !self.is_word(q) || stop_like(w) && !matches!(w, "the" | "a" | "an") {
                break;
            }
            s = q;
            n += 1;
            if matches!(w, "the" | "a" | "an") {
                break;
            }
        }
        s
    }

    /// A speaker right after token `from` ("said Petrenko", "according to the ministry", "by
    /// the ministry"): (speaker, token after it).
    fn speaker_after(
        &self,
        from: usize,
        b: usize,
        si: usize,
        here: &[Draft],
        earlier: &[Draft],
    ) -> Option<(Speaker, usize)> {
        let a = self.sent_toks[si].0;
        let w = self.lw(from);
        if let Some(kinds) = pronoun(w) {
            let sp = self.resolve(kinds, a, from, si, false, here, earlier);
            return Some((sp, from + 1));
        }
        let mut k = from;
        while k < b && k < from + 7 {
            if let Some(mi) = self.mention_at(k) {
                let kind = self.mentions[mi].kind;
                if speaker_kind(kind) || kind == MentionKind::Place {
                    // A place followed by more words is a modifier ("Ukraine's defense
                    // ministry"): keep looking for the head.
                    let e = self.mention_end_tok(mi, k);
                    if kind == MentionKind::Place && matches!(self.lw(e), "’s" | "'s") {
                        k = e + 1;
                        continue;
                    }
                    return Some((self.speaker_of(mi), e));
                }
            }
            let w = self.lw(k);
            if speaker_noun(w) && !speaker_noun(self.lw(k + 1)) {
                let mut s = from;
                while matches!(self.lw(s), "the" | "a" | "an") {
                    s += 1;
                }
                let name = self.text[self.toks[s].start..self.toks[k].end].to_string();
                return Some((
                    Speaker {
                        name: Some(name),
                        ..Speaker::default()
                    },
                    k + 1,
                ));
            }
            if !self.is_word(k) || stop_like(w) && !matches!(w, "the" | "a" | "an" | "’s" | "'s")
            {
                break;
            }
            k += 1;
        }
        None
    }

    /// Resolve a pronoun whose compatible kinds are `kinds`.
    #[allow(clippy::too_many_arguments)]
    fn resolve(
        &self,
        kinds: &[MentionKind],
        a: usize,
        p: usize,
        si: usize,
        after_clause: bool,
        here: &[Draft],
        earlier: &[Draft],
    ) -> Speaker {
        let fits = |k: Option<MentionKind>| k.is_none_or(|k| kinds.contains(&k));
        // 0. "X said he could not confirm …": the speaker of the claim whose content the
        // pronoun opens (the spokesman of an organisation is "he").
        if let Some(d) = here.last() {
            if d.content.0 == p && d.speaker.name.is_some() {
                return d.speaker.clone();
            }
        }
        // 1. The first compatible mention earlier in the sentence (not for "…, he said").
        if !after_clause {
            for k in a..p {
                if let Some(mi) = self.mention_at(k) {
                    if kinds.contains(&self.mentions[mi].kind) {
                        return self.speaker_of(mi);
                    }
                }
            }
        }
        // 2. The latest compatible speaker of an earlier claim.
        for d in here.iter().rev().chain(earlier.iter().rev()) {
            if d.sentence + 4 < si {
                break;
            }
            if d.speaker.name.is_some() && fits(d.speaker.kind) {
                return d.speaker.clone();
            }
        }
        // 3. The last compatible mention of the previous sentence.
        if si > 0 {
            let (pa, pb) = self.sent_toks[si - 1];
            for k in (pa..pb).rev() {
                if let Some(mi) = self.mention_at(k) {
                    if kinds.contains(&self.mentions[mi].kind) {
                        return self.speaker_of(mi);
                    }
                }
            }
        }
        Speaker::default()
    }

    /// A claim for a sentence without a cue: a quotation going on, or a reported figure
    /// right after a claim in the same paragraph.
    fn continuation(&self, si: usize, a: usize, b: usize, out: &[Draft]) -> Option<Draft> {
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

    fn sentence_has_quote_end(&self, d: &Draft) -> bool {
        let (a, b) = self.sent_toks[d.sentence];
        (a..b).any(|k| self.raw(k) == "”")
    }

    /// Whether the byte range holds a number with a casualty or damage predicate. Cheap: a
    /// digit or number word followed by a predicate word in the range.
    fn has_figure(&self, s: usize, e: usize) -> bool {
        let lc = &self.lc[s..e];
        let has_number = lc.bytes().any(|c| c.is_ascii_digit())
            || lc.split(|c: char| !c.is_ascii_alphabetic()).any(|w| {
                matches!(
                    w,
                    "two"
                        | "three"
                        | "four"
                        | "five"
                        | "six"
                        | "seven"
                        | "eight"
                        | "nine"
                        | "ten"
                        | "eleven"
                        | "twelve"
                        | "dozen"
                        | "dozens"
                        | "hundreds"
                        | "thousands"
                        | "several"
                        | "twenty"
                        | "thirty"
                        | "forty"
                        | "fifty"
                        | "one"
                        | "nobody"
                )
            });
        has_number
            && lc.split(|c: char| !c.is_ascii_alphabetic()).any(|w| {
                matches!(
                    w,
                    "killed"
                        | "dead"
                        | "died"
                        | "injured"
                        | "wounded"
                        | "hurt"
                        | "destroyed"
                        | "damaged"
                        | "evacuated"
                        | "captured"
                        | "detained"
                        | "missing"
                        | "eliminated"
                        | "deaths"
                        | "casualties"
                        | "injuries"
                        | "arrested"
                )
            })
    }

    /// The channel of a claim, from its sentence.
    fn channel(&self, a: usize, b: usize, d: &Draft, here: &[Draft]) -> Option<&'static str> {
        let mut best: Option<(&'static str, u8)> = None;
        let in_content = |k: usize| k >= d.content.0 && k < d.content.1;
        let in_other_block = |k: usize| {
            here.iter()
                .any(|o| o.before && k >= o.block.0 && k < o.block.1.max(o.block.0))
        };
        let (from, to) = if d.before {
            (d.block.0, b)
        } else {
            (a, d.content.1)
        };
        for k in from..to {
            if in_other_block(k) || self.in_quote(k) {
                continue;
            }
            let Some((ch, rank)) = self.channel_word(k) else {
                continue;
            };
            if in_content(k) {
                // Inside the content only as a phrase: "in a statement", "on Telegram".
                let mut j = k;
                let mut ok = false;
                for _ in 0..4 {
                    if j == a {
                        break;
                    }
                    j -= 1;
                    match self.lw(j) {
                        "in" | "on" | "via" | "through" => {
                            ok = true;
                            break;
                        }
                        "a" | "an" | "the" | "his" | "her" | "its" | "their" | "’s" | "'s" => {}
                        _ if self.capitalised(j) => {}
                        _ => break,
                    }
                }
                if !ok {
                    continue;
                }
            }
            if best.is_none_or(|(_, r)| rank < r) {
                best = Some((ch, rank));
            }
        }
        if best.is_none() && matches!(self.lw(d.cue.start), "told" | "tells") {
            return Some("media");
        }
        best.map(|(c, _)| c)
    }

    /// A channel word at token `k`, with its priority (lower wins).
    fn channel_word(&self, k: usize) -> Option<(&'static str, u8)> {
        let w = self.lw(k);
        Some(match w {
            "telegram" => ("telegram", 0),
            "twitter" | "tweet" | "tweeted" => ("twitter", 0),
            "x" if self.raw(k) == "X" && self.lw(k.wrapping_sub(1)) == "on" => ("twitter", 0),
            "facebook" => ("facebook", 0),
            "instagram" => ("instagram", 0),
            "youtube" => ("youtube", 0),
            "interview" => ("interview", 1),
            "conference" if matches!(self.lw(k.wrapping_sub(1)), "press" | "news") => {
                ("press conference", 2)
            }
            "briefing" => ("briefing", 3),
            "statement" | "communique" | "communiqué" => ("statement", 4),
            "televised" | "television" | "tv" | "broadcaster" | "broadcast" => ("tv", 5),
            "report" => ("report", 6),
            "website" => ("website", 7),
            "media" if self.lw(k.wrapping_sub(1)) == "social" => ("social media", 8),
            "media" | "reporters" | "journalists" | "newspaper" => ("media", 9),
            _ => return None,
        })
    }

    fn finish(&self, d: Draft, quantities: &[Quantity]) -> Claim {
        let start = self.toks[d.content.0].start;
        let end = self.toks[d.content.1 - 1].end;
        let covers = quantities
            .iter()
            .enumerate()
            .filter(|(_, q)| q.start >= start && q.end <= end)
            .map(|(i, _)| Cover::Quantity(i))
            .collect();
        let cue_text = self.lc[self.toks[d.cue.start].start..self.toks[d.cue.end - 1].end]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        Claim {
            speaker: d.speaker.name,
            speaker_kb_id: d.speaker.kb,
            speaker_mention: d.speaker.mention,
            cue: cue_text,
            channel: d.channel.map(str::to_string),
            stance: d.cue.stance,
            start,
            end,
            covers,
        }
    }
}

fn participle_main_subject(cue: &Cue) -> bool {
    cue.participle
}

/// A cue word: (stance, weak, participle).
fn cue_word(w: &str) -> Option<(Stance, bool, bool)> {
    use Stance::*;
    Some(match w {
        "said" | "says" | "told" | "tells" => (Asserts, false, false),
        "say" | "added" | "adds" | "stated" | "reported" | "announced" | "announces"
        | "insisted" | "insists" | "warned" | "warns" | "wrote" | "writes" | "posted" | "noted"
        | "declared" | "emphasized" | "emphasised" | "stressed" | "explained" | "commented"
        | "continued" | "argued" | "suggested" | "tweeted" | "reiterated" | "asserted"
        | "maintained" => (Asserts, true, false),
        "saying" | "adding" | "insisting" | "warning" | "noting" | "stressing" => {
            (Asserts, true, true)
        }
        "claimed" | "claims" | "claim" | "alleged" | "alleges" | "allege" | "accused"
        | "accuses" | "blamed" | "blames" => (Alleges, true, false),
        "claiming" | "alleging" | "accusing" | "blaming" => (Alleges, true, true),
        "denied" | "denies" | "deny" | "rejected" | "rejects" | "dismissed" | "dismisses" => {
            (Denies, true, false)
        }
        "denying" | "rejecting" => (Denies, true, true),
        "confirmed" | "confirms" | "acknowledged" | "acknowledges" | "verified" | "admitted"
        | "admits" => (Confirms, true, false),
        "confirming" | "acknowledging" | "admitting" => (Confirms, true, true),
        _ => return None,
    })
}

/// Pronouns that can be speakers, with the mention kinds they refer to.
fn pronoun(w: &str) -> Option<&'static [MentionKind]> {
    use MentionKind::*;
    match w {
        "he" | "she" | "him" | "her" => Some(&[Person]),
        "it" => Some(&[Organisation, ArmedGroup, Place]),
        "they" | "them" => Some(&[Person, Organisation, ArmedGroup, Place]),
        _ => None,
    }
}

/// Words between a subject and its cue ("X also said", "X has previously said").
fn adverb(w: &str) -> bool {
    matches!(
        w,
        "can"
            | "could"
            | "may"
            | "might"
            | "must"
            | "should"
            | "also"
            | "later"
            | "previously"
            | "earlier"
            | "has"
            | "have"
            | "had"
            | "then"
            | "further"
            | "again"
            | "however"
            | "once"
            | "now"
            | "subsequently"
            | "separately"
            | "yesterday"
            | "today"
            | "repeatedly"
            | "already"
            | "publicly"
            | "officially"
            | "reportedly"
            | "initially"
            | "first"
            | "last"
            | "would"
            | "will"
            | "did"
            | "does"
            | "do"
            | "has'"
            | "quickly"
            | "immediately"
            | "recently"
            | "swiftly"
            | "allegedly"
            | "openly"
            | "strongly"
            | "flatly"
            | "categorically"
    )
}

/// Lowercase words that may be part of a speaker's title before a name.
fn title_word(w: &str) -> bool {
    matches!(
        w,
        "governor"
            | "spokesman"
            | "spokeswoman"
            | "spokesperson"
            | "minister"
            | "deputy"
            | "defense"
            | "defence"
            | "foreign"
            | "president"
            | "prime"
            | "chief"
            | "head"
            | "commander"
            | "official"
            | "regional"
            | "military"
            | "intelligence"
            | "secretary"
            | "general"
            | "former"
            | "top"
            | "senior"
            | "army"
            | "mayor"
            | "leader"
            | "adviser"
            | "advisor"
            | "aide"
            | "ambassador"
            | "envoy"
            | "director"
            | "expert"
            | "analyst"
            | "diplomat"
            | "lawmaker"
            | "senator"
            | "colonel"
            | "lieutenant"
            | "major"
            | "captain"
            | "sergeant"
            | "state"
            | "department"
            | "ministry"
            | "interior"
            | "local"
            | "press"
            | "service"
            | "acting"
    )
}

/// Nouns that name a speaker without a mention ("officials said", "the ministry said").
fn speaker_noun(w: &str) -> bool {
    matches!(
        w,
        "force"
            | "navy"
            | "fleet"
            | "brigade"
            | "battalion"
            | "guard"
            | "coastguard"
            | "website"
            | "channel"
            | "outlets"
            | "broadcaster"
            | "portal"
            | "officials"
            | "official"
            | "authorities"
            | "ministry"
            | "military"
            | "army"
            | "police"
            | "governor"
            | "mayor"
            | "spokesman"
            | "spokeswoman"
            | "spokesperson"
            | "spokespeople"
            | "statement"
            | "report"
            | "update"
            | "analysts"
            | "analyst"
            | "experts"
            | "expert"
            | "sources"
            | "source"
            | "witnesses"
            | "witness"
            | "residents"
            | "officers"
            | "commander"
            | "commanders"
            | "president"
            | "minister"
            | "government"
            | "kremlin"
            | "pentagon"
            | "agency"
            | "service"
            | "committee"
            | "office"
            | "department"
            | "administration"
            | "command"
            | "headquarters"
            | "prosecutors"
            | "prosecutor"
            | "investigators"
            | "diplomats"
            | "observers"
            | "monitors"
            | "media"
            | "outlet"
            | "newspaper"
            | "bloggers"
            | "blogger"
            | "council"
            | "legion"
            | "corps"
            | "forces"
            | "staff"
            | "mission"
            | "un"
            | "nato"
            | "ministers"
            | "leaders"
            | "leader"
            | "rescuers"
            | "doctors"
            | "medics"
            | "activists"
            | "group"
            | "groups"
            | "militants"
            | "rebels"
            | "movement"
    )
}

/// Closed-class words that end a noun phrase.
fn stop_like(w: &str) -> bool {
    matches!(
        w,
        "although"
            | "though"
            | "however"
            | "meanwhile"
            | "because"
            | "if"
            | "so"
            | "yet"
            | "whereas"
            | "despite"
            | "both"
            | "some"
            | "many"
            | "the"
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
            | "and"
            | "or"
            | "but"
            | "as"
            | "that"
            | "which"
            | "who"
            | "was"
            | "were"
            | "is"
            | "are"
            | "be"
            | "been"
            | "had"
            | "has"
            | "have"
            | "will"
            | "would"
            | "could"
            | "this"
            | "these"
            | "those"
            | "their"
            | "his"
            | "her"
            | "its"
            | "it"
            | "they"
            | "he"
            | "she"
            | "we"
            | "i"
            | "you"
            | "them"
            | "him"
            | "than"
            | "then"
            | "there"
            | "when"
            | "while"
            | "after"
            | "before"
            | "since"
            | "not"
            | "also"
            | "said"
            | "says"
            | "told"
    )
}

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
//! The cue words are sitrep-lexicon's reporting verbs (their stance and whether they need a
//! speaker are columns there); every other word list is data: `data/claims.tsv` (words by
//! category) and `data/channels.tsv` (channel words), read by [`words`].
//!
//! Offsets are byte offsets, like the mentions and quantities given.

mod channel;
mod content;
mod cues;
mod speaker;
pub mod words;

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
        // Quantities by start, so each claim finds those inside it without a scan of all.
        let mut by_start: Vec<(usize, usize, usize)> = quantities
            .iter()
            .enumerate()
            .map(|(i, q)| (q.start, q.end, i))
            .collect();
        by_start.sort_unstable();
        drafts
            .into_iter()
            .map(|d| ctx.finish(d, &by_start))
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
        // Drafts by where their cue starts: each outer claim looks only at the cues inside it.
        let mut by_cue: Vec<(usize, usize)> = out
            .iter()
            .enumerate()
            .map(|(j, d)| (d.cue.start, j))
            .collect();
        by_cue.sort_unstable();
        for i in 0..out.len() {
            let outer = &out[i];
            if outer.cue.stance != Stance::Asserts || outer.cue.according {
                continue;
            }
            let from = by_cue.partition_point(|&(c, _)| c < outer.content.0);
            let mut inside: Vec<usize> = by_cue[from..]
                .iter()
                .take_while(|&&(c, _)| c <= outer.content.1)
                .map(|&(_, j)| j)
                .collect();
            inside.sort_unstable();
            for j in inside {
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

    /// The claim of draft `d`; `quantities` are (start, end, index), sorted.
    fn finish(&self, d: Draft, quantities: &[(usize, usize, usize)]) -> Claim {
        let start = self.toks[d.content.0].start;
        let end = self.toks[d.content.1 - 1].end;
        let from = quantities.partition_point(|&(s, _, _)| s < start);
        let mut inside: Vec<usize> = quantities[from..]
            .iter()
            .take_while(|&&(s, _, _)| s <= end)
            .filter(|&&(_, e, _)| e <= end)
            .map(|&(_, _, i)| i)
            .collect();
        inside.sort_unstable();
        let covers = inside.into_iter().map(Cover::Quantity).collect();
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

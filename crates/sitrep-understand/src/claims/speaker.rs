//! Speakers: the subject of a cue (a mention, an apposition, a pronoun resolved to an earlier
//! mention or speaker, or a speaker noun phrase), or the speaker after it ("said X",
//! "according to X", "by X").

use super::words::*;
use super::{speaker_kind, Ctx, Draft, Speaker};
use sitrep_core::MentionKind;

impl<'a> Ctx<'a> {
    /// A rough start of the reporting clause of a later cue: its subject's first token.
    pub(super) fn subject_start_guess(&self, a: usize, cue_start: usize) -> usize {
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
                    || (article(self.lw(p)) || possessive(self.lw(p))))
            {
                k = p;
            } else {
                break;
            }
        }
        k
    }

    /// Where the speaker's title starts ("Riverton Governor Ivan Petrenko" → "Riverton").
    pub(super) fn title_start(&self, a: usize, start: usize) -> usize {
        let mut s = start;
        while s > a {
            let p = s - 1;
            let w = self.lw(p);
            let ok =
                self.is_word(p) && (self.capitalised(p) || title_word(w) || is(w, TITLE_JOINER));
            if !ok {
                break;
            }
            s = p;
        }
        s
    }

    /// The subject right before the cue: (speaker, first token of the speaker).
    pub(super) fn subject_before(
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
            let inner_is_relative = is(self.lw(c1 + 1), APPOSITION_RELATIVE);
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
    pub(super) fn subject_at(
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
        if is(w, RELATIVE) {
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
    pub(super) fn np_start(&self, a: usize, p: usize) -> usize {
        let mut s = p;
        let mut n = 0;
        while s > a && n < 6 {
            let q = s - 1;
            let w = self.lw(q);
            if !self.is_word(q) || stop_like(w) && !article(w) {
                break;
            }
            s = q;
            n += 1;
            if article(w) {
                break;
            }
        }
        s
    }

    /// A speaker right after token `from` ("said Petrenko", "according to the ministry", "by
    /// the ministry"): (speaker, token after it).
    pub(super) fn speaker_after(
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
                    if kind == MentionKind::Place && possessive(self.lw(e)) {
                        k = e + 1;
                        continue;
                    }
                    return Some((self.speaker_of(mi), e));
                }
            }
            let w = self.lw(k);
            if speaker_noun(w) && !speaker_noun(self.lw(k + 1)) {
                let mut s = from;
                while article(self.lw(s)) {
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
            if !self.is_word(k) || stop_like(w) && !(article(w) || possessive(w)) {
                break;
            }
            k += 1;
        }
        None
    }

    /// Resolve a pronoun whose compatible kinds are `kinds`.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn resolve(
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
}

/// Pronouns that can be speakers, with the mention kinds they refer to.
pub(super) fn pronoun(w: &str) -> Option<&'static [MentionKind]> {
    use MentionKind::*;
    if is(w, PRONOUN_PERSON) {
        Some(&[Person])
    } else if is(w, PRONOUN_THING) {
        Some(&[Organisation, ArmedGroup, Place])
    } else if is(w, PRONOUN_ANY) {
        Some(&[Person, Organisation, ArmedGroup, Place])
    } else {
        None
    }
}

/// Words between a subject and its cue ("X also said", "X has previously said").
pub(super) fn adverb(w: &str) -> bool {
    is(w, SUBJECT_ADVERB)
}

/// Lowercase words that may be part of a speaker's title before a name.
pub(super) fn title_word(w: &str) -> bool {
    is(w, TITLE_WORD)
}

/// Nouns that name a speaker without a mention ("officials said", "the ministry said").
pub(super) fn speaker_noun(w: &str) -> bool {
    is(w, SPEAKER_NOUN)
}

/// Closed-class words that end a noun phrase: sitrep-lexicon's function words and strong
/// reporting verbs (see [`super::words::STOP`]).
pub(super) fn stop_like(w: &str) -> bool {
    is(w, STOP)
}

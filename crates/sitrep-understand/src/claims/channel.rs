//! Channels: through what a claim was made ("in a statement", "on Telegram", "told
//! reporters"), and the tail of a reporting clause (listener, channel, time).

use super::words::*;
use super::{Ctx, Draft};

impl<'a> Ctx<'a> {
    pub(super) fn channel_noun(&self, k: usize) -> bool {
        is(self.lw(k), CHANNEL_NOUN)
    }

    /// A word of a reporting clause's tail: listener, channel, time.
    pub(super) fn tail_word(&self, k: usize) -> bool {
        let w = self.lw(k);
        if self.capitalised(k) && !is(w, TAIL_PRONOUN) {
            return true;
        }
        self.channel_word(k).is_some()
            || self.channel_noun(k)
            || sitrep_lexicon::weekday(w).is_some()
            || is(w, TAIL_WORD)
    }

    /// The channel of a claim, from its sentence.
    pub(super) fn channel(
        &self,
        a: usize,
        b: usize,
        d: &Draft,
        here: &[Draft],
    ) -> Option<&'static str> {
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
                    let w = self.lw(j);
                    if is(w, CHANNEL_PREP) {
                        ok = true;
                        break;
                    }
                    if !is(w, CHANNEL_DET) && !self.capitalised(j) {
                        break;
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
        if best.is_none() && tell(self.lw(d.cue.start)) {
            return Some("media");
        }
        best.map(|(c, _)| c)
    }

    /// A channel word at token `k`, with its priority (lower wins).
    pub(super) fn channel_word(&self, k: usize) -> Option<(&'static str, u8)> {
        super::words::channel(self.lw(k), self.raw(k), self.lw(k.wrapping_sub(1)))
    }
}

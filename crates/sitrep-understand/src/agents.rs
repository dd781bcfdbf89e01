//! Generic actors written as common nouns ("gunmen", "police", "soldiers", "villagers",
//! "farmers"): the knowledge base's generic agents (the CAMEO/Phoenix agents file) whose
//! sector has an ACLED actor type and is marked for the text (`data/actor_types.tsv`,
//! `agents` column). Each becomes a mention linked to the agent (`agent:…`), with its type.
//! Only words the names and links left free are read; a name in lowercase or opening its
//! sentence; the longest agent name (up to three words) wins. A noun that heads a name or a
//! nationality ("Kenyan troops", "fighters of the X Brigade") types that mention instead, and
//! so does a noun of a sector marked `names` that ends an organisation's name ("X County
//! Police Department").

use crate::tokens::{TokKind, Token};
use rustc_hash::FxHashMap;
use sitrep_core::{ActorTag, ActorType, GeoPrecision, Mention, MentionKind};
use sitrep_kb::{ActorKind, Kb};
use std::ops::Range;

/// Longest agent name read, in words.
const MAX_WORDS: usize = 3;

/// The agents by their lowercase names and aliases.
#[derive(Debug)]
pub(crate) struct Agents {
    by_name: FxHashMap<String, (String, String, MentionKind, ActorTag)>,
    /// The names of agents whose sector types the organisations they end (`names`).
    heads: FxHashMap<String, ActorTag>,
}

impl Agents {
    pub(crate) fn new(kb: &Kb) -> Agents {
        let mut by_name = FxHashMap::default();
        let mut heads = FxHashMap::default();
        for a in kb.actors() {
            let Some((tag, names)) = crate::actor_types::agent_tag(a) else {
                continue;
            };
            let kind = match tag.kind {
                ActorType::Civilians | ActorType::Protesters | ActorType::Rioters => {
                    MentionKind::Person
                }
                ActorType::StateForces if a.kind != ActorKind::StateForce => {
                    MentionKind::Organisation
                }
                _ => MentionKind::ArmedGroup,
            };
            let canonical = clean(&a.name).unwrap_or_else(|| a.name.clone());
            for name in std::iter::once(&a.name).chain(&a.aliases) {
                for form in forms(name) {
                    if form.split(' ').count() <= MAX_WORDS {
                        if names {
                            heads.entry(form.clone()).or_insert_with(|| tag.clone());
                        }
                        by_name.entry(form).or_insert_with(|| {
                            (a.id.clone(), canonical.clone(), kind, tag.clone())
                        });
                    }
                }
            }
        }
        Agents { by_name, heads }
    }

    /// The type an organisation's own name gives it: an agent noun of a `names` sector as its
    /// last or next-to-last word ("Lagos State Police", "X County Police Department",
    /// "X County Sheriff's Office").
    fn name_head(&self, name: &str) -> Option<&ActorTag> {
        let words: Vec<String> = name
            .split_whitespace()
            .map(|w| {
                let w = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’');
                let w = w
                    .strip_suffix("'s")
                    .or_else(|| w.strip_suffix("’s"))
                    .unwrap_or(w);
                w.to_lowercase()
            })
            .collect();
        let n = words.len();
        // The noun ends the name or comes right before its last word; up to MAX_WORDS long.
        for end in (n.saturating_sub(1)..=n).rev().filter(|&e| e >= 2) {
            for len in (1..=MAX_WORDS.min(end - 1)).rev() {
                let key = words[end - len..end].join(" ");
                if let Some(tag) = self.heads.get(&key) {
                    return Some(tag);
                }
            }
        }
        None
    }

    /// Agent mentions in the words no mention covers, added to `mentions` (kept in text
    /// order). A noun that heads a name or a nationality ("Kenyan troops", "Boko Haram
    /// fighters", "fighters of the X Brigade") is no actor of its own: it gives its type to
    /// that mention when it has none (with the nationality's country).
    pub(crate) fn add(
        &self,
        text: &str,
        toks: &[Token],
        sents: &[Range<usize>],
        mentions: &mut Vec<Mention>,
    ) {
        for m in mentions.iter_mut() {
            if m.kind == MentionKind::Organisation && m.actor.is_none() && m.kb_id.is_none() {
                if let Some(tag) = self.name_head(&m.text) {
                    m.actor = Some(tag.clone());
                }
            }
        }
        let found = self.find(text, toks, sents, mentions);
        if found.is_empty() {
            return;
        }
        let mut own = Vec::new();
        for m in found {
            match headed(text, &m, mentions) {
                Some(k) => {
                    let h = &mut mentions[k];
                    if h.actor.is_none() && h.kind != MentionKind::Person {
                        let mut tag = m.actor.clone().expect("agents carry a type");
                        tag.country = h.geo.as_ref().and_then(|g| g.country.clone());
                        h.actor = Some(tag);
                    }
                }
                None => own.push(m),
            }
        }
        if !own.is_empty() {
            mentions.extend(own);
            mentions.sort_by_key(|m| m.start);
        }
    }

    /// Agent mentions in the words no mention in `taken` covers.
    fn find(
        &self,
        text: &str,
        toks: &[Token],
        sents: &[Range<usize>],
        taken: &[Mention],
    ) -> Vec<Mention> {
        let mut out = Vec::new();
        let mut busy: Vec<(usize, usize)> = taken.iter().map(|m| (m.start, m.end)).collect();
        busy.sort_unstable();
        let free = |a: usize, b: usize| {
            let k = busy.partition_point(|&(_, e)| e <= a);
            busy.get(k).is_none_or(|&(s, _)| s >= b)
        };
        // Sentence starts are sorted: a binary search per word, not a scan.
        let initial = |t: &Token| sents.binary_search_by_key(&t.start, |r| r.start).is_ok();
        let mut i = 0;
        let mut key = String::new();
        while i < toks.len() {
            let t = toks[i];
            let w = &text[t.start..t.end];
            let lower_ok = w.starts_with(char::is_lowercase) || initial(&t);
            if t.kind != TokKind::Word || !lower_ok {
                i += 1;
                continue;
            }
            let mut best = None;
            key.clear();
            for n in 0..MAX_WORDS {
                let Some(u) = toks.get(i + n) else { break };
                let uw = &text[u.start..u.end];
                if u.kind != TokKind::Word || n > 0 && !uw.starts_with(char::is_lowercase) {
                    break;
                }
                if n > 0 {
                    key.push(' ');
                }
                key.push_str(&uw.to_lowercase());
                if let Some(hit) = self.by_name.get(key.as_str()) {
                    best = Some((n + 1, hit));
                }
            }
            match best {
                Some((n, (id, canonical, kind, tag))) if free(t.start, toks[i + n - 1].end) => {
                    let end = toks[i + n - 1].end;
                    out.push(Mention {
                        text: text[t.start..end].to_string(),
                        start: t.start,
                        end,
                        kind: *kind,
                        canonical: Some(canonical.clone()),
                        kb_id: Some(id.clone()),
                        confidence: 1.0,
                        role: None,
                        geo: None,
                        runner_up: None,
                        actor: Some(tag.clone()),
                    });
                    i += n;
                }
                _ => i += 1,
            }
        }
        out
    }
}

/// The name or nationality agent `m` heads: right before it ("Kenyan troops", "Boko Haram
/// fighters") or after "of" ("fighters of the X Brigade", "troops of Kenya").
fn headed(text: &str, m: &Mention, mentions: &[Mention]) -> Option<usize> {
    let named = |o: &Mention| {
        matches!(
            o.kind,
            MentionKind::Nationality | MentionKind::ArmedGroup | MentionKind::Organisation
        ) || o.kind == MentionKind::Place
            && o.geo
                .as_ref()
                .is_some_and(|g| g.precision == GeoPrecision::Country)
    };
    // Mentions are in text order: the one right before starts before this one.
    let before = mentions
        .partition_point(|o| o.start < m.start)
        .checked_sub(1)
        .filter(|&k| {
            let o = &mentions[k];
            o.end <= m.start && named(o) && text[o.end..m.start].trim().is_empty()
        });
    if before.is_some() {
        return before;
    }
    let rest = text[m.end..].trim_start();
    let rest = rest.strip_prefix("of ")?.trim_start();
    let rest = rest.strip_prefix("the ").unwrap_or(rest);
    let at = text.len() - rest.len();
    mentions.iter().position(|o| o.start == at && named(o))
}

/// The name without the agents file's placeholders: "police {}" → "police".
fn clean(name: &str) -> Option<String> {
    let s = name.split('{').next()?.trim().to_lowercase();
    (!s.is_empty() && !s.contains([',', '(', ')'])).then_some(s)
}

/// The lowercase forms a name of the agents file stands for: "police {}" → "police";
/// "hitman {hitmen}" → "hitman", "hitmen"; a name with a placeholder inside a word ("police
/// {}s") is left out.
fn forms(name: &str) -> Vec<String> {
    let mut out = Vec::new();
    if let Some((head, rest)) = name.split_once('{') {
        let inner = rest.split('}').next().unwrap_or("").trim();
        let after = rest.split_once('}').map_or("", |(_, a)| a);
        if !after.trim().is_empty() && !after.starts_with(' ') {
            return out;
        }
        if let Some(h) = clean(head) {
            out.push(h);
        }
        if !inner.is_empty() {
            if let Some(i) = clean(inner) {
                out.push(i);
            }
        }
    } else if let Some(c) = clean(name) {
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::forms;

    #[test]
    fn placeholders_and_irregular_plurals() {
        assert_eq!(forms("police {}"), vec!["police"]);
        assert_eq!(forms("hitman {hitmen}"), vec!["hitman", "hitmen"]);
        assert!(forms("police {}s").is_empty());
        assert_eq!(forms("Gunmen"), vec!["gunmen"]);
    }
}

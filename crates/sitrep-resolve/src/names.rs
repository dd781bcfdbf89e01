//! One canonical name per person or group across a run or a store.
//!
//! The understand stage gives each mention a canonical name within its article, and a
//! knowledge-base name when it links. A person the knowledge base lacks can still be spelt
//! differently from one article to the next (`Andriy`/`Andrey`, `-iy`/`-y`): the run collects
//! every unlinked canonical name, groups those whose transliteration skeletons agree, and gives
//! the group its most frequent spelling (ties: the alphabetically first), whatever order the
//! articles came in.

use std::collections::{BTreeMap, HashMap};

use sitrep_core::{Article, MentionKind};
use sitrep_kb::names::skeleton;

/// Unlinked canonical names seen in a run (or a store), by kind and skeleton.
#[derive(Debug, Default)]
pub struct NameRegistry {
    seen: HashMap<(MentionKind, String), BTreeMap<String, usize>>,
}

fn consolidated(kind: MentionKind, name: &str) -> bool {
    match kind {
        MentionKind::Person => name.contains(' '),
        MentionKind::ArmedGroup | MentionKind::Organisation => true,
        _ => false,
    }
}

impl NameRegistry {
    /// Count the unlinked canonical names of `article`.
    pub fn observe(&mut self, article: &Article) {
        for (kind, name) in unlinked(article) {
            self.add(kind, name, 1);
        }
    }

    /// Count `name` (one of [`unlinked`]'s) `n` times, as if seen in `n` mentions.
    pub fn add(&mut self, kind: MentionKind, name: &str, n: usize) {
        *self
            .seen
            .entry((kind, skeleton(name)))
            .or_default()
            .entry(name.to_string())
            .or_default() += n;
    }

    /// Spelling → the group's chosen spelling, for every spelling that changes.
    pub fn renames(&self) -> HashMap<(MentionKind, String), String> {
        let mut out = HashMap::new();
        for ((kind, _), spellings) in &self.seen {
            // Most frequent first; the BTreeMap order breaks ties alphabetically.
            let chosen = spellings
                .iter()
                .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)));
            let Some((chosen, _)) = chosen.filter(|_| spellings.len() > 1) else {
                continue;
            };
            for s in spellings.keys().filter(|s| *s != chosen) {
                out.insert((*kind, s.clone()), chosen.clone());
            }
        }
        out
    }
}

/// The unlinked canonical names of `article` that take part in consolidation, one per
/// mention (a name mentioned twice is listed twice): what [`NameRegistry::observe`] counts.
pub fn unlinked(article: &Article) -> impl Iterator<Item = (MentionKind, &str)> {
    article
        .mentions
        .iter()
        .flatten()
        .filter(|m| m.kb_id.is_none())
        .map(|m| (m.kind, m.canonical.as_deref().unwrap_or(&m.text)))
        .filter(|(kind, name)| consolidated(*kind, name))
}

/// Give `article`'s mentions their run-wide canonical names. Returns whether anything changed.
pub fn apply(article: &mut Article, renames: &HashMap<(MentionKind, String), String>) -> bool {
    let mut changed = false;
    for m in article.mentions.iter_mut().flatten() {
        if m.kb_id.is_some() {
            continue;
        }
        let name = m.canonical.as_deref().unwrap_or(&m.text);
        if let Some(to) = renames.get(&(m.kind, name.to_string())) {
            m.canonical = Some(to.clone());
            changed = true;
        }
    }
    for c in article.claims.iter_mut().flatten() {
        if c.speaker_kb_id.is_some() {
            continue;
        }
        if let (Some(s), Some(i)) = (&c.speaker, c.speaker_mention) {
            let kind = article
                .mentions
                .as_ref()
                .and_then(|ms| ms.get(i))
                .map(|m| m.kind);
            if let Some(to) = kind.and_then(|k| renames.get(&(k, s.clone()))) {
                c.speaker = Some(to.clone());
                changed = true;
            }
        }
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::*;
    use sitrep_core::Mention;

    fn person(text: &str) -> Mention {
        Mention {
            text: text.into(),
            start: 0,
            end: text.chars().count(),
            kind: MentionKind::Person,
            canonical: None,
            kb_id: None,
            confidence: 0.0,
            role: None,
            geo: None,
            runner_up: None,
            actor: None,
        }
    }

    fn article(names: &[&str]) -> Article {
        Article {
            mentions: Some(names.iter().map(|n| person(n)).collect()),
            ..Article::default()
        }
    }

    #[test]
    fn variants_get_one_spelling_whatever_the_order() {
        let arts = [
            article(&["Andriy Melnyk"]),
            article(&["Andrey Melnyk", "Olena Bondar"]),
            article(&["Andriy Melnyk"]),
        ];
        for order in [[0, 1, 2], [2, 1, 0], [1, 0, 2]] {
            let mut reg = NameRegistry::default();
            for i in order {
                reg.observe(&arts[i]);
            }
            let renames = reg.renames();
            let mut a = arts[1].clone();
            assert!(apply(&mut a, &renames));
            let ms = a.mentions.unwrap();
            assert_eq!(ms[0].canonical.as_deref(), Some("Andriy Melnyk"));
            assert_eq!(ms[1].canonical, None, "a different person is untouched");
        }
    }

    #[test]
    fn linked_and_single_names_are_left_alone() {
        let mut linked = person("Andrey Melnyk");
        linked.kb_id = Some("x:1".into());
        let mut reg = NameRegistry::default();
        reg.observe(&article(&["Andriy Melnyk", "Melnyk"]));
        reg.observe(&Article {
            mentions: Some(vec![linked.clone(), person("Melnik")]),
            ..Article::default()
        });
        assert!(reg.renames().is_empty());
    }
}

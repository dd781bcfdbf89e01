//! Coreference in the article: a surname alone is the full name met earlier, "the governor"
//! the person given that role, and a shorter or reordered group or organisation name the full
//! one.

use super::Found;
use crate::lexicon::{bits, Lexicon};
use crate::tokens::Token;
use sitrep_core::MentionKind;
use std::collections::HashMap;

/// In-article coreference: surnames, roles, shortened group names.
pub(super) fn coreference(text: &str, tokens: &[Token], found: &mut Vec<Found>, lex: &Lexicon) {
    // Full names of people met so far, by their last word.
    let mut by_surname: HashMap<String, (String, Option<String>)> = HashMap::new();
    // Groups and organisations by their word set.
    let mut groups: Vec<(MentionKind, Vec<String>, String)> = Vec::new();
    for f in found.iter() {
        let t = &text[f.span.clone()];
        if f.kind == MentionKind::Person && t.contains(' ') {
            let last = t.rsplit(' ').next().unwrap_or(t).to_lowercase();
            by_surname
                .entry(last)
                .or_insert_with(|| (t.to_string(), f.role.clone()));
        }
    }
    let mut keep = vec![true; found.len()];
    for (idx, f) in found.iter_mut().enumerate() {
        let t = text[f.span.clone()].to_string();
        // A lone word that is the surname of someone named in full is that person, whatever
        // else it looked like ("Miller" is also a village somewhere).
        if !t.contains(' ')
            && matches!(f.kind, MentionKind::Place | MentionKind::Organisation)
            && by_surname.contains_key(&t.to_lowercase())
        {
            f.kind = MentionKind::Person;
        }
        match f.kind {
            MentionKind::Person if !t.contains(' ') => {
                if let Some((full, _)) = by_surname.get(&t.to_lowercase()) {
                    f.canonical = Some(full.clone());
                    f.weak = false;
                } else if f.common || f.weak && f.role.is_none() {
                    // A lone unknown word that is nobody's surname: too little to go on.
                    keep[idx] = false;
                }
            }
            MentionKind::Person => {
                // "Putin" met first, "Vladimir Putin" later: nothing to do; a longer name
                // whose surname is a longer person's is itself canonical.
            }
            MentionKind::ArmedGroup | MentionKind::Organisation => {
                let key = name_key(&t, lex);
                if key.is_empty() {
                    continue;
                }
                let found_group = groups.iter().find(|(k, g, _)| {
                    *k == f.kind
                        && (g == &key
                            || (key.len() >= 2 || lex.is(&key[0], bits::ORG | bits::ARMED))
                                && key.iter().all(|w| g.contains(w)))
                });
                if let Some((_, _, canon)) = found_group {
                    if canon != &t {
                        f.canonical = Some(canon.clone());
                    }
                } else if f.weak && !t.contains(' ') {
                    keep[idx] = false; // "the Ministry" with no ministry named before
                } else {
                    groups.push((f.kind, key, t));
                }
            }
            _ => {}
        }
    }
    let mut i = 0;
    found.retain(|_| {
        i += 1;
        keep[i - 1]
    });
    // "the governor", "the spokesman": the person given that role earlier.
    let roles: Vec<(usize, String, String)> = found
        .iter()
        .filter(|f| f.kind == MentionKind::Person && f.role.as_ref().is_some_and(|r| !r.is_empty()))
        .map(|f| {
            let name = f
                .canonical
                .clone()
                .unwrap_or_else(|| text[f.span.clone()].to_string());
            (
                f.span.end,
                f.role.clone().unwrap_or_default().to_lowercase(),
                name,
            )
        })
        .collect();
    if roles.is_empty() {
        return;
    }
    // One pass over the tokens: "the" followed by a role noun, not "the governor of …".
    let mut extra = Vec::new();
    for w in tokens.windows(3) {
        if !w[0].text(text).eq_ignore_ascii_case("the") {
            continue;
        }
        let noun = w[1].text(text);
        if !lex.is_exact(noun, bits::ROLE_REF) {
            continue;
        }
        if w[2].text(text) == "of" {
            continue;
        }
        let (pos, end) = (w[0].start, w[1].end);
        // The latest person before it with that role.
        if let Some((_, _, name)) = roles
            .iter()
            .rfind(|(e, r, _)| *e <= pos && r.split(' ').any(|w| w == noun))
        {
            extra.push(Found {
                role: Some(noun.to_string()),
                canonical: Some(name.clone()),
                ..Found::new(pos..end, MentionKind::Person)
            });
        }
    }
    if !extra.is_empty() {
        found.extend(extra);
        found.sort_by_key(|f| f.span.start);
        let mut kept: Vec<Found> = Vec::with_capacity(found.len());
        for f in found.drain(..) {
            if kept.last().is_some_and(|k| f.span.start < k.span.end) {
                continue;
            }
            kept.push(f);
        }
        *found = kept;
    }
}

/// A surname alone, anywhere after the full name ("Major told parliament", "…, Mills said"),
/// even where it was not taken for a name (sentence-initial, or a common word): the person.
pub(super) fn surnames(text: &str, tokens: &[Token], found: &mut Vec<Found>, lex: &Lexicon) {
    let mut first_seen: HashMap<&str, (usize, String)> = HashMap::new();
    for f in found.iter() {
        let t = &text[f.span.clone()];
        if f.kind == MentionKind::Person && t.contains(' ') && f.canonical.is_none() {
            if let Some(last) = t.rsplit(' ').next() {
                if last.chars().count() > 2 && last.starts_with(char::is_uppercase) {
                    first_seen
                        .entry(last)
                        .or_insert((f.span.end, t.to_string()));
                }
            }
        }
    }
    if first_seen.is_empty() {
        return;
    }
    let mut extra = Vec::new();
    let mut k = 0;
    for t in tokens {
        let w = t.text(text);
        let Some((after, full)) = first_seen.get(w) else {
            continue;
        };
        if t.start < *after || lex.is(w, bits::FUNCTION) {
            continue;
        }
        // Not inside an existing mention.
        while k < found.len() && found[k].span.end <= t.start {
            k += 1;
        }
        if k < found.len() && found[k].span.start <= t.start {
            continue;
        }
        extra.push(Found {
            canonical: Some(full.clone()),
            ..Found::new(t.start..t.end, MentionKind::Person)
        });
    }
    if !extra.is_empty() {
        found.extend(extra);
        found.sort_by_key(|f| f.span.start);
    }
}

/// The words of a group or organisation name that identify it, folded and sorted, with
/// demonyms and their country names made one ("Free Georgian Legion" = "Free Georgia
/// Legion").
fn name_key(name: &str, lex: &Lexicon) -> Vec<String> {
    let mut key: Vec<String> = name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !lex.is(w, bits::CONNECTOR))
        .map(|w| {
            let w = w.to_lowercase();
            let w = w.strip_suffix("ian").map(|s| format!("{s}ia")).unwrap_or(w);
            match w.as_str() {
                "defence" => "defense".to_string(),
                _ => w,
            }
        })
        .collect();
    key.sort();
    key.dedup();
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_fold_demonyms() {
        let lex = Lexicon::get();
        assert_eq!(
            name_key("Free Georgian Legion", lex),
            name_key("Free Georgia Legion", lex)
        );
        assert_eq!(
            name_key("Ministry of Defence", lex),
            name_key("Defense Ministry", lex)
        );
    }
}

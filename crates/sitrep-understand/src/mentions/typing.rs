//! Typing: what the knowledge base says a name is, the roles around a name (titles, role
//! nouns, appositions), and the shape of names (head words, acronyms, model names).

use super::{Found, MentionFinder, Sent};
use crate::lexicon::{bits, Lexicon};
use sitrep_core::MentionKind;
use sitrep_kb::{ActorKind, Entry, MatchKind, Place, PlaceKind};
use sitrep_lexicon::WordClass;

impl MentionFinder {
    /// Whether `name` is another name (an alias) of a first-level division or a country:
    /// "Ill" of Illinois, "Mass" of Massachusetts.
    pub(super) fn region_alias(&self, name: &str) -> bool {
        crate::cache::lookup(&self.kb, name).iter().any(|c| {
            c.how == MatchKind::Alias
                && matches!(self.kb.entry(c.id), Entry::Place(p)
                    if matches!(p.kind, PlaceKind::Admin1 | PlaceKind::Country))
        })
    }

    /// The kind the knowledge base gives a name, when it knows it well enough: one word
    /// must match exactly or by alias; longer names may match a transliteration variant.
    /// Generic agents ("police", "minister") are not names.
    pub(super) fn kb_kind(&self, name: &str) -> Option<MentionKind> {
        let multi = name.contains(' ');
        let common = !multi && self.kb.is_common_word(&name.to_lowercase());
        let given = !multi && self.kb.is_given_name(name);
        let mut place: Option<(&Place, MatchKind)> = None;
        let mut actor: Option<(&sitrep_kb::Actor, MatchKind)> = None;
        for c in crate::cache::lookup(&self.kb, name) {
            let ok = match c.how {
                MatchKind::Exact | MatchKind::Alias => true,
                // "Mary Roe" is a woman, not a spelling of a town that sounds like it: a
                // name that opens with a given name matches places as written only.
                MatchKind::Variant => {
                    multi
                        && c.confidence >= 0.75
                        && !(matches!(self.kb.entry(c.id), Entry::Place(_))
                            && name
                                .split(' ')
                                .next()
                                .is_some_and(|w| self.kb.is_given_name(w)))
                }
                MatchKind::Typo => false,
            };
            if !ok {
                continue;
            }
            // Transliteration variants are for people and sizeable places.
            if c.how == MatchKind::Variant
                && !matches!(self.kb.entry(c.id), Entry::Actor(a) if a.kind == ActorKind::Person)
                && !matches!(self.kb.entry(c.id), Entry::Place(p) if p.population >= 50_000)
            {
                continue;
            }
            match self.kb.entry(c.id) {
                Entry::Actor(a) if a.id.starts_with("agent:") => {}
                // A short word matches an acronym only as written: "Fla." is not "FLA".
                Entry::Actor(a) if !multi && !acronym_form_matches(name, a) => {}
                Entry::Actor(a) => {
                    actor.get_or_insert((a, c.how));
                }
                // A given name alone ("Michael") or an acronym ("NAU") is not a small place
                // of that name.
                Entry::Place(p)
                    if p.kind != PlaceKind::Country
                        && (is_acronym(name) && p.population < 100_000
                            || given && p.population < 5_000) => {}
                // A common word ("Western", "Mobile") is a place only when it is a country.
                Entry::Place(p) if common && p.kind != PlaceKind::Country => {}
                Entry::Place(p) => {
                    place.get_or_insert((p, c.how));
                }
            }
        }
        let actor_kind = |a: &sitrep_kb::Actor| match a.kind {
            ActorKind::Person => MentionKind::Person,
            ActorKind::ArmedGroup | ActorKind::StateForce => MentionKind::ArmedGroup,
            ActorKind::Organisation | ActorKind::Media | ActorKind::Other => {
                MentionKind::Organisation
            }
        };
        match (place, actor) {
            // A known actor beats a village of the same name, and any place below a country
            // known only by another name ("Hamas" is not an old name of a German city); a
            // country or city beats an actor's alias.
            (Some((p, how)), Some((a, actor_how)))
                if p.kind == PlaceKind::Populated && p.population < 50_000
                    || actor_how == MatchKind::Exact
                        && how != MatchKind::Exact
                        && p.kind != PlaceKind::Country =>
            {
                Some(actor_kind(a))
            }
            (Some(_), _) => Some(MentionKind::Place),
            (None, Some((a, _))) => Some(actor_kind(a)),
            (None, None) => None,
        }
    }

    /// "Belgorod region": a lowercase place head right after a place joins its mention.
    pub(super) fn extend_place(&self, s: &Sent, j: usize, f: &mut Found) {
        if let Some(w) = s.next_word(j) {
            if w.starts_with(char::is_lowercase) && self.lex.is(w, bits::PLACE_HEAD) {
                f.span.end = s.toks[j].end;
            }
        }
    }

    /// A lowercase role right before a name: "spokesman", "regional governor",
    /// "military intelligence spokesman".
    pub(super) fn role_before(&self, s: &Sent, i: usize) -> Option<String> {
        if i == 0 {
            return None;
        }
        let w = s.word(i - 1);
        if !w.starts_with(char::is_lowercase) || !self.lex.is(w, bits::ROLE | bits::TITLE_HEAD) {
            return None;
        }
        let mut r = i - 1;
        while r > 0 {
            let p = s.word(r - 1);
            if p.starts_with(char::is_lowercase)
                && self.lex.is(p, bits::TITLE_MOD | bits::ROLE)
                && !self.lex.is(p, bits::CONNECTOR)
            {
                r -= 1;
            } else {
                break;
            }
        }
        Some(s.span_text(r, i).to_string())
    }

    /// An apposition after a name giving a role: "X, the governor of …," / "X, a … expert".
    pub(super) fn apposition_after(&self, s: &Sent, j: usize) -> Option<String> {
        if s.word_opt(j) != Some(",") {
            return None;
        }
        let mut k = j + 1;
        if s.word_opt(k)
            .is_some_and(|w| self.lex.is_exact(w, bits::APPOSITION_DET))
        {
            k += 1;
        }
        let start = k;
        while k < s.toks.len() && k < start + 8 {
            let w = s.word(k);
            if w == "," || w == "." {
                break;
            }
            if w.starts_with(char::is_lowercase) && self.lex.is(w, bits::ROLE) {
                // Up to the end of the apposition, bounded.
                let mut e = k + 1;
                while e < s.toks.len() && e < k + 6 && !matches!(s.word(e), "," | "." | "said") {
                    e += 1;
                }
                return Some(s.span_text(start, e).to_string());
            }
            k += 1;
        }
        None
    }

    /// An apposition before a name giving a role: "The governor of the region, X, said".
    pub(super) fn apposition_before(&self, s: &Sent, i: usize) -> Option<String> {
        if i < 3 || s.word(i - 1) != "," {
            return None;
        }
        let end = i - 1;
        let mut start = end;
        while start > 0 && end - start < 12 && s.word(start - 1) != "," {
            start -= 1;
        }
        if start > 0 && s.word(start - 1) != "," {
            return None;
        }
        let det = s.word(start).to_lowercase();
        let begin =
            if sitrep_lexicon::function_word(&det).is_some_and(|f| f.class == WordClass::Article) {
                start + 1
            } else {
                start
            };
        if begin >= end {
            return None;
        }
        let role_at = (begin..end).find(|&k| {
            let w = s.word(k);
            w.chars()
                .next()
                .is_some_and(|c| c.is_lowercase() || k == begin)
                && self.lex.is(w, bits::ROLE)
        })?;
        // The apposition opens with its role ("the governor of …", "a drone expert").
        if role_at > begin + 3 {
            return None;
        }
        Some(s.span_text(begin, end).to_string())
    }

    /// Whether the gazetteer holds a place by exactly this name or an alias of it, of any size.
    pub(super) fn place_named(&self, name: &str) -> bool {
        crate::cache::lookup(&self.kb, name).iter().any(|c| {
            matches!(c.how, MatchKind::Exact | MatchKind::Alias)
                && matches!(self.kb.entry(c.id), Entry::Place(_))
        })
    }

    /// Whether the gazetteer holds a country or a division by exactly this name.
    pub(super) fn region_named(&self, name: &str) -> bool {
        crate::cache::lookup(&self.kb, name).iter().any(|c| {
            c.how == MatchKind::Exact
                && matches!(self.kb.entry(c.id), Entry::Place(p) if p.kind != PlaceKind::Populated)
        })
    }

    /// Like [`Self::kb_kind`], for names whose case cannot be trusted: exact matches of
    /// countries, regions, sizeable towns and actors only.
    /// Whether `name` is the main name of a town of 10,000 people or more, or of a country
    /// or division.
    pub(super) fn town_or_region(&self, name: &str) -> bool {
        let exact = |name: &str, admin2: bool| {
            crate::cache::lookup(&self.kb, name).iter().any(|c| {
                c.how == MatchKind::Exact
                    && matches!(self.kb.entry(c.id), Entry::Place(p)
                        if if admin2 { p.kind == PlaceKind::Admin2 }
                           else { p.kind != PlaceKind::Populated || p.population >= 10_000 })
            })
        };
        // A county of two or more words without its head word ("East Baton Rouge").
        exact(name, false)
            || name.contains([' ', '-'])
                && crate::lexicon::admin2_heads()
                    .iter()
                    .any(|h| exact(&format!("{name} {h}"), true))
    }

    /// Whether every place `name` names it names by another name (an alias) of a town or
    /// county: "Landon", an old name of a town called otherwise.
    pub(super) fn only_town_alias(&self, name: &str) -> bool {
        let mut any = false;
        for c in crate::cache::lookup(&self.kb, name) {
            if let Entry::Place(p) = self.kb.entry(c.id) {
                // A postal locality is too slight to make the name a town's.
                if !matches!(c.how, MatchKind::Exact | MatchKind::Alias) || p.postal() {
                    continue;
                }
                if c.how == MatchKind::Exact
                    || !matches!(p.kind, PlaceKind::Populated | PlaceKind::Admin2)
                {
                    return false;
                }
                any = true;
            }
        }
        any
    }

    /// Whether `name` is the exact name of a place of any size ("New Hope", "The Hague"):
    /// a capitalised function word inside a sentence keeps it.
    pub(super) fn exact_place(&self, name: &str) -> bool {
        crate::cache::lookup(&self.kb, name)
            .iter()
            .any(|c| c.how == MatchKind::Exact && matches!(self.kb.entry(c.id), Entry::Place(_)))
    }

    pub(super) fn kb_kind_strict(&self, name: &str) -> Option<MentionKind> {
        let cands = crate::cache::lookup(&self.kb, name);
        let best = cands
            .iter()
            .find(|c| matches!(c.how, MatchKind::Exact | MatchKind::Alias))?;
        match self.kb.entry(best.id) {
            Entry::Place(p) if p.kind != PlaceKind::Populated || p.population >= 50_000 => {
                Some(MentionKind::Place)
            }
            Entry::Place(_) => None,
            Entry::Actor(_) => self.kb_kind(name),
        }
        .or_else(|| self.kb.demonym(name).map(|_| MentionKind::Nationality))
    }
}

/// "the region of X", "the province of X", "the territory of X", "X Governor": the words
/// around the place starting at token `i` call it a region.
pub(super) fn region_of(s: &Sent<'_>, i: usize) -> bool {
    let before =
        i >= 2 && s.word(i - 1) == "of" && Lexicon::get().is(s.word(i - 2), bits::REGION_WORD);
    // A regional governor: the word right after the name (a one-word place).
    let after = s
        .word_opt(i + 1)
        .is_some_and(|w| w.eq_ignore_ascii_case("governor") || w == "regional");
    before || after
}

/// Whether a one-word `name` matches `actor` in the case the knowledge base writes it: an
/// acronym ("FLA", "LeT") only when the text is in capitals too.
pub(crate) fn acronym_form_matches(name: &str, actor: &sitrep_kb::Actor) -> bool {
    let upper = name
        .chars()
        .filter(|c| c.is_alphabetic())
        .all(char::is_uppercase);
    if upper || name.chars().count() > 5 {
        return true;
    }
    let folded = name.to_lowercase();
    std::iter::once(&actor.name)
        .chain(&actor.aliases)
        .filter(|n| n.to_lowercase().replace('.', "") == folded.replace('.', ""))
        .any(|n| {
            !n.chars()
                .filter(|c| c.is_alphabetic())
                .skip(1)
                .any(char::is_uppercase)
        })
}

/// The head word of a name: the word before its first "of"/"for" ("*Ministry* of Defense",
/// "*Institute* for the Study of War"), else its last word.
pub(super) fn head_of(s: &Sent, i: usize, j: usize) -> usize {
    let lex = Lexicon::get();
    if lex.is(
        s.word(j - 1),
        bits::ORG | bits::ARMED | bits::PLACE_HEAD | bits::FACILITY,
    ) {
        return j - 1;
    }
    (i + 1..j)
        .find(|&t| lex.is_exact(s.word(t), bits::HEAD_PREP))
        .map_or(j - 1, |t| t - 1)
}

pub(super) fn is_acronym(w: &str) -> bool {
    let letters = w.chars().filter(|c| c.is_alphabetic()).count();
    (2..=6).contains(&letters) && w.chars().all(|c| c.is_uppercase() || c == '.' || c == '&')
}

/// Weapon model designators: letters, a hyphen and digits ("Mi-24", "T-90", "Su-25",
/// "S-400", "F-16", "Shahed-136", "AK-47").
pub(super) fn is_model_name(w: &str) -> bool {
    let Some((a, b)) = w.split_once('-') else {
        return false;
    };
    let b = b.trim_end_matches('s');
    // One-letter series are weapons only for the usual ones (F-16, T-90, S-400, M-777,
    // B-52, A-10, C-130), not interstates (I-84) or police dogs (K-9).
    (a.len() > 1 || Lexicon::get().is(a, bits::MODEL_SERIES))
        && !a.is_empty()
        && a.len() <= 7
        && a.starts_with(char::is_uppercase)
        && a.chars().all(|c| c.is_ascii_alphabetic())
        && (1..=4).contains(&b.len())
        && b.starts_with(|c: char| c.is_ascii_digit())
        && b.chars().all(|c| c.is_ascii_alphanumeric())
}

pub(super) fn title_case(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut start = true;
    for c in s.chars() {
        if start {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
        start = !c.is_alphanumeric() && c != '\'' && c != '’';
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn model_names() {
        assert!(is_model_name("Mi-24"));
        assert!(is_model_name("T-90s"));
        assert!(is_model_name("Shahed-136"));
        assert!(!is_model_name("Novo-Petrivka"));
        assert!(!is_model_name("Mi-"));
        assert!(!is_model_name("2022-05"));
    }
}

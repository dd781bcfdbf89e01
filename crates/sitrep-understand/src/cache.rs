//! Knowledge-base lookups, remembered for the article being annotated: an article names the
//! same few places and people again and again, and the finder and the linker both ask.

use rustc_hash::FxHashMap as HashMap;
use std::cell::RefCell;

use sitrep_kb::{Candidate, Kb};

thread_local! {
    static CACHE: RefCell<HashMap<String, Vec<Candidate>>> = RefCell::new(HashMap::default());
    static FUZZY: RefCell<HashMap<String, Vec<Candidate>>> = RefCell::new(HashMap::default());
}

/// Forget what the previous article looked up (call at the start of each article).
pub(crate) fn clear() {
    CACHE.with(|c| c.borrow_mut().clear());
    FUZZY.with(|c| c.borrow_mut().clear());
}

/// [`Kb::fuzzy_actors`]: typos of people's and groups' names, remembered per article.
pub(crate) fn fuzzy_actors(kb: &Kb, name: &str) -> Vec<Candidate> {
    if let Some(hit) = FUZZY.with(|c| c.borrow().get(name).cloned()) {
        return hit;
    }
    let found = kb.fuzzy_actors(name);
    FUZZY.with(|c| c.borrow_mut().insert(name.to_string(), found.clone()));
    found
}

/// [`Kb::lookup_exact`], falling back, when nothing matches exactly, to [`Kb::lookup`]
/// (transliteration variants) for a name of several words and to [`Kb::lookup_spelling`] (the
/// same name romanised another way) for one word (its looser variants are too loose to use);
/// remembered per article.
pub(crate) fn lookup(kb: &Kb, name: &str) -> Vec<Candidate> {
    if let Some(hit) = CACHE.with(|c| c.borrow().get(name).cloned()) {
        return hit;
    }
    let mut found = kb.lookup_exact(name);
    if found.is_empty() && name.trim().contains(' ') {
        found = kb.lookup(name);
    } else if found.is_empty() {
        // One word: another romanisation of a sizeable place ("Hodeidah" for "Hodeida").
        found = kb.lookup_spelling(name);
    }
    CACHE.with(|c| c.borrow_mut().insert(name.to_string(), found.clone()));
    found
}

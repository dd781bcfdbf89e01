//! Mentions: people, organisations, armed groups, places, facilities, nationalities and weapons.
//!
//! How a mention is found, in order:
//! 1. **Names** are runs of capitalised words (with inner connectors: "Institute *for the*
//!    Study *of* War"). A sentence-initial common word ("Twelve", "Geolocated") is not a name.
//!    In a sentence written in capitals (a wire headline) capitalisation says nothing, so only
//!    knowledge-base names are taken there.
//! 2. A **title** inside a name ("Belgorod Governor Vyacheslav …", "Air Force Brig. Gen. …")
//!    splits it: what follows the title is a person with that role; what precedes is a name of
//!    its own. A lowercase role noun right before a name ("spokesman Dmitry …") or in an
//!    apposition ("…, the governor of …,") also makes it a person.
//! 3. Each name is **typed** by its head word (Ministry → organisation, Legion/Corps/Army →
//!    armed group, region/oblast → place, Bridge/Airport → facility), by the knowledge base
//!    (actors and places), by a given-name list, by demonyms, and by context (`in`, `near`,
//!    `the village of` → place; `X said` → person).
//! 4. **Lowercase** facilities ("oil depot", "border post") and weapons ("Mi-24 helicopters",
//!    "drones", "armored personnel carrier") come from head-noun lists with modifiers.
//! 5. **Coreference** (in the article): a surname alone refers to the full name met earlier,
//!    "the governor" to the person given that role, and a shorter or reordered form of a group
//!    or organisation name to the full one; each mention's `canonical` is the full form.
//!
//! Offsets are byte offsets here; the stage converts them to characters at the end.

use std::collections::HashMap;
use std::ops::Range;

use sitrep_core::MentionKind;
use sitrep_kb::{ActorKind, Entry, Kb, MatchKind, Place, PlaceKind};
use std::sync::Arc;

use crate::lexicon::{bits, Lexicon};
use crate::tokens::{TokKind, Token};

/// A mention before linking, with what the finder learned about it.
#[derive(Debug, Clone)]
pub struct Found {
    /// Byte range in the text.
    pub span: Range<usize>,
    /// What it names.
    pub kind: MentionKind,
    /// Role given in the text, for people.
    pub role: Option<String>,
    /// Canonical form within the article (coreference), when other than the text.
    pub canonical: Option<String>,
    /// Whether the name was typed on weak evidence only (a guess from its shape).
    pub weak: bool,
    /// Whether it is a lone capitalised dictionary word ("Miller", "Major"): a name only if
    /// coreference says so.
    pub common: bool,
    /// Whether "near" precedes a place.
    pub near: bool,
    /// Whether the text calls the place a first-level region ("the region of X", "the
    /// province of X"), so it links to the region even where a town has its name.
    pub region: bool,
    /// Whether the text says what kind of settlement a place is ("the village of X"), so a
    /// place the gazetteer lacks may fall back to the region around it.
    pub settlement: bool,
}

impl Found {
    /// A mention of `kind` over `span`, with nothing else known yet.
    pub fn new(span: Range<usize>, kind: MentionKind) -> Self {
        Found {
            span,
            kind,
            role: None,
            canonical: None,
            weak: false,
            common: false,
            near: false,
            region: false,
            settlement: false,
        }
    }
}

const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Sept",
    "Oct",
    "Nov",
    "Dec",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// Verbs after which a one- or two-word name is a speaker, so a person or a body.
const SPEECH_VERBS: &[&str] = &[
    "said",
    "says",
    "told",
    "added",
    "stated",
    "claimed",
    "denied",
    "confirmed",
    "wrote",
    "insisted",
    "warned",
    "argued",
    "noted",
    "explained",
    "asked",
    "replied",
    "acknowledged",
];

/// Finds mentions in one article.
pub struct MentionFinder {
    kb: Arc<Kb>,
    lex: &'static Lexicon,
}

impl std::fmt::Debug for MentionFinder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MentionFinder").finish_non_exhaustive()
    }
}

impl MentionFinder {
    /// A finder using `kb`.
    pub fn new(kb: Arc<Kb>) -> Self {
        MentionFinder {
            kb,
            lex: Lexicon::get(),
        }
    }

    /// The knowledge base in use.
    pub fn kb(&self) -> &Kb {
        &self.kb
    }

    /// Find the mentions of `text`, sorted by start.
    pub fn find(&self, text: &str, tokens: &[Token], sentences: &[Range<usize>]) -> Vec<Found> {
        let mut out = Vec::new();
        let mut ti = 0;
        for s in sentences {
            let a = ti;
            while ti < tokens.len() && tokens[ti].start < s.end {
                ti += 1;
            }
            let sent = &tokens[a..ti];
            if sent.is_empty() {
                continue;
            }
            let ctx = Sent { text, toks: sent };
            if ctx.is_caps() {
                self.caps_sentence(&ctx, &mut out);
            } else if ctx.is_title_case(self.lex, &self.kb) {
                // A title-case headline: capitals say nothing, so only names typed by
                // evidence (knowledge base, head words, titles) are kept.
                let from = out.len();
                self.names(&ctx, &mut out);
                let mut k = from;
                while k < out.len() {
                    if out[k].weak {
                        out.remove(k);
                    } else {
                        k += 1;
                    }
                }
            } else {
                self.names(&ctx, &mut out);
            }
            self.lowercase_things(&ctx, &mut out);
        }
        out.sort_by_key(|f| (f.span.start, std::cmp::Reverse(f.span.end)));
        // Overlaps: the earlier, longer one wins.
        let mut kept: Vec<Found> = Vec::with_capacity(out.len());
        for f in out {
            if kept.last().is_some_and(|k| f.span.start < k.span.end) {
                continue;
            }
            kept.push(f);
        }
        coreference(text, tokens, &mut kept, self.lex);
        surnames(text, tokens, &mut kept, self.lex);
        kept
    }

    /// Capitalised-name runs in a normally written sentence.
    fn names(&self, s: &Sent, out: &mut Vec<Found>) {
        let n = s.toks.len();
        let mut i = 0;
        while i < n {
            if !s.is_name(i) {
                i += 1;
                continue;
            }
            let mut j = i + 1;
            loop {
                if j < n && s.is_name(j) && s.adjacent(j - 1, j) {
                    j += 1;
                } else if j + 1 < n && self.joins(s, j) && s.is_name(j + 1) {
                    // "of the" may join too: "Institute for the Study".
                    j += 2;
                } else if j + 2 < n
                    && self.joins(s, j)
                    && s.word(j + 1) == "the"
                    && s.is_name(j + 2)
                {
                    j += 3;
                } else {
                    break;
                }
            }
            self.chunk(s, i, j, out);
            i = j;
        }
    }

    /// Whether the lowercase word at `j` joins the name before it to the name after it:
    /// "of" and particles always; "for", "on", "in" only after an organisation's head word
    /// ("Institute *for* …", "Committee *on* …"). The head is the word before the first
    /// "of"/"for", unless the last word is itself a head ("Sons of Liberty *Brigade*").
    fn joins(&self, s: &Sent, j: usize) -> bool {
        let w = s.word(j);
        if !w.starts_with(char::is_lowercase) || !self.lex.is(w, bits::CONNECTOR) || w == "and" {
            return false;
        }
        let left = s.word(j - 1);
        match w {
            "for" | "on" | "in" | "the" => self.lex.is(left, bits::ORG),
            // "Bank of England", "Gulf of Aden", "Freedom of …"; not "Tom Smith of the …".
            "of" => {
                self.lex.is(
                    left,
                    bits::ORG | bits::ARMED | bits::PLACE_HEAD | bits::FACILITY | bits::TITLE_HEAD,
                ) || (j < 2 || !s.is_name(j - 2)) && !self.kb.is_given_name(left)
            }
            _ => true,
        }
    }

    /// Type the name tokens `i..j` (and split off titles and sentence-initial words).
    fn chunk(&self, s: &Sent, mut i: usize, mut j: usize, out: &mut Vec<Found>) {
        let known = |i: usize, j: usize| self.is_known(s.span_text(i, j));
        // Leading lowercase connectors and function words ("In Ukraine", "the United
        // States"), and a sentence-initial common word ("Twelve people", "Geolocated
        // footage"), are not part of a name.
        while i < j {
            let w = s.word(i);
            let f = self.lex.flags(w);
            let drop = w.starts_with(char::is_lowercase)
                || w.to_ascii_lowercase().ends_with("-old")
                || (f & bits::FUNCTION != 0 && !known(i, j))
                || (s.sentence_initial(i)
                    && self.kb.demonym(w).is_none()
                    && self.kb.is_common_word(&w.to_lowercase())
                    && !known(i, j));
            if !drop {
                break;
            }
            i += 1;
        }
        // Trailing connectors, and weapon nouns ("American Humvees"), are not either.
        while j > i
            && (s.word(j - 1).starts_with(char::is_lowercase)
                || self.lex.is(s.word(j - 1), bits::WEAPON) && j - i > 1)
        {
            j -= 1;
        }
        if i >= j {
            return;
        }
        // A demonym before common words is a nationality ("Russian Militants").
        if self.kb.demonym(s.word(i)).is_some() && !known(i, j) {
            let head = self.lex.flags(s.word(head_of(s, i, j)));
            let rest_common = (i + 1..j).all(|t| {
                let w = s.word(t);
                self.kb.is_common_word(&w.to_lowercase())
                    && !self.lex.is(w, bits::TITLE_HEAD | bits::TITLE_MOD)
            });
            let headed = head & (bits::ARMED | bits::ORG | bits::PLACE_HEAD | bits::FACILITY) != 0;
            if j == i + 1 || rest_common && !headed {
                out.push(s.found(i, i + 1, MentionKind::Nationality));
                return;
            }
            // "the Ukrainian Danube port": the demonym, then whatever the rest is on its own
            // (a name with a title, "Russian President X", is handled below).
            let titled =
                (i + 1..j).any(|t| self.lex.is(s.word(t), bits::TITLE_HEAD | bits::TITLE_MOD));
            if !headed && !titled && !self.kb.is_given_name(s.word(i + 1)) {
                out.push(s.found(i, i + 1, MentionKind::Nationality));
                self.chunk_typed(s, i + 1, j, out, None);
                return;
            }
        }
        // Titles: the last title head with a name after it splits the run.
        if let Some(k) = (i..j.saturating_sub(1))
            .rev()
            .find(|&k| self.lex.flags_hyphenated(s.word(k)) & bits::TITLE_HEAD != 0)
        {
            let rest_ok = (k + 1..j).all(|t| {
                let f = self.lex.flags(s.word(t));
                f & (bits::ORG | bits::ARMED | bits::PLACE_HEAD | bits::TITLE_HEAD) == 0
                    && s.is_name(t)
            });
            if rest_ok {
                let mut r = k;
                while r > i
                    && self
                        .lex
                        .is(s.word(r - 1), bits::TITLE_MOD | bits::TITLE_HEAD)
                {
                    r -= 1;
                }
                let role = s.span_text(r, k + 1).to_string();
                if r > i {
                    self.chunk_typed(s, i, r, out, None);
                }
                self.chunk_typed(s, k + 1, j, out, Some(role));
                return;
            }
        }
        if (i..j).all(|t| self.lex.is(s.word(t), bits::TITLE_HEAD | bits::TITLE_MOD)) {
            return; // "Prime Minister" alone names nobody.
        }
        self.chunk_typed(s, i, j, out, None);
    }

    fn is_known(&self, name: &str) -> bool {
        self.kb_kind(name).is_some()
    }

    /// Type a title-free name run `i..j`; `title` is a title that preceded it.
    fn chunk_typed(
        &self,
        s: &Sent,
        i: usize,
        j: usize,
        out: &mut Vec<Found>,
        title: Option<String>,
    ) {
        let n = j - i;
        let name = s.span_text(i, j);
        let first = s.word(i);
        let hf = self.lex.flags(s.word(head_of(s, i, j)));
        let ff = self.lex.flags(first);
        let found = |kind: MentionKind, weak: bool| {
            let mut f = s.found(i, j, kind);
            f.weak = weak;
            f
        };
        if n == 1 && ff & bits::FUNCTION != 0 {
            return;
        }
        // Awards, laws, wars and job titles are not what this stage names.
        if hf & bits::MISC != 0 || (n >= 2 && hf & bits::ROLE != 0 && hf & bits::ORG == 0) {
            return;
        }
        // A role before the name: a title, or a lowercase role noun ("spokesman Dmitry …").
        let role = title
            .or_else(|| self.role_before(s, i))
            .or_else(|| self.apposition_after(s, j))
            .or_else(|| self.apposition_before(s, i));
        if let Some(role) = role.filter(|_| n <= 4 && hf & (bits::ORG | bits::ARMED) == 0) {
            if self.kb.demonym(name).is_none() && !self.kb.is_common_word(&name.to_lowercase()) {
                let mut f = found(MentionKind::Person, false);
                f.role = Some(role);
                out.push(f);
                return;
            }
        }
        // A name right before a lowercase role and a person is that person's organisation
        // ("Wagner chief Yevgeny …").
        if s.next_word(j).is_some_and(|w| {
            w.starts_with(char::is_lowercase) && self.lex.is(w, bits::ROLE | bits::TITLE_HEAD)
        }) && s
            .word_opt(j + 1)
            .is_some_and(|w| w.starts_with(char::is_uppercase))
            && self.kb.demonym(name).is_none()
            && self.kb_kind(name) != Some(MentionKind::Place)
        {
            let kind = if self.kb_kind(name) == Some(MentionKind::ArmedGroup) {
                MentionKind::ArmedGroup
            } else {
                MentionKind::Organisation
            };
            out.push(found(kind, false));
            return;
        }
        // Head words.
        let military = (i..j).any(|t| self.lex.is(s.word(t), bits::MILITARY))
            || (i..j).any(|t| self.kb.demonym(s.word(t)).is_some());
        if hf & bits::ARMED != 0 && (hf & bits::WEAK_ARMED == 0 || military) && n >= 2 {
            out.push(found(MentionKind::ArmedGroup, false));
            return;
        }
        if n == 1 && self.kb.demonym(first).is_some() {
            // "U.S." is both; as a name on its own it is the country.
            let kind = match self.kb_kind(name) {
                Some(MentionKind::Place)
                    if !s.next_word(j).is_some_and(|w| {
                        w.starts_with(char::is_lowercase) && !self.lex.is(w, bits::FUNCTION)
                    }) =>
                {
                    MentionKind::Place
                }
                _ => MentionKind::Nationality,
            };
            out.push(found(kind, false));
            return;
        }
        // A lowercase organisation word around the name: "oil company Gazlenko", "the
        // Suspilne broadcaster".
        let org_word = |w: Option<&str>| {
            w.is_some_and(|w| {
                w.starts_with(char::is_lowercase)
                    && self.lex.is(w, bits::ORG)
                    && !self.lex.is(
                        w,
                        bits::FUNCTION | bits::FACILITY | bits::PLACE_HEAD | bits::WEAPON,
                    )
            })
        };
        if n <= 3
            && self.kb_kind(name).is_none()
            && (org_word(s.prev_word(i)) || org_word(s.next_word(j)))
            && !self.kb.is_given_name(first)
        {
            out.push(found(MentionKind::Organisation, false));
            return;
        }
        // The knowledge base.
        if let Some(kind) = self.kb_kind(name) {
            let mut f = found(kind, false);
            if kind == MentionKind::Place {
                self.extend_place(s, j, &mut f);
                f.near = s
                    .prev_word(i)
                    .is_some_and(|w| w.eq_ignore_ascii_case("near"));
                f.region = region_of(s, i);
            }
            out.push(f);
            return;
        }
        if (ff | hf) & bits::ORG != 0 && n >= 2 || hf & bits::ORG != 0 && is_acronym(first) {
            out.push(found(MentionKind::Organisation, false));
            return;
        }
        if hf & bits::FACILITY != 0 && n >= 2 {
            out.push(found(MentionKind::Facility, false));
            return;
        }
        if hf & bits::PLACE_HEAD != 0 && n >= 2 {
            out.push(found(MentionKind::Place, false));
            return;
        }
        // Context: a place preposition, "the village of", or a list of places.
        let prev = s.prev_word(i);
        let settlement = prev == Some("of")
            && s.prev_word(i - 1)
                .is_some_and(|w| self.lex.is(w, bits::PLACE_TYPE));
        let list_next = matches!(s.word_opt(j), Some("," | "and" | "or"));
        // A list of places: "X and Y", or "X, Y, Z" (a comma alone may open an apposition).
        let listed = out.last().filter(|m| {
            let comma_list = prev == Some(",")
                && list_next
                && i >= 3
                && s.toks[..i - 2]
                    .iter()
                    .rposition(|t| t.start < m.span.start)
                    .is_some_and(|k| matches!(s.word(k), "," | "and"));
            (matches!(prev, Some("and" | "or")) || comma_list)
                && i >= 2
                && m.kind == MentionKind::Place
                && m.span.end == s.toks[i - 2].end
        });
        let settlement = settlement || listed.is_some_and(|m| m.settlement);
        let place_ctx = prev
            .is_some_and(|w| self.lex.is(w, bits::PLACE_PREP) && w.starts_with(char::is_lowercase))
            || settlement
            || listed.is_some();
        let next_place_head = s
            .next_word(j)
            .is_some_and(|w| w.starts_with(char::is_lowercase) && self.lex.is(w, bits::PLACE_HEAD));
        if next_place_head || (place_ctx && n <= 3 && !self.kb.is_given_name(first)) {
            let mut f = found(MentionKind::Place, !next_place_head);
            self.extend_place(s, j, &mut f);
            f.near = prev.is_some_and(|w| w.eq_ignore_ascii_case("near"));
            f.region = region_of(s, i);
            f.settlement = settlement || next_place_head;
            out.push(f);
            return;
        }
        if (2..=4).contains(&n) && self.kb.is_given_name(first) {
            out.push(found(MentionKind::Person, false));
            return;
        }
        let speaks = s.next_word(j).is_some_and(|w| SPEECH_VERBS.contains(&w));
        if n == 1 && ff & (bits::ORG | bits::ARMED) != 0 {
            // "the Ministry", "the Legion": a short reference, resolved by coreference.
            out.push(found(
                if ff & bits::ORG != 0 {
                    MentionKind::Organisation
                } else {
                    MentionKind::ArmedGroup
                },
                true,
            ));
            return;
        }
        if n == 1 && self.kb.is_common_word(&first.to_lowercase()) {
            // "Miller": a common word, unless coreference finds it is a surname.
            let mut f = found(MentionKind::Person, true);
            f.common = true;
            out.push(f);
            return;
        }
        if n == 1 && is_acronym(first) {
            out.push(found(MentionKind::Organisation, false));
            return;
        }
        if (2..=3).contains(&n)
            && (i..j).all(|t| !self.kb.is_common_word(&s.word(t).to_lowercase()) || speaks)
        {
            out.push(found(MentionKind::Person, true));
            return;
        }
        if n >= 2 {
            out.push(found(MentionKind::Organisation, true));
            return;
        }
        // A lone unknown word: kept weakly; coreference may make it a surname, otherwise it
        // goes (unless it speaks).
        let mut f = found(MentionKind::Person, true);
        f.role = speaks.then(String::new);
        out.push(f);
    }

    /// The kind the knowledge base gives a name, when it knows it well enough: one word
    /// must match exactly or by alias; longer names may match a transliteration variant.
    /// Generic agents ("police", "minister") are not names.
    fn kb_kind(&self, name: &str) -> Option<MentionKind> {
        let multi = name.contains(' ');
        let common = !multi && self.kb.is_common_word(&name.to_lowercase());
        let given = !multi && self.kb.is_given_name(name);
        let mut place: Option<&Place> = None;
        let mut actor: Option<&sitrep_kb::Actor> = None;
        for c in crate::cache::lookup(&self.kb, name) {
            let ok = match c.how {
                MatchKind::Exact | MatchKind::Alias => true,
                MatchKind::Variant => multi && c.confidence >= 0.75,
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
                    actor.get_or_insert(a);
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
                    place.get_or_insert(p);
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
            // A known actor beats a village of the same name; a country or city beats an
            // actor's alias.
            (Some(p), Some(a)) if p.kind == PlaceKind::Populated && p.population < 50_000 => {
                Some(actor_kind(a))
            }
            (Some(_), _) => Some(MentionKind::Place),
            (None, Some(a)) => Some(actor_kind(a)),
            (None, None) => None,
        }
    }

    /// "Belgorod region": a lowercase place head right after a place joins its mention.
    fn extend_place(&self, s: &Sent, j: usize, f: &mut Found) {
        if let Some(w) = s.next_word(j) {
            if w.starts_with(char::is_lowercase) && self.lex.is(w, bits::PLACE_HEAD) {
                f.span.end = s.toks[j].end;
            }
        }
    }

    /// A lowercase role right before a name: "spokesman", "regional governor",
    /// "military intelligence spokesman".
    fn role_before(&self, s: &Sent, i: usize) -> Option<String> {
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
    fn apposition_after(&self, s: &Sent, j: usize) -> Option<String> {
        if s.word_opt(j) != Some(",") {
            return None;
        }
        let mut k = j + 1;
        if s.word_opt(k)
            .is_some_and(|w| matches!(w, "the" | "a" | "an" | "its" | "his" | "her"))
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
    fn apposition_before(&self, s: &Sent, i: usize) -> Option<String> {
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
        let begin = if matches!(det.as_str(), "the" | "a" | "an") {
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

    /// A sentence in capitals: only names the knowledge base knows, longest first.
    fn caps_sentence(&self, s: &Sent, out: &mut Vec<Found>) {
        let n = s.toks.len();
        let mut i = 0;
        while i < n {
            if s.toks[i].kind != TokKind::Word || !s.word(i).starts_with(char::is_uppercase) {
                i += 1;
                continue;
            }
            let mut hit = None;
            for len in (1..=4.min(n - i)).rev() {
                if !(i..i + len).all(|t| s.toks[t].kind == TokKind::Word) {
                    continue;
                }
                let name = title_case(s.span_text(i, i + len));
                if len == 1 && self.kb.is_common_word(&name.to_lowercase()) {
                    continue;
                }
                if let Some(kind) = self.kb_kind_strict(&name) {
                    hit = Some((len, kind));
                    break;
                }
            }
            match hit {
                Some((len, kind)) => {
                    out.push(s.found(i, i + len, kind));
                    i += len;
                }
                None => i += 1,
            }
        }
    }

    /// Like [`Self::kb_kind`], for names whose case cannot be trusted: exact matches of
    /// countries, regions, sizeable towns and actors only.
    fn kb_kind_strict(&self, name: &str) -> Option<MentionKind> {
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

    /// Facilities and weapons written in lowercase, and weapon model names.
    fn lowercase_things(&self, s: &Sent, out: &mut Vec<Found>) {
        let n = s.toks.len();
        let mut i = 0;
        while i < n {
            let w = s.word(i);
            let f = self.lex.flags(w);
            let lower = w.starts_with(char::is_lowercase);
            // Weapon: [model] [modifiers] noun, or a model name alone ("Mi-24").
            let capital_ok = !lower && i > 0 && !s.sentence_initial(i);
            if f & bits::WEAPON != 0 && (lower || capital_ok || is_acronym(w)) || is_model_name(w) {
                let mut a = i;
                while a > 0 && {
                    let p = s.word(a - 1);
                    (self.lex.is(p, bits::WEAPON_MOD) && p.starts_with(char::is_lowercase))
                        || is_model_name(p)
                } {
                    a -= 1;
                }
                let mut e = i + 1;
                // A model name takes the noun after it: "Mi-24 helicopters".
                if is_model_name(w) {
                    while e < n
                        && self.lex.is(s.word(e), bits::WEAPON | bits::WEAPON_MOD)
                        && s.word(e).starts_with(char::is_lowercase)
                    {
                        e += 1;
                    }
                }
                let has_mod = a < i || is_model_name(w);
                let needs_mod = f & bits::WEAPON_NEEDS_MOD != 0 && !is_model_name(w);
                if !needs_mod || has_mod {
                    out.push(s.found(a, e, MentionKind::Weapon));
                    i = e;
                    continue;
                }
            }
            // Facility: modifiers + head ("oil depot", "border post", "bridge").
            if lower && f & bits::FACILITY != 0 {
                let mut a = i;
                while a > 0 && {
                    let p = s.word(a - 1);
                    p.starts_with(char::is_lowercase) && self.lex.is(p, bits::FACILITY_MOD)
                } {
                    a -= 1;
                }
                if a < i || f & bits::FACILITY_NEEDS_MOD == 0 {
                    out.push(s.found(a, i + 1, MentionKind::Facility));
                }
            }
            i += 1;
        }
    }
}

/// "the region of X", "the province of X", "the territory of X", "X Governor": the words
/// around the place starting at token `i` call it a region.
fn region_of(s: &Sent<'_>, i: usize) -> bool {
    let before = i >= 2
        && s.word(i - 1) == "of"
        && matches!(
            s.word(i - 2).to_ascii_lowercase().as_str(),
            "region"
                | "province"
                | "oblast"
                | "governorate"
                | "state"
                | "prefecture"
                | "canton"
                | "territory"
        );
    // A regional governor: the word right after the name (a one-word place).
    let after = s
        .word_opt(i + 1)
        .is_some_and(|w| w.eq_ignore_ascii_case("governor") || w == "regional");
    before || after
}

/// A sentence's tokens with helpers.
struct Sent<'a> {
    text: &'a str,
    toks: &'a [Token],
}

impl<'a> Sent<'a> {
    fn word(&self, i: usize) -> &'a str {
        self.toks[i].text(self.text)
    }

    fn word_opt(&self, i: usize) -> Option<&'a str> {
        self.toks.get(i).map(|t| t.text(self.text))
    }

    fn prev_word(&self, i: usize) -> Option<&'a str> {
        i.checked_sub(1).map(|p| self.word(p))
    }

    fn next_word(&self, j: usize) -> Option<&'a str> {
        self.word_opt(j)
    }

    fn span_text(&self, i: usize, j: usize) -> &'a str {
        &self.text[self.toks[i].start..self.toks[j - 1].end]
    }

    fn adjacent(&self, a: usize, b: usize) -> bool {
        // Names do not run across a line break.
        !self.text[self.toks[a].end..self.toks[b].start].contains('\n')
    }

    fn found(&self, i: usize, j: usize, kind: MentionKind) -> Found {
        Found::new(self.toks[i].start..self.toks[j - 1].end, kind)
    }

    /// Whether token `i` opens the sentence (possibly after an opening quote).
    fn sentence_initial(&self, i: usize) -> bool {
        i == 0
            || (i == 1 && self.toks[0].kind == TokKind::Punct)
            || self.toks[i - 1].kind == TokKind::Punct && matches!(self.word(i - 1), ":" | "—")
    }

    /// Whether token `i` can be part of a name.
    fn is_name(&self, i: usize) -> bool {
        let t = self.toks[i];
        if t.kind != TokKind::Word {
            return false;
        }
        let w = t.text(self.text);
        let mut cs = w.chars();
        let c0 = cs.next().unwrap_or(' ');
        if w.bytes().any(|b| b.is_ascii_digit())
            || w == "I"
            || MONTHS.contains(&w.trim_end_matches('.'))
        {
            return false;
        }
        if c0.is_uppercase() {
            return true;
        }
        // "al-Shabaab", "bin Salman" style particles glued by a hyphen.
        (w.starts_with("al-") || w.starts_with("el-") || w.starts_with("ad-"))
            && w[3..].starts_with(char::is_uppercase)
    }

    /// Whether the sentence is a title-case headline ("Wagner Chief Warns Of Revolution"),
    /// where capitals say nothing either.
    fn is_title_case(&self, lex: &Lexicon, kb: &Kb) -> bool {
        if self.toks.last().is_some_and(|t| t.text(self.text) == ".") {
            return false;
        }
        let (mut words, mut caps, mut common) = (0, 0, 0);
        for t in self.toks {
            let w = t.text(self.text);
            if t.kind != TokKind::Word || w.len() < 4 || lex.is(w, bits::FUNCTION) {
                continue;
            }
            words += 1;
            if w.starts_with(char::is_uppercase) {
                caps += 1;
                if kb.is_common_word(&w.to_lowercase()) {
                    common += 1;
                }
            }
        }
        // Capitalised ordinary words ("Chief Warns Of Revolution"), not a list of names.
        words >= 3 && caps == words && common >= 2
    }

    /// Whether most words of the sentence are in capitals (a wire headline).
    fn is_caps(&self) -> bool {
        let (mut words, mut caps) = (0, 0);
        for t in self.toks {
            if t.kind != TokKind::Word {
                continue;
            }
            let w = t.text(self.text);
            if !w.chars().any(char::is_alphabetic) {
                continue;
            }
            words += 1;
            if w.chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase)
                && w.len() > 1
            {
                caps += 1;
            }
        }
        words >= 3 && caps * 10 >= words * 7
    }
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
fn head_of(s: &Sent, i: usize, j: usize) -> usize {
    let lex = Lexicon::get();
    if lex.is(
        s.word(j - 1),
        bits::ORG | bits::ARMED | bits::PLACE_HEAD | bits::FACILITY,
    ) {
        return j - 1;
    }
    (i + 1..j)
        .find(|&t| matches!(s.word(t), "of" | "for"))
        .map_or(j - 1, |t| t - 1)
}

fn is_acronym(w: &str) -> bool {
    let letters = w.chars().filter(|c| c.is_alphabetic()).count();
    (2..=6).contains(&letters) && w.chars().all(|c| c.is_uppercase() || c == '.' || c == '&')
}

/// Weapon model designators: letters, a hyphen and digits ("Mi-24", "T-90", "Su-25",
/// "S-400", "F-16", "Shahed-136", "AK-47").
fn is_model_name(w: &str) -> bool {
    let Some((a, b)) = w.split_once('-') else {
        return false;
    };
    let b = b.trim_end_matches('s');
    // One-letter series are weapons only for the usual ones (F-16, T-90, S-400, M-777,
    // B-52, A-10, C-130), not interstates (I-84) or police dogs (K-9).
    (a.len() > 1 || matches!(a, "A" | "B" | "C" | "F" | "M" | "S" | "T"))
        && !a.is_empty()
        && a.len() <= 7
        && a.starts_with(char::is_uppercase)
        && a.chars().all(|c| c.is_ascii_alphabetic())
        && (1..=4).contains(&b.len())
        && b.starts_with(|c: char| c.is_ascii_digit())
        && b.chars().all(|c| c.is_ascii_alphanumeric())
}

fn title_case(s: &str) -> String {
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

/// In-article coreference: surnames, roles, shortened group names.
fn coreference(text: &str, tokens: &[Token], found: &mut Vec<Found>, lex: &Lexicon) {
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
    const ROLE_REFS: &[&str] = &[
        "governor",
        "spokesman",
        "spokeswoman",
        "minister",
        "president",
        "mayor",
        "commander",
    ];
    let mut extra = Vec::new();
    for w in tokens.windows(3) {
        if !w[0].text(text).eq_ignore_ascii_case("the") {
            continue;
        }
        let Some(&noun) = ROLE_REFS.iter().find(|n| w[1].text(text) == **n) else {
            continue;
        };
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
fn surnames(text: &str, tokens: &[Token], found: &mut Vec<Found>, lex: &Lexicon) {
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

    /// Odd inputs (lists at sentence starts, lone punctuation, titles with nothing after them,
    /// unbalanced quotes) never panic.
    #[test]
    fn odd_inputs_do_not_panic() {
        let f = MentionFinder::new(Kb::embedded_shared());
        for text in [
            "He went to Paris.\nand Lyon was next.",
            "and Lyon",
            ", Lyon , Nice , and",
            "President",
            "“ ” ’s , .",
            "Gen. Brig. Mr.",
            "The village of",
            "A, B and C, the governor.",
            "X , the governor of",
            "Mi-24 T-90s Shahed-136",
        ] {
            let toks = crate::tokens::tokenize(text);
            let sents = crate::tokens::sentences(text, &toks);
            let found = f.find(text, &toks, &sents);
            for m in &found {
                assert!(
                    m.span.start < m.span.end && m.span.end <= text.len(),
                    "{text:?}"
                );
            }
        }
    }

    #[test]
    fn model_names() {
        assert!(is_model_name("Mi-24"));
        assert!(is_model_name("T-90s"));
        assert!(is_model_name("Shahed-136"));
        assert!(!is_model_name("Novo-Petrivka"));
        assert!(!is_model_name("Mi-"));
        assert!(!is_model_name("2022-05"));
    }

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

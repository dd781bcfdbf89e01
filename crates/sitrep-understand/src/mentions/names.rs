//! Names: runs of capitalised words, split at titles and typed by their head words, the
//! knowledge base, given names, demonyms and context.

use super::typing::{head_of, is_acronym, region_of, title_case};
use super::{Found, MentionFinder, Sent};
use crate::lexicon::{bits, Lexicon};
use crate::tokens::TokKind;
use sitrep_core::MentionKind;
use sitrep_lexicon::Tense;

impl MentionFinder {
    /// Whether token `i` is a month that is also a given name opening a person's name ("her
    /// mother April Dawson said"): a name follows it, and no preposition or other function
    /// word stands before it ("in April Dawson" stays a date).
    fn month_given_name(&self, s: &Sent, i: usize) -> bool {
        let w = s.word(i);
        let prev_ok = match s.prev_word(i) {
            None => true,
            Some(p) => {
                p.starts_with(|c: char| !c.is_alphanumeric())
                    || p.starts_with(char::is_lowercase) && !self.lex.is(p, bits::FUNCTION)
            }
        };
        prev_ok
            && i + 1 < s.toks.len()
            && s.adjacent(i, i + 1)
            && s.is_name(i + 1)
            && self.kb.is_given_name(w)
            && super::calendar_name(w)
    }

    /// Capitalised-name runs in a normally written sentence.
    pub(super) fn names(&self, s: &Sent, out: &mut Vec<Found>) {
        let n = s.toks.len();
        let mut i = 0;
        while i < n {
            if !s.is_name(i) && !self.month_given_name(s, i) {
                i += 1;
                continue;
            }
            if let Some(found) = self.hyphenated(s, i) {
                out.extend(found);
                i += 1;
                continue;
            }
            let mut j = i + 1;
            loop {
                if j < n && s.is_name(j) && s.adjacent(j - 1, j) && self.hyphenated(s, j).is_none()
                {
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
                } else if let Some(k) = self.place_with_and(s, i, j) {
                    j = k;
                } else {
                    break;
                }
            }
            self.chunk(s, i, j, out);
            i = j;
        }
    }

    /// A hyphenated word that is no name as a whole but holds one or two, and what they are
    /// (it ends a run of names before it): a name before lowercase words ("*Kyiv*-based", "*Saudi*-led",
    /// "*Atlanta*-area": the name); two places or nationalities and nothing after them
    /// ("*Egyptian*-*US* relations": both); a party's letter and a home place ("D-*Ohio*": the
    /// place). A word the knowledge base knows whole ("Guinea-Bissau", "Ivano-Frankivsk") is
    /// left to the rest of the finder.
    fn hyphenated(&self, s: &Sent, i: usize) -> Option<Vec<Found>> {
        let w = s.word(i);
        if !w.contains(['-', '‑']) || self.is_known(w) || super::typing::is_model_name(w) {
            return None;
        }
        let base = s.toks[i].start;
        let mut parts: Vec<(usize, &str)> = Vec::new();
        let mut from = 0;
        for (at, c) in w.char_indices().filter(|&(_, c)| c == '-' || c == '‑') {
            parts.push((base + from, &w[from..at]));
            from = at + c.len_utf8();
        }
        parts.push((base + from, &w[from..]));
        if parts.iter().any(|(_, p)| p.is_empty()) {
            return None;
        }
        let upper = |p: &str| p.starts_with(char::is_uppercase);
        let strict = |p: &str| {
            self.kb_kind_strict(p)
                .or_else(|| self.kb.demonym(p).map(|_| MentionKind::Nationality))
        };
        let span = |a: usize, b: usize| parts[a].0..parts[b].0 + parts[b].1.len();
        let text = |a: usize, b: usize| &s.text[span(a, b)];
        // A name, then lowercase words.
        if let Some(k) = parts.iter().position(|(_, p)| !upper(p)) {
            if k == 0
                || !parts[k..]
                    .iter()
                    .all(|(_, p)| p.starts_with(char::is_lowercase))
            {
                return None;
            }
            let name = text(0, k - 1);
            let kind = self.kb_kind(name).or_else(|| strict(name));
            let kind = kind.filter(|_| name.chars().filter(|c| c.is_alphabetic()).count() >= 2)?;
            return Some(vec![Found::new(span(0, k - 1), kind)]);
        }
        let last = parts.len() - 1;
        let next_is_name = i + 1 < s.toks.len() && s.is_name(i + 1) && s.adjacent(i, i + 1);
        // A party's letter and a home place.
        if parts.len() == 2
            && parts[0].1.len() == 1
            && self
                .lex
                .is_exact(&parts[0].1.to_lowercase(), bits::PARTY_LETTER)
        {
            if self.kb_kind(parts[1].1) != Some(MentionKind::Place) {
                return None;
            }
            return Some(vec![Found::new(span(1, 1), MentionKind::Place)]);
        }
        // Two (or more) places or nationalities.
        let placeish = |p: &str| {
            let letters = p.chars().filter(|c| c.is_alphabetic()).count();
            (letters >= 3 || letters == 2 && p.chars().all(|c| !c.is_lowercase()))
                && matches!(
                    strict(p),
                    Some(MentionKind::Place | MentionKind::Nationality)
                )
        };
        if next_is_name || !parts.iter().all(|(_, p)| placeish(p)) {
            return None;
        }
        Some(
            (0..=last)
                .map(|k| Found::new(span(k, k), strict(parts[k].1).unwrap_or(MentionKind::Place)))
                .collect(),
        )
    }

    /// A place whose own name holds "and" ("Bosnia and Herzegovina", "Saint Kitts and
    /// Nevis"): when the name `i..j` is followed by "and" and a name, and the knowledge base
    /// knows the whole as a place exactly, the end of the whole; the longest such whole.
    fn place_with_and(&self, s: &Sent, i: usize, j: usize) -> Option<usize> {
        let n = s.toks.len();
        if j + 1 >= n || s.word(j) != "and" || !s.is_name(j + 1) {
            return None;
        }
        let mut k = j + 2;
        while k < n && k - j <= 4 && s.is_name(k) && s.adjacent(k - 1, k) {
            k += 1;
        }
        (j + 2..=k)
            .rev()
            .find(|&e| self.kb_kind_strict(s.span_text(i, e)) == Some(MentionKind::Place))
    }

    /// Whether the lowercase word at `j` joins the name before it to the name after it:
    /// "of" and particles always; "for", "on", "in" only after an organisation's head word
    /// ("Institute *for* …", "Committee *on* …"). The head is the word before the first
    /// "of"/"for", unless the last word is itself a head ("Sons of Liberty *Brigade*").
    pub(super) fn joins(&self, s: &Sent, j: usize) -> bool {
        let w = s.word(j);
        if !w.starts_with(char::is_lowercase) || !self.lex.is(w, bits::CONNECTOR) || w == "and" {
            return false;
        }
        let left = s.word(j - 1);
        match w {
            _ if self.lex.is_exact(w, bits::ORG_CONNECTOR) => self.lex.is(left, bits::ORG),
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
    pub(super) fn chunk(&self, s: &Sent, mut i: usize, mut j: usize, out: &mut Vec<Found>) {
        let known = |i: usize, j: usize| self.is_known(s.span_text(i, j));
        // "New Britain Police Department", "Grand Rapids Police": the run opens with the name of a
        // town or region of two or three words, which keeps its first word.
        let opens_place = |i: usize| {
            (i + 2..=(i + 3).min(j))
                .rev()
                .any(|k| self.town_or_region(s.span_text(i, k)))
        };
        // Leading lowercase connectors and function words ("In Ukraine", "the United
        // States"), and a sentence-initial common word ("Twelve people", "Geolocated
        // footage"), are not part of a name.
        while i < j {
            let w = s.word(i);
            let f = self.lex.flags(w);
            let drop = w.starts_with(char::is_lowercase)
                || w.to_ascii_lowercase().ends_with("-old")
                || (f & bits::FUNCTION != 0
                    && self.kb_kind_strict(s.span_text(i, j)).is_none()
                    && (s.sentence_initial(i) || !self.exact_place(s.span_text(i, j))))
                || (s.sentence_initial(i)
                    && self.kb.demonym(w).is_none()
                    && self.kb.is_common_word(&w.to_lowercase())
                    // "Maria Lopez, 5, was shot": a given name and a surname set off with an
                    // age are a person's name, dictionary word or not.
                    && !(j - i == 2 && self.kb.is_given_name(w) && aged(s, j))
                    && !known(i, j));
            let drop = drop
                && !(j - i > 2
                    && w.starts_with(char::is_uppercase)
                    && f & (bits::PLACE_PREP | bits::CONNECTOR) == 0
                    && opens_place(i));
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
        // A demonym before common words is a nationality ("Russian Militants"); a demonym
        // may be two words ("Sri Lankan").
        let demonym_len = if j > i + 1 && self.kb.demonym(s.span_text(i, i + 2)).is_some() {
            2
        } else {
            usize::from(self.kb.demonym(s.word(i)).is_some())
        };
        if demonym_len > 0 && !known(i, j) {
            let d = i + demonym_len;
            let head = self.lex.flags(s.word(head_of(s, i, j)));
            let rest_common = (d..j).all(|t| {
                let w = s.word(t);
                self.kb.is_common_word(&w.to_lowercase())
                    && !self.lex.is(w, bits::TITLE_HEAD | bits::TITLE_MOD)
            });
            let headed = head & (bits::ARMED | bits::ORG | bits::PLACE_HEAD | bits::FACILITY) != 0;
            if j == d || rest_common && !headed {
                out.push(s.found(i, d, MentionKind::Nationality));
                return;
            }
            // "the Ukrainian Danube port": the demonym, then whatever the rest is on its own
            // (a name with a title, "Russian President X", is handled below).
            let titled = (d..j).any(|t| self.lex.is(s.word(t), bits::TITLE_HEAD | bits::TITLE_MOD));
            if !headed && !titled && !self.kb.is_given_name(s.word(d)) {
                out.push(s.found(i, d, MentionKind::Nationality));
                self.chunk_typed(s, d, j, out, None);
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
                    && !self.closes_place(s, i, r - 1)
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

    /// Whether word `h` of the run starting at `i` is a place head ("County", "City") that
    /// closes a place the gazetteer knows ("Douglas County Sheriff X", "New York City Mayor
    /// X"): the head belongs to the place, not to the title ("County Sheriff X" alone, or
    /// "Manhattan District Attorney X", keep it in the title).
    fn closes_place(&self, s: &Sent, i: usize, h: usize) -> bool {
        h > i
            && self.lex.is(s.word(h), bits::PLACE_HEAD)
            && (i..h)
                .any(|x| self.kb_kind_strict(s.span_text(x, h + 1)) == Some(MentionKind::Place))
    }

    pub(super) fn is_known(&self, name: &str) -> bool {
        self.kb_kind(name).is_some()
    }

    /// Type a title-free name run `i..j`; `title` is a title that preceded it.
    pub(super) fn chunk_typed(
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
        // A function word is no name, unless written in capitals as a country's or region's
        // abbreviation ("the *US*", not "us").
        let abbreviation = first.len() >= 2
            && first.chars().all(|c| c.is_ascii_uppercase())
            && self.kb_kind_strict(first) == Some(MentionKind::Place);
        if n == 1 && ff & bits::FUNCTION != 0 && !abbreviation {
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
            // "the mayor of Hagerstown, Maryland,": a region after the place, no person.
            if self.kb.demonym(name).is_none()
                && !self.kb.is_common_word(&name.to_lowercase())
                && !(s.prev_word(i) == Some(",") && self.region_named(name))
            {
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
        // "City of Tempe", "Town of Hempstead", "Province of Quebec": a capitalised kind of
        // place and the name after "of", when the knowledge base does not hold the whole.
        if n >= 3
            && s.word(i + 1) == "of"
            && self.lex.is(&first.to_lowercase(), bits::PLACE_TYPE)
            && self.kb_kind(name).is_none()
        {
            let rest = s.span_text(i + 2, j);
            if self.kb_kind(rest) == Some(MentionKind::Place) || self.place_named(rest) {
                let mut f = found(MentionKind::Place, false);
                let region = self.lex.is(&first.to_lowercase(), bits::REGION_WORD);
                f.region = region;
                f.settlement = !region;
                out.push(f);
                return;
            }
        }
        // "Springfield, Ill.": an abbreviated state or country after a place and a comma,
        // written with its full stop, is that region though the word is also a dictionary
        // word ("ill", "mass").
        if n == 1
            && s.prev_word(i) == Some(",")
            && s.word_opt(j) == Some(".")
            && s.toks[j].start == s.toks[i].end
            && i >= 2
            && out
                .last()
                .is_some_and(|m| m.kind == MentionKind::Place && m.span.end == s.toks[i - 2].end)
            && self.region_alias(name)
        {
            let mut f = found(MentionKind::Place, false);
            f.region = true;
            out.push(f);
            return;
        }
        // A couple: a given name, "and", and another given name with the surname they share
        // ("David and Irene Kowalczyk") is a person, whatever town the first name is.
        let cap = |w: Option<&str>| w.is_some_and(|w| w.starts_with(char::is_uppercase));
        if n == 1
            && self.kb.is_given_name(first)
            && s.word_opt(j) == Some("and")
            && !self.region_named(name)
            && s.word_opt(j + 1)
                .is_some_and(|w| cap(Some(w)) && self.kb.is_given_name(w) && !self.region_named(w))
            && cap(s.word_opt(j + 2))
            && self.kb_kind(s.word_opt(j + 2).unwrap_or_default()) != Some(MentionKind::Place)
        {
            out.push(found(MentionKind::Person, false));
            return;
        }
        // The knowledge base. A given name that is only another name of a town ("Landon") is
        // the person's, unless the context below calls it a place ("the towns of X and Y").
        let given_alias = n == 1 && self.kb.is_given_name(first) && self.only_town_alias(name);
        if let Some(kind) = self.kb_kind(name).filter(|_| !given_alias) {
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
        // "40 km north of X", "off the coast of X", "on the outskirts of X".
        let relative = prev == Some("of")
            && s.prev_word(i - 1).is_some_and(|w| {
                w.starts_with(char::is_lowercase) && self.lex.is(w, bits::COMPASS | bits::NEAR_NOUN)
            });
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
            || relative
            || listed.is_some();
        let next_place_head = s
            .next_word(j)
            .is_some_and(|w| w.starts_with(char::is_lowercase) && self.lex.is(w, bits::PLACE_HEAD));
        let strong_ctx = settlement || listed.is_some();
        if next_place_head || (place_ctx && n <= 3 && (!self.kb.is_given_name(first) || strong_ctx))
        {
            let mut f = found(MentionKind::Place, !next_place_head);
            self.extend_place(s, j, &mut f);
            f.near = prev.is_some_and(|w| w.eq_ignore_ascii_case("near"));
            f.region = region_of(s, i);
            f.settlement = settlement || relative || next_place_head;
            out.push(f);
            return;
        }
        if (2..=4).contains(&n) && self.kb.is_given_name(first) {
            out.push(found(MentionKind::Person, false));
            return;
        }
        let speaks = s.next_word(j).is_some_and(speech_verb);
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

    /// A sentence in capitals: only names the knowledge base knows, longest first.
    pub(super) fn caps_sentence(&self, s: &Sent, out: &mut Vec<Found>) {
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
}

/// Whether `w` (as written) is a finite reporting verb (sitrep-lexicon) after which a one- or
/// two-word name is a speaker, so a person or a body ("X said", "X says").
fn speech_verb(w: &str) -> bool {
    sitrep_lexicon::reporting_verb(w)
        .is_some_and(|v| matches!(v.tense, Tense::Past | Tense::Present))
        && !Lexicon::get().is(w, bits::NOT_SPEECH)
}

/// Whether the words after token `j` set off an age: ", 34,".
fn aged(s: &Sent, j: usize) -> bool {
    s.next_word(j) == Some(",")
        && s.word_opt(j + 1)
            .is_some_and(|w| (1..=3).contains(&w.len()) && w.chars().all(|c| c.is_ascii_digit()))
        && s.word_opt(j + 2) == Some(",")
}

//! Word lists the mention finder reasons with: titles, the head nouns that make a name an
//! organisation, an armed group, a place or a facility, and weapon nouns.
//!
//! The lists are data, `data/lexicon.tsv` (one `category<TAB>word` row per entry; the file's
//! header says what each category holds); the function words are sitrep-lexicon's, shared with
//! the rest of the workspace. Names of particular people, places and groups live in the
//! knowledge base (`sitrep-kb`), never here.

use sitrep_lexicon::WordSets;
use std::sync::LazyLock;

/// The lists, as data.
pub const TABLE: &str = include_str!("../data/lexicon.tsv");

/// The categories of [`TABLE`], in [`bits`] order.
pub const CATEGORIES: &[&str] = &[
    "title-head",
    "title-modifier",
    "role",
    "armed-head",
    "weak-armed-head",
    "military",
    "org-head",
    "place-head",
    "facility-head",
    "facility-modifier",
    "facility-needs-modifier",
    "weapon",
    "weapon-needs-modifier",
    "weapon-modifier",
    "connector",
    "place-preposition",
    "place-type",
    "not-a-name",
    "misc-head",
    "content-word",
    "role-reference",
    "region-word",
    "apposition-determiner",
    "head-preposition",
    "model-series",
    "name-prefix",
    "not-speech-verb",
    "org-connector",
    "compass",
    "local-head",
    "civic-head",
    "party-letter",
    "near-noun",
    "settlement-head",
    "admin2-head",
];

/// Bit flags: which lists a word is in (the categories of `data/lexicon.tsv`).
pub mod bits {
    /// `title-head`: the word a title ends in ("Defense *Minister*").
    pub const TITLE_HEAD: u64 = 1;
    /// `title-modifier`: a word inside a title before its head ("Deputy *Defense* Minister").
    pub const TITLE_MOD: u64 = 1 << 1;
    /// `role`: a lowercase role noun ("spokesman").
    pub const ROLE: u64 = 1 << 2;
    /// `armed-head`: the last word of an armed group's name ("Legion").
    pub const ARMED: u64 = 1 << 3;
    /// `weak-armed-head`: an armed-group head that needs a military word in the name too.
    pub const WEAK_ARMED: u64 = 1 << 4;
    /// `military`: a word that marks a name as military or militant.
    pub const MILITARY: u64 = 1 << 5;
    /// `org-head`: a word that makes a name an organisation.
    pub const ORG: u64 = 1 << 6;
    /// `place-head`: a word that ends a place name ("region").
    pub const PLACE_HEAD: u64 = 1 << 7;
    /// `facility-head`: a facility noun ("depot").
    pub const FACILITY: u64 = 1 << 8;
    /// `facility-modifier`: a modifier a facility phrase may start with ("oil").
    pub const FACILITY_MOD: u64 = 1 << 9;
    /// `facility-needs-modifier`: a facility noun that needs a modifier ("post").
    pub const FACILITY_NEEDS_MOD: u64 = 1 << 10;
    /// `weapon`: a weapon or equipment noun.
    pub const WEAPON: u64 = 1 << 11;
    /// `weapon-needs-modifier`: a weapon noun that needs a military modifier ("vehicle").
    pub const WEAPON_NEEDS_MOD: u64 = 1 << 12;
    /// `weapon-modifier`: a modifier inside a weapon mention ("armored").
    pub const WEAPON_MOD: u64 = 1 << 13;
    /// `connector`: a lowercase word inside a name ("of", "bin").
    pub const CONNECTOR: u64 = 1 << 14;
    /// `place-preposition`: a preposition after which a name is a place ("near").
    pub const PLACE_PREP: u64 = 1 << 15;
    /// `place-type`: a place word before "of" ("village").
    pub const PLACE_TYPE: u64 = 1 << 16;
    /// Never a name on its own: sitrep-lexicon's function words and the `not-a-name` words.
    pub const FUNCTION: u64 = 1 << 17;
    /// `misc-head`: the head of a name this stage leaves alone (awards, laws, wars).
    pub const MISC: u64 = 1 << 18;
    /// `content-word`: a function word of sitrep-lexicon that the mention finder does not
    /// count as one (it never has [`FUNCTION`]).
    pub const CONTENT: u64 = 1 << 19;
    /// `role-reference`: a role that, after "the", refers back to a person ("the governor").
    pub const ROLE_REF: u64 = 1 << 20;
    /// `region-word`: "the *province* of X" calls X a first-level region.
    pub const REGION_WORD: u64 = 1 << 21;
    /// `apposition-determiner`: a determiner that may open a role apposition.
    pub const APPOSITION_DET: u64 = 1 << 22;
    /// `head-preposition`: a preposition after a name's head word ("Ministry *of* …").
    pub const HEAD_PREP: u64 = 1 << 23;
    /// `model-series`: a one-letter weapon model series ("F-16").
    pub const MODEL_SERIES: u64 = 1 << 24;
    /// `name-prefix`: an Arabic article glued to a name ("al-").
    pub const NAME_PREFIX: u64 = 1 << 25;
    /// `not-speech-verb`: a finite reporting verb that does not make a name a speaker.
    pub const NOT_SPEECH: u64 = 1 << 26;
    /// `org-connector`: a connector that joins names only after an organisation's head word.
    pub const ORG_CONNECTOR: u64 = 1 << 27;
    /// `compass`: a direction word that may open the name of a part of a place
    /// ("*Northeast* Georgia").
    pub const COMPASS: u64 = 1 << 28;
    /// `local-head`: the last word of a place inside a town ("Hampton *Avenue*").
    pub const LOCAL_HEAD: u64 = 1 << 29;
    /// `civic-head`: a word that, right after a place inside an organisation's name, makes
    /// the organisation that place's own ("Henderson *Police* Department").
    pub const CIVIC_HEAD: u64 = 1 << 30;
    /// `party-letter`: a party's letter before a hyphen and a home place ("*D*-Ohio").
    pub const PARTY_LETTER: u64 = 1 << 31;
    /// `near-noun`: a noun that, before "of", puts what follows near a place ("the *coast*
    /// of X", "the *outskirts* of X"): what follows is a place.
    pub const NEAR_NOUN: u64 = 1 << 32;
    /// `settlement-head`: a lowercase word after a town's name that names the town itself,
    /// not its region ("the Decatur *city* limits", "the Arlington *town* council").
    pub const SETTLEMENT_HEAD: u64 = 1 << 33;
    /// `admin2-head`: the word that ends a second-level division's name and that news
    /// leaves out when the name says enough ("East Baton Rouge deputies" for East Baton Rouge *Parish*).
    pub const ADMIN2_HEAD: u64 = 1 << 34;
}

/// All the lists in one hash map: lowercase word → [`bits`].
#[derive(Debug)]
pub struct Lexicon {
    sets: WordSets,
}

impl Lexicon {
    /// The lexicon, built once.
    pub fn get() -> &'static Lexicon {
        static LEX: LazyLock<Lexicon> = LazyLock::new(|| {
            let mut sets =
                WordSets::parse("lexicon.tsv", TABLE, CATEGORIES).unwrap_or_else(|e| panic!("{e}"));
            for f in sitrep_lexicon::function_words() {
                if !sets.has(f.word, bits::CONTENT) {
                    sets.insert(f.word, bits::FUNCTION);
                }
            }
            Lexicon { sets }
        });
        &LEX
    }

    /// Which lists `word` (any case) is in.
    pub fn flags(&self, word: &str) -> u64 {
        if word.len() > 24 {
            return 0;
        }
        if !word.is_ascii() {
            // Every listed word is ASCII.
            return 0;
        }
        if word.bytes().any(|b| b.is_ascii_uppercase()) {
            let mut buf = [0u8; 24];
            let lower = &mut buf[..word.len()];
            lower.copy_from_slice(word.as_bytes());
            lower.make_ascii_lowercase();
            let lower = std::str::from_utf8(lower).expect("ASCII");
            self.sets.flags(lower)
        } else {
            self.sets.flags(word)
        }
    }

    /// Like [`Lexicon::flags`], but a hyphenated word unknown as a whole takes the flags of its
    /// last part ("Lieutenant-*General*").
    pub fn flags_hyphenated(&self, word: &str) -> u64 {
        match self.flags(word) {
            0 => word
                .rsplit_once('-')
                .map_or(0, |(_, last)| self.flags(last)),
            f => f,
        }
    }

    /// Whether `word` (any case) is in any list of `mask`.
    pub fn is(&self, word: &str, mask: u64) -> bool {
        self.flags(word) & mask != 0
    }

    /// Whether `word`, exactly as written (so lowercase), is in any list of `mask`.
    pub fn is_exact(&self, word: &str, mask: u64) -> bool {
        self.sets.has(word, mask)
    }

    /// The words of the list with bit `bit`, in table order.
    pub fn words(&self, bit: u64) -> &[&'static str] {
        self.sets.words(bit)
    }
}

/// The lexicon's `admin2-head` words, capitalised as they end a name ("County").
pub fn admin2_heads() -> &'static [String] {
    static HEADS: std::sync::LazyLock<Vec<String>> = std::sync::LazyLock::new(|| {
        TABLE
            .lines()
            .filter_map(|l| l.strip_prefix("admin2-head\t"))
            .map(|w| {
                let w = w.trim();
                let mut c = w.chars();
                c.next()
                    .map(|f| f.to_uppercase().chain(c).collect())
                    .unwrap_or_default()
            })
            .collect()
    });
    &HEADS
}

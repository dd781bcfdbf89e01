//! Word lists by category, read from a two-column table (`category<TAB>word`): the shape of
//! most of the workspace's rule tables. Every word gets a bit set of the categories it is in, so
//! one hash lookup answers "is this word in any of these lists".

use crate::tsv;
use rustc_hash::FxHashMap;

/// Word lists by category, built once from a table and shared.
///
/// Category `i` of the names given to [`WordSets::parse`] is bit `1 << i`: a crate names its
/// categories in one array and its bits as constants in the same order.
///
/// ```
/// use sitrep_lexicon::WordSets;
/// const CATEGORIES: &[&str] = &["colour", "shape"];
/// const COLOUR: u64 = 1;
/// const SHAPE: u64 = 1 << 1;
/// let table = "# Colours and shapes.\n# Columns: category, word\n# Written by us.\n\
///              colour\tred\nshape\tsquare\ncolour\torange\nshape\torange\n";
/// let sets = WordSets::parse("demo.tsv", table, CATEGORIES).unwrap();
/// assert!(sets.has("red", COLOUR) && !sets.has("red", SHAPE));
/// assert_eq!(sets.flags("orange"), COLOUR | SHAPE);
/// assert!(sets.has(b"square".as_slice(), SHAPE));
/// assert_eq!(sets.words(COLOUR), ["red", "orange"]);
/// ```
#[derive(Debug, Clone, Default)]
pub struct WordSets {
    map: FxHashMap<&'static [u8], u64>,
    /// Each category's words in table order (category `i` at index `i`).
    lists: Vec<Vec<&'static str>>,
}

impl WordSets {
    /// Read a `category<TAB>word` table whose categories are `categories` (bit `i` for
    /// `categories[i]`; at most 64).
    ///
    /// # Errors
    /// A row without exactly two columns, or with an unknown category.
    pub fn parse(name: &str, text: &'static str, categories: &[&str]) -> Result<WordSets, String> {
        assert!(categories.len() <= 64, "at most 64 categories");
        let mut sets = WordSets {
            map: FxHashMap::default(),
            lists: vec![Vec::new(); categories.len()],
        };
        for row in tsv::rows_exact(name, text, 2)? {
            let i = categories
                .iter()
                .position(|c| *c == row.col(0))
                .ok_or_else(|| format!("{name}:{}: unknown category {:?}", row.line, row.col(0)))?;
            sets.insert(row.cols[1], 1 << i);
        }
        Ok(sets)
    }

    /// Add `word` to the categories of `mask` (composing a shared list into a local one).
    pub fn insert(&mut self, word: &'static str, mask: u64) {
        *self.map.entry(word.as_bytes()).or_insert(0) |= mask;
        for (i, list) in self.lists.iter_mut().enumerate() {
            if mask & (1 << i) != 0 && !list.contains(&word) {
                list.push(word);
            }
        }
    }

    /// Add each of `words` to the categories of `mask`, except the words already in a category
    /// of `but` (a local table's departures from a shared list: `not-stop` rows).
    pub fn insert_all_but(
        &mut self,
        words: impl IntoIterator<Item = &'static str>,
        mask: u64,
        but: u64,
    ) {
        for w in words {
            if !self.has(w, but) {
                self.insert(w, mask);
            }
        }
    }

    /// The categories `word` is in, as bits; 0 when none. Words match exactly as written in
    /// the table (lowercase, for most tables).
    pub fn flags(&self, word: impl AsRef<[u8]>) -> u64 {
        self.map.get(word.as_ref()).copied().unwrap_or(0)
    }

    /// Whether `word` is in any category of `mask`.
    pub fn has(&self, word: impl AsRef<[u8]>, mask: u64) -> bool {
        self.flags(word) & mask != 0
    }

    /// The words of the category with bit `bit`, in table order.
    pub fn words(&self, bit: u64) -> &[&'static str] {
        let i = bit.trailing_zeros() as usize;
        self.lists.get(i).map_or(&[], Vec::as_slice)
    }
}

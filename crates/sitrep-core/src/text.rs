//! Conversions between UTF-8 byte offsets (what Rust string APIs use) and Unicode character
//! offsets (what sitrep's outputs use).

/// Maps byte offsets to character offsets and back for one string, in O(log n) per lookup.
///
/// Built once per text; ASCII-only texts need no table at all.
#[derive(Debug, Clone)]
pub struct CharIndex {
    /// Byte offset of every non-ASCII character, with the character offset it has.
    /// Empty for ASCII text, where byte and character offsets agree.
    wide: Vec<(usize, usize)>,
    len_bytes: usize,
    len_chars: usize,
}

impl CharIndex {
    /// Index `text`.
    pub fn new(text: &str) -> Self {
        let mut wide = Vec::new();
        let mut chars = 0;
        if !text.is_ascii() {
            for (b, c) in text.char_indices() {
                if !c.is_ascii() {
                    wide.push((b, chars));
                }
                chars += 1;
            }
        } else {
            chars = text.len();
        }
        CharIndex {
            wide,
            len_bytes: text.len(),
            len_chars: chars,
        }
    }

    /// Number of characters in the text.
    pub fn len_chars(&self) -> usize {
        self.len_chars
    }

    /// Character offset of the character starting at byte `byte` (or the end of the text).
    pub fn byte_to_char(&self, byte: usize) -> usize {
        if byte >= self.len_bytes {
            return self.len_chars;
        }
        // Last wide char at or before `byte`.
        match self.wide.partition_point(|&(b, _)| b <= byte) {
            0 => byte,
            i => {
                let (wb, wc) = self.wide[i - 1];
                if wb == byte {
                    wc
                } else {
                    // Everything after the wide char up to `byte` is ASCII; the wide char
                    // itself spans several bytes but one character.
                    let wlen = self.wide_len(i - 1);
                    wc + 1 + (byte - wb - wlen)
                }
            }
        }
    }

    /// Byte offset of character `ch` (or the text's byte length past the end).
    pub fn char_to_byte(&self, ch: usize) -> usize {
        if ch >= self.len_chars {
            return self.len_bytes;
        }
        match self.wide.partition_point(|&(_, c)| c <= ch) {
            0 => ch,
            i => {
                let (wb, wc) = self.wide[i - 1];
                if wc == ch {
                    wb
                } else {
                    wb + self.wide_len(i - 1) + (ch - wc - 1)
                }
            }
        }
    }

    fn wide_len(&self, i: usize) -> usize {
        // Byte length of wide char i: distance to the next char's byte offset, where the next
        // char is either the next wide char (if adjacent in chars) or an ASCII char.
        let (wb, wc) = self.wide[i];
        match self.wide.get(i + 1) {
            Some(&(nb, nc)) => {
                // Between them are (nc - wc - 1) ASCII chars.
                nb - wb - (nc - wc - 1)
            }
            None => self.len_bytes - wb - (self.len_chars - wc - 1),
        }
    }
}

/// Character length of `s`, with a fast path for ASCII.
pub fn char_len(s: &str) -> usize {
    if s.is_ascii() {
        s.len()
    } else {
        s.chars().count()
    }
}

/// The largest byte index `<= i` that is a character boundary of `s` (`s.len()` past the end):
/// for taking a prefix of at most `i` bytes without splitting a character.
pub fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_every_boundary() {
        for text in [
            "",
            "plain ascii",
            "Kyiv’s “Hind” — 24 февраля ok",
            "ééé",
            "a😀b😀😀c",
        ] {
            let idx = CharIndex::new(text);
            assert_eq!(idx.len_chars(), text.chars().count());
            for (ci, (b, _)) in text.char_indices().enumerate() {
                assert_eq!(idx.byte_to_char(b), ci, "{text:?} byte {b}");
                assert_eq!(idx.char_to_byte(ci), b, "{text:?} char {ci}");
            }
            assert_eq!(idx.byte_to_char(text.len()), idx.len_chars());
            assert_eq!(idx.char_to_byte(idx.len_chars()), text.len());
        }
    }

    #[test]
    fn floor_char_boundary_never_splits_a_character() {
        assert_eq!(floor_char_boundary("a’b", 2), 1);
        assert_eq!(floor_char_boundary("a’b", 4), 4);
        assert_eq!(floor_char_boundary("ab", 9), 2);
    }

    #[test]
    fn char_len_matches_chars_count() {
        assert_eq!(char_len("a’b"), 3);
        assert_eq!(char_len("abc"), 3);
    }
}

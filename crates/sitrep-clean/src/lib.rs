//! sitrep clean: from a raw page to the article's main text, with nothing of the article lost
//! and every removal accounted for.
//!
//! Two cleaners share one boilerplate rule table ([`rules`]):
//! - [`text::clean_text`] for plain text a crawler already flattened (one block per line);
//! - [`html::clean_html`] for HTML pages: main-text extraction, then the same block rules.
//!
//! Both produce a [`Cleaned`]: the clean text (paragraphs separated by a blank line), the
//! [`Alignment`] of every kept character back to the original, and the removed blocks. For
//! plain text the original is the decoded input; for HTML it is the page's text rendering
//! (every text block of the DOM, in document order, one per line), so the removed blocks of a
//! page and its clean text together account for all of its text.
//!
//! [`DefaultCleaner`] is the [`Cleaner`] the pipeline uses: it picks the cleaner by body kind,
//! merges metadata, detects the language and hashes the text.
//!
//! ```
//! use sitrep_clean::DefaultCleaner;
//! use sitrep_core::{Body, Cleaner, Meta, RawDocument};
//! let raw = RawDocument {
//!     id: "a1".into(),
//!     source: "a1.txt".into(),
//!     meta: Meta::default(),
//!     body: Body::Text("Share this\nTroops left the town on Sunday, the ministry said.\nLoad More".into()),
//!     errors: vec![],
//!     fetched: None,
//! };
//! let article = DefaultCleaner::default().clean(raw);
//! assert_eq!(article.text, "Troops left the town on Sunday, the ministry said.");
//! assert_eq!(article.removed.len(), 2);
//! ```

pub mod depth;
pub mod html;
pub mod render;
pub mod rules;
pub mod text;

use rules::Rules;
use sitrep_core::text::{char_len, floor_char_boundary};
use sitrep_core::{
    Alignment, Article, ArticleError, Body, Cleaner, ErrorCode, Meta, RawDocument, Removed,
};

/// The output of a cleaner, before it becomes an [`Article`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Cleaned {
    /// Clean main text, paragraphs separated by `"\n\n"`.
    pub text: String,
    /// Kept characters back to the original.
    pub alignment: Alignment,
    /// Blocks of the original left out.
    pub removed: Vec<Removed>,
    /// Headline found on the page.
    pub title: Option<String>,
    /// Metadata read from the page itself (HTML `<title>`, Open Graph, JSON-LD).
    pub meta: Meta,
    /// The original text offsets refer to, when it is not the raw body itself (HTML).
    pub original: Option<String>,
    text_chars: usize,
}

impl Cleaned {
    /// Append a kept block, separated from the previous one by a blank line. `original` is the
    /// block's character offset in the original text, when it was copied verbatim.
    pub fn push_block(&mut self, block: &str, original: Option<usize>) {
        if block.is_empty() {
            return;
        }
        if !self.text.is_empty() {
            self.text.push_str("\n\n");
            self.text_chars += 2;
        }
        let len = char_len(block);
        if let Some(o) = original {
            self.alignment.push(self.text_chars, o, len);
        }
        self.text.push_str(block);
        self.text_chars += len;
    }
}

/// The cleaner the pipeline uses: plain text by line rules, HTML by main-text extraction.
#[derive(Debug)]
pub struct DefaultCleaner {
    rules: &'static Rules,
    verbatim: bool,
}

impl Default for DefaultCleaner {
    fn default() -> Self {
        DefaultCleaner {
            rules: Rules::builtin(),
            verbatim: false,
        }
    }
}

impl DefaultCleaner {
    /// A cleaner that keeps plain-text bodies exactly as they are (for text that is already
    /// clean, such as a benchmark's gold text): nothing removed, offsets equal the original's.
    /// HTML is still reduced to its main text.
    pub fn verbatim() -> Self {
        DefaultCleaner {
            verbatim: true,
            ..DefaultCleaner::default()
        }
    }
}

/// ISO 639-1 code of the text's language, when detection is confident.
pub fn detect_language(text: &str) -> Option<String> {
    // A kilobyte is plenty for a reliable guess; detection cost grows with the sample.
    let sample = &text[..floor_char_boundary(text, 1024)];
    if looks_english(sample) {
        return Some("en".to_string());
    }
    let info = whatlang::detect(sample)?;
    if !info.is_reliable() && info.confidence() < 0.5 {
        return None;
    }
    iso639_1(info.lang()).map(str::to_string)
}

/// Fast path for the commonest case: running English prose is a quarter or more of the
/// commonest English words (sitrep-lexicon's common function words and "said"). Anything else
/// goes to the statistical detector.
fn looks_english(sample: &str) -> bool {
    let (mut words, mut hits) = (0usize, 0usize);
    for w in sample
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
    {
        if !w.is_ascii() {
            return false;
        }
        words += 1;
        if w.len() <= 5 && {
            let mut buf = [0u8; 5];
            let lower = &mut buf[..w.len()];
            lower.copy_from_slice(w.as_bytes());
            lower.make_ascii_lowercase();
            sitrep_lexicon::is_common_word(&*lower)
        } {
            hits += 1;
        }
    }
    words >= 20 && hits * 4 >= words
}

fn iso639_1(lang: whatlang::Lang) -> Option<&'static str> {
    use whatlang::Lang::*;
    Some(match lang {
        Eng => "en",
        Rus => "ru",
        Ukr => "uk",
        Deu => "de",
        Fra => "fr",
        Spa => "es",
        Por => "pt",
        Ita => "it",
        Nld => "nl",
        Pol => "pl",
        Tur => "tr",
        Ara => "ar",
        Pes => "fa",
        Heb => "he",
        Cmn => "zh",
        Jpn => "ja",
        Kor => "ko",
        Hin => "hi",
        Urd => "ur",
        Ben => "bn",
        Ind => "id",
        Vie => "vi",
        Tha => "th",
        Swe => "sv",
        Dan => "da",
        Nob => "no",
        Fin => "fi",
        Ces => "cs",
        Slk => "sk",
        Hun => "hu",
        Ron => "ro",
        Bul => "bg",
        Srp => "sr",
        Hrv => "hr",
        Slv => "sl",
        Ell => "el",
        Lit => "lt",
        Lav => "lv",
        Est => "et",
        Bel => "be",
        Kat => "ka",
        Hye => "hy",
        Aze => "az",
        Uzb => "uz",
        Amh => "am",
        Tgl => "tl",
        Afr => "af",
        Cat => "ca",
        _ => return None,
    })
}

impl Cleaner for DefaultCleaner {
    fn clean(&self, raw: RawDocument) -> Article {
        let RawDocument {
            id,
            source,
            meta,
            body,
            mut errors,
            fetched,
        } = raw;
        let mut cleaned = match &body {
            Body::Text(t) if self.verbatim => {
                let mut c = Cleaned::default();
                c.alignment.push(0, 0, char_len(t));
                c.text = t.clone();
                c
            }
            Body::Text(t) => text::clean_text(t, self.rules),
            Body::Html(h) => html::clean_html(h, self.rules),
        };
        let body = match body {
            Body::Text(t) | Body::Html(t) => t,
        };
        let original = cleaned.original.take().unwrap_or(body);
        let mut meta = meta.or(cleaned.meta);
        meta.title = meta.title.or(cleaned.title);
        if meta.published.is_none() {
            meta.published = fetched;
        }
        if cleaned.text.trim().is_empty() {
            errors.push(ArticleError::error(
                ErrorCode::Empty,
                format!("{source}: no article text left after cleaning"),
            ));
        }
        let language = meta.language.or_else(|| detect_language(&cleaned.text));
        let hash = format!(
            "{:016x}",
            xxhash_rust::xxh3::xxh3_64(cleaned.text.as_bytes())
        );
        Article {
            id,
            source,
            url: meta.url,
            outlet: meta.outlet,
            title: meta.title,
            published: meta.published,
            language,
            hash,
            text: cleaned.text,
            removed: cleaned.removed,
            alignment: cleaned.alignment,
            errors,
            original: Some(original),
            ..Article::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_fast_path_needs_running_english() {
        let en = "The army said on Sunday that it had taken the town after a week of fighting, \
                  and that most of the residents had left before the assault began in the north.";
        assert!(looks_english(en));
        let fr = "L'armée a déclaré dimanche qu'elle avait pris la ville après une semaine de \
                  combats, et que la plupart des habitants étaient partis avant l'assaut.";
        assert!(!looks_english(fr));
        let de = "Die Armee erklärte am Sonntag, sie habe die Stadt nach einer Woche der Kämpfe \
                  eingenommen und die meisten Bewohner seien vor dem Angriff geflohen.";
        assert!(!looks_english(de));
        assert_eq!(detect_language(fr).as_deref(), Some("fr"));
        assert!(!looks_english("Short headline only"));
    }

    #[test]
    fn detects_english_and_russian() {
        assert_eq!(
            detect_language("The ministry said the convoy reached the city on Sunday morning.")
                .as_deref(),
            Some("en")
        );
        assert_eq!(
            detect_language("Министерство обороны сообщило, что колонна вошла в город утром.")
                .as_deref(),
            Some("ru")
        );
    }

    #[test]
    fn empty_article_is_flagged() {
        let raw = RawDocument {
            id: "e".into(),
            source: "e.txt".into(),
            meta: Meta::default(),
            body: Body::Text("Advertisement\nLoad More\n".into()),
            errors: vec![],
            fetched: None,
        };
        let a = DefaultCleaner::default().clean(raw);
        assert!(a.text.is_empty());
        assert!(a.has_errors());
        assert_eq!(a.errors[0].code, ErrorCode::Empty);
        assert!(a.errors[0].message.contains("e.txt"));
    }
}

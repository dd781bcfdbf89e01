//! sitrep understand: reads each clean article the way an analyst does.
//!
//! So far: time expressions ([`times`]), resolved against the publication date with an honest
//! precision. Mentions, quantities and claims follow (see the issues). Every item is a span of
//! Unicode character offsets into [`sitrep_core::Article::text`], which this stage never changes.
//!
//! ```
//! use sitrep_core::{Annotator, Article, Published};
//! use sitrep_understand::Understand;
//! let mut a = Article {
//!     text: "The depot was hit on Monday, officials said.".into(),
//!     published: Published::parse("2024-05-08"), // a Wednesday
//!     ..Article::default()
//! };
//! Understand::default().annotate(&mut a).unwrap();
//! let t = &a.times.as_ref().unwrap()[0];
//! assert_eq!((t.text.as_str(), t.value.as_deref()), ("on Monday", Some("2024-05-06")));
//! ```

pub mod times;
pub mod tokens;

use sitrep_core::{Annotator, Article, StageError};

/// The understand stage as one annotator.
#[derive(Debug, Default)]
pub struct Understand {
    times: times::TimeTagger,
}

impl Annotator for Understand {
    fn name(&self) -> &'static str {
        "understand"
    }

    fn annotate(&self, article: &mut Article) -> Result<(), StageError> {
        let anchor = article.published.map(|p| p.date());
        article.times = Some(self.times.tag(&article.text, anchor));
        Ok(())
    }
}

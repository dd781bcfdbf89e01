//! What ingest hands to clean: a raw body with its metadata.

use crate::error::ArticleError;
use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A publication date or time, as exact as the source said and no more.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Published {
    /// Only the day is known. Written as `YYYY-MM-DD`.
    Date(NaiveDate),
    /// A moment with its UTC offset. Written as RFC 3339.
    DateTime(DateTime<FixedOffset>),
}

impl Published {
    /// Parse the date forms found in feeds, sidecars, HTML metadata and WARC headers:
    /// RFC 3339 / ISO 8601 (with or without time or offset), RFC 2822, `YYYY/MM/DD`,
    /// `YYYYMMDD`. A time without a UTC offset keeps only its day: sitrep does not guess a
    /// time zone.
    pub fn parse(s: &str) -> Option<Published> {
        let s = s.trim();
        if s.is_empty() {
            return None;
        }
        if let Ok(dt) = DateTime::parse_from_rfc3339(s) {
            return Some(Published::DateTime(dt));
        }
        // ISO 8601 variants chrono's RFC 3339 parser refuses: "+0000" offsets, no seconds.
        for fmt in [
            "%Y-%m-%dT%H:%M:%S%.f%z",
            "%Y-%m-%dT%H:%M%z",
            "%Y-%m-%d %H:%M:%S%.f%z",
        ] {
            if let Ok(dt) = DateTime::parse_from_str(s, fmt) {
                return Some(Published::DateTime(dt));
            }
        }
        if let Ok(dt) = DateTime::parse_from_rfc2822(s) {
            return Some(Published::DateTime(dt));
        }
        for fmt in [
            "%Y-%m-%dT%H:%M:%S%.f",
            "%Y-%m-%dT%H:%M",
            "%Y-%m-%d %H:%M:%S%.f",
            "%Y-%m-%d %H:%M",
        ] {
            if let Ok(dt) = NaiveDateTime::parse_from_str(s, fmt) {
                return Some(Published::Date(dt.date()));
            }
        }
        for fmt in [
            "%Y-%m-%d",
            "%Y/%m/%d",
            "%Y%m%d",
            "%d.%m.%Y",
            "%B %d, %Y",
            "%b %d, %Y",
            "%d %B %Y",
        ] {
            if let Ok(d) = NaiveDate::parse_from_str(s, fmt) {
                return Some(Published::Date(d));
            }
        }
        // A date followed by anything else ("2023-05-24T10:00:00Z[UTC]", "2023-05-24 ...").
        if s.len() > 10 && s.is_char_boundary(10) {
            if let Ok(d) = NaiveDate::parse_from_str(&s[..10], "%Y-%m-%d") {
                return Some(Published::Date(d));
            }
        }
        None
    }

    /// The calendar day (in the source's own offset).
    pub fn date(&self) -> NaiveDate {
        match self {
            Published::Date(d) => *d,
            Published::DateTime(dt) => dt.date_naive(),
        }
    }
}

impl fmt::Display for Published {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Published::Date(d) => write!(f, "{}", d.format("%Y-%m-%d")),
            Published::DateTime(dt) => f.write_str(&dt.to_rfc3339()),
        }
    }
}

impl Serialize for Published {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Published {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Published::parse(&s).ok_or_else(|| serde::de::Error::custom(format!("bad date {s:?}")))
    }
}

/// Metadata that came with an article, from a sidecar, a JSON field, WARC headers or HTML.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Meta {
    /// Canonical URL of the article.
    pub url: Option<String>,
    /// Publishing outlet ("Reuters", "Military Times").
    pub outlet: Option<String>,
    /// Headline.
    pub title: Option<String>,
    /// Publication date or time.
    pub published: Option<Published>,
    /// Language as an ISO 639-1 code, when the source declares it.
    pub language: Option<String>,
}

impl Meta {
    /// Fill every field still unset in `self` from `other`.
    pub fn or(mut self, other: Meta) -> Meta {
        self.url = self.url.or(other.url);
        self.outlet = self.outlet.or(other.outlet);
        self.title = self.title.or(other.title);
        self.published = self.published.or(other.published);
        self.language = self.language.or(other.language);
        self
    }
}

/// The body of a raw document, decoded to text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Body {
    /// An HTML page.
    Html(String),
    /// Plain text, possibly flattened from a page by a crawler (boilerplate lines and all).
    Text(String),
}

impl Body {
    /// The decoded text, whatever its kind.
    pub fn as_str(&self) -> &str {
        match self {
            Body::Html(s) | Body::Text(s) => s,
        }
    }
}

/// One article as ingest read it, before cleaning.
#[derive(Debug, Clone, PartialEq)]
pub struct RawDocument {
    /// Article id: file name without format extensions, JSON `id`, or WARC record id.
    pub id: String,
    /// Where it came from: a path, with `:LINE` for JSON Lines or `#RECORD` for WARC.
    pub source: String,
    /// Metadata known before cleaning.
    pub meta: Meta,
    /// The decoded body.
    pub body: Body,
    /// When the page was fetched (a WARC record's `WARC-Date`). Used as the publication date
    /// only when neither the metadata nor the page itself gives one.
    pub fetched: Option<Published>,
    /// Problems met while reading (all warnings: a raw document exists).
    pub errors: Vec<ArticleError>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_usual_date_forms_without_inventing_precision() {
        let d = |s: &str| Published::parse(s).map(|p| p.to_string());
        assert_eq!(d("2022-04-01").as_deref(), Some("2022-04-01"));
        assert_eq!(
            d("2023-05-24T08:15:00Z").as_deref(),
            Some("2023-05-24T08:15:00+00:00")
        );
        assert_eq!(
            d("2023-05-24T08:15:00+0300").as_deref(),
            Some("2023-05-24T08:15:00+03:00")
        );
        assert_eq!(
            d("Wed, 24 May 2023 08:15:00 GMT").as_deref(),
            Some("2023-05-24T08:15:00+00:00")
        );
        // No offset: keep the day only.
        assert_eq!(d("2023-05-24T08:15:00").as_deref(), Some("2023-05-24"));
        assert_eq!(d("2023/05/24").as_deref(), Some("2023-05-24"));
        assert_eq!(d("May 24, 2023").as_deref(), Some("2023-05-24"));
        assert_eq!(d("yesterday"), None);
        assert_eq!(d(""), None);
        assert_eq!(d("2023-13-45"), None);
    }

    #[test]
    fn published_round_trips_through_json() {
        let p = Published::parse("2023-05-24T08:15:00+03:00").unwrap();
        let j = serde_json::to_string(&p).unwrap();
        assert_eq!(j, "\"2023-05-24T08:15:00+03:00\"");
        let back: Published = serde_json::from_str(&j).unwrap();
        assert_eq!(back, p);
    }

    #[test]
    fn meta_or_keeps_what_is_set() {
        let a = Meta {
            outlet: Some("A".into()),
            ..Meta::default()
        };
        let b = Meta {
            outlet: Some("B".into()),
            url: Some("u".into()),
            ..Meta::default()
        };
        let m = a.or(b);
        assert_eq!(m.outlet.as_deref(), Some("A"));
        assert_eq!(m.url.as_deref(), Some("u"));
    }
}

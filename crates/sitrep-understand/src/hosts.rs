//! The outlet's country from the host of an article's address (`data/hosts.tsv`): a country
//! code top-level domain ("dawn.com.pk", "punchng.com.ng" → PK, NG), not the generic ones
//! ("x.co", "y.io"). The linker counts it as evidence for that country, like a demonym.

use std::collections::HashMap;
use std::sync::OnceLock;

/// The table: ccTLDs that are not their country's code, and those in generic use.
pub const TABLE: &str = include_str!("../data/hosts.tsv");

fn exceptions() -> &'static HashMap<&'static str, Option<&'static str>> {
    static T: OnceLock<HashMap<&'static str, Option<&'static str>>> = OnceLock::new();
    T.get_or_init(|| {
        TABLE
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .filter_map(|l| {
                let (tld, cc) = l.split_once('\t')?;
                Some((tld.trim(), (cc.trim() != "-").then_some(cc.trim())))
            })
            .collect()
    })
}

/// The host of a web address (`https://www.example.com.ng/news/1` → `www.example.com.ng`), or
/// the outlet itself when it is written as a host ("example.co.uk").
pub fn host(url_or_outlet: &str) -> Option<&str> {
    let s = url_or_outlet.trim();
    // An archived or wrapped address ("https://web.archive.org/web/2016/https://x.com.ng/a")
    // is the page it holds.
    let s = s.rsplit_once("://").map_or(s, |(_, rest)| rest);
    let s = s.split(['/', '?', '#']).next()?;
    let s = s.rsplit_once('@').map_or(s, |(_, h)| h);
    let s = s.split(':').next()?;
    (s.contains('.') && !s.contains(' ')).then_some(s.trim_end_matches('.'))
}

/// The country (ISO 3166-1 alpha-2, upper case) a host's country-code domain stands for.
pub fn country_of_host(host: &str) -> Option<String> {
    let tld = host.rsplit('.').next()?.to_ascii_lowercase();
    if tld.len() != 2 || !tld.chars().all(|c| c.is_ascii_lowercase()) {
        return None;
    }
    match exceptions().get(tld.as_str()) {
        Some(None) => None,
        Some(Some(cc)) => Some(cc.to_string()),
        None => Some(tld.to_ascii_uppercase()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_and_their_countries() {
        assert_eq!(
            host("https://www.example.com.ng/a/b?c=1"),
            Some("www.example.com.ng")
        );
        assert_eq!(host("example.co.uk"), Some("example.co.uk"));
        assert_eq!(host("Reuters"), None);
        assert_eq!(
            host("http://web.archive.org/web/20160929/http://www.example.co.uk/news/1"),
            Some("www.example.co.uk")
        );
        assert_eq!(country_of_host("www.example.com.ng").as_deref(), Some("NG"));
        assert_eq!(country_of_host("news.example.co.uk").as_deref(), Some("GB"));
        assert_eq!(country_of_host("example.com"), None);
        assert_eq!(country_of_host("example.io"), None);
        assert_eq!(country_of_host("example.tv"), None);
    }
}

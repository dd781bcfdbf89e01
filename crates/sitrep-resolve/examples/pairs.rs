//! Diagnostics: for article pairs that a gold clustering puts together but the resolution
//! keeps apart (or the reverse), print their reports and pair score.
//!
//! `cargo run --release -p sitrep-resolve --example pairs -- OUT/articles.jsonl GOLD.csv`
//! (GOLD.csv: `article_id,event_id` lines).

use sitrep_core::Article;
use sitrep_resolve::{pair_score, resolve, Report};
use std::collections::HashMap;
use std::io::BufRead;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let f = std::io::BufReader::new(std::fs::File::open(&args[1]).expect("articles.jsonl"));
    let mut mains: HashMap<String, Report> = HashMap::new();
    let mut all = Vec::new();
    for line in f.lines() {
        let a: Article = serde_json::from_str(&line.unwrap()).unwrap();
        for r in Report::from_article(&a) {
            if r.main {
                mains.insert(a.id.clone(), r.clone());
            }
            all.push(r);
        }
    }
    let gold: HashMap<String, String> = std::fs::read_to_string(&args[2])
        .unwrap()
        .lines()
        .filter_map(|l| l.split_once(','))
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    let res = resolve(all);
    let ev = |a: &str| res.event_of(a, &mains[a].mention).unwrap().to_string();
    let mut ids: Vec<&String> = mains.keys().collect();
    ids.sort();
    let show = |r: &Report| {
        format!(
            "{} pub={:?} date={:?} place={:?} site={:?} {:?} people={:?}",
            &r.article[..6.min(r.article.len())],
            r.published,
            r.date.as_ref().map(|d| (d.start, d.end)),
            r.place.as_ref().map(|p| (&p.name, &p.admin1)),
            r.site,
            r.sub_event_type,
            r.people
        )
    };
    for (i, a) in ids.iter().enumerate() {
        for b in &ids[i + 1..] {
            let (ga, gb) = (gold.get(*a), gold.get(*b));
            if ga.is_none() || gb.is_none() {
                continue;
            }
            let same_gold = ga == gb;
            let same_sys = ev(a) == ev(b);
            if same_gold != same_sys {
                let (ra, rb) = (&mains[*a], &mains[*b]);
                let members = |e: &str| {
                    res.events.iter().find(|x| x.id == e).map(|x| {
                        x.articles
                            .iter()
                            .map(|a| a[..6].to_string())
                            .collect::<Vec<_>>()
                    })
                };
                println!(
                    "{} score={:?} {:?} {:?}\n  {}\n  {}",
                    if same_gold { "MISSED" } else { "WRONG" },
                    pair_score(ra, rb),
                    members(&ev(a)),
                    members(&ev(b)),
                    show(ra),
                    show(rb)
                );
            }
        }
    }
}

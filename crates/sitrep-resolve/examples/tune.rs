//! Diagnostics: B³ of the article → event clustering against a gold CSV, over a range of link
//! thresholds. `cargo run --release -p sitrep-resolve --example tune -- OUT/articles.jsonl
//! GOLD.csv` (GOLD.csv: `article_id,event_id`; articles absent from it are ignored).

use sitrep_core::Article;
use sitrep_resolve::{resolve_with, Options, Report};
use std::collections::HashMap;
use std::io::BufRead;

fn b3(sys: &HashMap<String, String>, gold: &HashMap<String, String>) -> (f64, f64, f64) {
    let ids: Vec<&String> = gold.keys().filter(|k| sys.contains_key(*k)).collect();
    let (mut p, mut r) = (0.0, 0.0);
    for a in &ids {
        let s: Vec<&&String> = ids.iter().filter(|b| sys[**b] == sys[*a]).collect();
        let g: Vec<&&String> = ids.iter().filter(|b| gold[**b] == gold[*a]).collect();
        let both = s.iter().filter(|b| gold[***b] == gold[*a]).count() as f64;
        p += both / s.len() as f64;
        r += both / g.len() as f64;
    }
    let n = ids.len() as f64;
    let (p, r) = (p / n, r / n);
    (p, r, 2.0 * p * r / (p + r))
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let f = std::io::BufReader::new(std::fs::File::open(&args[1]).expect("articles.jsonl"));
    let mut reports = Vec::new();
    let mut ids = Vec::new();
    for line in f.lines() {
        let a: Article = serde_json::from_str(&line.unwrap()).unwrap();
        ids.push(a.id.clone());
        reports.extend(Report::from_article(&a));
    }
    let gold: HashMap<String, String> = std::fs::read_to_string(&args[2])
        .unwrap()
        .lines()
        .filter_map(|l| l.split_once(','))
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    for link in [2.0, 2.25, 2.5, 2.75, 3.0, 3.25, 3.5, 4.0] {
        let res = resolve_with(reports.clone(), &Options { link });
        let mains: HashMap<&str, &str> = reports
            .iter()
            .filter(|r| r.main)
            .map(|r| (r.article.as_str(), r.mention.as_str()))
            .collect();
        let sys: HashMap<String, String> = ids
            .iter()
            .map(|a| {
                let e = mains
                    .get(a.as_str())
                    .and_then(|m| res.event_of(a, m))
                    .map_or_else(|| format!("single:{a}"), str::to_string);
                (a.clone(), e)
            })
            .collect();
        let (p, r, f) = b3(&sys, &gold);
        println!("link {link:.2}: B3 P {p:.3} R {r:.3} F1 {f:.3}");
    }
}

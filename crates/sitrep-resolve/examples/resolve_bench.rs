//! Time and memory of cross-article resolution on the articles of a `sitrep run`.
//!
//! ```text
//! cargo run --release -p sitrep-resolve --example resolve_bench -- DIR/articles.jsonl [--gold GOLD.csv]
//! ```
//!
//! Reads `articles.jsonl` line by line, cuts each article to its [`Report`]s (the article is
//! dropped at once), then times [`sitrep_resolve::resolve`] and reads the process's memory
//! from `/proc/self/status` (Linux): the resident set before resolving, and the peak while
//! resolving (the peak is reset through `/proc/self/clear_refs` first where the kernel allows
//! it; otherwise it is the peak of the whole process). Prints one JSON object.
//!
//! With `--gold` (`article_id,event_id`, as `gencorpus` writes), also scores the clustering
//! of articles with B³: an article's event is the event of its main report; an article with
//! no main report is a singleton. The score of the run's own `main_event` fields is given
//! beside it (they should agree: resolution depends only on the set of reports).

use sitrep_core::Article;
use sitrep_resolve::{resolve, Report};
use std::collections::HashMap;
use std::io::BufRead;
use std::time::Instant;

/// A `kB` figure of `/proc/self/status`, in bytes.
fn status(field: &str) -> Option<u64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = s.lines().find(|l| l.starts_with(field))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// CPU seconds (user + system) of this process so far: less disturbed than wall time when
/// the machine is shared. From `/proc/self/stat`, in clock ticks of 1/100 s.
fn cpu_seconds() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which is in parentheses and may hold spaces).
    let rest = &s[s.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks: u64 = f.get(11)?.parse::<u64>().ok()? + f.get(12)?.parse::<u64>().ok()?;
    Some(ticks as f64 / 100.0)
}

/// Reset the peak resident set (Linux ≥ 4.0); false where not allowed.
fn reset_peak() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

fn mib(b: Option<u64>) -> serde_json::Value {
    b.map_or(serde_json::Value::Null, |b| {
        serde_json::json!((b as f64 / 1048576.0 * 10.0).round() / 10.0)
    })
}

/// B³ precision, recall and F1 of `pred` against `gold`, over the items both give.
fn b_cubed(pred: &HashMap<String, String>, gold: &HashMap<String, String>) -> (f64, f64, f64) {
    let mut joint: HashMap<(&str, &str), f64> = HashMap::new();
    let mut psize: HashMap<&str, f64> = HashMap::new();
    let mut gsize: HashMap<&str, f64> = HashMap::new();
    let mut n = 0.0;
    for (item, g) in gold {
        let Some(p) = pred.get(item) else { continue };
        *joint.entry((p, g)).or_default() += 1.0;
        *psize.entry(p).or_default() += 1.0;
        *gsize.entry(g).or_default() += 1.0;
        n += 1.0;
    }
    if n == 0.0 {
        return (0.0, 0.0, 0.0);
    }
    let (mut p, mut r) = (0.0, 0.0);
    for (&(pc, gc), &c) in &joint {
        p += c * c / psize[pc];
        r += c * c / gsize[gc];
    }
    let (p, r) = (p / n, r / n);
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f)
}

/// An estimate, from the documented blocking rule (not the crate's code): pairs of reports in
/// one settlement whose windows lie at most 30 days apart, and how many of them give dates
/// that already rule them out (days more than a day apart, or coarser dates not overlapping).
fn settlement_block(reports: &[Report]) -> (u64, u64) {
    use chrono::NaiveDate;
    type Win = (NaiveDate, NaiveDate, Option<(NaiveDate, NaiveDate, bool)>);
    let mut by: HashMap<&str, Vec<Win>> = HashMap::new();
    for r in reports {
        let Some(p) = &r.place else { continue };
        if !matches!(
            p.precision,
            sitrep_core::GeoPrecision::Exact | sitrep_core::GeoPrecision::Near
        ) || p.lat.is_none()
        {
            continue;
        }
        let (Some(k), Some(w)) = (p.kb_id.as_deref(), r.window()) else {
            continue;
        };
        let d = r.date.as_ref().map(|d| (d.start, d.end, d.is_day()));
        by.entry(k).or_default().push((w.0, w.1, d));
    }
    let gap = |a: (NaiveDate, NaiveDate), b: (NaiveDate, NaiveDate)| {
        if a.1 < b.0 {
            (b.0 - a.1).num_days()
        } else if b.1 < a.0 {
            (a.0 - b.1).num_days()
        } else {
            0
        }
    };
    let (mut pairs, mut apart) = (0u64, 0u64);
    for list in by.values_mut() {
        list.sort_by_key(|w| w.0);
        for (k, a) in list.iter().enumerate() {
            let limit = a.1 + chrono::Duration::days(30);
            for b in &list[k + 1..] {
                if b.0 > limit {
                    break;
                }
                pairs += 1;
                if let (Some(x), Some(y)) = (a.2, b.2) {
                    let slack = if x.2 && y.2 { 1 } else { 0 };
                    if gap((x.0, x.1), (y.0, y.1)) > slack {
                        apart += 1;
                    }
                }
            }
        }
    }
    (pairs, apart)
}

/// An estimate, from the documented blocking rule: pairs of a report with no place and any
/// other report whose windows lie at most a day apart.
fn unplaced_block(reports: &[Report]) -> u64 {
    let mut wins: Vec<_> = reports.iter().filter_map(Report::window).collect();
    wins.sort();
    let mut pairs = 0u64;
    for r in reports.iter().filter(|r| r.place.is_none()) {
        let Some((lo, hi)) = r.window() else { continue };
        let from = wins.partition_point(|w| w.0 < lo - chrono::Duration::days(32));
        for w in &wins[from..] {
            if w.0 > hi + chrono::Duration::days(1) {
                break;
            }
            let gap = if w.1 < lo {
                (lo - w.1).num_days()
            } else if hi < w.0 {
                (w.0 - hi).num_days()
            } else {
                0
            };
            if gap <= 1 {
                pairs += 1;
            }
        }
        pairs = pairs.saturating_sub(1); // itself
    }
    pairs
}

fn round(x: f64, places: i32) -> f64 {
    let m = 10f64.powi(places);
    (x * m).round() / m
}

fn main() {
    let mut path = None;
    let mut gold_path = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--gold" => gold_path = args.next(),
            _ if path.is_none() && !a.starts_with("--") => path = Some(a),
            _ => {
                eprintln!("usage: resolve_bench ARTICLES.jsonl [--gold GOLD.csv]");
                std::process::exit(2);
            }
        }
    }
    let Some(path) = path else {
        eprintln!("usage: resolve_bench ARTICLES.jsonl [--gold GOLD.csv]");
        std::process::exit(2);
    };

    let started = Instant::now();
    let file = std::fs::File::open(&path).expect("open articles.jsonl");
    let mut reports: Vec<Report> = Vec::new();
    let mut articles: Vec<String> = Vec::new();
    // The run's own answer: article → its main event.
    let mut run_event: HashMap<String, String> = HashMap::new();
    // Article → the mention id of its main report.
    let mut main_of: HashMap<String, String> = HashMap::new();
    for line in std::io::BufReader::with_capacity(1 << 20, file).lines() {
        let line = line.expect("read articles.jsonl");
        if line.trim().is_empty() {
            continue;
        }
        let a: Article = serde_json::from_str(&line).expect("an article");
        for r in Report::from_article(&a) {
            if r.main {
                main_of.insert(r.article.clone(), r.mention.clone());
            }
            reports.push(r);
        }
        if let Some(e) = &a.main_event {
            run_event.insert(a.id.clone(), e.clone());
        }
        articles.push(a.id);
    }
    reports.shrink_to_fit();
    let load_s = started.elapsed().as_secs_f64();
    let n_reports = reports.len();
    let main_reports = reports.iter().filter(|r| r.main).count();
    let placed = |f: fn(&Report) -> bool| reports.iter().filter(|r| f(r)).count();
    let with_settlement = placed(|r| {
        r.place.as_ref().is_some_and(|p| {
            matches!(
                p.precision,
                sitrep_core::GeoPrecision::Exact | sitrep_core::GeoPrecision::Near
            )
        })
    });
    let without_place = placed(|r| r.place.is_none());
    let dated = placed(|r| r.date.is_some());
    let (settlement_pairs, settlement_pairs_date_apart) = settlement_block(&reports);
    let unplaced_pairs = unplaced_block(&reports);

    let rss_before = status("VmRSS:");
    let peak_reset = reset_peak();
    let hwm_before = status("VmHWM:");
    let cpu0 = cpu_seconds();
    let t = Instant::now();
    let resolution = resolve(reports);
    let resolve_s = t.elapsed().as_secs_f64();
    let resolve_cpu = cpu_seconds().zip(cpu0).map(|(b, a)| round(b - a, 2));
    let peak = status("VmHWM:");
    let rss_after = status("VmRSS:");

    let mut out = serde_json::json!({
        "articles": articles.len(),
        "reports": n_reports,
        "main_reports": main_reports,
        "reports_with_settlement": with_settlement,
        "reports_without_place": without_place,
        "reports_dated": dated,
        "est_settlement_block_pairs": settlement_pairs,
        "est_settlement_block_pairs_days_apart": settlement_pairs_date_apart,
        "est_unplaced_block_pairs": unplaced_pairs,
        "load_seconds": round(load_s, 3),
        "resolve_seconds": round(resolve_s, 3),
        "resolve_cpu_seconds": resolve_cpu,
        "events": resolution.events.len(),
        "rss_before_mib": mib(rss_before),
        "peak_reset": peak_reset,
        "peak_before_mib": mib(hwm_before),
        "peak_during_resolve_mib": mib(peak),
        "rss_after_mib": mib(rss_after),
        "resolve_peak_delta_mib": mib(peak.zip(rss_before).map(|(p, b)| p.saturating_sub(b))),
    });

    if let Some(gold_path) = gold_path {
        let text = std::fs::read_to_string(&gold_path).expect("read gold");
        let gold: HashMap<String, String> = text
            .lines()
            .skip(1)
            .filter_map(|l| {
                let (a, e) = l.split_once(',')?;
                Some((a.to_string(), e.to_string()))
            })
            .collect();
        // Article → the event of its main report. (A map over the assignments: looking each
        // article up with `Resolution::event_of` is a linear scan per call.)
        let mut pred: HashMap<String, String> = articles
            .iter()
            .map(|a| (a.clone(), format!("singleton:{a}")))
            .collect();
        for (a, m, e) in &resolution.assignments {
            if main_of.get(a.as_str()) == Some(m) {
                pred.insert(a.clone(), e.clone());
            }
        }
        let run_pred: HashMap<String, String> = articles
            .iter()
            .map(|a| {
                let e = run_event.get(a).cloned();
                (a.clone(), e.unwrap_or_else(|| format!("singleton:{a}")))
            })
            .collect();
        let (p, r, f) = b_cubed(&pred, &gold);
        let (rp, rr, rf) = b_cubed(&run_pred, &gold);
        let gold_events: std::collections::HashSet<&String> = gold.values().collect();
        let missing = gold.keys().filter(|a| !pred.contains_key(*a)).count();
        let with_event = pred
            .values()
            .filter(|e| !e.starts_with("singleton:"))
            .count();
        out["gold"] = serde_json::json!({
            "articles": gold.len(),
            "events": gold_events.len(),
            "articles_missing_from_run": missing,
            "b3_precision": round(p, 4),
            "b3_recall": round(r, 4),
            "b3_f1": round(f, 4),
            "run_main_event_b3_f1": round(rf, 4),
            "run_main_event_b3_precision": round(rp, 4),
            "run_main_event_b3_recall": round(rr, 4),
            "articles_with_event": with_event,
        });
    }
    println!("{}", serde_json::to_string_pretty(&out).expect("json"));
}

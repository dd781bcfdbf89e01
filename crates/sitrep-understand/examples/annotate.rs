//! Print what the understand stage finds in text files: `annotate FILE... [--published YYYY-MM-DD]`.

use sitrep_core::{Annotator, Article, Published};
use sitrep_understand::Understand;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let published = args
        .iter()
        .position(|a| a == "--published")
        .and_then(|i| args.get(i + 1))
        .and_then(|d| Published::parse(d));
    let understand = Understand::default();
    for path in args
        .iter()
        .filter(|a| !a.starts_with("--") && Published::parse(a).is_none())
    {
        let text = std::fs::read_to_string(path).expect("readable file");
        let mut a = Article {
            text,
            published,
            ..Article::default()
        };
        understand.annotate(&mut a).expect("annotates");
        println!("== {path}");
        for m in a.mentions.iter().flatten() {
            let geo = m
                .geo
                .as_ref()
                .map(|g| format!(" [{:?} {:?} {:?}]", g.country, g.admin1, g.precision))
                .unwrap_or_default();
            println!(
                "{:>12?} {:40} → {:?} {:?} {:.2}{}{}",
                m.kind,
                m.text,
                m.canonical,
                m.kb_id,
                m.confidence,
                m.role
                    .as_ref()
                    .map(|r| format!(" role={r}"))
                    .unwrap_or_default(),
                geo
            );
        }
        for q in a.quantities.iter().flatten() {
            println!("quantity {q:?}");
        }
        for c in a.claims.iter().flatten() {
            println!("claim {c:?}");
        }
    }
}

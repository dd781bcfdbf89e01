//! Clean one plain-text or HTML file and print what was removed and the title.
//!
//! `cargo run -p sitrep-clean --example clean_file -- FILE`
use sitrep_clean::DefaultCleaner;
use sitrep_core::{Body, Cleaner, Meta, RawDocument};

fn main() {
    let path = std::env::args().nth(1).expect("usage: clean_file FILE");
    let data = std::fs::read_to_string(&path).expect("readable UTF-8 file");
    let body = if path.ends_with(".html") || path.ends_with(".htm") {
        Body::Html(data)
    } else {
        Body::Text(data)
    };
    let raw = RawDocument {
        id: path.clone(),
        source: path,
        meta: Meta::default(),
        body,
        errors: vec![],
        fetched: None,
    };
    let a = DefaultCleaner::default().clean(raw);
    println!("TITLE: {:?}  LANG: {:?}", a.title, a.language);
    for r in &a.removed {
        println!(
            "REMOVED {:?}: {}",
            r.reason,
            r.text.chars().take(100).collect::<String>()
        );
    }
    println!("--- {} chars kept", a.text.chars().count());
}

//! `meta.jsonl` sidecars: metadata for the files of a directory, one JSON object per line,
//! `{"file", "published", "outlet", "url", "title", "language"}`. A sidecar's values win over
//! anything the file itself says.

use crate::error::Problem;
use crate::io::{read_line, Line};
use crate::Item;
use serde::Deserialize;
use serde_json::Value;
use sitrep_core::{ArticleError, Meta, Published};
use std::collections::HashMap;
use std::fs::File;
use std::io::BufReader;
use std::path::{Path, PathBuf};

/// The name of a sidecar file.
pub const SIDECAR_NAME: &str = "meta.jsonl";

/// Longest sidecar line read.
const MAX_LINE: u64 = 1024 * 1024;

/// One sidecar line.
#[derive(Debug, Deserialize)]
struct SidecarLine {
    file: String,
    #[serde(default)]
    published: Option<Value>,
    #[serde(default)]
    outlet: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    language: Option<String>,
}

/// What a sidecar says about one file.
#[derive(Debug, Clone, Default)]
pub(crate) struct Entry {
    /// Values to put over the file's own.
    pub meta: Meta,
    /// Problems with the line (an unparseable date), attached to the file's documents.
    pub warnings: Vec<ArticleError>,
}

/// The sidecars met so far, by directory, each read once.
#[derive(Debug, Default)]
pub(crate) struct Sidecars {
    by_dir: HashMap<PathBuf, HashMap<String, Entry>>,
}

impl Sidecars {
    /// The sidecar entry for `path`, from `meta.jsonl` in its directory.
    ///
    /// The first time a directory's sidecar is read, its malformed lines come back as
    /// [`Item::Failed`] (with a warning severity: no article is lost) to be yielded first.
    pub(crate) fn lookup(&mut self, path: &Path) -> (Vec<Item>, Option<Entry>) {
        let dir = path.parent().unwrap_or(Path::new("")).to_path_buf();
        let mut problems = Vec::new();
        let entries = self.by_dir.entry(dir).or_insert_with_key(|dir| {
            let (entries, p) = load(&dir.join(SIDECAR_NAME));
            problems = p;
            entries
        });
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        let entry = name.and_then(|n| entries.get(&n).cloned());
        (problems, entry)
    }
}

/// Read the sidecar at `path`, if there is one.
fn load(path: &Path) -> (HashMap<String, Entry>, Vec<Item>) {
    let mut entries = HashMap::new();
    let mut problems = Vec::new();
    if !path.is_file() {
        return (entries, problems);
    }
    let shown = path.display().to_string();
    // A bad sidecar line loses no article: a warning naming the sidecar and line.
    let warn = |at: &String, msg: String| Item::Failed {
        source: at.clone(),
        error: Problem::BadMetadata {
            at: at.clone(),
            msg,
        }
        .warning(),
    };
    let mut reader = match File::open(path) {
        Ok(f) => BufReader::new(f),
        Err(err) => {
            let msg = format!("cannot read sidecar: {err}");
            problems.push(warn(&shown, msg));
            return (entries, problems);
        }
    };
    let mut buf = Vec::new();
    for n in 1.. {
        let at = format!("{shown}:{n}");
        let line = match read_line(&mut reader, &mut buf, MAX_LINE) {
            Ok(Line::Eof) => break,
            Ok(Line::Terminated | Line::Last) => buf.strip_prefix(b"\xef\xbb\xbf").unwrap_or(&buf),
            Ok(Line::TooLong(len)) => {
                let msg = format!("sidecar line is {len} bytes; ignored");
                problems.push(warn(&at, msg));
                continue;
            }
            Err(err) => {
                let msg = format!("cannot read sidecar: {err}");
                problems.push(warn(&at, msg));
                break;
            }
        };
        if line.trim_ascii().is_empty() {
            continue;
        }
        let parsed: SidecarLine = match serde_json::from_slice(line) {
            Ok(p) => p,
            Err(err) => {
                let msg = format!("bad sidecar line: {err}");
                problems.push(warn(&at, msg));
                continue;
            }
        };
        let (file, entry) = to_entry(parsed, &at);
        entries.insert(file, entry);
    }
    (entries, problems)
}

fn to_entry(line: SidecarLine, at: &str) -> (String, Entry) {
    let mut warnings = Vec::new();
    let published = match line.published {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) if s.trim().is_empty() => None,
        Some(v) => {
            let s = v.as_str().map_or_else(|| v.to_string(), str::to_string);
            let p = Published::parse(&s);
            if p.is_none() {
                let msg = format!("sidecar `published` {v} is not a date; ignored");
                warnings.push(
                    Problem::BadMetadata {
                        at: at.to_string(),
                        msg,
                    }
                    .warning(),
                );
            }
            p
        }
    };
    let non_empty = |s: Option<String>| s.filter(|s| !s.trim().is_empty());
    let meta = Meta {
        url: non_empty(line.url),
        outlet: non_empty(line.outlet),
        title: non_empty(line.title),
        published,
        language: non_empty(line.language),
    };
    let file = line.file.trim().trim_start_matches("./").to_string();
    (file, Entry { meta, warnings })
}

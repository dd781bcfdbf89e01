//! Turning command-line arguments into inputs.

use crate::sidecar::SIDECAR_NAME;
use crate::Input;
use std::path::PathBuf;
use walkdir::WalkDir;

/// Expand user arguments into inputs, in order.
///
/// - `-` is [`Input::Stdin`] (JSON Lines on standard input);
/// - a directory is walked recursively into [`Input::Walked`] (ids relative to it), entries sorted by file name, hidden files and
///   directories (names starting with `.`) skipped, `meta.jsonl` sidecars left out (they are
///   read by the [`crate::Reader`] for the files next to them), symbolic links followed;
/// - anything else, a file or a path that does not exist, is [`Input::Path`] as given: a
///   path that cannot be read becomes an [`crate::Item::Failed`] when it is read, so one bad
///   argument never stops a run. So does a directory that cannot be walked.
pub fn discover(args: &[PathBuf]) -> Vec<Input> {
    let mut inputs = Vec::new();
    for arg in args {
        if arg.as_os_str() == "-" {
            inputs.push(Input::Stdin);
        } else if arg.is_dir() {
            walk(arg, &mut inputs);
        } else {
            inputs.push(Input::Path(arg.clone()));
        }
    }
    inputs
}

fn walk(root: &PathBuf, inputs: &mut Vec<Input>) {
    let walker = WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        match entry {
            Ok(e) if e.file_type().is_dir() => {}
            Ok(e) if e.depth() > 0 && e.file_name() == SIDECAR_NAME => {}
            Ok(e) => inputs.push(Input::Walked {
                root: root.clone(),
                path: e.into_path(),
            }),
            // Reading the path again reports why it cannot be read.
            Err(err) => inputs.push(Input::Path(err.path().unwrap_or(root).to_path_buf())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    #[test]
    fn walks_sorted_skipping_hidden_and_sidecars() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        fs::create_dir_all(d.join("b/sub")).unwrap();
        fs::create_dir_all(d.join(".git")).unwrap();
        for f in [
            "z.txt",
            "a.txt",
            "b/sub/c.txt",
            "b/a.html",
            ".hidden.txt",
            ".git/x",
            "meta.jsonl",
        ] {
            fs::write(d.join(f), "x").unwrap();
        }
        let got = discover(&[d.to_path_buf(), "-".into(), d.join("nope.txt")]);
        let walked = |f: &str| Input::Walked {
            root: d.to_path_buf(),
            path: d.join(f),
        };
        let want = vec![
            walked("a.txt"),
            walked("b/a.html"),
            walked("b/sub/c.txt"),
            walked("z.txt"),
            Input::Stdin,
            Input::Path(d.join("nope.txt")),
        ];
        assert_eq!(got, want);
    }
}

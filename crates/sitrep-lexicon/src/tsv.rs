//! The TSV format of every rule table in the workspace (`crates/*/data/*.tsv`), and the checks
//! their format tests share.
//!
//! A table starts with a `#` header saying what it holds, how a row is read and where its
//! entries come from. Then one row per line, columns separated by tabs. Lines starting with `#`
//! and blank lines are ignored everywhere, so a table may be divided by comment lines.

/// One row of a table: its line number (1-based) and its tab-separated columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row<'a> {
    /// Line number in the file, from 1.
    pub line: usize,
    /// The columns, split at tabs (trailing spaces and carriage returns removed from the line).
    pub cols: Vec<&'a str>,
}

impl<'a> Row<'a> {
    /// Column `i`, or `""` past the last one.
    pub fn col(&self, i: usize) -> &'a str {
        self.cols.get(i).copied().unwrap_or("")
    }
}

/// The data rows of a table: comment lines and blank lines skipped.
pub fn rows(text: &str) -> impl Iterator<Item = Row<'_>> {
    text.lines().enumerate().filter_map(|(n, line)| {
        let line = line.trim_end();
        (!line.is_empty() && !line.starts_with('#')).then(|| Row {
            line: n + 1,
            cols: line.split('\t').collect(),
        })
    })
}

/// The rows of a table that must have exactly `columns` columns, none empty.
///
/// # Errors
/// The first row with another column count or an empty column, as `name:line: message`.
pub fn rows_exact<'a>(name: &str, text: &'a str, columns: usize) -> Result<Vec<Row<'a>>, String> {
    let mut out = Vec::new();
    for row in rows(text) {
        if row.cols.len() != columns {
            return Err(format!(
                "{name}:{}: {} columns, expected {columns}",
                row.line,
                row.cols.len()
            ));
        }
        if let Some(i) = row.cols.iter().position(|c| c.trim().is_empty()) {
            return Err(format!("{name}:{}: column {} is empty", row.line, i + 1));
        }
        out.push(row);
    }
    Ok(out)
}

/// The checks every table passes: a `#` header of at least three lines that names where the
/// entries come from, rows of exactly `columns` non-empty columns without stray spaces around
/// them, and no row twice.
///
/// # Errors
/// Every problem found, one per line.
pub fn check_table(name: &str, text: &str, columns: usize) -> Result<(), String> {
    let mut problems = Vec::new();
    let header: Vec<&str> = text.lines().take_while(|l| l.starts_with('#')).collect();
    if header.len() < 3 {
        problems.push(format!("{name}: no header (three or more '#' lines first)"));
    }
    let h = header.join("\n").to_lowercase();
    if !(h.contains("column") && (h.contains("written by") || h.contains("source"))) {
        problems.push(format!(
            "{name}: the header must give the columns and where the entries come from"
        ));
    }
    let mut seen = std::collections::HashSet::new();
    for row in rows(text) {
        if row.cols.len() != columns {
            problems.push(format!(
                "{name}:{}: {} columns, expected {columns}",
                row.line,
                row.cols.len()
            ));
        }
        for (i, c) in row.cols.iter().enumerate() {
            if c.is_empty() || c.trim() != *c {
                problems.push(format!(
                    "{name}:{}: column {} is empty or has spaces around it",
                    row.line,
                    i + 1
                ));
            }
        }
        if !seen.insert(row.cols.clone()) {
            problems.push(format!("{name}:{}: duplicate row", row.line));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("\n"))
    }
}

/// Check that column `col` of every row is one of `allowed`.
///
/// # Errors
/// Every row with another value, one per line.
pub fn check_values(name: &str, text: &str, col: usize, allowed: &[&str]) -> Result<(), String> {
    let bad: Vec<String> = rows(text)
        .filter(|r| !allowed.contains(&r.col(col)))
        .map(|r| {
            format!(
                "{name}:{}: column {} is {:?}, expected one of {allowed:?}",
                r.line,
                col + 1,
                r.col(col)
            )
        })
        .collect();
    if bad.is_empty() {
        Ok(())
    } else {
        Err(bad.join("\n"))
    }
}

/// Check that column `col` of every row is lowercase (no uppercase letter).
///
/// # Errors
/// Every row with an uppercase letter there, one per line.
pub fn check_lowercase(name: &str, text: &str, col: usize) -> Result<(), String> {
    let bad: Vec<String> = rows(text)
        .filter(|r| r.col(col).chars().any(char::is_uppercase))
        .map(|r| format!("{name}:{}: {:?} is not lowercase", r.line, r.col(col)))
        .collect();
    if bad.is_empty() {
        Ok(())
    } else {
        Err(bad.join("\n"))
    }
}

/// Check that no value of column `col` occurs twice (a key column).
///
/// # Errors
/// Every repeated value, one per line.
pub fn check_unique(name: &str, text: &str, col: usize) -> Result<(), String> {
    let mut seen = std::collections::HashMap::new();
    let mut bad = Vec::new();
    for r in rows(text) {
        if let Some(first) = seen.insert(r.col(col), r.line) {
            bad.push(format!(
                "{name}:{}: {:?} already on line {first}",
                r.line,
                r.col(col)
            ));
        }
    }
    if bad.is_empty() {
        Ok(())
    } else {
        Err(bad.join("\n"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_skip_comments_and_blanks() {
        let t = "# header\n# columns: a, b\n# written by us\na\tb\n\n# part two\nc\td  \n";
        let r: Vec<_> = rows(t).collect();
        assert_eq!(r.len(), 2);
        assert_eq!((r[1].line, r[1].col(1), r[1].col(5)), (7, "d", ""));
        assert!(check_table("t", t, 2).is_ok());
        assert!(check_table("t", "a\tb\n", 2).is_err());
        assert!(check_table("t", "# x\n# columns\n# written by us\na\tb\na\tb\n", 2).is_err());
        assert!(check_values("t", t, 0, &["a"]).is_err());
        assert!(check_lowercase("t", "A\tb\n", 0).is_err());
        assert!(check_unique("t", "a\tb\na\tc\n", 0).is_err());
        assert!(rows_exact("t", "a\tb\tc\n", 2).is_err());
    }
}

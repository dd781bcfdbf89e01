//! HTML cleaning (being written).
use crate::{rules::Rules, Cleaned};
/// Clean an HTML page.
pub fn clean_html(_html: &str, _rules: &Rules) -> Cleaned { Cleaned::default() }

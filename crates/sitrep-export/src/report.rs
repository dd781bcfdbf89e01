//! `report.md`: the brief an analyst reads.

use crate::text::{self, num, one_line};
use crate::SourceArticle;
use sitrep_core::{ActorRole, Event};
use std::collections::{BTreeSet, HashMap};
use std::io::{self, Write};

/// Writes `report.md`: a header with counts, then one section per event ordered by date
/// (undated last), then id: what/when/where/who, a table of every figure with who gives it
/// (the headline value marked), the disagreements and the sources with links.
pub fn write_report<W: Write>(
    events: &[Event],
    articles: &HashMap<String, SourceArticle>,
    mut w: W,
) -> io::Result<()> {
    let mut order: Vec<&Event> = events.iter().collect();
    order.sort_by(|a, b| date_key(a).cmp(&date_key(b)).then_with(|| a.id.cmp(&b.id)));

    let cited: BTreeSet<&str> = events
        .iter()
        .flat_map(|e| e.articles.iter().map(String::as_str))
        .collect();
    let with_point = events
        .iter()
        .filter(|e| crate::geojson::feature(e).is_some())
        .count();
    let with_fatalities = events.iter().filter(|e| e.fatalities.is_some()).count();
    let disputed = events.iter().filter(|e| !e.conflicts.is_empty()).count();

    writeln!(w, "# Events report")?;
    writeln!(w)?;
    writeln!(
        w,
        "{} events from {} articles: {} placed on the map, {} with a reported death toll, {} \
         where sources disagree.",
        events.len(),
        cited.len(),
        with_point,
        with_fatalities,
        disputed
    )?;
    writeln!(w)?;
    writeln!(
        w,
        "Dates and places are given as precisely as the sources give them, no more. In each \
         numbers table, **bold** marks the headline value of its slot."
    )?;
    for event in order {
        writeln!(w)?;
        write_event(&mut w, event, articles)?;
    }
    w.flush()
}

/// Sort key: the first possible day, undated events last.
fn date_key(e: &Event) -> (bool, String) {
    let d = e.date.start.clone().or_else(|| e.date.end.clone());
    (d.is_none(), d.unwrap_or_default())
}

fn write_event<W: Write>(
    w: &mut W,
    event: &Event,
    articles: &HashMap<String, SourceArticle>,
) -> io::Result<()> {
    let title = one_line(&event.title);
    let title = if title.is_empty() {
        event.id.clone()
    } else {
        title
    };
    writeln!(w, "## {title}")?;
    writeln!(w)?;
    writeln!(
        w,
        "- **What:** {} ({})",
        text::sub_event_type_name(event.sub_event_type),
        text::event_type_name(event.event_type)
    )?;
    writeln!(w, "- **When:** {}", text::date_text(&event.date))?;
    let mut place = text::place_text(event.location.as_ref());
    if let Some(l) = &event.location {
        if let (Some(lat), Some(lon)) = (l.lat, l.lon) {
            place.push_str(&format!(" at {}, {}", text::coord(lat), text::coord(lon)));
        }
    }
    writeln!(w, "- **Where:** {place}")?;
    let mut who = Vec::new();
    for role in [
        ActorRole::Attacker,
        ActorRole::Target,
        ActorRole::Associated,
    ] {
        let names: Vec<&str> = event
            .actors
            .iter()
            .filter(|a| a.role == role)
            .map(|a| a.name.as_str())
            .collect();
        if !names.is_empty() {
            who.push(format!("{}: {}", text::role_name(role), names.join(", ")));
        }
    }
    if who.is_empty() {
        who.push("not named".to_string());
    }
    writeln!(w, "- **Who:** {}", who.join("; "))?;
    let mut figures = vec![format!(
        "killed {}",
        event.fatalities.map_or("not reported".to_string(), num)
    )];
    figures.push(format!(
        "injured {}",
        event.injured.map_or("not reported".to_string(), num)
    ));
    figures.push(format!("{} independent outlet(s)", event.sources));
    writeln!(w, "- **Figures:** {}", figures.join("; "))?;
    writeln!(w, "- **Id:** `{}`", event.id)?;

    if !event.claims.is_empty() {
        writeln!(w)?;
        writeln!(w, "### Numbers")?;
        writeln!(w)?;
        writeln!(
            w,
            "| slot | value | qualifier | who says it | stance | status | article |"
        )?;
        writeln!(w, "|---|---|---|---|---|---|---|")?;
        for c in &event.claims {
            let value = if c.headline {
                format!("**{}** (headline)", num(c.value))
            } else {
                num(c.value)
            };
            let article = match articles.get(&c.article).and_then(text::outlet) {
                Some(o) => format!("{} ({o})", c.article),
                None => c.article.clone(),
            };
            let cells = [
                cell(&c.slot),
                value,
                cell(&text::qualifier(c.qualifier.as_deref()).unwrap_or_default()),
                cell(c.speaker.as_deref().unwrap_or("the outlet")),
                text::stance_name(c.stance).to_string(),
                text::status_name(c.status).to_string(),
                cell(&article),
            ];
            writeln!(w, "| {} |", cells.join(" | "))?;
        }
    }

    if !event.conflicts.is_empty() {
        writeln!(w)?;
        writeln!(w, "### Disagreements")?;
        writeln!(w)?;
        for c in &event.conflicts {
            let values: Vec<String> = c.values.iter().map(text::json_value).collect();
            let mut line = format!("- **{}**: {}", one_line(&c.slot), one_line(&c.note));
            if !values.is_empty() {
                line.push_str(&format!(" (values: {})", values.join(" vs ")));
            }
            if !c.articles.is_empty() {
                line.push_str(&format!(" — articles {}", c.articles.join(", ")));
            }
            writeln!(w, "{line}")?;
        }
    }

    writeln!(w)?;
    writeln!(w, "### Sources")?;
    writeln!(w)?;
    if event.articles.is_empty() {
        writeln!(w, "- none recorded")?;
    }
    for id in &event.articles {
        writeln!(w, "- {}", source_line(id, articles.get(id)))?;
    }
    Ok(())
}

/// One source: `Outlet — [Title](url), 2024-03-05 (article-id)`.
fn source_line(id: &str, a: Option<&SourceArticle>) -> String {
    let Some(a) = a else {
        return format!("article `{id}` (no metadata)");
    };
    let outlet = text::outlet(a).unwrap_or_else(|| "unknown outlet".to_string());
    let title = a
        .title
        .as_deref()
        .map(one_line)
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| "untitled".to_string());
    let link = match a.url.as_deref().map(str::trim).filter(|u| !u.is_empty()) {
        Some(url) => format!("[{}]({})", link_text(&title), link_url(url)),
        None => link_text(&title),
    };
    let mut line = format!("{} — {link}", link_text(&outlet));
    if let Some(p) = a.published.as_deref().filter(|p| !p.is_empty()) {
        line.push_str(&format!(", {p}"));
    }
    line.push_str(&format!(" (`{id}`)"));
    line
}

/// A table cell: one line, `|` escaped.
fn cell(s: &str) -> String {
    one_line(s).replace('|', "\\|")
}

/// Link text: brackets and `|` escaped.
fn link_text(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('[', "\\[")
        .replace(']', "\\]")
        .replace('|', "\\|")
}

/// A link target that cannot end the link early: spaces and parentheses percent-encoded.
fn link_url(u: &str) -> String {
    u.replace(' ', "%20")
        .replace('(', "%28")
        .replace(')', "%29")
}

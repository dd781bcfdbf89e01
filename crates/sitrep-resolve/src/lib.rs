//! sitrep resolve: groups the event mentions of many articles into real-world events and
//! reconciles what the sources say about each.
//!
//! # Flow
//!
//! 1. [`Report::from_article`] cuts each annotated article down to its *reports*: the main
//!    event mention and every background mention the text dates apart from it, each with its
//!    slots (date window, place, actors, counts with their speakers) and the evidence of each
//!    value, plus the people the article names (not speakers, not officials) and the content
//!    words of its headline and opening. The article can then be dropped.
//! 2. [`resolve`] clusters the reports and builds one [`Event`] per cluster.
//! 3. A store that resolves again after every batch uses [`update`] with a [`Memo`]: the
//!    same clustering, reconciling only the clusters whose reports changed.
//!
//! Before resolving, people and groups the knowledge base does not know get one spelling
//! across all the articles ([`names`]): `Andriy`/`Andrey` variants are one name, so they
//! meet in the people block and in the event's actors.
//!
//! # Candidate pairs (blocking)
//!
//! A report's window is the date its text gives (a day, a range, a month) or, without one,
//! the week up to its publication. Pairs are only ever scored when they share a block:
//! the same settlement with windows at most 30 days apart (follow-up reports), the same
//! first-level region within 3 days, the same country within 2 days when one of them is
//! placed no finer than the country, any two within a day when one is an article's main
//! report with no place at all, and two naming the same private person within 120 days.
//! Pairs of two day-dated reports more than a day apart are never formed.
//! A report whose text gives no date may follow up an older event: it is also compared with
//! the earlier reports of its settlement up to a year back (at most 200).
//! Work grows with the reports per region and month, not with the square of the corpus.
//!
//! # Same event or not
//!
//! Two reports are never one event (*cannot-link*) when they come from one article, name
//! different countries or regions, name settlements more than 40 km apart, give days more
//! than a day apart (dates coarser than a day must overlap), date the event after the
//! other report was published, or are a demonstration and an armed attack. Two reports
//! naming the same private people (victims, suspects: not speakers, officials or public
//! figures) are exempt from the place rules and may lie 45 days apart (one person at the same
//! place) or 120 days (two or more: arrests, charges, funerals). Otherwise their score adds:
//! the same place (+2 for a settlement, +1 for a region; a settlement and the region that
//! holds it +1; two settlements of one region +0.25; otherwise one region +0.5), the same
//! unplaced site named (+1.5), time (the same day +1.5; overlapping dates +0.75; a day that
//! falls in the other's publication week +0.75; publication weeks overlapping +0.25; apart:
//! −1 a week, or −1 a month when one of them is dated), the same private people named (+2.5,
//! two or more +3.5), the cosine of the headline-and-opening words weighted by their rarity
//! in the set (×4; the weights are smoothed with 20 pseudo-articles so a small set does not
//! overrate them), the same sub-event type (+0.75; same event type +0.25; different −0.5), the
//! same death toll (+0.5; different −0.25) and the same actor in the same role (+0.5).
//! Pairs scoring at least 3 are linked.
//!
//! # Clustering
//!
//! Links are taken strongest first (ties broken by the reports' article and mention ids),
//! and a link joins two clusters only when every pair across them is compatible — so a
//! chain of links never merges two look-alike events that a cannot-link keeps apart. The
//! result depends only on the *set* of reports: input order never changes it, and
//! resolving again after adding articles gives what one run over all of them gives.
//!
//! # Reconciliation (per event)
//!
//! - **type**: the sub-event type most reports give, an article's main report counting double.
//! - **date**: the day most dated reports give, else the narrowest window; with no date in any
//!   text, the week up to the first publication (precision `week`). Different days given by
//!   different reports are a `date` conflict.
//! - **place**: the most exact place any report gives, the most supported among equals; other
//!   settlements named more than 5 km away are a `location` conflict.
//! - **actors**: every actor named, in the role most articles give it.
//! - **claims**: every count (killed, injured, …) with its speaker, stance, article and
//!   sentence. Status: `denied` when the speaker denies it; `alleged` when the speaker is a
//!   party to the event or alleges it; `corroborated` when two or more outlets give the same
//!   value; else `single_source`. The **headline** value of a slot (ACLED's rule: the most
//!   conservative credible figure) is the lowest non-zero value among corroborated and
//!   single-source claims (alleged ones only when there are no others; never denied ones),
//!   zero only when every credible claim says zero. Claims from different speakers or
//!   articles that allow no common value (`at least 3` and `5` agree; `2` and `0` do not)
//!   are a conflict; so is a source denying the event others report.
//! - **id**: a hash of the anchor report (the earliest published, then by ids): the same for
//!   the same content, and kept when later articles join.

mod cluster;
pub mod names;
mod reconcile;
mod report;

pub use report::{actor_tag, Quote, Report, ReportActor, ReportCount, ReportDate, ReportPlace};

use sitrep_core::Event;
use std::collections::HashMap;

/// The events of a set of reports, and which event each report belongs to.
#[derive(Debug, Clone, Default)]
pub struct Resolution {
    /// Events, by date (then id).
    pub events: Vec<Event>,
    /// `(article id, mention id, event id)` for every report.
    pub assignments: Vec<(String, String, String)>,
}

impl Resolution {
    /// The event of mention `mention` of article `article`.
    pub fn event_of(&self, article: &str, mention: &str) -> Option<&str> {
        self.assignments
            .binary_search_by(|(a, m, _)| (a.as_str(), m.as_str()).cmp(&(article, mention)))
            .ok()
            .map(|i| self.assignments[i].2.as_str())
    }

    /// Give each event mention of `article` its event id (`None` when it has no report here)
    /// and `main_event` the main mention's. Returns whether anything changed. Looks up
    /// [`Resolution::assignments`] in the sorted order [`resolve`] leaves them in.
    pub fn assign(&self, article: &mut sitrep_core::Article) -> bool {
        let id = article.id.clone();
        assign(article, |mention| {
            self.assignments
                .binary_search_by(|(a, m, _)| (a.as_str(), m.as_str()).cmp(&(&id, mention)))
                .ok()
                .map(|i| self.assignments[i].2.clone())
        })
    }
}

/// Give each event mention of `article` the event `event_of(mention id)` names (`None` when
/// it has no report) and `main_event` the main mention's. Returns whether anything changed.
pub fn assign(
    article: &mut sitrep_core::Article,
    event_of: impl Fn(&str) -> Option<String>,
) -> bool {
    let Some(mentions) = article.event_mentions.as_mut() else {
        return false;
    };
    let mut changed = false;
    let mut main = None;
    for m in mentions {
        let event = event_of(&m.id);
        if m.main && event.is_some() {
            main = event.clone();
        }
        if m.event != event {
            m.event = event;
            changed = true;
        }
    }
    if article.main_event != main {
        article.main_event = main;
        changed = true;
    }
    changed
}

/// Settings of [`resolve_with`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Options {
    /// Pairs scoring at least this are linked (default 3).
    pub link: f32,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            link: cluster::LINK,
        }
    }
}

/// Cluster `reports` into events and reconcile each (see the crate docs).
pub fn resolve(reports: Vec<Report>) -> Resolution {
    resolve_with(reports, &Options::default())
}

/// [`resolve`] with other settings.
pub fn resolve_with(mut reports: Vec<Report>, options: &Options) -> Resolution {
    // A canonical order, so nothing downstream depends on the input's.
    reports.sort_by(|a, b| a.key().cmp(&b.key()));
    reports.dedup_by(|a, b| a.key() == b.key());
    let update = update(&reports, options, &mut Memo::default(), &|_| true);
    Resolution {
        events: update.events,
        assignments: update.assignments,
    }
}

/// What [`update`] remembers from one resolution to the next: which reports made each event.
#[derive(Debug, Clone, Default)]
pub struct Memo {
    by_members: HashMap<Vec<(String, String)>, String>,
}

impl Memo {
    /// Events remembered.
    pub fn len(&self) -> usize {
        self.by_members.len()
    }

    /// True when nothing is remembered.
    pub fn is_empty(&self) -> bool {
        self.by_members.is_empty()
    }
}

/// What [`update`] found.
#[derive(Debug, Clone, Default)]
pub struct Update {
    /// Events reconciled this time (new clusters, or clusters with a changed report), by date
    /// then id.
    pub events: Vec<Event>,
    /// Ids of the other events: the same reports, unchanged, as in the memo, so the same
    /// event as then (not reconciled again). Sorted.
    pub kept: Vec<String>,
    /// `(article id, mention id, event id)` for every report, sorted.
    pub assignments: Vec<(String, String, String)>,
}

/// [`resolve_with`] for a store that resolves again after each batch: `reports` must be in
/// [`Report::key`] order with no key twice; `changed(article)` says whether the reports of an
/// article may differ from when `memo` was made (replaced or renamed). Clustering runs over
/// every report, as it must for the result to depend on the set alone; only the clusters the
/// memo does not hold, or that hold a changed report, are reconciled — the others are the
/// events they were, because an event depends only on its reports. `memo` becomes this
/// resolution's. With an empty memo this is [`resolve_with`].
pub fn update(
    reports: &[Report],
    options: &Options,
    memo: &mut Memo,
    changed: &dyn Fn(&str) -> bool,
) -> Update {
    debug_assert!(reports.windows(2).all(|w| w[0].key() < w[1].key()));
    let clusters = cluster::cluster(reports, options.link);
    let mut next = HashMap::with_capacity(clusters.len());
    let mut events = Vec::new();
    let mut kept = Vec::new();
    let mut assignments = Vec::with_capacity(reports.len());
    for members in clusters {
        let keys: Vec<(String, String)> = members
            .iter()
            .map(|&i| {
                let r = &reports[i as usize];
                (r.article.clone(), r.mention.clone())
            })
            .collect();
        let clean = !members
            .iter()
            .any(|&i| changed(&reports[i as usize].article));
        let id = match memo.by_members.get(&keys) {
            Some(id) if clean => {
                kept.push(id.clone());
                id.clone()
            }
            _ => {
                let rs: Vec<&Report> = members.iter().map(|&i| &reports[i as usize]).collect();
                // Clustering never makes an empty cluster; one would simply have no event.
                let Some(event) = reconcile::reconcile(&rs) else {
                    continue;
                };
                let id = event.id.clone();
                events.push(event);
                id
            }
        };
        for (a, m) in &keys {
            assignments.push((a.clone(), m.clone(), id.clone()));
        }
        next.insert(keys, id);
    }
    events.sort_by(|a, b| (&a.date.start, &a.id).cmp(&(&b.date.start, &b.id)));
    kept.sort();
    assignments.sort();
    memo.by_members = next;
    Update {
        events,
        kept,
        assignments,
    }
}

/// Why two reports are or are not one event, for diagnostics: `None` when a cannot-link
/// keeps them apart, else their score (linked at 3 or more, when blocking pairs them). Lead
/// words are weighed uniformly here; [`resolve`] weighs them by their rarity in its set.
pub fn pair_score(a: &Report, b: &Report) -> Option<f32> {
    cluster::compatible(a, b).then(|| cluster::score(a, b, &cluster::Idf::uniform()))
}

//! sitrep events: the events each article mentions, typed in ACLED's taxonomy, and the
//! article's main event.
//!
//! [`EventMentions`] is an [`Annotator`] that runs after the understand stage. It finds
//! triggers ("airstrike", "shelling", "clashes", "protest", "arrested") with one
//! Aho-Corasick automaton built from `data/triggers.tsv`, types each by its row and by the
//! cues of its sentence, drops hypothetical ones, picks the article's main event, and fills
//! each mention's slots (time, place, actors, weapons, counts) and the claims that cover it.
//!
//! The words the rules read are data as well: `data/cues.tsv` (modals, background cues, and
//! the slot rules' clause boundaries, role cues, location, victim and toll words), each row a
//! class and a word, embedded and parsed once per process; the reporting verbs are the shared
//! list of `sitrep-lexicon`.
//!
//! # Rules
//!
//! - **Sentences**: the understand stage's ([`Article::sentences`]), the same for every stage;
//!   a position between two sentences belongs to the one before it. Without them (understand
//!   did not run) the whole text is one sentence.
//! - **Matching**: the ASCII-lowercased text, whole words only; overlapping candidates are
//!   resolved leftmost-longest ("suicide car bomb" over "car bomb" over "bomb").
//! - **Refining** (`refine` and `weak` rows): an air platform in the sentence (a weapon
//!   mention or a `cue-air` word: drone, helicopter, warplane) makes an armed action an
//!   Air/drone strike; otherwise the weapon cue nearest the trigger types it (artillery,
//!   missile → Shelling/artillery/missile attack; IED, bomb → Remote explosive; grenade →
//!   Grenade). With no weapon: protesters in the sentence make a clash a Violent
//!   demonstration and a killing an Excessive force against protesters; civilians as the
//!   target make an attack an Attack (violence against civilians); else the row's type
//!   (a raid or incursion with no weapon named is an Armed clash, as ACLED codes cross-border
//!   ground raids). Arrests of protesters are a Protest with intervention. Protest mentions
//!   of one sentence take the strongest protest type found in it (tear gas → with
//!   intervention; fired on protesters → excessive force), and become a Violent demonstration
//!   where the sentence has the demonstrators throw stones, set fire or clash. An explosive
//!   found, defused or seized is Disrupted weapons use; so is a seizure of arms or ammunition
//!   (with no trigger in the sentence, the word that finds or seizes them is the trigger, weak:
//!   "soldiers discovered a store of rifles");
//!   a capture by a state force (army, troops, government forces) is Government regains
//!   territory. A raid (`operation` rows) whose sentence reports arms seized is Disrupted
//!   weapons use, and one whose sentence has an arrest is Arrests.
//! - **Hypotheticals**: a trigger with a modal or future word within the three words before it
//!   ("could", "would", "may", "will", "threatened to", "plans to", "vowed to", "warned of")
//!   is not an event and is skipped; so is one that the words right after make figurative
//!   ("fighting for her life", "battling the blaze": `figurative`). A negated or denied
//!   event ("did not attack", "denied carrying out the attack") is kept: it is still a
//!   mention, and a claim about it.
//! - **Unattributed explosions** ("explosion", "blast") are typed Remote
//!   explosive/landmine/IED unless a weapon in the sentence says otherwise; they are `weak`.
//! - **Background**: a mention is background when it is the trigger of its sentence nearest
//!   to a recalled time — a cue ("last year", "last month", "earlier this month", "years ago",
//!   "previously", "repeatedly", "in two months") or a time expression of the understand stage (not after
//!   "since") that resolves to a day more than ten days before publication, an earlier month,
//!   or an earlier year — or when "after"/"following" stands within four words before it and an earlier trigger
//!   of the same sentence is the event it is the background of.
//! - **Main event**: exactly one mention per article that has any. Among the mentions that
//!   are not background, those in the opening (the first two sentences) are preferred; among
//!   them the highest severity wins (Explosions/Remote violence = Battles > Violence against
//!   civilians > Riots > Protests > Strategic developments; a `weak` trigger one step lower),
//!   ties by position. With no such mention in the opening, the same rule over the whole
//!   article; with only background mentions, over all of them. An arrest so chosen gives way
//!   to a more severe mention that follows it in its sentence and is background only by
//!   "after" ("was arrested after he shot a girl Monday night": the shooting is what
//!   happened), unless a time of the sentence lies nearer the arrest ("arrested Monday after
//!   the shooting of …").
//! - **Decision** (module `decide`, after the slots): ground violence (Armed clash, Attack)
//!   is retyped by its actors' ACLED types — an armed side on civilians only is an Attack,
//!   on an armed side an Armed clash; rioters or protesters make a Violent demonstration,
//!   unarmed civilians a Mob violence — and the mention keeps the rule (`typed_by`).
//! - **Slots** (module `slots`, after the main event is chosen): each mention gets indices
//!   into the article's lists. `time`: the nearest time of its sentence that can date it (not
//!   after publication, not after "since", not a speech time like "said Tuesday", not a time
//!   the sentence gives to a mention of the other background status); the main event with
//!   none takes the nearest day of an earlier opening sentence (else of a later one, else
//!   the first day a later sentence gives to another mention of its sub-event type that is
//!   not background nor new), and a week or month of the main event is narrowed to a day of
//!   the opening inside it. `place`: the most specific
//!   place of its sentence (town, then admin2 or unplaced village, region, country), nearest
//!   first, leaving out origins ("from X"), speakers' places, actor uses of a country and a
//!   dateline unless it is the only one; the main event narrows a region or country to a
//!   place of the opening inside it, or takes the opening's most specific place. `actors`:
//!   armed groups, organisations, people, nationality adjectives of forces and weapons, and
//!   countries in actor position, with a role from small syntactic cues (subject of an active
//!   trigger, "by X", "claimed responsibility" → Attacker; passive subject, object, "on X",
//!   "against X", "X's positions", victims → Target; the rest of the clause → Associated);
//!   speakers are not actors. `weapons`: the weapon mentions of its sentence (the main event
//!   borrows a neighbouring sentence's). `counts`: toll quantities (killed, injured, missing,
//!   detained, destroyed, …, zero included), each to one mention: a recalled background
//!   event keeps the counts nearest to it, every other count goes to the main event (unless
//!   its sentence announces a separate event, or it is an arrest count beside an arrest). Claims
//!   whose content holds a trigger cover that mention. The full rules are in
//!   module `slots` (`src/slots/`).

mod cues;
mod decide;
mod sentences;
mod slots;

use cues::{cue, Class};
use sentences::Sentences;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use sitrep_core::annotation::MentionKind;
use sitrep_core::event::{EventMention, EventType, SubEventType};
use sitrep_core::text::CharIndex;
use sitrep_core::{Annotator, Article, StageError};

const TABLE: &str = include_str!("../data/triggers.tsv");

/// What a table row is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Fixed,
    Refine,
    /// A refine row that may name a security operation ("raid"): typed as the arrests or the
    /// seizure of arms its sentence reports, when it reports one.
    Operation,
    Weak,
    CueAir,
    CueWeapon,
    CueCivilian,
    CueProtest,
    CueRiot,
    CueDisrupt,
    CueMateriel,
    CueGovernment,
}

#[derive(Debug, Clone, Copy)]
struct Row {
    sub: SubEventType,
    kind: Kind,
    /// The pattern ended in `*`: any letters may follow.
    prefix: bool,
}

/// The events annotator: fills [`Article::event_mentions`] and [`Article::main_event`].
///
/// Built once (the trigger table compiled to one automaton) and shared by all threads.
#[derive(Debug, Clone)]
pub struct EventMentions {
    ac: AhoCorasick,
    /// For each automaton pattern, the table rows that carry it.
    rows: Vec<Vec<Row>>,
}

impl Default for EventMentions {
    fn default() -> Self {
        Self::from_table(TABLE).expect("the embedded trigger table is valid")
    }
}

fn parse_sub(name: &str) -> Option<SubEventType> {
    SubEventType::ALL
        .iter()
        .copied()
        .find(|s| format!("{s:?}") == name)
}

fn parse_kind(name: &str) -> Option<Kind> {
    Some(match name {
        "fixed" => Kind::Fixed,
        "refine" => Kind::Refine,
        "operation" => Kind::Operation,
        "weak" => Kind::Weak,
        "cue-air" => Kind::CueAir,
        "cue-weapon" => Kind::CueWeapon,
        "cue-civilian" => Kind::CueCivilian,
        "cue-protest" => Kind::CueProtest,
        "cue-riot" => Kind::CueRiot,
        "cue-disrupt" => Kind::CueDisrupt,
        "cue-materiel" => Kind::CueMateriel,
        "cue-government" => Kind::CueGovernment,
        _ => return None,
    })
}

/// One whole-word match of a table pattern, in bytes.
#[derive(Debug, Clone, Copy)]
struct Hit {
    start: usize,
    end: usize,
    row: Row,
}

/// A trigger kept as an event mention, before ids and main are set.
#[derive(Debug, Clone)]
struct Found {
    start: usize,
    end: usize,
    sub: SubEventType,
    weak: bool,
    sentence: usize,
    background: bool,
    /// Background only because it follows "after" an earlier trigger of its sentence ("was
    /// arrested after he shot a girl Monday"): an earlier step, not an old event.
    after_only: bool,
    /// From an `operation` row ("raid").
    operation: bool,
}

impl EventMentions {
    /// Build from a trigger table in the format of `data/triggers.tsv`.
    ///
    /// The cue words (`data/cues.tsv`) are embedded and parsed
    /// once for the whole process, on the first construction.
    pub fn from_table(table: &str) -> Result<Self, String> {
        std::sync::LazyLock::force(&cues::CUES);
        let mut patterns: Vec<String> = Vec::new();
        let mut rows: Vec<Vec<Row>> = Vec::new();
        let mut index = std::collections::HashMap::new();
        for (n, line) in table.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() < 3 {
                return Err(format!("triggers.tsv:{}: fewer than 3 columns", n + 1));
            }
            let sub = parse_sub(cols[1])
                .ok_or_else(|| format!("triggers.tsv:{}: unknown type {}", n + 1, cols[1]))?;
            let kind = parse_kind(cols[2])
                .ok_or_else(|| format!("triggers.tsv:{}: unknown kind {}", n + 1, cols[2]))?;
            let (pat, prefix) = match cols[0].strip_suffix('*') {
                Some(p) => (p, true),
                None => (cols[0], false),
            };
            let pat = pat.to_ascii_lowercase();
            let i = *index.entry(pat.clone()).or_insert_with(|| {
                patterns.push(pat);
                rows.push(Vec::new());
                rows.len() - 1
            });
            rows[i].push(Row { sub, kind, prefix });
        }
        let ac = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .build(&patterns)
            .map_err(|e| e.to_string())?;
        Ok(EventMentions { ac, rows })
    }

    /// Whole-word hits of every row, in text order (bytes of `lower`).
    fn hits(&self, lower: &[u8]) -> Vec<Hit> {
        let is_word = |b: u8| b.is_ascii_alphanumeric() || b >= 0x80;
        let mut out = Vec::new();
        for m in self.ac.find_overlapping_iter(lower) {
            let (s, e) = (m.start(), m.end());
            if s > 0 && is_word(lower[s - 1]) {
                continue;
            }
            for &row in &self.rows[m.pattern().as_usize()] {
                let mut end = e;
                if row.prefix {
                    while end < lower.len() && lower[end].is_ascii_alphabetic() {
                        end += 1;
                    }
                }
                if end < lower.len() && is_word(lower[end]) {
                    continue;
                }
                out.push(Hit { start: s, end, row });
            }
        }
        out.sort_by_key(|h| (h.start, std::cmp::Reverse(h.end)));
        out
    }

    /// Annotate `article` (see the crate docs for the rules).
    pub fn run(&self, article: &mut Article) {
        let text = &article.text;
        let lower = text.as_bytes().to_ascii_lowercase();
        let chars = CharIndex::new(text);
        let sentences = Sentences::of_article(article, &chars);
        let sentence_of = |b: usize| sentences.of(b);
        let hits = self.hits(&lower);

        // Context cues per sentence.
        let nsent = sentences.len();
        let mut air = vec![false; nsent];
        let mut civilian = vec![false; nsent];
        let mut protest = vec![false; nsent];
        // riot, disrupt, materiel, government
        let mut more = vec![[false; 4]; nsent];
        // The first disrupt cue of each sentence ("found", "seized"), in bytes.
        let mut disrupt_at: Vec<Option<(usize, usize)>> = vec![None; nsent];
        let mut weapons: Vec<Vec<(usize, SubEventType)>> = vec![Vec::new(); nsent];
        for h in &hits {
            let s = sentence_of(h.start);
            match h.row.kind {
                Kind::CueAir => air[s] = true,
                Kind::CueWeapon => weapons[s].push((h.start, h.row.sub)),
                Kind::CueCivilian => civilian[s] = true,
                Kind::CueProtest => protest[s] = true,
                Kind::CueRiot => more[s][0] = true,
                Kind::CueDisrupt => {
                    more[s][1] = true;
                    disrupt_at[s].get_or_insert((h.start, h.end));
                }
                // "his arms", "both arms": limbs, not weapons.
                Kind::CueMateriel
                    if !(&lower[h.start..h.end] == b"arms"
                        && words_before(&lower, h.start, 1).first().is_some_and(|w| {
                            matches!(
                                *w,
                                b"his"
                                    | b"her"
                                    | b"their"
                                    | b"its"
                                    | b"both"
                                    | b"my"
                                    | b"your"
                                    | b"our"
                                    | b"left"
                                    | b"right"
                            )
                        })) =>
                {
                    more[s][2] = true
                }
                Kind::CueGovernment => more[s][3] = true,
                _ => {}
            }
        }
        // Weapon mentions of the understand stage.
        for m in article.mentions.iter().flatten() {
            if m.kind != MentionKind::Weapon {
                continue;
            }
            let b = chars.char_to_byte(m.start);
            let s = sentence_of(b);
            let be = chars.char_to_byte(m.end).min(lower.len());
            for h in self.hits(&lower[b..be]) {
                match h.row.kind {
                    Kind::CueAir => air[s] = true,
                    Kind::CueWeapon => weapons[s].push((b + h.start, h.row.sub)),
                    _ => {}
                }
            }
        }

        // Triggers: leftmost-longest, not overlapping.
        let mut found: Vec<Found> = Vec::new();
        let mut last_end = 0;
        for h in &hits {
            let kind = h.row.kind;
            if !matches!(
                kind,
                Kind::Fixed | Kind::Refine | Kind::Operation | Kind::Weak
            ) || h.start < last_end
            {
                continue;
            }
            // Longest trigger at this start: hits are sorted longest first.
            last_end = h.end;
            if hypothetical(&lower, h.start) || figurative(&lower, h.end) {
                continue;
            }
            let s = sentence_of(h.start);
            let sub = match kind {
                Kind::Fixed => fixed_in_context(h.row.sub, protest[s]),
                _ => refine(
                    h.row.sub,
                    h.start,
                    air[s],
                    &weapons[s],
                    civilian[s],
                    protest[s],
                ),
            };
            let sub = in_sentence(sub, more[s]);
            found.push(Found {
                start: h.start,
                end: h.end,
                sub,
                weak: kind == Kind::Weak,
                sentence: s,
                background: false,
                after_only: false,
                operation: kind == Kind::Operation,
            });
        }

        // Arms found or seized with no trigger in the sentence ("Soldiers discovered a store of
        // rifles"): a Disrupted weapons use at the cue, weak.
        let mut seizures: Vec<Found> = Vec::new();
        for (s, at) in disrupt_at.iter().enumerate() {
            let Some((start, end)) = *at else { continue };
            let has_trigger = found.iter().any(|f| f.sentence == s);
            if more[s][2] && !has_trigger && !hypothetical(&lower, start) {
                seizures.push(Found {
                    start,
                    end,
                    sub: SubEventType::DisruptedWeaponsUse,
                    weak: true,
                    sentence: s,
                    background: false,
                    after_only: false,
                    operation: false,
                });
            }
        }
        if !seizures.is_empty() {
            found.extend(seizures);
            found.sort_by_key(|f| f.start);
        }

        // The triggers of each sentence: `found` is in text order, so sentence order.
        let mut of_sentence: Vec<std::ops::Range<usize>> = vec![0..0; nsent];
        let mut k = 0;
        while k < found.len() {
            let s = found[k].sentence;
            let end = k + found[k..].iter().take_while(|f| f.sentence == s).count();
            of_sentence[s] = k..end;
            k = end;
        }

        // A raid whose sentence reports arms seized or people arrested is that security
        // operation: Disrupted weapons use, else Arrests (ACLED codes the outcome, not the
        // entry).
        for range in &of_sentence {
            let s = match found.get(range.start) {
                Some(f) if !range.is_empty() => f.sentence,
                _ => continue,
            };
            let [_, disrupt, materiel, _] = more[s];
            let arrests = found[range.clone()]
                .iter()
                .any(|f| f.sub == SubEventType::Arrests);
            for f in &mut found[range.clone()] {
                if f.operation && f.sub == SubEventType::ArmedClash {
                    if disrupt && materiel {
                        f.sub = SubEventType::DisruptedWeaponsUse;
                    } else if arrests {
                        f.sub = SubEventType::Arrests;
                    }
                }
            }
        }

        // Protest mentions of one sentence share its strongest protest type.
        for range in &of_sentence {
            let here = &mut found[range.clone()];
            let best = here
                .iter()
                .filter(|f| f.sub.event_type() == EventType::Protests)
                .map(|f| protest_rank(f.sub))
                .max();
            if let Some(best) = best {
                for f in here
                    .iter_mut()
                    .filter(|f| f.sub.event_type() == EventType::Protests)
                {
                    f.sub = PROTEST_ORDER[best];
                }
            }
        }

        // Background: a cue or an earlier time marks the trigger of its sentence nearest to it.
        let published = article.published.as_ref().map(|p| p.date());
        let mut marks: Vec<usize> = Vec::new();
        for (a, b) in sentences.iter() {
            let sent = &lower[a..b];
            for c in cue(Class::Background).iter() {
                if let Some(p) = find_word(sent, c.as_bytes()) {
                    marks.push(a + p);
                }
            }
        }
        if let Some(pubd) = published {
            for t in article.times.iter().flatten() {
                let b = chars.char_to_byte(t.start);
                if preceded_by(&lower, b, "since") {
                    continue;
                }
                if let (Some(v), Some(p)) = (&t.value, t.precision) {
                    if is_earlier(v, p, pubd) {
                        marks.push(b);
                    }
                }
            }
        }
        for p in marks {
            let s = sentence_of(p);
            let nearest = of_sentence[s]
                .clone()
                .min_by_key(|&i| found[i].start.abs_diff(p));
            if let Some(i) = nearest {
                found[i].background = true;
            }
        }
        for (i, f) in found.iter_mut().enumerate() {
            // An earlier trigger of the same sentence, and a cue just before this one.
            let after = of_sentence[f.sentence].start < i
                && words_before(&lower, f.start, 4)
                    .iter()
                    .any(|w| cue(Class::BackgroundAfter).has(w));
            if after {
                f.after_only = !f.background;
                f.background = true;
            }
        }

        // Main event.
        let severity = |f: &Found| severity(f.sub) * 2 - u32::from(f.weak);
        let pick = |pool: Vec<usize>| -> Option<usize> {
            let best = pool.iter().map(|&i| severity(&found[i])).max()?;
            pool.into_iter().find(|&i| severity(&found[i]) == best)
        };
        let fore: Vec<usize> = (0..found.len()).filter(|&i| !found[i].background).collect();
        let opening: Vec<usize> = fore
            .iter()
            .copied()
            .filter(|&i| found[i].sentence < 2)
            .collect();
        let mut main = pick(opening)
            .or_else(|| pick(fore))
            .or_else(|| pick((0..found.len()).collect()));
        // "A man was arrested after he shot a girl Monday night": an arrest is the sequel of
        // the violence the same sentence tells, which is what happened; an old one ("after
        // last year's attack") stays background, and so does one the sentence does not date
        // when it dates the arrest ("arrested Monday after the shooting of …").
        if let Some(m) = main.filter(|&m| found[m].sub == SubEventType::Arrests) {
            // Unless the sentence dates the arrest itself ("arrested Monday after …").
            let s = found[m].sentence;
            let dist = |t: usize, i: usize| t.abs_diff(found[i].start);
            let cause = of_sentence[s].clone().find(|&i| {
                found[i].after_only
                    && i > m
                    && crate::severity(found[i].sub) > crate::severity(found[m].sub)
                    && !article.times.iter().flatten().any(|t| {
                        let t = chars.char_to_byte(t.start);
                        sentence_of(t) == s && dist(t, m) < dist(t, i)
                    })
            });
            if let Some(c) = cause {
                found[c].background = false;
                main = Some(c);
            }
        }

        let mentions: Vec<EventMention> = found
            .iter()
            .enumerate()
            .map(|(i, f)| EventMention {
                id: format!("e{}", i + 1),
                trigger: text[f.start..f.end].to_string(),
                start: chars.byte_to_char(f.start),
                end: chars.byte_to_char(f.end),
                event_type: f.sub.event_type(),
                sub_event_type: f.sub,
                main: Some(i) == main,
                background: f.background,
                ..EventMention::default()
            })
            .collect();
        article.main_event = main.map(|i| mentions[i].id.clone());
        article.event_mentions = Some(mentions);
        slots::fill(article, &sentences);
        decide::decide(article);
    }
}

impl Annotator for EventMentions {
    fn name(&self) -> &'static str {
        "events"
    }

    /// Fills `event_mentions` and sets `main_event`.
    ///
    /// For now `main_event` is the id of the article's main event *mention* (`e1`, `e2`, …,
    /// unique within the article); the cross-article event ids come with the resolve stage.
    fn annotate(&self, article: &mut Article) -> Result<(), StageError> {
        if article.past_deadline() {
            return Err(StageError::past_deadline("events", "understanding"));
        }
        self.run(article);
        Ok(())
    }
}

const PROTEST_ORDER: [SubEventType; 3] = [
    SubEventType::PeacefulProtest,
    SubEventType::ProtestWithIntervention,
    SubEventType::ExcessiveForceAgainstProtesters,
];

fn protest_rank(s: SubEventType) -> usize {
    PROTEST_ORDER.iter().position(|&p| p == s).unwrap_or(0)
}

/// Rank of an event type when the main event is chosen.
fn severity(s: SubEventType) -> u32 {
    match s.event_type() {
        EventType::ExplosionsRemoteViolence | EventType::Battles => 6,
        EventType::ViolenceAgainstCivilians => 5,
        EventType::Riots => 4,
        EventType::Protests => 3,
        EventType::StrategicDevelopments => 2,
    }
}

/// A fixed trigger in its sentence: arrests and killings of protesters.
fn fixed_in_context(sub: SubEventType, protest: bool) -> SubEventType {
    use SubEventType::*;
    match sub {
        Arrests if protest => ProtestWithIntervention,
        Attack if protest => ExcessiveForceAgainstProtesters,
        ArmedClash if protest => ViolentDemonstration,
        s => s,
    }
}

/// Cues that retype a mention whatever its row: violence by demonstrators, weapons found or
/// seized, a state force taking ground. `cues`: riot, disrupt, materiel, government.
fn in_sentence(sub: SubEventType, cues: [bool; 4]) -> SubEventType {
    use SubEventType::*;
    let [riot, disrupt, materiel, government] = cues;
    match sub {
        s if riot && s.event_type() == EventType::Protests => ViolentDemonstration,
        RemoteExplosiveLandmineIed | Grenade if disrupt => DisruptedWeaponsUse,
        NonStateActorOvertakesTerritory if materiel => DisruptedWeaponsUse,
        NonStateActorOvertakesTerritory if government => GovernmentRegainsTerritory,
        s => s,
    }
}

/// Type a generic trigger by the cues of its sentence.
fn refine(
    default: SubEventType,
    at: usize,
    air: bool,
    weapons: &[(usize, SubEventType)],
    civilian: bool,
    protest: bool,
) -> SubEventType {
    use SubEventType::*;
    let armed = matches!(
        default.event_type(),
        EventType::Battles | EventType::ExplosionsRemoteViolence
    ) || default == Attack;
    if !armed || default == NonStateActorOvertakesTerritory {
        return default;
    }
    if air {
        return AirDroneStrike;
    }
    if let Some(&(_, w)) = weapons.iter().min_by_key(|(p, _)| p.abs_diff(at)) {
        return w;
    }
    if protest {
        return if default == ArmedClash {
            ViolentDemonstration
        } else {
            ExcessiveForceAgainstProtesters
        };
    }
    if civilian && default == ArmedClash {
        return Attack;
    }
    if default == Attack && !civilian {
        // A killing with no civilian named: combatants.
        return ArmedClash;
    }
    default
}

/// The `n` words before byte `at`, lowercase, nearest first.
fn words_before(lower: &[u8], at: usize, n: usize) -> Vec<&[u8]> {
    let mut out = Vec::new();
    let mut i = at;
    while out.len() < n {
        while i > 0 && !lower[i - 1].is_ascii_alphanumeric() {
            // A sentence end stops the look-back.
            if matches!(lower[i - 1], b'.' | b'!' | b'?' | b'\n' | b';') {
                return out;
            }
            i -= 1;
        }
        if i == 0 {
            break;
        }
        let e = i;
        while i > 0 && (lower[i - 1].is_ascii_alphanumeric() || lower[i - 1] == b'\'') {
            i -= 1;
        }
        out.push(&lower[i..e]);
    }
    out
}

fn hypothetical(lower: &[u8], at: usize) -> bool {
    words_before(lower, at, 3)
        .iter()
        .any(|w| cue(Class::Modal).has(w))
}

/// Whether the words right after a trigger ending at byte `end` make it figurative
/// ("fighting for her life", "battling the blaze"): a phrase of `figurative`, whole words.
fn figurative(lower: &[u8], end: usize) -> bool {
    let rest = &lower[end.min(lower.len())..];
    let rest = &rest[rest.iter().take_while(|b| **b == b' ').count()..];
    cue(Class::Figurative).iter().any(|p| {
        rest.starts_with(p.as_bytes())
            && rest.get(p.len()).is_none_or(|b| !b.is_ascii_alphanumeric())
    })
}

fn preceded_by(lower: &[u8], at: usize, word: &str) -> bool {
    words_before(lower, at, 1)
        .first()
        .is_some_and(|w| *w == word.as_bytes())
}

fn find_word(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let n = needle.len();
    if n == 0 || hay.len() < n {
        return None;
    }
    (0..=hay.len() - n).find(|&i| {
        &hay[i..i + n] == needle
            && (i == 0 || !hay[i - 1].is_ascii_alphanumeric())
            && (i + n == hay.len() || !hay[i + n].is_ascii_alphanumeric())
    })
}

/// Whether a resolved time lies clearly before the publication day.
fn is_earlier(
    value: &str,
    precision: sitrep_core::annotation::TimePrecision,
    published: chrono::NaiveDate,
) -> bool {
    use chrono::Datelike;
    use sitrep_core::annotation::TimePrecision as P;
    let year: i32 = match value.get(..4).and_then(|y| y.parse().ok()) {
        Some(y) => y,
        None => return false,
    };
    match precision {
        P::Day | P::Week => chrono::NaiveDate::parse_from_str(value, "%Y-%m-%d")
            .map(|d| (published - d).num_days() > 10)
            .unwrap_or(false),
        P::Month => {
            let month: u32 = value.get(5..7).and_then(|m| m.parse().ok()).unwrap_or(0);
            (year, month) < (published.year(), published.month())
        }
        P::Year => year < published.year(),
    }
}

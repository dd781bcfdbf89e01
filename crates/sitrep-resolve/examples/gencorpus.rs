//! A generated news corpus for the resolution scaling benchmark: invented articles about
//! invented events in real towns of the embedded gazetteer, one calendar year, many regions.
//!
//! ```text
//! cargo run --release -p sitrep-resolve --example gencorpus -- \
//!     --articles 10000 --seed 1 --out corpus.jsonl --gold gold.csv
//! ```
//!
//! Each event (a date in 2025, a town, a type, an actor, casualty figures) gets 1–6 articles
//! from different invented outlets, published 0–3 days later, written from invented templates:
//! a headline and 4–8 sentences with the date relative to publication, the place, figures
//! attributed to speakers (sometimes disagreeing between articles), sometimes a named victim
//! and sometimes a recalled earlier event. Look-alikes are made on purpose: the same town hit
//! again within weeks, and two events in one region on the same day. `--out` gets JSON Lines
//! that `sitrep run` reads (`id`, `url`, `outlet`, `title`, `published`, `text`), sorted by
//! publication time; `--gold` gets `article_id,event_id`; `--events` (optional) one line per
//! event (date, town, region, country, kind, killed, articles). The towns are the same for
//! every N (`--towns-per-country`, default 14: ~600 towns in 44 countries), so a larger
//! corpus is a denser one. The output depends only on the arguments.

use chrono::{Datelike, Duration, NaiveDate};
use sitrep_kb::{Kb, PlaceKind};
use std::collections::HashMap;
use std::io::{BufWriter, Write};

/// SplitMix64: small, fast, and the same on every platform.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n` (`n > 0`).
    fn below(&mut self, n: usize) -> usize {
        ((self.next() >> 11) as f64 / (1u64 << 53) as f64 * n as f64) as usize
    }
    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: u32, hi: u32) -> u32 {
        lo + self.below((hi - lo + 1) as usize) as u32
    }
    fn chance(&mut self, p: f64) -> bool {
        ((self.next() >> 11) as f64 / (1u64 << 53) as f64) < p
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
    /// An index drawn with the given weights.
    fn weighted(&mut self, w: &[u32]) -> usize {
        let total: u32 = w.iter().sum();
        let mut x = self.below(total as usize) as u32;
        for (i, &wi) in w.iter().enumerate() {
            if x < wi {
                return i;
            }
            x -= wi;
        }
        w.len() - 1
    }
}

/// Countries of the corpus (ISO 3166-1 alpha-2) with a relative share of its events.
const COUNTRIES: &[(&str, u32)] = &[
    ("UA", 10),
    ("SY", 8),
    ("IQ", 5),
    ("YE", 6),
    ("AF", 5),
    ("PK", 6),
    ("IN", 4),
    ("MM", 7),
    ("PH", 3),
    ("NG", 8),
    ("ML", 5),
    ("BF", 5),
    ("NE", 3),
    ("CM", 3),
    ("TD", 2),
    ("SD", 7),
    ("SS", 3),
    ("ET", 4),
    ("SO", 5),
    ("KE", 2),
    ("CD", 6),
    ("CF", 2),
    ("MZ", 2),
    ("LY", 3),
    ("EG", 2),
    ("LB", 3),
    ("TR", 2),
    ("IR", 2),
    ("CO", 5),
    ("MX", 6),
    ("BR", 3),
    ("VE", 2),
    ("PE", 2),
    ("HT", 3),
    ("EC", 2),
    ("BD", 3),
    ("TH", 2),
    ("ID", 2),
    ("GE", 1),
    ("AZ", 1),
    ("RS", 1),
    ("FR", 2),
    ("US", 3),
    ("KG", 1),
];

/// At most this many towns per country, unless `--towns-per-country` says otherwise.
const TOWNS_PER_COUNTRY: usize = 14;

#[derive(Clone)]
struct Town {
    name: String,
    /// The admin1's name as the gazetteer gives it ("Kaduna State").
    admin1: String,
    /// Without its generic word ("Kaduna").
    region: String,
    country: String,
    cc: &'static str,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Drone,
    Shelling,
    Clash,
    Civilians,
    Protest,
    Arrests,
    Ied,
}

const KINDS: [(Kind, u32); 7] = [
    (Kind::Drone, 12),
    (Kind::Shelling, 14),
    (Kind::Clash, 18),
    (Kind::Civilians, 16),
    (Kind::Protest, 18),
    (Kind::Arrests, 10),
    (Kind::Ied, 12),
];

struct Event {
    id: String,
    date: NaiveDate,
    town: usize,
    kind: Kind,
    /// Who acted (attacker, police, protesters).
    actor: String,
    /// The other side (for clashes) or the target.
    other: String,
    /// The place hit or the cause of a protest.
    target: &'static str,
    killed: u32,
    injured: u32,
    /// Arrests: people detained.
    detained: u32,
    /// A named victim or detainee.
    victim: Option<String>,
    articles: usize,
}

const ARMED_GROUPS: &[&str] = &[
    "the Northern Front",
    "the Eastern Liberation Army",
    "the People's Defence Movement",
    "the Southern Alliance",
    "the Coastal Brigade",
    "the Sons of the Valley",
    "the Highland Resistance Council",
    "the United Patriotic Militia",
    "the Free Plains Movement",
    "the Red River Battalion",
    "the Western Salvation Front",
    "the Mountain Lions Brigade",
];
const STATE_FORCES: &[&str] = &[
    "government forces",
    "the army",
    "security forces",
    "troops",
    "the military",
];
const POLICE: &[&str] = &[
    "police",
    "security forces",
    "the intelligence service",
    "officers",
];
const CROWDS: &[&str] = &[
    "students",
    "traders",
    "farmers",
    "teachers",
    "opposition supporters",
    "residents",
    "health workers",
    "taxi drivers",
];
const CAUSES: &[&str] = &[
    "fuel prices",
    "power cuts",
    "unpaid salaries",
    "the election results",
    "water shortages",
    "a new tax",
    "the arrest of a local leader",
    "the closure of a hospital",
    "food prices",
    "land seizures",
];
const TARGETS: &[&str] = &[
    "a market",
    "a checkpoint",
    "a school",
    "a bus station",
    "an army post",
    "a police station",
    "a residential block",
    "a mosque",
    "a church",
    "a farm",
    "a fuel depot",
    "a bridge",
    "a hospital",
    "a power station",
    "a convoy",
    "a village on the outskirts",
];
const OUTLETS: &[(&str, &str)] = &[
    ("The Daily Ledger", "dailyledger"),
    ("Frontline Wire", "frontlinewire"),
    ("Continental Post", "continentalpost"),
    ("Global Dispatch", "globaldispatch"),
    ("The Morning Courier", "morningcourier"),
    ("Regional Times", "regionaltimes"),
    ("World Report Agency", "worldreport"),
    ("The Evening Standard Bearer", "standardbearer"),
    ("Crisis Monitor", "crisismonitor"),
    ("The Borderland Gazette", "borderlandgazette"),
    ("Open Sky News", "openskynews"),
    ("The Independent Observer", "indyobserver"),
    ("Citizen Herald", "citizenherald"),
    ("The National Chronicle", "nationalchronicle"),
    ("Meridian News", "meridiannews"),
    ("The Weekly Compass", "weeklycompass"),
    ("Capital Radio Online", "capitalradio"),
    ("The Sentinel", "thesentinel"),
    ("Horizon Press", "horizonpress"),
    ("Lantern Media", "lanternmedia"),
    ("The Field Reporter", "fieldreporter"),
    ("Atlas Newswire", "atlasnewswire"),
    ("The Tribune Daily", "tribunedaily"),
    ("Signal Post", "signalpost"),
];
const FIRST: &[&str] = &[
    "Amina", "Daniel", "Fatima", "Joseph", "Maria", "Ahmed", "Grace", "Ibrahim", "Elena", "Samuel",
    "Nadia", "Omar", "Rosa", "Peter", "Leila", "Carlos", "Halima", "Victor", "Sara", "Musa", "Ana",
    "Tomas", "Zainab", "Lucas", "Miriam", "Hassan", "Irina", "David", "Abdul", "Beatriz",
    "Chinedu", "Dalia", "Emeka", "Farida", "Gustavo", "Hawa", "Isaac", "Jamila", "Kofi", "Lina",
    "Mateo", "Noura", "Oscar", "Priya", "Rashid", "Salma", "Tariq", "Ursula", "Walid", "Yasmin",
    "Zara", "Adriana", "Bilal", "Clara", "Dmitri", "Esther", "Felipe", "Hana",
];
const LAST: &[&str] = &[
    "Okafor",
    "Haddad",
    "Mendoza",
    "Karimi",
    "Banda",
    "Osei",
    "Farah",
    "Novak",
    "Tembo",
    "Rahman",
    "Silva",
    "Kamara",
    "Adeyemi",
    "Castillo",
    "Nasser",
    "Mwangi",
    "Diallo",
    "Moreno",
    "Sadiq",
    "Ochieng",
    "Traore",
    "Qureshi",
    "Barros",
    "Lindqvist",
    "Mensah",
    "Aziz",
    "Abubakar",
    "Bakr",
    "Coulibaly",
    "Duarte",
    "Eze",
    "Fofana",
    "Gomez",
    "Hakimi",
    "Idris",
    "Jalloh",
    "Kante",
    "Lutfi",
    "Mahdi",
    "Nkosi",
    "Obi",
    "Pereira",
    "Quintero",
    "Rojas",
    "Saleh",
    "Toure",
    "Uchenna",
    "Valdez",
    "Wanjiru",
    "Yilmaz",
    "Zubair",
    "Acheampong",
    "Benali",
    "Cisse",
    "Darwish",
    "Escobar",
    "Fernandes",
    "Gueye",
    "Hamdan",
    "Ismail",
];
const JOBS: &[&str] = &[
    "a teacher",
    "a nurse",
    "a shopkeeper",
    "a taxi driver",
    "a farmer",
    "a student",
    "a local councillor",
    "a mechanic",
];
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

fn usage() -> ! {
    eprintln!(
        "usage: gencorpus --articles N [--seed S] [--towns-per-country K] --out FILE.jsonl \
         --gold GOLD.csv [--events EVENTS.tsv]"
    );
    std::process::exit(2);
}

fn main() {
    let mut n_articles: usize = 0;
    let mut seed: u64 = 1;
    let mut out = None;
    let mut gold = None;
    let mut events_out = None;
    let mut per_country = TOWNS_PER_COUNTRY;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut val = || args.next().unwrap_or_else(|| usage());
        match a.as_str() {
            "--articles" => n_articles = val().parse().unwrap_or_else(|_| usage()),
            "--seed" => seed = val().parse().unwrap_or_else(|_| usage()),
            "--out" => out = Some(val()),
            "--gold" => gold = Some(val()),
            "--events" => events_out = Some(val()),
            "--towns-per-country" => per_country = val().parse().unwrap_or_else(|_| usage()),
            _ => usage(),
        }
    }
    let (Some(out), Some(gold)) = (out, gold) else {
        usage()
    };
    if n_articles == 0 {
        usage();
    }
    let mut rng = Rng(seed ^ 0x5173_0e9d_ab1e_c0de);
    let towns = towns(Kb::embedded(), per_country);
    let mut events = plan(&mut rng, &towns, n_articles);
    events.sort_by(|a, b| (a.date, &a.id).cmp(&(b.date, &b.id)));

    // Earlier events per town, for recalled background.
    let mut by_town: HashMap<usize, Vec<usize>> = HashMap::new();
    for (i, e) in events.iter().enumerate() {
        by_town.entry(e.town).or_default().push(i);
    }

    struct Doc {
        published: chrono::NaiveDateTime,
        tie: u64,
        id: String,
        json: String,
        event: String,
    }
    let mut docs: Vec<Doc> = Vec::with_capacity(n_articles + 8);
    for (i, e) in events.iter().enumerate() {
        let earlier = by_town[&e.town]
            .iter()
            .rev()
            .map(|&j| &events[j])
            .find(|p| {
                p.date + Duration::days(4) <= e.date && p.date + Duration::days(75) >= e.date
            });
        let mut outlets: Vec<usize> = (0..OUTLETS.len()).collect();
        for k in 0..e.articles {
            let o = k + rng.below(outlets.len() - k);
            outlets.swap(k, o);
            let (outlet, host) = OUTLETS[outlets[k]];
            let lag = rng.weighted(&[30, 40, 20, 10]) as i64;
            let published = e.date + Duration::days(lag);
            let time = published
                .and_hms_opt(rng.range(5, 22), rng.range(0, 59), 0)
                .expect("valid time");
            let a = Writer {
                rng: &mut rng,
                e,
                town: &towns[e.town],
                published,
                earlier,
            }
            .article();
            let id = format!("{}-{:02}", e.id.replace("ev", "a"), k + 1);
            let slug: String =
                a.0.to_lowercase()
                    .chars()
                    .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
                    .collect::<String>()
                    .split('-')
                    .filter(|s| !s.is_empty())
                    .take(8)
                    .collect::<Vec<_>>()
                    .join("-");
            let url = format!(
                "https://www.{host}.example/{}/{:02}/{:02}/{slug}-{}",
                published.year(),
                published.month(),
                published.day(),
                i * 7 + k
            );
            let json = serde_json::json!({
                "id": &id,
                "url": url,
                "outlet": outlet,
                "title": a.0,
                "published": time.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
                "text": a.1,
            });
            docs.push(Doc {
                published: time,
                tie: rng.next(),
                id,
                json: json.to_string(),
                event: e.id.clone(),
            });
        }
    }
    docs.sort_by_key(|d| (d.published, d.tie));

    let mut w = BufWriter::new(std::fs::File::create(&out).expect("create --out"));
    let mut g = BufWriter::new(std::fs::File::create(&gold).expect("create --gold"));
    writeln!(g, "article_id,event_id").expect("write gold");
    for d in &docs {
        writeln!(w, "{}", d.json).expect("write corpus");
        writeln!(g, "{},{}", d.id, d.event).expect("write gold");
    }
    w.flush().expect("write corpus");
    g.flush().expect("write gold");
    if let Some(path) = &events_out {
        let mut f = BufWriter::new(std::fs::File::create(path).expect("create --events"));
        writeln!(
            f,
            "event_id\tdate\ttown\tadmin1\tcountry\tkind\tkilled\tarticles"
        )
        .expect("write events");
        for e in &events {
            let t = &towns[e.town];
            writeln!(
                f,
                "{}\t{}\t{}\t{}\t{}\t{:?}\t{}\t{}",
                e.id, e.date, t.name, t.admin1, t.cc, e.kind, e.killed, e.articles
            )
            .expect("write events");
        }
        f.flush().expect("write events");
    }
    let countries: std::collections::BTreeSet<&str> =
        events.iter().map(|e| towns[e.town].cc).collect();
    let used: std::collections::BTreeSet<usize> = events.iter().map(|e| e.town).collect();
    eprintln!(
        "gencorpus: {} articles, {} events, {} towns in {} countries (of {} towns) → {out}, {gold}",
        docs.len(),
        events.len(),
        used.len(),
        countries.len(),
        towns.len()
    );
}

/// Towns of the corpus: settlements of at least 20,000 people with a region, whose name the
/// gazetteer resolves to them first and is neither a common word nor a given name.
fn towns(kb: &Kb, per_country: usize) -> Vec<Town> {
    let mut out = Vec::new();
    for &(cc, _) in COUNTRIES {
        let Some(country) = kb.country(cc) else {
            continue;
        };
        let country_name = match country.name.as_str() {
            n @ ("United States"
            | "Democratic Republic of the Congo"
            | "Central African Republic"
            | "Philippines") => format!("the {n}"),
            n => n.to_string(),
        };
        let mut cands: Vec<_> = kb
            .places()
            .iter()
            .filter(|p| {
                p.kind == PlaceKind::Populated
                    && p.country == cc
                    && p.population >= 20_000
                    && p.admin1.is_some()
                    && p.name.len() >= 4
                    && p.name
                        .chars()
                        .all(|c| c.is_ascii_alphabetic() || c == ' ' || c == '-')
                    && !kb.is_common_word(&p.name.to_lowercase())
                    && !kb.is_given_name(&p.name)
            })
            .collect();
        cands.sort_by(|a, b| b.population.cmp(&a.population).then(a.id.cmp(&b.id)));
        let mut n = 0;
        for p in cands {
            if n == per_country {
                break;
            }
            let first = kb.lookup(&p.name).first().map(|c| kb.entry(c.id).id());
            if first != Some(p.id.as_str()) {
                continue;
            }
            let admin1 = p.admin1.clone().expect("filtered");
            let mut region = admin1.clone();
            for generic in [
                " Department",
                " State",
                " Province",
                " Region",
                " Oblast",
                " Governorate",
                " District",
                " Division",
                " Prefecture",
            ] {
                if let Some(r) = region.strip_suffix(generic) {
                    region = r.to_string();
                }
            }
            if region.is_empty() || region.contains(',') || region.contains('.') {
                continue;
            }
            out.push(Town {
                name: p.name.clone(),
                admin1,
                region,
                country: country_name.clone(),
                cc,
            });
            n += 1;
        }
    }
    out
}

/// The events: enough for `n_articles` articles, with look-alikes on purpose.
fn plan(rng: &mut Rng, towns: &[Town], n_articles: usize) -> Vec<Event> {
    let year_start = NaiveDate::from_ymd_opt(2025, 1, 1).expect("date");
    // Town weights: the country's share spread over its towns, the first towns of a
    // country (the largest) a little busier.
    let mut per_country: HashMap<&str, usize> = HashMap::new();
    for t in towns {
        *per_country.entry(t.cc).or_default() += 1;
    }
    let weights: Vec<u32> = towns
        .iter()
        .map(|t| {
            let share = COUNTRIES.iter().find(|c| c.0 == t.cc).map_or(1, |c| c.1);
            share * 120 / per_country[t.cc] as u32 + rng.range(0, 6)
        })
        .collect();
    let mut by_region: HashMap<(&str, &str), Vec<usize>> = HashMap::new();
    for (i, t) in towns.iter().enumerate() {
        by_region.entry((t.cc, &t.admin1)).or_default().push(i);
    }
    let mut events: Vec<Event> = Vec::new();
    let mut total = 0;
    while total < n_articles {
        let articles = (1 + rng.weighted(&[25, 25, 20, 15, 10, 5])).min(n_articles - total);
        total += articles;
        let (town, date, kind) = match events.len() {
            n if n > 10 && rng.chance(0.12) => {
                // The same town again, days or weeks later.
                let p = &events[rng.below(n)];
                let date = p.date + Duration::days(rng.range(4, 25) as i64);
                let kind = if rng.chance(0.6) {
                    p.kind
                } else {
                    KINDS[rng.weighted(&KINDS.map(|k| k.1))].0
                };
                (p.town, date, kind)
            }
            n if n > 10 && rng.chance(0.09) => {
                // Another town of the same region, the same day.
                let p = &events[rng.below(n)];
                let t = &towns[p.town];
                let others: Vec<usize> = by_region[&(t.cc, t.admin1.as_str())]
                    .iter()
                    .copied()
                    .filter(|&o| o != p.town)
                    .collect();
                let town = if others.is_empty() {
                    p.town
                } else {
                    *rng.pick(&others)
                };
                let kind = if town == p.town || rng.chance(0.5) {
                    // In one town, a different kind of event; elsewhere often the same kind.
                    KINDS[rng.weighted(&KINDS.map(|k| k.1))].0
                } else {
                    p.kind
                };
                (town, p.date, kind)
            }
            _ => (
                rng.weighted(&weights),
                year_start + Duration::days(rng.below(365) as i64),
                KINDS[rng.weighted(&KINDS.map(|k| k.1))].0,
            ),
        };
        let date = date.min(NaiveDate::from_ymd_opt(2025, 12, 31).expect("date"));
        let group = |rng: &mut Rng| rng.pick(ARMED_GROUPS).to_string();
        let (actor, other, target) = match kind {
            Kind::Drone | Kind::Shelling => {
                if rng.chance(0.5) {
                    (
                        group(rng),
                        rng.pick(STATE_FORCES).to_string(),
                        *rng.pick(TARGETS),
                    )
                } else {
                    (
                        rng.pick(STATE_FORCES).to_string(),
                        group(rng),
                        *rng.pick(TARGETS),
                    )
                }
            }
            Kind::Clash => (
                rng.pick(STATE_FORCES).to_string(),
                group(rng),
                *rng.pick(TARGETS),
            ),
            Kind::Civilians => {
                let who = match rng.below(3) {
                    0 => "gunmen".to_string(),
                    1 => "unidentified gunmen".to_string(),
                    _ => group(rng),
                };
                (who, "civilians".to_string(), *rng.pick(TARGETS))
            }
            Kind::Ied => (
                group(rng),
                rng.pick(STATE_FORCES).to_string(),
                *rng.pick(TARGETS),
            ),
            Kind::Protest => (
                rng.pick(CROWDS).to_string(),
                "police".to_string(),
                *rng.pick(CAUSES),
            ),
            Kind::Arrests => (rng.pick(POLICE).to_string(), group(rng), *rng.pick(TARGETS)),
        };
        let (killed, injured, detained) = match kind {
            Kind::Drone | Kind::Shelling => (rng.range(2, 12), rng.range(2, 30), 0),
            Kind::Clash => (rng.range(2, 25), rng.range(2, 20), 0),
            Kind::Civilians => (rng.range(2, 30), rng.range(2, 15), 0),
            Kind::Ied => (rng.range(2, 10), rng.range(2, 20), 0),
            Kind::Protest => {
                if rng.chance(0.15) {
                    (0, rng.range(2, 20), 0)
                } else {
                    (0, 0, 0)
                }
            }
            Kind::Arrests => (0, 0, rng.range(2, 40)),
        };
        let victim = rng
            .chance(0.25)
            .then(|| format!("{} {}", rng.pick(FIRST), rng.pick(LAST)));
        events.push(Event {
            id: format!("ev{:06}", events.len() + 1),
            date,
            town,
            kind,
            actor,
            other,
            target,
            killed,
            injured,
            detained,
            victim,
            articles,
        });
    }
    events
}

/// Capitalise the first letter.
fn cap(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// The indefinite article for `word`.
fn an(word: &str) -> &'static str {
    // "a UAV strike", but "an IED".
    if word.starts_with(['a', 'e', 'i', 'o', 'u']) || word.starts_with("IED") {
        "an"
    } else {
        "a"
    }
}

/// A count in words for small numbers, else digits.
fn num(n: u32, words: bool) -> String {
    const W: [&str; 11] = [
        "no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    ];
    if words && (n as usize) < W.len() {
        W[n as usize].to_string()
    } else {
        n.to_string()
    }
}

struct Writer<'a> {
    rng: &'a mut Rng,
    e: &'a Event,
    town: &'a Town,
    published: NaiveDate,
    earlier: Option<&'a Event>,
}

impl Writer<'_> {
    /// When, relative to publication.
    fn when(&mut self) -> String {
        let d = (self.published - self.e.date).num_days();
        let wd = WEEKDAYS[self.e.date.weekday().num_days_from_monday() as usize];
        let dm = format!(
            "{} {}",
            self.e.date.day(),
            MONTHS[self.e.date.month0() as usize]
        );
        let md = format!(
            "{} {}",
            MONTHS[self.e.date.month0() as usize],
            self.e.date.day()
        );
        let opts: Vec<String> = match d {
            0 => vec![
                format!("on {wd}"),
                "earlier today".into(),
                format!("on {wd} morning"),
                "today".into(),
            ],
            1 => vec![
                "yesterday".into(),
                format!("on {wd}"),
                format!("late on {wd}"),
                format!("on {wd} night"),
            ],
            _ => vec![
                format!("on {wd}"),
                format!("on {dm}"),
                format!("on {md}"),
                format!("on {wd}, {dm}"),
            ],
        };
        self.rng.pick(&opts).clone()
    }

    /// Where.
    fn place(&mut self) -> String {
        let t = self.town;
        match self.rng.below(6) {
            0 => format!("in {}, in the {} region of {}", t.name, t.region, t.country),
            1 => format!(
                "in the town of {} in {}'s {} region",
                t.name, t.country, t.region
            ),
            2 => format!("in {}, {}", t.name, t.admin1),
            3 => format!("in {} in {}, {}", t.name, t.admin1, t.country),
            4 => format!("near {}, {}", t.name, t.country),
            _ => format!("in the city of {}, {}", t.name, t.country),
        }
    }

    /// Who says it.
    fn speaker(&mut self) -> String {
        let e = self.e;
        let t = self.town;
        let opts = [
            format!("the governor of {}", t.region),
            "police".into(),
            "local officials".into(),
            "a regional health official".into(),
            format!("a spokesman for {}", e.actor),
            "witnesses".into(),
            "the interior ministry".into(),
            format!("a spokeswoman for the {} administration", t.region),
            "hospital staff".into(),
            "a local rights group".into(),
        ];
        let mut s = self.rng.pick(&opts).clone();
        if s.starts_with("a spokesman for") {
            match e.kind {
                Kind::Protest => s = "organisers".into(),
                _ if !e.actor.starts_with("the ") => s = "a police spokesman".into(),
                _ => {}
            }
        }
        s
    }

    /// The figure this article gives (sometimes an early or a claimed one); never below 2,
    /// so every figure reads as a plural, unless the true value is 0.
    fn figure(&mut self, true_value: u32) -> u32 {
        if true_value == 0 {
            return 0;
        }
        match self.rng.weighted(&[70, 18, 12]) {
            0 => true_value,
            1 => true_value.saturating_sub(self.rng.range(1, 4)).max(2),
            _ => true_value + self.rng.range(1, 6),
        }
    }

    fn article(mut self) -> (String, String) {
        let e = self.e;
        let t = self.town;
        let when = self.when();
        let place = self.place();
        let killed = self.figure(e.killed);
        let injured = self.figure(e.injured);
        let words = self.rng.chance(0.5);
        let k = num(killed, words);
        let inj = num(injured, words);
        let actor = e.actor.clone();
        let other = e.other.clone();
        let target = e.target;
        let r = self.rng.below(4);
        let (title, lead) = match e.kind {
            Kind::Drone => {
                let trig =
                    *self
                        .rng
                        .pick(&["drone strike", "drone attack", "UAV strike", "airstrike"]);
                let title = match r {
                    0 => format!("{} kills {k} in {}", cap(trig), t.name),
                    1 => format!(
                        "{} hits {} in {}",
                        cap(trig),
                        target.trim_start_matches("a "),
                        t.name
                    ),
                    2 => format!("{k} dead after {trig} on {}", t.name),
                    _ => format!("{} blamed for deadly {trig} in {}", cap(&actor), t.region),
                };
                let lead = match self.rng.below(3) {
                    0 => format!("{} {trig} hit {target} {place} {when}, killing {k} people, {} said.", cap(an(trig)), self.speaker()),
                    1 => format!("{} carried out {} {trig} on {target} {place} {when}, according to {}.", cap(&actor), an(trig), self.speaker()),
                    _ => format!("At least {k} people were killed when {} {trig} struck {target} {place} {when}.", an(trig)),
                };
                (title, lead)
            }
            Kind::Shelling => {
                let trig = *self.rng.pick(&[
                    "shelling",
                    "artillery fire",
                    "a rocket attack",
                    "mortar fire",
                ]);
                let title = match r {
                    0 => format!(
                        "{} kills {k} in {}",
                        cap(trig.trim_start_matches("a ")),
                        t.name
                    ),
                    1 => format!("{} shelled as fighting spreads in {}", t.name, t.region),
                    2 => format!("{k} killed in {trig} on {}", t.name),
                    _ => format!(
                        "Heavy shelling hits {} in {}",
                        target.trim_start_matches("a "),
                        t.name
                    ),
                };
                let lead = match self.rng.below(3) {
                    0 => format!("{} killed {k} people {place} {when}, {} said.", cap(trig), self.speaker()),
                    1 => format!("{} shelled {target} {place} {when}, killing {k} and wounding {inj}.", cap(&actor)),
                    _ => format!("Shells hit {target} {place} {when} as {actor} pounded the area, officials said."),
                };
                (title, lead)
            }
            Kind::Clash => {
                let trig =
                    *self
                        .rng
                        .pick(&["clashes", "a gun battle", "heavy fighting", "a firefight"]);
                let title = match r {
                    0 => format!(
                        "{} leave {k} dead in {}",
                        cap(trig.trim_start_matches("a ")),
                        t.name
                    ),
                    1 => format!("{} and {} clash near {}", cap(&actor), other, t.name),
                    2 => format!("{k} killed as fighting erupts in {}", t.region),
                    _ => format!("Deadly ambush near {} kills {k}", t.name),
                };
                let lead = match self.rng.below(3) {
                    0 => format!("{} between {actor} and {other} {place} {when} left {k} people dead, {} said.", cap(trig), self.speaker()),
                    1 => format!("{} clashed with fighters of {other} {place} {when}, and {k} people were killed.", cap(&actor)),
                    _ => format!("Fighters of {other} ambushed {actor} {place} {when}, killing {k}, according to {}.", self.speaker()),
                };
                (title, lead)
            }
            Kind::Civilians => {
                let title = match r {
                    0 => format!("Gunmen kill {k} villagers in {}", t.name),
                    1 => format!("{k} civilians shot dead in {}", t.region),
                    2 => format!("Massacre in {}: {k} dead", t.name),
                    _ => format!(
                        "Attack on {} in {} leaves {k} dead",
                        target.trim_start_matches("a "),
                        t.name
                    ),
                };
                let lead = match self.rng.below(3) {
                    0 => format!("{} opened fire on civilians at {target} {place} {when}, killing {k}, {} said.", cap(&actor), self.speaker()),
                    1 => format!("{} stormed {target} {place} {when} and shot dead {k} residents.", cap(&actor)),
                    _ => format!("At least {k} civilians were gunned down {place} {when} when {actor} attacked {target}."),
                };
                (title, lead)
            }
            Kind::Protest => {
                let cause = target;
                let title = match r {
                    0 => format!("Thousands protest in {} over {cause}", t.name),
                    1 => format!("{} rally in {} against {cause}", cap(&actor), t.name),
                    2 => format!("Police fire tear gas at protesters in {}", t.name),
                    _ => format!("Protest over {cause} in {}", t.region),
                };
                let lead = match self.rng.below(3) {
                    0 => format!("Hundreds of {actor} marched {place} {when} to protest against {cause}."),
                    1 => format!("{} staged a demonstration {place} {when} over {cause}, {} said.", cap(&actor), self.speaker()),
                    _ => format!("Protesters angry about {cause} rallied {place} {when}, and police used tear gas to disperse them."),
                };
                (title, lead)
            }
            Kind::Arrests => {
                let d = num(self.figure(e.detained).max(1), words);
                let title = match r {
                    0 => format!("Police arrest {d} in {}", t.name),
                    1 => format!("{d} detained in raids in {}", t.region),
                    2 => format!("Security sweep in {} ends with {d} arrests", t.name),
                    _ => format!("{} suspects held in {}", cap(&d), t.name),
                };
                let lead = match self.rng.below(3) {
                    0 => format!("{} arrested {d} people suspected of links to {other} {place} {when}, {} said.", cap(&actor), self.speaker()),
                    1 => format!("{} detained {d} suspects in raids {place} {when}.", cap(&actor)),
                    _ => format!("{d} people were taken into custody {place} {when} after {actor} searched homes near {target}.", d = cap(&d)),
                };
                (title, lead)
            }
            Kind::Ied => {
                let trig = *self.rng.pick(&[
                    "roadside bomb",
                    "improvised explosive device",
                    "car bomb",
                    "IED",
                ]);
                let title = match r {
                    0 => format!("{} kills {k} in {}", cap(trig), t.name),
                    1 => format!("Bomb blast near {} leaves {k} dead", t.name),
                    2 => format!("{k} soldiers killed by {trig} in {}", t.region),
                    _ => format!(
                        "Explosion rocks {} in {}",
                        target.trim_start_matches("a "),
                        t.name
                    ),
                };
                let lead = match self.rng.below(3) {
                    0 => format!("{} {trig} exploded near {target} {place} {when}, killing {k} people, {} said.", cap(an(trig)), self.speaker()),
                    1 => format!("{k} members of {other} were killed {place} {when} when {} {trig} went off as they passed {target}.", an(trig), k = cap(&k)),
                    _ => format!("A bomb went off {place} {when}, killing {k}; {} said {actor} planted the {trig}.", self.speaker()),
                };
                (title, lead)
            }
        };

        let mut body: Vec<String> = vec![lead];
        // Figures, attributed.
        let speaker = self.speaker();
        let figures = match e.kind {
            Kind::Protest if injured == 0 => match self.rng.below(3) {
                0 => format!("No one was hurt, {speaker} said."),
                1 => "The protest ended peacefully in the evening, police said.".to_string(),
                _ => format!("Organisers said the crowd numbered several thousand, while {speaker} put it at about {}.", self.rng.range(3, 9) * 100),
            },
            Kind::Protest => format!("{} people were injured when police moved in, {speaker} said.", cap(&inj)),
            Kind::Arrests => format!("Those detained were being questioned, {speaker} said, adding that weapons had been seized."),
            _ => match self.rng.below(4) {
                0 => format!("{} said {k} people had been killed and {inj} injured.", cap(&speaker)),
                1 => format!("{} people were killed and {inj} wounded, {speaker} told reporters.", cap(&k)),
                2 => format!("The death toll rose to {k} on {}, {speaker} said, with {inj} others in hospital.", WEEKDAYS[self.published.weekday().num_days_from_monday() as usize]),
                _ => format!("According to {speaker}, {inj} people were wounded."),
            },
        };
        body.push(figures);

        let mut extra: Vec<String> = Vec::new();
        if e.kind != Kind::Protest && e.kind != Kind::Arrests && self.rng.chance(0.35) {
            let other_k = self.figure(e.killed);
            if other_k != killed {
                let s2 = self.speaker();
                extra.push(format!(
                    "{} gave a different toll, saying {} people had died.",
                    cap(&s2),
                    num(other_k, false)
                ));
            }
        }
        if let Some(v) = &e.victim {
            if self.rng.chance(0.6) {
                let job = *self.rng.pick(JOBS);
                extra.push(match e.kind {
                    Kind::Arrests => {
                        format!("Among those detained was {v}, {job}, relatives said.")
                    }
                    Kind::Protest => format!(
                        "{v}, {job} who joined the march, said people were tired of waiting."
                    ),
                    _ => format!("Among the dead was {v}, {job}, according to relatives."),
                });
            }
        }
        if matches!(
            e.kind,
            Kind::Drone | Kind::Shelling | Kind::Civilians | Kind::Ied
        ) {
            extra.push(match self.rng.below(3) {
                0 => "No group has claimed responsibility.".to_string(),
                1 => format!("{} denied any involvement.", cap(&e.actor)),
                _ => format!("{} blamed {} for the attack.", cap(&e.other), e.actor),
            });
        }
        if let Some(p) = self.earlier {
            if self.rng.chance(0.4) {
                let same_month =
                    p.date.month() + 1 == e.date.month() && p.date.year() == e.date.year();
                let what = match p.kind {
                    Kind::Drone => "a drone strike",
                    Kind::Shelling => "shelling",
                    Kind::Clash => "clashes",
                    Kind::Civilians => "an attack by gunmen",
                    Kind::Protest => "a protest",
                    Kind::Arrests => "a wave of arrests",
                    Kind::Ied => "a roadside bomb",
                };
                let pd = format!("{} {}", p.date.day(), MONTHS[p.date.month0() as usize]);
                extra.push(
                    if matches!(p.kind, Kind::Protest | Kind::Arrests) || p.killed == 0 {
                        format!("The town already saw {what} on {pd}.")
                    } else if same_month && self.rng.chance(0.5) {
                        format!(
                            "Last month, {what} in {} killed {} people.",
                            t.name, p.killed
                        )
                    } else {
                        format!("On {pd}, {what} in {} killed {} people.", t.name, p.killed)
                    },
                );
            }
        }
        let fillers = [
            format!(
                "The governor of {} condemned the violence and promised an investigation.",
                t.region
            ),
            format!(
                "Aid groups have warned of worsening conditions across {}.",
                t.region
            ),
            if matches!(e.kind, Kind::Protest | Kind::Arrests) {
                "Residents said the streets were quiet by nightfall.".to_string()
            } else {
                "Residents said they heard several loud explosions before dawn.".to_string()
            },
            format!("{} has seen repeated violence this year.", t.name),
            "Roads into the area were closed for several hours.".to_string(),
            "The United Nations called for restraint.".to_string(),
            format!(
                "Local radio in {} reported that shops stayed closed.",
                t.name
            ),
            "Officials said more details would be released later.".to_string(),
        ];
        let n_fill = self.rng.range(0, 3) as usize;
        for _ in 0..n_fill {
            let f = self.rng.pick(&fillers).clone();
            if !extra.contains(&f) {
                extra.push(f);
            }
        }
        // 4–8 sentences: shuffle the extras, keep the lead and the figures first.
        for i in (1..extra.len()).rev() {
            let j = self.rng.below(i + 1);
            extra.swap(i, j);
        }
        let want = self.rng.range(4, 8) as usize;
        body.extend(extra.into_iter().take(want.saturating_sub(2)));
        if body.len() < 4 {
            body.push(format!(
                "The situation in {} remained tense, residents said.",
                t.name
            ));
        }
        if body.len() < 4 {
            body.push("Officials said more details would be released later.".to_string());
        }
        // Paragraphs of one or two sentences.
        let mut text = String::new();
        let mut i = 0;
        while i < body.len() {
            let take = if self.rng.chance(0.4) { 2 } else { 1 };
            let para = body[i..(i + take).min(body.len())].join(" ");
            if !text.is_empty() {
                text.push('\n');
            }
            text.push_str(&para);
            i += take;
        }
        (cap(&title), text)
    }
}

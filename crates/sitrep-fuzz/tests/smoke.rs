//! The fuzz targets' smoke run, on every CI run: each saved input of `fuzz/regressions/` (found
//! by long libFuzzer runs, kept so they stay fixed), each seed of `fuzz/seeds/`, then
//! deterministic mutations of the seeds — byte flips, insertions, deletions, duplicated runs,
//! splices of two seeds — a few thousand per target. A panic anywhere fails the test.

use std::path::{Path, PathBuf};

fn fuzz_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz")
}

/// The files of `dir`, sorted (none if it does not exist).
fn files(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out: Vec<(PathBuf, Vec<u8>)> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .filter_map(|e| {
            let p = e.ok()?.path();
            let bytes = std::fs::read(&p).ok()?;
            Some((p, bytes))
        })
        .collect();
    out.sort();
    out
}

/// xorshift64*: a small deterministic generator, so every run mutates the same way.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Bytes that matter to the parsers, inserted more often than chance would.
const INTERESTING: &[&[u8]] = &[
    b"<",
    b">",
    b"</",
    b"<div>",
    b"<script>",
    b"<!--",
    b"\"",
    b"{",
    b"}",
    b"[",
    b"]",
    b":",
    b",",
    b"\n",
    b"\r\n",
    b"\r\n\r\n",
    b"\\u",
    b"\\",
    b"\x00",
    b"\xff",
    b"\xef\xbb\xbf",
    b"\x1f\x8b",
    b"WARC/1.0\r\n",
    b"Content-Length: ",
    b"9999999999",
    b"-1",
    b"\t",
    b"[places]",
    b"[actors]",
    b"sitrep-kb\t1\n",
];

fn mutate(rng: &mut Rng, seeds: &[Vec<u8>]) -> Vec<u8> {
    let mut data = seeds[rng.below(seeds.len())].clone();
    for _ in 0..=rng.below(8) {
        let at = rng.below(data.len() + 1);
        match rng.below(6) {
            0 if !data.is_empty() => {
                let i = rng.below(data.len());
                data[i] ^= 1 << rng.below(8);
            }
            1 => {
                let bytes = INTERESTING[rng.below(INTERESTING.len())];
                data.splice(at..at, bytes.iter().copied());
            }
            2 if !data.is_empty() => {
                let end = (at + rng.below(16)).min(data.len());
                data.drain(at.min(end)..end);
            }
            3 if !data.is_empty() => {
                let start = rng.below(data.len());
                let end = (start + 1 + rng.below(32)).min(data.len());
                let run: Vec<u8> = data[start..end].to_vec();
                for _ in 0..=rng.below(4) {
                    data.splice(at..at, run.iter().copied());
                }
            }
            4 => {
                let other = &seeds[rng.below(seeds.len())];
                let cut = rng.below(other.len() + 1);
                data.truncate(at);
                data.extend_from_slice(&other[cut..]);
            }
            _ => data.push(rng.below(256) as u8),
        }
    }
    data
}

/// Mutations per target: enough to reach the parsers' odd corners on every run, few enough for
/// a debug build in well under a minute.
const ROUNDS: usize = 4000;

#[test]
fn every_target_survives_its_regressions_seeds_and_mutations() {
    let dir = fuzz_dir();
    for &(name, target) in sitrep_fuzz::TARGETS {
        let seeds: Vec<Vec<u8>> = files(&dir.join("seeds").join(name))
            .into_iter()
            .map(|(_, b)| b)
            .collect();
        assert!(!seeds.is_empty(), "no seeds for {name}");
        for (path, bytes) in files(&dir.join("regressions").join(name)) {
            eprintln!("{name}: {}", path.display());
            target(&bytes);
        }
        for s in &seeds {
            target(s);
        }
        let mut rng = Rng(0x5eed_0000 ^ name.len() as u64 ^ (name.as_bytes()[0] as u64) << 32);
        let rounds = if name == "sidecar" {
            ROUNDS / 5
        } else {
            ROUNDS
        };
        for _ in 0..rounds {
            target(&mutate(&mut rng, &seeds));
        }
    }
}

#[test]
fn the_seeds_are_meaningful() {
    // The knowledge-base seed parses, so mutations start from a valid file.
    let kb = std::fs::read(fuzz_dir().join("seeds/kb/tiny.tsv")).unwrap();
    let data = sitrep_kb::KbData::from_bytes(&kb).unwrap();
    assert!(!sitrep_kb::Kb::from_data(data).lookup("Kharkiv").is_empty());
    // Every target has a seed folder and every seed folder a target.
    let names: Vec<&str> = sitrep_fuzz::TARGETS.iter().map(|(n, _)| *n).collect();
    let folders: Vec<String> = std::fs::read_dir(fuzz_dir().join("seeds"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    for n in &folders {
        assert!(names.contains(&n.as_str()), "seeds for no target: {n}");
    }
    assert_eq!(folders.len(), names.len());
}

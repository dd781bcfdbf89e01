#!/usr/bin/env bash
# Resolution at scale: how the time and memory of cross-article resolution grow from 10,000 to
# 100,000 articles (one year, many regions), on a generated corpus with a gold clustering.
#
#   scripts/bench/scale.sh            # N = 10000 30000 100000, seed 1, ~600 towns
#   SIZES="10000 20000" SEED=7 scripts/bench/scale.sh
#   TOWNS=140 scripts/bench/scale.sh  # towns per country (default 14): a sparser corpus
#
# The towns are the same for every N, so a larger corpus is also a denser one (more events
# per town and month): the figures show resolution under growing density, its hard case.
#
# For each N: `gencorpus` writes the corpus and its gold (article → event); the whole
# `sitrep run` is timed with /usr/bin/time -v (wall time, peak RSS; `resolve_seconds` and
# `events` from run.json); then `resolve_bench` resolves the run's articles again on their own
# (time, resident set before, peak during, B³ against the gold; three times, the median kept).
# Files go to target/bench-scale/towns<K>/, the figures to target/eval/scale.json
# (scale-towns<K>.json for another TOWNS), and a table is printed.
set -euo pipefail
cd "$(dirname "$0")/../.."

SIZES=${SIZES:-"10000 30000 100000"}
SEED=${SEED:-1}
TOWNS=${TOWNS:-14}
WORK=target/bench-scale/towns$TOWNS
RESULT=target/eval/scale.json
[ "$TOWNS" = 14 ] || RESULT=target/eval/scale-towns$TOWNS.json
mkdir -p "$WORK" target/eval

cargo build --release -q -p sitrep
cargo build --release -q -p sitrep-resolve --example gencorpus --example resolve_bench

started=$(date +%s)
for n in $SIZES; do
    corpus=$WORK/corpus-$n.jsonl
    gold=$WORK/gold-$n.csv
    out=$WORK/run-$n
    echo "== $n articles" >&2
    target/release/examples/gencorpus --articles "$n" --seed "$SEED" --towns-per-country "$TOWNS" \
        --out "$corpus" --gold "$gold" --events "$WORK/events-$n.tsv"
    rm -rf "$out"
    /usr/bin/time -v -o "$WORK/time-$n.txt" target/release/sitrep run "$corpus" --out "$out" -q
    # Three times (the machine is shared); the median by resolve time is kept.
    for i in 1 2 3; do
        target/release/examples/resolve_bench "$out/articles.jsonl" --gold "$gold" >"$WORK/bench-$n.$i.json"
    done
done

python3 - "$WORK" "$RESULT" "$SEED" "$TOWNS" "$started" $SIZES <<'EOF'
import csv, datetime, json, os, platform, re, sys, time
from collections import defaultdict

work, result, seed, towns = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
started, sizes = int(sys.argv[5]), [int(n) for n in sys.argv[6:]]

VIOLENT = {"Drone", "Shelling", "Clash", "Civilians", "Ied"}

def density(path):
    """How crowded the generated world is: events per town, and the share of events with a
    look-alike that dates cannot separate (another event of the same family in the same town
    within a day)."""
    rows = list(csv.DictReader(open(path), delimiter="\t"))
    by_town = defaultdict(list)
    for r in rows:
        by_town[(r["country"], r["town"])].append(
            (datetime.date.fromisoformat(r["date"]), r["kind"] in VIOLENT))
    close = 0
    for evs in by_town.values():
        for i, (d, v) in enumerate(evs):
            if any(j != i and abs((d - e).days) <= 1 and v == w for j, (e, w) in enumerate(evs)):
                close += 1
    return {
        "events": len(rows),
        "towns_used": len(by_town),
        "events_per_town": round(len(rows) / max(1, len(by_town)), 1),
        "events_with_same_town_lookalike_within_1_day": round(close / max(1, len(rows)), 3),
    }

def time_v(path):
    t = open(path).read()
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", t).group(1)
    secs = 0.0
    for part in wall.split(":"):
        secs = secs * 60 + float(part)
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", t).group(1))
    return secs, rss / 1024

def cpu():
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor()

runs = []
for n in sizes:
    wall, rss = time_v(f"{work}/time-{n}.txt")
    run = json.load(open(f"{work}/run-{n}/run.json"))
    benches = sorted((json.load(open(f"{work}/bench-{n}.{i}.json")) for i in (1, 2, 3)),
                     key=lambda b: b["resolve_seconds"])
    bench = benches[1]
    bench["resolve_seconds_all"] = [b["resolve_seconds"] for b in benches]
    corpus = f"{work}/corpus-{n}.jsonl"
    runs.append({
        "articles": n,
        "corpus_mib": round(os.path.getsize(corpus) / 2**20, 1),
        "gold_events": bench.get("gold", {}).get("events"),
        "density": density(f"{work}/events-{n}.tsv"),
        "run": {
            "wall_seconds": round(wall, 2),
            "articles_per_second": round(run["written"] / wall, 1),
            "peak_rss_mib": round(rss, 1),
            "written": run["written"],
            "resolve_seconds": round(run.get("resolve_seconds", 0.0), 3),
            "events": run.get("events"),
            "failures": len(run.get("failures", [])),
            "duplicates": len(run.get("duplicates", [])),
        },
        "resolve_bench": bench,
    })

def ratio(key):
    a, b = key(runs[0]), key(runs[-1])
    return round(b / a, 2) if a else None

summary = {
    "date": time.strftime("%Y-%m-%d"),
    "machine": f"{os.cpu_count()} cores, {cpu()}, {round(os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30)} GiB",
    "seed": seed,
    "towns_per_country": towns,
    "script_seconds": int(time.time()) - started,
    "runs": runs,
}
if len(runs) > 1:
    summary["growth"] = {
        "from": runs[0]["articles"],
        "to": runs[-1]["articles"],
        "articles": ratio(lambda r: r["articles"]),
        "reports": ratio(lambda r: r["resolve_bench"]["reports"]),
        "resolve_seconds": ratio(lambda r: r["resolve_bench"]["resolve_seconds"]),
        "resolve_cpu_seconds": ratio(lambda r: r["resolve_bench"].get("resolve_cpu_seconds") or 0),
        "resolve_peak_delta_mib": ratio(lambda r: r["resolve_bench"]["resolve_peak_delta_mib"]),
        "run_wall_seconds": ratio(lambda r: r["run"]["wall_seconds"]),
        "run_peak_rss_mib": ratio(lambda r: r["run"]["peak_rss_mib"]),
    }
json.dump(summary, open(result, "w"), indent=2)

print(f"{'articles':>9} {'events':>7} {'gold':>7} {'run s':>7} {'art/s':>7} {'run MiB':>8} {'run res s':>9} "
      f"{'reports':>8} {'resolve s':>10} {'cpu s':>6} {'RSS before':>11} {'peak':>7} {'delta':>7} {'B3 P':>6} {'B3 R':>6} {'B3 F1':>6}")
for r in runs:
    b, g = r["resolve_bench"], r["resolve_bench"].get("gold", {})
    print(f"{r['articles']:>9} {b['events']:>7} {r['gold_events'] or '':>7} {r['run']['wall_seconds']:>7} "
          f"{r['run']['articles_per_second']:>7} {r['run']['peak_rss_mib']:>8} {r['run']['resolve_seconds']:>9} {b['reports']:>8} "
          f"{b['resolve_seconds']:>10} {b.get('resolve_cpu_seconds') or '':>6} {b['rss_before_mib']:>11} {b['peak_during_resolve_mib']:>7} "
          f"{b['resolve_peak_delta_mib']:>7} {g.get('b3_precision', ''):>6} {g.get('b3_recall', ''):>6} {g.get('b3_f1', ''):>6}")
if "growth" in summary:
    g = summary["growth"]
    print(f"{g['from']} → {g['to']} articles (×{g['articles']}): reports ×{g['reports']}, resolve time ×{g['resolve_seconds']} (CPU ×{g['resolve_cpu_seconds']}), "
          f"resolve peak delta ×{g['resolve_peak_delta_mib']}, run time ×{g['run_wall_seconds']}, run peak RSS ×{g['run_peak_rss_mib']}")
for r in runs:
    d = r["density"]
    print(f"{r['articles']:>9} articles: {d['events']} events in {d['towns_used']} towns ({d['events_per_town']} per town), "
          f"{d['events_with_same_town_lookalike_within_1_day']:.1%} with a same-town look-alike within a day; "
          f"est. settlement-block pairs {r['resolve_bench']['est_settlement_block_pairs']} "
          f"({r['resolve_bench']['est_settlement_block_pairs_days_apart']} ruled out by their dates), "
          f"unplaced-block pairs {r['resolve_bench']['est_unplaced_block_pairs']}")
print(f"({summary['script_seconds']} s in all; {result})")
EOF

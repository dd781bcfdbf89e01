#!/usr/bin/env bash
# Load test of `sitrep serve` on loopback: event queries against a store of N articles
# (default 100,000), first with the store idle, then while `sitrep ingest` adds more articles
# to the same file. Bounded in time: DURATION seconds per phase.
#
#   scripts/bench/serve-load.sh                 # N=100000, 30 s per phase, 16 connections
#   N=20000 DURATION=10 scripts/bench/serve-load.sh
#
# Needs wrk (Debian package `wrk`; installed here when missing and apt-get can run).
# The corpus is generated (`gencorpus`, seed 1, 140 towns per country) and ingested once, in
# batches of 10,000; later runs reuse target/bench-load/base-N.db. Each run works on a copy,
# so every run starts from the same store.
#
# The query mix (scripts/bench/serve-load.lua): a week of events (30%), a type page at a
# random offset (15%), a 10° bounding box (15%), a full-text search for a place or actor
# name (10%), one event by id (20%), a month's timeline (10%). Then each kind alone for
# KIND_SECONDS (default 5), and full-text searches for words in most articles ("common").
# Figures go to target/eval/serve-load.json and a table is printed. wrk's own URL is a path
# that answers 404: were the script to fail, wrk would send that, and the non-2xx column
# would show it.
set -euo pipefail
cd "$(dirname "$0")/../.."

N=${N:-100000}
EXTRA=${EXTRA:-5000}
DURATION=${DURATION:-30}
CONNS=${CONNS:-16}
WORK=target/bench-load
mkdir -p "$WORK" target/eval

if ! command -v wrk >/dev/null; then
    if [ "$(id -u)" = 0 ]; then
        apt-get install -y -qq wrk >/dev/null
    else
        sudo apt-get install -y -qq wrk >/dev/null
    fi
fi

cargo build --release -q -p sitrep
cargo build --release -q -p sitrep-resolve --example gencorpus

base=$WORK/base-$N.jsonl
extra=$WORK/extra-$EXTRA.jsonl
db=$WORK/base-$N.db
if [ ! -s "$base" ]; then
    target/release/examples/gencorpus --articles "$N" --seed 1 --towns-per-country 140 \
        --out "$base" --gold "$WORK/base-$N-gold.csv"
fi
if [ ! -s "$extra" ]; then
    # Another seed, its ids renamed so that every article is new to the store.
    target/release/examples/gencorpus --articles "$EXTRA" --seed 2 --towns-per-country 140 \
        --out "$extra.tmp" --gold "$WORK/extra-$EXTRA-gold.csv"
    sed 's/^{"id":"a/{"id":"x/' "$extra.tmp" >"$extra" && rm "$extra.tmp"
fi
if [ ! -s "$db" ]; then
    echo "== ingesting $N articles into $db (once)" >&2
    /usr/bin/time -v -o "$WORK/ingest-$N.time" \
        target/release/sitrep ingest "$base" --db "$db" --batch 10000 -q
fi

run=$WORK/run
rm -rf "$run" && mkdir -p "$run"
sqlite_copy() { cp "$1" "$2"; for s in -wal -shm; do [ -e "$1$s" ] && cp "$1$s" "$2$s"; done; true; }
sqlite_copy "$db" "$run/store.db"

target/release/sitrep serve --db "$run/store.db" --addr 127.0.0.1:0 2>"$run/serve.log" &
server=$!
trap 'kill $server 2>/dev/null || true; [ -n "${ingest:-}" ] && kill $ingest 2>/dev/null || true' EXIT
for _ in $(seq 100); do
    grep -q "serving" "$run/serve.log" && break
    sleep 0.1
done
addr=$(grep -o 'http://[0-9.:]*' "$run/serve.log" | head -1)
[ -n "$addr" ] || { cat "$run/serve.log"; exit 1; }
curl -sf "$addr/api/health" >"$run/health-before.json"

# Event ids and the date range for the query mix.
curl -sf "$addr/api/events?limit=1000" >"$run/page.json"
python3 - "$run/page.json" "$run/ids.lua" <<'PY'
import json, sys
page = json.load(open(sys.argv[1]))
ids = [e["id"] for e in page["events"]]
names = sorted({e["location"]["name"] for e in page["events"] if e.get("location")}
               | {a["name"] for e in page["events"] for a in e.get("actors", [])})
lua = lambda xs: "{" + ",".join(json.dumps(x, ensure_ascii=False) for x in xs) + "}"
open(sys.argv[2], "w").write(f"ids = {lua(ids)}\nnames = {lua(names)}\n")
PY

KIND_SECONDS=${KIND_SECONDS:-5}
phase() {
    local name=$1 seconds=${2:-$DURATION}
    echo "== $name: wrk -t2 -c$CONNS -d${seconds}s" >&2
    (cd "$run" && wrk -t2 -c"$CONNS" -d"${seconds}s" --timeout 10s --latency \
        -s ../../../scripts/bench/serve-load.lua "$addr/api/no-such-path") >"$run/wrk-$name.txt"
    cat "$run/wrk-$name.txt" >&2
}

KINDS="week type bbox text event timeline common"
for kind in $KINDS; do
    KIND=$kind phase "kind-$kind" "$KIND_SECONDS"
done
phase idle
curl -sf "$addr/api/health" >"$run/health-idle.json"

target/release/sitrep ingest "$extra" --db "$run/store.db" --batch 256 -q \
    >"$run/ingest.log" 2>&1 &
ingest=$!
sleep 1
phase ingesting
curl -sf "$addr/api/health" >"$run/health-after.json"
kill -0 $ingest 2>/dev/null && ingest_running=1 || ingest_running=0
kill $ingest 2>/dev/null || true
wait $ingest 2>/dev/null || true
ingest=

python3 - "$run" "target/eval/serve-load.json" "$N" "$DURATION" "$CONNS" "$ingest_running" $KINDS <<'PY'
import json, os, re, sys, time
run, out, n, duration, conns, still = sys.argv[1:7]
kinds = sys.argv[7:]

def wrk(path):
    t = open(path).read()
    def ms(v):
        num, unit = re.match(r"([\d.]+)(\w+)", v).groups()
        return float(num) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]
    lat = dict(re.findall(r"^\s+(50|75|90|99)%\s+(\S+)", t, re.M))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", t)
    errs = re.search(r"Socket errors: (.*)", t)
    return {
        "requests_per_second": float(re.search(r"Requests/sec:\s+([\d.]+)", t).group(1)),
        "requests": int(re.search(r"(\d+) requests in", t).group(1)),
        "latency_ms": {f"p{k}": round(ms(v), 2) for k, v in lat.items()},
        "non_2xx": int(bad.group(1)) if bad else 0,
        "socket_errors": errs.group(1) if errs else None,
    }

before = json.load(open(f"{run}/health-before.json"))
idle = json.load(open(f"{run}/health-idle.json"))
after = json.load(open(f"{run}/health-after.json"))
result = {
    "date": time.strftime("%Y-%m-%d"),
    "articles_stored": before["articles"],
    "events_stored": before["events"],
    "duration_s_per_phase": int(duration),
    "connections": int(conns),
    "cpus": os.cpu_count(),
    "idle": wrk(f"{run}/wrk-idle.txt"),
    "by_kind_idle": {k: wrk(f"{run}/wrk-kind-{k}.txt") for k in kinds},
    "while_ingesting": wrk(f"{run}/wrk-ingesting.txt"),
    "articles_ingested_during_load": after["articles"] - idle["articles"],
    "generations_during_load": after["generation"] - idle["generation"],
    "ingest_still_running_at_end": still == "1",
}
json.dump(result, open(out, "w"), indent=2)
print(f"\nstore: {result['articles_stored']} articles, {result['events_stored']} events; "
      f"{conns} connections, {duration} s per phase, {result['cpus']} CPUs (server, wrk and ingest share them)")
print("| phase | requests/s | p50 ms | p90 ms | p99 ms | non-2xx |")
print("|---|---|---|---|---|---|")
for k in ("idle", "while_ingesting"):
    r = result[k]
    l = r["latency_ms"]
    print(f"| {k} | {r['requests_per_second']:.0f} | {l.get('p50')} | {l.get('p90')} | {l.get('p99')} | {r['non_2xx']} |")
print("\none kind at a time, store idle:")
print("| kind | requests/s | p50 ms | p99 ms |")
print("|---|---|---|---|")
for k, r in result["by_kind_idle"].items():
    l = r["latency_ms"]
    print(f"| {k} | {r['requests_per_second']:.0f} | {l.get('p50')} | {l.get('p99')} |")
print(f"articles ingested during the second phase: {result['articles_ingested_during_load']} "
      f"({result['generations_during_load']} committed batches)")
print(f"wrote {out}")
PY

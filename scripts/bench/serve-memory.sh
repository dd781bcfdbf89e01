#!/usr/bin/env bash
# Resident memory of `sitrep serve --kb FILE` over N posts of one short article each: the
# pipeline (and its knowledge base) must be built once, so memory stays flat after the first
# few posts. Prints the RSS after every 10 posts and the growth from post 5 to the last.
#
#   scripts/bench/serve-memory.sh [N]        # N posts (default 100); SITREP_BIN to pick a binary
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
n="${1:-100}"
if [ -z "${SITREP_BIN:-}" ]; then
  cargo build --release --quiet -p sitrep --manifest-path "$root/Cargo.toml"
  SITREP_BIN="${CARGO_TARGET_DIR:-$root/target}/release/sitrep"
fi
work="$(mktemp -d)"
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT
# A knowledge-base file: the built-in one (any `sitrep kb build/extend` output works).
cp "$root/crates/sitrep-kb/data/kb.tsv.gz" "$work/kb.tsv.gz"
port=$((20000 + RANDOM % 20000))
"$SITREP_BIN" serve --db "$work/events.db" --kb "$work/kb.tsv.gz" --addr "127.0.0.1:$port" -j 1 \
  2>"$work/serve.log" &
pid=$!
for _ in $(seq 100); do
  curl -sf "http://127.0.0.1:$port/api/health" >/dev/null 2>&1 && break
  sleep 0.2
done
rss() { awk '/^VmRSS/ {print int($2 / 1024)}' "/proc/$pid/status"; }
echo "started: $(rss) MiB"
at5=
for i in $(seq "$n"); do
  body=$(printf '{"id":"post-%d","published":"2025-03-%02d","text":"Shelling hit a school in Testville on Monday, killing %d people and injuring %d more, the mayor said."}' \
    "$i" $((i % 28 + 1)) $((i % 7 + 1)) $((i % 5 + 2)))
  curl -sf -X POST --data-binary "$body" "http://127.0.0.1:$port/api/articles" >/dev/null
  [ "$i" = 5 ] && at5=$(rss)
  [ $((i % 10)) = 0 ] && echo "after $i posts: $(rss) MiB"
done
last=$(rss)
echo "growth from post 5 to post $n: $((last - at5)) MiB (limit 40)"
[ $((last - at5)) -lt 40 ]

#!/usr/bin/env bash
# Long fuzz runs with libFuzzer (nightly toolchain and `cargo install cargo-fuzz`), without a
# sanitizer (`-s none`: the code forbids `unsafe`, and AddressSanitizer cut the rate 6 to 13 times):
#
#   fuzz/run.sh [SECONDS] [TARGET...]     # default: 300 s for every target, two at a time
#
# A run stops at SECONDS or at RUNS executions (default 10,000,000), whichever comes first.
#
# Each target starts from fuzz/seeds/<target> and keeps its growing corpus in
# fuzz/corpus/<target> (not committed); a crash or timeout lands in fuzz/artifacts/<target>:
# minimise it (`cargo +nightly fuzz tmin`), copy it to fuzz/regressions/<target>/ and fix the
# parser. The final stats of each run go to fuzz/logs/<target>.log.
set -euo pipefail
cd "$(dirname "$0")"
secs=${1:-300}
shift || true
targets=${*:-"sniff gzip json jsonl warc html sidecar kb"}
mkdir -p logs
cargo +nightly fuzz build -O -s none
run() {
  local t=$1
  mkdir -p "corpus/$t"
  cargo +nightly fuzz run -O -s none "$t" "corpus/$t" "seeds/$t" -- \
    -max_total_time="$secs" -runs="${RUNS:-10000000}" -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 \
    >"logs/$t.log" 2>&1 || echo "$t: libFuzzer exited $? (see logs/$t.log)"
}
set -- $targets
while [ $# -gt 0 ]; do
  run "$1" & a=$!
  if [ $# -gt 1 ]; then run "$2" & b=$!; wait $b; shift; fi
  wait $a
  shift
done
for t in $targets; do
  printf '%-8s %s\n' "$t" "$(grep -E 'stat::number_of_executed_units|stat::average_exec_per_sec|Done [0-9]+ runs' "logs/$t.log" | tr -s ' ' | tr '\n' ' ')"
done

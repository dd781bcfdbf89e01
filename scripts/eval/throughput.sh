#!/usr/bin/env bash
# Whole-pipeline throughput of `sitrep run --no-clean` (read, understand, write) in MB/s per core,
# on ~50 MB of JSON Lines made by repeating news texts: the GVDB article texts
# (../shared/bench/gvdb, read at run time only, never copied into the repo) or, with --source
# demo, the demo corpus in crates/sitrep/demo. Runs -j 1 and -j 2, best of N.
# Results: target/eval/throughput.json.
#
#   scripts/eval/throughput.sh [--mb 50] [--runs 2] [--source gvdb|demo] [--threads 1,2]
source "$(dirname "$0")/lib.sh"
ensure_sitrep
exec python3 "$root/scripts/eval/throughput.py" "$@"

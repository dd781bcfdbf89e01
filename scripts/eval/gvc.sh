#!/usr/bin/env bash
# GVC (Gun Violence Corpus): which articles report the same incident, among 241 look-alike US
# shootings (510 articles, one sitrep run over all of them), scored per split with B³ and pairwise
# P/R/F1 (predicted cluster = an article's `main_event`), and the date, city/state and killed /
# injured counts of each incident's resolved event (events.jsonl) against the GVA record. Reads
# ../shared/bench/gvc at run time only (evaluation use only: never copy it into the repo).
# Results: target/eval/gvc.json.
#
#   scripts/eval/gvc.sh [--no-clean] [--threads N]
#   python3 scripts/eval/gvc.py --selftest      # the metric self-checks only
source "$(dirname "$0")/lib.sh"
ensure_sitrep
exec python3 "$root/scripts/eval/gvc.py" "$@"

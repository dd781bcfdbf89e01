#!/usr/bin/env bash
# ECB+: which articles report the same seminal event when each topic holds two look-alike events
# (982 news articles, 43 topics, 86 sub-topics; one sitrep run over all of them). B³ and pairwise
# P/R/F1 of the documents' `main_event` clusters against the sub-topics: across topics (one pool),
# within topics, and on the test topics 36–45; plus how many documents got an event at all (most
# ECB+ topics are not about conflict). Reads ../shared/bench/ecbplus at run time only (evaluation
# use only: never copy it into the repo).
# Results: target/eval/ecbplus.json.
#
#   scripts/eval/ecbplus.sh [--no-clean] [--threads N]
#   python3 scripts/eval/ecbplus.py --selftest      # detokeniser and metric self-checks only
source "$(dirname "$0")/lib.sh"
ensure_sitrep
exec python3 "$root/scripts/eval/ecbplus.py" "$@"

#!/usr/bin/env bash
# CASE 2021 task 2 (fine-grained event classification): the type of sitrep's main event
# mention for each snippet against the gold ACLED sub-event type; accuracy over the 25 ACLED
# types, snippets with no event, a confusion summary. Reads ../shared/bench/case2021-task2 at
# run time only (evaluation use only: never copy it into the repo).
# Results: target/eval/case2021.json.
#
#   scripts/eval/case2021.sh
source "$(dirname "$0")/lib.sh"
ensure_sitrep
exec python3 "$root/scripts/eval/case2021.py" "$@"

#!/usr/bin/env bash
# GVDB: killed / injured counts from sitrep's quantities, and the main event's city and state, against the crowd forms
# (../shared/bench/gvdb, test split, dev for information; read at run time only).
# Results: target/eval/gvdb.json.
#
#   scripts/eval/gvdb.sh [--pick max|mode|first] [--examples N] [--threads N]
source "$(dirname "$0")/lib.sh"
ensure_sitrep
exec python3 "$root/scripts/eval/gvdb.py" "$@"

#!/usr/bin/env bash
# Whole-pipeline speed on the GVA long-tail feed (6,295 real articles), -j 1 and -j 2, best of N.
# Results: target/eval/gva_speed.json. See gva_speed.py.
#
#   scripts/eval/gva_speed.sh [--runs 3] [--threads 1,2]
source "$(dirname "$0")/lib.sh"
ensure_sitrep
exec python3 "$root/scripts/eval/gva_speed.py" "$@"

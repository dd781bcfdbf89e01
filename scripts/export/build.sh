#!/usr/bin/env bash
# Regenerate crates/sitrep-export/data/countries.tsv (ISO 3166-1 codes and names, ACLED regions
# from UN M49 sub-regions) in a venv with pycountry and country_converter from PyPI.
# Deterministic for given package versions (pinned below).
set -euo pipefail
cd "$(dirname "$0")/../.."
VENV=${VENV:-target/export-venv}
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
fi
"$VENV/bin/pip" install -q pycountry==26.2.16 country_converter==1.3.2
"$VENV/bin/python" scripts/export/gen_countries.py crates/sitrep-export/data/countries.tsv

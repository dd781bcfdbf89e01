#!/usr/bin/env bash
# Main-text F1 of `sitrep run` on the ScrapingHub article-extraction benchmark, scored by the
# benchmark's own method (scripts/aeb_score.py).
#
#   scripts/aeb_eval.sh [BENCH_DIR]      (default ../shared/bench/scrapinghub-aeb)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bench="${1:-$root/../shared/bench/scrapinghub-aeb}"
out="$root/target/aeb-eval"
cargo build --release --quiet --manifest-path "$root/Cargo.toml"
rm -rf "$out"
"$root/target/release/sitrep" run "$bench/html" --out "$out" --quiet || true
# articles.jsonl has `id` (the page's file name without .html.gz) and `text`: what the scorer reads.
python3 "$root/scripts/aeb_score.py" --gold "$bench/ground-truth.json" --pred "$out/articles.jsonl" "${@:2}"

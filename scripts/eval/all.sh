#!/usr/bin/env bash
# Every evaluation in scripts/eval, one after the other, with one sitrep build; each writes
# target/eval/<name>.json and its log to target/eval/<name>.log.
#
#   scripts/eval/all.sh
source "$(dirname "$0")/lib.sh"
ensure_sitrep
echo "sitrep: $SITREP_BIN ($(cd "$root" && git log --oneline -1 2>/dev/null || echo 'no git'))"
for s in conll geoparse gvdb gvc ecbplus throughput; do
  echo
  echo "################ $s ################"
  "$root/scripts/eval/$s.sh" 2>&1 | tee "$EVAL_OUT/$s.log"
done
echo
echo "all results in $EVAL_OUT"
echo
python3 "$root/scripts/eval/summary.py" "$EVAL_OUT" | tee "$EVAL_OUT/summary.md"

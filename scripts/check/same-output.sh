#!/usr/bin/env bash
# Byte-compares two folders written by scripts/check/outputs.sh (before and after a change), and
# within each, `run` against `ingest` + `export` of the same articles.
#
#   SITREP_BIN=old/sitrep scripts/check/outputs.sh /tmp/before
#   scripts/check/outputs.sh /tmp/after
#   scripts/check/same-output.sh /tmp/before /tmp/after
set -euo pipefail
a="${1:?usage: same-output.sh BEFORE AFTER}"; b="${2:?usage: same-output.sh BEFORE AFTER}"
status=0
for set in seeds demo gvc; do
  for kind in run store; do
    for f in articles.jsonl events.jsonl events.csv events.geojson report.md; do
      if cmp -s "$a/$set/$kind/$f" "$b/$set/$kind/$f"; then
        echo "same       $set/$kind/$f"
      else
        echo "DIFFERENT  $set/$kind/$f"; status=1
      fi
    done
  done
  for f in articles.jsonl events.jsonl events.csv events.geojson report.md; do
    cmp -s "$b/$set/run/$f" "$b/$set/store/$f" || { echo "run != export: $set/$f"; status=1; }
  done
done
exit $status

#!/usr/bin/env bash
# The browser test of the web page: a real headless Chromium (Debian's `chromium`), driven by
# playwright-core (crates/sitrep-serve/e2e), against `sitrep serve` on loopback over a store of
# the seed articles (../shared/corpus/seeds). Screenshots go to target/e2e/ for review.
#
#   scripts/web/e2e.sh           # needs /usr/bin/chromium (.ci/run installs it) and npm
set -euo pipefail
cd "$(dirname "$0")/../.."

CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
SEEDS=${SEEDS:-../shared/corpus/seeds}
OUT=target/e2e
[ -x "$CHROMIUM" ] || { echo "e2e: $CHROMIUM not found (apt-get install chromium)" >&2; exit 1; }
[ -d "$SEEDS" ] || { echo "e2e: $SEEDS not found" >&2; exit 1; }

(cd crates/sitrep-serve/e2e && npm ci --no-audit --no-fund --silent)
cargo build --release --locked -q -p sitrep

rm -rf "$OUT" && mkdir -p "$OUT"
work=$(mktemp -d)
server=
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

target/release/sitrep ingest "$SEEDS" --db "$work/store.db" -q
token=e2e-$$-$RANDOM
target/release/sitrep serve --db "$work/store.db" --addr 127.0.0.1:0 --token "$token" \
    2>"$OUT/serve.log" &
server=$!
for _ in $(seq 100); do
    grep -q "serving" "$OUT/serve.log" && break
    sleep 0.1
done
url=$(grep -o 'http://[0-9.:]*' "$OUT/serve.log" | head -1)
[ -n "$url" ] || { cat "$OUT/serve.log" >&2; exit 1; }

SITREP_URL=$url SITREP_TOKEN=$token SHOTS=$OUT CHROMIUM=$CHROMIUM \
    node crates/sitrep-serve/e2e/page.test.mjs

#!/usr/bin/env bash
# Fetch the country outlines the web page draws (Natural Earth 1:50m, as TopoJSON from the npm
# package `world-atlas`, ISC licence; Natural Earth is public domain) into
# crates/sitrep-serve/web/countries-50m.json, which the binary embeds. Run once; the file is
# committed, so building sitrep needs no network.
set -euo pipefail
cd "$(dirname "$0")/../.."
VERSION=${VERSION:-2.0.2}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "world-atlas@$VERSION" >/dev/null && tar xzf "world-atlas-$VERSION.tgz")
cp "$tmp/package/countries-50m.json" crates/sitrep-serve/web/countries-50m.json
echo "wrote crates/sitrep-serve/web/countries-50m.json (world-atlas $VERSION)"

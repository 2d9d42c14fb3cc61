#!/usr/bin/env bash
# Rewrites the golden metric tables of the sample registries (test/golden/). Review the diff before
# committing it: a changed golden file is a changed published number.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${CI:-}" = "true" ]; then echo "update-golden: refusing to rewrite golden files in CI" >&2; exit 1; fi
for s in no-sarcoma se-sarcoma; do
  tmp=$(mktemp -d)
  node bin/regreport.js metrics --data "sample-data/$s" --out "$tmp" >/dev/null
  mkdir -p "test/golden/$s"
  cp "$tmp/internal/metrics.json" "$tmp/internal/metrics.csv" "$tmp/internal/data-quality.csv" "$tmp/metrics-published.csv" "test/golden/$s/"
  rm -rf "$tmp"
done
git --no-pager diff --stat -- test/golden || true

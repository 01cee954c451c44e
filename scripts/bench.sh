#!/usr/bin/env bash
# Benchmarks (issue 7), on a built site: speed and size against the json-rules-engine peer in
# headless Chromium (tests/bench/browser.mjs) and Lighthouse on the standalone page
# (tests/bench/lighthouse.mjs). Figures go to build-web/bench/*.json. Fails only when a figure
# is over its budget (well above today's figures) or a Lighthouse score below its budget. About a minute.
#   scripts/bench.sh                      # build-web/site (builds it first if missing)
#   KOSHIN_WASM_OPT=O3 KOSHIN_WASM_BUILD=build-wasm-o3 KOSHIN_SITE_DIR=build-web/site-o3 scripts/bench.sh
set -euo pipefail
cd "$(dirname "$0")/.."
site="${KOSHIN_SITE_DIR:-build-web/site}"
out="${KOSHIN_BENCH_OUT:-build-web/bench}"
if [ ! -f "$site/koshin/koshin-core.wasm" ]; then
  source scripts/web.sh
  koshin_build_web
fi
node tests/bench/peer/build.mjs "$out"
name="$(basename "$site")"
status=0
node tests/bench/browser.mjs --site "$site" --peer "$out" --out "$out/browser-$name.json" || status=1
node tests/bench/lighthouse.mjs --site "$site" --out "$out/lighthouse-$name.json" || status=1
exit "$status"

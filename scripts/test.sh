#!/usr/bin/env bash
# Quick start, command 2 (and what CI runs): install what is missing, then
#  1. build with warnings as errors and run every native test (case tables, rule-file errors, CLI
#     and doc checks) with ctest, then the same suite under AddressSanitizer and UBSan, then 15 s
#     of each libFuzzer target (scripts/fuzz.sh; docs/fuzzing.md);
#  2. build the core in WebAssembly and the site, check the widget's size budget; run the case
#     tables through the wasm build under node (same plans as `koshin eval`), the language-pack
#     check, the date fields and the rule files against rules/koshin-rules.schema.json;
#  3. run the browser tests in Debian's headless Chromium, then the benchmarks (scripts/bench.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/deps.sh
source scripts/web.sh
koshin_need_apt "${KOSHIN_BUILD_PACKAGES[@]}" "${KOSHIN_TEST_PACKAGES[@]}"
koshin_need_node
koshin_need_npm
cmake -S . -B build-test -G Ninja -DCMAKE_BUILD_TYPE=Release -DKOSHIN_BUILD_TESTS=ON -DKOSHIN_WERROR=ON >/dev/null
cmake --build build-test
ctest --test-dir build-test --output-on-failure -j "$(nproc)"
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DKOSHIN_BUILD_TESTS=ON -DKOSHIN_SANITIZE=ON >/dev/null
cmake --build build-asan
ctest --test-dir build-asan --output-on-failure -j "$(nproc)"
bash scripts/fuzz.sh 15
koshin_build_web
node web/size.mjs build-web/site 91
export KOSHIN_CLI="$PWD/build-test/koshin"
node --no-experimental-fetch --test tests/web/wasm_cases.test.mjs tests/web/i18n_check.test.mjs tests/web/pack_check.test.mjs tests/web/dates.test.mjs tests/web/schema.test.mjs tests/web/takeaways.test.mjs tests/web/messages.test.mjs tests/web/peer.test.mjs
node --test --test-concurrency=1 tests/web/browser.test.mjs tests/web/bad_inputs.browser.test.mjs
# Benchmarks: figures printed (and kept in build-web/bench/), failing only far beyond the targets.
bash scripts/bench.sh

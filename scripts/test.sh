#!/usr/bin/env bash
# Quick start, command 2 (and what CI runs): install what is missing, build with warnings as
# errors, run every test (case tables, rule-file errors, CLI and doc checks) with ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/deps.sh
koshin_need_apt "${KOSHIN_BUILD_PACKAGES[@]}" "${KOSHIN_TEST_PACKAGES[@]}"
cmake -S . -B build-test -G Ninja -DCMAKE_BUILD_TYPE=Release -DKOSHIN_BUILD_TESTS=ON -DKOSHIN_WERROR=ON >/dev/null
cmake --build build-test
ctest --test-dir build-test --output-on-failure -j "$(nproc)"

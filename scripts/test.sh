#!/usr/bin/env bash
# Quick start, command 2 (and what CI runs): install what is missing, build with warnings as
# errors, run every test (case tables, rule-file errors, CLI and doc checks) with ctest, then the
# same suite again under AddressSanitizer and UndefinedBehaviorSanitizer.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/deps.sh
koshin_need_apt "${KOSHIN_BUILD_PACKAGES[@]}" "${KOSHIN_TEST_PACKAGES[@]}"
cmake -S . -B build-test -G Ninja -DCMAKE_BUILD_TYPE=Release -DKOSHIN_BUILD_TESTS=ON -DKOSHIN_WERROR=ON >/dev/null
cmake --build build-test
ctest --test-dir build-test --output-on-failure -j "$(nproc)"
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DKOSHIN_BUILD_TESTS=ON -DKOSHIN_SANITIZE=ON >/dev/null
cmake --build build-asan
ctest --test-dir build-asan --output-on-failure -j "$(nproc)"

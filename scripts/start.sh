#!/usr/bin/env bash
# Quick start, command 1: install what is missing, build, and run the main job.
# For now the main job is `koshin summary` on examples/situation.json (the plan as readable text);
# `build/koshin eval < examples/situation.json` prints the same plan as JSON.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/deps.sh
koshin_need_apt "${KOSHIN_BUILD_PACKAGES[@]}"
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DKOSHIN_BUILD_TESTS=OFF >/dev/null
cmake --build build --target koshin
./build/koshin check-rules rules/national.json rules/municipalities/*.json
echo
./build/koshin summary --situation examples/situation.json --lang "${KOSHIN_LANG:-en}"

#!/usr/bin/env bash
# Quick start, command 1: install what is missing, build everything (the CLI, the core in
# WebAssembly, the site) and serve the resident page on http://localhost:${PORT:-8000}/.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/deps.sh
source scripts/web.sh
koshin_need_apt "${KOSHIN_BUILD_PACKAGES[@]}"
koshin_need_node
koshin_need_npm
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DKOSHIN_BUILD_TESTS=OFF >/dev/null
cmake --build build --target koshin
./build/koshin check-rules rules/national.json rules/municipalities/*.json
koshin_build_web
exec node scripts/serve.mjs build-web/site "${PORT:-8000}"

#!/usr/bin/env bash
# Builds the core in WebAssembly (emscripten, in build-wasm/) and the static site (build-web/site/).
# Sourced by scripts/start.sh and scripts/test.sh after the packages and npm modules are in place.
# Environment: KOSHIN_WASM_BUILD (the wasm build dir), KOSHIN_SITE_DIR (the site), KOSHIN_WASM_OPT
# (Oz, Os, O2 or O3; unset keeps the build dir's level, Oz for a new one). A variant, e.g.:
#   KOSHIN_WASM_OPT=O3 KOSHIN_WASM_BUILD=build-wasm-o3 KOSHIN_SITE_DIR=build-web/site-o3 koshin_build_web
koshin_build_web() {
  local wasm_dir="${KOSHIN_WASM_BUILD:-build-wasm}"
  if [ ! -f "$wasm_dir/build.ninja" ] || [ -n "${KOSHIN_WASM_OPT:-}" ]; then
    emcmake cmake -S . -B "$wasm_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DKOSHIN_BUILD_TESTS=OFF \
      -DCMAKE_CROSSCOMPILING_EMULATOR="node;--no-experimental-fetch" \
      ${KOSHIN_WASM_OPT:+-DKOSHIN_WASM_OPT="$KOSHIN_WASM_OPT"} >/dev/null
  fi
  cmake --build "$wasm_dir"
  node web/build.mjs "$wasm_dir/wasm" "${KOSHIN_SITE_DIR:-build-web/site}"
}

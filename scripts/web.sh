#!/usr/bin/env bash
# Builds the core in WebAssembly (emscripten, in build-wasm/) and the static site (build-web/site/).
# Sourced by scripts/start.sh and scripts/test.sh after the packages and npm modules are in place.
koshin_build_web() {
  local wasm_dir="${KOSHIN_WASM_BUILD:-build-wasm}"
  if [ ! -f "$wasm_dir/build.ninja" ]; then
    emcmake cmake -S . -B "$wasm_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DKOSHIN_BUILD_TESTS=OFF \
      -DCMAKE_CROSSCOMPILING_EMULATOR="node;--no-experimental-fetch" >/dev/null
  fi
  cmake --build "$wasm_dir"
  node web/build.mjs "$wasm_dir/wasm" "${KOSHIN_SITE_DIR:-build-web/site}"
}

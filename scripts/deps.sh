# Sourced by scripts/start.sh and scripts/test.sh: installs what is missing, from Debian's
# packages only (nothing downloads a toolchain or a browser).
koshin_need_apt() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ "${#missing[@]}" -eq 0 ] && return 0
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "koshin: need root (or sudo) to install: ${missing[*]}" >&2; return 1; }
    sudo="sudo"
  fi
  echo "koshin: installing ${missing[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

KOSHIN_BUILD_PACKAGES=(g++ cmake ninja-build nlohmann-json3-dev libhowardhinnant-date-dev emscripten)
KOSHIN_TEST_PACKAGES=(libgtest-dev libbenchmark-dev chromium poppler-utils fonts-ipafont-gothic clang-14 libclang-rt-14-dev)

# Node.js and npm: Debian's, unless the machine already has a node (e.g. from NodeSource).
koshin_need_node() {
  command -v node >/dev/null && command -v npm >/dev/null && return 0
  koshin_need_apt nodejs npm
}

# The npm modules (terser; playwright-core, axe and ajv for the tests), exactly as in package-lock.json.
koshin_need_npm() {
  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    npm ci --no-audit --no-fund --loglevel=error
  fi
}

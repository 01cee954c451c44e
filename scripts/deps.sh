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

KOSHIN_BUILD_PACKAGES=(g++ cmake ninja-build nlohmann-json3-dev libhowardhinnant-date-dev)
KOSHIN_TEST_PACKAGES=(libgtest-dev)

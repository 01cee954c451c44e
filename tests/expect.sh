# Shared by the shell tests (cli_test.sh, guide_test.sh): a scratch directory removed on exit,
# `expect NAME CONDITION...` counting passes and failures, and `finish LABEL` reporting them and
# failing the script when any expectation failed.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
pass=0
expect() {  # expect NAME CONDITION...
  local name=$1; shift
  if "$@"; then pass=$((pass + 1)); else echo "FAIL: $name"; failures=$((failures + 1)); fi
}
finish() {  # finish LABEL
  echo "$1: $pass passed, $failures failed"
  test "$failures" -eq 0
}

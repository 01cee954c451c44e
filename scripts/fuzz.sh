#!/usr/bin/env bash
# Fuzzes the core with libFuzzer, ASan and UBSan (docs/fuzzing.md):
#   scripts/fuzz.sh SECONDS [TARGET...]      TARGET: situation rules pack era (default: all four)
# Configures build-fuzz/ with clang-14 (KOSHIN_FUZZ=ON) and builds the targets; then, per target,
# replays tests/fuzz/regressions/<target>/ and fuzzes for SECONDS with a throwaway corpus first and
# the committed seeds (tests/fuzz/corpus/<target>/, never written) second. Prints executions,
# executions per second, coverage and corpus size per target; exits 1 on any finding (the input is
# kept under build-fuzz/findings/<target>/). KOSHIN_FUZZ_BUILD overrides the build directory.
set -euo pipefail
cd "$(dirname "$0")/.."
usage() { echo "usage: scripts/fuzz.sh SECONDS [situation|rules|pack|era]..." >&2; exit 64; }
[ $# -ge 1 ] && [[ $1 =~ ^[0-9]+$ ]] || usage
seconds=$1
shift
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(situation rules pack era)
for t in "${targets[@]}"; do
  [ -f "tests/fuzz/${t}_fuzz.cpp" ] || usage
done
build=${KOSHIN_FUZZ_BUILD:-build-fuzz}
if [ ! -f "$build/build.ninja" ]; then
  CC=clang-14 CXX=clang++-14 cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DKOSHIN_FUZZ=ON -DKOSHIN_BUILD_TESTS=OFF >/dev/null
fi
cmake --build "$build" --target "${targets[@]/%/_fuzz}"

# Sanitizers: every report is fatal, and the run stops at the first.
export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1:detect_stack_use_after_return=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
status=0
for t in "${targets[@]}"; do
  bin="$build/tests/fuzz/${t}_fuzz"
  work=$(mktemp -d)
  findings="$build/findings/$t"
  mkdir -p "$work/corpus" "$findings"
  regressions=(tests/fuzz/regressions/"$t"/*)
  if [ -e "${regressions[0]}" ]; then
    if ! "$bin" "${regressions[@]}" >"$work/replay.log" 2>&1; then
      echo "fuzz $t: a regression input fails again:" >&2
      tail -n 30 "$work/replay.log" >&2
      status=1
      continue
    fi
    echo "fuzz $t: ${#regressions[@]} regression input(s) pass"
  fi
  seeds=$(find "tests/fuzz/corpus/$t" -type f | wc -l)
  set +e
  "$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -dict="tests/fuzz/$t.dict" -artifact_prefix="$findings/" "$work/corpus" "tests/fuzz/corpus/$t" \
    >"$work/fuzz.log" 2>&1
  code=$?
  set -e
  # The last status line ("#N DONE cov: C ft: F corp: K/...") and the final stats.
  last=$(grep -E '^#[0-9]+' "$work/fuzz.log" | tail -n 1 || true)
  stat() { sed -n "s/^stat::$1: *//p" "$work/fuzz.log" | tail -n 1; }
  cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")
  ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")
  corp=$(sed -n 's/.* corp: \([0-9]*\).*/\1/p' <<<"$last")
  echo "fuzz $t: ${seconds} s, $(stat number_of_executed_units) execs, $(stat average_exec_per_sec)/s," \
    "cov ${cov:-?}, ft ${ft:-?}, corpus ${corp:-?} (seeds $seeds, new $(stat new_units_added)), peak $(stat peak_rss_mb) MB"
  if [ "$code" -ne 0 ]; then
    echo "fuzz $t: FINDING (exit $code); input kept in $findings/, log $work/fuzz.log" >&2
    grep -E 'ERROR|property failed|SUMMARY|runtime error|Test unit written' "$work/fuzz.log" | head -n 20 >&2 || true
    status=1
  else
    rm -rf "$work"
  fi
done
exit "$status"

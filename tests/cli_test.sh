#!/usr/bin/env bash
# The CLI's contract: exit codes, errors on stdout as JSON, check-rules messages, summary text.
# usage: cli_test.sh KOSHIN_BINARY SOURCE_DIR
set -u
koshin=$1
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
pass=0
expect() {  # expect NAME CONDITION...
  local name=$1; shift
  if "$@"; then pass=$((pass + 1)); else echo "FAIL: $name"; failures=$((failures + 1)); fi
}

# eval: the example gives the published window date and exit 0.
out=$("$koshin" eval < "$src/examples/situation.json"); code=$?
expect "eval exits 0" test "$code" -eq 0
expect "eval prints window.opens 2024-08-01" grep -q '"opens": "2024-08-01"' <<<"$out"

# eval --situation FILE is the same as stdin.
out2=$("$koshin" eval --situation "$src/examples/situation.json")
expect "--situation equals stdin" test "$out" = "$out2"

# Invalid input: exit 2 and a coded error with a pointer.
out=$(echo '{"today": "2025-02-30", "municipality": "ise", "certificates": {"expiry": "2025-10-31"}, "card": {"expiry": "2030-10-31"}, "holder": {"birth_date": "1990-10-31"}, "applicant": "self"}' | "$koshin" eval); code=$?
expect "impossible date exits 2" test "$code" -eq 2
expect "impossible date is date_impossible at /today" grep -q '"code": "date_impossible"' <<<"$out"
expect "pointer /today" grep -q '"pointer": "/today"' <<<"$out"
out=$(printf '' | "$koshin" eval); code=$?
expect "empty input exits 2" test "$code" -eq 2
expect "empty input is empty_input" grep -q '"code": "empty_input"' <<<"$out"

# check-rules: a broken file names the file, the pointer and what was expected; exit 1.
sed 's/"window_months": \[{"value": 3/"window_months": [{"value": "three"/' "$src/rules/national.json" > "$tmp/national.json"
err=$("$koshin" check-rules "$tmp/national.json" 2>&1 >/dev/null); code=$?
expect "check-rules exits 1 on a broken file" test "$code" -eq 1
expect "check-rules names file, pointer and expectation" grep -q "national.json: /parameters/window_months/0/value: wrong_type: expected integer" <<<"$err"
"$koshin" check-rules --json "$tmp/national.json" > "$tmp/out.json"; code=$?
expect "check-rules --json exits 1" test "$code" -eq 1
expect "check-rules --json has ok false" grep -q '"ok": false' "$tmp/out.json"

# A broken rules directory: eval refuses with exit 3 instead of answering from half a rule set.
mkdir -p "$tmp/rules/municipalities"
cp "$tmp/national.json" "$tmp/rules/national.json"
"$koshin" eval --rules "$tmp/rules" < "$src/examples/situation.json" > /dev/null 2>&1; code=$?
expect "eval with broken rules exits 3" test "$code" -eq 3

# summary: readable text from the English pack, with the window date and no raw keys.
out=$("$koshin" summary --situation "$src/examples/situation.json"); code=$?
expect "summary exits 0" test "$code" -eq 0
expect "summary shows the window date" grep -q "2024-08-01" <<<"$out"
expect "summary has no missing keys" bash -c '! grep -q "\[[a-z_]*\.[a-z_.]*\]" <<<"$1"' _ "$out"

# keys: the list includes core keys and document keys from the rules.
out=$("$koshin" keys)
expect "keys lists doc.holder_card" grep -q '"doc.holder_card"' <<<"$out"
expect "keys lists procedure.renewal" grep -q '"procedure.renewal"' <<<"$out"

"$koshin" frobnicate > /dev/null 2>&1; code=$?
expect "unknown command exits 64" test "$code" -eq 64

echo "cli: $pass passed, $failures failed"
test "$failures" -eq 0

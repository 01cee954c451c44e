#!/usr/bin/env bash
# The CLI's contract: exit codes, errors on stdout as JSON, check-rules messages, summary text.
# usage: cli_test.sh KOSHIN_BINARY SOURCE_DIR
set -u
koshin=$1
src=$2
source "$(dirname "$0")/expect.sh"

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

# explain shows an office's temporary closures and announced days (tests/rules/calendar-town.json).
mkdir -p "$tmp/cal/municipalities"
cp "$src/rules/national.json" "$tmp/cal/" && cp "$src/tests/rules/calendar-town.json" "$tmp/cal/municipalities/"
out=$("$koshin" explain --municipality calendar-town --rules "$tmp/cal" --today 2026-11-21); code=$?
expect "explain calendar-town exits 0" test "$code" -eq 0
expect "explain lists a temporary closure" grep -q "closed 2026-12-07 to 2026-12-08" <<<"$out"
expect "explain lists announced days" grep -q "announced days: 2026-11-23, 2026-12-20" <<<"$out"

# check-rules warns, without failing, when a file was last verified more than a year before --today.
err=$("$koshin" check-rules --today 2028-01-10 "$src/rules/national.json" "$src/rules/municipalities/odawara.json" 2>&1 >/dev/null); code=$?
expect "stale last_verified still exits 0" test "$code" -eq 0
expect "stale last_verified is a warning naming the file" grep -q "odawara.json: /last_verified: warning: last_verified_stale" <<<"$err"
err=$("$koshin" check-rules --today 2026-12-01 "$src/rules/municipalities/ise.json" 2>&1 >/dev/null)
expect "no last_verified warning within the year" bash -c '! grep -q last_verified_stale <<<"$1"' _ "$err"
"$koshin" check-rules --today 2026-12-01 --json "$src/rules/municipalities/odawara.json" > "$tmp/warn.json"
expect "--json lists the stale Odawara page (2020) under warnings" grep -q '"code": "source_page_stale"' "$tmp/warn.json"
expect "--json with warnings is still ok" grep -q '"ok": true' "$tmp/warn.json"
"$koshin" check-rules --today 2026-13-01 "$src/rules/national.json" 2>/dev/null; code=$?
expect "check-rules refuses a --today that is not a date" test "$code" -eq 64

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
expect "keys lists aside.turns_15" grep -q '"aside.turns_15"' <<<"$out"

# explain: a staff review sheet per shipped municipality, from the same engine as eval.
pack_value() {  # pack_value FILE KEY: a message of a language pack (one "key": "text" per line)
  sed -n "s/^ *\"$2\": \"\(.*\)\",\{0,1\}\$/\1/p" "$1"
}
holder_card_en=$(pack_value "$src/i18n/en.json" doc.holder_card)
holder_card_ja=$(pack_value "$src/i18n/ja.json" doc.holder_card)
expect "the packs name doc.holder_card" test -n "$holder_card_en" -a -n "$holder_card_ja"

# summary: the asides under their own heading, in the pack's words (a smartphone certificate in use).
out=$(sed 's/"holder": {/"holder": {"smartphone_certificate": true, /' "$src/examples/situation.json" | "$koshin" summary)
expect "summary heads the asides" grep -qxF -- "$(pack_value "$src/i18n/en.json" summary.asides)" <<<"$out"
expect "summary lists the smartphone aside" grep -qF -- "$(pack_value "$src/i18n/en.json" aside.smartphone_certificate)" <<<"$out"
no_raw_keys() { ! grep -qE '\[[a-z_]+\.[a-z0-9_.]+\]' <<<"$1"; }
ids=""
for rules in "$src"/rules/municipalities/*.json; do
  id=$(basename "$rules" .json)
  ids="$ids${ids:+, }$id"
  out=$("$koshin" explain --municipality "$id" --today 2026-11-25); code=$?
  expect "explain $id exits 0" test "$code" -eq 0
  expect "explain $id is a Markdown sheet" grep -q '^# Review sheet: ' <<<"$out"
  expect "explain $id names a document" grep -qF -- "$holder_card_en" <<<"$out"
  expect "explain $id has no missing keys" no_raw_keys "$out"
  # Every name in the rule file (the municipality, its offices, places that do not handle
  # certificates), in Japanese: English sheets keep the Japanese beside a translation.
  names=$(grep -o '"name": *{"ja": *"[^"]*"' "$rules" | sed 's/.*"ja": *"\(.*\)"$/\1/')
  expect "explain $id: the file has office names" test "$(grep -c . <<<"$names")" -ge 2
  while IFS= read -r name; do
    expect "explain $id shows $name" grep -qF -- "$name" <<<"$out"
  done <<<"$names"
  ja=$("$koshin" explain --municipality "$id" --today 2026-11-25 --lang ja); code=$?
  expect "explain $id --lang ja exits 0" test "$code" -eq 0
  expect "explain $id --lang ja names a document" grep -qF -- "$holder_card_ja" <<<"$ja"
  expect "explain $id --lang ja has no missing keys" no_raw_keys "$ja"
  while IFS= read -r name; do
    expect "explain $id --lang ja shows $name" grep -qF -- "$name" <<<"$ja"
  done <<<"$names"
  dot=$("$koshin" explain --municipality "$id" --today 2026-11-25 --dot); code=$?
  expect "explain $id --dot exits 0" test "$code" -eq 0
  expect "explain $id --dot starts with digraph" test "${dot:0:8}" = "digraph "
  open=$(tr -cd '{' <<<"$dot" | wc -c); close=$(tr -cd '}' <<<"$dot" | wc -c)
  expect "explain $id --dot has balanced braces" test "$open" -eq "$close" -a "$open" -ge 1
  expect "explain $id --dot ends the graph" test "$(tail -n 1 <<<"$dot")" = "}"
  # Each line inside the graph is one statement: a node, an edge or attributes, every id and
  # label a quoted string (with \" and \\ escapes) and nothing after the semicolon.
  q='"([^"\\]|\\.)*"'
  statement="^  (($q( -> $q)?|graph|node)( \\[[a-z]+=($q|[a-zA-Z]+)(, [a-z]+=($q|[a-zA-Z]+))*\\])?);\$"
  expect "explain $id --dot lines are statements" bash -c '! sed "1d;\$d" <<<"$1" | grep -qvE "$2"' _ "$dot" "$statement"
  expect "explain $id --dot has edges" grep -q ' -> ' <<<"$dot"
done
ja=$("$koshin" explain --municipality ise --today 2026-11-25 --lang ja)
expect "explain --lang ja has Japanese headings" grep -qx "## $(pack_value "$src/i18n/staff/ja.json" staff.section.offices)" <<<"$ja"
expect "explain --lang ja has no English headings" bash -c '! grep -q "^## Offices" <<<"$1"' _ "$ja"
expect "explain --lang ja titles the sheet in Japanese" grep -q '^# 確認シート: 伊勢市$' <<<"$ja"
# The sheet says what a resident is told: Odawara's proxy without the form phones first.
out=$("$koshin" explain --municipality odawara --today 2026-11-25)
expect "explain odawara shows the phone step" grep -qF "0465-33-1384" <<<"$out"
expect "explain odawara shows the counter's hours" grep -qF "09:00-16:30" <<<"$out"
dot=$("$koshin" explain --municipality odawara --today 2026-11-25 --dot)
expect "explain odawara --dot labels the wait for mail" grep -qF 'label="phone request\nwait for mail"' <<<"$dot"
# Unknown ids name the known ones; other mistakes are usage errors; a day the core refuses is
# invalid input, with the core's errors.
err=$("$koshin" explain --municipality nowhere 2>&1 >/dev/null); code=$?
expect "explain of an unknown id exits 2" test "$code" -eq 2
expect "explain of an unknown id names the known ones" grep -qF "koshin: unknown municipality \"nowhere\"; known: $ids" <<<"$err"
"$koshin" explain > /dev/null 2>&1; code=$?
expect "explain without --municipality exits 64" test "$code" -eq 64
"$koshin" explain --municipality ise --today 2025-02-30 > /dev/null 2>&1; code=$?
expect "explain with an impossible --today exits 64" test "$code" -eq 64
err=$("$koshin" explain --municipality ise --today 2015-06-01 2>&1 >/dev/null); code=$?
expect "explain before 2016 exits 2" test "$code" -eq 2
expect "explain before 2016 prints the core's errors" grep -q '"code": "date_out_of_range"' <<<"$err"
"$koshin" explain --municipality ise --lang xx > /dev/null 2>&1; code=$?
expect "explain without a staff pack exits 64" test "$code" -eq 64

# check-pack: the shipped packs pass against en.json; a broken one names file, pointer and code.
out=$("$koshin" check-pack --base "$src/i18n/en.json" "$src"/i18n/*.json); code=$?
expect "check-pack passes the 14 shipped packs" test "$code" -eq 0 -a "$(grep -c '^ok ' <<<"$out")" -eq 14
sed 's/"ui.check": "\([^"]*\)"/"ui.check": "\1 {"/; s/"@@locale": "es"/"@@locale": "pt"/' "$src/i18n/es.json" > "$tmp/es.json"
err=$("$koshin" check-pack --base "$src/i18n/en.json" "$tmp/es.json" 2>&1 >/dev/null); code=$?
expect "check-pack exits 1 on a broken pack" test "$code" -eq 1
expect "check-pack names a locale that is not the file's" grep -qF "$tmp/es.json: /@@locale: pack_locale_mismatch: expected \"es\"" <<<"$err"
expect "check-pack names the message and the character" grep -qE "es.json: /ui.check: message_syntax: expected a name at character [0-9]+$" <<<"$err"
grep -v '"ui.check"' "$src/i18n/ko.json" > "$tmp/ko.json"
err=$("$koshin" check-pack --base "$src/i18n/en.json" "$tmp/ko.json" 2>&1 >/dev/null); code=$?
expect "check-pack with --base finds a missing key" grep -qF "ko.json: /ui.check: missing_field" <<<"$err"
"$koshin" check-pack "$tmp/ko.json" >/dev/null 2>&1; code=$?
expect "check-pack without --base does not compare keys" test "$code" -eq 0
"$koshin" check-pack --base "$tmp/none.json" "$tmp/ko.json" >/dev/null 2>&1; code=$?
expect "check-pack with an unreadable base exits 1" test "$code" -eq 1
"$koshin" check-pack > /dev/null 2>&1; code=$?
expect "check-pack without files exits 64" test "$code" -eq 64

# era: a date as a situation takes it, printed in ISO; the situation's error codes otherwise.
expect "era reads 令和7年3月1日" test "$("$koshin" era 令和7年3月1日)" = "2025-03-01"
expect "era reads R07.03.01" test "$("$koshin" era R07.03.01)" = "2025-03-01"
expect "era reads full-width 平成３２年２月２９日 (P-ERA-PRINTED)" test "$("$koshin" era 平成３２年２月２９日)" = "2020-02-29"
expect "era reads an ISO date" test "$("$koshin" era 2025-03-01)" = "2025-03-01"
err=$("$koshin" era 令和元年4月30日 2>&1 >/dev/null); code=$?
expect "era outside its era exits 1" test "$code" -eq 1
expect "era outside its era is date_outside_era" grep -q ": date_outside_era: expected " <<<"$err"
err=$("$koshin" era R7.2.29 2>&1 >/dev/null); code=$?
expect "era of a day that does not exist is date_impossible" test "$code" -eq 1 -a -n "$(grep ': date_impossible: ' <<<"$err")"
err=$("$koshin" era M45.7.29 2>&1 >/dev/null); code=$?
expect "era of 明治 is date_format, naming both forms" grep -q ": date_format: expected date YYYY-MM-DD, or in an era as printed" <<<"$err"
"$koshin" era > /dev/null 2>&1; code=$?
expect "era without a date exits 64" test "$code" -eq 64

"$koshin" frobnicate > /dev/null 2>&1; code=$?
expect "unknown command exits 64" test "$code" -eq 64

finish cli

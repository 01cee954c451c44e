#!/usr/bin/env bash
# Follows docs/adding-a-municipality.md with its worked example: the JSON after
# <!-- guide-example --> goes into a copy of rules/ as municipalities/sample-town.json; check-rules
# accepts it, eval gives the documents and office the guide promises for the situation after
# <!-- guide-situation -->, explain prints the lines after <!-- guide-explain --> and the lunch
# break, and a copy with a misspelt document id is refused with unknown_document.
# usage: guide_test.sh KOSHIN_BINARY SOURCE_DIR
set -u
koshin=$1
src=$2
guide="$src/docs/adding-a-municipality.md"
source "$(dirname "$0")/expect.sh"
# block MARK: the fenced block right after the line "<!-- MARK -->".
block() {
  awk -v mark="<!-- $1 -->" '
    $0 == mark { found = 1; next }
    found == 1 && /^```/ { found = 2; next }
    found == 2 && /^```/ { exit }
    found == 2 { print }' "$guide"
}

block guide-example > "$tmp/sample-town.json"
block guide-situation > "$tmp/situation.json"
block guide-explain > "$tmp/explain.md"
expect "the guide has the worked example" grep -q '"id": "sample-town"' "$tmp/sample-town.json"
expect "the guide has the situation" grep -q '"municipality": "sample-town"' "$tmp/situation.json"
expect "the guide shows explain's output" test -s "$tmp/explain.md"

# Step 1: the file goes into rules/municipalities/ (here a copy of rules/).
cp -r "$src/rules" "$tmp/rules"
cp "$tmp/sample-town.json" "$tmp/rules/municipalities/sample-town.json"

# Step 6: check-rules prints ok for both files.
out=$("$koshin" check-rules "$tmp/rules/national.json" "$tmp/rules/municipalities/sample-town.json" 2>&1); code=$?
expect "check-rules accepts the example (exit 0)" test "$code" -eq 0
expect "check-rules prints ok for the example" grep -qx "ok $tmp/rules/municipalities/sample-town.json" <<<"$out"

# What the guide promises for the situation: renewal, one visit, four documents from the town's
# rule, at the Residents Section with a lunch break.
plan=$("$koshin" eval --rules "$tmp/rules" --situation "$tmp/situation.json"); code=$?
expect "eval exits 0" test "$code" -eq 0
expect "eval: no errors" grep -q '"errors": \[\]' <<<"$plan"
expect "eval: procedure renewal" grep -q '"procedure": "renewal"' <<<"$plan"
expect "eval: one visit" test "$(grep -c '"number": ' <<<"$plan")" -eq 1
for doc in holder_card proxy_photo_id inquiry_reply_form power_of_attorney; do
  expect "eval: document $doc" grep -q "\"id\": \"$doc\"" <<<"$plan"
done
expect "eval: four documents" test "$(grep -c '"key": "doc\.' <<<"$plan")" -eq 4
expect "eval: the town's rule" grep -q '"rule": "sample-town:proxy-with-form"' <<<"$plan"
expect "eval: the Residents Section" grep -q '"id": "sample-town-juminka"' <<<"$plan"
hours=$(tr -d ' \n' <<<"$plan")
expect "eval: hours with a lunch break" grep -qF '"hours":[{"open":"08:30","close":"12:00"},{"open":"13:00","close":"17:15"}]' <<<"$hours"

# Step 7: explain names the office and its lunch break, and prints what the guide shows.
out=$("$koshin" explain --rules "$tmp/rules" --municipality sample-town --today 2026-11-25); code=$?
expect "explain exits 0" test "$code" -eq 0
expect "explain names the office" grep -qF "見本町役場 住民課" <<<"$out"
expect "explain shows the lunch break" grep -qE '08:30[^0-9]+12:00[^0-9]+13:00[^0-9]+17:15' <<<"$out"
expect "explain shows the office row the guide quotes" grep -qF 'Mon, Tue, Wed, Thu, Fri: 08:30-12:00, 13:00-17:15' <<<"$out"
shown=$(cat "$tmp/explain.md")
contains() { [[ "$1" == *"$2"* ]]; }
expect "explain prints the part the guide shows, as shown" contains "$out" "$shown"
expect "explain says where the national rule applies" grep -qF 'The page is silent on certificate renewal: the national rule `national:self-certificates` applies' <<<"$out"
out=$("$koshin" explain --rules "$tmp/rules" --municipality sample-town --today 2026-11-25 --lang ja); code=$?
expect "explain --lang ja exits 0" test "$code" -eq 0
expect "explain --lang ja shows the lunch break" grep -qE '08:30[^0-9]+12:00[^0-9]+13:00[^0-9]+17:15' <<<"$out"

# The example is fictional: it is not shipped.
expect "the example is not in rules/" test ! -e "$src/rules/municipalities/sample-town.json"

# A misspelt document id: check-rules refuses it with unknown_document at the document's pointer.
sed 's/"doc": "power_of_attorney"/"doc": "power_of_attorny"/' "$tmp/sample-town.json" > "$tmp/broken.json"
expect "the broken copy differs" bash -c '! cmp -s "$1" "$2"' _ "$tmp/sample-town.json" "$tmp/broken.json"
err=$("$koshin" check-rules "$tmp/rules/national.json" "$tmp/broken.json" 2>&1 >/dev/null); code=$?
expect "check-rules refuses the misspelt id (exit 1)" test "$code" -eq 1
expect "check-rules says unknown_document where" grep -qF "broken.json: /requirements/0/visits/0/documents/3/doc: unknown_document" <<<"$err"

finish guide

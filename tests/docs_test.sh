#!/usr/bin/env bash
# The README keeps its promises: the Quick start block holds exactly two commands, and .ci/run
# runs the second (the test command). usage: docs_test.sh SOURCE_DIR
set -u
src=$1
block=$(awk '/^## Quick start/{q=1} q&&/^```/{n++; next} q&&n==1{print} n>=2{exit}' "$src/README.md" | grep -v '^\s*#' | grep -v '^\s*$')
count=$(printf '%s\n' "$block" | grep -c .)
if [ "$count" -ne 2 ]; then echo "FAIL: Quick start has $count commands, expected 2:"; echo "$block"; exit 1; fi
test_cmd=$(printf '%s\n' "$block" | sed -n 2p)
if ! grep -qF -- "$test_cmd" "$src/.ci/run"; then echo "FAIL: .ci/run does not run the README test command: $test_cmd"; exit 1; fi
for f in docs/rules-format.md docs/situation.md docs/plan.md docs/errors.md docs/adr/0001-shape-of-the-core.md docs/adr/0002-date-policies.md docs/adr/0003-procedure-policies.md docs/adr/0004-page-and-widget.md docs/adr/0005-language-packs-and-eras.md docs/adr/0006-calendars-and-open-days.md docs/adding-a-municipality.md; do
  [ -f "$src/$f" ] || { echo "FAIL: README links $f but it is missing"; exit 1; }
done
# Every error code the core can emit is documented in docs/errors.md.
codes=$(grep -rhoE '(diag|diag_)\.add\("[a-z_]+"' "$src/core/src" | sed -E 's/.*\("//; s/"$//' | sort -u)
missing=0
for c in $codes; do grep -q "\`$c\`" "$src/docs/errors.md" || { echo "FAIL: error code $c is not in docs/errors.md"; missing=1; }; done
[ "$missing" -eq 0 ] || exit 1
# Every national parameter has its row in docs/rules-format.md.
params=$(node -e 'console.log(Object.keys(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).parameters).join(" "))' "$src/rules/national.json") || exit 1
for p in $params; do
  base=${p%_adult}; base=${base%_minor}; base=${base%_min}; base=${base%_max}
  grep -qE "^\| \`($p|$base)[\`_/]" "$src/docs/rules-format.md" || { echo "FAIL: parameter $p has no row in docs/rules-format.md"; missing=1; }
done
[ "$missing" -eq 0 ] || exit 1
# The README's example situation is the one tests/cases/readme_example.json checks.
example=$(tr -d ' \n' < "$src/examples/situation.json")
grep -qF -- "$(printf '%s' "$example" | cut -c1-60)" <(tr -d ' \n' < "$src/tests/cases/readme_example.json") || {
  echo "FAIL: tests/cases/readme_example.json does not check examples/situation.json"; exit 1; }
echo "docs: 1 passed, 0 failed"

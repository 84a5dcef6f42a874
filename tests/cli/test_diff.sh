# profdiff diff: two files, every format, exit codes, pages.
. "$(dirname "$0")/lib.sh"
D=$FIXTURES/diff

test_case "a ratification: text grouped by kind"
run "$PROFDIFF" diff "$D/ratification/before.yaml" "$D/ratification/after.yaml"
assert_rc 0
assert_out_has "Treaties
  ~ 1954 Convention relating to the Status of Stateless Persons: acceded (February 2026); was not a party"
assert_out_has "    + In February 2026, North Korea acceded to the 1954 Stateless Convention."
assert_out_has "5 changes: 4 substantive, 0 editorial"
assert_no_err

test_case "--exit-code: 1 with changes, 0 without"
run "$PROFDIFF" diff --exit-code "$D/typo/before.yaml" "$D/typo/after.yaml"
assert_rc 1
assert_out_has "reworded, editorial (98%): In the [-DRPK-]{+DPRK+}’s submission"
run "$PROFDIFF" diff --exit-code "$D/noise/before.yaml" "$D/noise/after.yaml"
assert_rc 0
assert_out_has "no changes in substance"

test_case "a page against its reviewed profile: only the review"
run "$PROFDIFF" diff --format json "$PAGES/cambodia.txt" "$PROFILES/cambodia.yaml"
assert_rc 0
printf '%s' "$out" > "$TMP/d.json"
assert_true 'jq -e ".schema == \"profdiff.diff.v1\" and .country == \"Cambodia\"" "$TMP/d.json" >/dev/null'
assert_true 'jq -e "[.changes[].kind] == [\"law.changed\", \"law.changed\", \"law.changed\"]" "$TMP/d.json" >/dev/null'
assert_true 'jq -e ".changes[1] == {\"kind\": \"law.changed\", \"section\": null, \"law\": \"Sub-Decree No. 47\", \"fields\": {\"year\": [null, \"2025\"], \"status\": [\"unknown\", \"in-force\"]}}" "$TMP/d.json" >/dev/null'
assert_true 'jq -e ".from.path == \"$PAGES/cambodia.txt\" and .to.last_updated == \"2026-01-20\"" "$TMP/d.json" >/dev/null'

test_case "json: the fields of each kind"
run "$PROFDIFF" diff --format json "$D/footnote-inserted/before.yaml" "$D/footnote-inserted/after.yaml"
printf '%s' "$out" > "$TMP/f.json"
assert_true 'jq -e ".summary == {\"changes\": 5, \"substantive\": 5, \"editorial\": 0, \"kinds\": {\"claim.added\": 2, \"claim.removed\": 1, \"claim.reworded\": 1, \"source.added\": 1}}" "$TMP/f.json" >/dev/null'
assert_true 'jq -e "[.changes[] | select(.kind == \"claim.reworded\")][0] | .factual == true and .editorial == false and .words[1] == [\"-\", \"15\"] and .words[2] == [\"+\", \"14\"]" "$TMP/f.json" >/dev/null'
assert_true 'jq -e "[.changes[] | select(.kind == \"source.added\")][0].source.accessed == \"2026-01-15\"" "$TMP/f.json" >/dev/null'
run "$PROFDIFF" diff --format json "$D/moved/before.yaml" "$D/moved/after.yaml"
printf '%s' "$out" > "$TMP/m.json"
assert_true 'jq -e ".changes[0] | .kind == \"claim.moved\" and .from_section == \"Law > Data Protection\" and .to_section == \"Law > Domestic Law and Policy\" and .match == \"exact\"" "$TMP/m.json" >/dev/null'

test_case "markdown and a self-contained html page"
run "$PROFDIFF" diff --format markdown "$D/law-enacted/before.yaml" "$D/law-enacted/after.yaml"
assert_out_has "## Cambodia: 2026-01-20 → 2026-01-20"
assert_out_has "- **Changed** Law on Personal Data Protection: in force; was a draft; year 2025 → 2026"
run "$PROFDIFF" diff --format html -o "$TMP/review.html" "$D/law-enacted/before.yaml" "$D/law-enacted/after.yaml"
assert_rc 0
assert_out ""
assert_true 'xmllint --html --noout "$TMP/review.html" 2>/dev/null'
assert_true 'grep -q "<del>July 2025</del>" "$TMP/review.html" && grep -q "<ins>January 2026</ins>" "$TMP/review.html"'
assert_true 'fetches_nothing "$TMP/review.html"'

test_case "errors"
run "$PROFDIFF" -C "$TMP" diff "$D/typo/before.yaml"
assert_rc 2
assert_err_has "profdiff: error: not in a git repository"
run "$PROFDIFF" diff a b c d
assert_rc 2
assert_err_has "diff: give PROFILE [FROM [TO]], or FILE_A FILE_B"
run "$PROFDIFF" diff "$D/typo/before.yaml" "$FIXTURES/yaml/invalid/alias.yaml"
assert_rc 2
assert_err "profdiff: error: $FIXTURES/yaml/invalid/alias.yaml:6:9: aliases are not allowed in a profile"
run "$PROFDIFF" diff --format sarif "$D/typo/before.yaml" "$D/typo/after.yaml"
assert_rc 2
assert_err_has "--format takes text, json, markdown or html"

test_case "a published revision without a date is named by its commit, not 0000-00-00"
R=$TMP/undated
profiles_repo "$R" cambodia.yaml
cp "$PROFILES/laos.yaml" "$R/profiles/"
git -C "$R" add profiles/laos.yaml
git -C "$R" commit -q --no-verify -m "Laos, as published (no date)"
sed -i 's/^country: Laos$/country: Laos\nlast_updated: 2026-11-20/' "$R/profiles/laos.yaml"
run "$PROFDIFF" -C "$R" diff profiles/laos.yaml
assert_rc 0
assert_out_has "  from (no date) ($(git -C "$R" rev-parse --short=10 HEAD))  profiles/laos.yaml"
assert_out_has "  to   2026-11-20 (worktree)  profiles/laos.yaml"
assert_out_lacks "0000-00-00"
run "$PROFDIFF" -C "$R" diff --format json profiles/laos.yaml
assert_true 'printf "%s" "$out" | jq -e ".from.revision == null and .from.last_updated == null and .to.last_updated == \"2026-11-20\"" >/dev/null'

finish

# profdiff diff: two files, every format, exit codes, pages.
. "$(dirname "$0")/lib.sh"
D=$FIXTURES/diff

test_case "a ratification: text grouped by kind"
run "$PROFDIFF" diff "$D/ratification/before.yaml" "$D/ratification/after.yaml"
assert_rc 0
assert_out_has "Treaties
  ~ 1954 Convention relating to the Status of Stateless Persons: acceded (February 2026); was not a party"
assert_out_has "    + In February 2026, North Korea acceded to the 1954 Stateless Convention."
assert_out_has "5 changes: 4 substantive, 1 date"
assert_no_err

test_case "--exit-code: 1 with changes, 0 without"
run "$PROFDIFF" diff --exit-code "$D/typo/before.yaml" "$D/typo/after.yaml"
assert_rc 1
assert_out_has "reworded, editorial (98%): In the [-DRPK-]{+DPRK+}’s submission"
run "$PROFDIFF" diff --exit-code "$D/noise/before.yaml" "$D/noise/after.yaml"
assert_rc 0
assert_out_has "no changes in substance"

test_case "footnotes re-spaced, access dates written otherwise: no change"
python3 - "$PROFILES/cambodia.yaml" "$TMP/spaced.yaml" <<'EOF'
import sys
s = open(sys.argv[1], encoding="utf-8").read()
for a, b in (("(n 1)", "(n\u00a0 1)"),
             ("accessed 23 December 2025", "Accessed on 23rd Dec. 2025"),
             ("accessed 5 January 2026", "accessed\u00a0January 5, 2026")):
    assert a in s, a
    s = s.replace(a, b)
open(sys.argv[2], "w", encoding="utf-8").write(s)
EOF
run "$PROFDIFF" diff --exit-code "$PROFILES/cambodia.yaml" "$TMP/spaced.yaml"
assert_rc 0
assert_out_has "no changes in substance"
# and lint finds what it found, no more and no fewer
run "$PROFDIFF" lint --format json "$PROFILES/cambodia.yaml"
printf '%s' "$out" | jq -c '[.files[].findings[] | [.rule, .message]]' >"$TMP/l1"
run "$PROFDIFF" lint --format json "$TMP/spaced.yaml"
printf '%s' "$out" | jq -c '[.files[].findings[] | [.rule, .message]]' >"$TMP/l2"
assert_same_file "$TMP/l1" "$TMP/l2"

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
assert_true 'jq -e ".summary == {\"changes\": 5, \"substantive\": 5, \"editorial\": 0, \"reworded\": 0, \"moved\": 0, \"date\": 0, \"kinds\": {\"claim.added\": 2, \"claim.removed\": 1, \"claim.reworded\": 1, \"source.added\": 1}}" "$TMP/f.json" >/dev/null'
assert_true 'jq -e "[.changes[] | select(.kind == \"claim.reworded\")][0] | .factual == true and .editorial == false and .class == \"factual\" and .why == \"number\" and .words[1] == [\"-\", \"15\"] and .words[2] == [\"+\", \"14\"]" "$TMP/f.json" >/dev/null'
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

test_case "every format counts the same buckets, and they add up"
# one change in each bucket: the date, a month (factual), a typo
# (editorial), other words (reworded), a sentence moved to another
# paragraph of its section
P=$FIXTURES/pages/cambodia.txt
python3 - "$P" "$TMP/buckets.txt" <<'PY'
import sys
s = open(sys.argv[1]).read()
def rep(a, b):
    global s
    assert a in s, a
    s = s.replace(a, b, 1)
rep('Last updated : January 20, 2026', 'Last updated : May 4, 2026')
rep('In July 2025, Cambodia publicly released', 'In June 2025, Cambodia publicly released')
rep('as a ‘digital revolution’', 'as a ‘digitial revolution’')
rep('IPIS can be considered as a foundational', 'IPIS can be regarded as a foundational')
rep(' The primary goal is to ensure that every resident has a recognized legal identity.[26]', '')
rep('including stateless residents of Cambodia.[29]', 'including stateless residents of Cambodia.[29] The primary goal is to ensure that every resident has a recognized legal identity.[26]')
open(sys.argv[2], 'w').write(s)
PY
run "$PROFDIFF" diff "$P" "$TMP/buckets.txt"
assert_out_has "5 changes: 1 substantive, 1 reworded, 1 editorial, 1 moved, 1 date"
assert_out_has "reworded, factual"
run "$PROFDIFF" diff --format markdown "$P" "$TMP/buckets.txt"
assert_out_has "5 changes: 1 substantive, 1 reworded, 1 editorial, 1 moved, 1 date."
run "$PROFDIFF" diff --format html "$P" "$TMP/buckets.txt"
assert_out_has '<p class="summary">5 changes: 1 substantive, 1 reworded, 1 editorial, 1 moved, 1 date.</p>'
run "$PROFDIFF" diff --format json "$P" "$TMP/buckets.txt"
printf '%s' "$out" > "$TMP/buckets.json"
assert_true 'jq -e ".summary | .changes == 5 and .substantive == 1 and .reworded == 1 and .editorial == 1 and .moved == 1 and .date == 1" "$TMP/buckets.json" >/dev/null'
assert_true 'jq -e "[.changes[] | select(.kind == \"claim.reworded\") | [.class, .why]] | sort == [[\"editorial\", \"spelling\"], [\"factual\", \"month\"], [\"reworded\", \"wording\"]]" "$TMP/buckets.json" >/dev/null'
assert_true 'jq -e "[.changes[] | select(.kind == \"claim.moved\")] | length == 1" "$TMP/buckets.json" >/dev/null'

finish

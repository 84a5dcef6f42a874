# profdiff render: a profile as the publication's page, which import reads
# back, or as Markdown.
. "$(dirname "$0")/lib.sh"

# body FILE: a profile's YAML less what a page carries as prose (laws,
# treaties) or not at all (lint settings).
body() {
	awk '/^[a-z_]+:/ { skip = ($1 == "laws:" || $1 == "treaties:" || $1 == "lint:") } !skip' "$1"
}

# country FILE: the country of a profile.
country() { sed -n 's/^country: //p' "$1"; }

# round_trip PROFILE: render's page of it imports back to its country,
# date, sections and footnotes byte for byte, and rendering that import
# gives the same page again.
round_trip() {
	run "$PROFDIFF" render "$1" -o "$TMP/p.txt"
	assert_rc 0
	"$PROFDIFF" import -q --country "$(country "$1")" "$TMP/p.txt" >"$TMP/back.yaml"
	body "$1" >"$TMP/want.body"
	body "$TMP/back.yaml" >"$TMP/got.body"
	assert_same_file "$TMP/want.body" "$TMP/got.body"
	run "$PROFDIFF" render "$TMP/back.yaml" -o "$TMP/p2.txt"
	assert_rc 0
	assert_same_file "$TMP/p.txt" "$TMP/p2.txt"
}

test_case "page: every bundled profile comes back from its page"
for f in "$PROFILES"/*.yaml; do
	round_trip "$f"
done

test_case "page: what it does not carry is named on stderr"
run "$PROFDIFF" render "$PROFILES/cambodia.yaml"
assert_rc 0
assert_out_has "Cambodia

Last updated : January 20, 2026

Digital ID Overview

Cambodia is presently developing"
assert_out_has "1.^

 BNG Legal, ‘Civil Registration in Cambodia (Feb, 2024)’"
assert_err_has "profdiff: note: $PROFILES/cambodia.yaml:206:5: law 'Law on Civil Registration, Vital Statistics and Identification' (law, in-force): the page does not carry it"
run "$PROFDIFF" render "$PROFILES/laos.yaml"
assert_rc 0
assert_err_has "country 'Laos': a page without a date has no title block"
assert_true '[ "$(printf "%s\n" "$out" | head -1)" = "Digital ID Overview" ]'

test_case "page: every revision of a generated history comes back"
GEN=$(dirname "$PROFDIFF_BIN")/tests/bench-gen
git init -q "$TMP/gen"
"$GEN" history 11 2 3 40000 "$PROFILES/cambodia.yaml" \
	"$PROFILES/north-korea.yaml" | git -C "$TMP/gen" fast-import --quiet
revs=0
for c in $(git -C "$TMP/gen" rev-list main); do
	for path in $(git -C "$TMP/gen" ls-tree -r --name-only "$c" profiles); do
		git -C "$TMP/gen" show "$c:$path" >"$TMP/g.yaml"
		round_trip "$TMP/g.yaml"
		revs=$((revs + 1))
	done
done
assert_true "[ $revs -ge 6 ]"
# its headings are none the publication has: marked with their level
run "$PROFDIFF" render "$TMP/g.yaml"
assert_out_has "## Law 1

Domestic Law and Policy"

# norm FILE: a page less what import drops: image placeholder lines,
# blanks and no-break spaces around lines, blank lines; and the
# publication's own headings in one case, without an enumerator ("a.").
norm() {
	sed -E 's/^([[:space:]]|\xc2\xa0)+//; s/([[:space:]]|\xc2\xa0)+$//' "$1" |
		grep -v -E '^(flag|[a-z_]+_image)?$' |
		sed -E 's/^([a-z0-9]{1,4}[.)] )?(Digital ID Overview|Law|Domestic Law and Policy|Data Protection|International Commitments|Designed to Include\?)$/\L\2/I'
}

test_case "page: the three real pages come back up to what import drops"
for f in "$PAGES"/*.txt; do
	name=$(basename "$f" .txt)
	"$PROFDIFF" import -q "$f" >"$TMP/$name.yaml"
	run "$PROFDIFF" render "$TMP/$name.yaml" -o "$TMP/$name.txt"
	assert_rc 0
	norm "$f" >"$TMP/want.txt"
	norm "$TMP/$name.txt" >"$TMP/got.txt"
	assert_same_file "$TMP/want.txt" "$TMP/got.txt"
done
# and the rule is no tautology: a word changed is seen
sed 's/presently developing/now developing/' "$TMP/cambodia.txt" >"$TMP/edited.txt"
norm "$TMP/edited.txt" >"$TMP/got.txt"
norm "$PAGES/cambodia.txt" >"$TMP/want.txt"
assert_differ "$TMP/want.txt" "$TMP/got.txt"

test_case "markdown: front matter, footnotes as [^n], text made inert"
run "$PROFDIFF" render --format markdown "$FIXTURES/render/profile-input.yaml"
assert_rc 0
printf '%s\n' "$out" >"$TMP/p.md"
assert_same_file "$TMP/p.md" "$FIXTURES/render/profile.md"

test_case "-o writes atomically; PROFILE@REV reads a published revision"
profiles_repo "$TMP/repo" cambodia.yaml
sed 's/^last_updated: .*/last_updated: 2026-02-01/; s/presently developing/now developing/' \
	"$PROFILES/cambodia.yaml" >"$TMP/repo/profiles/cambodia.yaml"
(cd "$TMP/repo" && "$PROFDIFF" commit -m February profiles/cambodia.yaml >/dev/null)
run "$PROFDIFF" -C "$TMP/repo" render cambodia@2026-01-20 -o "$TMP/old.txt"
assert_rc 0
assert_true 'grep -q "presently developing" "$TMP/old.txt"'
assert_true 'grep -q "Last updated : January 20, 2026" "$TMP/old.txt"'
run "$PROFDIFF" -C "$TMP/repo" render cambodia --format markdown -o "$TMP/new.md"
assert_rc 0
assert_true 'grep -q "^last_updated: 2026-02-01$" "$TMP/new.md"'
assert_true 'grep -q "now developing" "$TMP/new.md"'
assert_true '[ -z "$(ls "$TMP" | grep -i tmp)" ]'

test_case "html: one page, what changed since the revision before it"
run "$PROFDIFF" -C "$TMP/repo" render cambodia --format html -o "$TMP/new.html"
assert_rc 0
assert_true 'grep -q "<html lang=\"en\">" "$TMP/new.html"'
assert_true '[ "$(grep -c "<h1" "$TMP/new.html")" = 1 ]'
assert_true 'grep -q "What changed in this update" "$TMP/new.html"'
assert_true 'grep -q "now developing" "$TMP/new.html"'
assert_true 'grep -q "Content-Security-Policy" "$TMP/new.html"'
assert_true 'dom_check "$TMP/new.html"'
assert_true 'fetches_nothing "$TMP/new.html"'
# the first published revision has nothing before it to compare with
run "$PROFDIFF" -C "$TMP/repo" render cambodia@2026-01-20 --format html
assert_rc 0
assert_out_has "presently developing"
# a file has no history: the page without the box
run "$PROFDIFF" render "$PROFILES/laos.yaml" --format html
assert_rc 0
assert_out_has "<title>Laos</title>"
assert_out_lacks "What changed in this update"
run "$PROFDIFF" render "$PROFILES/laos.yaml" --format csv
assert_rc 2
assert_err_has "render has no 'csv' format"

test_case "--renumber renders footnotes in order of first citation"
run "$PROFDIFF" render --renumber "$FIXTURES/renumber/basic.yaml"
assert_rc 0
assert_out_has "First claim.[2] Second claim.[3][4]"
assert_out_has "2.^

 Smith (n 1) 5."

test_case "page: a paragraph the page cannot carry is named, not lost"
printf 'schema: 1\ncountry: Testland\nlast_updated: 2026-01-20\nsections:\n  - title: Law\n    paragraphs:\n      - "Two lines\\nin one paragraph.[1]"\nfootnotes:\n  1: A source.\n' >"$TMP/nl.yaml"
run "$PROFDIFF" render "$TMP/nl.yaml" -o "$TMP/nl.txt"
assert_rc 0
assert_err_has "section 'Law': the page does not give it back as it is"
assert_true 'grep -q "^in one paragraph.\[1\]$" "$TMP/nl.txt"'

test_case "errors: exit 2, nothing written"
run "$PROFDIFF" render --format csv "$PROFILES/cambodia.yaml"
assert_rc 2
assert_err "profdiff: error: render has no 'csv' format"
run "$PROFDIFF" render --format nonsense "$PROFILES/cambodia.yaml"
assert_rc 2
assert_err_has "--format takes page, markdown or html"
run "$PROFDIFF" render "$TMP/none.yaml" -o "$TMP/none.txt"
assert_rc 2
assert_true '[ ! -e "$TMP/none.txt" ]'
cp "$FIXTURES/yaml/invalid/duplicate-key.yaml" "$TMP/bad.yaml"
run "$PROFDIFF" render "$TMP/bad.yaml" -o "$TMP/bad.txt"
assert_rc 2
assert_err "profdiff: error: $TMP/bad.yaml:4:1: duplicate key 'country' (first at line 2)"
assert_true '[ ! -e "$TMP/bad.txt" ]'
run "$PROFDIFF" render
assert_rc 2

finish

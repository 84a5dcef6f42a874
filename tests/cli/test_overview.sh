# profdiff overview: the regional overview on a real repository: statuses
# changed in different published revisions, `changed` and `recent` at their
# boundaries, laws, profiles without treaties, CSV quoting, every format.
. "$(dirname "$0")/lib.sh"
R=$TMP/repo
g() { git -C "$R" "$@"; }
export GIT_CONFIG_NOSYSTEM=1
ov() { (cd "$R" && "$PROFDIFF" overview "$@"); }
# json_get EXPR: EXPR over the JSON on stdin (d), printed as JSON unless
# it is a string
json_get() { python3 -c "import json,sys; d=json.load(sys.stdin); v=($1); print(v if isinstance(v, str) else json.dumps(v))"; }
commit() { g add -A && g commit -qm "$1" --no-verify; }

git init -q -b main "$R"
g config user.name "Ada Editor"
g config user.email ada@example.org
"$PROFDIFF" init "$R" >/dev/null
cp "$PROFILES/cambodia.yaml" "$PROFILES/north-korea.yaml" "$R/profiles/"
# a profile without treaties, and a country name a CSV must quote
sed -e '/^treaties:/,/^footnotes:/{/^footnotes:/!d}' \
    -e 's/^country: Laos$/country: '"'"'Lao "PDR", the'"'"'\nlast_updated: 2026-01-10/' \
    "$PROFILES/laos.yaml" > "$R/profiles/laos.yaml"
commit "first published revisions"
# 2026-02-10: North Korea accedes to the 1954 Convention
cp "$FIXTURES/diff/ratification/after.yaml" "$R/profiles/north-korea.yaml"
commit "North Korea: accession"
# 2026-03-01: Cambodia signs the CRPD (a new listing), and its data
# protection law is enacted; an editorial fix to North Korea under the
# same date changes no status
sed -i -e 's/^last_updated: 2026-01-20/last_updated: 2026-03-01/' \
    -e 's/^  CAT: {status: party, cite: \[44\]}/  CAT: {status: party, cite: [44]}\n  CRPD: signatory/' "$R/profiles/cambodia.yaml"
commit "Cambodia: CRPD signed"
# 2026-04-15: Cambodia withdraws from the CAT (a status change), and the
# same revision re-dates North Korea's accession (no status change)
sed -i -e 's/^last_updated: 2026-03-01/last_updated: 2026-04-15/' \
    -e 's/^  CAT: {status: party, cite: \[44\]}/  CAT: {status: withdrawn, cite: [44]}/' "$R/profiles/cambodia.yaml"
sed -i -e 's/^last_updated: 2026-02-10/last_updated: 2026-04-15/' \
    -e 's/STATELESS-1954: {status: party, via: accession, date: 2026-02/STATELESS-1954: {status: party, via: accession, date: 2026-01/' "$R/profiles/north-korea.yaml"
commit "Cambodia: CAT withdrawn"

test_case "json: statuses, when each last changed, laws, lint"
run ov --format json
assert_rc 0
printf '%s' "$out" > "$TMP/ov.json"
assert_true 'python3 -m json.tool "$TMP/ov.json" >/dev/null'
j() { json_get "$1" < "$TMP/ov.json"; }
assert_true '[ "$(j "d[\"schema\"]")" = profdiff.overview.v1 ]'
assert_true '[ "$(j "d[\"treaties\"][:3]")" = "[\"ICCPR\", \"ICESCR\", \"CEDAW\"]" ]'
assert_true '[ "$(j "[p[\"profile\"] for p in d[\"profiles\"]]")" = "[\"cambodia\", \"laos\", \"north-korea\"]" ]'
# each status and the revision in which it last changed
assert_true '[ "$(j "[d[\"profiles\"][0][\"treaties\"][t][k] for t in (\"CAT\",\"CRPD\",\"ICCPR\") for k in (\"status\",\"changed\")]")" = "[\"withdrawn\", \"2026-04-15\", \"signatory\", \"2026-03-01\", \"party\", null]" ]'
assert_true '[ "$(j "d[\"profiles\"][2][\"treaties\"][\"STATELESS-1954\"]")" = "{\"status\": \"party\", \"via\": \"accession\", \"date\": \"2026-01\", \"changed\": \"2026-02-10\", \"recent\": false}" ]'
assert_true '[ "$(j "d[\"profiles\"][2][\"treaties\"][\"CRPD\"]")" = "{\"status\": null, \"via\": null, \"date\": null, \"changed\": null, \"recent\": false}" ]'
assert_true '[ "$(j "[p[\"last_updated\"] for p in d[\"profiles\"]]")" = "[\"2026-04-15\", \"2026-01-10\", \"2026-04-15\"]" ]'
assert_true '[ "$(j "d[\"profiles\"][0][\"commit\"]")" = "$(g rev-parse HEAD)" ]'
# the profile without treaties
assert_true '[ "$(j "[v[\"status\"] for v in d[\"profiles\"][1][\"treaties\"].values() if v[\"status\"]]")" = "[]" ]'
assert_true '[ "$(j "d[\"profiles\"][1][\"country\"]")" = "Lao \"PDR\", the" ]'
assert_true '[ "$(j "[(l[\"name\"], l[\"status\"], l[\"year\"], l[\"changed\"]) for l in d[\"profiles\"][0][\"laws\"] if l[\"name\"].startswith(\"Law on C\")]")" = "[[\"Law on Civil Registration, Vital Statistics and Identification\", \"in-force\", 2023, null]]" ]'
assert_true '[ "$(j "sorted(d[\"profiles\"][2][\"lint\"])")" = "[\"error\", \"info\", \"warning\"]" ]'
run "$PROFDIFF" lint --format json "$R/profiles/laos.yaml"
assert_true '[ "$(printf "%s" "$out" | json_get "d[\"summary\"][\"error\"]")" = "$(j "d[\"profiles\"][1][\"lint\"][\"error\"]")" ]'

test_case "--since: recent is what changed after the date, not on it"
run ov --format json --since 2026-03-01
assert_true '[ "$(printf "%s" "$out" | json_get "[(t, v[\"recent\"]) for t, v in d[\"profiles\"][0][\"treaties\"].items() if v[\"changed\"]]")" = "[[\"CAT\", true], [\"CRPD\", false]]" ]'
run ov --format json --since 2026-02-28
assert_true '[ "$(printf "%s" "$out" | json_get "[(t, v[\"recent\"]) for t, v in d[\"profiles\"][0][\"treaties\"].items() if v[\"changed\"]]")" = "[[\"CAT\", true], [\"CRPD\", true]]" ]'
assert_true '[ "$(printf "%s" "$out" | json_get "d[\"profiles\"][2][\"treaties\"][\"STATELESS-1954\"][\"recent\"]")" = false ]'
run ov --format json --since 2026-02-09
assert_true '[ "$(printf "%s" "$out" | json_get "d[\"profiles\"][2][\"treaties\"][\"STATELESS-1954\"][\"recent\"]")" = true ]'
assert_true '[ "$(printf "%s" "$out" | json_get "d[\"since\"]")" = 2026-02-09 ]'
run ov --since 2026-13-01
assert_rc 2
assert_err_has "--since takes a date"

test_case "csv: RFC 4180, one row a profile"
run ov --format csv
assert_rc 0
printf '%s' "$out" > "$TMP/ov.csv"
assert_true '[ "$(head -1 "$TMP/ov.csv" | tr -d "\r")" = "profile,country,last_updated,commit,$(j "\",\".join(d[\"treaties\"])"),error,warning,info" ]'
# every line ends CRLF; the quoted name reads back whole
assert_true '[ "$(grep -c $'"'"'\r$'"'"' "$TMP/ov.csv")" = 4 ]'
assert_true 'grep -qF "laos,\"Lao \"\"PDR\"\", the\",2026-01-10," "$TMP/ov.csv"'
assert_true '[ "$(python3 -c "import csv; r=list(csv.reader(open(\"$TMP/ov.csv\", newline=\"\"))); print(len(r), len(set(map(len, r))), r[2][1], r[1][r[0].index(\"CAT\")])")" = "4 1 Lao \"PDR\", the withdrawn" ]'

test_case "markdown: the matrix, its legend, the laws"
run ov --since 2026-03-01
assert_rc 0
assert_out_has "| Country | Last updated | ICCPR |"
assert_out_has "| Cambodia | 2026-04-15 | ✔ |"
assert_out_has "**W**"
assert_out_has "- **CRPD**: Convention on the Rights of Persons with Disabilities"
assert_out_has "### Laws"
assert_out_has "| Lao \"PDR\", the |"
assert_out_lacks "REFUGEE-1967 |"

test_case "html: one page, sortable, full names on hover, linked to the changelog"
mkdir -p "$TMP/site"
run "$PROFDIFF" -C "$R" changelog --format html -o "$TMP/site/changelog.html"
assert_rc 0
run ov --format html --since 2026-03-01 -o "$TMP/site/overview.html"
assert_rc 0
assert_true 'fetches_nothing "$TMP/site/overview.html"'
assert_true 'grep -q "<th scope=\"col\" class=\"t\" title=\"Convention against Torture[^\"]*\"><button type=\"button\">CAT</button></th>" "$TMP/site/overview.html"'
# the full names in a legend a reader sees, the lint counts apart
assert_true 'grep -q "<dt>STATELESS-1954</dt><dd>1954 Convention relating to the Status of Stateless Persons</dd>" "$TMP/site/overview.html"'
assert_true 'sed -n "/<h2 id=\"treaties\">/,/<\/table>/p" "$TMP/site/overview.html" | grep -q "Last updated" && ! sed -n "/<h2 id=\"treaties\">/,/<\/table>/p" "$TMP/site/overview.html" | grep -q "Errors"'
assert_true 'sed -n "/<h2 id=\"health\">/,/<\/table>/p" "$TMP/site/overview.html" | grep -q "<button type=\"button\">Errors</button>"'
assert_true 'grep -q "<td class=\"recent\" data-sort=\"[0-9]*\" title=\"Convention against Torture[^\"]*: withdrawn; changed in the revision of 2026-04-15\">W</td>" "$TMP/site/overview.html"'
assert_true 'grep -q "<th scope=\"row\" class=\"c\"><a href=\"changelog.html#cambodia\">Cambodia</a></th>" "$TMP/site/overview.html"'
assert_true 'grep -q "<a id=\"cambodia\"></a><h3 id=\"cambodia-2026-04-15\">" "$TMP/site/changelog.html"'
run ov --format html -o "$TMP/alone.html"
assert_true '! grep -q "changelog.html#" "$TMP/alone.html"'
if command -v chromium >/dev/null; then
	# the matrix sorted by Last updated, as a reader's click would: the
	# click is a script of the test's, which the page's policy would
	# rightly refuse, so this copy goes without it (test_inert.sh runs
	# the page's own script under its policy)
	sed -e '/Content-Security-Policy/d' -e 's|</body>|<script>document.querySelectorAll("th button")[1].click()</script></body>|' "$TMP/site/overview.html" > "$TMP/site/clicked.html"
	chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
		--disable-component-update --disable-sync --no-first-run \
		--user-data-dir="$TMP/chromium" --dump-dom "file://$TMP/site/clicked.html" > "$TMP/dom.html" 2>/dev/null
	assert_true 'grep -q "aria-sort=\"ascending\"" "$TMP/dom.html"'
	# Laos (2026-01-10) comes first once sorted by date
	assert_true '[ "$(grep -o "<tr><th scope=\"row\" class=\"c\"><a href=\"changelog.html#[a-z-]*\"" "$TMP/dom.html" | head -1)" = "<tr><th scope=\"row\" class=\"c\"><a href=\"changelog.html#laos\"" ]'
else
	ko "chromium is not installed (scripts/test.sh installs it)"
fi

test_case "named profiles, bad usage"
run ov north-korea --format json
assert_true '[ "$(printf "%s" "$out" | json_get "[p[\"profile\"] for p in d[\"profiles\"]]")" = "[\"north-korea\"]" ]'
run ov nowhere
assert_rc 2
assert_err_has "no profile 'nowhere' in profiles/"
run ov --format atom
assert_rc 2
assert_err_has "--format takes markdown, html, csv or json"
run ov -o "$TMP/nodir/x.md"
assert_rc 2
assert_true '[ ! -e "$TMP/nodir/x.md" ]'

finish

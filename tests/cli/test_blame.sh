# profdiff blame: each claim's introduction and last change in substance
# through a real history: a footnote inserted mid-list (every later
# marker renumbered) with lines re-wrapped, a factual rewording, an
# editorial fix, a move across sections, a split sentence; --stale at its
# boundaries; every format.
. "$(dirname "$0")/lib.sh"
R=$TMP/repo
g() { git -C "$R" "$@"; }
export GIT_CONFIG_NOSYSTEM=1
json_get() { python3 -c "import json,sys; d=json.load(sys.stdin); v=($1); print(v if isinstance(v, str) else json.dumps(v))"; }
P=$R/profiles/testland.yaml
publish() { # publish AUTHOR MESSAGE
	g add -A
	g -c user.name="$1" -c user.email=e@example.org commit -qm "$2" --no-verify
}

git init -q -b main "$R"
"$PROFDIFF" init "$R" >/dev/null
cat > "$P" <<'EOF'
schema: 1
country: Testland
last_updated: 2025-01-10
sections:
  - title: Overview
    paragraphs:
      - The national ID card was introduced in 2010.[1] It covers 80 percent of adults.[2]
      - Birth registraton is free of charge.[3]
  - title: Law
    paragraphs:
      - The Data Protection Act was adopted in 2019 and created an independent regulator.[2]
      - Courts have not yet tested the act.[3]
footnotes:
  1: Ministry of Interior, 'ID Card Rollout' <https://a.org/1> accessed 10 January 2025.
  2: Smith, 'Coverage Report' <https://a.org/2> accessed 10 January 2025.
  3: Jones, 'Registration Study' <https://a.org/3> accessed 10 January 2025.
EOF
publish "Ann First" "first published revision"
# 2025-03-01: a footnote inserted mid-list, cited by a new claim; every
# later footnote renumbered; the file re-wrapped by fmt
cat > "$P" <<'EOF'
schema: 1
country: Testland
last_updated: 2025-03-01
sections:
  - title: Overview
    paragraphs:
      - The national ID card was introduced in 2010.[1] It covers 80 percent of adults.[3] A survey found wide support for the card.[2]
      - Birth registraton is free of charge.[4]
  - title: Law
    paragraphs:
      - The Data Protection Act was adopted in 2019 and created an independent regulator.[3]
      - Courts have not yet tested the act.[4]
footnotes:
  1: Ministry of Interior, 'ID Card Rollout' <https://a.org/1> accessed 10 January 2025.
  2: Lee, 'Public Attitudes Survey' <https://a.org/4> accessed 1 March 2025.
  3: Smith, 'Coverage Report' <https://a.org/2> accessed 10 January 2025.
  4: Jones, 'Registration Study' <https://a.org/3> accessed 10 January 2025.
EOF
"$PROFDIFF" fmt "$P" >/dev/null
publish "Bo Second" "survey"
# 2025-06-01: a factual rewording, an editorial fix, a source re-accessed
sed -i -e 's/^last_updated: 2025-03-01/last_updated: 2025-06-01/' \
    -e 's/80 percent/85 percent/' -e 's/registraton/registration/' \
    -e 's/<https:\/\/a.org\/3> accessed 10 January 2025/<https:\/\/a.org\/3> accessed 1 June 2025/' "$P"
publish "Cy Third" "coverage"
# 2025-09-01: a claim moved to another section, a sentence split in two
# (the file written out anew, one line a paragraph: re-wrapped again)
cat > "$P" <<'EOF'
schema: 1
country: Testland
last_updated: 2025-09-01
sections:
  - title: Overview
    paragraphs:
      - The national ID card was introduced in 2010.[1] It covers 85 percent of adults.[3] A survey found wide support for the card.[2]
      - Birth registration is free of charge.[4] Courts have not yet tested the act.[4]
  - title: Law
    paragraphs:
      - The Data Protection Act was adopted in 2019.[3] It created an independent regulator.[3]
footnotes:
  1: Ministry of Interior, 'ID Card Rollout' <https://a.org/1> accessed 10 January 2025.
  2: Lee, 'Public Attitudes Survey' <https://a.org/4> accessed 1 March 2025.
  3: Smith, 'Coverage Report' <https://a.org/2> accessed 10 January 2025.
  4: Jones, 'Registration Study' <https://a.org/3> accessed 1 June 2025.
EOF
publish "Di Fourth" "moved and split"
revs() { g log --format=%H --reverse -- profiles; }
C1=$(revs | sed -n 1p); C2=$(revs | sed -n 2p); C3=$(revs | sed -n 3p); C4=$(revs | sed -n 4p)

test_case "each claim: introduced, last changed in substance, and how"
run "$PROFDIFF" -C "$R" blame testland --format json
assert_rc 0
printf '%s' "$out" > "$TMP/b.json"
j() { json_get "$1" < "$TMP/b.json"; }
assert_true '[ "$(j "d[\"schema\"]")" = profdiff.blame.v1 ]'
assert_true '[ "$(j "d[\"revision\"]")" = "{\"date\": \"2025-09-01\", \"commit\": \"$C4\"}" ]'
# claim: (section, introduced, changed, kind)
assert_true '[ "$(j "[(c[\"text\"][:20], c[\"section\"], c[\"introduced\"][\"date\"], c[\"changed\"] and c[\"changed\"][\"date\"], c[\"changed\"] and c[\"changed\"][\"kind\"]) for c in d[\"claims\"]]")" = "$(cat <<'EOF'
[["The national ID card", "Overview", "2025-01-10", null, null], ["It covers 85 percent", "Overview", "2025-01-10", "2025-06-01", "reworded"], ["A survey found wide ", "Overview", "2025-03-01", null, null], ["Birth registration i", "Overview", "2025-01-10", null, null], ["Courts have not yet ", "Overview", "2025-01-10", "2025-09-01", "moved"], ["The Data Protection ", "Law", "2025-01-10", "2025-09-01", "reworded"], ["It created an indepe", "Law", "2025-01-10", "2025-09-01", "reworded"]]
EOF
)" ]'
# revisions are named by date, commit and author
assert_true '[ "$(j "d[\"claims\"][1][\"changed\"]")" = "{\"date\": \"2025-06-01\", \"commit\": \"$C3\", \"author\": \"Cy Third <e@example.org>\", \"messages\": [\"coverage\"], \"kind\": \"reworded\", \"factual\": true}" ]'
assert_true '[ "$(j "d[\"claims\"][2][\"introduced\"]")" = "{\"date\": \"2025-03-01\", \"commit\": \"$C2\", \"author\": \"Bo Second <e@example.org>\", \"messages\": [\"survey\"]}" ]'
assert_true '[ "$(j "d[\"claims\"][0][\"introduced\"][\"commit\"]")" = "$C1" ]'
# sources by the source they resolve to, whatever their number
assert_true '[ "$(j "[s[\"label\"] for s in d[\"claims\"][1][\"sources\"]]")" = "[\"Coverage Report\"]" ]'
assert_true '[ "$(j "d[\"summary\"]")" = "{\"claims\": 7, \"revisions\": 4, \"changed\": 4}" ]'

test_case "PROFILE@REV: the blame as it stood"
run "$PROFDIFF" -C "$R" blame testland@2025-03-01 --format json
assert_true '[ "$(printf "%s" "$out" | json_get "(d[\"revision\"][\"date\"], len(d[\"claims\"]), [c[\"changed\"] for c in d[\"claims\"]].count(None))")" = "[\"2025-03-01\", 6, 6]" ]'
run "$PROFDIFF" -C "$R" blame "testland@$C3" --format json
assert_true '[ "$(printf "%s" "$out" | json_get "d[\"revision\"][\"commit\"]")" = "$C3" ]'
run "$PROFDIFF" -C "$R" blame testland@2024-01-01
assert_rc 2
assert_err_has "no published revision"

test_case "the working tree, when edited, is the newest revision"
sed -i 's/^last_updated: 2025-09-01/last_updated: 2025-10-01/; s/85 percent/90 percent/' "$P"
run "$PROFDIFF" -C "$R" blame testland --format json
assert_true '[ "$(printf "%s" "$out" | json_get "(d[\"revision\"], d[\"claims\"][1][\"changed\"][\"date\"], d[\"claims\"][1][\"changed\"][\"commit\"])")" = "[{\"date\": \"2025-10-01\", \"commit\": null}, \"2025-10-01\", null]" ]'
g checkout -q -- profiles/testland.yaml

test_case "--stale at its boundaries"
# last_updated 2025-09-01. 6 months: before 2025-03-01. The claims last
# changed on 2025-01-10 whose sources were all accessed then are stale;
# the survey claim (2025-03-01, on the boundary) is not, nor is the birth
# registration claim, whose source was accessed on 2025-06-01
run "$PROFDIFF" -C "$R" blame testland --stale 6 --format json
assert_rc 1
assert_true '[ "$(printf "%s" "$out" | json_get "[c[\"text\"][:12] for c in d[\"claims\"] if c[\"stale\"]]")" = "[\"The national\"]" ]'
assert_true '[ "$(printf "%s" "$out" | json_get "d[\"summary\"][\"stale_by_section\"]")" = "{\"Overview\": 1, \"Law\": 0}" ]'
# 7 months (before 2025-02-01): the same; 8 (before 2025-01-01): none
run "$PROFDIFF" -C "$R" blame testland --stale 7 --format json
assert_rc 1
assert_true '[ "$(printf "%s" "$out" | json_get "d[\"summary\"][\"stale\"]")" = 1 ]'
run "$PROFDIFF" -C "$R" blame testland --stale 8 --format json
assert_rc 0
assert_true '[ "$(printf "%s" "$out" | json_get "d[\"summary\"][\"stale\"]")" = 0 ]'
# 2 months (before 2025-07-01): the coverage claim (reworded on
# 2025-06-01), the survey and birth registration claims too, not the
# courts claim (moved on 2025-09-01); 3 (before 2025-06-01): the
# coverage claim's rewording and the birth registration claim's source,
# accessed on 2025-06-01, keep them fresh
run "$PROFDIFF" -C "$R" blame testland --stale 2 --format json
assert_true '[ "$(printf "%s" "$out" | json_get "[c[\"text\"][:12] for c in d[\"claims\"] if c[\"stale\"]]")" = "[\"The national\", \"It covers 85\", \"A survey fou\", \"Birth regist\"]" ]'
run "$PROFDIFF" -C "$R" blame testland --stale 3 --format json
assert_true '[ "$(printf "%s" "$out" | json_get "[c[\"text\"][:12] for c in d[\"claims\"] if c[\"stale\"]]")" = "[\"The national\", \"A survey fou\"]" ]'
run "$PROFDIFF" -C "$R" blame testland --stale 0
assert_rc 2
assert_err_has "--stale takes a number of months"

test_case "text: a line a claim, by section; stale counts"
run "$PROFDIFF" -C "$R" blame testland --stale 6
assert_rc 1
assert_out_has "Testland (profiles/testland.yaml) at 2025-09-01, 4 published revisions"
assert_out_has "  2025-06-01 $(printf %.7s "$C3") ~       It covers 85 percent of adults.  <- Coverage Report"
assert_out_has "  2025-01-10 $(printf %.7s "$C1") + stale The national ID card was introduced in 2010.  <- ID Card Rollout"
assert_out_has "1 of 7 claims stale at 6 months"

test_case "html: claims shaded by age, their history on hover or focus"
run "$PROFDIFF" -C "$R" blame testland --stale 6 --format html -o "$TMP/blame.html"
assert_rc 1
assert_true '[ "$(grep -o "<div class=\"claim[^\"]*\" tabindex=\"0\"" "$TMP/blame.html" | wc -l)" = 7 ]'
assert_true 'grep -q "<div class=\"claim stale\"" "$TMP/blame.html"'
assert_true 'grep -q "<li>2025-06-01 $(printf %.7s "$C3") Cy Third: reworded (factual) — coverage</li><li>2025-01-10 $(printf %.7s "$C1") Ann First: introduced — first published revision</li>" "$TMP/blame.html"'
if command -v chromium >/dev/null; then
	sed 's|</body>|<script>document.querySelectorAll(".claim")[1].focus()</script></body>|' "$TMP/blame.html" > "$TMP/focused.html"
	chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
		--disable-component-update --disable-sync --no-first-run \
		--user-data-dir="$TMP/chromium" --window-size=900,700 \
		--screenshot="$TMP/shot.png" "file://$TMP/focused.html" >/dev/null 2>&1
	assert_true '[ -s "$TMP/shot.png" ]'
	chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
		--disable-component-update --disable-sync --no-first-run \
		--user-data-dir="$TMP/chromium" --dump-dom "file://$TMP/focused.html" > "$TMP/dom.html" 2>/dev/null
	assert_true 'grep -q "class=\"hist\"" "$TMP/dom.html" && grep -q "Coverage Report" "$TMP/dom.html"'
else
	ko "chromium is not installed (scripts/test.sh installs it)"
fi

test_case "every profile, and trouble"
cp "$PROFILES/north-korea.yaml" "$R/profiles/"
publish "Ed Fifth" "north korea"
run "$PROFDIFF" -C "$R" blame --format json
assert_rc 0
assert_true '[ "$(printf "%s" "$out" | json_get "[b[\"profile\"] for b in d]")" = "[\"north-korea\", \"testland\"]" ]'
# written profile by profile as each is blamed: the same whole, to a file
# or to standard output, in every format
for f in json text html; do
	"$PROFDIFF" -C "$R" blame --stale 3 --format "$f" > "$TMP/all.$f"
	"$PROFDIFF" -C "$R" blame --stale 3 --format "$f" -o "$TMP/all-o.$f"
	assert_true "cmp -s '$TMP/all.$f' '$TMP/all-o.$f'"
done
assert_true 'python3 -c "import json; d = json.load(open(\"$TMP/all.json\")); assert len(d) == 2 and all(\"stale\" in b[\"summary\"] for b in d)"'
assert_true '[ "$(grep -c "<html" "$TMP/all.html")" = 1 ] && [ "$(grep -c "</html>" "$TMP/all.html")" = 1 ] && [ "$(grep -c "<h1>" "$TMP/all.html")" = 2 ]'
# a failure half way leaves no file behind
run "$PROFDIFF" -C "$R" blame testland nowhere --format json -o "$TMP/half.json"
assert_rc 2
assert_true '[ ! -e "$TMP/half.json" ]'
run "$PROFDIFF" -C "$R" blame nowhere
assert_rc 2
run "$PROFDIFF" -C "$R" blame testland --format csv
assert_rc 2

finish

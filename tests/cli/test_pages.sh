# Every HTML page profdiff writes (diff, review, blame, changelog,
# overview), looked at as a reader's browser builds and shows it: the tree
# html5lib builds (no block inside a paragraph, the blame's history inside
# its claim), the colours of kinds and severities as Chromium computes
# them, nothing wider than a 1280 px or a 390 px window but what scrolls in
# its own box, the overview's every column in print, source URLs as links
# (web ones only), no console error, and screenshots at 1280 px, at 390 px
# and in print (scripts/shots.sh).
. "$(dirname "$0")/lib.sh"
R=$TMP/repo
S=$TMP/pages
g() { git -C "$R" "$@"; }
export GIT_CONFIG_NOSYSTEM=1
commit() { g add -A && g commit -qm "$1" --no-verify; }

git init -q -b main "$R"
g config user.name "Ada Editor"
g config user.email ada@example.org
"$PROFDIFF" init "$R" >/dev/null
cp "$PROFILES"/*.yaml "$R/profiles/"
commit "first published revisions"
cp "$FIXTURES/diff/ratification/after.yaml" "$R/profiles/north-korea.yaml"
commit "North Korea: accession"
# Cambodia signs the CRPD, cites a source with a long URL, cites a footnote
# it lacks (an error the review introduces) and withdraws from the CAT (a
# warning: the prose still says party); a source of no web address
long="https://example.org/$(printf 'a-very-long-path-segment/%.0s' 1 2 3 4 5 6)report.pdf?x=1"
sed -i -e 's/^last_updated: 2026-01-20/last_updated: 2026-03-01/' \
    -e 's/^  CAT: {status: party, cite: \[44\]}/  CAT: {status: withdrawn, cite: [44]}\n  CRPD: signatory/' \
    -e 's/known as the$/known as the [99]/' \
    -e "s|^footnotes:|footnotes:\n  900: >-\n    'A long report' <$long> accessed 1 March 2026\n  901: >-\n    'Not a web page' <javascript:alert(1)>|" \
    "$R/profiles/cambodia.yaml"
sed -i -e 's/^\(        Cambodia is presently developing a digital ID system\)/\1 [900][901]/' "$R/profiles/cambodia.yaml"
commit "Cambodia: CRPD signed, CAT withdrawn"

mkdir -p "$S"
(
	cd "$R" || exit 2
	"$PROFDIFF" diff cambodia --format html -o "$S/diff.html"
	"$PROFDIFF" review HEAD~1..HEAD --format html -o "$S/review.html"
	"$PROFDIFF" blame cambodia --stale 1 --format html -o "$S/blame.html"
	"$PROFDIFF" changelog --format html -o "$S/changelog.html"
	"$PROFDIFF" overview --format html -o "$S/overview.html"
) 2>"$TMP/gen.err"
pages="diff review blame changelog overview"

test_case "each page is written, and loads nothing from elsewhere"
for p in $pages; do
	assert_true '[ -s "$S/$p.html" ] && grep -q "</html>" "$S/$p.html"'
	assert_true 'fetches_nothing "$S/$p.html"'
	assert_true 'grep -q "Content-Security-Policy" "$S/$p.html"'
	assert_true 'grep -q "prefers-color-scheme:dark" "$S/$p.html"'
done

test_case "the tree a browser builds: no block inside a paragraph"
for p in $pages; do
	run dom_check "$S/$p.html"
	assert_rc 0
done
run dom_check --blame "$S/blame.html"
assert_rc 0
# what the blame page wrote before: a history list inside a <p>, which a
# browser splits: the checker sees it
sed -e 's|<div class="claim\([^"]*\)" tabindex="0" \(style="[^"]*"\)>|<p class="claim\1" tabindex="0" \2>|' \
    -e 's|</div></div>$|</span></p>|' -e 's|<div class="hist">|<span class="hist">|' \
    "$S/blame.html" > "$TMP/old-blame.html"
run dom_check --blame "$TMP/old-blame.html"
assert_rc 1
assert_out_has "<ol> inside <p>"
# the history in words, not the model's names
assert_true 'grep -q ": sources changed\( — [^<]*\)\?</li>\|: introduced\( — [^<]*\)\?</li>" "$S/blame.html"'
assert_true '! grep -q "sources_changed" "$S/blame.html"'

test_case "source URLs: web ones as links that wrap, others as text"
long_esc=$long
assert_true 'grep -qF "<a class=\"url\" rel=\"noreferrer\" href=\"$long_esc\">" "$S/blame.html"'
assert_true 'grep -qF "<a class=\"url\" rel=\"noreferrer\" href=\"$long_esc\">" "$S/diff.html"'
for p in $pages; do
	assert_true '! grep -qi "href=\"javascript:" "$S/$p.html"'
done
assert_true 'grep -q "a.url{overflow-wrap:anywhere" "$S/diff.html"'

if command -v chromium >/dev/null; then
	# probe PAGE WIDTH: the page at WIDTH px, its policy dropped so that the
	# probe (a script of the test's) runs: what Chromium computes, as JSON
	probe_js='<script>(function(){var r={w:document.documentElement.scrollWidth,iw:innerWidth,c:{},cut:[]};["ul.changes li.add","ul.changes li.del","ul.changes li.chg","ul.findings li.error","ul.findings li.warning"].forEach(function(s){var e=document.querySelector(s);if(e)r.c[s]=getComputedStyle(e).borderLeftColor});document.querySelectorAll(".matrix").forEach(function(m){var b=m.getBoundingClientRect();if(b.right>innerWidth+1)r.cut.push("matrix");});document.querySelectorAll("td,th").forEach(function(c){var m=c.closest(".matrix");if(!m)if(c.getBoundingClientRect().right>innerWidth+1)r.cut.push(c.textContent)});document.querySelectorAll("a.url").forEach(function(a){if(a.getBoundingClientRect().right>innerWidth+1)r.cut.push("url")});var p=document.createElement("pre");p.id="probe";p.textContent=JSON.stringify(r);document.body.appendChild(p)})()</script>'
	probe() {
		sed -e '/Content-Security-Policy/d' -e "s|</body>|$probe_js</body>|" "$S/$1.html" > "$TMP/probe-$1.html"
		chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
			--disable-component-update --disable-sync --no-first-run --hide-scrollbars \
			--user-data-dir="$TMP/chromium" --window-size="$2,900" \
			--dump-dom "file://$TMP/probe-$1.html" 2>/dev/null |
			sed -n 's|.*<pre id="probe">\(.*\)</pre>.*|\1|p' | sed 's/&quot;/"/g'
	}
	jget() { python3 -c "import json,sys; d=json.loads(sys.stdin.read()); print($1)"; }

	test_case "colours by kind and by severity, as Chromium computes them"
	c=$(probe review 1280)
	assert_true '[ -n "$c" ]'
	assert_true '[ "$(printf "%s" "$c" | jget "d[\"c\"][\"ul.changes li.add\"]")" = "rgb(42, 125, 46)" ]'
	assert_true '[ "$(printf "%s" "$c" | jget "d[\"c\"][\"ul.changes li.chg\"]")" = "rgb(168, 111, 0)" ]'
	assert_true '[ "$(printf "%s" "$c" | jget "d[\"c\"][\"ul.findings li.error\"]")" = "rgb(179, 38, 30)" ]'
	assert_true '[ "$(printf "%s" "$c" | jget "d[\"c\"][\"ul.findings li.warning\"]")" = "rgb(168, 111, 0)" ]'
	c=$(probe diff 1280)
	assert_true '[ "$(printf "%s" "$c" | jget "len(set(d[\"c\"].values())) == len(d[\"c\"]) >= 2")" = True ]'

	test_case "nothing wider than the window but what scrolls in its own box"
	for w in 1280 390; do
		for p in $pages; do
			c=$(probe "$p" "$w")
			assert_true '[ "$(printf "%s" "$c" | jget "d[\"w\"] <= d[\"iw\"] and not d[\"cut\"]")" = True ]'
		done
	done
else
	ko "chromium is not installed (scripts/test.sh installs it)"
fi

test_case "every page in Chromium: no console error; screenshots at 1280, 390 px and in print"
files=""
for p in $pages; do files="$files $S/$p.html"; done
run "$(dirname "$0")/../../scripts/shots.sh" "$TMP/shots" $files
assert_rc 0
for p in $pages; do
	assert_true '[ -s "$TMP/shots/${S#/}_$p-1280.png" ] || [ -s "$TMP/shots/$(printf %s "$S/$p" | tr / _)-1280.png" ]'
done
# the overview in print: the refugee and statelessness conventions (the
# publication's own subject) and the editors' table, none of them cut
if command -v pdftotext >/dev/null; then
	pdf=$(ls "$TMP"/shots/*overview-print.pdf)
	pdftotext -layout "$pdf" "$TMP/overview.txt"
	for t in REFUGEE-1951 STATELESS-1954 STATELESS-1961; do
		assert_true '[ "$(grep -c "$t" "$TMP/overview.txt")" -ge 2 ]'
	done
	assert_true 'grep -q "Cambodia .*✗ *✗ *$" "$TMP/overview.txt" || grep -q "Cambodia.*✗.*✗" "$TMP/overview.txt"'
fi

finish

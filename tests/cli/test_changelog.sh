# profdiff changelog: markdown, json, atom (xmllint), html (rendered by
# headless Chromium), periods, and the demo repository's history.
. "$(dirname "$0")/lib.sh"
R=$TMP/repo
g() { git -C "$R" "$@"; }
export GIT_CONFIG_NOSYSTEM=1

# the demo repository: the bundled profiles, then later revisions
"$PROFDIFF" init "$R" >/dev/null
g config user.name "Ada Editor"
g config user.email ada@example.org
commit() { "$PROFDIFF" -C "$R" commit "$1" -m "$2" --force >/dev/null; }
for p in cambodia laos north-korea; do cp "$PROFILES/$p.yaml" "$R/profiles/"; done
commit profiles/cambodia.yaml "Cambodia"
commit profiles/laos.yaml "Laos"
commit profiles/north-korea.yaml "North Korea"
cp "$FIXTURES/demo/north-korea.2026-02-10.yaml" "$R/profiles/north-korea.yaml"; commit north-korea "accession"
cp "$FIXTURES/demo/north-korea.2026-02-10-typo.yaml" "$R/profiles/north-korea.yaml"; commit north-korea "typo"
cp "$FIXTURES/demo/cambodia.2026-02-15.yaml" "$R/profiles/cambodia.yaml"; commit cambodia "law enacted"
cp "$FIXTURES/demo/laos.2026-03-01.yaml" "$R/profiles/laos.yaml"; commit laos "new figures"

test_case "markdown: newest first, by date then country; editorial counted"
run "$PROFDIFF" -C "$R" changelog
assert_rc 0
assert_no_err
order=$(printf '%s\n' "$out" | grep -E '^##+ ' | tr '\n' '|')
assert_true '[ "$order" = "## 2026-03-01|### Laos|## 2026-02-15|### Cambodia|## 2026-02-10|### North Korea|## 2026-01-29|### North Korea|## 2026-01-20|### Cambodia|## undated|### Laos|" ]'
# one list without the diff's headings: each kind named, so that a source
# is not read as a treaty (its title names the convention)
assert_out_has "- **Treaty changed** 1954 Convention relating to the Status of Stateless Persons: acceded (February 2026); was not a party"
assert_out_has "- **Source added** Convention relating to the Status of Stateless Persons: Status <https://treaties.un.org/"
assert_out_lacks "- **Added** "
assert_out_has "*1 change not listed: 1 editorial.*"
assert_out_lacks "DRPK"

test_case "a period"
run "$PROFDIFF" -C "$R" changelog --since 2026-02-01 --until 2026-02-28 north-korea cambodia
order=$(printf '%s\n' "$out" | grep -E '^##+ ' | tr '\n' '|')
assert_true '[ "$order" = "## 2026-02-15|### Cambodia|## 2026-02-10|### North Korea|" ]'
run "$PROFDIFF" -C "$R" changelog --since February
assert_rc 2

test_case "json: profdiff.changelog.v1"
run "$PROFDIFF" -C "$R" changelog --format json
printf '%s' "$out" > "$TMP/cl.json"
assert_true 'jq -e ".schema == \"profdiff.changelog.v1\" and (.entries | length) == 6" "$TMP/cl.json" >/dev/null'
assert_true 'jq -e ".entries[0] | .profile == \"laos\" and .revision.date == \"2026-03-01\" and .previous.date == null and .previous.commit != null and .first == false" "$TMP/cl.json" >/dev/null'
assert_true 'jq -e "[.entries[] | select(.first)] | length == 3" "$TMP/cl.json" >/dev/null'
nk=$(g log --format=%H -1 --grep=typo)
assert_true 'jq -e "[.entries[] | select(.profile == \"north-korea\" and .revision.date == \"2026-02-10\")][0] | .revision.commit == \"$nk\" and .previous.date == \"2026-01-29\" and .summary.editorial == 1 and .summary.date == 1 and .summary.substantive + .summary.editorial + .summary.reworded + .summary.moved + .summary.date == .summary.changes and ([.changes[].kind] | index(\"treaty.changed\") != null)" "$TMP/cl.json" >/dev/null'
assert_true 'jq -e "[.entries[].changes[] | select(.kind == \"claim.reworded\")][0] | has(\"words\") and has(\"factual\")" "$TMP/cl.json" >/dev/null'

test_case "-o writes what stdout gets, replacing the file whole; a failed write is an error"
run "$PROFDIFF" -C "$R" changelog --format json -o "$TMP/cl-o.json"
assert_rc 0
assert_no_err
printf '%s\n' "$(cat "$TMP/cl.json")" > "$TMP/cl-stdout.json"
assert_same_file "$TMP/cl-o.json" "$TMP/cl-stdout.json"
chmod 0640 "$TMP/cl-o.json"
run "$PROFDIFF" -C "$R" changelog --format markdown -o "$TMP/cl-o.json"
assert_rc 0
assert_true '[ "$(stat -c %a "$TMP/cl-o.json")" = 640 ] && head -n 1 "$TMP/cl-o.json" | grep -q "^# Changelog"'
assert_true '[ -z "$(find "$TMP" -maxdepth 1 -name ".cl-o.json.*")" ]'
if [ -w /dev/full ]; then
	run sh -c '"$0" -C "$1" changelog --format json > /dev/full' "$PROFDIFF" "$R"
	assert_rc 2
	assert_err_has "profdiff: error: cannot write the output: No space left on device"
fi
mkdir "$TMP/ro" && chmod 0500 "$TMP/ro"
if ! touch "$TMP/ro/probe" 2>/dev/null; then
	run "$PROFDIFF" -C "$R" changelog -o "$TMP/ro/cl.md"
	assert_rc 2
	assert_err_has "cannot create a temporary file"
	assert_true '[ -z "$(ls -A "$TMP/ro")" ]'
fi
chmod 0700 "$TMP/ro"

test_case "atom: a valid feed, one entry per revision with substance, stable ids"
run "$PROFDIFF" -C "$R" changelog --format atom --feed-id example.org -o "$TMP/feed.atom"
assert_rc 0
assert_true 'xmllint --noout "$TMP/feed.atom"'
n=$(xmllint --xpath 'count(//*[local-name()="entry"])' "$TMP/feed.atom")
assert_true '[ "$n" = 5 ]'
assert_true 'xmllint --xpath "string(//*[local-name()=\"entry\"][1]/*[local-name()=\"id\"])" "$TMP/feed.atom" | grep -qx "tag:example.org,2026-03-01:laos/2026-03-01"'
assert_true 'xmllint --xpath "string(//*[local-name()=\"entry\"][1]/*[local-name()=\"updated\"])" "$TMP/feed.atom" | grep -qx "2026-03-01T00:00:00Z"'
assert_true 'xmllint --xpath "string(/*[local-name()=\"feed\"]/*[local-name()=\"updated\"])" "$TMP/feed.atom" | grep -qx "2026-03-01T00:00:00Z"'
cp "$TMP/feed.atom" "$TMP/feed1.atom"
run "$PROFDIFF" -C "$R" changelog --format atom --feed-id example.org -o "$TMP/feed.atom"
assert_same_file "$TMP/feed.atom" "$TMP/feed1.atom"

test_case "html: a self-contained page with a timeline, rendered by Chromium"
run "$PROFDIFF" -C "$R" changelog --format html -o "$TMP/changelog.html"
assert_rc 0
assert_true 'fetches_nothing "$TMP/changelog.html"'
assert_true '[ "$(grep -o "<circle" "$TMP/changelog.html" | wc -l)" = 5 ]'
if command -v chromium >/dev/null; then
	chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
		--disable-component-update --disable-sync --no-first-run \
		--user-data-dir="$TMP/chromium" --window-size=1000,1400 \
		--screenshot="$TMP/shot.png" "file://$TMP/changelog.html" >/dev/null 2>&1
	assert_true '[ -s "$TMP/shot.png" ] && [ "$(stat -c %s "$TMP/shot.png")" -gt 30000 ]'
	chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
		--disable-component-update --disable-sync --no-first-run \
		--user-data-dir="$TMP/chromium" --dump-dom "file://$TMP/changelog.html" > "$TMP/dom.html" 2>/dev/null
	assert_true 'grep -q "<h2>2026-03-01</h2>" "$TMP/dom.html" && grep -q "<svg" "$TMP/dom.html"'
else
	ko "chromium is not installed (scripts/test.sh installs it)"
fi

test_case "atom: what RFC 4287 requires, links absolute from --base-url or relative"
run "$PROFDIFF" -C "$R" changelog --format atom --feed-id example.org --base-url https://example.org/profiles -o "$TMP/site.atom"
assert_rc 0
assert_true 'xmllint --noout --relaxng "$FIXTURES/atom/atom.rng" "$TMP/site.atom" 2>/dev/null'
assert_true 'xmllint --noout --relaxng "$FIXTURES/atom/atom.rng" "$TMP/feed.atom" 2>/dev/null'
x() { xmllint --xpath "$1" "$TMP/site.atom"; }
assert_true '[ "$(x "string(/*/*[local-name()=\"link\"][@rel=\"self\"]/@href)")" = https://example.org/profiles/site.atom ]'
assert_true '[ "$(x "string(/*/*[local-name()=\"link\"][@rel=\"alternate\"]/@href)")" = https://example.org/profiles/changelog.html ]'
assert_true '[ "$(x "string(//*[local-name()=\"entry\"][1]/*[local-name()=\"link\"][@rel=\"alternate\"]/@href)")" = https://example.org/profiles/changelog.html#laos-2026-03-01 ]'
# every entry links to an anchor the page has
for a in $(xmllint --xpath '//*[local-name()="entry"]/*[local-name()="link"]/@href' "$TMP/site.atom" | sed -n 's/.*#\([^"]*\)".*/\1/p'); do
	assert_true 'grep -q "id=\"$a\"" "$TMP/changelog.html"'
done
run "$PROFDIFF" -C "$R" changelog --format atom
assert_out_has '<link rel="self" type="application/atom+xml" href="changelog.atom"/>'
assert_out_has '<link rel="alternate" type="text/html" href="changelog.html#cambodia-2026-02-15"/>'
for bad in "javascript:alert(1)" "ftp://example.org/" "https://" "https://example.org/a b" 'https://x.org/"'; do
	run "$PROFDIFF" -C "$R" changelog --format atom --base-url "$bad"
	assert_rc 2
	assert_err_has "--base-url takes an http or https URL"
done

test_case "html: an entry for every published revision, editorial ones counted"
sed -e 's/^last_updated: 2026-03-01/last_updated: 2026-03-20/' \
    -e 's/accessed 26 August 2024/accessed 27 August 2024/' \
    "$FIXTURES/demo/laos.2026-03-01.yaml" > "$R/profiles/laos.yaml"
commit laos "access date"
run "$PROFDIFF" -C "$R" changelog --format html -o "$TMP/changelog2.html"
assert_rc 0
assert_true 'sed -n "/<h3 id=\"laos-2026-03-20\">/,/<h2>/p" "$TMP/changelog2.html" | grep -q "<p class=\"meta\">No change in substance; 1 change not listed: 1 editorial.</p>"'
assert_true 'sed -n "/<h3 id=\"north-korea-2026-02-10\">/,/<h2>/p" "$TMP/changelog2.html" | grep -q "<p class=\"meta\">1 change not listed: 1 editorial.</p>"'
# seven published revisions, six of them dated (a dot each)
assert_true '[ "$(grep -c "<h3 id=" "$TMP/changelog2.html")" = 7 ] && [ "$(grep -o "<circle" "$TMP/changelog2.html" | wc -l)" = 6 ]'
assert_true 'dom_check "$TMP/changelog2.html"'
g reset -q --hard HEAD~1

test_case "the same history in every pack layout: the same changelog, byte for byte"
# 3 profiles x 30 published revisions, written by git fast-import (each blob
# a delta of the one written before it, whatever its file: reading one
# profile's versions walks chains through the others', and the reads are
# spilled), then repacked by git, then as loose objects
F=$TMP/fi
git init -q "$F"
{
	for v in $(seq 1 30); do
		for p in cambodia laos north-korea; do
			date=2026-$(printf %02d $(( (v - 1) / 28 + 4 )))-$(printf %02d $(( (v - 1) % 28 + 1 )))
			sed -e "/^last_updated:/d" -e "/^country:/a last_updated: $date" \
			    -e "s/ the / the $p$v /" "$PROFILES/$p.yaml" > "$TMP/blob"
			printf 'commit refs/heads/main\ncommitter Ada <ada@example.org> %d +0000\ndata %d\n%s\n' \
				$((1780000000 + v * 10)) $((${#p} + ${#v} + 1)) "$p $v"
			printf 'M 100644 inline profiles/%s.yaml\ndata %d\n' "$p" "$(wc -c < "$TMP/blob")"
			cat "$TMP/blob"
			printf '\n'
		done
	done
} > "$TMP/stream"
git -C "$F" fast-import --quiet < "$TMP/stream"
git -C "$F" reset -q --hard main
git clone -q --no-local "$F" "$TMP/re" && git -C "$TMP/re" repack -q -a -d -f --depth=50 --window=50
git init -q "$TMP/lo" && git -C "$TMP/lo" unpack-objects -q < "$(ls "$F"/.git/objects/pack/*.pack)"
git -C "$TMP/lo" update-ref refs/heads/main "$(git -C "$F" rev-parse main)"
git -C "$TMP/lo" symbolic-ref HEAD refs/heads/main
for fmt in markdown json; do
	for d in "$F" "$TMP/re" "$TMP/lo"; do
		"$PROFDIFF" -C "$d" changelog --format $fmt > "$d.$fmt" 2> "$d.err"
	done
	assert_true '[ -s "$F.$fmt" ] && ! [ -s "$F.err" ]'
	assert_same_file "$TMP/re.$fmt" "$F.$fmt"
	assert_same_file "$TMP/lo.$fmt" "$F.$fmt"
done
assert_true '[ "$(grep -c "^### " "$F.markdown")" = 90 ]'
run "$PROFDIFF" -C "$F" log
assert_rc 0
assert_out_has "Laos (profiles/laos.yaml)"
assert_true '[ "$(printf "%s\n" "$out" | grep -c "^  2026-")" = 90 ]'

test_case "no repository"
run "$PROFDIFF" -C "$TMP" changelog
assert_rc 2
assert_err_has "not in a git repository"

finish

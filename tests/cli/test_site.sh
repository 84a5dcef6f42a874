# profdiff site: the static site of a real repository, read as a reader
# would: every href and src followed (linkcheck.py: none broken, nothing
# fetched), every page's tree as a browser builds it (dom_check.py), the
# feed validated against RFC 4287's requirements, every page loaded by
# Chromium without a console error and shot at 1280 px, 390 px and in
# print; then run again: only what changed is written.
. "$(dirname "$0")/lib.sh"
R=$TMP/repo
W=$TMP/site
g() { git -C "$R" "$@"; }
export GIT_CONFIG_NOSYSTEM=1
commit() { g add -A && g commit -qm "$1" --no-verify; }
site() { (cd "$R" && "$PROFDIFF" site "$@"); }

git init -q -b main "$R"
g config user.name "Ada Editor"
g config user.email ada@example.org
"$PROFDIFF" init "$R" >/dev/null
cp "$PROFILES"/*.yaml "$R/profiles/"
commit "first published revisions"
cp "$FIXTURES/diff/ratification/after.yaml" "$R/profiles/north-korea.yaml"
commit "North Korea: accession"
sed -i -e 's/^last_updated: 2026-01-20/last_updated: 2026-03-01/' \
    -e 's/^  CAT: {status: party, cite: \[44\]}/  CAT: {status: withdrawn, cite: [44]}\n  CRPD: signatory/' \
    -e "s|^footnotes:|footnotes:\n  901: >-\n    'Not a web page' <javascript:alert(1)>|" \
    -e 's/^\(        Cambodia is presently developing a digital ID system\)/\1 [901]/' \
    "$R/profiles/cambodia.yaml"
commit "Cambodia: CRPD signed, CAT withdrawn"

test_case "the site: index, changelog, feed, each profile's pages"
run site -o "$W" --base-url https://example.org/profiles --feed-id example.org
assert_rc 0
assert_err_has "3 profiles, 19 pages written, 0 unchanged"

test_case "the site's directory is made with those it lies in, or refused clearly"
run site -o "$TMP/made/for/it" laos
assert_rc 0
assert_true '[ -s "$TMP/made/for/it/index.html" ]'
: > "$TMP/a-file"
run site -o "$TMP/a-file/site" laos
assert_rc 2
assert_err "profdiff: error: $TMP/a-file/site: cannot make the directory: Not a directory"
for f in index.html changelog.html changelog.atom .profdiff-site \
	profiles/cambodia/index.html profiles/cambodia/history.html \
	profiles/cambodia/blame.html profiles/cambodia/2026-01-20.html \
	profiles/cambodia/2026-03-01.html profiles/cambodia/2026-03-01-diff.html \
	profiles/north-korea/2026-02-10-diff.html profiles/laos/undated.html; do
	assert_true '[ -s "$W/$f" ]'
done
# the page as published now is the newest revision's
assert_same_file "$W/profiles/cambodia/index.html" "$W/profiles/cambodia/2026-03-01.html"
assert_true '[ -z "$(find "$W" -name ".*.tmp*" -o -name "*.tmp")" ]'

test_case "links: every href and src followed, none broken, nothing fetched"
run python3 "$CLI_DIR/linkcheck.py" "$W"
assert_rc 0
assert_err_has "18 pages"
assert_true 'grep -q "<a href=\"profiles/cambodia/index.html\">Cambodia</a>" "$W/index.html"'
assert_true 'grep -q "<a href=\"profiles/cambodia/2026-03-01-diff.html\">Cambodia</a>" "$W/index.html"'
# a page that links nowhere real is found out
printf '<a href="profiles/nowhere.html">x</a><img src="https://example.org/x.png">' >> "$W/changelog.html"
run python3 "$CLI_DIR/linkcheck.py" "$W"
assert_rc 1
assert_out_has "profiles/nowhere.html: no such file"
assert_out_has "img loads https://example.org/x.png"
rm "$W/changelog.html"

test_case "a profile's file name that would mean something in a URL"
# each link leads to its own page, and the feed's fragment to its entry
N=$TMP/names
git init -q -b main "$N"
git -C "$N" config user.name "Ada Editor"
git -C "$N" config user.email ada@example.org
"$PROFDIFF" init "$N" >/dev/null
cp "$PROFILES/cambodia.yaml" "$N/profiles/a b#c%2e?d\"><x.yaml"
git -C "$N" add -A && git -C "$N" commit -qm names --no-verify
run sh -c 'cd "$1" && "$2" site -o "$1/site" --base-url https://example.org/' \
	sh "$N" "$PROFDIFF"
assert_rc 0
run python3 "$CLI_DIR/linkcheck.py" "$N/site"
assert_rc 0
assert_true 'grep -qF "href=\"profiles/a%20b%23c%252e%3Fd%22%3E%3Cx/index.html\"" "$N/site/index.html"'
assert_true 'grep -qF "changelog.html#a%20b%23c%252e%3Fd%22%3E%3Cx-2026-01-20\"" "$N/site/changelog.atom"'
assert_true 'xmllint --noout "$N/site/changelog.atom"'

test_case "the profile's page: one accessible page, footnotes linked both ways"
P=$W/profiles/cambodia/index.html
assert_true 'grep -q "<html lang=\"en\">" "$P" && [ "$(grep -c "<h1>" "$P")" = 1 ]'
assert_true 'grep -q "<h1>Cambodia</h1>" "$P" && grep -q "Last updated: <time datetime=\"2026-03-01\">1 March 2026</time>" "$P"'
assert_true 'grep -q "<h2 id=\"update\">What changed in this update</h2>" "$P"'
assert_true 'sed -n "/id=\"update\"/,/<\/aside>/p" "$P" | grep -q "Convention on the Rights of Persons with Disabilities: signed"'
assert_true 'grep -q "The first published revision of this profile" "$W/profiles/cambodia/2026-01-20.html"'
assert_true 'grep -q "<a id=\"cite-15-1\" href=\"#fn-15\" aria-label=\"footnote 15\">15</a>" "$P"'
assert_true 'grep -q "<li id=\"fn-15\" value=\"15\">.*href=\"#cite-15-1\"" "$P"'
assert_true 'grep -q "<h2 id=\"treaties\">Treaties</h2>" "$P" && grep -q "<h2 id=\"laws\">Laws</h2>" "$P"'
assert_true 'grep -q "<th scope=\"row\">1954 Convention relating to the Status of Stateless Persons</th>" "$P"'
assert_true 'grep -q "<a class=\"url\" rel=\"noreferrer\" href=\"https://bnglegal.com/" "$P"'
assert_true '! grep -qi "href=\"javascript:" "$P" && grep -q "&lt;javascript:alert(1)&gt;" "$P"'
# readable without JavaScript: no page but the index has a script
assert_true '[ "$(grep -rl "<script" "$W" | wc -l)" = 1 ] && grep -q "<script" "$W/index.html"'
# headings follow the sections: the country, the box, the contents,
# then each section (h2) and its subsections (h3), the tables, the notes
assert_true '[ "$(grep -o "<h[1-6]" "$P" | tr -d "<h" | tr "\n" " ")" = "1 2 2 2 2 3 3 3 2 2 2 2 " ]'

test_case "the tree a browser builds, on every page"
run dom_check $(find "$W" -name "*.html" | sort)
assert_rc 0
run dom_check --blame "$W/profiles/cambodia/blame.html"
assert_rc 0

test_case "the feed: RFC 4287, absolute links from --base-url"
assert_true 'xmllint --noout --relaxng "$FIXTURES/atom/atom.rng" "$W/changelog.atom" 2>/dev/null'
assert_true 'grep -q "<link rel=\"self\" type=\"application/atom+xml\" href=\"https://example.org/profiles/changelog.atom\"/>" "$W/changelog.atom"'
assert_true 'grep -q "<link rel=\"alternate\" type=\"text/html\" href=\"https://example.org/profiles/changelog.html\"/>" "$W/changelog.atom"'

test_case "run again: nothing written; after a commit, only what it changed"
run site -o "$W" --base-url https://example.org/profiles --feed-id example.org
assert_rc 0
assert_err_has "3 profiles, 1 page written, 18 unchanged"
assert_true '[ -s "$W/changelog.html" ]'
run site -o "$W" --base-url https://example.org/profiles --feed-id example.org
assert_err_has "0 pages written, 19 unchanged"
touch -d "2000-01-01" "$TMP/mark"
find "$W" -type f -exec touch -d "2001-01-01" {} +
sed -i -e 's/^last_updated: 2026-01-10/last_updated: 2026-04-01/' -e 's/^last_updated: null/last_updated: 2026-04-01/' "$R/profiles/laos.yaml"
grep -q '^last_updated: 2026-04-01' "$R/profiles/laos.yaml" || sed -i 's/^country: Laos$/country: Laos\nlast_updated: 2026-04-01/' "$R/profiles/laos.yaml"
commit "Laos: dated"
run site -o "$W" --base-url https://example.org/profiles --feed-id example.org
assert_rc 0
changed=$(find "$W" -type f -newer "$TMP/mark" -newermt "2001-01-02" | sed "s|^$W/||" | sort | tr '\n' ' ')
assert_true '[ "$changed" = ".profdiff-site .profdiff-site-cache changelog.atom changelog.html index.html profiles/laos/2026-04-01-diff.html profiles/laos/2026-04-01.html profiles/laos/blame.html profiles/laos/history.html profiles/laos/index.html " ]'

test_case "a site written after a commit is the site written anew, byte for byte"
run site -o "$TMP/anew" --base-url https://example.org/profiles --feed-id example.org
assert_rc 0
assert_true 'diff -r -x ".profdiff-site*" "$W" "$TMP/anew"'
assert_same_file "$W/.profdiff-site" "$TMP/anew/.profdiff-site"
assert_same_file "$W/.profdiff-site-cache" "$TMP/anew/.profdiff-site-cache"

test_case "a cache cut short, altered, of another version or garbage is ignored"
cp "$W/.profdiff-site-cache" "$TMP/cache.good"
size=$(stat -c %s "$TMP/cache.good")
for bad in short byte version garbage empty; do
	case $bad in
	short) head -c $((size / 2)) "$TMP/cache.good" > "$W/.profdiff-site-cache" ;;
	byte) cp "$TMP/cache.good" "$W/.profdiff-site-cache"
	      printf 'X' | dd of="$W/.profdiff-site-cache" bs=1 seek=$((size / 2)) conv=notrunc status=none ;;
	version) sed '2s/.*/0.0.0-other/' "$TMP/cache.good" > "$W/.profdiff-site-cache" ;;
	garbage) head -c 5000 /dev/urandom > "$W/.profdiff-site-cache" ;;
	empty) : > "$W/.profdiff-site-cache" ;;
	esac
	rm -f "$W/changelog.html" "$W/changelog.atom" "$W/profiles/laos/history.html"
	run site -o "$W" --base-url https://example.org/profiles --feed-id example.org
	assert_rc 0
	assert_err_has "3 pages written"
	assert_true 'diff -r -x ".profdiff-site*" "$W" "$TMP/anew"'
	assert_same_file "$W/.profdiff-site-cache" "$TMP/cache.good"
done
# a base URL of another site changes what shows every profile
run site -o "$W" --base-url https://example.net/ --feed-id example.org
assert_err_has "3 pages written"

test_case "trouble: a clear error, exit 2, nothing half written"
run site -o "$W" --base-url "javascript:alert(1)"
assert_rc 2
assert_err_has "--base-url takes an http or https URL"
: > "$TMP/file"
run site -o "$TMP/file"
assert_rc 2
assert_err_has "profdiff: error:"
run site -o "$W" nowhere
assert_rc 2
assert_err_has "no profile 'nowhere'"
run site --stale x
assert_rc 2
# a page that cannot be written stops the run before the index: the index
# and the manifest stay those of the last run, which linked to whole pages
cp "$W/index.html" "$TMP/index.before"
cp "$W/.profdiff-site" "$TMP/manifest.before"
sed -i 's/^last_updated: 2026-04-01/last_updated: 2026-05-01/' "$R/profiles/laos.yaml"
commit "Laos: again"
mv "$W/profiles/laos" "$TMP/laos.pages" && : > "$W/profiles/laos"
run site -o "$W" --base-url https://example.net/ --feed-id example.org
assert_rc 2
assert_err_has "profdiff: error:"
assert_same_file "$W/index.html" "$TMP/index.before"
assert_same_file "$W/.profdiff-site" "$TMP/manifest.before"
assert_true '[ -z "$(find "$W" -name ".*tmp*")" ]'
rm "$W/profiles/laos" && mv "$TMP/laos.pages" "$W/profiles/laos"
run site -o "$W" --base-url https://example.net/ --feed-id example.org
assert_rc 0
assert_true '[ -s "$W/profiles/laos/2026-05-01.html" ] && ! cmp -s "$W/index.html" "$TMP/index.before"'
run python3 "$CLI_DIR/linkcheck.py" "$W"
assert_rc 0

test_case "run after run, whatever changed, the site is the site written anew"
# a copy of the repository, its site kept in ../inc (out of it: written
# through "..") and compared after each change with one written anew
R2=$TMP/repo2
git clone -q "$R" "$R2"
g2() { git -C "$R2" "$@"; }
g2 config user.name "Ada Editor"
g2 config user.email ada@example.org
commit2() { g2 add -A && g2 commit -qm "$1" --no-verify; }
same_as_anew() { # what changed; reads: profiles whose history was read
	(cd "$R2" && "$PROFDIFF" site -o ../inc) 2>"$TMP/inc.err"
	local rc=$?
	rm -rf "$TMP/anew2"
	(cd "$R2" && "$PROFDIFF" site -o "$TMP/anew2") 2>"$TMP/anew.err"
	assert_true "[ $rc = 0 ] && diff -r '$TMP/inc' '$TMP/anew2' >/dev/null # $1"
}
same_as_anew "first run"
sed -i 's/^last_updated: .*/last_updated: 2026-06-01/' "$R2/profiles/laos.yaml"
commit2 "Laos: June"
same_as_anew "a new revision"
sed -i '0,/^        Laos /s//        In 2026, Laos /' "$R2/profiles/laos.yaml"
commit2 "Laos: fixed under the same date"
same_as_anew "a fix under the same date"
cp "$TMP/inc/profiles/cambodia/blame.html" "$TMP/blame.before"
sed -i '0,/^        Cambodia /s//        Moreover, Cambodia /' "$R2/profiles/cambodia.yaml"
same_as_anew "an edit in the working tree"
assert_true '! cmp -s "$TMP/inc/profiles/cambodia/blame.html" "$TMP/blame.before"'
assert_true 'grep -q "1 page written" "$TMP/inc.err"'
g2 checkout -q profiles/cambodia.yaml
same_as_anew "the edit undone"
g2 commit -q --amend -m "Laos: amended"
same_as_anew "the last commit amended"
g2 mv profiles/north-korea.yaml profiles/dprk.yaml
commit2 "North Korea renamed"
same_as_anew "a profile renamed"
assert_true '[ ! -e "$TMP/inc/profiles/north-korea" ] && [ -s "$TMP/inc/profiles/dprk/index.html" ]'
assert_true 'grep -q "unchanged, [0-9]* removed$" "$TMP/inc.err"'
printf 'lint:\n  uncited: sentence\n' > "$R2/.profdiff.yaml"
same_as_anew "other settings"
(cd "$R2" && "$PROFDIFF" site -o ../inc laos) 2>/dev/null
assert_true '[ -s "$TMP/inc/profiles/cambodia/index.html" ] # a run for one profile leaves the others pages'
same_as_anew "a run for one profile, then for all"
g2 reset -q --hard HEAD~2
same_as_anew "history reset"
rm "$TMP/inc/profiles/laos/history.html"
same_as_anew "a page deleted by hand"
# a run that stops half way (Laos's pages cannot be written), and the
# history then put back as it was: every page it replaced is made again
sed -i 's/^last_updated: .*/last_updated: 2026-08-01/' \
	"$R2/profiles/cambodia.yaml" "$R2/profiles/dprk.yaml" \
	"$R2/profiles/laos.yaml"
commit2 "August"
mv "$TMP/inc/profiles/laos" "$TMP/laos.inc" && : > "$TMP/inc/profiles/laos"
(cd "$R2" && "$PROFDIFF" site -o ../inc) 2>"$TMP/inc.err"
assert_true '[ $? = 2 ] && [ -e "$TMP/inc/.profdiff-site-partial" ]'
assert_true '[ -s "$TMP/inc/profiles/cambodia/2026-08-01.html" ] # replaced before it stopped'
rm "$TMP/inc/profiles/laos" && mv "$TMP/laos.inc" "$TMP/inc/profiles/laos"
g2 reset -q --hard HEAD~1
same_as_anew "a run stopped half way, then its history undone"
assert_true '[ ! -e "$TMP/inc/.profdiff-site-partial" ]'
# a site of another boot (copied from another machine, or written before
# a crash that lost what was not yet on disk): every page is checked
# against the manifest, and the damaged ones alone are made again
grep -q '^boot [0-9a-f-]\{36\}$' "$TMP/inc/.profdiff-site"
assert_true '[ $? = 0 ] # the manifest names its boot'
sed -i 's/^boot .*/boot 00000000-0000-4000-8000-000000000000/' "$TMP/inc/.profdiff-site"
: > "$TMP/inc/profiles/laos/index.html"
printf X | dd of="$TMP/inc/profiles/cambodia/history.html" bs=1 seek=100 conv=notrunc status=none
same_as_anew "a site of another boot, two pages damaged"
assert_true 'grep -q " 2 pages written" "$TMP/inc.err"'
# a directory of the site replaced by a link: the pages the next run
# removes are not looked for through it
mkdir -p "$TMP/elsewhere"
echo mine > "$TMP/elsewhere/index.html"
mv "$TMP/inc/profiles/cambodia" "$TMP/cambodia.pages"
ln -s "$TMP/elsewhere" "$TMP/inc/profiles/cambodia"
g2 rm -q profiles/cambodia.yaml
commit2 "Cambodia withdrawn"
(cd "$R2" && "$PROFDIFF" site -o ../inc) 2>/dev/null
assert_true 'grep -qx mine "$TMP/elsewhere/index.html" # not removed through a link'
assert_true '[ ! -e "$TMP/inc/profiles/laos/cambodia" ] && [ -s "$TMP/inc/index.html" ]'

test_case "every page in Chromium: no console error; shots at 1280, 390 px and in print"
run "$CLI_DIR/../../scripts/shots.sh" "$TMP/shots" $(find "$W" -name "*.html" | sort)
assert_rc 0
assert_true '[ "$(ls "$TMP"/shots/*-390.png | wc -l)" = 22 ] && [ "$(ls "$TMP"/shots/*-print.pdf | wc -l)" = 22 ]'

finish

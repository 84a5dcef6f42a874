# profdiff import: pages to profiles, the review report, outputs, errors.
. "$(dirname "$0")/lib.sh"

test_case "one page to standard output, report on standard error"
run "$PROFDIFF" import "$PAGES/cambodia.txt"
assert_rc 0
assert_true '[ "$(printf "%s\n" "$out" | head -3)" = "$(printf "schema: 1\ncountry: Cambodia\nlast_updated: 2026-01-20")" ]'
assert_err_has "$PAGES/cambodia.txt:37:150: treaty: ICCPR: party"
assert_err_has "$PAGES/cambodia.txt:37:150: treaty: CAT: party
    Cambodia has ratified ICCPR, ICESCR, CEDAW, CRC, CERD, and CAT.[44]"
assert_err_has "$PAGES/cambodia.txt:33:1: law: Law on Personal Data Protection: law, draft"
printf '%s\n' "$out" > "$TMP/cambodia.yaml"
# the output is canonical and reads back
run "$PROFDIFF" fmt --check "$TMP/cambodia.yaml"
assert_rc 0

test_case "--quiet prints no report; a page conflict is shown"
run "$PROFDIFF" import -q "$PAGES/north-korea.txt"
assert_rc 0
assert_no_err
run "$PROFDIFF" import "$PAGES/north-korea.txt"
assert_err_has "treaty: CRC: signatory
    (signatory here, but party said earlier: kept party)
    As a signatory to the CRC, North Korea has an obligation"

test_case "-o FILE writes atomically; the result is the bundled profile but for review"
run "$PROFDIFF" import -q -o "$TMP/laos.yaml" "$PAGES/laos.txt"
assert_rc 0
assert_out ""
assert_same_file "$TMP/laos.yaml" "$PROFILES/laos.yaml"
assert_true '[ -z "$(find "$TMP" -name ".laos.yaml.*")" ]'

test_case "no country in the page: --country, else the file name"
run "$PROFDIFF" import "$PAGES/laos.txt"
assert_err_has "$PAGES/laos.txt:1:1: note: the page names no country: 'Laos' from the file name"
assert_err_has "$PAGES/laos.txt:1:1: note: the page has no 'Last updated' line"
run "$PROFDIFF" import -q --country "Lao PDR" "$PAGES/laos.txt"
assert_out_has "country: Lao PDR"
cp "$PAGES/laos.txt" "$TMP/lao-pdr.txt"
run "$PROFDIFF" import -q "$TMP/lao-pdr.txt"
assert_out_has "country: Lao Pdr"

test_case "several pages into a directory, named by country slug"
mkdir "$TMP/out"
run "$PROFDIFF" import -q -o "$TMP/out" "$PAGES/cambodia.txt" "$PAGES/north-korea.txt"
assert_rc 0
assert_true '[ -f "$TMP/out/cambodia.yaml" ] && [ -f "$TMP/out/north-korea.yaml" ]'
run "$PROFDIFF" import -q "$PAGES/cambodia.txt" "$PAGES/laos.txt"
assert_rc 2
assert_err_has "several pages need -o DIR"

test_case "bad pages: FILE:LINE:COL, exit 2, nothing written"
run "$PROFDIFF" import -o "$TMP/bad.yaml" "$FIXTURES/import/errors/bad-date.txt"
assert_rc 2
assert_err "profdiff: error: $FIXTURES/import/errors/bad-date.txt:3:16: cannot read the date 'January 32, 2026' (expected e.g. 'January 20, 2026')"
assert_true '[ ! -e "$TMP/bad.yaml" ]'
for f in "$FIXTURES"/import/errors/*.txt; do
	[ "$(basename "$f")" = cases.txt ] && continue
	run "$PROFDIFF" import "$f"
	assert_rc 2
	case "$err" in
	"profdiff: error: $f:"[0-9]*:[0-9]*": "*) ok ;;
	*) ko "$f: error not in FILE:LINE:COL form" ;;
	esac
done
run "$PROFDIFF" import "$TMP/missing.txt"
assert_rc 2
assert_err "profdiff: error: $TMP/missing.txt: cannot open: No such file or directory"
run "$PROFDIFF" import "$TMP"
assert_rc 2
assert_err "profdiff: error: $TMP: is a directory, not a file"

test_case "import -o never replaces an editor's file without --force"
mkdir -p "$TMP/out"
run "$PROFDIFF" import -q -o "$TMP/out" "$PAGES/laos.txt"
assert_rc 0
cp "$TMP/out/laos.yaml" "$TMP/imported.yaml"
# the same import again: the file holds what it writes, fine
run "$PROFDIFF" import -q -o "$TMP/out" "$PAGES/laos.txt"
assert_rc 0
# an editor's uncommitted edit: refused, untouched
sed 's/Laos/Lao PDR/' "$TMP/imported.yaml" >"$TMP/out/laos.yaml"
cp "$TMP/out/laos.yaml" "$TMP/edited.yaml"
run "$PROFDIFF" import -q -o "$TMP/out" "$PAGES/laos.txt"
assert_rc 2
assert_err_has "$TMP/out/laos.yaml: exists and holds something else than this import: not replaced (import --force replaces it)"
assert_same_file "$TMP/out/laos.yaml" "$TMP/edited.yaml"
# the directory named with its slash, the file named without a doubled one
run "$PROFDIFF" import -q -o "$TMP/out/" "$PAGES/laos.txt"
assert_rc 2
assert_err_has "profdiff: error: $TMP/out/laos.yaml: exists and holds something else"
assert_same_file "$TMP/out/laos.yaml" "$TMP/edited.yaml"
run "$PROFDIFF" import -q -o "$TMP/out/laos.yaml" "$PAGES/laos.txt"
assert_rc 2
assert_same_file "$TMP/out/laos.yaml" "$TMP/edited.yaml"
run "$PROFDIFF" import -q --force -o "$TMP/out" "$PAGES/laos.txt"
assert_rc 0
assert_same_file "$TMP/out/laos.yaml" "$TMP/imported.yaml"

finish

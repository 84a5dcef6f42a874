# profdiff lint: the real defects, every format, configuration, exit codes.
. "$(dirname "$0")/lib.sh"

test_case "the bundled profiles: real defects, exit 1"
run "$PROFDIFF" lint "$PROFILES"
assert_rc 1
assert_out_has "$PROFILES/laos.yaml"
assert_out_has "error    [6] cites footnote 6, which does not exist  dangling-citation"
assert_out_has "warning  'Rebecca Root (n 52)' in footnote 55: footnote 52 has no source by or titled 'Rebecca Root' ('Rebecca Root' is in footnote 51)  cross-ref-mismatch"
# no orphans: the footnotes before each page's first marker are cited
# elsewhere on the page (footnotes_cited_elsewhere)
assert_out_has "7 errors, 6 warnings, 6 notes in 3 files"
assert_out_lacks "orphan-footnote"
assert_no_err

test_case "warnings only: exit 0"
run "$PROFDIFF" lint "$PROFILES/north-korea.yaml"
assert_rc 0
assert_out_has "the prose says CRC is signatory ('a signatory to the CRC'), the treaties list says party"

test_case "a page is linted at page positions"
run "$PROFDIFF" lint --format gcc "$PAGES/laos.txt"
assert_rc 1
assert_out_has "$PAGES/laos.txt:5:107: error: [6] cites footnote 6, which does not exist [dangling-citation]"
assert_out_has "$PAGES/laos.txt:139:2: error: (n 6) in footnote 26 points at footnote 6, which does not exist [broken-cross-ref]"
assert_out_has "$PAGES/laos.txt:39:352: warning: no citation for a sentence that quotes a source [uncited-assertion]"

test_case "gcc: one finding a line"
run "$PROFDIFF" lint --format gcc "$PROFILES/cambodia.yaml"
assert_rc 0
assert_true '[ "$(printf "%s\n" "$out" | grep -cvE "^[^:]+:[0-9]+:[0-9]+: (error|warning|note): .* \[[a-z-]+\]$")" = 0 ]'
assert_true '[ "$(printf "%s\n" "$out" | wc -l)" = 5 ]'

test_case "json: profdiff.lint.v1"
run "$PROFDIFF" lint --format json "$PROFILES/laos.yaml" "$PAGES/cambodia.txt"
assert_rc 1
printf '%s' "$out" > "$TMP/lint.json"
assert_true 'jq -e ".schema == \"profdiff.lint.v1\"" "$TMP/lint.json" >/dev/null'
assert_true 'jq -e ".files | length == 2" "$TMP/lint.json" >/dev/null'
assert_true 'jq -e ".summary == {\"error\": 7, \"warning\": 5, \"info\": 6}" "$TMP/lint.json" >/dev/null'
assert_true 'jq -e "[.files[0].findings[] | select(.rule == \"dangling-citation\") | .footnote] == [6, 32]" "$TMP/lint.json" >/dev/null'
assert_true 'jq -e "[.files[0].findings[] | select(.rule == \"uncited-assertion\")][0].text | startswith(\"This raises concerns\")" "$TMP/lint.json" >/dev/null'
assert_true 'jq -e "[.files[].findings[] | keys] | unique == [[\"column\",\"count\",\"footnote\",\"line\",\"message\",\"rule\",\"severity\",\"text\"]]" "$TMP/lint.json" >/dev/null'

test_case "sarif 2.1.0"
run "$PROFDIFF" lint --format sarif "$PROFILES/laos.yaml"
printf '%s' "$out" > "$TMP/lint.sarif"
assert_true 'jq -e ".version == \"2.1.0\" and (.runs[0].tool.driver.rules | length) == 17" "$TMP/lint.sarif" >/dev/null'
assert_true 'jq -e "(.runs[0].results | length) == 13 and .runs[0].results[0].locations[0].physicalLocation.region.startLine == 2" "$TMP/lint.sarif" >/dev/null'

test_case "github annotations"
run "$PROFDIFF" lint --format github "$PROFILES/laos.yaml"
assert_out_has "::error file=$PROFILES/laos.yaml,line=8,col=46,title=dangling-citation::[6] cites footnote 6, which does not exist"
assert_out_has "::notice file="
assert_true '[ "$(printf "%s\n" "$out" | grep -cv "^::\(error\|warning\|notice\) ")" = 0 ]'

test_case "--strict reports uncited sentences"
run "$PROFDIFF" lint --strict --format gcc "$PROFILES/north-korea.yaml"
assert_out_has "north-korea.yaml:20:13: note: no citation for this sentence [uncited-sentence]"

test_case "a schema error is a finding: exit 1"
run "$PROFDIFF" lint --format gcc "$FIXTURES/yaml/invalid/tag.yaml"
assert_rc 1
assert_out "$FIXTURES/yaml/invalid/tag.yaml:2:10: error: tags are not allowed in a profile ('tag:yaml.org,2002:str') [schema]"

test_case "no path: the repository's profiles, with .profdiff.yaml"
mkdir -p "$TMP/repo/.git" "$TMP/repo/data" "$TMP/repo/sub"
cp "$PROFILES"/*.yaml "$TMP/repo/data/"
printf 'profiles: data\nlint:\n  severity:\n    orphan-footnote: "off"\n    treaty-contradiction: error\n' > "$TMP/repo/.profdiff.yaml"
run "$PROFDIFF" -C "$TMP/repo/sub" lint --format gcc
assert_rc 1
assert_out_has "data/north-korea.yaml:68:72: error: the prose says CRC is signatory"
assert_out_lacks "orphan-footnote"
assert_true '[ "$(printf "%s\n" "$out" | cut -d: -f1 | sort -u | wc -l)" = 3 ]'

test_case "a broken configuration: exit 2 with its position"
printf 'lint:\n  uncited: claim\n' > "$TMP/repo/.profdiff.yaml"
run "$PROFDIFF" -C "$TMP/repo" lint
assert_rc 2
assert_err "profdiff: error: $TMP/repo/.profdiff.yaml:2:12: unknown uncited mode 'claim' (expected paragraph or sentence)"

test_case "no profiles directory, missing and unreadable files: exit 2"
rm "$TMP/repo/.profdiff.yaml"
run "$PROFDIFF" -C "$TMP/repo" lint
assert_rc 2
assert_err_has "no profiles directory 'profiles' here"
run "$PROFDIFF" lint "$TMP/none.yaml"
assert_rc 2
assert_err "profdiff: error: $TMP/none.yaml: cannot open: No such file or directory"
run "$PROFDIFF" lint --format html "$PROFILES/laos.yaml"
assert_rc 2
assert_err_has "--format takes text, gcc, json, sarif or github"

test_case "colour only when asked or on a terminal"
run "$PROFDIFF" lint "$PROFILES/laos.yaml"
assert_true '! printf "%s" "$out" | grep -q $'"'"'\033'"'"
run "$PROFDIFF" --color=always lint "$PROFILES/laos.yaml"
assert_true 'printf "%s" "$out" | grep -q $'"'"'\033\[1;31merror'"'"

test_case "many files are linted on every core, reported in order"
mkdir -p "$TMP/many"
for i in $(seq -w 0 39); do cp "$PROFILES/laos.yaml" "$TMP/many/p$i.yaml"; done
printf 'schema: 1\ncountry: [\n' >"$TMP/many/p17.yaml"
run "$PROFDIFF" lint --format gcc "$TMP/many"
assert_rc 1
assert_true '[ "$(printf "%s\n" "$out" | cut -d: -f1 | uniq | tr "\n" " ")" = "$(for i in $(seq -w 0 39); do printf "%s " "$TMP/many/p$i.yaml"; done)" ]'
assert_out_has "$TMP/many/p17.yaml:2:10: error: expected a scalar for 'country', found a sequence [schema]"
single=$("$PROFDIFF" lint --format gcc "$TMP/many/p03.yaml")
assert_true '[ "$(printf "%s\n" "$out" | grep -c "^$TMP/many/p03.yaml:")" = "$(printf "%s\n" "$single" | wc -l)" ]'

test_case "a file that cannot be read among many: the rest is reported, in order, and the exit status is 2"
rm "$TMP/many/p25.yaml"
ln -s "$TMP/gone.yaml" "$TMP/many/p25.yaml"
run "$PROFDIFF" lint --format gcc "$TMP/many"
assert_rc 2
assert_err_has "$TMP/many/p25.yaml: cannot open: No such file or directory"
assert_true '[ "$(printf "%s\n" "$out" | cut -d: -f1 | uniq | wc -l)" = 39 ]'
assert_out_lacks "p25.yaml"
assert_out_has "$TMP/many/p26.yaml:"
run "$PROFDIFF" lint "$TMP/many"
assert_rc 2
# the text format's total counts the 39 files read: 38 of Laos, p17 broken
# twice (a sequence for the country, and the sequence never closed)
laos_errors=$("$PROFDIFF" lint --format gcc "$TMP/many/p03.yaml" | grep -c ": error: ")
assert_true '[ "$(printf "%s\n" "$out" | tail -n 1)" = "$((38 * laos_errors + 2)) errors, $((38 * $(printf "%s\n" "$single" | grep -c ": warning: "))) warnings, $((38 * $(printf "%s\n" "$single" | grep -c ": note: "))) notes in 39 files" ]'
assert_true '[ "$(printf "%s\n" "$out" | grep -c "^$TMP/many/p[0-9]*.yaml$")" = 39 ]'

test_case "json and sarif are written a file at a time: one valid document, in order, the unreadable file left out"
run "$PROFDIFF" lint --format json "$TMP/many"
assert_rc 2
printf '%s\n' "$out" >"$TMP/many.json"
assert_true 'jq -e ".files | length == 39" "$TMP/many.json" >/dev/null'
assert_true 'jq -e "[.files[].path] == ([.files[].path] | sort)" "$TMP/many.json" >/dev/null'
assert_true 'jq -e "[.files[].path | test(\"p25.yaml\")] | any | not" "$TMP/many.json" >/dev/null'
assert_true 'jq -e ".summary.error == ([.files[].findings[] | select(.severity == \"error\")] | length)" "$TMP/many.json" >/dev/null'
run "$PROFDIFF" lint --format sarif "$TMP/many"
assert_rc 2
printf '%s\n' "$out" >"$TMP/many.sarif"
assert_true 'jq -e ".runs[0].results | length == $(jq "[.files[].findings[]] | length" "$TMP/many.json")" "$TMP/many.sarif" >/dev/null'
# the first file unreadable: no comma before the first that is written
rm "$TMP/many/p00.yaml"
ln -s "$TMP/gone.yaml" "$TMP/many/p00.yaml"
run "$PROFDIFF" lint --format json "$TMP/many"
assert_rc 2
assert_true 'printf "%s\n" "$out" | jq -e ".files | length == 38" >/dev/null'
run "$PROFDIFF" lint --format sarif "$TMP/many"
assert_true 'printf "%s\n" "$out" | jq -e ".runs[0].results | length > 0" >/dev/null'
# nothing linted at all
run "$PROFDIFF" lint --format json "$TMP/many/p00.yaml"
assert_rc 2
assert_true 'printf "%s\n" "$out" | jq -e ".files == [] and .summary.error == 0" >/dev/null'
run "$PROFDIFF" lint --format sarif "$TMP/many/p00.yaml"
assert_true 'printf "%s\n" "$out" | jq -e ".runs[0].results == []" >/dev/null'

test_case "output that cannot be written is an error, not a cut short report"
if [ -w /dev/full ]; then
	run sh -c '"$0" lint --format gcc "$1" > /dev/full' "$PROFDIFF" "$PROFILES/laos.yaml"
	assert_rc 2
	assert_err_has "profdiff: error: cannot write the output: No space left on device"
fi

test_case "every schema error of a file in one run"
run "$PROFDIFF" lint --format gcc "$FIXTURES/yaml/errors/many.yaml"
assert_rc 1
assert_true '[ "$(printf "%s\n" "$out" | grep -c "error: .* \[schema\]$")" = 12 ]'
assert_out_has "many.yaml:4:1: error: unknown key 'colour' in a profile"
assert_out_has "many.yaml:19:107: error: 'footnote': the range '9-2' runs backwards [schema]"


finish

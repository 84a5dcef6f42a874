# profdiff fmt: canonical YAML, atomic replacement, --check.
. "$(dirname "$0")/lib.sh"

test_case "every canonical fixture and bundled profile passes --check"
run "$PROFDIFF" fmt --check "$FIXTURES/yaml/canonical" "$PROFILES" \
	"$FIXTURES"/import/*.yaml
assert_rc 0
assert_out ""
assert_no_err

test_case "--check names non-canonical files, exits 1, writes nothing"
cp "$FIXTURES/yaml/valid/full.yaml" "$TMP/full.yaml"
cp "$FIXTURES/yaml/canonical/minimal.yaml" "$TMP/minimal.yaml"
run "$PROFDIFF" fmt --check "$TMP/full.yaml" "$TMP/minimal.yaml"
assert_rc 1
assert_out "$TMP/full.yaml: not in canonical form"
assert_same_file "$TMP/full.yaml" "$FIXTURES/yaml/valid/full.yaml"

test_case "fmt rewrites to the canonical form, then --check passes"
run "$PROFDIFF" fmt "$TMP/full.yaml"
assert_rc 0
assert_no_err
assert_same_file "$TMP/full.yaml" "$FIXTURES/yaml/canonical/full.yaml"
run "$PROFDIFF" fmt --check "$TMP/full.yaml"
assert_rc 0

test_case "fmt is a fixed point and leaves canonical files untouched"
ino=$(stat -c %i "$TMP/full.yaml")
run "$PROFDIFF" fmt "$TMP/full.yaml"
assert_rc 0
assert_true '[ "$(stat -c %i "$TMP/full.yaml")" = "$ino" ]'
assert_same_file "$TMP/full.yaml" "$FIXTURES/yaml/canonical/full.yaml"

test_case "fmt keeps the file mode and leaves no temporary file"
cp "$FIXTURES/yaml/valid/flow.yaml" "$TMP/flow.yaml"
chmod 640 "$TMP/flow.yaml"
run "$PROFDIFF" fmt "$TMP/flow.yaml"
assert_rc 0
assert_true '[ "$(stat -c %a "$TMP/flow.yaml")" = 640 ]'
assert_true '[ -z "$(find "$TMP" -name ".*.yaml.*")" ]'

test_case "a directory means its YAML files"
mkdir "$TMP/dir"
cp "$FIXTURES/yaml/valid/"*.yaml "$TMP/dir/"
echo "not yaml" > "$TMP/dir/notes.txt"
run "$PROFDIFF" fmt --check "$TMP/dir"
assert_rc 1
assert_out_has "$TMP/dir/flow.yaml: not in canonical form"
assert_out_lacks "notes.txt"
run "$PROFDIFF" fmt "$TMP/dir"
assert_rc 0
for f in flow full minimal quoted; do
	assert_same_file "$TMP/dir/$f.yaml" "$FIXTURES/yaml/canonical/$f.yaml"
done

test_case "a broken file: error with position, exit 2, file untouched"
cp "$FIXTURES/yaml/invalid/duplicate-key.yaml" "$TMP/bad.yaml"
cp "$FIXTURES/yaml/valid/flow.yaml" "$TMP/good.yaml"
run "$PROFDIFF" fmt "$TMP/bad.yaml" "$TMP/good.yaml"
assert_rc 2
assert_err "profdiff: error: $TMP/bad.yaml:4:1: duplicate key 'country' (first at line 2)"
assert_same_file "$TMP/bad.yaml" "$FIXTURES/yaml/invalid/duplicate-key.yaml"
# the other file is still formatted
assert_same_file "$TMP/good.yaml" "$FIXTURES/yaml/canonical/flow.yaml"

test_case "missing file, directory of nothing, no path"
run "$PROFDIFF" fmt "$TMP/none.yaml"
assert_rc 2
assert_err "profdiff: error: $TMP/none.yaml: cannot open: No such file or directory"
run "$PROFDIFF" fmt
assert_rc 2
assert_err_has "fmt: no PATH given"

test_case "every invalid fixture is an error with FILE:LINE:COL, never a crash"
for f in "$FIXTURES"/yaml/invalid/*.yaml; do
	run "$PROFDIFF" fmt --check "$f"
	assert_rc 2
	case "$err" in
	"profdiff: error: $f:"[0-9]*:[0-9]*": "*) ok ;;
	*) ko "$f: error not in FILE:LINE:COL form" ;;
	esac
done

# fmt --renumber ------------------------------------------------------------

# renumber_invariants A B: B is A renumbered; the diff of the two reports
# nothing, git's diff driver shows no line changed (but the number a
# missing footnote is given), lint finds the same rules as many times, and
# a second run changes nothing.
renumber_invariants() {
	run "$PROFDIFF" diff "$1" "$2"
	assert_rc 0
	assert_out_has "no changes in substance"
	"$PROFDIFF" textconv "$1" | sed 's/missing footnote [0-9]*/missing footnote/' >"$TMP/t1"
	"$PROFDIFF" textconv "$2" | sed 's/missing footnote [0-9]*/missing footnote/' >"$TMP/t2"
	assert_same_file "$TMP/t1" "$TMP/t2"
	"$PROFDIFF" lint "$1" | awk 'NF > 3 { print $NF }' | sort >"$TMP/l1"
	"$PROFDIFF" lint "$2" | awk 'NF > 3 { print $NF }' | sort >"$TMP/l2"
	assert_same_file "$TMP/l1" "$TMP/l2"
	cp "$2" "$TMP/again.yaml"
	run "$PROFDIFF" fmt --renumber "$TMP/again.yaml"
	assert_rc 0
	assert_same_file "$2" "$TMP/again.yaml"
}

test_case "--renumber: markers, (n X), cite: and lint.ignore together"
cp "$FIXTURES/renumber/basic.yaml" "$TMP/r.yaml"
run "$PROFDIFF" fmt --check --renumber "$TMP/r.yaml"
assert_rc 1
assert_out "$TMP/r.yaml: footnotes not in order of first citation, or not in canonical form"
run "$PROFDIFF" fmt --renumber "$TMP/r.yaml"
assert_rc 0
assert_same_file "$TMP/r.yaml" "$FIXTURES/renumber/basic.expected.yaml"
renumber_invariants "$FIXTURES/renumber/basic.yaml" "$TMP/r.yaml"
run "$PROFDIFF" fmt --check --renumber "$TMP/r.yaml"
assert_rc 0

test_case "--renumber keeps every bundled profile and imported page"
for f in "$PROFILES"/*.yaml; do
	cp "$f" "$TMP/b.yaml"
	run "$PROFDIFF" fmt --renumber "$TMP/b.yaml"
	assert_rc 0
	renumber_invariants "$f" "$TMP/b.yaml"
done
for f in "$PAGES"/*.txt; do
	"$PROFDIFF" import -q "$f" >"$TMP/page.yaml"
	cp "$TMP/page.yaml" "$TMP/b.yaml"
	run "$PROFDIFF" fmt --renumber "$TMP/b.yaml"
	assert_rc 0
	renumber_invariants "$TMP/page.yaml" "$TMP/b.yaml"
	# the footnotes other parts of the page cite keep their numbers
	k=$(sed -n 's/^footnotes_cited_elsewhere: 1-\([0-9]*\)$/\1/p' \
		"$TMP/page.yaml")
	assert_true '[ -n "$k" ]'
	assert_true 'grep -qx "footnotes_cited_elsewhere: 1-$k" "$TMP/b.yaml"'
	for y in page b; do
		# each note: its number, a blank line, its text
		"$PROFDIFF" render "$TMP/$y.yaml" 2>/dev/null |
			awk '/^[0-9]+\.\^$/ { n = $0; getline; getline;
				print n $0 }' | head -n "$k" >"$TMP/$y.notes"
	done
	assert_true '[ "$(wc -l <"$TMP/b.notes")" -eq "$k" ]'
	assert_same_file "$TMP/page.notes" "$TMP/b.notes"
done

test_case "--renumber keeps every revision of a generated history"
GEN=$(dirname "$PROFDIFF_BIN")/tests/bench-gen
git init -q "$TMP/gen"
"$GEN" history 7 2 5 6000 "$PROFILES/cambodia.yaml" \
	"$PROFILES/north-korea.yaml" | git -C "$TMP/gen" fast-import --quiet
revs=0
for c in $(git -C "$TMP/gen" rev-list main); do
	for path in $(git -C "$TMP/gen" ls-tree -r --name-only "$c" profiles); do
		git -C "$TMP/gen" show "$c:$path" >"$TMP/g.yaml"
		cp "$TMP/g.yaml" "$TMP/b.yaml"
		run "$PROFDIFF" fmt --renumber "$TMP/b.yaml"
		assert_rc 0
		renumber_invariants "$TMP/g.yaml" "$TMP/b.yaml"
		revs=$((revs + 1))
	done
done
assert_true "[ $revs -ge 10 ]"

test_case "--renumber of a profile without footnotes: nothing to do"
printf 'schema: 1\ncountry: X\n' >"$TMP/bare.yaml"
cp "$TMP/bare.yaml" "$TMP/bare.fmt"
run "$PROFDIFF" fmt "$TMP/bare.fmt"
assert_rc 0
run "$PROFDIFF" fmt --renumber "$TMP/bare.yaml"
assert_rc 0
assert_no_err
assert_same_file "$TMP/bare.yaml" "$TMP/bare.fmt"
run "$PROFDIFF" render --renumber "$TMP/bare.yaml"
assert_rc 0
assert_out ""
assert_err_has "the page has no text"

test_case "--renumber of a broken file: error, file untouched"
cp "$FIXTURES/yaml/invalid/duplicate-key.yaml" "$TMP/bad.yaml"
run "$PROFDIFF" fmt --renumber "$TMP/bad.yaml"
assert_rc 2
assert_err "profdiff: error: $TMP/bad.yaml:4:1: duplicate key 'country' (first at line 2)"
assert_same_file "$TMP/bad.yaml" "$FIXTURES/yaml/invalid/duplicate-key.yaml"

finish

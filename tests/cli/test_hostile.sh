# Hostile input: every case is a clear error (exit 2, or a lint finding of
# rule schema, exit 1) or a correct result, in a few seconds, never a crash
# or a hang. Each command runs under a time limit; the limit is wide
# because the tests run under the sanitizers (a release build takes well
# under a second on each case).
. "$(dirname "$0")/lib.sh"

LIMIT=${PROFDIFF_HOSTILE_LIMIT:-20}

# trun CMD...: run, under the time limit (exit 124 on a hang).
trun() { run timeout -k 5 "$LIMIT" "$@"; }

# profile TEXT [FOOTNOTES]: a small profile with one paragraph.
profile() {
	printf 'schema: 1\ncountry: Testland\nlast_updated: 2026-01-01\nsections:\n  - title: A\n    paragraphs:\n      - "%s"\nfootnotes:\n%b' \
		"$1" "${2:-  1: \"A source (2020).\"\n}"
}

H=$TMP/h
mkdir -p "$H"

test_case "an alias bomb is refused at its first anchor"
{
	printf 'schema: 1\ncountry: &a Testland\nlast_updated: 2026-01-01\n'
	printf 'sections: &b [{title: A, paragraphs: [*a, *a, *a, *a, *a, *a]}]\n'
	for i in 1 2 3 4 5 6 7 8 9; do
		printf 'x%d: &c%d [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n' "$i" "$i"
	done
} >"$H/bomb.yaml"
trun "$PROFDIFF" fmt --check "$H/bomb.yaml"
assert_rc 2
assert_err "profdiff: error: $H/bomb.yaml:2:10: anchors are not allowed in a profile ('&a')"
trun "$PROFDIFF" lint --format gcc "$H/bomb.yaml"
assert_rc 1
assert_out "$H/bomb.yaml:2:10: error: anchors are not allowed in a profile ('&a') [schema]"
printf 'schema: 1\ncountry: Testland\nsections: *x\n' >"$H/alias.yaml"
trun "$PROFDIFF" fmt --check "$H/alias.yaml"
assert_rc 2
assert_err_has "$H/alias.yaml:3:11: "

test_case "deep flow nesting: 100,000 brackets"
awk 'BEGIN { printf "schema: 1\ncountry: X\nsections: "
	for (i = 0; i < 100000; i++) printf "["
	for (i = 0; i < 100000; i++) printf "]"
	print "" }' >"$H/flow.yaml"
trun "$PROFDIFF" fmt --check "$H/flow.yaml"
assert_rc 2
assert_err "profdiff: error: $H/flow.yaml:3:12: expected a mapping for a section, found a sequence"
awk 'BEGIN { printf "schema: 1\ncountry: X\nsections:\n  - title: A\n    paragraphs: "
	for (i = 0; i < 100000; i++) printf "{a: "
	for (i = 0; i < 100000; i++) printf "}"
	print "" }' >"$H/flowmap.yaml"
trun "$PROFDIFF" fmt --check "$H/flowmap.yaml"
assert_rc 2
assert_err_has "profdiff: error: $H/flowmap.yaml:5:17: "

test_case "deep block nesting: sections 1,500 deep, sequences 5,000 deep"
awk 'BEGIN { printf "schema: 1\ncountry: X\nsections:\n"
	for (i = 0; i < 1500; i++) {
		ind = sprintf("%*s", 2 * i, "")
		printf "%s- title: t\n%s  sections:\n", ind, ind
	} }' >"$H/block.yaml"
trun "$PROFDIFF" lint --format gcc "$H/block.yaml"
assert_rc 1
assert_out "$H/block.yaml:9:7: error: sections nest deeper than 3 levels [schema]"
awk 'BEGIN { printf "schema: 1\ncountry: X\nsections:\n  "
	for (i = 0; i < 5000; i++) printf "- "
	print "x" }' >"$H/seq.yaml"
trun "$PROFDIFF" fmt --check "$H/seq.yaml"
assert_rc 2
assert_err "profdiff: error: $H/seq.yaml:4:5: expected a mapping for a section, found a sequence"

test_case "files over the size limit (16 MiB): YAML, page, both sides of a diff"
head -c 16777217 /dev/zero | tr '\0' 'a' >"$H/big.yaml"
trun "$PROFDIFF" fmt --check "$H/big.yaml"
assert_rc 2
assert_err "profdiff: error: $H/big.yaml:1:1: the file is 16777217 bytes, over the limit of 16777216 bytes"
cp "$H/big.yaml" "$H/big.txt"
trun "$PROFDIFF" import "$H/big.txt"
assert_rc 2
assert_err_has "$H/big.txt:1:1: the file is 16777217 bytes, over the limit"
trun "$PROFDIFF" diff "$PROFILES/laos.yaml" "$H/big.yaml"
assert_rc 2
assert_err_has "$H/big.yaml:1:1: the file is 16777217 bytes"
rm -f "$H/big.yaml" "$H/big.txt"

test_case "invalid UTF-8 and NUL bytes, at their position"
printf 'schema: 1\ncountry: Test\377land\n' >"$H/utf8.yaml"
trun "$PROFDIFF" fmt --check "$H/utf8.yaml"
assert_rc 2
assert_err "profdiff: error: $H/utf8.yaml:2:14: invalid UTF-8 (byte 0xFF)"
printf 'schema: 1\ncountry: Test\300\257land\n' >"$H/overlong.yaml"
trun "$PROFDIFF" fmt --check "$H/overlong.yaml"
assert_rc 2
assert_err "profdiff: error: $H/overlong.yaml:2:14: invalid UTF-8 (byte 0xC0)"
printf 'schema: 1\ncountry: Test\000land\n' >"$H/nul.yaml"
trun "$PROFDIFF" fmt --check "$H/nul.yaml"
assert_rc 2
assert_err "profdiff: error: $H/nul.yaml:2:14: NUL byte in a YAML file"
{ head -5 "$PAGES/laos.txt"; printf 'A claim\000 with a NUL.[1]\n'; } >"$H/nul.txt"
trun "$PROFDIFF" import "$H/nul.txt"
assert_rc 2
assert_err_has "profdiff: error: $H/nul.txt:6:8: "
{ head -5 "$PAGES/laos.txt"; printf 'A claim\355\240\200.[1]\n'; } >"$H/surrogate.txt"
trun "$PROFDIFF" import "$H/surrogate.txt"
assert_rc 2
assert_err "profdiff: error: $H/surrogate.txt:6:8: invalid UTF-8 (byte 0xED)"

test_case "huge footnote numbers"
profile 'A claim.[99999999999999999999]' >"$H/hugemarker.yaml"
trun "$PROFDIFF" lint --format gcc "$H/hugemarker.yaml"
assert_rc 1
assert_out_has "$H/hugemarker.yaml:7:18: error: malformed citation marker '[99999999999999999999]' [dangling-citation]"
profile 'A claim.[1]' '  123456789012: "A source (2020)."\n' >"$H/hugekey.yaml"
trun "$PROFDIFF" fmt --check "$H/hugekey.yaml"
assert_rc 2
assert_err "profdiff: error: $H/hugekey.yaml:9:3: a footnote number must be between 1 and 99999, not 123456789012"
profile 'A claim.[99999]' '  99999: "A source (2020)."\n' >"$H/maxkey.yaml"
trun "$PROFDIFF" lint "$H/maxkey.yaml"
assert_rc 0
assert_out "no findings in 1 file"
{ head -5 "$PAGES/laos.txt"; printf 'A claim.[1]\n\n1.^ A source (2020).\n4294967297.^ Another.\n'; } >"$H/hugenote.txt"
trun "$PROFDIFF" import "$H/hugenote.txt"
assert_rc 2
assert_err "profdiff: error: $H/hugenote.txt:9:1: footnote number 4294967297 is out of range (1 to 99999)"
{ head -5 "$PAGES/laos.txt"; printf 'A claim.[1]\n\n1.^ A source.\n%s.^ Another.\n' \
	99999999999999999999999999999999999999999999999; } >"$H/hugenote2.txt"
trun "$PROFDIFF" import "$H/hugenote2.txt"
assert_rc 2
assert_err "profdiff: error: $H/hugenote2.txt:9:1: footnote number 9999999999999999999999999999999999999999... is out of range (1 to 99999)"

test_case "100,000 markers in one paragraph: linted and diffed, all cited"
awk 'BEGIN { printf "schema: 1\ncountry: Testland\nlast_updated: 2026-01-01\nsections:\n  - title: A\n    paragraphs:\n      - \"A claim."
	for (i = 0; i < 100000; i++) printf "[%d]", i % 50 + 1
	printf "\"\nfootnotes:\n"
	for (i = 1; i <= 50; i++) printf "  %d: \"Source %d (2020).\"\n", i, i }' >"$H/markers.yaml"
trun "$PROFDIFF" lint "$H/markers.yaml"
assert_rc 0
assert_out "no findings in 1 file"
sed 's/A claim\./Another claim./' "$H/markers.yaml" >"$H/markers2.yaml"
trun "$PROFDIFF" diff --format json "$H/markers.yaml" "$H/markers2.yaml"
assert_rc 0
assert_out_has '"kind": "claim.reworded"'

test_case "1,000,000 markers in one sentence, 100,000 of them to missing footnotes: each missing one a single counted finding"
awk 'BEGIN { printf "schema: 1\ncountry: Testland\nlast_updated: 2026-01-01\nsections:\n  - title: A\n    paragraphs:\n      - \"A claim."
	for (i = 0; i < 1000000; i++) printf (i % 10 == 9 ? "[7]" : "[1]")
	printf "\"\nfootnotes:\n  1: \"A source (2020).\"\n" }' >"$H/dangling.yaml"
trun "$PROFDIFF" lint --format json "$H/dangling.yaml"
assert_rc 1
printf '%s' "$out" >"$H/dangling.json"
assert_true 'jq -e "[.files[0].findings[] | {rule, footnote, count, message}] == [{\"rule\": \"dangling-citation\", \"footnote\": 7, \"count\": 100000, \"message\": \"[7] ×100,000 cites footnote 7, which does not exist\"}]" "$H/dangling.json" >/dev/null'
assert_true 'jq -e "[.files[0].findings[].text | utf8bytelength <= 200] | all" "$H/dangling.json" >/dev/null'
trun "$PROFDIFF" lint --format gcc "$H/dangling.yaml"
assert_rc 1
assert_out "$H/dangling.yaml:7:45: error: [7] ×100,000 cites footnote 7, which does not exist [dangling-citation]"

# every shape a profile grows in (tests/fixtures/shapes/shapes.awk), at ten
# times the size of the scaling benchmark's first step (footnotes stop at
# the largest footnote number): lint, diff against a later revision with a
# renumbering footnote, and import of the same profile as a page, each
# under the time limit, each a result
for sn in markers:250000 sentences:25000 paragraphs:20000 footnotes:25000 \
	xrefs:25000 laws:10000 treaties:20000 findings:30000; do
	shape=${sn%%:*} n=${sn#*:}
	test_case "a profile grown in $shape to $n"
	for v in 0 1; do
		awk -v shape="$shape" -v n="$n" -v variant=$v -v fmt=yaml \
			-f "$FIXTURES/shapes/shapes.awk" >"$H/$shape.$v.yaml"
	done
	awk -v shape="$shape" -v n="$n" -v variant=0 -v fmt=page \
		-f "$FIXTURES/shapes/shapes.awk" >"$H/$shape.txt"
	trun "$PROFDIFF" lint --format json "$H/$shape.0.yaml"
	case $rc in 0 | 1) ok ;; *) ko "lint: exit status $rc" ;; esac
	printf '%s' "$out" >"$H/$shape.json"
	assert_true 'jq -e "[.files[0].findings[].text // \"\" | utf8bytelength <= 200] | all" "$H/$shape.json" >/dev/null'
	trun "$PROFDIFF" diff --format json "$H/$shape.0.yaml" "$H/$shape.1.yaml"
	assert_rc 0
	printf '%s' "$out" >"$H/$shape.diff.json"
	# the renumbering footnote inserted at the top is one source added,
	# never a change of every citing claim
	assert_true 'jq -e "[.changes[] | select(.kind == \"source.added\")] | length == 1" "$H/$shape.diff.json" >/dev/null'
	trun "$PROFDIFF" import -o "$H/$shape.imported.yaml" "$H/$shape.txt"
	assert_rc 0
	rm -f "$H/$shape".*
done

test_case "malformed markers, each at its column"
profile 'A.[1 B.[1,,2] C.[3-1] D.[1-99999] E.[0] F.[1,2' '  1: "S1 (2020)."\n  2: "S2 (2020)."\n  3: "S3 (2021)."\n' >"$H/malformed.yaml"
trun "$PROFDIFF" lint --format gcc "$H/malformed.yaml"
assert_rc 1
# '[1' twice in the one sentence: one finding, at the first, counted
for m in "7:12: error: malformed citation marker '[1' (×2 in this sentence)" \
	"7:17: error: malformed citation marker '[1,,2]'" \
	"7:26: error: malformed citation marker '[3-1]'" \
	"7:34: error: malformed citation marker '[1-99999]'" \
	"7:46: error: malformed citation marker '[0]'"; do
	assert_out_has "$H/malformed.yaml:$m"
done

test_case "cyclic (n X) chains end: a reference forward is broken"
profile 'A claim.[1][2][3]' '  1: "Smith (n 2) 3."\n  2: "Smith (n 3) 4."\n  3: "Smith (n 1) 5."\n' >"$H/cyclic.yaml"
trun "$PROFDIFF" lint --format gcc "$H/cyclic.yaml"
assert_rc 1
assert_out_has "$H/cyclic.yaml:9:7: error: (n 2) in footnote 1 points at a later footnote [broken-cross-ref]"
assert_out_has "$H/cyclic.yaml:10:7: error: (n 3) in footnote 2 points at a later footnote [broken-cross-ref]"
assert_out_has "$H/cyclic.yaml:11:7: warning: 'Smith (n 1)' in footnote 3: footnote 1 has no source by or titled 'Smith'"
# a chain of 99,999 short forms (the largest footnote number), each
# through the one before: resolved
awk 'BEGIN { printf "schema: 1\ncountry: Testland\nlast_updated: 2026-01-01\nsections:\n  - title: A\n    paragraphs:\n      - \"A claim.[1][99999]\"\nfootnotes:\n"
	print "  1: \"John Smith, ‘A Study of Things’ (2020) 3 Journal 4.\""
	for (i = 2; i <= 99999; i++) printf "  %d: \"Smith (n %d) %d.\"\n", i, i - 1, i }' >"$H/chain.yaml"
trun "$PROFDIFF" lint --format json "$H/chain.yaml"
assert_rc 0
printf '%s' "$out" >"$H/chain.json"
assert_true 'jq -e ".summary == {\"error\": 0, \"warning\": 99997, \"info\": 0}" "$H/chain.json" >/dev/null'
assert_true 'jq -e "[.files[0].findings[].rule] | unique == [\"orphan-footnote\"]" "$H/chain.json" >/dev/null'

test_case "a long ibid chain (99,999 footnotes) resolves to its first source"
awk 'BEGIN { printf "schema: 1\ncountry: Testland\nlast_updated: 2026-01-01\nsections:\n  - title: A\n    paragraphs:\n      - \"A claim."
	for (i = 1; i <= 99999; i++) printf "[%d]", i
	printf "\"\nfootnotes:\n  1: \"John Smith, Book (Press 2020).\"\n"
	for (i = 2; i <= 99999; i++) printf "  %d: \"ibid %d.\"\n", i, i }' >"$H/ibid.yaml"
trun "$PROFDIFF" lint "$H/ibid.yaml"
assert_rc 0
assert_out "no findings in 1 file"
sed 's/  1: "John Smith, Book (Press 2020)."/  1: "ibid."/' "$H/ibid.yaml" >"$H/ibid0.yaml"
trun "$PROFDIFF" lint --format gcc "$H/ibid0.yaml"
assert_rc 1
assert_out_has "$H/ibid0.yaml:9:7: error: ibid in footnote 1, the first footnote, repeats nothing [ibid-no-antecedent]"

test_case "empty and blank files"
: >"$H/empty.yaml"
printf '  \n\n \t \n\r\n' >"$H/blank.yaml"
for f in empty blank; do
	trun "$PROFDIFF" fmt --check "$H/$f.yaml"
	assert_rc 2
	assert_err "profdiff: error: $H/$f.yaml:1:1: the file is empty: a profile is a mapping (schema, country, sections, ...)"
	cp "$H/$f.yaml" "$H/$f.txt"
	trun "$PROFDIFF" import "$H/$f.txt"
	assert_rc 2
	assert_err "profdiff: error: $H/$f.txt:1:1: the page has no text"
done
trun "$PROFDIFF" lint --format gcc "$H/empty.yaml"
assert_rc 1
assert_out_has "$H/empty.yaml:1:1: error: the file is empty"

test_case "random bytes: each input an error or a result, never a crash"
awk 'BEGIN { srand(20261123); for (i = 0; i < '"${PROFDIFF_HOSTILE_RANDOM:-200}"'; i++) {
	f = sprintf("'"$H"'/rand%03d.yaml", i); n = int(rand() * 3000)
	for (j = 0; j < n; j++) printf "%c", int(rand() * 256) > f
	close(f) } }'
crashed=0
for f in "$H"/rand*.yaml; do
	timeout -k 5 "$LIMIT" "$PROFDIFF" fmt --check "$f" >/dev/null 2>"$H/rand.err"
	r1=$?
	cp "$f" "${f%.yaml}.txt"
	timeout -k 5 "$LIMIT" "$PROFDIFF" import "${f%.yaml}.txt" >/dev/null 2>>"$H/rand.err"
	r2=$?
	case "$r1$r2" in 0[02] | 1[02] | 2[02]) ;; *) crashed=$((crashed + 1)) ;; esac
	if grep -qv '^profdiff: error: \|^profdiff: ' "$H/rand.err" 2>/dev/null &&
		grep -q 'Sanitizer\|runtime error' "$H/rand.err"; then
		crashed=$((crashed + 1))
	fi
done
assert_true '[ "$crashed" -eq 0 ]'

test_case "a directory, a FIFO, a missing file given as a file"
mkdir -p "$H/dir.yaml"
trun "$PROFDIFF" diff "$H/dir.yaml" "$PROFILES/laos.yaml"
assert_rc 2
assert_err "profdiff: error: $H/dir.yaml: is a directory, not a file"
trun "$PROFDIFF" diff "$PROFILES/laos.yaml" "$H/dir.yaml"
assert_rc 2
assert_err "profdiff: error: $H/dir.yaml: is a directory, not a file"
trun "$PROFDIFF" import "$H/dir.yaml"
assert_rc 2
assert_err "profdiff: error: $H/dir.yaml: is a directory, not a file"
trun "$PROFDIFF" textconv "$H/dir.yaml"
assert_rc 2
assert_err "profdiff: error: $H/dir.yaml: is a directory, not a file"
trun "$PROFDIFF" diff "$H/missing.yaml" "$PROFILES/laos.yaml"
assert_rc 2
assert_err "profdiff: error: $H/missing.yaml: cannot open: No such file or directory"
mkfifo "$H/fifo.yaml"
trun "$PROFDIFF" fmt --check "$H/fifo.yaml"
assert_rc 2
assert_err "profdiff: error: $H/fifo.yaml:1:1: the file is empty: a profile is a mapping (schema, country, sections, ...)"
trun "$PROFDIFF" import -o "$H/fifo.yaml" "$PAGES/laos.txt"
assert_rc 2
assert_err_has "profdiff: error: $H/fifo.yaml: not a regular file"

test_case "an endless device or pipe: refused at the limit, nothing kept"
for cmd in textconv show fmt; do
	trun "$PROFDIFF" $cmd /dev/zero
	assert_rc 2
	assert_err "profdiff: error: /dev/zero:1:1: the file is over the limit of 16777216 bytes"
done
# lint reports it as it reports a regular file over the limit
trun "$PROFDIFF" lint /dev/zero
assert_rc 1
assert_out_has "1:1  error    the file is over the limit of 16777216 bytes"
assert_no_err
trun sh -c 'yes "a: b" | "$1" lint /dev/stdin' sh "$PROFDIFF"
assert_rc 1
assert_out_has "1:1  error    the file is over the limit of 16777216 bytes"
assert_no_err

test_case "an unreadable file"
cp "$PROFILES/laos.yaml" "$H/secret.yaml"
chmod 000 "$H/secret.yaml"
as_nobody() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
unreadable=yes
if [ "$(id -u)" -eq 0 ]; then
	# root reads anything: run as nobody, who cannot. The build may sit
	# where nobody cannot go (under root's home): then nobody runs a
	# copy of the binary, from the test's own directory
	chmod 755 "$TMP" "$H"
	nobody_pd=$PROFDIFF
	if ! as_nobody test -x "$nobody_pd"; then
		if [ "$PROFDIFF" = "$PROFDIFF_BIN" ]; then
			mkdir -p "$TMP/bin"
			cp "$PROFDIFF" "$TMP/bin/profdiff"
			chmod 755 "$TMP/bin" "$TMP/bin/profdiff"
			nobody_pd=$TMP/bin/profdiff
		else
			unreadable=no
			echo "skipped [$current]: nobody cannot run $PROFDIFF, a wrapper that cannot be copied"
		fi
	fi
	[ "$unreadable" = yes ] &&
		run as_nobody timeout -k 5 "$LIMIT" "$nobody_pd" lint "$H/secret.yaml"
else
	trun "$PROFDIFF" lint "$H/secret.yaml"
fi
if [ "$unreadable" = yes ]; then
	assert_rc 2
	assert_err_has "profdiff: error: $H/secret.yaml: cannot open: Permission denied"
fi
run cat /proc/self/mem
trun "$PROFDIFF" diff /proc/self/mem "$PROFILES/laos.yaml"
assert_rc 2
assert_err "profdiff: error: /proc/self/mem: cannot read: Input/output error"
chmod 700 "$TMP"

test_case "a truncated page: imported as far as it goes, the report says so"
head -c 5000 "$PAGES/cambodia.txt" >"$H/cut.txt"
trun "$PROFDIFF" import -o "$H/cut.yaml" "$H/cut.txt"
assert_rc 0
assert_err_has "$H/cut.txt:27:1: note: the prose cites footnotes up to [35] but the page has no footnotes: is the page cut short?"
trun "$PROFDIFF" lint --format gcc "$H/cut.yaml"
assert_rc 1
assert_out_has "$H/cut.yaml:13:56: error: [15] cites footnote 15, which does not exist [dangling-citation]"
head -c 20000 "$PAGES/cambodia.txt" >"$H/cut2.txt"
trun "$PROFDIFF" import "$H/cut2.txt"
assert_rc 0
assert_err_has "$H/cut2.txt:263:1: note: the prose cites footnotes up to [58] but the footnotes stop at 53: is the page cut short?"
head -c 20001 "$PAGES/cambodia.txt" >"$H/cut3.txt"
printf '\342\200' >>"$H/cut3.txt" # cut inside a character
trun "$PROFDIFF" import "$H/cut3.txt"
assert_rc 2
assert_err "profdiff: error: $H/cut3.txt:263:50: invalid UTF-8 (byte 0xE2)"
for p in "$PAGES"/*.txt; do
	trun "$PROFDIFF" import "$p"
	assert_rc 0
	case "$err" in *"cut short"*) ko "$p: reported cut short" ;; *) ok ;; esac
done

# a repository with two published revisions of a profile
repo() {
	profiles_repo "$1" cambodia.yaml
	sed -i 's/^last_updated: .*/last_updated: 2026-03-01/; s/Cambodia is/Cambodia truly is/' "$1/profiles/cambodia.yaml"
	(cd "$1" && "$PROFDIFF" commit -m second profiles/cambodia.yaml >/dev/null 2>&1)
}

test_case "no repository"
mkdir -p "$H/norepo"
(
	cd "$H/norepo" || exit 1
	export GIT_CEILING_DIRECTORIES=$H
	trun "$PROFDIFF" log
	[ "$rc" -eq 2 ] && [ "$err" = "profdiff: error: not in a git repository (or any parent of .)" ]
) && ok || ko "log outside a repository"
(
	cd "$H/norepo" || exit 1
	export GIT_CEILING_DIRECTORIES=$H
	trun "$PROFDIFF" lint --staged
	[ "$rc" -eq 2 ] && [ "$err" = "profdiff: error: not in a git repository (or any parent of .)" ]
) && ok || ko "the pre-commit hook outside a repository"

test_case "a corrupt repository: a damaged HEAD, truncated objects, a damaged pack"
repo "$H/r"
run git -C "$H/r" log --oneline
assert_true '[ "$(printf "%s\n" "$out" | wc -l)" = 3 ]'
cp -r "$H/r" "$H/head"
echo garbage >"$H/head/.git/HEAD"
trun "$PROFDIFF" -C "$H/head" log
assert_rc 2
assert_err "profdiff: error: cannot read HEAD: corrupted loose reference file: HEAD"
for what in commit tree; do
	cp -r "$H/r" "$H/$what"
	id=$(git -C "$H/$what" rev-parse "HEAD^{$what}")
	obj=$H/$what/.git/objects/$(printf %s "$id" | cut -c1-2)/$(printf %s "$id" | cut -c3-)
	chmod u+w "$obj"
	head -c 20 "$obj" >"$obj.cut" && mv "$obj.cut" "$obj"
	for cmd in log changelog "diff cambodia" "show cambodia@HEAD"; do
		# shellcheck disable=SC2086
		trun "$PROFDIFF" -C "$H/$what" $cmd
		assert_rc 2
		assert_err_has "loose object $id is corrupt: truncated"
	done
done
# a loose object that inflates well but holds another object's content
cp -r "$H/r" "$H/swap"
new=$(git -C "$H/swap" rev-parse HEAD:profiles/cambodia.yaml)
old=$(git -C "$H/swap" rev-parse HEAD~1:profiles/cambodia.yaml)
loose() { printf '%s/.git/objects/%s/%s' "$H/swap" "$(printf %s "$1" | cut -c1-2)" "$(printf %s "$1" | cut -c3-)"; }
assert_true '[ "$new" != "$old" ]'
chmod u+w "$(loose "$new")"
cp "$(loose "$old")" "$(loose "$new")"
for cmd in changelog "diff cambodia" "show cambodia@HEAD"; do
	# shellcheck disable=SC2086
	trun "$PROFDIFF" -C "$H/swap" $cmd
	assert_rc 2
	assert_err_has "loose object $new is corrupt: its content does not match its id"
done
# trees that are no trees: an entry without its id's 20 bytes, a mode that
# is no number, a name without its end; committed on top of the history
for bad in 'no-id' 'mode' 'name'; do
	cp -r "$H/r" "$H/tree-$bad"
	case $bad in
	no-id) printf '100644 a.yaml\0short' ;;
	mode) printf 'abc a.yaml\0%020d' 0 ;;
	name) printf '100644 a.yaml' ;;
	esac >"$H/tree-$bad.bin"
	t=$(git -C "$H/tree-$bad" hash-object -t tree --literally -w "$H/tree-$bad.bin")
	sub=$(printf '40000 profiles\0' | cat - <(printf %s "$t" | xxd -r -p) |
		git -C "$H/tree-$bad" hash-object -t tree --literally -w --stdin)
	# in the history, not at its tip (whose tree libgit2 reads for
	# the list of profiles)
	c=$(git -C "$H/tree-$bad" commit-tree "$sub" -p HEAD -m bad)
	c=$(git -C "$H/tree-$bad" commit-tree "HEAD^{tree}" -p "$c" -m good)
	git -C "$H/tree-$bad" update-ref HEAD "$c"
	for cmd in log changelog "overview --format json" "blame cambodia"; do
		# shellcheck disable=SC2086
		trun "$PROFDIFF" -C "$H/tree-$bad" $cmd
		assert_rc 2
		assert_err_has "cannot read a tree: it is malformed"
	done
done
cp -r "$H/r" "$H/pack"
git -C "$H/pack" gc -q
pack=$(ls "$H"/pack/.git/objects/pack/*.pack)
chmod u+w "$pack"
size=$(wc -c <"$pack")
head -c $((size / 2)) "$pack" >"$pack.cut" && mv "$pack.cut" "$pack"
trun "$PROFDIFF" -C "$H/pack" changelog
assert_rc 2
assert_err_has "profdiff: error: cannot read a commit: "
cp -r "$H/r" "$H/index"
head -c 30 "$H/r/.git/index" >"$H/index/.git/index"
trun "$PROFDIFF" -C "$H/index" lint --staged
assert_rc 2
assert_err_has "profdiff: error: "

test_case "a locked index: the commit lands, the editor is told the index is stale"
repo "$H/lock"
touch "$H/lock/.git/index.lock"
sed -i 's/Cambodia truly is/Cambodia is/; s/^last_updated: .*/last_updated: 2026-03-02/' "$H/lock/profiles/cambodia.yaml"
before=$(git -C "$H/lock" rev-parse HEAD)
trun "$PROFDIFF" -C "$H/lock" commit -m third profiles/cambodia.yaml
assert_rc 0
assert_out_has "third"
assert_err_has "profdiff: warning: the commit landed, but the index is locked ($H/lock/.git/index.lock: another git is running, or it is stale)"
assert_true '[ "$(git -C "$H/lock" rev-parse HEAD~1)" = "$before" ]'
rm "$H/lock/.git/index.lock"
git -C "$H/lock" reset -q -- profiles/cambodia.yaml
run git -C "$H/lock" status --porcelain profiles
assert_out ""

test_case "a locked branch: nothing moves, the lock is named"
branch=$(git -C "$H/lock" symbolic-ref --short HEAD)
touch "$H/lock/.git/refs/heads/$branch.lock"
sed -i 's/Cambodia is/Cambodia truly is/; s/^last_updated: .*/last_updated: 2026-03-03/' "$H/lock/profiles/cambodia.yaml"
before=$(git -C "$H/lock" rev-parse HEAD)
trun "$PROFDIFF" -C "$H/lock" commit -m fourth profiles/cambodia.yaml
assert_rc 2
assert_err_has "refs/heads/$branch stayed locked (another git is running, or a stale refs/heads/$branch.lock in the repository): nothing was committed, your files are as they were"
assert_true '[ "$(git -C "$H/lock" rev-parse HEAD)" = "$before" ]'
assert_true 'grep -q "Cambodia truly is" "$H/lock/profiles/cambodia.yaml"'

finish

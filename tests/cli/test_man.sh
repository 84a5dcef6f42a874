# The man pages: made from each command's --help by scdoc, one a command,
# rendered by man; installed by cmake --install.
. "$(dirname "$0")/lib.sh"

SRC=$(cd "$FIXTURES/../.." && pwd)
BUILD=$(cd "$(dirname "$PROFDIFF_BIN")" && pwd)

if ! command -v scdoc >/dev/null; then
	echo "scdoc is missing: skipped"
	finish
fi

test_case "a page for profdiff and for each command"
run sh "$SRC/docs/man/build.sh" "$PROFDIFF_BIN" "$TMP/man"
assert_rc 0
assert_no_err
for cmd in $("$PROFDIFF" --help | awk '/^Commands:$/ { on = 1; next } on && /^$/ { exit } on { print $1 }'); do
	assert_true '[ -s "$TMP/man/profdiff-$cmd.1" ]'
	assert_true 'grep -q "^\.TH \"profdiff-$cmd\" \"1\"" "$TMP/man/profdiff-$cmd.1"'
done
assert_true '[ -s "$TMP/man/profdiff.1" ]'

test_case "the pages say what --help says"
assert_true 'grep -q -- "list-rules" "$TMP/man/profdiff-lint.1"'
assert_true 'grep -q "check citations, dates, treaties and laws" "$TMP/man/profdiff-lint.1"'

if command -v man >/dev/null; then
	test_case "man renders them, without a warning"
	for page in "$TMP"/man/*.1; do
		run env MANWIDTH=80 LC_ALL=C.UTF-8 man --warnings -l "$page"
		assert_rc 0
		assert_no_err
	done
	run env MANWIDTH=80 man -l "$TMP/man/profdiff-lint.1"
	assert_out_has "OPTIONS"
	assert_out_has "--staged"
	assert_out_has "publication branch"
	run env MANWIDTH=80 man -l "$TMP/man/profdiff.1"
	assert_out_has "COMMANDS"
	assert_out_has "schema"
fi

if [ -f "$BUILD/CMakeCache.txt" ] && [ -f "$BUILD/man/profdiff.1" ]; then
	test_case "cmake --install puts the program and the pages"
	run cmake --install "$BUILD" --prefix "$TMP/inst"
	assert_rc 0
	assert_true '[ -x "$TMP/inst/bin/profdiff" ]'
	assert_true '[ -s "$TMP/inst/share/man/man1/profdiff.1" ]'
	assert_true '[ -s "$TMP/inst/share/man/man1/profdiff-diff.1" ]'
	run env MANPATH="$TMP/inst/share/man" MANWIDTH=80 man profdiff-review
	assert_rc 0
	assert_out_has "profdiff-review"
fi

finish

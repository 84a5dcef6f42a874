# The command line itself: global options, help, errors, exit codes.
. "$(dirname "$0")/lib.sh"

test_case "--version"
run "$PROFDIFF" --version
assert_rc 0
assert_out "profdiff 0.1.0"

test_case "--help lists every command"
run "$PROFDIFF" --help
assert_rc 0
assert_out_has "usage: profdiff [-C DIR] [--color=auto|always|never] [--no-pager]"
assert_out_has "  fmt "
assert_out_has "Exit status: 0 success, 1 findings or differences, 2 trouble."

test_case "--version, --help and help COMMAND to a full disk: trouble"
if [ -w /dev/full ]; then
	for args in --version --help help "help lint" "lint --help"; do
		run sh -c '"$0" $1 > /dev/full' "$PROFDIFF" "$args"
		assert_rc 2
		assert_err "profdiff: error: cannot write the output: No space left on device"
	done
fi

test_case "no command"
run "$PROFDIFF"
assert_rc 2
assert_err_has "usage: profdiff"

test_case "unknown command"
run "$PROFDIFF" frobnicate
assert_rc 2
assert_err "profdiff: error: unknown command 'frobnicate' (see 'profdiff --help')"

test_case "unknown global option"
run "$PROFDIFF" --frob fmt
assert_rc 2
assert_err "profdiff: error: unknown option '--frob' (see 'profdiff --help')"

test_case "bad --color"
run "$PROFDIFF" --color=sometimes fmt x
assert_rc 2
assert_err "profdiff: error: --color takes auto, always or never, not 'sometimes'"

test_case "every command has --help, also as 'help COMMAND'"
for cmd in $("$PROFDIFF" --help | sed -n 's/^  \([a-z][a-z-]*\)  .*/\1/p'); do
	run "$PROFDIFF" "$cmd" --help
	assert_rc 0
	assert_out_has "usage: profdiff $cmd"
	run "$PROFDIFF" help "$cmd"
	assert_rc 0
	assert_out_has "usage: profdiff $cmd"
done

test_case "unknown command option"
run "$PROFDIFF" fmt --frob x.yaml
assert_rc 2
assert_err "profdiff: error: fmt: unknown option or missing value: '--frob' (see 'profdiff fmt --help')"

test_case "-C DIR"
mkdir -p "$TMP/c/profiles"
cp "$FIXTURES/yaml/canonical/minimal.yaml" "$TMP/c/profiles/laos.yaml"
run "$PROFDIFF" -C "$TMP/c" fmt --check profiles/laos.yaml
assert_rc 0
run "$PROFDIFF" -C "$TMP/none" fmt --check profiles/laos.yaml
assert_rc 2
assert_err_has "profdiff: error: cannot change to '$TMP/none': No such file or directory"

test_case "options may follow the files, as in git; -- ends them"
run "$PROFDIFF" import "$FIXTURES/pages/laos.txt" -o "$TMP/laos-after.yaml"
assert_rc 0
assert_same_file "$TMP/laos-after.yaml" "$PROFILES/laos.yaml"
run "$PROFDIFF" lint "$PROFILES/laos.yaml" --format gcc
assert_rc 1
assert_out_has "laos.yaml:8:46: error:"
cp "$PROFILES/laos.yaml" "$TMP/-x.yaml"
run "$PROFDIFF" -C "$TMP" fmt --check -- -x.yaml
assert_rc 0

finish

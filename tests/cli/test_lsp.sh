# profdiff lsp: a scripted client (lsp_client.py) over pipes checks every
# feature against lint and fmt of the same file, malformed input and
# half-typed documents, and prints the response times it measured.
. "$(dirname "$0")/lib.sh"

test_case "the scripted client: every feature, malformed input"
run python3 "$(dirname "$0")/lsp_client.py" "$PROFDIFF" "$FIXTURES" \
	"$PROFILES" "$TMP"
printf '%s\n' "$out" | sed -n '/^response times/,/formatting/p'
assert_rc 0
assert_out_has " 0 failed"
assert_out_lacks "FAIL"

test_case "lsp --help, and no argument"
run "$PROFDIFF" lsp --help
assert_rc 0
assert_out_has "usage: profdiff lsp"
run "$PROFDIFF" lsp extra
assert_rc 2
assert_err_has "lsp takes no argument"

test_case "the end of the input before initialize: exit 1, nothing written"
run "$PROFDIFF" lsp </dev/null
assert_rc 1
assert_out ""

finish

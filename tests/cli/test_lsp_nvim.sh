# profdiff lsp with a real client: Neovim, headless, with its built-in
# LSP client (tests/cli/nvim/lsp.lua), on a profile with dangling
# citations, one after an emoji (two UTF-16 units, four bytes).
. "$(dirname "$0")/lib.sh"

if ! command -v nvim >/dev/null; then
	echo "nvim not found (scripts/deps.sh neovim): skipped"
	exit 77
fi

here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$TMP/repo/.git" "$TMP/repo/profiles"
sed 's/2023\.\[1\] It is/2023.[7] It is/' "$FIXTURES/lsp/dangling.yaml" \
	>"$TMP/repo/profiles/laos.yaml"

test_case "Neovim reads diagnostics, a hover and a definition"
(cd "$TMP/repo" && PROFDIFF="$PROFDIFF" PROFDIFF_FILE=profiles/laos.yaml \
	PROFDIFF_OUT="$TMP/out" HOME="$TMP" XDG_CONFIG_HOME="$TMP" \
	XDG_DATA_HOME="$TMP" XDG_STATE_HOME="$TMP" \
	timeout 60 nvim --headless -u NONE -i NONE -n \
	-c "luafile $here/nvim/lsp.lua" >/dev/null 2>&1)
rc=$?
out=$(cat "$TMP/out" 2>/dev/null)
err=""
assert_rc 0
assert_out_has "published true"
# lint says 8:60 (code points) for [7]: byte 67 on Neovim's line 7
assert_out_has "diagnostic 7:67-7:70 ERROR dangling-citation [7] cites footnote 7, which does not exist"
assert_out_has "diagnostic 8:56-8:59 ERROR dangling-citation [3] cites footnote 3, which does not exist"
assert_out_has "diagnostic 25:2-25:"
assert_out_has "WARN orphan-footnote footnote 5 is never cited in the prose"
assert_out_has "hover [2] ibid. | ibid: the sources of the footnote before 2 | Source: | - UNDP, Gov-X Launch <https://www.undp.org/laos/gov-x> (accessed 2026-01-20) [footnote 1]"
assert_out_lacks "[footnote 1] | "
assert_out_has "definition same-file 20:2-20:3"
assert_out_has "jumped 21:2   1: >-"
assert_out_lacks "error"

finish

# Shell completion: the bash function driven as bash drives it, and the
# answers of profdiff __complete that zsh and fish read.
. "$(dirname "$0")/lib.sh"

SRC=$(cd "$FIXTURES/../.." && pwd)
# a repository with two published revisions of laos
git init -q "$TMP/repo"
git -C "$TMP/repo" config user.name Editor
git -C "$TMP/repo" config user.email editor@example.org
"$PROFDIFF" init "$TMP/repo" >/dev/null
sed 's/^country: Laos$/country: Laos\nlast_updated: 2026-01-20/' "$PROFILES/laos.yaml" >"$TMP/repo/profiles/laos.yaml"
git -C "$TMP/repo" add -A && git -C "$TMP/repo" commit -qm first --no-verify
sed -i 's/^last_updated: .*/last_updated: 2026-02-01/' "$TMP/repo/profiles/laos.yaml"
git -C "$TMP/repo" commit -qam second --no-verify
first_date=2026-01-20

# complete WORD...: COMPREPLY of the bash function for the line
# "profdiff WORD...", the last word the one completed, a line each.
complete_bash() {
	(cd "$TMP/repo" && PATH="$(dirname "$PROFDIFF"):$PATH" bash -c '
		. "$1/completions/profdiff.bash"
		shift
		COMP_WORDS=("$@")
		COMP_CWORD=$(($# - 1))
		_profdiff
		printf "%s\n" "${COMPREPLY[@]}"' bash "$SRC" profdiff "$@")
}

test_case "bash: commands, from the command table"
out=$(complete_bash "")
assert_true 'printf "%s\n" "$out" | grep -qx lint'
assert_true 'printf "%s\n" "$out" | grep -qx changelog'
assert_true 'printf "%s\n" "$out" | grep -qx schema'
assert_out_lacks "__complete"
out=$(complete_bash "ch")
assert_out "changelog"

test_case "bash: a command's options, from its --help"
out=$(complete_bash lint --s)
assert_true '[ "$(printf "%s\n" "$out" | sort | tr "\n" " ")" = "--staged --strict " ]'
out=$(complete_bash diff --format json --e)
assert_out "--exit-code"
out=$(complete_bash --no-pager log --)
assert_true 'printf "%s\n" "$out" | grep -qx -- --no-pager'

test_case "bash: profile names and published dates"
out=$(complete_bash diff "")
assert_true 'printf "%s\n" "$out" | grep -qx laos'
out=$(complete_bash diff la)
assert_out "laos"
out=$(complete_bash diff laos "")
assert_true 'printf "%s\n" "$out" | grep -qx 2026-02-01'
assert_true 'printf "%s\n" "$out" | grep -qx "$first_date"'
out=$(complete_bash diff laos 2026-02)
assert_out "2026-02-01"
out=$(complete_bash blame laos@)
assert_true 'printf "%s\n" "$out" | grep -qx "laos@$first_date"'
out=$(complete_bash --color never show laos@2026-02)
assert_out "laos@2026-02-01"

test_case "bash: files where a command takes files"
mkdir -p "$TMP/repo/pages" && : >"$TMP/repo/pages/laos.txt"
out=$(complete_bash import pages/l)
assert_out "pages/laos.txt"
out=$(complete_bash diff -o pa)
assert_out "pages"

test_case "__complete: what zsh and fish read, with descriptions"
run "$PROFDIFF" -C "$TMP/repo" __complete ""
assert_rc 0
assert_out_has "lint	check citations, dates, treaties and laws"
run "$PROFDIFF" __complete lint --
assert_out_has "--staged	lint the profiles staged in the index"
assert_out_has "--format	text (default), gcc, json, sarif or github"
run "$PROFDIFF" -C "$TMP/repo" __complete log ""
assert_out_has "laos"
# an undated profile has no date to offer, only what names a version
cp "$PROFILES/laos.yaml" "$TMP/repo/profiles/undated.yaml"
git -C "$TMP/repo" add -A && git -C "$TMP/repo" commit -qm undated --no-verify
run "$PROFDIFF" -C "$TMP/repo" __complete diff undated ""
assert_rc 0
assert_out_has "staged	the index"
assert_out_lacks "0000"
assert_out_lacks "published"
git -C "$TMP/repo" reset -q --hard HEAD~1
# nothing to say outside a repository, and no error
run "$PROFDIFF" -C "$TMP" __complete diff ""
assert_rc 0
assert_no_err

test_case "zsh: the completion function, _describe and _files stubbed"
if command -v zsh >/dev/null; then
	out=$(cd "$TMP/repo" && PATH="$(dirname "$PROFDIFF"):$PATH" zsh -f -c '
		_describe() { local arr=${@[-1]}; print -rl -- ${(P)arr} }
		_files() { print -r -- "FILES $*" }
		words=(profdiff diff laos ""); CURRENT=4
		source "$1/completions/_profdiff"
		words=(profdiff lint --s); CURRENT=3
		_profdiff' zsh "$SRC")
	assert_out_has "2026-02-01:published"
	assert_out_has "FILES"
	assert_out_has "--staged:lint the profiles staged in the index"
fi

test_case "fish: complete -C on the installed script"
if command -v fish >/dev/null; then
	out=$(cd "$TMP/repo" && PATH="$(dirname "$PROFDIFF"):$PATH" fish -c '
		source $argv[1]/completions/profdiff.fish
		complete -C "profdiff diff la"
		complete -C "profdiff show laos@2026-02"
		complete -C "profdiff fm"' "$SRC")
	assert_out_has "laos"
	assert_out_has "laos@2026-02-01	published"
	assert_out_has "fmt	rewrite profiles in canonical YAML"
fi
assert_true 'bash -n "$SRC/completions/profdiff.bash"'

BUILD=$(cd "$(dirname "$PROFDIFF_BIN")" && pwd)
if [ -f "$BUILD/CMakeCache.txt" ]; then
	test_case "cmake --install puts the completions where each shell looks"
	run cmake --install "$BUILD" --prefix "$TMP/inst"
	assert_rc 0
	assert_same_file "$TMP/inst/share/bash-completion/completions/profdiff" "$SRC/completions/profdiff.bash"
	assert_same_file "$TMP/inst/share/zsh/site-functions/_profdiff" "$SRC/completions/_profdiff"
	assert_same_file "$TMP/inst/share/fish/vendor_completions.d/profdiff.fish" "$SRC/completions/profdiff.fish"
fi

finish

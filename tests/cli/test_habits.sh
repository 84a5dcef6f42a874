# The command line's habits, as git taught them: a suggestion for what was
# mistyped, global options anywhere, a pager on a terminal, paths as the
# user would type them, and clear answers to a wrong name or date.
. "$(dirname "$0")/lib.sh"

R=$TMP/repo
profiles_repo "$R" cambodia.yaml
sed 's/^country: Laos$/&\nlast_updated: 2026-01-21/' "$PROFILES/laos.yaml" >"$R/profiles/laos.yaml"
(cd "$R" && "$PROFDIFF" commit -m laos --force profiles/laos.yaml >/dev/null 2>&1)
sed 's/^last_updated: .*/last_updated: 2026-03-01/; s/Lao PDR/Laos/' "$R/profiles/laos.yaml" >"$TMP/x" && cp "$TMP/x" "$R/profiles/laos.yaml"
(cd "$R" && "$PROFDIFF" commit -m "laos again" --force profiles/laos.yaml >/dev/null 2>&1)

test_case "a mistyped command: did you mean"
run "$PROFDIFF" lnt
assert_rc 2
assert_err "profdiff: error: unknown command 'lnt'; did you mean 'lint'? (see 'profdiff --help')"
run "$PROFDIFF" help chnagelog
assert_rc 2
assert_err_has "did you mean 'changelog'?"

test_case "a mistyped option: did you mean"
run "$PROFDIFF" -C "$R" lint --formt json
assert_rc 2
assert_err_has "lint: unknown option '--formt'; did you mean '--format'?"
run "$PROFDIFF" -C "$R" diff laos --format
assert_rc 2
assert_err_has "diff: '--format' needs a value"

test_case "global options anywhere on the line"
run "$PROFDIFF" lint --color=always "$PROFILES/laos.yaml"
assert_rc 1
assert_out_has "$(printf '\033[')"
run "$PROFDIFF" --color=always lint --color never "$PROFILES/laos.yaml"
assert_out_lacks "$(printf '\033[')"
run "$PROFDIFF" log -C "$R" laos --no-pager
assert_rc 0
assert_out_has "Laos (profiles/laos.yaml)"

test_case "a wrong profile name: did you mean"
run "$PROFDIFF" -C "$R" diff lao
assert_rc 2
assert_err "profdiff: error: no profile 'lao' (did you mean 'laos'?)"
run "$PROFDIFF" -C "$R" log nosuch
assert_rc 2
assert_err_has "no profile 'nosuch' in profiles/"
run "$PROFDIFF" -C "$R" blame cambodja
assert_rc 2
assert_err_has "did you mean 'cambodia'?"
run "$PROFDIFF" -C "$R" changelog laoss
assert_rc 2
assert_err_has "did you mean 'laos'?"

test_case "a wrong date: the dates there are"
run "$PROFDIFF" -C "$R" diff laos 2026-11-05
assert_rc 2
assert_err "profdiff: error: profiles/laos.yaml: no published revision of 2026-11-05 (published: 2026-03-01, 2026-01-21)"
run "$PROFDIFF" -C "$R" blame laos@2026-02-01
assert_rc 2
assert_err_has "no published revision of 2026-02-01 (published: 2026-03-01, 2026-01-21)"
run "$PROFDIFF" -C "$R" blame laos@2026-01-21 --format json
assert_rc 0
assert_out_has '"date": "2026-01-21"'
run "$PROFDIFF" -C "$R" changelog --since 2026-11-30 --until 2026-11-01
assert_rc 2
assert_err_has "--since comes after --until"
assert_out ""

test_case "lint without a path prints the paths one would type"
mkdir -p "$R/sub/dir"
for f in text gcc json sarif github; do
	run "$PROFDIFF" -C "$R" lint --format $f
	assert_out_lacks "$R"
	assert_out_has "profiles/laos.yaml"
done
run "$PROFDIFF" -C "$R/sub/dir" lint --format gcc
assert_out_has "../../profiles/laos.yaml:"

test_case "lint --list-rules: ids, severities here, what each finds"
printf 'lint:\n  severity:\n    orphan-footnote: error\n' >"$R/.profdiff.yaml"
run "$PROFDIFF" -C "$R" lint --list-rules
assert_rc 0
assert_out_has "dangling-citation      error    a citation marker points at a footnote that does not exist"
assert_out_has "orphan-footnote        error    a footnote is never cited in the prose"
assert_true '[ "$(printf "%s\n" "$out" | wc -l)" -eq 17 ]'
assert_out_has "suppression-added      error    a lint.ignore entry an update adds silences an error"
rm "$R/.profdiff.yaml"
run "$PROFDIFF" lint --help
assert_out_has "--list-rules"

test_case "lint of one file says its summary once; of none, none"
run "$PROFDIFF" lint "$PROFILES/laos.yaml"
assert_rc 1
assert_true '[ "$(printf "%s\n" "$out" | grep -c "errors\?, .* notes\?")" -eq 1 ]'
assert_out_lacks "in 1 file"
run "$PROFDIFF" lint "$PROFILES/laos.yaml" "$PROFILES/cambodia.yaml"
assert_out_has "in 2 files"
run "$PROFDIFF" lint "$TMP/nosuch.yaml"
assert_rc 2
assert_out ""
assert_err_has "nosuch.yaml: cannot open"
run "$PROFDIFF" lint --format json "$TMP/nosuch.yaml"
assert_rc 2
assert_true 'printf "%s" "$out" | python3 -c "import json,sys; json.load(sys.stdin)"'

test_case "overview and blame of every profile go past one that does not parse"
B=$TMP/broken
profiles_repo "$B" cambodia.yaml
sed 's/^country: Laos$/&\nlast_updated: 2026-01-21/' "$PROFILES/laos.yaml" >"$B/profiles/laos.yaml"
(cd "$B" && "$PROFDIFF" commit -m laos --force profiles/laos.yaml >/dev/null 2>&1)
printf 'schema: 1\ncountry: [\n' >"$B/profiles/zz-broken.yaml"
git -C "$B" add profiles/zz-broken.yaml
git -C "$B" commit -qm "a broken profile" --no-verify
for f in json markdown; do
	run "$PROFDIFF" -C "$B" overview --format $f
	assert_rc 1
	assert_err_has "profiles/zz-broken.yaml:2:"
	assert_out_has "Cambodia"
	assert_out_has "Laos"
done
run "$PROFDIFF" -C "$B" overview --format json
assert_true 'printf "%s" "$out" | python3 -c "import json,sys; d=json.load(sys.stdin); assert len(d[\"profiles\"]) == 2"'
run "$PROFDIFF" -C "$B" blame --format json
assert_rc 1
assert_err_has "profiles/zz-broken.yaml:2:"
assert_true 'printf "%s" "$out" | python3 -c "import json,sys; d=json.load(sys.stdin); assert [p[\"profile\"] for p in d] == [\"cambodia\", \"laos\"]"'
run "$PROFDIFF" -C "$B" blame --format html
assert_rc 1
assert_out_has "</html>"
# named, the profile is trouble as before
run "$PROFDIFF" -C "$B" overview zz-broken
assert_rc 2

test_case "a repository another user owns: said as git says it"
if [ "$(id -u)" -eq 0 ]; then
	O=$TMP/owned
	git init -q "$O"
	chown -R nobody "$O"
	run "$PROFDIFF" -C "$O" log
	assert_rc 2
	assert_err "profdiff: error: the repository at '$(cd "$O" && pwd -P)' is owned by someone else, which git refuses too; if you trust it: git config --global --add safe.directory $(cd "$O" && pwd -P)"
	# trusted, as git would be told
	mkdir -p "$TMP/home"
	HOME=$TMP/home git config --global --add safe.directory "$(cd "$O" && pwd -P)"
	run env HOME="$TMP/home" "$PROFDIFF" -C "$O" log
	assert_rc 0
	chown -R root "$O"
	run "$PROFDIFF" -C "$O" log
	assert_rc 0
else
	ok # only root can give a repository to another user
fi

test_case "a repository of format version 1 reads as any other"
V=$TMP/v1
profiles_repo "$V" cambodia.yaml
git -C "$V" config core.repositoryformatversion 1
run "$PROFDIFF" -C "$V" log
assert_rc 0
assert_out_has "Cambodia (profiles/cambodia.yaml)"

test_case "long output goes to the pager on a terminal, not with --no-pager"
if command -v script >/dev/null 2>&1; then
	export PAGER="sed s/^/PAGED:/ >$TMP/paged"
	script -qec "$PROFDIFF -C $R log" /dev/null >/dev/null 2>&1
	assert_true 'grep -q "^PAGED:Laos (profiles/laos.yaml)" "$TMP/paged"'
	rm -f "$TMP/paged"
	script -qec "$PROFDIFF -C $R log --no-pager" /dev/null >"$TMP/direct" 2>&1
	assert_true '[ ! -e "$TMP/paged" ]'
	assert_true 'grep -q "Laos (profiles/laos.yaml)" "$TMP/direct"'
	# not a terminal: no pager
	run "$PROFDIFF" -C "$R" log
	assert_true '[ ! -e "$TMP/paged" ]'
	PAGER=cat script -qec "$PROFDIFF -C $R log" /dev/null >"$TMP/direct" 2>&1
	assert_true 'grep -q "Laos (profiles/laos.yaml)" "$TMP/direct"'
	unset PAGER
else
	ko "script (util-linux) is not installed"
fi

finish

# Symbolic links a repository holds: no writer follows one out of the
# repository (import -o, import --commit, fmt, commit, init, -o of the
# reports), and lint and the other readers report a profile that is such
# a link instead of reading it. A link inside the repository is followed,
# as before.
. "$(dirname "$0")/lib.sh"
H=$TMP
PAGE=$PAGES/cambodia.txt
OUTSIDE="profiles/cambodia.yaml: a symbolic link out of the repository (to $H/outside/cambodia.yaml)"

# a repository whose profiles/cambodia.yaml is a link to a file outside it
fresh() {
	rm -rf "$H/r" "$H/outside"
	profiles_repo "$H/r" laos.yaml
	mkdir "$H/outside"
	printf 'schema: 1\ncountry:    Elsewhere\n' >"$H/outside/cambodia.yaml"
	cp "$H/outside/cambodia.yaml" "$H/outside.orig"
	ln -s "$H/outside/cambodia.yaml" "$H/r/profiles/cambodia.yaml"
}
untouched() {
	assert_same_file "$H/outside/cambodia.yaml" "$H/outside.orig"
	assert_true '[ -L "$H/r/profiles/cambodia.yaml" ]'
	assert_true '[ "$(ls "$H/outside")" = cambodia.yaml ]'
}

test_case "import -o FILE does not write through a link out of the repository"
fresh
run "$PROFDIFF" -C "$H/r" import -q -f -o profiles/cambodia.yaml "$PAGE"
assert_rc 2
assert_err "profdiff: error: $OUTSIDE: not written through it"
untouched

test_case "import -o DIR does not either"
fresh
run "$PROFDIFF" -C "$H/r" import -q -f -o profiles "$PAGE"
assert_rc 2
assert_err_has "$OUTSIDE: not written through it"
untouched

test_case "import --commit does not either, and commits nothing"
fresh
head=$(git -C "$H/r" rev-parse HEAD)
run "$PROFDIFF" -C "$H/r" import -q -f --commit "$PAGE"
assert_rc 2
assert_err_has "$OUTSIDE"
untouched
assert_true '[ "$(git -C "$H/r" rev-parse HEAD)" = "$head" ]'

test_case "fmt does not rewrite the link's target"
fresh
run "$PROFDIFF" -C "$H/r" fmt profiles/cambodia.yaml
assert_rc 2
assert_err_has "$OUTSIDE"
untouched
run "$PROFDIFF" -C "$H/r" fmt profiles
assert_rc 2
assert_err_has "$OUTSIDE"
untouched

test_case "a directory that is a link out of the repository is out too"
rm -rf "$H/r" "$H/outdir"
profiles_repo "$H/r" laos.yaml
mkdir "$H/outdir"
ln -s "$H/outdir" "$H/r/site"
run "$PROFDIFF" -C "$H/r" changelog -o site/changelog.md
assert_rc 2
assert_err "profdiff: error: site/changelog.md: a symbolic link out of the repository (to $H/outdir/changelog.md): not written through it"
assert_true '[ -z "$(ls "$H/outdir")" ]'

test_case "commit does not take a link out of the repository"
fresh
head=$(git -C "$H/r" rev-parse HEAD)
run "$PROFDIFF" -C "$H/r" commit --force -m x profiles/cambodia.yaml
assert_rc 2
assert_err_has "profiles/cambodia.yaml"
untouched
assert_true '[ "$(git -C "$H/r" rev-parse HEAD)" = "$head" ]'

test_case "init does not write through a link out of the repository"
rm -rf "$H/i" "$H/outside"
mkdir -p "$H/i" "$H/outside"
git init -q "$H/i"
ln -s "$H/outside/attrs" "$H/i/.gitattributes"
run "$PROFDIFF" init "$H/i"
assert_rc 2
assert_err_has ".gitattributes: a symbolic link out of the repository (to $H/outside/attrs): not written through it"
assert_true '[ -z "$(ls "$H/outside")" ]'

test_case "lint reports the link instead of reading it, and reads the rest"
fresh
run "$PROFDIFF" -C "$H/r" lint profiles/cambodia.yaml
assert_rc 2
assert_err "profdiff: error: $OUTSIDE: not read"
assert_out_lacks "Elsewhere"
run "$PROFDIFF" -C "$H/r" lint
assert_rc 2
assert_err_has "$OUTSIDE: not read"
assert_out_has "profiles/laos.yaml"
assert_out_lacks "Elsewhere"
# the other readers of the working tree
for cmd in "show profiles/cambodia.yaml" "diff profiles/laos.yaml profiles/cambodia.yaml"; do
	# shellcheck disable=SC2086
	run "$PROFDIFF" -C "$H/r" $cmd
	assert_rc 2
	assert_err_has "$OUTSIDE: not read"
	assert_out_lacks "Elsewhere"
done

test_case "a link inside the repository is followed, as before"
rm -rf "$H/r"
profiles_repo "$H/r" laos.yaml
mkdir "$H/r/drafts"
printf 'schema: 1\ncountry:    Laos\n' >"$H/r/drafts/laos-draft.yaml"
ln -s ../drafts/laos-draft.yaml "$H/r/profiles/draft.yaml"
run "$PROFDIFF" -C "$H/r" fmt profiles/draft.yaml
assert_rc 0
assert_true '[ -L "$H/r/profiles/draft.yaml" ]'
assert_true 'grep -q "^country: Laos$" "$H/r/drafts/laos-draft.yaml"'

finish

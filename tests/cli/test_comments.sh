# Nothing an editor wrote is lost: every writer of YAML keeps the comments
# of a profile, whole-line and trailing, where they were (fmt, fmt
# --renumber, import -o over a profile, commit, show).
. "$(dirname "$0")/lib.sh"

IN=$FIXTURES/yaml/comments/in.yaml
CANON=$FIXTURES/yaml/comments/canonical.yaml

test_case "fmt keeps every comment in place, then is a fixed point"
cp "$IN" "$TMP/c.yaml"
run "$PROFDIFF" fmt "$TMP/c.yaml"
assert_rc 0
assert_same_file "$TMP/c.yaml" "$CANON"
run "$PROFDIFF" fmt --check "$TMP/c.yaml"
assert_rc 0
for c in '# yaml-language-server: $schema=' '# TODO check with the ministry before publishing' \
	'country: Testland  # check the spelling' '# the end'; do
	assert_true 'grep -qF -- "$c" "$TMP/c.yaml"'
done
assert_true '[ "$(head -1 "$TMP/c.yaml")" = "# yaml-language-server: \$schema=https://example.org/profile.schema.json" ]'

test_case "fmt --renumber moves a footnote's comments with it"
cp "$CANON" "$TMP/r.yaml"
run "$PROFDIFF" fmt --renumber "$TMP/r.yaml"
assert_rc 0
assert_true '[ "$(grep -c "#" "$TMP/r.yaml")" = "$(grep -c "#" "$CANON")" ]'
assert_true 'grep -A1 -- "# first source" "$TMP/r.yaml" | grep -q "^  2: \"Smith"'
assert_true 'grep -q "^  2: .*  # the URL moved$" "$TMP/r.yaml"'
assert_true 'grep -q "footnote: 1}  # on purpose$" "$TMP/r.yaml"'

test_case "import -o over a profile keeps its comments"
"$PROFDIFF" import -q "$PAGES/laos.txt" >"$TMP/imported.yaml"
{ echo "# yaml-language-server: \$schema=x"; sed 's/^country: Laos$/country: Laos  # check/' "$TMP/imported.yaml"; } >"$TMP/laos.yaml"
cp "$TMP/laos.yaml" "$TMP/noted.yaml"
# the same import again: only comments differ, so nothing else does
run "$PROFDIFF" import -q -o "$TMP/laos.yaml" "$PAGES/laos.txt"
assert_rc 0
assert_same_file "$TMP/laos.yaml" "$TMP/noted.yaml"
# a real edit and a comment: --force replaces the edit, keeps the comment
sed 's/^country: Laos  # check$/country: Lao PDR  # check/' "$TMP/noted.yaml" >"$TMP/laos.yaml"
run "$PROFDIFF" import -q -o "$TMP/laos.yaml" "$PAGES/laos.txt"
assert_rc 2
run "$PROFDIFF" import -q --force -o "$TMP/laos.yaml" "$PAGES/laos.txt"
assert_rc 0
assert_same_file "$TMP/laos.yaml" "$TMP/noted.yaml"

test_case "commit stores the comments; show prints them, at a revision too"
profiles_repo "$TMP/repo" cambodia.yaml
sed 's/^last_updated: .*/last_updated: 2026-02-01  # the February update/' \
	"$PROFILES/cambodia.yaml" >"$TMP/repo/profiles/cambodia.yaml"
sed -i '1i # TODO check with the ministry before publishing' "$TMP/repo/profiles/cambodia.yaml"
cp "$TMP/repo/profiles/cambodia.yaml" "$TMP/commented.yaml"
cd "$TMP/repo"
run "$PROFDIFF" commit -m "February" profiles/cambodia.yaml
assert_rc 0
cd - >/dev/null
assert_true '[ "$(git -C "$TMP/repo" log -1 --format=%s)" = February ]'
git -C "$TMP/repo" show HEAD:profiles/cambodia.yaml >"$TMP/blob.yaml"
assert_same_file "$TMP/blob.yaml" "$TMP/commented.yaml"
assert_same_file "$TMP/repo/profiles/cambodia.yaml" "$TMP/commented.yaml"
run "$PROFDIFF" -C "$TMP/repo" show cambodia@2026-02-01
assert_rc 0
printf '%s\n' "$out" >"$TMP/shown.yaml"
assert_same_file "$TMP/shown.yaml" "$TMP/commented.yaml"

finish

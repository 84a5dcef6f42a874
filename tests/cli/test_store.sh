# The git store: init, commit, published revisions, revision arguments,
# log, show and diff over history, bare repositories, concurrent commits.
. "$(dirname "$0")/lib.sh"
D=$FIXTURES/diff
export GIT_AUTHOR_DATE GIT_COMMITTER_DATE
R=$TMP/repo

g() { git -C "$R" "$@"; }

test_case "init makes a profiles repository, and keeps what is there"
run "$PROFDIFF" init "$R"
assert_rc 0
assert_true '[ -d "$R/.git" ] && [ -d "$R/profiles" ] && [ -f "$R/.profdiff.yaml" ]'
assert_true 'grep -q "profiles/\*.yaml diff=profdiff" "$R/.gitattributes"'
# its settings in a first commit, which a clone has
assert_out_has "profdiff init: the repository's settings"
assert_true '[ "$(g log --format=%s)" = "profdiff init: the repository'"'"'s settings" ]'
assert_true '[ "$(g ls-tree -r --name-only HEAD | tr "\n" " ")" = ".gitattributes .profdiff.yaml .vscode/settings.json profile.schema.json " ]'
assert_true '[ -z "$(g status --porcelain)" ]'
git clone -q "$R" "$TMP/init-clone"
assert_same_file "$TMP/init-clone/.profdiff.yaml" "$R/.profdiff.yaml"
echo "# mine" > "$R/.profdiff.yaml"
run "$PROFDIFF" init "$R"
assert_rc 0
assert_true '[ "$(cat "$R/.profdiff.yaml")" = "# mine" ]'
# what is committed already is not committed again
assert_true '[ "$(g rev-list --count HEAD)" = 1 ]'
assert_out_lacks "profdiff init: the repository's settings"
printf 'profiles: profiles\n' > "$R/.profdiff.yaml"
g config user.name "Ada Editor"
g config user.email ada@example.org

test_case "commit: lint errors block, nothing moves"
cp "$PROFILES/laos.yaml" "$R/profiles/laos.yaml"
run "$PROFDIFF" -C "$R" commit profiles/laos.yaml -m "Laos"
assert_rc 1
assert_err_has "profiles/laos.yaml:8:46: error: [6] cites footnote 6, which does not exist [dangling-citation]"
assert_err_has "7 lint errors: nothing committed (fix them, or commit with --force)"
assert_true '[ "$(g rev-list --count HEAD)" = 1 ]' # init's commit of the settings alone

test_case "commit --force after init's first commit; the working tree is untouched"
ino=$(stat -c %i "$R/profiles/laos.yaml")
run "$PROFDIFF" -C "$R" commit profiles/laos.yaml -m "Laos as published" --force
assert_rc 0
assert_out_has "Laos as published"
assert_true '[ "$(g rev-list --count HEAD)" = 2 ]'
assert_true '[ "$(stat -c %i "$R/profiles/laos.yaml")" = "$ino" ]'
assert_same_file "$R/profiles/laos.yaml" "$PROFILES/laos.yaml"
assert_true '[ -z "$(g status --porcelain profiles/laos.yaml)" ]'
assert_true '[ "$(g log -1 --format=%an)" = "Ada Editor" ]'

test_case "published revisions: bumps, a typo fix, a merge, a rename"
cp "$D/ratification/before.yaml" "$R/profiles/nk.yaml"
run "$PROFDIFF" -C "$R" commit nk -m "North Korea 2026-01-29" --author "Bo Writer <bo@example.org>"
assert_rc 0
c1=$(g rev-parse HEAD)
cp "$D/typo/after.yaml" "$R/profiles/nk.yaml"
run "$PROFDIFF" -C "$R" commit nk -m "typo"
c2=$(g rev-parse HEAD)
cp "$D/ratification/after.yaml" "$R/profiles/nk.yaml"
run "$PROFDIFF" -C "$R" commit nk -m "accession"
c3=$(g rev-parse HEAD)
g checkout -q -b side
sed 's/^last_updated: 2026-02-10/last_updated: 2026-03-01/' "$D/ratification/after.yaml" > "$R/profiles/nk.yaml"
g commit -qam "side: March update"
sed 's/^last_updated: 2026-02-10/last_updated: 2026-02-20/' "$D/ratification/after.yaml" > "$R/profiles/nk.yaml"
g commit -qam "side: an update that never reached main on its own"
sed 's/^last_updated: 2026-02-10/last_updated: 2026-03-01/' "$D/ratification/after.yaml" > "$R/profiles/nk.yaml"
g commit -qam "side: back to March"
g checkout -q master 2>/dev/null || g checkout -q main
g merge -q --no-ff side -m "merge the March update"
c4=$(g rev-parse HEAD)
g mv profiles/nk.yaml profiles/north-korea.yaml
g commit -qm "rename"
c5=$(g rev-parse HEAD)
run "$PROFDIFF" -C "$R" log north-korea
assert_rc 0
assert_out_has "North Korea (profiles/north-korea.yaml)"
assert_out_has "  2026-03-01  ${c4:0:7}  Ada Editor <ada@example.org>  no change in substance"
assert_out_has "  2026-02-10  ${c3:0:7}  Ada Editor <ada@example.org>  1 treaty changed, 1 claim added, 1 claim reworded (factual), 1 source added"
assert_out_has "  2026-01-29  ${c2:0:7}  Ada Editor <ada@example.org>  first published revision"
assert_out_lacks "2026-02-20"
assert_out_lacks "${c1:0:7}"
assert_true '[ "$(printf "%s\n" "$out" | grep -c "^  20")" = 3 ]'

test_case "a rename with edits keeps its history; a new profile of the same country is another profile"
R2=$TMP/rename
g2() { git -C "$R2" -c user.name=Ada -c user.email=ada@example.org "$@"; }
git init -q "$R2"
mkdir "$R2/profiles"
cp "$D/ratification/before.yaml" "$R2/profiles/nk.yaml"
g2 add -A && g2 commit -qm "North Korea"
r1=$(g2 rev-parse HEAD)
g2 mv profiles/nk.yaml profiles/north-korea.yaml
cp "$D/ratification/after.yaml" "$R2/profiles/north-korea.yaml"
g2 commit -qam "renamed and updated"
r2=$(g2 rev-parse HEAD)
sed 's/^last_updated: 2026-01-29/last_updated: 2026-03-05/' "$D/ratification/before.yaml" >"$R2/profiles/dprk.yaml"
g2 add -A && g2 commit -qm "a second North Korea profile"
r3=$(g2 rev-parse HEAD)
run "$PROFDIFF" -C "$R2" log north-korea
assert_rc 0
assert_out_has "  2026-02-10  ${r2:0:7}  Ada <ada@example.org>  1 treaty changed"
assert_out_has "  2026-01-29  ${r1:0:7}  Ada <ada@example.org>  first published revision"
run "$PROFDIFF" -C "$R2" log dprk
assert_rc 0
assert_out_has "  2026-03-05  ${r3:0:7}  Ada <ada@example.org>  first published revision"
assert_out_lacks "2026-02-10"
assert_out_lacks "2026-01-29"
run "$PROFDIFF" -C "$R2" changelog --format json
assert_rc 0
assert_true '[ "$(printf "%s\n" "$out" | grep -c "\"profile\": \"dprk\"")" = 1 ]'

test_case "log of every profile"
run "$PROFDIFF" -C "$R" log
assert_out_has "Laos (profiles/laos.yaml)"
assert_out_has "  (no date)  "

test_case "revision arguments: a date, a git revision, staged, worktree"
run "$PROFDIFF" -C "$R" show north-korea@2026-01-29
assert_rc 0
printf '%s\n' "$out" > "$TMP/show.yaml"
assert_true 'grep -q "DPRK’s submission" "$TMP/show.yaml"'
assert_true 'grep -q "^last_updated: 2026-01-29" "$TMP/show.yaml"'
run "$PROFDIFF" -C "$R" show "north-korea@$c1"
assert_rc 2
assert_err_has "not in $c1"
run "$PROFDIFF" -C "$R" show "nk@$c1"
printf '%s\n' "$out" > "$TMP/c1.yaml"
assert_same_file "$TMP/c1.yaml" "$D/ratification/before.yaml"
run "$PROFDIFF" -C "$R" show north-korea@HEAD~1
assert_rc 2
assert_err_has "profiles/north-korea.yaml: not in HEAD~1"
run "$PROFDIFF" -C "$R" show nk@HEAD~1
assert_true 'printf "%s" "$out" | grep -q "^last_updated: 2026-03-01"'
sed 's/^last_updated: 2026-03-01/last_updated: 2026-04-01/' "$R/profiles/north-korea.yaml" > "$TMP/x" && cp "$TMP/x" "$R/profiles/north-korea.yaml"
g add profiles/north-korea.yaml
sed 's/^last_updated: 2026-04-01/last_updated: 2026-05-01/' "$R/profiles/north-korea.yaml" > "$TMP/x" && cp "$TMP/x" "$R/profiles/north-korea.yaml"
run "$PROFDIFF" -C "$R" show north-korea@staged
assert_true 'printf "%s" "$out" | grep -q "^last_updated: 2026-04-01"'
run "$PROFDIFF" -C "$R" show north-korea@worktree
assert_true 'printf "%s" "$out" | grep -q "^last_updated: 2026-05-01"'
run "$PROFDIFF" -C "$R" show north-korea@nonsense
assert_rc 2
assert_err_has "unknown revision 'nonsense'"

test_case "diff defaults: the newest revision against uncommitted edits"
run "$PROFDIFF" -C "$R" diff north-korea
assert_rc 0
assert_out_has "the working tree holds uncommitted edits"
assert_out_has "~ last updated 2026-03-01 -> 2026-05-01"
g reset -q
g checkout -q HEAD -- profiles/north-korea.yaml
run "$PROFDIFF" -C "$R" diff north-korea
assert_out_has "from 2026-02-10 (${c3:0:10})"
assert_out_lacks "uncommitted"
run "$PROFDIFF" -C "$R" diff --format json north-korea 2026-01-29 2026-02-10
printf '%s' "$out" > "$TMP/d.json"
assert_true 'jq -e ".from.commit == \"$c2\" and .to.commit == \"$c3\" and .from.revision == \"2026-01-29\" and .summary.changes == 6" "$TMP/d.json" >/dev/null'

test_case "a bare repository: log and show from the server side"
git clone -q --bare "$R" "$TMP/server.git"
run "$PROFDIFF" -C "$TMP/server.git" log north-korea
assert_rc 0
assert_out_has "  2026-02-10  ${c3:0:7}"
run "$PROFDIFF" -C "$TMP/server.git" show north-korea@2026-01-29
assert_rc 0
run "$PROFDIFF" -C "$TMP/server.git" commit profiles/laos.yaml -m x
assert_rc 2

test_case "import --commit"
run "$PROFDIFF" -C "$R" import -q --commit "$PAGES/cambodia.txt"
assert_rc 0
assert_out_has "Import $PAGES/cambodia.txt"
assert_true '[ "$(g show HEAD:profiles/cambodia.yaml | head -2 | tail -1)" = "country: Cambodia" ]'

test_case "concurrent writers: every commit lands, fsck is clean"
before=$(g rev-list --count HEAD)
for i in 1 2 3 4 5 6 7 8; do
	sed "s/^country: North Korea/country: Country $i/" "$PROFILES/north-korea.yaml" > "$R/profiles/c$i.yaml"
done
for i in 1 2 3 4 5 6 7 8; do
	"$PROFDIFF" -C "$R" commit "profiles/c$i.yaml" -m "country $i" > "$TMP/out.$i" 2>&1 &
done
wait
assert_true '[ "$(g rev-list --count HEAD)" = $((before + 8)) ]'
for i in 1 2 3 4 5 6 7 8; do
	assert_true 'g cat-file -e HEAD:profiles/c'$i'.yaml'
done
assert_true 'g fsck --strict >/dev/null 2>&1'
assert_true '[ -z "$(g status --porcelain profiles/)" ]'

test_case "no author: a clear error"
git init -q "$TMP/anon"
mkdir -p "$TMP/anon/profiles"
cp "$PROFILES/north-korea.yaml" "$TMP/anon/profiles/"
run env HOME="$TMP" GIT_CONFIG_NOSYSTEM=1 "$PROFDIFF" -C "$TMP/anon" commit profiles/north-korea.yaml -m x
assert_rc 2
assert_err_has "no author: set git's user.name and user.email, or give --author"

test_case "commit takes git's identity and date variables as git commit does"
I=$TMP/ident
profiles_repo "$I" cambodia.yaml
git init -q "$TMP/gitref"
git -C "$TMP/gitref" config user.name Editor
git -C "$TMP/gitref" config user.email editor@example.org
n=0
for date in "@1767225600 +0100" "1767225600 -0230" "2026-02-10T10:00:00Z" \
	"2026-02-10 10:00:00 +01:00" "2026-02-10T10:00:00.5+0530" \
	"Tue, 10 Feb 2026 10:00:00 +0000" "10 Feb 2026 23:59:59 -0800"; do
	n=$((n + 1))
	sed -i "s/^last_updated: .*/last_updated: 2026-02-$((10 + n))/" "$I/profiles/cambodia.yaml"
	vars="GIT_AUTHOR_NAME=Ada GIT_AUTHOR_EMAIL=ada@example.org GIT_COMMITTER_NAME=Bo GIT_COMMITTER_EMAIL=bo@example.org"
	run env $vars GIT_AUTHOR_DATE="$date" GIT_COMMITTER_DATE="$date" "$PROFDIFF" -C "$I" commit -m "edit $n" profiles/cambodia.yaml
	assert_rc 0
	# what git commit records for the same variables
	echo $n >"$TMP/gitref/f"
	git -C "$TMP/gitref" add f
	env $vars GIT_AUTHOR_DATE="$date" GIT_COMMITTER_DATE="$date" git -C "$TMP/gitref" commit -qm "edit $n"
	want=$(git -C "$TMP/gitref" log -1 --format='%an|%ae|%ad|%cn|%ce|%cd' --date=raw)
	got=$(git -C "$I" log -1 --format='%an|%ae|%ad|%cn|%ce|%cd' --date=raw)
	assert_true '[ "$got" = "$want" ]'
	[ "$got" = "$want" ] || echo "  $date: got $got, git $want"
done
# --author gives the author's name and e-mail; the committer stays git's
sed -i "s/^last_updated: .*/last_updated: 2026-02-28/" "$I/profiles/cambodia.yaml"
run env GIT_COMMITTER_DATE="@1767225600 +0000" "$PROFDIFF" -C "$I" commit -m "by Ada" --author "Ada Lovelace <ada@example.org>" profiles/cambodia.yaml
assert_rc 0
assert_true '[ "$(git -C "$I" log -1 --format="%an <%ae>|%cn|%cd" --date=raw)" = "Ada Lovelace <ada@example.org>|Editor|1767225600 +0000" ]'
run env GIT_AUTHOR_DATE="next thursday-ish" "$PROFDIFF" -C "$I" commit -m x profiles/cambodia.yaml
assert_rc 2
assert_err_has "GIT_AUTHOR_DATE is not a date git reads: 'next thursday-ish'"

test_case "commit takes .profdiff.yaml, read as configuration, and .gitattributes"
S=$TMP/settings
profiles_repo "$S" cambodia.yaml
printf 'lint:\n  severity:\n    orphan-footnote: error\n' >"$S/.profdiff.yaml"
run "$PROFDIFF" -C "$S" commit -m "settings" .profdiff.yaml .gitattributes
assert_rc 0
assert_true '[ "$(git -C "$S" show HEAD:.profdiff.yaml)" = "$(cat "$S/.profdiff.yaml")" ]'
assert_true 'git -C "$S" show HEAD:.gitattributes | grep -q "diff=profdiff"'
# a configuration that does not read is refused as what it is
printf 'lint:\n  severity:\n    orphan-footnote: loud\n' >"$S/.profdiff.yaml"
run "$PROFDIFF" -C "$S" commit -m "broken settings" .profdiff.yaml
assert_rc 2
assert_err_has ".profdiff.yaml:3:"
assert_err_lacks_profile() { case "$err" in *"unknown key"*) ko "read as a profile" ;; *) ok ;; esac; }
assert_err_lacks_profile
assert_true '[ "$(git -C "$S" show HEAD:.profdiff.yaml | tail -1)" = "    orphan-footnote: error" ]'
git -C "$S" checkout -q HEAD -- .profdiff.yaml
# other files are profiles, as before
run "$PROFDIFF" -C "$S" commit -m x nosuch
assert_rc 2
assert_err_has "no profile 'nosuch'"

finish

# The hooks: pre-commit on the staged content, pre-receive on a server,
# hooks install, and git's diff driver. Real commits and pushes.
. "$(dirname "$0")/lib.sh"
D=$FIXTURES/diff
R=$TMP/repo
g() { git -C "$R" "$@"; }
export GIT_CONFIG_NOSYSTEM=1

test_case "init installs the pre-commit hook and the diff driver"
run "$PROFDIFF" init "$R"
assert_rc 0
assert_out_has "installed $R/.git/hooks/pre-commit"
assert_true '[ -x "$R/.git/hooks/pre-commit" ]'
assert_true 'grep -q "^PROFDIFF=\${PROFDIFF:-$PROFDIFF_BIN}$" "$R/.git/hooks/pre-commit"'
# the installed hook is hooks/pre-commit of the source tree, naming this profdiff
assert_true 'diff <(sed "s|^PROFDIFF=.*|PROFDIFF=|" "$R/.git/hooks/pre-commit") <(sed "s|^PROFDIFF=.*|PROFDIFF=|" "$PROFILES/../hooks/pre-commit") >/dev/null'
# git's diff driver finds profdiff on PATH, else this one
assert_true 'g config diff.profdiff.textconv | grep -qF "p=\$(command -v profdiff) || p='"'"'$PROFDIFF_BIN'"'"'"'
g config user.name "Ada Editor"
g config user.email ada@example.org
cp "$D/ratification/before.yaml" "$R/profiles/north-korea.yaml"
g add -A
run g commit -qm "first"
assert_rc 0

test_case "a staged broken profile is refused, though the working tree was fixed"
sed 's/^last_updated: 2026-01-29/last_updated: 2026-02-10/; s/according to Daily NK.\[23\]/according to Daily NK.[99]/' "$D/ratification/before.yaml" > "$R/profiles/north-korea.yaml"
g add profiles/north-korea.yaml
sed 's/^last_updated: 2026-01-29/last_updated: 2026-02-10/' "$D/ratification/before.yaml" > "$R/profiles/north-korea.yaml"
head=$(g rev-parse HEAD)
run g commit -m "broken"
assert_true '[ "$rc" -ne 0 ]'
assert_err_has "profiles/north-korea.yaml:14:75: error: [99]"
assert_err_has "error: [99] cites footnote 99, which does not exist [dangling-citation]"
assert_err_has "commit refused"
assert_true '[ "$(g rev-parse HEAD)" = "$head" ]'

test_case "git commit --no-verify skips the hook"
run g commit -qm "forced past the hook" --no-verify
assert_rc 0
g reset -q --hard "$head"

test_case "a clean update passes"
cp "$D/ratification/after.yaml" "$R/profiles/north-korea.yaml"
g add profiles/north-korea.yaml
run g commit -qm "accession"
assert_rc 0
assert_err_has "profiles/north-korea.yaml: 23 warnings, 0 notes"

test_case "a change in substance without a date bump is refused; a typo fix is not"
sed 's/ICCPR: {status: party/ICCPR: {status: signatory/' "$R/profiles/north-korea.yaml" > "$TMP/x"
cp "$TMP/x" "$R/profiles/north-korea.yaml"
g add profiles/north-korea.yaml
run g commit -qm "same date"
assert_true '[ "$rc" -ne 0 ]'
assert_err_has "error: the content changed in substance since the revision published on 2026-02-10 (1 treaty changed), but last_updated did not [date-not-bumped]"
# no upstream: the branch checked out is the publication branch, and says so
assert_err_has "published is what master holds (a commit to it publishes: make drafts on a branch)"
# on a branch of its own the same change is a draft's, checked against master
g switch -q -c draft
sed -i 's/^last_updated: 2026-02-10/last_updated: 2026-02-20/' "$R/profiles/north-korea.yaml"
g add profiles/north-korea.yaml
run g commit -qm "a draft"
assert_rc 0
sed -i 's/ICESCR: {status: party/ICESCR: {status: signatory/' "$R/profiles/north-korea.yaml"
run "$PROFDIFF" -C "$R" commit -m "more of the draft" profiles/north-korea.yaml
assert_rc 0
g switch -q master
g branch -q -D draft
g checkout -q HEAD -- profiles/north-korea.yaml
sed 's/In the DRPK’s submission/In the DPRK’s submission/' "$R/profiles/north-korea.yaml" > "$TMP/x"
run "$PROFDIFF" fmt "$TMP/x"
cp "$TMP/x" "$R/profiles/north-korea.yaml"
g add profiles/north-korea.yaml
run g commit -qm "typo"
assert_rc 0

test_case "a date going backwards is refused"
sed 's/^last_updated: 2026-02-10/last_updated: 2026-01-15/' "$R/profiles/north-korea.yaml" > "$TMP/x"
cp "$TMP/x" "$R/profiles/north-korea.yaml"
g add profiles/north-korea.yaml
run g commit -qm "backwards"
assert_true '[ "$rc" -ne 0 ]'
assert_err_has "error: last_updated 2026-01-15 is earlier than 2026-02-10, the date of the previous published revision [date-regression]"
g checkout -q HEAD -- profiles/north-korea.yaml

test_case "a future date is refused"
sed 's/^last_updated: 2026-02-10/last_updated: 2999-01-01/' "$R/profiles/north-korea.yaml" > "$TMP/x"
cp "$TMP/x" "$R/profiles/north-korea.yaml"
g add profiles/north-korea.yaml
run g commit -qm "future"
assert_true '[ "$rc" -ne 0 ]'
assert_err_has "[future-date]"
g checkout -q HEAD -- profiles/north-korea.yaml

test_case "core.hooksPath, and a team's hook kept: it runs first"
mkdir -p "$R/.githooks"
# a team's hook that calls profdiff among other checks is no profdiff hook
printf '#!/bin/sh\necho "team check ran" >&2\n[ -e "$TEAM_FAIL" ] && exit 3\nexit 0\n# and profdiff lint\n' > "$R/.githooks/pre-commit"
chmod +x "$R/.githooks/pre-commit"
cp "$R/.githooks/pre-commit" "$TMP/team-hook"
g config core.hooksPath .githooks
run "$PROFDIFF" -C "$R" hooks install
assert_rc 0
assert_out "installed $R/.githooks/pre-commit"
assert_same_file "$R/.githooks/pre-commit.local" "$TMP/team-hook"
sed 's/^last_updated: 2026-02-10/last_updated: 2026-01-15/' "$R/profiles/north-korea.yaml" > "$TMP/x"
cp "$TMP/x" "$R/profiles/north-korea.yaml"
g add profiles/north-korea.yaml
run g commit -qm "backwards again"
assert_true '[ "$rc" -ne 0 ]'
assert_err_has "team check ran"
assert_err_has "[date-regression]"
# the team's hook refusing stops the commit before profdiff runs
run env TEAM_FAIL="$TMP/team-hook" git -C "$R" commit -qm "team says no"
assert_true '[ "$rc" -ne 0 ]'
assert_err_has "team check ran"
assert_err_lacks_date() { case "$err" in *date-regression*) ko "profdiff ran after the team's hook failed" ;; *) ok ;; esac; }
assert_err_lacks_date
g checkout -q HEAD -- profiles/north-korea.yaml
# installing again keeps the chain as it is
run "$PROFDIFF" -C "$R" hooks install
assert_rc 0
assert_same_file "$R/.githooks/pre-commit.local" "$TMP/team-hook"

test_case "a compiled hook of over 1 MiB is kept too"
mkdir -p "$TMP/big"
git init -q "$TMP/big/r"
head -c 1200000 /dev/urandom > "$TMP/big/r/.git/hooks/pre-commit"
cp "$TMP/big/r/.git/hooks/pre-commit" "$TMP/big/compiled"
run "$PROFDIFF" -C "$TMP/big/r" hooks install
assert_rc 0
assert_same_file "$TMP/big/r/.git/hooks/pre-commit.local" "$TMP/big/compiled"
run "$PROFDIFF" -C "$TMP/big/r" hooks install --force
assert_rc 0
assert_same_file "$TMP/big/r/.git/hooks/pre-commit.local" "$TMP/big/compiled"

test_case "the hooks find profdiff on PATH, after the binary moved"
mkdir -p "$TMP/bin1" "$TMP/bin2"
cp "$PROFDIFF_BIN" "$TMP/bin1/profdiff"
run env PATH=/usr/bin:/bin "$TMP/bin1/profdiff" -C "$R" hooks install
assert_rc 0
# the installing binary goes; another is on PATH
rm "$TMP/bin1/profdiff"
cp "$PROFDIFF_BIN" "$TMP/bin2/profdiff"
printf 'x\n' > "$R/notes.txt"
g add notes.txt
run env PATH="$TMP/bin2:/usr/bin:/bin" git -C "$R" commit -qm "a file that is no profile"
assert_rc 0
run env PATH="$TMP/bin2:/usr/bin:/bin" git -C "$R" diff HEAD~1 -- profiles/north-korea.yaml
assert_rc 0
# neither: one line says how to mend it
printf 'y\n' >> "$R/notes.txt"
g add notes.txt
run env PATH=/usr/bin:/bin git -C "$R" commit -qm "no profdiff anywhere"
assert_true '[ "$rc" -ne 0 ]'
assert_err_has "profdiff: the pre-commit hook finds no profdiff on PATH nor at $TMP/bin1/profdiff: put profdiff on PATH, or run 'profdiff hooks install' again"
run "$PROFDIFF" -C "$R" hooks install
assert_rc 0
run env PATH=/usr/bin:/bin git -C "$R" commit -qm "mended"
assert_rc 0

test_case "hooks uninstall removes profdiff's hook and puts the team's back"
run "$PROFDIFF" -C "$R" hooks uninstall
assert_rc 0
assert_out "removed $R/.githooks/pre-commit"
assert_same_file "$R/.githooks/pre-commit" "$TMP/team-hook"
assert_true '[ ! -e "$R/.githooks/pre-commit.local" ]'
assert_true '! g config diff.profdiff.textconv'
run "$PROFDIFF" -C "$R" hooks uninstall
assert_rc 2
assert_err_has "is not profdiff's hook: left as it is"
assert_same_file "$R/.githooks/pre-commit" "$TMP/team-hook"
run "$PROFDIFF" -C "$R" hooks install --force
assert_rc 0
assert_true '[ ! -e "$R/.githooks/pre-commit.local" ]'

test_case "git diff and git log -p read one claim a line"
run g log -p -1 --format=%s -- profiles/north-korea.yaml
assert_out_has "-In the DRPK’s submission of periodic reports"
assert_out_has "+In the DPRK’s submission of periodic reports"
run "$PROFDIFF" textconv "$D/footnote-inserted/after.yaml"
assert_out_has "By 2025 more than 400,000 people had registered with CamDigiKey.  -- CamDigiKey Passes 400,000 Users"
run "$PROFDIFF" textconv "$FIXTURES/yaml/invalid/tag.yaml"
assert_rc 0
assert_out "$(cat "$FIXTURES/yaml/invalid/tag.yaml")"

test_case "pre-receive: a dangling citation is rejected, a clean push accepted"
S=$TMP/server.git
git init -q --bare "$S"
run "$PROFDIFF" -C "$S" hooks install
assert_rc 0
assert_out "installed $S/hooks/pre-receive"
g remote add origin "$S"
run g push -q origin HEAD:refs/heads/main
assert_rc 0
sed 's/^last_updated: 2026-02-10/last_updated: 2026-03-01/; s/according to Daily NK.\[23\]/according to Daily NK.[98]/' "$R/profiles/north-korea.yaml" > "$TMP/x"
cp "$TMP/x" "$R/profiles/north-korea.yaml"
g commit -qam "broken, past the local hook" --no-verify
run g push origin HEAD:refs/heads/main
assert_true '[ "$rc" -ne 0 ]'
assert_err_has "error: [98] cites footnote 98, which does not exist [dangling-citation]"
assert_err_has "push rejected"
assert_true '[ "$(git -C "$S" rev-parse main)" != "$(g rev-parse HEAD)" ]'
sed 's/according to Daily NK.\[98\]/according to Daily NK.[23]/' "$R/profiles/north-korea.yaml" > "$TMP/x"
cp "$TMP/x" "$R/profiles/north-korea.yaml"
# the fix keeps the date: the newest commit of the 2026-03-01 revision is
# now a clean one (locally, the re-sourced claim needs --no-verify)
g commit -qam "fixed" --no-verify
run g push -q origin HEAD:refs/heads/main
assert_rc 0
assert_true '[ "$(git -C "$S" rev-parse main)" = "$(g rev-parse HEAD)" ]'

test_case "the pre-commit framework's hook definition"
assert_true 'grep -q "language: system" "$PROFILES/../.pre-commit-hooks.yaml"'
assert_true 'grep -qF "files: ^profiles/.*\.ya?ml$" "$PROFILES/../.pre-commit-hooks.yaml"'

test_case "one warning is one warning, in the hook and in commit"
rm -rf "$TMP/one"
"$PROFDIFF" init "$TMP/one" >/dev/null 2>&1
git -C "$TMP/one" config user.name "Ada Editor"
git -C "$TMP/one" config user.email ada@example.org
"$PROFDIFF" import -q "$PAGES/north-korea.txt" -o "$TMP/one/profiles/"
run "$PROFDIFF" -C "$TMP/one" commit profiles/north-korea.yaml -m "North Korea"
assert_rc 0
assert_err_has "profiles/north-korea.yaml: 1 warning, 0 notes"
echo "# a comment" >>"$TMP/one/profiles/north-korea.yaml"
git -C "$TMP/one" add profiles/north-korea.yaml
run git -C "$TMP/one" commit -q -m "a comment"
assert_rc 0
assert_err_has "profiles/north-korea.yaml: 1 warning, 0 notes"

test_case "a profile published with errors, renamed: the errors are not the rename's"
L=$TMP/renamed
"$PROFDIFF" init "$L" >/dev/null
git -C "$L" config user.name "Ada Editor"
git -C "$L" config user.email ada@example.org
sed 's/^country: Laos$/country: Laos\nlast_updated: 2026-11-01/' "$PROFILES/laos.yaml" >"$L/profiles/laos.yaml"
git -C "$L" add -A
git -C "$L" commit -qm "Laos as published, footnotes missing" --no-verify
git -C "$L" mv profiles/laos.yaml profiles/lao-pdr.yaml
run git -C "$L" commit -qm "Laos: the file renamed"
assert_rc 0
assert_err_has "profiles/lao-pdr.yaml: 6 errors as published (not this update's)"
# renamed and dated anew in one commit: the same
git -C "$L" mv profiles/lao-pdr.yaml profiles/laos.yaml
sed -i 's/^last_updated: .*/last_updated: 2026-12-01/' "$L/profiles/laos.yaml"
git -C "$L" add -A
run git -C "$L" commit -qm "Laos: back to its name, a new date"
assert_rc 0
assert_err_has "profiles/laos.yaml: 6 errors as published (not this update's)"

finish

# The pre-receive hook on a real bare server (docs/DESIGN.md, section 8):
# every published revision a push adds is checked, each against the one
# before it; a push never decides its own checks; no state of a branch
# locks out the push that mends it; caps on the profiles of one push and
# on the bytes of profiles it reads.
. "$(dirname "$0")/lib.sh"
D=$FIXTURES/diff
NK=profiles/north-korea.yaml
export GIT_CONFIG_NOSYSTEM=1

S=$TMP/server.git
C=$TMP/clone
git init -q --bare "$S"
git -C "$S" symbolic-ref HEAD refs/heads/main
"$PROFDIFF" -C "$S" hooks install >/dev/null
git init -q "$TMP/seed"
git -C "$TMP/seed" config user.name Editor
git -C "$TMP/seed" config user.email editor@example.org
"$PROFDIFF" init "$TMP/seed" >/dev/null
cp "$D/ratification/after.yaml" "$TMP/seed/$NK"
(cd "$TMP/seed" && "$PROFDIFF" commit -m "published" "$NK" >/dev/null 2>&1)
git -C "$TMP/seed" push -q "$S" HEAD:refs/heads/main
git clone -q "$S" "$C"
git -C "$C" config user.name Editor
git -C "$C" config user.email editor@example.org
g() { git -C "$C" "$@"; }
# edit SED: the profile edited and committed, past the local hook
edit() {
	sed -i "$1" "$C/$NK"
	g commit -qam "${2:-edit}" --no-verify
}
tip() { git -C "$S" rev-parse main; }
reset_clone() { g fetch -q origin && g reset -q --hard origin/main; }

test_case "a push of two revisions: the first, broken, is rejected though the second fixes it"
before=$(tip)
edit 's/^last_updated: 2026-02-10/last_updated: 2026-03-01/; s/according to Daily NK.\[23\]/according to Daily NK.[98]/' "March"
first=$(g rev-parse HEAD)
edit 's/^last_updated: 2026-03-01/last_updated: 2026-03-05/; s/according to Daily NK.\[98\]/according to Daily NK.[23]/' "March, fixed"
run g push origin HEAD:refs/heads/main
assert_true '[ "$rc" -ne 0 ]'
assert_err_has "profdiff: refs/heads/main: $NK, the revision of 2026-03-01 (commit ${first:0:10}):"
assert_err_has "${first:0:10}:$NK:14:75: error: [98] cites footnote 98, which does not exist [dangling-citation]"
assert_err_has "the push introduces 1 lint error"
assert_err_has "push rejected"
assert_true '[ "$(tip)" = "$before" ]'
reset_clone

test_case "a draft of several commits under one new date is one revision: accepted"
edit 's/^last_updated: 2026-02-10/last_updated: 2026-03-01/'
edit 's/ICCPR: {status: party/ICCPR: {status: signatory/'
run g push -q origin HEAD:refs/heads/main
assert_rc 0
assert_true '[ "$(tip)" = "$(g rev-parse HEAD)" ]'

test_case "a published date's content changed in substance in a later push: rejected"
before=$(tip)
edit 's/ICCPR: {status: signatory/ICCPR: {status: party/'
run g push origin HEAD:refs/heads/main
assert_true '[ "$rc" -ne 0 ]'
assert_err_has "the revision of 2026-03-01 (commit $(g rev-parse --short=10 HEAD)):"
assert_err_has "[date-not-bumped]"
assert_true '[ "$(tip)" = "$before" ]'
reset_clone

test_case "a lint.ignore a push adds to silence an error is refused"
edit 's/^last_updated: 2026-03-01/last_updated: 2026-03-10/; s/according to Daily NK.\[23\]/according to Daily NK.[97]/'
printf 'lint:\n  ignore: [dangling-citation]\n' >>"$C/$NK"
g commit -qam "silenced" --no-verify
run g push origin HEAD:refs/heads/main
assert_true '[ "$rc" -ne 0 ]'
assert_err_has "error: the lint.ignore entry for dangling-citation added since the published revision silences an error: [97] cites footnote 97, which does not exist [suppression-added]"

test_case "review shows suppression-added in every format"
for f in text markdown json html sarif; do
	run "$PROFDIFF" -C "$C" review --format "$f" origin/main..HEAD
	assert_rc 1
	assert_out_has "suppression-added"
done

test_case "the server's own settings may allow them; no push can"
printf 'lint:\n  severity:\n    suppression-added: "off"\n' >"$TMP/server-settings.yaml"
git -C "$S" config profdiff.config "$TMP/server-settings.yaml"
run g push -q origin HEAD:refs/heads/main
assert_rc 0
git -C "$S" config --unset profdiff.config
# the entry and the citation it silenced go again
sed -i '/^lint:$/,$d; s/according to Daily NK.\[97\]/according to Daily NK.[23]/' "$C/$NK"
edit 's/^last_updated: .*/last_updated: 2026-03-11/'
run g push -q origin HEAD:refs/heads/main
assert_rc 0

test_case "a pushed .profdiff.yaml does not apply to its own push"
before=$(tip)
printf 'lint:\n  severity:\n    dangling-citation: "off"\n' >"$C/.profdiff.yaml"
edit 's/^last_updated: .*/last_updated: 2026-04-01/; s/according to Daily NK.\[23\]/according to Daily NK.[95]/' "settings off and a broken citation"
g add .profdiff.yaml && g commit -qm "settings" --no-verify
run g push origin HEAD:refs/heads/main
assert_true '[ "$rc" -ne 0 ]'
assert_err_has "[dangling-citation]"
assert_true '[ "$(tip)" = "$before" ]'
reset_clone
# nor does one that moves the profiles elsewhere
printf 'profiles: elsewhere\n' >"$C/.profdiff.yaml"
g add .profdiff.yaml
edit 's/^last_updated: .*/last_updated: 2026-04-01/; s/according to Daily NK.\[23\]/according to Daily NK.[95]/' "profiles elsewhere"
run g push origin HEAD:refs/heads/main
assert_true '[ "$rc" -ne 0 ]'
assert_err_has "[dangling-citation]"
reset_clone

test_case "a pushed .profdiff.yaml that does not read is refused"
before=$(tip)
printf 'profiles: [\n' >"$C/.profdiff.yaml"
g add .profdiff.yaml && g commit -qm "broken settings" --no-verify
run g push origin HEAD:refs/heads/main
assert_true '[ "$rc" -ne 0 ]'
assert_err_has "profdiff: refs/heads/main: .profdiff.yaml, at the pushed tip (commit $(g rev-parse --short=10 HEAD)):"
assert_err_has "$(g rev-parse --short=10 HEAD):.profdiff.yaml:1:11: error: expected a scalar for 'profiles', found a sequence [schema]"
assert_err_has "[schema]"
assert_true '[ "$(tip)" = "$before" ]'

test_case "broken settings already on the branch lock nobody out"
# they got there past the hook (an older profdiff, or none)
mv "$S/hooks/pre-receive" "$TMP/hook"
g push -q origin HEAD:refs/heads/main
mv "$TMP/hook" "$S/hooks/pre-receive"
# a push to another branch, new
g checkout -q -b other
edit 's/^last_updated: .*/last_updated: 2026-04-02/'
run g push -q origin HEAD:refs/heads/other
assert_rc 0
assert_err_has "profdiff: warning: refs/heads/other: the settings the branch had before the push do not read"
assert_err_has "the push is checked with the defaults"
# the deletion of a branch
run g push -q origin :refs/heads/other
assert_rc 0
assert_true '! git -C "$S" rev-parse -q --verify other >/dev/null'
g checkout -q main
# a change that is no fix still goes through the defaults' checks
before=$(tip)
edit 's/^last_updated: .*/last_updated: 2026-04-03/; s/according to Daily NK.\[23\]/according to Daily NK.[94]/'
run g push origin HEAD:refs/heads/main
assert_true '[ "$rc" -ne 0 ]'
assert_err_has "[dangling-citation]"
assert_true '[ "$(tip)" = "$before" ]'
g reset -q --hard HEAD~1
# and the push that mends them
printf 'lint:\n  uncited: paragraph\n' >"$C/.profdiff.yaml"
g commit -qam "mended settings" --no-verify
run g push -q origin HEAD:refs/heads/main
assert_rc 0
assert_err_has "do not read"
assert_true '[ "$(tip)" = "$(g rev-parse HEAD)" ]'
# after it, no warning
edit 's/^last_updated: .*/last_updated: 2026-04-04/'
run g push -q origin HEAD:refs/heads/main
assert_rc 0
assert_no_err

test_case "more profiles in one push than the server checks: refused, and said"
git -C "$S" config profdiff.maxProfiles 1
cp "$D/ratification/before.yaml" "$C/profiles/a.yaml"
cp "$D/ratification/before.yaml" "$C/profiles/b.yaml"
g add profiles && g commit -qm "two more" --no-verify
before=$(tip)
run g push origin HEAD:refs/heads/main
assert_true '[ "$rc" -ne 0 ]'
assert_err_has "profdiff: error: refs/heads/main: the push changes 2 profiles, more than the 1 the server checks in one push (git config profdiff.maxProfiles): push them in parts"
assert_true '[ "$(tip)" = "$before" ]'
git -C "$S" config --unset profdiff.maxProfiles
run g push -q origin HEAD:refs/heads/main
assert_rc 0

test_case "a push whose profiles take more bytes to read than the server reads: refused, naming the blob"
# each revision of north-korea.yaml is some 10 KB, and the hook reads
# the profile's published history: 50 KiB runs out within it
git -C "$S" config profdiff.maxReadBytes 50k
edit 's/^last_updated: .*/last_updated: 2026-05-01/' "May"
pushed=$(g rev-parse HEAD)
before=$(tip)
run g push origin HEAD:refs/heads/main
assert_true '[ "$rc" -ne 0 ]'
# named by the commit and path of the blob that went past it
assert_true 'grep -qE "profdiff: error: [0-9a-f]{10}:$NK: reading this profile would take" <<<"$err"'
assert_err_has "reading this profile would take the profiles read past 51200 bytes, the most one run reads (git config profdiff.maxReadBytes)"
assert_err_has "push rejected"
assert_true '[ "$(tip)" = "$before" ]'
test_case "a budget that is no number is said, and the push refused"
git -C "$S" config profdiff.maxReadBytes lots
run g push origin HEAD:refs/heads/main
assert_true '[ "$rc" -ne 0 ]'
assert_err_has "profdiff: error: git config profdiff.maxReadBytes: not a number of bytes above 0 (such as 2g)"
assert_true '[ "$(tip)" = "$before" ]'
test_case "with the budget raised, the same push goes through"
git -C "$S" config profdiff.maxReadBytes 1m
run g push -q origin HEAD:refs/heads/main
assert_rc 0
assert_true '[ "$(tip)" = "$pushed" ]'
git -C "$S" config --unset profdiff.maxReadBytes

test_case "a command reading a history past the budget stops with exit 2, naming where"
git -C "$C" config profdiff.maxReadBytes 50k
run "$PROFDIFF" -C "$C" log "$NK"
assert_rc 2
assert_err_has "$NK: reading this profile would take the profiles read past 51200 bytes, the most one run reads (git config profdiff.maxReadBytes)"
# one message, for the blob where it ran out: nothing is read after it
assert_true '[ "$(grep -c "profdiff.maxReadBytes" <<<"$err")" = 1 ]'
git -C "$C" config --unset profdiff.maxReadBytes
run "$PROFDIFF" -C "$C" log "$NK"
assert_rc 0

finish

# The same history in every layout git makes of it: the pack git
# fast-import writes, repacked, loose objects, several packs, a
# multi-pack-index, alternates (one, a chain, a relative path), indexes of
# version 1. Every reading command gives the same output, byte for byte,
# in each. A shallow clone stops at its boundary with a note, and reviews
# what it holds; a partial clone names the blobs it lacks and exits 2
# without a result that would look whole.
. "$(dirname "$0")/lib.sh"
H=$TMP
export GIT_CONFIG_NOSYSTEM=1

# the history: 3 profiles x 5 revisions, each a date and some words
"$PROFDIFF" init "$H/seed" >/dev/null
{
	t=1700000000
	for rev in 1 2 3 4 5; do
		for p in cambodia laos north-korea; do
			t=$((t + 86400))
			printf 'commit refs/heads/main\ncommitter Editor <editor@example.org> %d +0000\n' "$t"
			printf 'data <<EOT\n%s revision %d\nEOT\n' "$p" "$rev"
			if [ "$rev$p" = 1cambodia ]; then
				for f in .profdiff.yaml .gitattributes; do
					printf 'M 100644 inline %s\ndata <<EOT\n' "$f"
					cat "$H/seed/$f"
					printf 'EOT\n'
				done
			fi
			printf 'M 100644 inline profiles/%s.yaml\ndata <<EOT\n' "$p"
			sed -e "s/^last_updated: .*/last_updated: 2025-0$rev-1$rev/" \
				-e "s/ is / $( [ $((rev % 2)) = 1 ] && echo is || echo was) /g" \
				-e "s/\\[1\\]/[$(( (rev % 2) + 1 ))]/" \
				"$PROFILES/$p.yaml"
			printf 'EOT\n'
		done
	done
} >"$H/stream"
git init -q -b main "$H/fast-import"
git -C "$H/fast-import" -c fastimport.unpackLimit=0 fast-import --quiet <"$H/stream"
git -C "$H/fast-import" checkout -q main

# layout NAME: a repository of that layout at $H/NAME
cl() { git clone -q --no-local "$H/fast-import" "$H/$1"; }
cl repacked
git -C "$H/repacked" repack -q -a -d -f --depth=50
git init -q -b main "$H/loose"
git -C "$H/loose" unpack-objects -q <"$(ls "$H"/fast-import/.git/objects/pack/*.pack)"
git -C "$H/loose" update-ref refs/heads/main "$(git -C "$H/fast-import" rev-parse main)"
git -C "$H/loose" checkout -q main
# several packs: the older history in one, each newer commit in its own
git init -q -b main "$H/packs"
git -C "$H/packs" config receive.unpackLimit 1
git -C "$H/packs" config receive.denyCurrentBranch ignore
for k in 6 5 4 3 2 1 0; do
	git -C "$H/fast-import" push -q "$H/packs" "main~$k:refs/heads/main"
done
git -C "$H/packs" checkout -q -f main
cp -r "$H/packs" "$H/midx"
git -C "$H/midx" multi-pack-index write
git clone -q --shared "$H/fast-import" "$H/alternates"
git clone -q --shared "$H/alternates" "$H/chain"
git clone -q --shared "$H/repacked" "$H/relative"
printf '../../../repacked/.git/objects\n' >"$H/relative/.git/objects/info/alternates"
cp -r "$H/repacked" "$H/idx-v1"
for p in "$H"/idx-v1/.git/objects/pack/*.pack; do
	rm -f "${p%.pack}.idx" "${p%.pack}.rev"
	git index-pack --index-version=1 "$p" >/dev/null
done

test_case "the layouts are what they say"
assert_true '[ "$(ls "$H"/packs/.git/objects/pack/*.pack | wc -l)" -ge 3 ]'
assert_true '[ -f "$H/midx/.git/objects/pack/multi-pack-index" ]'
assert_true '[ -z "$(ls "$H"/alternates/.git/objects/pack)" ]'
assert_true 'grep -q alternates/.git/objects "$H/chain/.git/objects/info/alternates"'
assert_true '[ "$(head -c 4 "$(ls "$H"/idx-v1/.git/objects/pack/*.idx)" | od -An -tx1 | tr -d " ")" != ff744f63 ]'
assert_true '[ "$(find "$H/loose/.git/objects" -type f -path "*/objects/??/*" | wc -l)" -gt 40 ]'

# what each command says in the reference layout
short=$(git -C "$H/fast-import" rev-parse --short=8 main~2)
cmds="show cambodia@$short|review $short..main --format json|log|changelog|changelog --format json|overview --format json|blame cambodia --format json|blame --stale 1|review main~3..main --format json|show north-korea@main~4|diff cambodia main~6 main"
IFS='|'
i=0
for cmd in $cmds; do
	i=$((i + 1))
	(cd "$H/fast-import" && unset IFS && eval "\"\$PROFDIFF\" $cmd" >"$H/want.$i" 2>"$H/want-err.$i")
	echo $? >"$H/want-rc.$i"
done
unset IFS

test_case "the reference layout gives a result"
assert_true '[ "$(cat "$H/want-rc.3")" = 0 ] && grep -q "2025-05-15" "$H/want.3"'
assert_true '[ "$(cat "$H/want-rc.1")" = 0 ] && [ -s "$H/want.1" ] && [ -s "$H/want.2" ]'
assert_true '[ -s "$H/want.4" ] && [ -s "$H/want.6" ]'

for layout in repacked loose packs midx alternates chain relative idx-v1; do
	test_case "$layout: every command as in the pack fast-import wrote"
	IFS='|'
	i=0
	for cmd in $cmds; do
		i=$((i + 1))
		(cd "$H/$layout" && unset IFS && eval "\"\$PROFDIFF\" $cmd" >"$H/got" 2>"$H/got-err")
		rc=$?
		[ "$rc" = "$(cat "$H/want-rc.$i")" ] && ok || ko "$cmd: exit $rc"
		cmp -s "$H/got" "$H/want.$i" && ok || ko "$cmd: stdout differs"
		cmp -s "$H/got-err" "$H/want-err.$i" && ok || ko "$cmd: stderr differs"
	done
	unset IFS
done

test_case "shallow: the history stops at the boundary, with a note"
git clone -q --depth 6 "file://$H/fast-import" "$H/shallow"
boundary=$(git -C "$H/shallow" rev-parse --short=10 main~5)
for cmd in log changelog "overview --format json" "blame cambodia"; do
	# shellcheck disable=SC2086
	run "$PROFDIFF" -C "$H/shallow" $cmd
	assert_rc 0
	assert_err "profdiff: note: a shallow clone: the history stops at commit $boundary, the oldest git fetched; git fetch --unshallow fetches the rest"
done
run "$PROFDIFF" -C "$H/shallow" log
assert_out_has "2025-05-15"
assert_out_lacks "2025-02-12"

test_case "shallow: a review inside the fetched history is the full one's"
for cmd in "review main~3..main --format json" "show north-korea@main~4" "diff cambodia main~3 main"; do
	# shellcheck disable=SC2086
	run "$PROFDIFF" -C "$H/fast-import" $cmd
	want=$out
	# shellcheck disable=SC2086
	run "$PROFDIFF" -C "$H/shallow" $cmd
	assert_rc 0
	assert_out "$want"
done

test_case "shallow: a revision beyond the boundary is named so"
run "$PROFDIFF" -C "$H/shallow" review main~9..main
assert_rc 2
assert_err_has "this is a shallow clone, which may not hold it: git fetch --unshallow fetches the rest of the history"

test_case "partial: missing blobs are named, and no result looks whole"
git -C "$H/fast-import" config uploadpack.allowFilter true
git clone -q --filter=blob:none "file://$H/fast-import" "$H/partial"
for cmd in log changelog "overview --format json" "blame cambodia"; do
	# shellcheck disable=SC2086
	run "$PROFDIFF" -C "$H/partial" $cmd
	assert_rc 2
	assert_err_has "is missing from this partial clone: git fetches such objects from 'origin' only when it needs them; git fetch --refetch --no-filter origin fetches them all"
	assert_true '[ -z "$(printf %s "$out" | tr -d "\n")" ]'
done
# lint reads the working tree, which git checked out whole
run "$PROFDIFF" -C "$H/partial" lint
assert_true '[ "$rc" -le 1 ]'
# and once git has fetched them all, the same as everywhere
git -C "$H/partial" fetch -q --refetch --no-filter origin
run "$PROFDIFF" -C "$H/partial" changelog
assert_rc 0
assert_true '[ "$out" = "$(cat "$H/want.4")" ]'

finish

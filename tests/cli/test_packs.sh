# Hostile packs a copied or cloned repository may hold (a push cannot
# deliver them: index-pack refuses them): delta cycles, chains beyond git's
# depth, indexes whose counts their size cannot hold. Each is refused with
# the pack's name and the reason, exit 2, at once, never handed to libgit2
# (which loops on a cycle and crashes on such an index).
. "$(dirname "$0")/lib.sh"
MKPACK=$(dirname "$0")/mkpack.py
H=$TMP

profiles_repo "$H/base" cambodia.yaml
B=$(git -C "$H/base" rev-parse HEAD:profiles/cambodia.yaml)

# hostile MODE [N]: a copy of the repository whose profile's blob is only
# in a crafted pack of that shape
hostile() {
	rm -rf "$H/t"
	cp -r "$H/base" "$H/t"
	rm -f "$H/t/.git/objects/$(printf %s "$B" | cut -c1-2)/$(printf %s "$B" | cut -c3-)"
	python3 "$MKPACK" "$H/t/.git/objects/pack" "$1" "$B" "${2:-0}"
}

# every reading command: exit 2, the reason, within 10 s, nothing on stdout
refused() {
	for cmd in "show cambodia@HEAD" log changelog "overview --format json" "blame cambodia" "diff cambodia HEAD worktree"; do
		# shellcheck disable=SC2086
		run timeout 10 "$PROFDIFF" -C "$H/t" $cmd
		assert_rc 2
		assert_err_has "$1"
	done
}

test_case "a reference delta cycle is refused, not followed"
hostile cycle
refused "pack: object $B is a delta of itself: its deltas form a cycle"

test_case "a cycle of an offset and a reference delta is refused"
hostile mixed
refused "pack: object $B is a delta of itself: its deltas form a cycle"

test_case "a chain of deltas deeper than git makes is refused"
hostile chain 5000
refused "pack: object $B has a chain of deltas longer than 4095"

test_case "a chain as deep as git makes is read"
hostile chain 4095
# (the crafted blob is "schema: 1" alone, which is read, and found wanting)
run timeout 10 "$PROFDIFF" -C "$H/t" show cambodia@HEAD
assert_rc 2
assert_err "profdiff: error: HEAD:profiles/cambodia.yaml:1:1: missing key 'country'"

test_case "a version-1 index is read"
hostile v1
# (the crafted blob is "schema: 1" alone, which is read, and found wanting)
run timeout 10 "$PROFDIFF" -C "$H/t" show cambodia@HEAD
assert_rc 2
assert_err "profdiff: error: HEAD:profiles/cambodia.yaml:1:1: missing key 'country'"

test_case "an index claiming 2^31-1 objects is refused at opening"
hostile count
refused ".idx: the pack index claims 2147483647 objects, more than its 1100 bytes can hold"
# before anything is read: lint of the working tree reads no object, the
# staged lint does
run timeout 10 "$PROFDIFF" -C "$H/t" lint --staged
assert_rc 2
assert_err_has "the pack index claims 2147483647 objects"

test_case "an index whose fanout goes down is refused"
hostile fanout
refused ".idx: the pack index is damaged: its fanout goes down at 11"

test_case "an empty index is refused"
hostile v1
: >"$(ls "$H"/t/.git/objects/pack/*.idx)"
refused ".idx: the pack index is empty"

test_case "a blob larger than any profile is refused from its header, loose or packed"
rm -rf "$H/big"
cp -r "$H/base" "$H/big"
# 200 MiB of one byte: 200 KiB of objects
head -c 209715200 /dev/zero >"$H/big/profiles/big.yaml"
git -C "$H/big" add profiles/big.yaml
git -C "$H/big" commit -q --no-verify -m big
big=$(git -C "$H/big" rev-parse HEAD:profiles/big.yaml)
rm "$H/big/profiles/big.yaml"
for layout in loose packed; do
	[ $layout = packed ] && git -C "$H/big" repack -q -a -d
	for cmd in "show big@HEAD" "log big" "changelog"; do
		# shellcheck disable=SC2086
		run /usr/bin/time -f "%M" -o "$H/rss" "$PROFDIFF" -C "$H/big" $cmd
		assert_rc 2
		assert_err_has "object $big is 209715200 bytes, over the limit of 16777216 bytes"
		# never loaded whole: well under its 200 MiB (the sanitizers'
		# own memory included)
		assert_true '[ "$(tail -1 "$H/rss")" -lt 150000 ]'
	done
done

finish

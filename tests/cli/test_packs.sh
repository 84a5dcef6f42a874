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

# hostile_commits MODE: a copy of the repository whose tip commit is only
# in a crafted pack of that shape, over the tip's tree
hostile_commits() {
	rm -rf "$H/t"
	cp -r "$H/base" "$H/t"
	rm -f "$H/t/.git/objects/$(printf %s "$C" | cut -c1-2)/$(printf %s "$C" | cut -c3-)"
	python3 "$MKPACK" "$H/t/.git/objects/pack" "$1" "$C" \
		"$(git -C "$H/base" rev-parse 'HEAD^{tree}')"
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

test_case "a commit in a delta cycle, named by a short id, is refused too"
C=$(git -C "$H/base" rev-parse HEAD)
rm -rf "$H/t"
cp -r "$H/base" "$H/t"
rm -f "$H/t/.git/objects/$(printf %s "$C" | cut -c1-2)/$(printf %s "$C" | cut -c3-)"
python3 "$MKPACK" "$H/t/.git/objects/pack" cycle "$C"
short=$(printf %s "$C" | cut -c1-8)
for cmd in "show cambodia@$short" "review $short" "diff cambodia $short HEAD" log; do
	# shellcheck disable=SC2086
	run timeout 10 "$PROFDIFF" -C "$H/t" $cmd
	assert_rc 2
	assert_err_has "pack: object $C is a delta of itself: its deltas form a cycle"
done

test_case "commits an index makes a loop of are refused, not followed"
hostile_commits loop
for cmd in log "overview --format json" changelog; do
	# shellcheck disable=SC2086
	run timeout 10 "$PROFDIFF" -C "$H/t" $cmd
	assert_rc 2
	assert_err_has "the history of"
	assert_err_has "does not end"
done

test_case "a parent commit that names no tree, or is cut short, is refused"
hostile_commits garbled
run timeout 10 "$PROFDIFF" -C "$H/t" log
assert_rc 2
assert_err_has "cannot read a commit: "
assert_err_has " is not one git wrote"
hostile_commits shortparent
run timeout 10 "$PROFDIFF" -C "$H/t" log
assert_rc 2
assert_err_has " is not one git wrote"

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

test_case "a tree 30,000 directories deep under profiles/ is refused, in the commit's terms"
rm -rf "$H/deep"
cp -r "$H/base" "$H/deep"
# the trees written as loose objects directly: 30,000 calls of git
# mktree would take minutes
deep=$(python3 - "$H/deep/.git" 30000 <<'PY'
import hashlib, os, sys, zlib
git, depth = sys.argv[1], int(sys.argv[2])
def write(kind, body):
    data = b"%s %d\0" % (kind, len(body)) + body
    h = hashlib.sha1(data).hexdigest()
    d = os.path.join(git, "objects", h[:2])
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, h[2:]), "wb") as f:
        f.write(zlib.compress(data, 1))
    return bytes.fromhex(h)
t = write(b"tree", b"100644 x.yaml\0" + write(b"blob", b"schema: 1\n"))
for i in range(depth):
    t = write(b"tree", b"40000 d\0" + t)
print(t.hex())
PY
)
sub=$( (git -C "$H/deep" ls-tree HEAD:profiles; printf '040000 tree %s\tdeep\n' "$deep") | git -C "$H/deep" mktree)
root=$( (git -C "$H/deep" ls-tree HEAD | grep -v '	profiles$'; printf '040000 tree %s\tprofiles\n' "$sub") | git -C "$H/deep" mktree)
c=$(git -C "$H/deep" commit-tree "$root" -p HEAD -m deep)
short=$(printf %s "$c" | cut -c1-10)
git -C "$H/deep" update-ref refs/heads/"$(git -C "$H/deep" symbolic-ref --short HEAD)" "$c"
for cmd in log changelog "overview --format json" "blame cambodia" "review HEAD~1..HEAD"; do
	# shellcheck disable=SC2086
	run /usr/bin/time -f "%e %M" -o "$H/rss" timeout 10 "$PROFDIFF" -C "$H/deep" $cmd
	assert_rc 2
	assert_err_has "commit $short: profiles/deep/d/d/d/"
	assert_err_has "/d: directories nested more than 64 deep, which no profile needs: not compared"
	# within 5 s and 200 MB (the sanitizers' own included)
	assert_true 'tail -1 "$H/rss" | awk "{ exit !(\$1 < 5 && \$2 < 200000) }"'
done
# pushed to a server whose pre-receive hook profdiff is: refused there too
git init -q --bare "$H/server.git"
"$PROFDIFF" -C "$H/server.git" hooks install >/dev/null
git -C "$H/deep" push -q "$H/server.git" HEAD~1:refs/heads/main
run git -C "$H/deep" push "$H/server.git" HEAD:refs/heads/main
assert_true '[ "$rc" -ne 0 ]'
assert_err_has "directories nested more than 64 deep"
assert_true '[ "$(git -C "$H/server.git" rev-parse main)" != "$c" ]'

finish

# Nothing lost: fmt and import -o replace files through a temporary file
# and a rename, so a full disk or an interruption at any moment leaves the
# editor's file either as it was or wholly replaced, and no temporary file;
# a commit killed at any moment leaves the branch on the old commit or the
# new one, never between, and the repository sound.
. "$(dirname "$0")/lib.sh"

# temporaries: fileio names them .NAME.XXXXXX beside the file
no_temporary() { [ -z "$(find "$1" -name '.*.??????' -type f)" ]; }

# padded N: the North Korea profile with N more paragraphs, each one long
# line (not canonical: fmt has work to do), in its first section
padded() {
	awk -v n="$1" '{ print }
/^    paragraphs:$/ && !done {
	for (i = 0; i < n; i++) {
		printf "      - \"Paragraph %d: the civil registry of the province", i
		for (j = 0; j < 8; j++) printf " records births, deaths and marriages for every resident"
		print ".[1]\""
	}
	done = 1
}' "$PROFILES/north-korea.yaml"
}
big=$TMP/big.yaml
padded 3000 >"$big"

test_case "the fixture is large and not canonical"
assert_true '[ "$(wc -c <"$big")" -gt 1000000 ]'
run "$PROFDIFF" fmt --check "$big"
assert_rc 1
cp "$big" "$TMP/canonical.yaml"
run "$PROFDIFF" fmt "$TMP/canonical.yaml"
assert_rc 0
assert_differ "$big" "$TMP/canonical.yaml"

test_case "a full disk: fmt fails with the reason, the file is as it was"
mkdir -p "$TMP/disk"
cp "$big" "$TMP/disk/p.yaml"
cp "$big" "$TMP/orig.yaml"
# RLIMIT_FSIZE stands for the full disk: a write past it fails with EFBIG
run bash -c 'trap "" XFSZ; ulimit -f 64; exec "$0" fmt "$1"' "$PROFDIFF" "$TMP/disk/p.yaml"
assert_rc 2
assert_err_has "profdiff: error: $TMP/disk/p.yaml: cannot write: File too large"
assert_same_file "$TMP/disk/p.yaml" "$TMP/orig.yaml"
assert_true 'no_temporary "$TMP/disk"'

test_case "a full disk: import -o fails, an existing file is as it was"
cp "$PROFILES/laos.yaml" "$TMP/disk/laos.yaml"
run bash -c 'trap "" XFSZ; ulimit -f 4; exec "$0" import -q --force -o "$1" "$2"' "$PROFDIFF" "$TMP/disk/laos.yaml" "$PAGES/north-korea.txt"
assert_rc 2
assert_err_has "cannot write: File too large"
assert_same_file "$TMP/disk/laos.yaml" "$PROFILES/laos.yaml"
assert_true 'no_temporary "$TMP/disk"'

# How long a whole `fmt` of the fixture takes here, in milliseconds: the
# interruptions fall anywhere in it, writing included, or just after it.
t0=$(date +%s%N)
cp "$big" "$TMP/timing.yaml"
"$PROFDIFF" fmt "$TMP/timing.yaml"
span=$((($(date +%s%N) - t0) / 1000000 * 12 / 10 + 1))

# interrupt SIGNAL CMD...: starts CMD, sends SIGNAL after a random delay
# within the span (or lets it finish), and waits for it.
interrupt() {
	sig=$1
	shift
	"$@" >/dev/null 2>&1 &
	pid=$!
	ms=$((RANDOM % span))
	sleep "$((ms / 1000)).$(printf %03d $((ms % 1000)))"
	kill -s "$sig" "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
}

# replaced_whole SIGNAL FILE OLD NEW CMD...: 15 times, FILE starts as OLD
# and CMD is interrupted at a random moment; FILE must then be OLD or NEW,
# and no temporary file left beside it.
replaced_whole() {
	local sig=$1 file=$2 old=$3 new=$4 torn=0 left=0 i
	shift 4
	for i in $(seq 1 15); do
		cp "$old" "$file"
		interrupt "$sig" "$@"
		if ! cmp -s "$file" "$old" && ! cmp -s "$file" "$new"; then
			torn=$((torn + 1))
		fi
		no_temporary "$(dirname "$file")" || left=$((left + 1))
		find "$(dirname "$file")" -name '.*.??????' -type f -delete
	done
	assert_true "[ $torn -eq 0 ]"
	assert_true "[ $left -eq 0 ]"
}

for sig in INT TERM; do
	test_case "fmt interrupted by SIG$sig at random moments: old or new, never torn"
	replaced_whole "$sig" "$TMP/disk/p.yaml" "$big" "$TMP/canonical.yaml" \
		"$PROFDIFF" fmt "$TMP/disk/p.yaml"
done

test_case "interrupted while the temporary file is being written"
# a profile of about 10 MB: the write takes long enough to be caught
padded 20000 >"$TMP/huge.yaml"
caught=0
for attempt in 1 2 3 4 5 6 7 8; do
	cp "$TMP/huge.yaml" "$TMP/disk/h.yaml"
	"$PROFDIFF" fmt "$TMP/disk/h.yaml" >/dev/null 2>&1 &
	pid=$!
	while kill -0 "$pid" 2>/dev/null && [ "$caught" -eq 0 ]; do
		for f in "$TMP"/disk/.h.yaml.??????; do
			if [ -e "$f" ]; then
				kill -TERM "$pid" 2>/dev/null
				caught=1
			fi
		done
	done
	wait "$pid" 2>/dev/null
	[ "$caught" -eq 1 ] && break
done
assert_true '[ "$caught" -eq 1 ]'
assert_same_file "$TMP/disk/h.yaml" "$TMP/huge.yaml"
assert_true 'no_temporary "$TMP/disk"'
rm -f "$TMP/huge.yaml" "$TMP/disk/h.yaml"

test_case "import -o interrupted at random moments: old or new, never torn"
"$PROFDIFF" import -q -o "$TMP/nk.yaml" "$PAGES/north-korea.txt"
replaced_whole TERM "$TMP/disk/out.yaml" "$PROFILES/laos.yaml" "$TMP/nk.yaml" \
	"$PROFDIFF" import -q --force -o "$TMP/disk/out.yaml" "$PAGES/north-korea.txt"

test_case "commit killed (SIGKILL) at random moments: the branch is old or new"
r=$TMP/repo
profiles_repo "$r" cambodia.yaml
bad=0
for i in $(seq 1 15); do
	before=$(git -C "$r" rev-parse HEAD)
	sed -i "s/^last_updated: .*/last_updated: 2026-0$((i % 9 + 1))-1$((i % 9))/" "$r/profiles/cambodia.yaml"
	cp "$r/profiles/cambodia.yaml" "$TMP/edited.yaml"
	(cd "$r" && interrupt KILL "$PROFDIFF" commit --force -m "edit $i" profiles/cambodia.yaml)
	after=$(git -C "$r" rev-parse HEAD)
	# the editor's file is untouched, the branch moved whole or not at all
	cmp -s "$r/profiles/cambodia.yaml" "$TMP/edited.yaml" || bad=$((bad + 1))
	if [ "$after" != "$before" ]; then
		[ "$(git -C "$r" rev-parse "$after^")" = "$before" ] || bad=$((bad + 1))
		git -C "$r" cat-file -e "$after:profiles/cambodia.yaml" || bad=$((bad + 1))
	fi
	rm -f "$r/.git/index.lock" # a killed writer's lock, as git leaves it
done
assert_true '[ "$bad" -eq 0 ]'
run git -C "$r" fsck --no-dangling
assert_rc 0
run git -C "$r" status --porcelain
assert_rc 0

finish

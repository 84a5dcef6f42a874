#!/usr/bin/env bash
# site.sh PROFDIFF GEN [PROFILES REVISIONS]: the static site of a generated
# history (200 profiles x 50 published revisions by default), measured
# against git log -p over the same history in the same run: the whole
# site written anew (target: no longer than git log -p; the medians of
# three alternated rounds), then again after one new commit (target:
# under 1 s). run.sh calls it; alone, it builds nothing.
set -euo pipefail
pd=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
gen=$2
nprof=${3:-200}
nrev=${4:-50}
cd "$(dirname "$0")/../.."
work=$(mktemp -d "${TMPDIR:-/tmp}/profdiff-site.XXXXXX")
trap 'rm -rf "$work"' EXIT
repo=$work/history
git init -q -b main "$repo"
"$gen" history 1 "$nprof" "$nrev" 25000 profiles/*.yaml |
	MALLOC_TRIM_THRESHOLD_=2000000000 MALLOC_TOP_PAD_=268435456 \
		MALLOC_MMAP_THRESHOLD_=2000000000 \
		git -C "$repo" fast-import --quiet
git -C "$repo" reset -q --hard main
git -C "$repo" config user.name Bench
git -C "$repo" config user.email bench@example.org
sync
secs() { # seconds of one run of a command, by bash's own clock
	local s e
	s=${EPOCHREALTIME/[.,]/}
	"$@" >/dev/null 2>&1 || true
	e=${EPOCHREALTIME/[.,]/}
	awk -v us="$((e - s))" 'BEGIN { printf "%.2f", us / 1e6 }'
}
median() { printf '%s\n' "$@" | sort -n | sed -n 2p; }
# three rounds, alternated, each site written anew into a directory of
# its own; their medians are compared: a single run of either moves by
# a tenth from one run to the next on a shared machine. Each starts
# with nothing left to write back to disk, so that none pays for the
# writing back of the one before, and with the sites written before
# dropped from the page cache (their files alone): 554 MB a round, they
# had the third round take memory new to the machine, which is slow to
# touch here (docs/PERFORMANCE.md), where the first had reused freed
# memory.
gs=() fs=()
for r in 1 2 3; do
	sync
	for d in "$work"/site*; do
		if [ -d "$d" ]; then "$gen" uncache "$d"; fi
	done
	gs+=("$(cd "$repo" && secs git log -p -- profiles)")
	sync
	fs+=("$(cd "$repo" && secs "$pd" site -o "$work/site$r")")
done
tg=$(median "${gs[@]}")
tf=$(median "${fs[@]}")
pages=$(find "$work/site1" -type f -name '*.html' | wc -l)
t0=$(cd "$repo" && secs "$pd" site -o "$work/site1")
# one new published revision of one profile
p=$(git -C "$repo" ls-tree --name-only HEAD profiles/ | sed -n 1p)
sed -i 's/^last_updated: .*/last_updated: 2099-01-01/' "$repo/$p"
git -C "$repo" commit -qam "one more revision" --no-verify
t1=$(cd "$repo" && secs "$pd" site -o "$work/site1")
awk -v n="$nprof" -v m="$nrev" -v a="$tf" -v b="$tg" -v p="$pages" \
    -v z="$t0" -v c="$t1" -v fs="${fs[*]}" -v gs="${gs[*]}" 'BEGIN {
	printf "site of %d profiles x %d revisions: %d pages in %.2f s, git log -p: %.2f s, ratio %.2f (target: <= 1.0) %s\n",
	       n, m, p, a, b, a / b, (a <= b ? "ok" : "MISSED")
	printf "  (three alternated rounds, whose medians are above: site %s s, git log -p %s s)\n", fs, gs
	printf "site again, nothing changed: %.2f s; after one new commit: %.2f s (target: < 1 s) %s\n",
	       z, c, (c < 1 ? "ok" : "MISSED") }'

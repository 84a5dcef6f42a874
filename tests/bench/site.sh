#!/usr/bin/env bash
# site.sh PROFDIFF GEN [PROFILES REVISIONS]: the static site of a generated
# history (200 profiles x 50 published revisions by default), measured
# against git log -p over the same history in the same run: the whole
# site written anew (target: no longer than git log -p), then again after
# one new commit (target: under 1 s). run.sh calls it; alone, it builds
# nothing.
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
tg=$(cd "$repo" && secs git log -p -- profiles)
tf=$(cd "$repo" && secs "$pd" site -o "$work/site")
pages=$(find "$work/site" -type f -name '*.html' | wc -l)
t0=$(cd "$repo" && secs "$pd" site -o "$work/site")
# one new published revision of one profile
p=$(git -C "$repo" ls-tree --name-only HEAD profiles/ | sed -n 1p)
sed -i 's/^last_updated: .*/last_updated: 2099-01-01/' "$repo/$p"
git -C "$repo" commit -qam "one more revision" --no-verify
t1=$(cd "$repo" && secs "$pd" site -o "$work/site")
awk -v n="$nprof" -v m="$nrev" -v a="$tf" -v b="$tg" -v p="$pages" \
    -v z="$t0" -v c="$t1" 'BEGIN {
	printf "site of %d profiles x %d revisions: %d pages in %.2f s, git log -p: %.2f s, ratio %.2f (target: <= 1.0) %s\n",
	       n, m, p, a, b, a / b, (a <= b ? "ok" : "MISSED")
	printf "site again, nothing changed: %.2f s; after one new commit: %.2f s (target: < 1 s) %s\n",
	       z, c, (c < 1 ? "ok" : "MISSED") }'

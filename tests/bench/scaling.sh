#!/usr/bin/env bash
# Scaling: for every shape in which a profile can grow (markers per
# sentence, sentences per paragraph, paragraphs, sections, footnotes,
# (n X) and ibid chains, laws, treaty statements, findings), doubles its
# size from small to large and prints the time and peak RSS of import,
# lint, diff and changelog at each size, and their growth per doubling.
# Linear cost doubles the time at each step (x2.0); quadratic cost
# quadruples it. A benchmark, not a test: it prints figures and flags a
# step that grows by more than x3.
#
#   tests/bench/scaling.sh [SHAPE...]     (default: every shape)
#   SCALING_STEPS=5 SCALING_BASE=1        (number of sizes; size factor)
set -euo pipefail
cd "$(dirname "$0")/../.."

build=${BENCH_BUILD_DIR:-build-bench}
work=$(mktemp -d "${TMPDIR:-/tmp}/profdiff-scaling.XXXXXX")
trap 'rm -rf "$work"' EXIT
scripts/deps.sh time
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DPROFDIFF_TESTS=ON >/dev/null
cmake --build "$build" -j"$(nproc)" --target profdiff >/dev/null
pd=$(pwd)/$build/profdiff
steps=${SCALING_STEPS:-5}
factor=${SCALING_BASE:-1}

# gen SHAPE N VARIANT FORMAT: a profile grown in SHAPE to size N, as YAML
# (FORMAT yaml) or as a published page (FORMAT page). VARIANT 1 is a later
# revision: every 7th sentence reworded, every 11th dropped, a footnote
# inserted at the top (which renumbers every other one).
gen() {
	awk -v shape="$1" -v n="$2" -v variant="$3" -v fmt="$4" \
		-f tests/fixtures/shapes/shapes.awk
}

# seconds (to the millisecond, the best of 3 runs: this VM's clock swings
# by tens of milliseconds) and peak RSS in MB of a command
measure() {
	local s e best="" k
	for k in 1 2 3; do
		s=${EPOCHREALTIME/[.,]/}
		/usr/bin/time -f "%M" -o "$work/rss" "$@" >/dev/null 2>&1 || true
		e=${EPOCHREALTIME/[.,]/}
		if [ -z "$best" ] || [ $((e - s)) -lt "$best" ]; then best=$((e - s)); fi
	done
	tail -n 1 "$work/rss" | awk -v us="$best" '{ printf "%.3f %.1f", us / 1e6, $1 / 1024 }'
}

# the size at step 1 of each shape
declare -A base=([markers]=25000 [sentences]=2500 [paragraphs]=2000
	[sections]=4000 [footnotes]=2500 [xrefs]=2500 [laws]=1000
	[treaties]=2000 [findings]=3000)
shapes=("$@")
[ ${#shapes[@]} -gt 0 ] || shapes=(markers sentences paragraphs sections footnotes xrefs laws treaties findings)

worst=0
printf '%-11s %-10s %8s %9s %8s %9s %8s %9s %8s %9s %8s\n' shape size bytes \
	import MB lint MB diff MB changelog MB
for shape in "${shapes[@]}"; do
	[ -n "${base[$shape]:-}" ] || { echo "unknown shape: $shape" >&2; exit 2; }
	declare -A prev=()
	n=$((base[$shape] * factor))
	for step in $(seq "$steps"); do
		d=$work/$shape.$n
		mkdir -p "$d"
		gen "$shape" "$n" 0 yaml >"$d/a.yaml"
		gen "$shape" "$n" 1 yaml >"$d/b.yaml"
		gen "$shape" "$n" 0 page >"$d/a.txt"
		repo=$d/repo
		git init -q "$repo"
		mkdir -p "$repo/profiles"
		cp "$d/a.yaml" "$repo/profiles/testland.yaml"
		git -C "$repo" add profiles
		git -C "$repo" -c user.name=B -c user.email=b@example.org commit -q -m a
		cp "$d/b.yaml" "$repo/profiles/testland.yaml"
		git -C "$repo" -c user.name=B -c user.email=b@example.org commit -q -am b
		read -r ti ri <<<"$(measure "$pd" import "$d/a.txt")"
		read -r tl rl <<<"$(measure "$pd" lint --format json "$d/a.yaml")"
		read -r td rd <<<"$(measure "$pd" diff "$d/a.yaml" "$d/b.yaml")"
		read -r tc rc <<<"$(cd "$repo" && measure "$pd" changelog --format json)"
		line=$(printf '%-11s %-10s %8s %9s %8s %9s %8s %9s %8s %9s %8s' "$shape" "$n" \
			"$(stat -c %s "$d/a.yaml")" "$ti" "$ri" "$tl" "$rl" "$td" "$rd" "$tc" "$rc")
		# growth against the previous step, for runs long enough to tell
		growth=""
		for c in import:$ti lint:$tl diff:$td changelog:$tc; do
			k=${c%%:*} t=${c#*:}
			if [ -n "${prev[$k]:-}" ]; then
				g=$(awk -v a="$t" -v b="${prev[$k]}" 'BEGIN {
					if (b < 0.02) print "-"; else printf "%.1f", a / b }')
				growth="$growth $k x$g"
				case "$g" in -) ;; *) awk -v g="$g" 'BEGIN { exit !(g > 3.0) }' && worst=1 ;; esac
			fi
			prev[$k]=$t
		done
		echo "$line${growth:+ |$growth}"
		rm -rf "$d"
		n=$((n * 2))
	done
	unset prev
done
# the worst case of findings: one sentence with 100,000 markers to a
# footnote that does not exist
awk 'BEGIN { printf "schema: 1\ncountry: Testland\nlast_updated: 2026-01-01\nsections:\n  - title: A\n    paragraphs:\n      - \"A claim."
	for (i = 0; i < 100000; i++) printf "[7]"
	printf "\"\nfootnotes:\n  1: \"A source (2020).\"\n" }' >"$work/dangling.yaml"
read -r t r <<<"$(measure "$pd" lint --format json "$work/dangling.yaml")"
awk -v t="$t" -v r="$r" 'BEGIN {
	printf "lint of one sentence with 100,000 dangling markers: %.3f s, %.1f MB (target: under 2 s and 200 MB) %s\n",
	       t, r, (t < 2 && r < 200 ? "ok" : "MISSED") }'
# one sentence listing treaties, 10x the 656 KB of issue 33 (which took
# 14.9 s when the list was read in quadratic time)
awk 'BEGIN { printf "schema: 1\ncountry: Testland\nlast_updated: 2026-01-01\nsections:\n  - title: A\n    paragraphs:\n      - \"In 2009, Testland ratified the ICCPR"
	split("the CRC|CEDAW|the ICCPR|the CRPD|the CAT|the Refugee Convention|the 1954 Statelessness Convention", t, "|")
	for (i = 0; i < 440000; i++) printf ", %s", t[i % 7 + 1]
	printf " and, in 2025, the CED.[1]\"\nfootnotes:\n  1: \"A source (2020).\"\n" }' >"$work/treatylist.yaml"
read -r t r <<<"$(measure "$pd" lint --format json "$work/treatylist.yaml")"
awk -v t="$t" -v r="$r" -v b="$(stat -c %s "$work/treatylist.yaml")" 'BEGIN {
	printf "lint of one sentence listing 440,000 treaties (%.1f MB): %.3f s, %.1f MB (target: under 300 MB) %s\n",
	       b / 1e6, t, r, (r < 300 ? "ok" : "MISSED") }'
# diff at the largest profile the reader takes (16 MiB) in the shapes
# that once took gigabytes: one sentence of markers, footnotes with
# (n X) and ibid chains (99,999 footnotes at most), sections (target:
# under 300 MB each)
for big in markers:4000000 xrefs:99000 sections:70000; do
	shape=${big%%:*} n=${big#*:}
	gen "$shape" "$n" 0 yaml >"$work/big-a.yaml"
	gen "$shape" "$n" 1 yaml >"$work/big-b.yaml"
	read -r t r <<<"$(measure "$pd" diff "$work/big-a.yaml" "$work/big-b.yaml")"
	awk -v s="$shape" -v n="$n" -v b="$(stat -c %s "$work/big-a.yaml")" -v t="$t" -v r="$r" 'BEGIN {
		printf "diff of %d %s (%.1f MB): %.3f s, %.1f MB (target: under 300 MB) %s\n",
		       n, s, b / 1e6, t, r, (r < 300 ? "ok" : "MISSED") }'
	rm -f "$work/big-a.yaml" "$work/big-b.yaml"
done
if [ "$worst" -eq 1 ]; then
	echo "a step grew by more than x3 per doubling: not linear"
else
	echo "every step grew by x3 or less per doubling"
fi

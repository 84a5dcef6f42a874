#!/usr/bin/env bash
# The benchmark: builds profdiff optimised, generates its inputs
# deterministically, and measures profdiff against the peer tools in the
# same run. Prints one line per figure.
set -euo pipefail
cd "$(dirname "$0")/../.."

build=${BENCH_BUILD_DIR:-build-bench}
work=$(mktemp -d "${TMPDIR:-/tmp}/profdiff-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DPROFDIFF_TESTS=ON >/dev/null
cmake --build "$build" -j"$(nproc)" --target profdiff bench-gen >/dev/null
pd=$build/profdiff
gen=$build/tests/bench-gen

# seconds for the best of N runs of a command
best_of() {
	local n=$1 best="" t s e
	shift
	for _ in $(seq "$n"); do
		s=$(date +%s%N)
		"$@" >/dev/null 2>&1 || true
		e=$(date +%s%N)
		t=$(( (e - s) / 1000 ))
		if [ -z "$best" ] || [ "$t" -lt "$best" ]; then best=$t; fi
	done
	awk -v us="$best" 'BEGIN { printf "%.3f", us / 1e6 }'
}

# 1. a 1 MB profile against an edited copy
"$gen" profile 1000000 1 profiles/cambodia.yaml > "$work/big.yaml"
"$gen" edit 2 40 < "$work/big.yaml" > "$work/big-edited.yaml"
size=$(stat -c %s "$work/big.yaml")
t=$(best_of 5 "$pd" diff "$work/big.yaml" "$work/big-edited.yaml")
changes=$("$pd" diff --format json "$work/big.yaml" "$work/big-edited.yaml" | sed -n 's/.*"summary": {"changes": \([0-9]*\).*/\1/p')
awk -v t="$t" -v size="$size" -v c="$changes" 'BEGIN {
	printf "diff of a %.2f MB profile against an edited copy: %.3f s, %d changes (target: under 1 s) %s\n",
	       size / 1e6, t, c, (t < 1.0 ? "ok" : "MISSED") }'

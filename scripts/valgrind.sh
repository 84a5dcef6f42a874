#!/usr/bin/env bash
# Runs every CLI test with each profdiff process under valgrind's memcheck
# (a build without the sanitizers, which valgrind cannot run alongside):
# any invalid read or write, use of uninitialised memory or leak fails the
# run, with valgrind's report.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/deps.sh valgrind jq chromium
build=${BUILD_DIR:-build-valgrind}
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Debug -DPROFDIFF_WERROR=ON >/dev/null
cmake --build "$build" -j"$(nproc)" --target profdiff
root=$(pwd)
logs=$root/$build/valgrind-logs
rm -rf "$logs"
mkdir -p "$logs"
chmod 1777 "$logs" # the unreadable-file case runs profdiff as nobody
wrapper=$root/$build/profdiff-valgrind
cat >"$wrapper" <<WRAP
#!/bin/sh
exec valgrind -q --error-exitcode=99 --leak-check=full \\
	--show-leak-kinds=definite,indirect \\
	--errors-for-leak-kinds=definite,indirect \\
	--log-file="$logs/%p.log" "$root/$build/profdiff" "\$@"
WRAP
chmod +x "$wrapper"

# valgrind runs some fifty times slower: wider time limits, fewer random
# inputs (the sanitizer run has the full count)
export PROFDIFF_HOSTILE_LIMIT=600 PROFDIFF_HOSTILE_RANDOM=20 PROFDIFF_SLOW=60
export PROFDIFF_REAL=$root/$build/profdiff
status=0
for t in tests/cli/test_*.sh; do
	printf '%s: ' "$t"
	if bash "$t" "$wrapper" tests/fixtures profiles >"$logs/test.out" 2>&1; then
		tail -1 "$logs/test.out"
	else
		grep -A4 '^FAIL' "$logs/test.out" | head -60
		tail -1 "$logs/test.out"
		status=1
	fi
	rm -f "$logs/test.out"
done
reports=$(find "$logs" -type f -size +0 | wc -l)
if [ "$reports" -gt 0 ]; then
	echo "valgrind reported errors in $reports processes:" >&2
	find "$logs" -type f -size +0 -exec cat {} + | head -200 >&2
	status=1
fi
processes=$(find "$logs" -type f | wc -l)
echo "valgrind: $processes profdiff processes, $reports with errors"
exit "$status"

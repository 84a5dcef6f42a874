#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (fuzzer, ASan, UBSan) and runs
# each for SECONDS (default 60), one after another, from seed corpora made
# of the bundled pages, profiles and fixtures. New inputs go to
# build-fuzz/corpus/TARGET; a finding leaves its input in build-fuzz/ and
# the script exits non-zero. Usage: tests/fuzz/run.sh [SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/../.."

secs=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(page yaml yaml_fast footnotes diff)
build=${FUZZ_BUILD_DIR:-build-fuzz}

scripts/deps.sh clang
CC=clang cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	-DPROFDIFF_FUZZ=ON -DPROFDIFF_TESTS=OFF -DPROFDIFF_WERROR=ON >/dev/null
cmake --build "$build" -j"$(nproc)" \
	--target $(printf 'fuzz_%s ' "${targets[@]}") >/dev/null

seed() {
	local dir=$1
	shift
	mkdir -p "$dir"
	for f in "$@"; do
		[ -f "$f" ] && cp "$f" "$dir/$(echo "$f" | tr / _)"
	done
	true
}

fx=tests/fixtures
status=0
for t in "${targets[@]}"; do
	corpus=$build/corpus/$t
	case $t in
	page) seed "$corpus" $fx/pages/*.txt $fx/import/*.txt tests/fuzz/seeds/page/* ;;
	yaml | yaml_fast) seed "$corpus" profiles/*.yaml $fx/yaml/*/*.yaml tests/fuzz/seeds/yaml/* ;;
	footnotes) seed "$corpus" tests/fuzz/seeds/footnotes/* ;;
	diff) seed "$corpus" tests/fuzz/seeds/diff/* ;;
	esac
	echo "fuzz_$t: ${secs}s"
	if ! (cd "$build" && ASAN_OPTIONS=detect_leaks=1 \
		./tests/fuzz/fuzz_"$t" -max_total_time="$secs" -max_len=262144 \
		-timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
		"corpus/$t" >"fuzz_$t.log" 2>&1); then
		echo "fuzz_$t: FINDING (see $build/fuzz_$t.log)"
		tail -40 "$build/fuzz_$t.log"
		status=1
	else
		grep -E "^stat::number_of_executed_units|^stat::peak_rss_mb" \
			"$build/fuzz_$t.log" | sed "s/^/fuzz_$t: /"
	fi
done
exit $status

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
[ ${#targets[@]} -gt 0 ] || targets=(page yaml yaml_fast footnotes diff pack lsp)
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

# pack seeds: small real packs, as git fast-import writes them and
# repacked, each a zero byte, its index's length (4 bytes, big-endian),
# index, pack; and recipes of hostile packs (fuzz_pack.c): a cycle of
# reference deltas, a chain of offset deltas, an index that lies
pack_seeds() {
	local out=$1 r k
	mkdir -p "$out"
	r=$(mktemp -d)
	git init -q "$r"
	for k in 1 2 3 4 5 6; do
		printf 'commit refs/heads/main\ncommitter A <a@b> %d +0000\ndata 1\nx\nM 100644 inline f%d\ndata <<EOT\n' $((1700000000 + k)) $((k % 2))
		seq 1 $((20 + k)) | sed "s/^/line $k /"
		printf 'EOT\n'
	done | git -C "$r" -c fastimport.unpackLimit=0 fast-import --quiet
	for layout in fast-import repacked; do
		[ $layout = repacked ] && git -C "$r" repack -q -a -d -f --depth=50
		local idx pack
		idx=$(ls "$r"/.git/objects/pack/*.idx)
		pack=${idx%.idx}.pack
		local n
		n=$(stat -c %s "$idx")
		{
			printf '\000'
			printf "\\$(printf %03o $((n >> 24 & 255)))\\$(printf %03o $((n >> 16 & 255)))"
			printf "\\$(printf %03o $((n >> 8 & 255)))\\$(printf %03o $((n & 255)))"
			cat "$idx" "$pack"
		} >"$out/$layout"
	done
	rm -rf "$r"
	printf '\001\000\000\002\002\002\001' >"$out/recipe-cycle"
	printf '\003\000\000\001\000\001\001\001\002' >"$out/recipe-chain-v1"
	printf '\005\000\000\000\000' >"$out/recipe-count"
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
	pack) pack_seeds "$corpus" ;;
	lsp) seed "$corpus" profiles/*.yaml $fx/lsp/*.yaml tests/fuzz/seeds/lsp/* ;;
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

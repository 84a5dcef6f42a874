#!/usr/bin/env bash
# Runs every read-only command of two profdiff binaries on the same inputs
# and compares what they print: standard output, standard error and the
# exit status of each run. A refactor must leave all three byte-identical.
#
#   tests/compat/same-output.sh OLD_PROFDIFF NEW_PROFDIFF GEN [WORKDIR]
#
# GEN is the benchmark's generator (build/tests/bench-gen). The inputs:
# the bundled profiles, the three pages and the diff fixtures; a demo
# repository made with git from the demo fixtures; and histories
# generated at several seeds and shapes, each read in three layouts (the
# pack git fast-import writes, repacked, and loose objects). Exit 0 when
# every output is the same, 1 with the differences listed otherwise.
set -euo pipefail

old=$(realpath "$1")
new=$(realpath "$2")
gen=$(realpath "$3")
src=$(cd "$(dirname "$0")/../.." && pwd)
work=${4:-$(mktemp -d "${TMPDIR:-/tmp}/profdiff-same.XXXXXX")}
mkdir -p "$work"
work=$(realpath "$work")
fix=$src/tests/fixtures

export GIT_CONFIG_NOSYSTEM=1 HOME=$work NO_COLOR=1 TZ=UTC LC_ALL=C
git config --global user.name "Ada Editor"
git config --global user.email ada@example.org
git config --global init.defaultBranch main

# A repository with every layout: NAME is made from the fast-import
# stream on stdin; NAME-loose holds the same objects loose; NAME-repacked
# the same repacked.
layouts() { # layouts NAME
	local r=$work/repo/$1
	git init -q "$r"
	git -C "$r" fast-import --quiet
	git -C "$r" checkout -q main
	git init -q "$r-loose"
	git -C "$r-loose" unpack-objects -q <"$(ls "$r"/.git/objects/pack/*.pack)"
	git -C "$r-loose" update-ref refs/heads/main "$(git -C "$r" rev-parse main)"
	git -C "$r-loose" checkout -q main
	git clone -q --no-local "$r" "$r-repacked"
	git -C "$r-repacked" repack -a -d -f -q
}

make_inputs() {
	rm -rf "$work/repo"
	mkdir -p "$work/repo"
	"$gen" history 1 12 8 6000 "$src"/profiles/*.yaml | layouts h1
	"$gen" history 7 6 15 2000-30000 --edits 1-12 "$src"/profiles/*.yaml |
		layouts h7
	"$gen" history 42 5 10 4000-20000 --uncited 5 --orphans 20 \
		"$src"/profiles/*.yaml | layouts h42
	# the demo: the bundled profiles, then the demo's later revisions
	local d=$work/repo/demo
	"$old" init "$d" >/dev/null
	cp "$src"/profiles/*.yaml "$d/profiles/"
	dated() { # dated DATE MESSAGE
		GIT_AUTHOR_DATE="$1T10:00:00Z" GIT_COMMITTER_DATE="$1T10:00:00Z" \
			git -C "$d" commit -q --no-verify -m "$2"
	}
	git -C "$d" add -A
	dated 2026-01-29 "as published"
	cp "$fix/demo/north-korea.2026-02-10.yaml" "$d/profiles/north-korea.yaml"
	git -C "$d" add -A
	dated 2026-02-10 "North Korea: accession"
	cp "$fix/demo/north-korea.2026-02-10-typo.yaml" "$d/profiles/north-korea.yaml"
	git -C "$d" add -A
	dated 2026-02-11 "North Korea: typo"
	cp "$fix/demo/cambodia.2026-02-15.yaml" "$d/profiles/cambodia.yaml"
	git -C "$d" add -A
	dated 2026-02-15 "Cambodia: law"
	cp "$fix/demo/laos.2026-03-01.yaml" "$d/profiles/laos.yaml"
	git -C "$d" add -A
	dated 2026-03-01 "Laos: figures"
	# an uncommitted edit and a staged one
	sed -i 's/Law/Lawe/' "$d/profiles/laos.yaml"
	cp "$fix/demo/cambodia.2026-02-15.yaml" "$d/profiles/cambodia.yaml"
	sed -i 's/2026-02-15/2026-04-01/; s/Cambodia is/Cambodia was/' "$d/profiles/cambodia.yaml"
	git -C "$d" add profiles/cambodia.yaml
	# a bare copy for the pre-receive hook
	git clone -q --bare "$d" "$d.git"
}

# run LABEL DIR ARGS...: both binaries, outputs kept under out/{old,new}
n=0
run() {
	local label=$1 dir=$2 bin side
	shift 2
	n=$((n + 1))
	for side in old new; do
		bin=${!side}
		local o=$work/out/$side/$(printf '%04d' $n)-$label
		(cd "$dir" && "$bin" "$@" >"$o.out" 2>"$o.err" </dev/null
		 echo $? >"$o.rc") || true
	done
}

# the same with standard input from a file
run_in() {
	local label=$1 dir=$2 input=$3 bin side
	shift 3
	n=$((n + 1))
	for side in old new; do
		bin=${!side}
		local o=$work/out/$side/$(printf '%04d' $n)-$label
		(cd "$dir" && "$bin" "$@" >"$o.out" 2>"$o.err" <"$input"
		 echo $? >"$o.rc") || true
	done
}

make_inputs
rm -rf "$work/out"
mkdir -p "$work/out/old" "$work/out/new" "$work/files"
cp -r "$src/profiles" "$fix/pages" "$work/files/"

f=$work/files
# files: lint, show, textconv, import, fmt --check, diff
for fmt in text gcc json sarif github; do
	run lint-$fmt "$f" lint --format $fmt profiles pages
	run lint-strict-$fmt "$f" lint --strict --format $fmt profiles pages
done
for p in "$f"/profiles/*.yaml "$f"/pages/*.txt; do
	b=$(basename "$p")
	run show-$b "$f" show "$p"
	run textconv-$b "$f" textconv "$p"
done
for p in "$f"/pages/*.txt; do
	run import-$(basename "$p") "$f" import "$p"
done
run fmt-check "$f" fmt --check profiles
for d in "$fix"/diff/*/; do
	b=$(basename "$d")
	for fmt in text json markdown html; do
		run diff-$b-$fmt "$f" diff --format $fmt "$d/before.yaml" "$d/after.yaml"
	done
done
for fmt in text json markdown html; do
	run diff-pages-$fmt "$f" diff --format $fmt pages/laos.txt profiles/laos.yaml
done

# repositories
for r in demo h1 h1-loose h1-repacked h7 h7-loose h7-repacked h42 h42-loose h42-repacked; do
	d=$work/repo/$r
	first=$(cd "$d" && git ls-tree --name-only HEAD profiles/ | sed -n 1p)
	name=$(basename "$first" .yaml)
	run $r-log "$d" log
	run $r-log-one "$d" log "$name"
	for fmt in markdown html json atom; do
		run $r-changelog-$fmt "$d" changelog --format $fmt --feed-id example.org
	done
	run $r-changelog-window "$d" changelog --since 2026-02-01 --until 2027-06-30 "$name"
	for fmt in text json markdown html sarif; do
		run $r-review-$fmt "$d" review --format $fmt HEAD~3..HEAD
	done
	run $r-review-root "$d" review "$(cd "$d" && git rev-list --max-parents=0 HEAD)"
	for fmt in text json html; do
		run $r-blame-$fmt "$d" blame --format $fmt
	done
	run $r-blame-one "$d" blame "$name" --stale 6
	run $r-blame-rev "$d" blame "$name@HEAD~2" --format json
	for fmt in markdown html csv json; do
		run $r-overview-$fmt "$d" overview --format $fmt --since 2026-06-01
	done
	run $r-diff "$d" diff "$name"
	run $r-diff-json "$d" diff --format json "$name" HEAD~4 HEAD
	run $r-show "$d" show "$name@HEAD~1"
	run $r-lint "$d" lint --format json
done
d=$work/repo/demo
run demo-review-staged "$d" review --staged
run demo-review-worktree "$d" review --format json
run demo-lint-staged "$d" lint --staged
run demo-diff-worktree "$d" diff laos
for p in laos cambodia north-korea; do
	run demo-diff-dates-$p "$d" diff --format json "$p" 2026-01-29 HEAD
done
run demo-blame-worktree "$d" blame laos@worktree --format json
git -C "$d.git" rev-parse main >/dev/null
printf '%s %s refs/heads/main\n' "$(git -C "$d.git" rev-parse main~3)" \
	"$(git -C "$d.git" rev-parse main)" >"$work/push"
run_in demo-pre-receive "$d.git" "$work/push" hooks pre-receive
printf '0000000000000000000000000000000000000000 %s refs/heads/new\n' \
	"$(git -C "$d.git" rev-parse main)" >"$work/push-new"
run_in demo-pre-receive-new "$d.git" "$work/push-new" hooks pre-receive
run demo-changelog-bare "$d.git" changelog --format json

if diff -r "$work/out/old" "$work/out/new" >"$work/differences"; then
	echo "same output: $n runs, stdout, stderr and exit status each"
	# a work directory of its own goes; one given is the caller's
	[ -n "${4:-}" ] || rm -rf "$work"
	exit 0
fi
echo "DIFFERENT output in $(grep -c '^diff ' "$work/differences" || true) files of $n runs:"
head -100 "$work/differences"
exit 1

#!/bin/sh
# build.sh PROFDIFF OUTDIR: the man pages of profdiff and of each of its
# commands, made from their --help texts (help2scd.awk) by scdoc, into
# OUTDIR: profdiff.1, profdiff-lint.1, ...
set -eu
profdiff=$1
out=$2
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$out"
export NO_COLOR=1 LC_ALL=C
"$profdiff" --help | awk -v cmd= \
	-v summary="semantic diffs, lint and changelogs of country profiles in git" \
	-f "$here/help2scd.awk" >"$out/profdiff.1.scd"
scdoc <"$out/profdiff.1.scd" >"$out/profdiff.1.tmp"
mv "$out/profdiff.1.tmp" "$out/profdiff.1"
# the commands: the indented lines of the program's "Commands:" block
"$profdiff" --help | awk '/^Commands:$/ { on = 1; next } on && /^$/ { exit }
	on { name = $1; $1 = ""; sub(/^ +/, ""); print name "\t" $0 }' |
while IFS='	' read -r cmd summary; do
	"$profdiff" "$cmd" --help | awk -v cmd="$cmd" -v summary="$summary" \
		-f "$here/help2scd.awk" >"$out/profdiff-$cmd.1.scd"
	scdoc <"$out/profdiff-$cmd.1.scd" >"$out/profdiff-$cmd.1.tmp"
	mv "$out/profdiff-$cmd.1.tmp" "$out/profdiff-$cmd.1"
done

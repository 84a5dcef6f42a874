#!/bin/sh
# The layer rules (docs/DESIGN.md, section 10), checked on the sources
# and on what is built from them:
#
#   base    includes nothing of the layers above it
#   core    base and core only
#   io      base, core and io
#   render  base, core and render
#   app     everything but the program's own headers (src/cli)
#   cli     everything
#
# Only io includes git2.h, yaml.h and zlib.h, and nothing under src/ but
# the program asks whether it writes to a terminal (isatty). Nothing
# calls qsort or bsearch but through sort.h. Every global symbol of the
# libraries and of the program carries the pd_ prefix.
#
#   tests/layers/check.sh SOURCE_DIR [LIBRARY.a | PROGRAM]...
#
# Exit 0 when every rule holds; 1, each breach named, otherwise.
set -u
src=$1
shift
out=$(mktemp)
trap 'rm -f "$out"' EXIT

# The layer of a public header: that of the sources implementing it.
layer_of() {
	case $1 in
	profdiff/arena.h | profdiff/buf.h | profdiff/text.h | \
		profdiff/error.h | profdiff/version.h) echo base ;;
	profdiff/store.h | profdiff/fileio.h | profdiff/yaml.h | \
		profdiff/config.h | profdiff/page_import.h | \
		profdiff/page_import.h | profdiff/lsp_wire.h) echo io ;;
	profdiff/render.h) echo render ;;
	profdiff/app.h | profdiff/app_lsp.h) echo app ;;
	*) echo core ;;
	esac
}

allowed() { # allowed LAYER LAYER-INCLUDED
	case $1:$2 in
	base:base | core:base | core:core | io:base | io:core | io:io | \
		render:base | render:core | render:render | app:base | \
		app:core | app:io | app:render | app:app | cli:*) return 0 ;;
	esac
	return 1
}

for dir in base core io render app cli; do
	for f in "$src"/src/$dir/*.[ch] "$src"/include/profdiff/*.h; do
		[ -e "$f" ] || continue
		case $f in
		"$src"/include/*)
			# a public header is checked with its layer
			[ "$(layer_of "profdiff/${f##*/}")" = "$dir" ] || continue ;;
		esac
		grep -n '^#include' "$f" | while IFS= read -r line; do
			inc=$(printf '%s\n' "$line" |
				sed -n 's/.*#include *[<"]\([^">]*\)[">].*/\1/p')
			case $inc in
			git2.h | git2/* | yaml.h | zlib.h | jansson.h)
				[ "$dir" = io ] ||
					echo "${f#"$src"/}:${line%%:*}: $dir includes $inc: only io reads git, YAML, zlib and JSON"
				continue ;;
			profdiff/*)
				[ -e "$src/include/$inc" ] || continue
				l=$(layer_of "$inc") ;;
			*)
				# a private header: the layer whose directory
				# holds it
				l=""
				for d in base core io render app cli; do
					[ -e "$src/src/$d/$inc" ] && l=$d
				done
				[ -n "$l" ] || continue ;;
			esac
			allowed "$dir" "$l" ||
				echo "${f#"$src"/}:${line%%:*}: $dir includes $inc, of the $l layer"
		done
	done
done >>"$out"

grep -n 'isatty' "$src"/src/base/*.[ch] "$src"/src/core/*.[ch] \
	"$src"/src/io/*.[ch] "$src"/src/render/*.[ch] "$src"/src/app/*.[ch] \
	2>/dev/null | sed 's/$/: only the program asks about terminals/' >>"$out"

# sorts and searches through sort.h's wrappers, which take an empty
# array's NULL: qsort and bsearch may not
grep -n -E '(^|[^_a-z])(qsort|bsearch) *\(' "$src"/src/*/*.c 2>/dev/null |
	grep -v -e '^[^:]*/sort\.c:' -e '^[^:]*:[0-9]*:[[:space:]]*/\{0,1\}\*' |
	sed 's/$/: pd_qsort and pd_bsearch (sort.h), not the libc calls/' >>"$out"

# global symbols: defined, external, without the prefix
for f in "$@"; do
	nm -g --defined-only "$f" 2>/dev/null |
		awk -v f="${f##*/}" 'NF == 3 && $2 ~ /[TDBRC]/ && $3 !~ /^pd_/ &&
			$3 != "main" && $3 !~ /^_/ && $3 !~ /@/ {
			print f ": global symbol without the pd_ prefix: " $3 }'
done >>"$out"

if [ -s "$out" ]; then
	sed 's/^/layers: /' "$out"
	exit 1
fi
echo "layers: every include and symbol where its layer allows"

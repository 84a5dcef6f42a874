#!/usr/bin/env bash
# shots.sh OUTDIR PAGE.html...: each page as a reader sees it, through
# headless Chromium: a screenshot at 1280 px and at 390 px wide, and the
# page printed (PDF, and its first page as a PNG when pdftoppm is there).
# Any console message (a script error, a script or resource the
# Content-Security-Policy refused) is printed as
# "PAGE: console: MESSAGE" and the exit status is 1. Exit 2 without
# Chromium.
set -u
out=${1:?usage: shots.sh OUTDIR PAGE.html...}
shift
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
[ -n "$browser" ] || { echo "shots.sh: no chromium" >&2; exit 2; }
mkdir -p "$out"
profile=$(mktemp -d "${TMPDIR:-/tmp}/shots.XXXXXX")
trap 'rm -rf "$profile"' EXIT
chrome() {
	timeout 60 "$browser" --headless --no-sandbox --disable-gpu \
		--no-first-run --disable-extensions --hide-scrollbars \
		--user-data-dir="$profile" --enable-logging=stderr --v=0 "$@"
}
status=0
for page in "$@"; do
	abs=$(cd "$(dirname "$page")" && pwd)/$(basename "$page")
	name=$(printf '%s' "${page#./}" | tr '/' '_')
	name=${name%.html}
	: > "$out/$name.log"
	for w in 1280 390; do
		chrome --window-size="$w,900" --screenshot="$out/$name-$w.png" \
			"file://$abs" >/dev/null 2>>"$out/$name.log"
	done
	chrome --no-pdf-header-footer --print-to-pdf="$out/$name-print.pdf" \
		"file://$abs" >/dev/null 2>>"$out/$name.log"
	if command -v pdftoppm >/dev/null && [ -s "$out/$name-print.pdf" ]; then
		pdftoppm -png -r 60 -f 1 -l 1 "$out/$name-print.pdf" "$out/$name-print"
	fi
	# Chromium logs each message of the page's console as
	# ":CONSOLE:LINE] "message"": an uncaught error, a script or load the
	# Content-Security-Policy refused. The pages write nothing to the
	# console of their own, so any such line is an error.
	if grep -E ':CONSOLE[:(]' "$out/$name.log" | sort -u >"$out/$name.err" &&
		[ -s "$out/$name.err" ]; then
		sed "s|^|$page: console: |" "$out/$name.err"
		status=1
	fi
	for f in "$out/$name-1280.png" "$out/$name-390.png" "$out/$name-print.pdf"; do
		[ -s "$f" ] || { echo "$page: no $(basename "$f")"; status=1; }
	done
done
exit $status

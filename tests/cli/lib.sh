# lib.sh: a small harness for CLI tests. A test script sources it, with the
# profdiff binary, the fixtures and the bundled profiles as its arguments, runs commands
# with `run`, checks them with the assert_* functions, and ends with `finish`.
set -u

PROFDIFF=${1:?usage: test_X.sh PROFDIFF FIXTURES PROFILES}
FIXTURES=${2:?usage: test_X.sh PROFDIFF FIXTURES PROFILES}
PROFILES=${3:?usage: test_X.sh PROFDIFF FIXTURES PROFILES}
PROFDIFF=$(cd "$(dirname "$PROFDIFF")" && pwd)/$(basename "$PROFDIFF")
# the binary itself, where PROFDIFF is a wrapper (scripts/valgrind.sh):
# what profdiff records of itself (hooks, the diff driver) names it
PROFDIFF_BIN=${PROFDIFF_REAL:-$PROFDIFF}
FIXTURES=$(cd "$FIXTURES" && pwd)
PROFILES=$(cd "$PROFILES" && pwd)
PAGES=$FIXTURES/pages
CLI_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
TMP=$(mktemp -d "${TMPDIR:-/tmp}/profdiff-cli.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
export NO_COLOR= TERM=dumb
unset GIT_DIR GIT_WORK_TREE

passed=0
failed=0
current=""

# profiles_repo DIR PROFILE: a profiles repository made anew at DIR, with an
# editor's name, holding the bundled PROFILE (cambodia.yaml) committed once.
profiles_repo() {
	rm -rf "$1"
	git init -q "$1"
	git -C "$1" config user.name Editor
	git -C "$1" config user.email editor@example.org
	"$PROFDIFF" init "$1" >/dev/null
	cp "$PROFILES/$2" "$1/profiles/"
	(cd "$1" && "$PROFDIFF" commit -m first "profiles/$2" >/dev/null 2>&1)
}

# test NAME: starts a named case (for messages).
test_case() { current=$1; }

# run CMD...: runs it, keeping stdout in $out, stderr in $err, status in $rc.
run() {
	out=$("$@" 2>"$TMP/.stderr")
	rc=$?
	err=$(cat "$TMP/.stderr")
}

ok() { passed=$((passed + 1)); }
ko() {
	failed=$((failed + 1))
	printf 'FAIL [%s] %s\n' "$current" "$1"
	[ -n "${out:-}" ] && printf '  stdout: %s\n' "$out" | head -20
	[ -n "${err:-}" ] && printf '  stderr: %s\n' "$err" | head -20
	return 0
}

assert_rc() { [ "$rc" -eq "$1" ] && ok || ko "exit status $rc, expected $1"; }
assert_out() { [ "$out" = "$1" ] && ok || ko "stdout is not: $1"; }
assert_err() { [ "$err" = "$1" ] && ok || ko "stderr is not: $1"; }
assert_out_has() { case "$out" in *"$1"*) ok ;; *) ko "stdout lacks: $1" ;; esac; }
assert_err_has() { case "$err" in *"$1"*) ok ;; *) ko "stderr lacks: $1" ;; esac; }
assert_out_lacks() { case "$out" in *"$1"*) ko "stdout has: $1" ;; *) ok ;; esac; }
assert_no_err() { [ -z "$err" ] && ok || ko "stderr is not empty"; }
assert_same_file() { cmp -s "$1" "$2" && ok || ko "$1 and $2 differ"; }
assert_differ() { cmp -s "$1" "$2" && ko "$1 and $2 are the same" || ok; }
assert_true() { if eval "$1"; then ok; else ko "not true: $1"; fi; }

# fetches_nothing FILE: an HTML page loads nothing from elsewhere: no src
# or href but a reader's link to a source (<a class="url">) names another
# host.
fetches_nothing() {
	! grep -Eq "src=\"(https?:)?//" "$1" &&
		! grep -Eo "<[^>]* href=\"(https?:)?//" "$1" |
			grep -qv '^<a class="url" rel="noreferrer" href="'
}

# dom_check [--blame] PAGE...: tests/cli/dom_check.py, with a Python
# that has html5lib (python3-html5lib; scripts/test.sh installs it)
dom_check() {
	local py
	for py in python3 /usr/bin/python3; do
		if "$py" -c 'import html5lib' 2>/dev/null; then
			"$py" "$CLI_DIR/dom_check.py" "$@"
			return
		fi
	done
	echo "no Python with html5lib" >&2
	return 2
}

finish() {
	printf '%d passed, %d failed\n' "$passed" "$failed"
	[ "$failed" -eq 0 ]
	exit $?
}

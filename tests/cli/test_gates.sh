# One rule set, every gate (docs/DESIGN.md, section 8): each scenario runs
# through lint in the repository, the pre-commit hook, profdiff commit,
# review --staged and the pre-receive hook of a real bare server, each on
# its own copy of the same clone and server, and every gate must give the
# same verdict, with the same finding when it refuses.
. "$(dirname "$0")/lib.sh"
D=$FIXTURES/diff
NK=profiles/north-korea.yaml
export GIT_CONFIG_NOSYSTEM=1

# The template: a server with the pre-receive hook, holding one published
# revision (2026-02-10), and a clone of it with the pre-commit hook.
T=$TMP/template
mkdir -p "$T"
git init -q --bare "$T/server.git"
"$PROFDIFF" -C "$T/server.git" hooks install >/dev/null
git init -q "$T/seed"
git -C "$T/seed" config user.name Editor
git -C "$T/seed" config user.email editor@example.org
"$PROFDIFF" init "$T/seed" >/dev/null
cp "$D/ratification/after.yaml" "$T/seed/$NK"
(cd "$T/seed" && "$PROFDIFF" commit -m "published 2026-02-10" "$NK" >/dev/null 2>&1)
git -C "$T/seed" push -q "$T/server.git" HEAD:refs/heads/main
git -C "$T/server.git" symbolic-ref HEAD refs/heads/main
git clone -q "$T/server.git" "$T/clone" 2>/dev/null
git -C "$T/clone" config user.name Editor
git -C "$T/clone" config user.email editor@example.org
"$PROFDIFF" -C "$T/clone" hooks install >/dev/null

# edit SED: the clone's profile edited in place, kept canonical.
edit() {
	sed -i "$1" "$C/$NK"
	"$PROFDIFF" fmt "$C/$NK" >/dev/null
}
# draft_commit SED: a commit of a draft (a new date), past the hook, as an
# editor's earlier commit of the same update.
draft_commit() {
	edit "$1"
	git -C "$C" commit -qam "draft" --no-verify
}

# The scenarios: each prepares the clone $C (the update staged) and names
# how git commits it (commit or amend).
sc_backwards() {
	edit 's/^last_updated: 2026-02-10/last_updated: 2026-01-15/'
	how=commit
}
sc_substance() {
	edit 's/ICCPR: {status: party/ICCPR: {status: signatory/'
	how=commit
}
sc_draft() {
	draft_commit 's/^last_updated: 2026-02-10/last_updated: 2026-03-01/'
	edit 's/ICCPR: {status: party/ICCPR: {status: signatory/'
	how=commit
}
sc_amend() {
	draft_commit 's/^last_updated: 2026-02-10/last_updated: 2026-03-01/; s/ICCPR: {status: party/ICCPR: {status: signatory/'
	edit 's/the ICCPR, ICESCR, CRC, and CEDAW/the ICESCR, CRC, and CEDAW/'
	how=amend
}
sc_typo() {
	edit 's/In the DRPK’s submission/In the DPRK’s submission/'
	how=commit
}
sc_future() {
	edit 's/^last_updated: 2026-02-10/last_updated: 2999-01-01/'
	how=commit
}
sc_suppression() {
	edit 's/^last_updated: 2026-02-10/last_updated: 2026-03-01/; s/according to Daily NK.\[23\]/according to Daily NK.[98]/'
	printf 'lint:\n  ignore: [dangling-citation]\n' >>"$C/$NK"
	how=commit
}

sc_as_published() {
	# published with an error (the server's hook set aside for it), then
	# a typo fixed under the same date: the error is not the update's
	edit 's/according to Daily NK.\[23\]/according to Daily NK.[97]/'
	git -C "$C" commit -qam "published with a dangling marker" --no-verify
	mv "$W/server.git/hooks/pre-receive" "$W/pre-receive"
	git -C "$C" push -q origin HEAD:refs/heads/main
	mv "$W/pre-receive" "$W/server.git/hooks/pre-receive"
	edit 's/In the DRPK’s submission/In the DPRK’s submission/'
	how=commit
}

# gate NAME: runs one gate on the prepared copy; sets $verdict and keeps
# what it said in $said.
gate() {
	case $1 in
	lint) run "$PROFDIFF" -C "$C" lint --format gcc "$C/$NK" ;;
	pre-commit)
		if [ "$how" = amend ]; then
			run git -C "$C" commit -q --amend -am "amended"
		else
			run git -C "$C" commit -qam "update"
		fi ;;
	commit) run "$PROFDIFF" -C "$C" commit -m "update" "$NK" ;;
	review) git -C "$C" add -A && run "$PROFDIFF" -C "$C" review --staged ;;
	pre-receive)
		if [ "$how" = amend ]; then
			git -C "$C" commit -q --amend -am "amended" --no-verify
		else
			git -C "$C" commit -qam "update" --no-verify
		fi
		run git -C "$C" push origin HEAD:refs/heads/main ;;
	esac
	said="$out
$err"
	case $rc in
	0) verdict=accepted ;;
	1) verdict=refused ;;
	*) # git says 1 for a refused commit or push; profdiff 2 is trouble
		case $1 in pre-commit | pre-receive) verdict=refused ;; *) verdict="trouble ($rc)" ;; esac ;;
	esac
}

# scenario, expected verdict, the finding a refusal names
while read -r name want finding; do
	test_case "$name: $want by every gate"
	verdicts=""
	for g in lint pre-commit commit review pre-receive; do
		# lint itself reports every error, the published ones too
		[ "$name:$g" != as_published:lint ] || continue
		W=$TMP/run-$name-$g
		rm -rf "$W"
		cp -r "$T" "$W"
		C=$W/clone
		git -C "$C" remote set-url origin "$W/server.git"
		"sc_$name"
		before=$(git -C "$W/server.git" rev-parse main)
		gate "$g"
		verdicts="$verdicts $g=$verdict"
		if [ "$verdict" != "$want" ]; then
			ko "$g: $verdict, expected $want"
		else
			ok
		fi
		# the local gates count the errors published before
		case $name:$g in as_published:pre-commit | as_published:commit)
			case "$said" in
			*"1 error as published (not this update's)"*) ok ;;
			*) ko "$g does not count the published error" ;;
			esac ;;
		esac
		if [ "$want" = refused ]; then
			case "$said" in
			*"$finding"*) ok ;;
			*) ko "$g does not name: $finding" ;;
			esac
			# nothing got through
			[ "$g" != pre-receive ] || assert_true '[ "$(git -C "$W/server.git" rev-parse main)" = "$before" ]'
			# the local gates say what is published
			case $g in pre-commit | commit)
				case "$said" in
				*"published is what origin/main holds"*) ok ;;
				*) ko "$g does not name the publication branch" ;;
				esac ;;
			esac
		fi
		rm -rf "$W"
	done
	printf '  %s:%s\n' "$name" "$verdicts"
done <<'TABLE'
backwards refused last_updated 2026-01-15 is earlier than 2026-02-10, the date of the previous published revision [date-regression]
substance refused the content changed in substance since the revision published on 2026-02-10 (1 treaty changed), but last_updated did not [date-not-bumped]
draft accepted -
amend accepted -
typo accepted -
as_published accepted -
future refused last_updated 2999-01-01 is after today
suppression refused the lint.ignore entry for dangling-citation added since the published revision silences an error: [98] cites footnote 98, which does not exist [suppression-added]
TABLE

finish

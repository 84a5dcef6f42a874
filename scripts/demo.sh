#!/usr/bin/env bash
# The main job: installs what is missing, builds profdiff, builds a demo
# profiles repository from profiles/ and the later revisions of
# tests/fixtures/demo/, and runs log, diff, lint and changelog on it.
set -euo pipefail
cd "$(dirname "$0")/.."
top=$(pwd)

scripts/deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$(nproc)" >/dev/null
pd=$top/build/profdiff
demo=$top/build/demo

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

rm -rf "$demo"
step "profdiff init build/demo"
$pd init "$demo"
cd "$demo"
git config user.name "Ada Editor"
git config user.email ada@example.org
export GIT_AUTHOR_DATE GIT_COMMITTER_DATE

commit() { # commit FILE DATE MESSAGE [--force]
	GIT_AUTHOR_DATE="$2T10:00:00Z" GIT_COMMITTER_DATE="$2T10:00:00Z" \
		$pd commit "$1" -m "$3" ${4:-} >/dev/null
}

step "the published profiles, committed as they are (their known defects: --force)"
for p in cambodia laos north-korea; do
	cp "$top/profiles/$p.yaml" profiles/
done
commit profiles/cambodia.yaml 2026-01-20 "Cambodia as published" --force
commit profiles/laos.yaml 2026-01-21 "Laos as published" --force
commit profiles/north-korea.yaml 2026-01-29 "North Korea as published"
echo "3 profiles committed"

step "later revisions: a ratification, a typo fix, a law enacted, new figures"
cp "$top/tests/fixtures/demo/north-korea.2026-02-10.yaml" profiles/north-korea.yaml
commit north-korea 2026-02-10 "North Korea: accession to the 1954 Convention"
cp "$top/tests/fixtures/demo/north-korea.2026-02-10-typo.yaml" profiles/north-korea.yaml
commit north-korea 2026-02-11 "North Korea: typo"
cp "$top/tests/fixtures/demo/cambodia.2026-02-15.yaml" profiles/cambodia.yaml
commit cambodia 2026-02-15 "Cambodia: the data protection law is enacted"
cp "$top/tests/fixtures/demo/laos.2026-03-01.yaml" profiles/laos.yaml
commit laos 2026-03-01 "Laos: new figures" --force
git log --oneline

step "profdiff log"
$pd log

step "profdiff diff north-korea   (the previous published revision against the newest)"
$pd diff north-korea

step "profdiff lint profiles/north-korea.yaml"
$pd lint profiles/north-korea.yaml || true

step "profdiff changelog --since 2026-02-01"
$pd changelog --since 2026-02-01

step "profdiff review HEAD~4..HEAD   (the four later revisions as one update)"
$pd review HEAD~4..HEAD || true

step "profdiff blame north-korea   (each claim's introduction and last change)"
$pd blame north-korea

step "profdiff overview --since 2026-02-01"
$pd overview --since 2026-02-01

step "profdiff render north-korea   (the profile as the publication's page)"
$pd render north-korea -o north-korea.txt
head -n 12 north-korea.txt
echo "..."

$pd changelog --format html -o changelog.html
$pd changelog --format atom --feed-id example.org -o changelog.atom
$pd overview --since 2026-02-01 --format html -o overview.html
step "profdiff site -o site --base-url https://example.org/profiles/"
$pd site -o site --base-url https://example.org/profiles/
step "also written: build/demo/changelog.html (a page with a timeline), build/demo/changelog.atom (a feed), build/demo/overview.html (the regional overview, linked to the changelog) and build/demo/site/index.html (the static site: each profile's page, history, diffs and blame)"

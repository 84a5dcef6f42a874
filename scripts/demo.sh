#!/usr/bin/env bash
# The main job on the bundled profiles: installs what is missing, builds
# profdiff, and runs it over profiles/ and the pages they come from.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$(nproc)" >/dev/null
pd=build/profdiff
pages=tests/fixtures/pages

echo "== profdiff import $pages/north-korea.txt   (the review report)"
$pd import "$pages/north-korea.txt" >/dev/null
echo
echo "== profdiff fmt --check profiles/"
$pd fmt --check profiles/ && echo "all profiles are in canonical form"
echo
echo "== profdiff lint profiles/   (the real defects of the published pages)"
$pd lint profiles/ || true
echo
echo "== profdiff diff: a ratification, in substance"
$pd diff tests/fixtures/diff/ratification/before.yaml tests/fixtures/diff/ratification/after.yaml
echo
echo "== profdiff diff: footnotes renumbered, lines re-wrapped, quotes straightened"
$pd diff tests/fixtures/diff/noise/before.yaml tests/fixtures/diff/noise/after.yaml
echo
echo "== profdiff show profiles/cambodia.yaml   (laws and treaties)"
$pd show profiles/cambodia.yaml | sed -n '/^laws:/,/^footnotes:/p'

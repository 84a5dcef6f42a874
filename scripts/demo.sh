#!/usr/bin/env bash
# The main job on the bundled profiles: installs what is missing, builds
# profdiff, and runs it over profiles/.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$(nproc)" >/dev/null
pd=build/profdiff

echo "== profdiff fmt --check profiles/"
$pd fmt --check profiles/ && echo "all profiles are in canonical form"

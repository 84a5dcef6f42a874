#!/usr/bin/env bash
# Installs the Debian packages profdiff needs to build and test, when any
# is missing. Runs apt-get as root, or through sudo.
set -euo pipefail

packages=(build-essential cmake pkg-config git
	libgit2-dev libyaml-dev libxxhash-dev libutf8proc-dev zlib1g-dev check
	libssl-dev libxml2-utils libjansson-dev scdoc)
# extra packages a caller asks for (e.g. the test run's tools)
packages+=("$@")

missing=()
for p in "${packages[@]}"; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
		missing+=("$p")
	fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
	sudo=()
elif command -v sudo >/dev/null; then
	sudo=(sudo)
else
	echo "profdiff: error: missing packages (${missing[*]}) and no root or sudo to install them" >&2
	exit 2
fi
echo "Installing: ${missing[*]}" >&2
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null

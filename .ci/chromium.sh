#!/usr/bin/env bash
# Makes sure a Chromium is on the machine for the browser tests of the
# review page (package service), installing Debian's chromium package when
# none is, and prints the path of the browser (for CHROMIUM_PATH) on
# standard output and its version on standard error.
#
# Usage: path=$(bash .ci/chromium.sh) || exit 1
set -euo pipefail

find_chromium() {
	if [ -n "${CHROMIUM_PATH:-}" ] && [ -x "$CHROMIUM_PATH" ]; then
		echo "$CHROMIUM_PATH"
		return
	fi
	command -v chromium 2>/dev/null || true
}

path=$(find_chromium)
if [ -z "$path" ]; then
	echo "installing chromium from the Debian packages" >&2
	apt-get update >&2
	DEBIAN_FRONTEND=noninteractive apt-get install -y chromium >&2
	path=$(find_chromium)
fi
if [ -z "$path" ]; then
	echo "no chromium binary after installing the chromium package" >&2
	exit 1
fi
# Debian's launcher script may complain about /dev/shm on stderr; the
# version line is on stdout.
version=$("$path" --version 2>/dev/null) || {
	echo "$path --version failed" >&2
	exit 1
}
echo "$version" >&2
echo "$path"

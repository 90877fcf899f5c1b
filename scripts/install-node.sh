#!/usr/bin/env bash
# Makes Node >= 24 (and a matching npm) available.
#
# Prints, as its last stdout line, the directory to prepend to PATH, or an empty
# line when the node/npm already on PATH will do.
#
# If `node` on PATH is older than 24, installs node-linux-<arch>@$KANAVA_NODE_VERSION
# and npm@$KANAVA_NPM_VERSION from the npm registry into .tools/node24 (with the
# system npm; Debian's npm is installed with apt first when there is none).
#
# Env: KANAVA_NODE_VERSION (default 24.21.0), KANAVA_NPM_VERSION (default 11.19.1)
set -euo pipefail
. "$(dirname "$0")/lib.sh"

NODE_VERSION=${KANAVA_NODE_VERSION:-24.21.0}
NPM_VERSION=${KANAVA_NPM_VERSION:-11.19.1}
MIN_MAJOR=24
PREFIX=$KANAVA_ROOT/.tools/node24
BIN=$PREFIX/node_modules/.bin

if [ "$(node_major node)" -ge "$MIN_MAJOR" ] && command -v npm >/dev/null; then
	say "using $(command -v node) $(node --version)"
	echo
	exit 0
fi

tools_ok() {
	[ "$("$BIN/node" --version 2>/dev/null)" = "v$NODE_VERSION" ] && [ -x "$BIN/npm" ] &&
		grep -q "\"version\": *\"$NPM_VERSION\"" "$PREFIX/node_modules/npm/package.json" 2>/dev/null
}

if ! tools_ok; then
	say "installing node $NODE_VERSION and npm $NPM_VERSION into ${PREFIX#"$KANAVA_ROOT"/}"
	command -v npm >/dev/null || ensure_apt npm # Debian 12: npm 9 on node 18, only used to bootstrap
	mkdir -p "$PREFIX"
	[ -f "$PREFIX/package.json" ] || echo '{ "private": true }' >"$PREFIX/package.json"
	# The bootstrap npm may run on an old node; it only has to unpack two packages.
	npm install --prefix "$PREFIX" --save-exact --no-audit --no-fund --no-progress --loglevel=error \
		"node-linux-$(npm_arch)@$NODE_VERSION" "npm@$NPM_VERSION" >&2 ||
		die "could not install node $NODE_VERSION from the npm registry"
	tools_ok || die "node $NODE_VERSION installed into $PREFIX but does not run"
fi
say "using $BIN/node v$NODE_VERSION, npm $NPM_VERSION"
echo "$BIN"

#!/usr/bin/env bash
# Provides the mediasoup C++ worker binary for the mediasoup version in
# sfu/package.json and prints its path as the last stdout line.
#
# Installed copy: .tools/mediasoup-worker/<version>/mediasoup-worker (gitignored),
# taken from, in order:
#   1. the prebuilt cache   $KANAVA_CACHE/mediasoup-worker/prebuilt/<tarball name>/
#   2. mediasoup's prebuilt release tarball (GitHub), when it can be fetched
#   3. the build cache      $KANAVA_CACHE/mediasoup-worker/build/<version-recipe-distro>/
#      or a fresh build by scripts/mediasoup-worker/build.sh (~5 min on 2 cores)
# A binary is accepted only if, run with an empty environment, it exits with 41
# (the same check mediasoup's own installer makes).
#
# Usage: install-mediasoup-worker.sh [VERSION]
# Env:   KANAVA_CACHE (default ~/.cache/kanava)
#        KANAVA_NO_PREBUILT=1   do not try the download; build instead
#        MEDIASOUP_WORKER_PREBUILT_DOWNLOAD_BASE_URL  mirror of the release downloads
#                               (same meaning as for mediasoup's installer)
set -euo pipefail
. "$(dirname "$0")/lib.sh"
BUILD_SH=$KANAVA_ROOT/scripts/mediasoup-worker/build.sh

mediasoup_version() {
	local v=""
	if command -v node >/dev/null; then
		v=$(node -p "require(process.argv[1]).dependencies.mediasoup" "$KANAVA_ROOT/sfu/package.json" 2>/dev/null) || v=""
	fi
	[ -n "$v" ] || v=$(sed -n 's/^ *"mediasoup": *"\([^"]*\)".*/\1/p' "$KANAVA_ROOT/sfu/package.json" | head -1)
	if ! [[ $v =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] && command -v node >/dev/null && [ -f "$KANAVA_ROOT/package-lock.json" ]; then
		# a range: take the version the lockfile resolved it to
		v=$(node -p "require(process.argv[1]).packages['node_modules/mediasoup'].version" "$KANAVA_ROOT/package-lock.json" 2>/dev/null) || v=""
	fi
	[[ $v =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || die "cannot tell the mediasoup version from sfu/package.json ('$v')"
	echo "$v"
}

valid_worker() { # exit status 41 = "you don't seem to be my real father" = it runs here
	local rc=0
	[ -f "$1" ] && [ -x "$1" ] || return 1
	env -i "$1" </dev/null >/dev/null 2>&1 || rc=$?
	[ "$rc" = 41 ]
}

VERSION=${1:-$(mediasoup_version)}
ARCH=$(npm_arch)
KERNEL=$(uname -r | cut -d. -f1)
PREBUILT_NAME=mediasoup-worker-$VERSION-linux-$ARCH-kernel$KERNEL
PREBUILT_BASE=${MEDIASOUP_WORKER_PREBUILT_DOWNLOAD_BASE_URL:-https://github.com/versatica/mediasoup/releases/download}
PREBUILT_URL=$PREBUILT_BASE/$VERSION/$PREBUILT_NAME.tgz
PREBUILT_CACHED=$KANAVA_CACHE/mediasoup-worker/prebuilt/$PREBUILT_NAME/mediasoup-worker
export MS_WORKER_CACHE=$KANAVA_CACHE/mediasoup-worker/build
BUILD_KEY=$(bash "$BUILD_SH" --key "$VERSION")

DEST_DIR=$KANAVA_ROOT/.tools/mediasoup-worker/$VERSION
DEST=$DEST_DIR/mediasoup-worker
STAMP=$DEST_DIR/source

RUNTIME_APT="libuv1 libssl3 libsrtp2-1 libabsl20220623" # what a built (dynamically linked) worker needs
# shellcheck disable=SC2086
ensure_runtime_libs() { [ "$(distro_id)" != debian-12 ] || ensure_apt $RUNTIME_APT; }

install_from() { # install_from BINARY SOURCE-LABEL
	mkdir -p "$DEST_DIR"
	cp -f "$1" "$DEST.tmp.$$" && chmod 755 "$DEST.tmp.$$" && mv -f "$DEST.tmp.$$" "$DEST"
	echo "$2" >"$STAMP"
	say "mediasoup-worker $VERSION: $2"
	echo "$DEST"
	exit 0
}

# 0. already installed (from the prebuilt, or from a build with the current recipe)
if [ -f "$STAMP" ]; then
	case "$(cat "$STAMP")" in
	"prebuilt $PREBUILT_NAME" | "build $BUILD_KEY")
		case "$(cat "$STAMP")" in build*) ensure_runtime_libs ;; esac
		if valid_worker "$DEST"; then
			say "mediasoup-worker $VERSION: installed ($(cat "$STAMP"))"
			echo "$DEST"
			exit 0
		fi ;;
	esac
fi

# 1. prebuilt, cached
if valid_worker "$PREBUILT_CACHED"; then install_from "$PREBUILT_CACHED" "prebuilt $PREBUILT_NAME"; fi

# 2. prebuilt, downloaded
if [ -z "${KANAVA_NO_PREBUILT:-}" ]; then
	command -v curl >/dev/null || ensure_apt curl ca-certificates
	tmp=$(mktemp -d "${TMPDIR:-/tmp}/kanava-worker.XXXXXX")
	trap 'rm -rf "$tmp"' EXIT
	say "fetching $PREBUILT_URL"
	if curl -fsSL --connect-timeout 10 --max-time 120 --retry 1 -o "$tmp/w.tgz" "$PREBUILT_URL" 2>"$tmp/curl.err" &&
		mkdir "$tmp/x" && tar -xzf "$tmp/w.tgz" -C "$tmp/x" 2>"$tmp/curl.err"; then
		bin=$(find "$tmp/x" -type f -name mediasoup-worker | head -1)
		if [ -n "$bin" ] && chmod 755 "$bin" && valid_worker "$bin"; then
			mkdir -p "$(dirname "$PREBUILT_CACHED")"
			cp -f "$bin" "$PREBUILT_CACHED.tmp.$$" && mv -f "$PREBUILT_CACHED.tmp.$$" "$PREBUILT_CACHED"
			install_from "$PREBUILT_CACHED" "prebuilt $PREBUILT_NAME"
		fi
		say "the prebuilt worker does not run on this machine; building it instead"
	else
		say "no prebuilt worker ($(tail -n 1 "$tmp/curl.err" | cut -c1-200)); building it instead"
	fi
fi

# 3. built from source against Debian's libraries (cached by build.sh)
ensure_runtime_libs
[ -x "$MS_WORKER_CACHE/$BUILD_KEY/mediasoup-worker" ] ||
	say "building mediasoup-worker $VERSION from source (about 5 minutes on 2 cores; cached afterwards)"
bash "$BUILD_SH" "$DEST.built" "$VERSION" >&2 || die "building mediasoup-worker failed"
valid_worker "$DEST.built" || die "the mediasoup-worker built from source does not run (expected exit status 41)"
mv -f "$DEST.built" "$DEST"
echo "build $BUILD_KEY" >"$STAMP"
say "mediasoup-worker $VERSION: build $BUILD_KEY"
echo "$DEST"

#!/usr/bin/env bash
# Build the mediasoup C++ worker offline (npm registry + Debian apt + pip only)
# against Debian 12 system libraries, using the shim meson subprojects next to
# this script instead of meson wraps (which would download from the internet).
#
# Usage: build.sh OUT_PATH [MEDIASOUP_VERSION]
#        build.sh --key [MEDIASOUP_VERSION]   print the cache key and exit
#   OUT_PATH           where to write the mediasoup-worker binary
#   MEDIASOUP_VERSION  npm version (default: $MEDIASOUP_VERSION or 3.27.1)
# Env:
#   MS_WORKER_CACHE    cache dir (default: ${XDG_CACHE_HOME:-$HOME/.cache}/mediasoup-worker)
#   MS_NO_APT=1        never run apt-get; just fail listing missing packages
#   MS_KEEP_BUILD=1    keep the temporary build dir (its path is printed)
#   MS_FORCE_DEBIAN_MESON=1  skip pip and use Debian's meson 1.0.x (the fallback
#                      taken when pip cannot install meson>=1.1)
#   JOBS               ninja parallelism (default: nproc)
set -euo pipefail

die() { echo "build-mediasoup-worker: $*" >&2; exit 1; }
log() { echo "build-mediasoup-worker: $*" >&2; }

[ $# -ge 1 ] || die "usage: $0 OUT_PATH|--key [MEDIASOUP_VERSION]"
OUT=$1
VERSION=${2:-${MEDIASOUP_VERSION:-3.27.1}}
HERE=$(cd "$(dirname "$0")" && pwd)
SHIMS=$HERE/shims/subprojects
CACHE=${MS_WORKER_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/mediasoup-worker}

APT_PACKAGES="build-essential pkg-config ninja-build python3-venv
  libssl-dev libuv1-dev libsrtp2-dev libabsl-dev libflatbuffers-dev flatbuffers-compiler"

# ---- cache key: mediasoup version + hash of this recipe + distro ----------
# (read in a subshell: /etc/os-release defines VERSION, which would clobber ours)
DISTRO="$(. /etc/os-release && echo "${ID}-${VERSION_ID:-unknown}")-$(uname -m)"
RECIPE_HASH=$(cd "$HERE" && find build.sh shims -type f -print0 |
	LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum | cut -c1-12)
KEY="mediasoup-${VERSION}-${RECIPE_HASH}-${DISTRO}"
CACHED=$CACHE/$KEY/mediasoup-worker
if [ "$OUT" = --key ]; then echo "$KEY"; exit 0; fi

install_out() {
	mkdir -p "$(dirname "$OUT")"
	cp -f "$CACHED" "$OUT.tmp.$$" && chmod 755 "$OUT.tmp.$$" && mv -f "$OUT.tmp.$$" "$OUT"
	log "worker -> $OUT (cache key $KEY)"
}

if [ -x "$CACHED" ]; then
	log "cache hit"
	install_out
	exit 0
fi

# ---- 1. Debian packages -----------------------------------------------------
missing=""
for p in $APT_PACKAGES; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
apt_install() { # apt_install PKG... (root only, unless MS_NO_APT)
	if [ "$(id -u)" = 0 ] && [ -z "${MS_NO_APT:-}" ]; then
		log "apt-get install: $*"
		apt-get update -qq
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
	else
		die "missing Debian packages, run as root: apt-get install -y $*"
	fi
}
[ -z "$missing" ] || apt_install $missing

# ---- 2. meson >= 1.1 (Debian 12 ships 1.0.1): pip into a venv --------------
# Fallback when pip cannot get it: Debian's meson 1.0.x with the sources patched
# (meson_version lowered, meson.options copied to meson_options.txt), see step 4b.
meson_ge() { "$1" --version 2>/dev/null | awk -F. -v M="$2" -v m="$3" '{ exit !($1 > M || ($1 == M && $2 >= m)) }'; }
MESON=""
LEGACY_MESON=""
if [ -n "${MS_FORCE_DEBIAN_MESON:-}" ]; then
	log "MS_FORCE_DEBIAN_MESON set: not using pip"
elif command -v meson >/dev/null && meson_ge meson 1 1; then
	MESON=$(command -v meson)
elif meson_ge "$CACHE/venv/bin/meson" 1 1; then
	MESON=$CACHE/venv/bin/meson
else
	log "installing meson with pip into $CACHE/venv"
	mkdir -p "$CACHE"
	PY=/usr/bin/python3; [ -x "$PY" ] || PY=python3
	if "$PY" -m venv "$CACHE/venv" &&
		"$CACHE/venv/bin/pip" install -q --retries 1 --timeout 30 'meson>=1.1' &&
		meson_ge "$CACHE/venv/bin/meson" 1 1; then
		MESON=$CACHE/venv/bin/meson
	else
		rm -rf "$CACHE/venv"
		log "pip could not install meson>=1.1; falling back to Debian's meson"
	fi
fi
if [ -z "$MESON" ]; then
	dpkg-query -W -f='${Status}' meson 2>/dev/null | grep -q "ok installed" || apt_install meson
	MESON=/usr/bin/meson
	meson_ge "$MESON" 1 0 || die "Debian's meson is older than 1.0: $("$MESON" --version)"
	LEGACY_MESON=1
fi
log "meson $("$MESON" --version), ninja $(ninja --version), flatc $(flatc --version | awk '{print $NF}')"

# ---- 3. sources from the npm tarball ---------------------------------------
WORK=$(mktemp -d "${TMPDIR:-/tmp}/ms-worker-build.XXXXXX")
# Removed on success unless MS_KEEP_BUILD is set; kept (with logs) on failure.
trap 'rc=$?; if [ $rc = 0 ] && [ -z "${MS_KEEP_BUILD:-}" ]; then rm -rf "$WORK"; else log "build dir kept: $WORK"; fi' EXIT
(cd "$WORK" && npm pack --silent "mediasoup@$VERSION" >/dev/null) || die "npm pack mediasoup@$VERSION failed"
tar -xzf "$WORK"/mediasoup-*.tgz -C "$WORK"
W=$WORK/package/worker
[ -f "$W/meson.build" ] || die "no worker/meson.build in mediasoup@$VERSION tarball"

# ---- 4. replace wraps by shims ---------------------------------------------
SP=$W/subprojects
ud_dir=$(sed -n 's/^directory *= *//p' "$SP/unordered-dense.wrap" 2>/dev/null || true)
for wrap in "$SP"/*.wrap; do
	[ "$(basename "$wrap")" = unordered-dense.wrap ] || rm -f "$wrap"
done
for d in libuv openssl libsrtp3 flatbuffers abseil-cpp catch2; do
	cp -r "$SHIMS/$d" "$SP/$d"
	: >"$SP/$d/shim.c"
done
# unordered_dense is header-only and not packaged in Debian 12: a compatibility header onto std
# containers, placed where mediasoup's own wrap expects it so meson uses it as is.
if [ -n "$ud_dir" ]; then cp -r "$SHIMS/unordered_dense" "$SP/$ud_dir"; fi

# ---- 4b. meson 1.0.x compatibility (only with the Debian meson fallback) ------
# meson 1.0 reads meson_options.txt only (meson.options is 1.1+); mediasoup asks
# for >= 1.1.0 but builds with 1.0.1 once that is addressed.
if [ -n "$LEGACY_MESON" ]; then
	find "$W" -name meson.build -exec sed -i -E \
		"s/meson_version *: *'>= *1\.1(\.[0-9]+)?'/meson_version: '>= 1.0.0'/" {} +
	find "$W" -name meson.options | while read -r f; do
		[ -e "$(dirname "$f")/meson_options.txt" ] || cp "$f" "$(dirname "$f")/meson_options.txt"
	done
	log "patched sources for meson $("$MESON" --version)"
fi

# ---- 5. source patch ---------------------------------------------------------
# Debian's OpenSSL is built with KTLS, so the BIO callback operation carries
# extra flag bits; test the BIO_CB_RETURN bit instead of equality.
DTLS=$W/src/RTC/DtlsTransport.cpp
if grep -q 'operationType == BIO_CB_RETURN' "$DTLS"; then
	sed -i 's/operationType == BIO_CB_RETURN/(operationType \& BIO_CB_RETURN)/' "$DTLS"
	log "patched DtlsTransport.cpp (BIO_CB_RETURN)"
fi

# ---- 6. build -----------------------------------------------------------------
cd "$W"
start=$(date +%s)
"$MESON" setup build --wrap-mode=nodownload --buildtype release -Db_ndebug=true \
	-Db_pie=true -Db_staticpic=true -Dms_build_tests=false -Dms_build_fuzzer=false >"$WORK/setup.log" 2>&1 ||
	{ tail -40 "$WORK/setup.log" >&2; die "meson setup failed (full log: $WORK/setup.log)"; }
"$MESON" compile -C build -j "${JOBS:-$(nproc)}" flatbuffers-generator >"$WORK/fbs.log" 2>&1 ||
	{ tail -40 "$WORK/fbs.log" >&2; die "flatc generation failed"; }
"$MESON" compile -C build -j "${JOBS:-$(nproc)}" mediasoup-worker >"$WORK/build.log" 2>&1 ||
	{ grep -m20 -B2 -A8 'error' "$WORK/build.log" >&2 || tail -40 "$WORK/build.log" >&2; die "compile failed"; }
log "built in $(($(date +%s) - start)) s"

mkdir -p "$CACHE/$KEY"
strip -o "$CACHED.tmp" build/mediasoup-worker
mv -f "$CACHED.tmp" "$CACHED"
install_out

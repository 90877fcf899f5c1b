#!/usr/bin/env bash
# Build the mediasoup C++ worker offline (npm registry + Debian apt + pip only)
# against Debian 12 system libraries, using the shim meson subprojects next to
# this script instead of meson wraps (which would download from the internet).
#
# Usage: build-mediasoup-worker.sh OUT_PATH [MEDIASOUP_VERSION]
#   OUT_PATH           where to write the mediasoup-worker binary
#   MEDIASOUP_VERSION  npm version (default: $MEDIASOUP_VERSION or 3.27.1)
# Env:
#   MS_WORKER_CACHE    cache dir (default: ${XDG_CACHE_HOME:-$HOME/.cache}/mediasoup-worker)
#   MS_NO_APT=1        never run apt-get; just fail listing missing packages
#   MS_KEEP_BUILD=1    keep the temporary build dir (its path is printed)
#   JOBS               ninja parallelism (default: nproc)
set -euo pipefail

die() { echo "build-mediasoup-worker: $*" >&2; exit 1; }
log() { echo "build-mediasoup-worker: $*" >&2; }

[ $# -ge 1 ] || die "usage: $0 OUT_PATH [MEDIASOUP_VERSION]"
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
if [ -n "$missing" ]; then
	if [ "$(id -u)" = 0 ] && [ -z "${MS_NO_APT:-}" ]; then
		log "apt-get install:$missing"
		apt-get update -qq
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
	else
		die "missing Debian packages, run as root: apt-get install -y$missing"
	fi
fi

# ---- 2. meson >= 1.1 (Debian 12 ships 1.0.1): pip into a venv --------------
meson_ok() { "$1" --version 2>/dev/null | awk -F. '{ exit !($1 > 1 || ($1 == 1 && $2 >= 1)) }'; }
MESON=""
if command -v meson >/dev/null && meson_ok meson; then
	MESON=$(command -v meson)
elif meson_ok "$CACHE/venv/bin/meson"; then
	MESON=$CACHE/venv/bin/meson
else
	log "installing meson with pip into $CACHE/venv"
	mkdir -p "$CACHE"
	PY=/usr/bin/python3; [ -x "$PY" ] || PY=python3
	"$PY" -m venv "$CACHE/venv" || python3 -m venv "$CACHE/venv"
	"$CACHE/venv/bin/pip" install -q --retries 1 'meson>=1.1'
	MESON=$CACHE/venv/bin/meson
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

# shellcheck shell=bash
# Shared helpers for ./kanava and scripts/*.sh (sourced, not executed).
# Messages go to stderr so that scripts can print results on stdout.

KANAVA_ROOT=${KANAVA_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
# CI runners may start us without HOME (npm and the caches need it)
if [ -z "${HOME:-}" ]; then HOME=$(getent passwd "$(id -u)" | cut -d: -f6); export HOME; fi
KANAVA_CACHE=${KANAVA_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/kanava}

say() { echo "kanava: $*" >&2; }
die() { echo "kanava: error: $*" >&2; exit 1; }

# Runs as root directly, otherwise through sudo when available.
as_root() {
	if [ "$(id -u)" = 0 ]; then "$@"
	elif command -v sudo >/dev/null; then sudo "$@"
	else die "need root for: $*"
	fi
}

apt_missing() { # apt_missing PKG... -> prints the packages that are not installed
	local p
	for p in "$@"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || printf '%s ' "$p"
	done
}

# ensure_apt PKG... : installs the missing packages; `apt-get update` runs at
# most once per ./kanava run (KANAVA_APT_UPDATED is exported to child scripts).
ensure_apt() {
	local missing
	missing=$(apt_missing "$@")
	[ -n "$missing" ] || return 0
	command -v apt-get >/dev/null || die "missing packages ($missing) and no apt-get: install them by hand"
	if [ -z "${KANAVA_APT_UPDATED:-}" ]; then
		say "apt-get update"
		as_root apt-get update -qq >&2 || die "apt-get update failed"
		export KANAVA_APT_UPDATED=1
	fi
	say "apt-get install $missing"
	# shellcheck disable=SC2086
	as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >&2 ||
		die "apt-get install $missing failed"
}

# Prints the major version of the given node binary (0 if it does not run).
node_major() {
	local v
	v=$("${1:-node}" --version 2>/dev/null) || { echo 0; return; }
	v=${v#v}
	echo "${v%%.*}"
}

# Reads the cache/OS identity without clobbering our variables: /etc/os-release
# defines VERSION, NAME, ID... so it is sourced in a subshell only.
distro_id() { (. /etc/os-release 2>/dev/null && echo "${ID:-linux}-${VERSION_ID:-unknown}") || echo unknown; }

npm_arch() {
	case "$(uname -m)" in
	x86_64 | amd64) echo x64 ;;
	aarch64 | arm64) echo arm64 ;;
	*) die "unsupported CPU architecture: $(uname -m)" ;;
	esac
}

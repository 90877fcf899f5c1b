#!/usr/bin/env bash
# Runs a command against a Kanava server over real shaped links (root only):
#
#   scripts/netns/with-shaped-links.sh CMD ARGS...
#
# Creates this run's namespaces (netns.sh), starts the server in the SFU namespace on
# 10.231.88.1:${KANAVA_E2E_PORT:-3996} with demo data and a throw-away data folder, waits
# until it is ready, then runs CMD inside the expert namespace (unshaped) with:
#   KANAVA_QUALITY_URL   the server's URL
#   KQ_RUN               this run's id (netns.sh reads it)
#   KQ_NS_CUST           the customer namespace (for scripts/netns/chromium-in-netns.sh)
#   KQ_NETNS             path of netns.sh (to shape the customer's link: netns.sh shape cust UP DOWN)
#   KQ_TURN_PORT         TURN's port, when coturn (Debian's package) is installed: it runs in the SFU
#                        namespace on 10.231.88.1 with the REST shared secret the server is given, and
#                        the server hands out its udp and tcp URLs as in production
#   KQ_TURN_TLS_PORT     443, when openssl is there too: the same coturn over TLS (self-signed certificate)
# Whatever happens (failure, Ctrl-C, kill), the trap ends the server and every process in
# our namespaces and deletes them. KANAVA_QUALITY_SERVER_LOG=FILE keeps the server's log.
set -euo pipefail
here=$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")
root=$(readlink -f "$here/../..")
[ "$(id -u)" = 0 ] || { echo "with-shaped-links: needs root (ip netns, tc)" >&2; exit 1; }
command -v tc >/dev/null || { echo "with-shaped-links: tc (iproute2) is missing" >&2; exit 1; }
[ $# -gt 0 ] || { sed -n '2,19p' "$0" >&2; exit 2; }

export KQ_RUN=$$
. "$here/netns.sh"
data=$(mktemp -d /tmp/kanava-quality-XXXXXX)
cleanup() {
	trap - EXIT INT TERM
	kq_down
	if [ -n "${KANAVA_QUALITY_SERVER_LOG:-}" ]; then cp "$data/server.log" "$KANAVA_QUALITY_SERVER_LOG" || true; fi
	if [ -n "${KANAVA_QUALITY_TURN_LOG:-}" ]; then cp "$data/turnserver.log" "$KANAVA_QUALITY_TURN_LOG" 2>/dev/null || true; fi
	rm -rf "$data"
}
trap cleanup EXIT
trap 'cleanup; exit 130' INT TERM

kq_reap
kq_up
port=${KANAVA_E2E_PORT:-3996}
url="http://$KQ_SFU_IP:$port"

# TURN (coturn), as infra/coturn/turnserver.conf: time-limited REST credentials, relays only to the SFU's address.
turn_env=()
if command -v turnserver >/dev/null; then
	turn_port=3478
	turn_secret=$(head -c 24 /dev/urandom | base64)
	turn_urls="turn:$KQ_SFU_IP:$turn_port?transport=udp,turn:$KQ_SFU_IP:$turn_port?transport=tcp"
	turn_tls=(--no-tls)
	if command -v openssl >/dev/null; then
		# TURN over TLS on 443, the port a proxy-only network lets out, with a throw-away self-signed certificate.
		turn_tls_port=443
		openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=$KQ_SFU_IP" -keyout "$data/turn.key" -out "$data/turn.crt" 2>/dev/null
		turn_tls=(--tls-listening-port="$turn_tls_port" --cert="$data/turn.crt" --pkey="$data/turn.key")
		turn_urls="$turn_urls,turns:$KQ_SFU_IP:$turn_tls_port?transport=tcp"
		export KQ_TURN_TLS_PORT=$turn_tls_port
	fi
	kq_exec sfu turnserver -n --listening-ip="$KQ_SFU_IP" --relay-ip="$KQ_SFU_IP" --listening-port="$turn_port" "${turn_tls[@]}" \
		--min-port=45000 --max-port=45999 --use-auth-secret --static-auth-secret="$turn_secret" --realm=kanava.test \
		--no-dtls --no-cli --fingerprint --no-multicast-peers \
		--denied-peer-ip=0.0.0.0-255.255.255.255 --allowed-peer-ip="$KQ_SFU_IP" \
		--log-file=stdout --simple-log --pidfile="$data/turnserver.pid" >"$data/turnserver.log" 2>&1 &
	turn_env=(KANAVA_TURN_URLS="$turn_urls" KANAVA_TURN_SECRET="$turn_secret")
	export KQ_TURN_PORT=$turn_port
fi

kq_exec sfu env "${turn_env[@]}" \
	KANAVA_PORT="$port" KANAVA_HOST="$KQ_SFU_IP" KANAVA_DATA_DIR="$data" KANAVA_DEMO_DATA=true \
	KANAVA_RTC_LISTEN_IP="$KQ_SFU_IP" KANAVA_RTC_MIN_PORT=44000 KANAVA_RTC_MAX_PORT=44999 \
	KANAVA_LOG_LEVEL="${KANAVA_QUALITY_LOG_LEVEL:-warn}" KANAVA_PUBLIC_URL="$url" \
	node "$root/server/src/main.ts" >"$data/server.log" 2>&1 &
ready=""
for _ in $(seq 120); do
	if kq_exec exp curl -sf -o /dev/null "$url/readyz"; then ready=1; break; fi
	sleep 0.5
done
if [ -n "${KQ_TURN_PORT:-}" ]; then
	for _ in $(seq 40); do
		if kq_exec exp bash -c "exec 3<>/dev/tcp/$KQ_SFU_IP/$KQ_TURN_PORT" 2>/dev/null; then break; fi
		sleep 0.25
	done
fi
if [ -z "$ready" ]; then
	echo "with-shaped-links: the server did not become ready; its log:" >&2
	cat "$data/server.log" >&2
	exit 1
fi

export KANAVA_QUALITY_URL=$url KQ_NS_CUST=$(kq_ns cust) KQ_NETNS=$here/netns.sh
rc=0
kq_exec exp "$@" || rc=$?
if [ "$rc" != 0 ] && [ -n "${KANAVA_QUALITY_SHOW_LOG:-}" ]; then cat "$data/server.log" >&2; fi
exit "$rc"

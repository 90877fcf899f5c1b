#!/usr/bin/env bash
# Shaped links for Kanava's quality tests (run as root), adapted from the shaped-link recipe.
#
#   customer ns [kq0] ==veth== [kq-cust] \
#                                          sfu ns (server + mediasoup on 10.231.88.1, on lo)
#   expert   ns [kq0] ==veth== [kq-exp]  /
#
# Each client namespace has its own link to the SFU namespace; `tc tbf` on the egress of
# each veth end shapes its upload (client side) and its download (SFU side) separately.
# netem is not used (it is not built into every kernel). Nothing outside the namespaces is
# touched: the veth pairs are created directly inside them.
#
# Names carry a run id (KQ_RUN, default: this shell's PID) so two runs never share
# namespaces, and `reap` removes namespaces of runs whose process is gone.
#
#   netns.sh up                         create the three namespaces and links
#   netns.sh shape cust|exp UP DOWN     rate in kbit/s each way (0 = unshaped)
#   netns.sh show                       tc -s of every shaped device
#   netns.sh block-udp cust|exp         the client's network drops every UDP packet, both ways (nftables),
#                                       as a municipal firewall that lets only TCP out
#   netns.sh tcp-only cust|exp PORT...  drops UDP and every TCP connection except to the SFU namespace's PORTs
#                                       (e.g. the web server and a TURN server: the SFU's media ports are shut)
#   netns.sh unblock cust|exp           the firewall goes away (unblock-udp is the same)
#   netns.sh exec sfu|cust|exp CMD...   run CMD inside a namespace
#   netns.sh down                       end the processes inside our namespaces and delete them
#   netns.sh reap                       delete namespaces left by runs that no longer exist
# Source it to get kq_up, kq_shape, kq_block_udp, kq_tcp_only, kq_unblock, kq_down, kq_exec, kq_ns.
set -euo pipefail

KQ_RUN=${KQ_RUN:-$$}
KQ_SFU_IP=10.231.88.1
QLAT_MS=${QLAT_MS:-100}
QMIN=${QMIN:-16000}

kq_ns() { echo "kq${KQ_RUN}-$1"; }

# client name → /30 subnet index (sfu end .1 or .5, client end .2 or .6)
kq_subnet() { case $1 in cust) echo 0 ;; exp) echo 4 ;; *) echo "unknown client $1" >&2; return 1 ;; esac; }

kq_up() {
	local sfu c base
	sfu=$(kq_ns sfu)
	ip netns add "$sfu"
	ip -n "$sfu" link set lo up
	ip -n "$sfu" addr add "$KQ_SFU_IP/32" dev lo
	for c in cust exp; do
		local ns; ns=$(kq_ns "$c")
		base=$(kq_subnet "$c")
		ip netns add "$ns"
		ip -n "$ns" link set lo up
		ip link add kq0 netns "$ns" type veth peer name "kq-$c" netns "$sfu"
		ip -n "$ns" addr add "10.231.89.$((base + 2))/30" dev kq0
		ip -n "$sfu" addr add "10.231.89.$((base + 1))/30" dev "kq-$c"
		ip -n "$ns" link set kq0 up
		ip -n "$sfu" link set "kq-$c" up
		ip -n "$ns" route add default via "10.231.89.$((base + 1))"
	done
}

# shape_dev NS DEV RATE_KBIT: tbf with a burst of >= 2 packets (10 ms of data) and a queue of
# QLAT_MS of data but never under QMIN bytes (a 250 kbit/s link would otherwise hold 4 packets).
kq_shape_dev() {
	local ns=$1 dev=$2 rate=$3
	ip -n "$ns" link show "$dev" >/dev/null
	tc -n "$ns" qdisc del dev "$dev" root 2>/dev/null || true
	[ "$rate" = 0 ] && return 0
	local burst=$((rate * 1000 / 8 / 100)); [ "$burst" -lt 3028 ] && burst=3028
	local limit=$((rate * QLAT_MS / 8)); [ "$limit" -lt "$QMIN" ] && limit=$QMIN
	tc -n "$ns" qdisc add dev "$dev" root handle 10: tbf rate "${rate}kbit" burst "$burst" limit "$((limit + burst))"
}

kq_shape() {
	local c=$1 up=$2 down=$3
	kq_subnet "$c" >/dev/null
	kq_shape_dev "$(kq_ns "$c")" kq0 "$up"
	kq_shape_dev "$(kq_ns sfu)" "kq-$c" "$down"
}

# The client's firewall is one nftables table in its own namespace; replacing the table replaces the rules
# whole. Dropped, not rejected: a real firewall answers nothing, so the browser learns only by timing out.
KQ_FIREWALL_TABLE=kanava_firewall

kq_unblock() {
	local c=$1
	kq_subnet "$c" >/dev/null
	ip netns exec "$(kq_ns "$c")" nft delete table inet "$KQ_FIREWALL_TABLE" 2>/dev/null || true
}

# kq_firewall CLIENT OUTPUT_RULES INPUT_RULES: the client's table, one chain for what leaves, one for what arrives.
kq_firewall() {
	local c=$1 out=$2 in=$3
	command -v nft >/dev/null || { echo "netns.sh: nft (Debian package nftables) is missing" >&2; return 1; }
	kq_unblock "$c"
	printf 'table inet %s {\n chain output { type filter hook output priority 0; policy accept; %s }\n chain input { type filter hook input priority 0; policy accept; %s }\n}\n' \
		"$KQ_FIREWALL_TABLE" "$out" "$in" | ip netns exec "$(kq_ns "$c")" nft -f -
}

kq_block_udp() {
	kq_firewall "$1" "meta l4proto udp drop;" "meta l4proto udp drop;"
}

# No UDP, and TCP only to the listed ports (the client only connects out, so the input chain sees them as source ports).
kq_tcp_only() {
	local c=$1; shift
	[ $# -gt 0 ] || { echo "netns.sh tcp-only: name the open ports" >&2; return 1; }
	local ports; ports=$(IFS=,; echo "$*")
	kq_firewall "$c" "meta l4proto udp drop; tcp dport != { $ports } drop;" "meta l4proto udp drop; tcp sport != { $ports } drop;"
}

kq_show() {
	local c
	for c in cust exp; do
		echo "== $c upload"; tc -s -n "$(kq_ns "$c")" qdisc show dev kq0
		echo "== $c download"; tc -s -n "$(kq_ns sfu)" qdisc show dev "kq-$c"
	done
}

kq_exec() {
	local which=$1; shift
	ip netns exec "$(kq_ns "$which")" "$@"
}

# Ends every process inside one of our namespaces (we started all of them), then deletes it.
kq_delete_ns() {
	local ns=$1 pid
	ip netns list | awk '{print $1}' | grep -qx "$ns" || return 0
	for pid in $(ip netns pids "$ns" 2>/dev/null); do kill -TERM "$pid" 2>/dev/null || true; done
	for _ in $(seq 20); do
		[ -z "$(ip netns pids "$ns" 2>/dev/null)" ] && break
		sleep 0.25
	done
	for pid in $(ip netns pids "$ns" 2>/dev/null); do kill -KILL "$pid" 2>/dev/null || true; done
	ip netns del "$ns" 2>/dev/null || true # takes its veth ends (and so the pairs) with it
}

kq_down() {
	local c
	for c in cust exp sfu; do kq_delete_ns "$(kq_ns "$c")"; done
}

# Namespaces named kq<pid>-* whose run (pid) has ended: left by a run that was killed.
kq_reap() {
	local ns pid
	for ns in $(ip netns list | awk '{print $1}' | grep -E '^kq[0-9]+-(sfu|cust|exp)$' || true); do
		pid=${ns#kq}; pid=${pid%%-*}
		if ! kill -0 "$pid" 2>/dev/null; then kq_delete_ns "$ns"; fi
	done
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
	cmd=${1:-}; shift || true
	case "$cmd" in
	up) kq_up ;;
	shape) kq_shape "$@" ;;
	show) kq_show ;;
	block-udp) kq_block_udp "$@" ;;
	tcp-only) kq_tcp_only "$@" ;;
	unblock | unblock-udp) kq_unblock "$@" ;;
	exec) kq_exec "$@" ;;
	down) kq_down ;;
	reap) kq_reap ;;
	*) sed -n '2,28p' "$0"; exit 2 ;;
	esac
fi

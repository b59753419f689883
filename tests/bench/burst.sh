#!/bin/bash
# SPDX-License-Identifier: MIT
# Copyright (c) teamfw contributors
#
# tests/bench/burst.sh — back-to-back bursts of 64-byte frames from the host into team0 (trafgen -n,
# as fast as one CPU sends), through a roundrobin team over two veth ports, counted where they arrive
# (the peer ends' rx_packets) and where the kernel dropped them (team0's tx_dropped, which teamfw
# stats also shows). In throwaway namespaces named after this process; nothing is left behind.
#
# Environment: TEAMFW_BIN, BURST_FRAMES (default 2000), BURST_RUNS (default 3), BURST_QLEN (team0's
# txqueuelen to set after the start; default: what teamfw gives a new team0).
set -u -o pipefail
# shellcheck source=tests/bench/paths.sh
. "$(dirname "${BASH_SOURCE[0]}")/paths.sh"
FRAMES=${BURST_FRAMES:-2000}
RUNS=${BURST_RUNS:-3}
H=tfburst$$h P=tfburst$$p
WORK=$(mktemp -d "/tmp/tfburst$$.XXXXXX")
DAEMON=

die() { echo "burst: $*" >&2; exit 2; }
[ "$(id -u)" = 0 ] || die "needs root (network namespaces)"
[ -x "$TEAMFW_BIN" ] || die "no binary at $TEAMFW_BIN: run make"
command -v trafgen >/dev/null || die "trafgen is missing (Debian's netsniff-ng; make bench installs it)"
cleanup() {
	[ -n "$DAEMON" ] && kill "$DAEMON" 2>/dev/null && wait "$DAEMON" 2>/dev/null
	ip netns del "$H" 2>/dev/null
	ip netns del "$P" 2>/dev/null
	rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 2' INT TERM

{ ip netns add "$H" && ip netns add "$P"; } || die "cannot create namespaces"
for i in 1 2; do
	ip link add "a$i" netns "$H" type veth peer name "b$i" netns "$P" || die "cannot create veth a$i"
	ip -n "$P" link set "b$i" up
done
echo '{"device":"team0","runner":{"name":"roundrobin"},"ports":{"a1":{},"a2":{}}}' >"$WORK/team.conf"
ip netns exec "$H" "$TEAMFW_BIN" -S "$WORK/teamfw.sock" -f "$WORK/team.conf" >"$WORK/daemon.log" 2>&1 &
DAEMON=$!
for _ in $(seq 50); do ip -n "$H" link show team0 >/dev/null 2>&1 && break; sleep 0.1; done
ip -n "$H" link set team0 up || die "no team0: $(tail -3 "$WORK/daemon.log")"
[ -n "${BURST_QLEN:-}" ] && ip -n "$H" link set team0 txqueuelen "$BURST_QLEN"
sleep 0.5
echo '{ 0x02,0x00,0x00,0x00,0x0b,0x01, 0x02,0x00,0x00,0x00,0x00,0x99, 0x88,0xb5, fill(0x41, 46) }' >"$WORK/frame.cfg"
# shellcheck disable=SC2016 # expanded by the inner sh
arrived() { ip netns exec "$P" sh -c 'echo $(( $(cat /sys/class/net/b1/statistics/rx_packets) + $(cat /sys/class/net/b2/statistics/rx_packets) ))'; }
dropped() { ip -n "$H" -s -j link show team0 | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["stats64"]["tx"]["dropped"])'; }
echo "burst: $FRAMES frames x $RUNS, team0 $(ip -n "$H" -d link show team0 | grep -o 'qlen [0-9]*')"
for r in $(seq "$RUNS"); do
	a0=$(arrived) d0=$(dropped)
	ip netns exec "$H" trafgen -o team0 -n "$FRAMES" -i "$WORK/frame.cfg" --cpus 1 -q >/dev/null 2>&1 || die "trafgen failed"
	sleep 0.5
	echo "burst $r: $(($(arrived) - a0)) of $FRAMES arrived, team0 dropped $(($(dropped) - d0))"
done
echo "teamfw stats: $(ip netns exec "$H" "$TEAMFW_BIN" stats -S "$WORK/teamfw.sock" team0 2>&1 | grep -m1 team0)"

#!/bin/bash
# SPDX-License-Identifier: MIT
# Copyright (c) teamfw contributors
#
# How long the daemon may be kept off the CPU without losing frames host -> ports: evenly paced
# 60-byte frames are sent on team0 while the daemon is stopped (SIGSTOP) STOP_MS milliseconds, five
# times, 300 ms apart; the frames the peer counted are compared with those sent. Run as root.
#
#   TEAMFW_BIN=out/linux-x64/teamfw tests/bench/stall.sh [DEVICE=veth|tap] [STOP_MS=30] [PPS=30000] [COUNT=90000]
#
# Prints one line: device, stop, sent, arrived, lost, and the team's tx_dropped from teamfw stats.
# Makes two namespaces (tfs<pid>h, tfs<pid>p) with two veth links and removes them on exit.
set -euo pipefail
DEVICE=${1:-veth} STOP_MS=${2:-30} PPS=${3:-30000} COUNT=${4:-90000}
: "${TEAMFW_BIN:?TEAMFW_BIN must point at the teamfw binary}"
here=$(cd "$(dirname "$0")" && pwd)
inject="$here/../TeamFw.IntegrationTests/scripts/inject.py"
H=tfs$$h P=tfs$$p
work=$(mktemp -d /tmp/teamfw-stall.XXXXXX)
tf=""
cleanup() {
	[ -n "$tf" ] && { kill -CONT "$tf" 2>/dev/null; kill "$tf" 2>/dev/null; wait "$tf" 2>/dev/null || true; }
	ip netns del "$H" 2>/dev/null || true
	ip netns del "$P" 2>/dev/null || true
	rm -rf "$work"
}
trap cleanup EXIT
ip netns add "$H"
ip netns add "$P"
for i in 1 2; do
	ip link add a$i netns "$H" type veth peer name b$i netns "$P"
	ip -n "$P" link set b$i up
done
ip -n "$H" link set lo up
ip netns exec "$H" sysctl -qw net.ipv6.conf.default.disable_ipv6=1 # no router solicitations from team0 in the count
printf '{"device":"team0","runner":{"name":"roundrobin"},"ports":{"a1":{},"a2":{}},"teamfw":{"device":"%s"}}\n' "$DEVICE" >"$work/team0.conf"
ip netns exec "$H" "$TEAMFW_BIN" -f "$work/team0.conf" -S "$work/sock" >"$work/log" 2>&1 &
tf=$!
for _ in $(seq 50); do ip -n "$H" link show team0 >/dev/null 2>&1 && break; sleep 0.1; done
ip -n "$H" link set team0 up
sleep 1
received() { echo $(( $(ip netns exec "$P" cat /sys/class/net/b1/statistics/rx_packets) + $(ip netns exec "$P" cat /sys/class/net/b2/statistics/rx_packets) )); }
r0=$(received)
(
	sleep 1
	for _ in 1 2 3 4 5; do
		kill -STOP "$tf"
		sleep "$(awk "BEGIN { print $STOP_MS / 1000 }")"
		kill -CONT "$tf"
		sleep 0.3
	done
) &
stopper=$!
ip netns exec "$H" python3 "$inject" --pps "$PPS" team0 "$COUNT" 60 02:00:00:00:00:42 >/dev/null
wait "$stopper"
sleep 0.5
r1=$(received)
dropped=$(ip netns exec "$H" "$TEAMFW_BIN" stats -S "$work/sock" team0 --json | grep -o '"tx_dropped":[0-9]*' | head -1 | cut -d: -f2)
echo "device $DEVICE, 5 stops of $STOP_MS ms at $PPS pps: sent $COUNT, arrived $((r1 - r0)), lost $((COUNT - (r1 - r0))), team tx_dropped $dropped"

#!/bin/bash
# SPDX-License-Identifier: MIT
# Copyright (c) teamfw contributors
#
# tests/bench/device.sh — the two team devices compared (teamfw.device "tap" and "veth", README "Team
# device"), runs alternating, each against the same path without teamfw (a veth pair r0/e0 straight into
# the same bridge) measured in the same round:
#   64 B   unpaced 64-byte frames from team0 (trafgen, one CPU) for DEV_SECONDS: frames/s reaching the
#          peer's bridge ports, and the ratio to r0 direct;
#   tcp    iperf3 team → peer and peer → team (-R), Gbit/s, and the ratio to r0 direct;
#   burst  BURST back-to-back 64-byte frames from team0, 3 times: frames lost;
#   cpu    teamfw's CPU time (every thread's, /proc/PID/task/*/schedstat, ns) per forwarded frame for evenly
#          paced 64-byte frames (trafgen -t) at 10, 25 and 100 kpps, host → ports (trafgen on team0) and
#          ports → host (trafgen on the peer's b1 to team0's MAC), over DEV_SECONDS each.
# Prints one line per figure. In throwaway namespaces named after this process; nothing is left behind.
# Environment: TEAMFW_BIN, DEV_ROUNDS (default 3), DEV_SECONDS (default 3), DEV_DEVICES (default "tap veth"),
# BURST (default 2000).
set -u -o pipefail
# shellcheck source=tests/bench/paths.sh
. "$(dirname "${BASH_SOURCE[0]}")/paths.sh"
ROUNDS=${DEV_ROUNDS:-3}
SECS=${DEV_SECONDS:-3}
DEVICES=${DEV_DEVICES:-tap veth}
BURST=${BURST:-2000}
H=tfdev$$h P=tfdev$$p R=tfdev$$r
WORK=$(mktemp -d "/tmp/tfdev$$.XXXXXX")
DAEMON=

die() { echo "device: $*" >&2; exit 2; }
[ "$(id -u)" = 0 ] || die "needs root (network namespaces)"
[ -x "$TEAMFW_BIN" ] || die "no binary at $TEAMFW_BIN: run make"
for c in trafgen iperf3; do command -v $c >/dev/null || die "$c is missing (make bench installs it)"; done
stop_daemon() { [ -n "$DAEMON" ] && kill "$DAEMON" 2>/dev/null && wait "$DAEMON" 2>/dev/null; DAEMON=; }
cleanup() {
	stop_daemon
	for n in "$H" "$P" "$R"; do ip netns del "$n" 2>/dev/null; done
	rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 2' INT TERM

{ ip netns add "$H" && ip netns add "$P" && ip netns add "$R"; } || die "cannot create namespaces"
for n in "$H" "$P" "$R"; do ip -n "$n" link set lo up; done
ip -n "$P" link add br0 address 02:00:00:00:0b:00 type bridge
for i in 1 2; do
	ip link add "a$i" netns "$H" type veth peer name "b$i" netns "$P" || die "cannot create veth a$i"
	ip -n "$P" link set "b$i" master br0 up
done
ip link add r0 netns "$R" type veth peer name e0 netns "$P"
ip -n "$P" link set e0 master br0 up
ip -n "$P" link set br0 up
ip -n "$P" addr add 10.231.0.2/24 dev br0
ip -n "$R" addr add 10.231.0.3/24 dev r0
ip -n "$R" link set r0 up
ip netns exec "$P" iperf3 -s -D -p 5201 >/dev/null 2>&1 || die "iperf3 -s failed"
ip netns exec "$H" iperf3 -s -D -p 5202 >/dev/null 2>&1
ip netns exec "$R" iperf3 -s -D -p 5202 >/dev/null 2>&1
frame() { echo "{ $1, 0x02,0x00,0x00,0x00,0x00,0x99, 0x88,0xb5, fill(0x41, 46) }" >"$WORK/frame.cfg"; }
mac() { ip -n "$1" -j link show "$2" | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["address"])'; }
macbytes() { echo "0x${1//:/,0x}"; }
rx() { ip netns exec "$1" sh -c "cat /sys/class/net/$2/statistics/rx_packets"; }
peer_rx() { echo $(($(rx "$P" b1) + $(rx "$P" b2))); }
cpu_ns() { cat /proc/"$DAEMON"/task/*/schedstat 2>/dev/null | awk '{s += $1} END {printf "%.0f\n", s}'; }

start_team() {
	echo "{\"device\":\"team0\",\"runner\":{\"name\":\"roundrobin\"},\"teamfw\":{\"device\":\"$1\"},\"ports\":{\"a1\":{},\"a2\":{}}}" >"$WORK/team.conf"
	ip netns exec "$H" "$TEAMFW_BIN" -S "$WORK/teamfw.sock" -f "$WORK/team.conf" >"$WORK/daemon.log" 2>&1 &
	DAEMON=$!
	for _ in $(seq 50); do ip -n "$H" link show team0 >/dev/null 2>&1 && break; sleep 0.1; done
	ip -n "$H" addr add 10.231.0.1/24 dev team0
	ip -n "$H" link set team0 up || die "no team0: $(tail -3 "$WORK/daemon.log")"
	for _ in $(seq 50); do ip netns exec "$H" ping -c1 -W1 10.231.0.2 >/dev/null 2>&1 && return; done
	die "$1: no ping through team0"
}

# unpaced 64-byte frames from NS DEV for SECS seconds; prints frames/s counted by COUNTER.
flood() {
	local ns=$1 dev=$2 counter=$3 a0
	a0=$($counter)
	timeout "$SECS" ip netns exec "$ns" trafgen -o "$dev" -i "$WORK/frame.cfg" --cpus 1 -q >/dev/null 2>&1
	sleep 0.3
	echo $((($($counter) - a0) / SECS))
}
e0_rx() { rx "$P" e0; }
tcp() { ip netns exec "$1" iperf3 -c 10.231.0.2 -p 5201 -t "$SECS" -J "${@:2}" 2>/dev/null | python3 -c 'import json,sys; print("%.2f" % (json.load(sys.stdin)["end"]["sum_received"]["bits_per_second"] / 1e9))'; }

# paced frames at RATE pps for SECS: prints ns of teamfw CPU per forwarded frame.
paced() {
	local ns=$1 dev=$2 counter=$3 rate=$4 a0 c0 n
	local gap=$((1000000000 / rate))
	a0=$($counter) c0=$(cpu_ns)
	ip netns exec "$ns" trafgen -o "$dev" -i "$WORK/frame.cfg" --cpus 1 -t "${gap}ns" -n $((rate * SECS)) -q >/dev/null 2>&1
	sleep 0.2
	n=$(($($counter) - a0))
	echo "$(( ($(cpu_ns) - c0) / (n > 0 ? n : 1) )) ns/frame ($n of $((rate * SECS)))"
}
team_rx() { rx "$H" team0; }

brmac=$(macbytes 02:00:00:00:0b:00)
for round in $(seq "$ROUNDS"); do
	for dev in $DEVICES; do
		start_team "$dev"
		frame "$brmac"
		ref=$(flood "$R" r0 e0_rx); team=$(flood "$H" team0 peer_rx)
		echo "round $round $dev 64B: team0 $team/s, r0 direct $ref/s, ratio $(python3 -c "print('%.2f' % ($team / max($ref, 1)))")"
		ref=$(tcp "$R"); team=$(tcp "$H")
		echo "round $round $dev tcp team->peer: $team Gbit/s, direct $ref, ratio $(python3 -c "print('%.2f' % ($team / max($ref, 0.01)))")"
		ref=$(tcp "$R" -R); team=$(tcp "$H" -R)
		echo "round $round $dev tcp peer->team: $team Gbit/s, direct $ref, ratio $(python3 -c "print('%.2f' % ($team / max($ref, 0.01)))")"
		lost=""
		for _ in 1 2 3; do
			a0=$(peer_rx)
			ip netns exec "$H" trafgen -o team0 -n "$BURST" -i "$WORK/frame.cfg" --cpus 1 -q >/dev/null 2>&1
			sleep 0.5
			lost="$lost $((BURST - ($(peer_rx) - a0)))"
		done
		echo "round $round $dev burst of $BURST: lost$lost"
		for rate in 10000 25000 100000; do
			echo "round $round $dev cpu host->ports $((rate / 1000)) kpps: $(paced "$H" team0 peer_rx $rate)"
		done
		frame "$(macbytes "$(mac "$H" team0)")"
		for rate in 10000 25000 100000; do
			echo "round $round $dev cpu ports->host $((rate / 1000)) kpps: $(paced "$P" b1 team_rx $rate)"
		done
		echo "round $round $dev stats: $(ip netns exec "$H" "$TEAMFW_BIN" stats -S "$WORK/teamfw.sock" team0 2>&1 | grep -m1 team0)"
		stop_daemon
		for _ in $(seq 50); do ip -n "$H" link show team0 >/dev/null 2>&1 || break; sleep 0.1; done
	done
done

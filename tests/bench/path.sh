#!/bin/bash
# SPDX-License-Identifier: MIT
# Copyright (c) teamfw contributors
#
# tests/bench/path.sh — the "path" scenario of bench.sh (sourced by it; uses its helpers and namespaces).
#
#   path  The same path without teamfw as the reference (issue 14): 64-byte frames (trafgen) and TCP
#         both ways (iperf3) sent on port a1 itself, with team0's address 10.77.1.1/24, straight into
#         br0 (10.77.1.2) in the peer namespace — then the same through teamfw (roundrobin over a1 a2,
#         the same bridge, the same receiver), once per value of BENCH_PATH_WORKERS (teamfw.workers,
#         default "1 2"). Every run alternates: direct, team (workers 1), direct, team (workers 2).
#         pathreport.py turns the figures into best-of and median, team/direct ratios and verdicts.

# shellcheck disable=SC2317

PATH_WORKERS=${BENCH_PATH_WORKERS:-1 2}
TEAM_CPUS_W2=${BENCH_TEAM_CPUS_W2-0-1} # teamfw's CPUs with more than one worker

# path_direct: a1 carries 10.77.1.1 itself; measure; then a1 goes back to down and address-less.
path_direct() {
	local i
	ip -n "$NS_B" neigh flush dev br0 2>/dev/null
	must ip -n "$NS_A" addr add 10.77.1.1/24 dev a1
	must ip -n "$NS_A" link set a1 up
	for ((i = 0; i < 50; i++)); do
		[[ $(ip netns exec "$NS_A" cat /sys/class/net/a1/carrier 2>/dev/null) == 1 ]] && break
		sleep 0.1
	done
	if reachable "$NS_A" 10.77.1.2; then
		frames path_direct "$NS_A" a1 10.77.1.1 "$NS_B" br0 10.77.1.2 "$BR_MAC"
		tcp path_direct "$NS_A" "$NS_B" 10.77.1.2
	else
		measurement_failed "path: 10.77.1.2 does not answer ping on a1 directly; skipping this run"
	fi
	ip -n "$NS_A" addr flush dev a1
	ip -n "$NS_A" link set a1 down
	ip -n "$NS_B" neigh flush dev br0 2>/dev/null
}

# path_team WORKERS: the same through teamfw with teamfw.workers WORKERS.
path_team() {
	local w=$1 scen=path_team_w$1 conf=$WORK/path-w$1.conf
	local -a saved=("${TEAM_WRAP[@]}")
	((w > 1)) && [[ -n $TEAM_CPUS_W2 ]] && TEAM_WRAP=(taskset -c "$TEAM_CPUS_W2")
	write_conf "$conf" roundrobin '{"a1":{},"a2":{}}' "$w"
	if team_up "$NS_A" "$conf" "$scen" 10.77.1.1/24 10.77.1.2; then
		frames "$scen" "$NS_A" team0 10.77.1.1 "$NS_B" br0 10.77.1.2 "$BR_MAC"
		tcp "$scen" "$NS_A" "$NS_B" 10.77.1.2
	fi
	stop_team "$TEAM_PID" "$NS_A" "$scen"
	TEAM_WRAP=("${saved[@]}")
}

run_path() {
	local w
	for w in $PATH_WORKERS; do
		path_direct
		path_team "$w"
	done
}

# check_device: BENCH_TEAM_DEVICE is set; start one team with it and stop the bench with a clear error
# unless the binary took the key and team0 is of that kind (a binary that ignores an unknown key with
# a warning would otherwise have its default device measured under the other name).
check_device() {
	local conf=$WORK/device-check.conf kind want
	# shellcheck disable=SC2034 # launch_team names its log after the run number
	local REP=0
	case $TEAM_DEVICE in
	tap) want=tun ;;
	*) want=$TEAM_DEVICE ;;
	esac
	write_conf "$conf" roundrobin '{"a1":{},"a2":{}}'
	launch_team "$NS_A" "$conf" device-check
	if ! ready_team "$NS_A" "$TEAM_PID" device-check 10.77.1.1/24; then
		stop_team "$TEAM_PID" "$NS_A" device-check
		sed 's/^/    | /' "$TEAM_LOG" | tail -n 10 >&2
		die "BENCH_TEAM_DEVICE=$TEAM_DEVICE: teamfw did not bring team0 up with \"teamfw\": {\"device\": \"$TEAM_DEVICE\"} (its log above)"
	fi
	kind=$(ip -d -o -n "$NS_A" link show dev team0 | grep -o -w -E 'tun|veth|tap' | head -n 1)
	stop_team "$TEAM_PID" "$NS_A" device-check
	if grep -q -i 'teamfw\.device' "$TEAM_LOG"; then
		grep -i 'teamfw\.device' "$TEAM_LOG" | sed 's/^/    | /' >&2
		die "BENCH_TEAM_DEVICE=$TEAM_DEVICE: this teamfw binary does not take teamfw.device (its log above); the figures would be for its default device"
	fi
	[[ $kind == "$want" ]] ||
		die "BENCH_TEAM_DEVICE=$TEAM_DEVICE: team0 came up as a '${kind:-unknown}' device, not '$want'"
	say "team device: $TEAM_DEVICE (team0 is a $kind device)"
}

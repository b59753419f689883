#!/bin/bash
# SPDX-License-Identifier: MIT
# Copyright (c) teamfw contributors
#
# tests/bench/lacp.sh — the `lacp` scenario of `make bench` (run by bench.sh, or on its own as root).
#
# teamfw's lacp runner (fast rate) on both ends of two veth links, in throwaway namespaces.
# Each run measures:
#   converge  both daemons running, the peer's ends of the links come up: time from the last
#             port's link-up to the last of the four ports enabled (from the daemons' log stamps)
#   silent    the peer's b2 stops sending LACPDUs (a blackhole qdisc swallows its runner socket's
#             frames; teamfw's data path bypasses qdiscs, so data still flows): time until a2 expires
#             and is disabled on the host (the protocol allows 3 s at fast rate)
#   carrier   1 ms probes (benchlib.py pinger) while the link carrying them loses carrier:
#             probes lost = ms of lost traffic
# and prints medians of BENCH_REPEAT runs with PASS/FAIL against the targets.
#
# Environment: TEAMFW_BIN, BENCH_REPEAT (3), BENCH_KEEP=1 (keep the logs),
#   BENCH_MAX_LACP_CONVERGE_MS (1000), BENCH_MAX_LACP_SILENT_MS (3000), BENCH_MAX_LACP_LOSS_MS (5),
#   BENCH_RESULT (when set, e.g. by bench.sh: the summary file the results are appended to).
# Exit status: 0 when the measurements ran (whatever the verdicts), 1 when they could not.

set -u -o pipefail

# shellcheck source=tests/bench/paths.sh
. "$(dirname "${BASH_SOURCE[0]}")/paths.sh"
REPEAT=${BENCH_REPEAT:-3}
MAX_CONVERGE=${BENCH_MAX_LACP_CONVERGE_MS:-1000}
MAX_SILENT=${BENCH_MAX_LACP_SILENT_MS:-3000}
MAX_LOSS=${BENCH_MAX_LACP_LOSS_MS:-5}
PINGS=3000

NS_A=tfl$$a
NS_B=tfl$$b
WORK=$(mktemp -d /tmp/teamfw-bench-lacp.XXXXXX)
PIDS=()

say() { printf '%s\n' "$*"; }
die() {
	printf 'lacp: %s\n' "$*" >&2
	exit 1
}

cleanup() {
	local p
	for p in "${PIDS[@]}"; do
		kill "$p" 2>/dev/null && wait "$p" 2>/dev/null
	done
	PIDS=()
	ip netns del "$NS_A" 2>/dev/null
	ip netns del "$NS_B" 2>/dev/null
}
trap 'cleanup; [[ ${BENCH_KEEP:-0} == 1 ]] && say "kept $WORK" || rm -rf "$WORK"' EXIT

[[ $EUID -eq 0 ]] || die "must run as root (creates network namespaces)"
[[ -x $TEAMFW_BIN ]] || die "teamfw binary not found: $TEAMFW_BIN (make, or set TEAMFW_BIN)"

now_ms() { date +%s%3N; }

# wait_log FILE REGEX SECONDS [FROM_LINE]: until a line (from FROM_LINE on) matches
wait_log() {
	local end=$((SECONDS + $3))
	until tail -n +"${4:-1}" "$1" | grep -qE "$2"; do
		((SECONDS > end)) && return 1
		sleep 0.02
	done
}

# ms since the epoch of the stamp of each line read (the log's local "YYYY-MM-DD HH:MM:SS.mmm")
to_ms() { while read -r d t _; do date -d "$d $t" +%s%3N; done; }

conf() { # conf FILE P1 P2
	printf '{"device":"team0","runner":{"name":"lacp","fast_rate":true,"tx_hash":["eth","ipv4"]},"link_watch":{"name":"ethtool"},"ports":{"%s":{},"%s":{}}}\n' "$2" "$3" >"$1"
}

start_team() { # start_team NS CONF LOG SOCK ADDR
	ip netns exec "$1" "$TEAMFW_BIN" -S "$4" -f "$2" >"$3" 2>&1 &
	PIDS+=("$!")
	wait_log "$3" "running, pid" 10 || die "teamfw did not start in $1: $(tail -3 "$3")"
	ip -n "$1" addr add "$5/24" dev team0
	ip -n "$1" link set team0 up
}

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)]; else print "" }'; }

one_run() { # one_run REP
	local r=$1 la=$WORK/a$1.log lb=$WORK/b$1.log up conv t0 t1 port out sent lost
	{ ip netns add "$NS_A" && ip netns add "$NS_B"; } || die "cannot create namespaces"
	local i
	for i in 1 2; do
		ip link add a$i netns "$NS_A" type veth peer name b$i netns "$NS_B"
	done
	conf "$WORK/a.conf" a1 a2
	conf "$WORK/b.conf" b1 b2
	start_team "$NS_A" "$WORK/a.conf" "$la" "$WORK/a$r.sock" 10.78.0.1
	start_team "$NS_B" "$WORK/b.conf" "$lb" "$WORK/b$r.sock" 10.78.0.2
	# Settle, then take the links down on the peer side and bring them up again: the measured start.
	if ! wait_log "$la" "port a2 enabled" 5 || ! wait_log "$lb" "port b2 enabled" 5; then
		say "  (first convergence slow)"
	fi
	ip -n "$NS_B" link set b1 down
	ip -n "$NS_B" link set b2 down
	wait_log "$la" "port a2 LACP state .* -> disabled" 3
	wait_log "$lb" "port b2 LACP state .* -> disabled" 3
	sleep 0.2
	local m=$(($(wc -l <"$la") + 1)) n=$(($(wc -l <"$lb") + 1))
	ip -n "$NS_B" link set b1 up
	ip -n "$NS_B" link set b2 up
	wait_log "$la" "port a1 enabled" 5 "$m"
	wait_log "$la" "port a2 enabled" 5 "$m"
	wait_log "$lb" "port b1 enabled" 5 "$n"
	wait_log "$lb" "port b2 enabled" 5 "$n"
	up=$( { tail -n +"$m" "$la" | grep -E "port a[12] link up"; tail -n +"$n" "$lb" | grep -E "port b[12] link up"; } | to_ms | sort -n | tail -1)
	conv=$( { tail -n +"$m" "$la" | grep -E "port a[12] enabled"; tail -n +"$n" "$lb" | grep -E "port b[12] enabled"; } | to_ms | sort -n)
	if [[ -n $up && $(wc -l <<<"$conv") -eq 4 ]]; then
		echo $(($(tail -1 <<<"$conv") - up)) >>"$WORK/converge"
		say "  converge: $(($(tail -1 <<<"$conv") - up)) ms from the last link up to all four ports enabled"
	else
		say "  converge: not all ports enabled (see $la, $lb)"
	fi

	# Silent member: b2's LACPDUs stop.
	m=$(($(wc -l <"$la") + 1))
	t0=$(now_ms)
	tc -n "$NS_B" qdisc replace dev b2 root blackhole
	if wait_log "$la" "port a2 LACP state current -> expired" 5 "$m"; then
		t1=$(tail -n +"$m" "$la" | grep -m1 -E "port a2 LACP state current -> expired" | to_ms)
		echo $((t1 - t0)) >>"$WORK/silent"
		say "  silent: a2 expired and disabled $((t1 - t0)) ms after b2 stopped sending LACPDUs"
	else
		say "  silent: a2 not dropped within 5 s"
	fi
	tc -n "$NS_B" qdisc del dev b2 root
	wait_log "$la" "port a2 LACP state (expired|defaulted) -> current" 5 "$m"
	sleep 0.3

	# Carrier drop on the link that carries the probes (A's hash picks one port for one destination).
	ip netns exec "$NS_A" python3 "$HERE/benchlib.py" pinger 10.78.0.2 300 1 >/dev/null 2>&1
	local ta1 ta2
	ta1=$(ip netns exec "$NS_A" cat /sys/class/net/a1/statistics/tx_packets)
	ta2=$(ip netns exec "$NS_A" cat /sys/class/net/a2/statistics/tx_packets)
	ip netns exec "$NS_A" python3 "$HERE/benchlib.py" pinger 10.78.0.2 200 1 >/dev/null 2>&1
	port=b1
	(($(ip netns exec "$NS_A" cat /sys/class/net/a2/statistics/tx_packets) - ta2 > $(ip netns exec "$NS_A" cat /sys/class/net/a1/statistics/tx_packets) - ta1)) && port=b2
	out=$WORK/pinger$r
	ip netns exec "$NS_A" timeout 20 python3 "$HERE/benchlib.py" pinger 10.78.0.2 $PINGS 1 >"$out" 2>&1 &
	local pid=$!
	PIDS+=("$pid")
	sleep 1
	ip -n "$NS_B" link set "$port" down
	wait "$pid"
	if read -r sent _ lost _ <"$out" && [[ $lost =~ ^[0-9]+$ ]]; then
		echo "$lost" >>"$WORK/loss"
		say "  carrier: $port set down under 1 ms probes: $lost of $sent lost = $lost ms"
	else
		say "  carrier: the pinger gave no result: $(cat "$out")"
	fi
	cleanup
}

say "lacp: teamfw lacp (fast rate) on both ends of two veth links, $REPEAT run(s)"
for ((rep = 1; rep <= REPEAT; rep++)); do
	say "lacp run $rep/$REPEAT"
	one_run "$rep"
done

SUMMARY=()
verdict() { # verdict NAME FILE MAX UNIT
	local v key=lacp.${2##*/}_${4} res=FAIL
	v=$(median <"$2" 2>/dev/null)
	[[ -n $v ]] && ((v <= $3)) && res=PASS
	SUMMARY+=("verdict.lacp_${2##*/}_$4=$res")
	if [[ -z $v ]]; then
		say "  $1: no measurement  FAIL"
	else
		SUMMARY+=("$key.median=$v" "$key.runs=$(paste -sd, "$2")")
		say "  $1: median $v $4 (target <= $3 $4)  $res"
	fi
}
say "lacp results ($REPEAT run(s))"
verdict "convergence after both ends are up" "$WORK/converge" "$MAX_CONVERGE" ms
verdict "silent member dropped" "$WORK/silent" "$MAX_SILENT" ms
verdict "traffic lost when a member's carrier drops" "$WORK/loss" "$MAX_LOSS" ms
if [[ -n ${BENCH_RESULT:-} ]]; then
	printf '%s\n' "${SUMMARY[@]}" >>"$BENCH_RESULT" && say "lacp: appended to $BENCH_RESULT"
fi
exit 0

#!/bin/bash
# SPDX-License-Identifier: MIT
# Copyright (c) teamfw contributors
#
# tests/bench/lb.sh — the "lb" scenario of bench.sh (sourced by it; uses its helpers and namespaces).
#
#   lb  1. frames/s through a roundrobin team and through a loadbalance team (tx_hash l3 + l4), the same
#          trafgen traffic (64-byte UDP frames, random source port: many flows) in the same run, and
#          their ratio: hashing must be nearly free (target: loadbalance >= BENCH_MIN_LB_RATIO x
#          roundrobin, default 0.9). The two are measured alternately BENCH_LB_PAIRS times (default 3)
#          and the best rate of each is compared: on a shared 2-CPU machine one window can lose a third
#          of its rate to another process, and the best of a few is what the code can do.
#          Also measured in the same alternation, for information: loadbalance with teamfw.tx_workers 2 on
#          BENCH_TEAM_CPUS_W2 (default 0-1, as path's w2 teams), the host's flows shared out between two
#          transmit threads: its best rate against the one-thread loadbalance team's.
#       2. 1000 UDP flows (3 datagrams each) through a loadbalance team over 2 and over 4 real veth
#          ports: each port's share of the frames must be 1/n +- BENCH_LB_SPREAD_TOL (default 0.05).
# Verdicts are printed per run as "lb: ... PASS|FAIL" and recorded in the raw results.

# shellcheck disable=SC2317

LB_MIN_RATIO=${BENCH_MIN_LB_RATIO:-0.9}
LB_SPREAD_TOL=${BENCH_LB_SPREAD_TOL:-0.05}
LB_PAIRS=${BENCH_LB_PAIRS:-3}

lb_conf() { # lb_conf FILE RUNNER PORTS-JSON [TX-WORKERS]
	local extra=$TEAMFW_EXTRA
	[[ -n ${4:-} ]] && TEAMFW_EXTRA="${TEAMFW_EXTRA:+$TEAMFW_EXTRA,}\"tx_workers\":$4"
	printf '{"device":"team0","runner":{"name":"%s","tx_hash":["l3","l4"]},"link_watch":{"name":"ethtool"},"ports":%s%s}\n' \
		"$2" "$3" "$(teamfw_section)" >"$1"
	TEAMFW_EXTRA=$extra
}

lb_verdict() { # lb_verdict OK TEXT
	if (($1)); then say "  lb: $2 PASS"; else say "  lb: $2 FAIL"; fi
}

# lb_frames LABEL RUNNER [TX-WORKERS]: frames/s through a two-port team of RUNNER (with TX-WORKERS > 1, on
# TEAM_CPUS_W2); prints nothing on failure.
lb_frames() {
	local conf=$WORK/$1.conf
	local -a saved=("${TEAM_WRAP[@]}")
	((${3:-1} > 1)) && [[ -n $TEAM_CPUS_W2 ]] && TEAM_WRAP=(taskset -c "$TEAM_CPUS_W2")
	lb_conf "$conf" "$2" '{"a1":{},"a2":{}}' "${3:-}"
	if team_up "$NS_A" "$conf" "$1" 10.77.1.1/24 10.77.1.2; then
		FRAMES_SPORT='drnd(2)' frames "$1" "$NS_A" team0 10.77.1.1 "$NS_B" br0 10.77.1.2 "$BR_MAC"
	fi
	stop_team "$TEAM_PID" "$NS_A" "$1"
	TEAM_WRAP=("${saved[@]}")
}

# lb_spread N: 1000 UDP flows through a loadbalance team over a1..aN; each port's share of the frames.
lb_spread() {
	local n=$1
	local ports="" i conf=$WORK/lb-spread$n.conf sum=0 share ok=1 line=""
	local -a before after
	for ((i = 1; i <= n; i++)); do
		ports+="${ports:+,}\"a$i\":{}"
	done
	lb_conf "$conf" loadbalance "{$ports}"
	if ! team_up "$NS_A" "$conf" "lb-spread$n" 10.77.1.1/24 10.77.1.2; then
		stop_team "$TEAM_PID" "$NS_A" "lb-spread$n"
		return
	fi
	for ((i = 1; i <= n; i++)); do before[i]=$(ctr "$NS_A" "a$i" tx_packets); done
	ip netns exec "$NS_A" python3 -c '
import socket
for p in range(20000, 21000):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("10.77.1.1", p))
    for _ in range(3):
        s.sendto(b"x" * 18, ("10.77.1.2", 9))
    s.close()
'
	sleep 0.5
	for ((i = 1; i <= n; i++)); do
		after[i]=$(ctr "$NS_A" "a$i" tx_packets)
		sum=$((sum + after[i] - before[i]))
	done
	for ((i = 1; i <= n; i++)); do
		share=$(calc "(${after[i]} - ${before[i]}) / $sum")
		rec "lb_spread$n" "share_a$i" "$REP" "$share"
		line+=" a$i $(calc "$share * 100" | cut -d. -f1)%"
		awk -v s="$share" -v n="$n" -v t="$LB_SPREAD_TOL" 'BEGIN { d = s - 1 / n; exit !(d <= t && -d <= t) }' || ok=0
	done
	rec "lb_spread$n" ok "$REP" "$ok"
	lb_verdict "$ok" "1000 flows over $n ports ($sum frames):$line (target $(calc "100 / $n" | cut -d. -f1)% +- $(calc "$LB_SPREAD_TOL * 100" | cut -d. -f1)%)"
	stop_team "$TEAM_PID" "$NS_A" "lb-spread$n"
}

# lb_best SCEN: the best frames_pps of SCEN in this run.
lb_best() {
	awk -v s="$1" -v r="$REP" '$1 == s && $2 == "frames_pps" && $3 == r && $4 > m { m = $4 } END { if (m) print m }' "$WORK/raw.txt"
}

run_lb() {
	local rr lb ratio ok i
	for ((i = 0; i < LB_PAIRS; i++)); do
		lb_frames lb_rr roundrobin
		lb_frames lb_hash loadbalance
		lb_frames lb_hash_tx2 loadbalance 2
	done
	rr=$(lb_best lb_rr)
	lb=$(lb_best lb_hash)
	if [[ -n $rr && -n $lb ]]; then
		ratio=$(calc "$lb / $rr")
		ok=$(awk -v x="$ratio" -v m="$LB_MIN_RATIO" 'BEGIN { print (x >= m) ? 1 : 0 }')
		rec lb frames_ratio "$REP" "$ratio"
		lb_verdict "$ok" "best frames/s of $LB_PAIRS: loadbalance $(fmt_pps "$lb") / roundrobin $(fmt_pps "$rr") = $ratio (target >= $LB_MIN_RATIO)"
	else
		measurement_failed "lb: no frame rate for roundrobin or loadbalance"
	fi
	local tx2
	tx2=$(lb_best lb_hash_tx2)
	if [[ -n $lb && -n $tx2 ]]; then
		rec lb tx2_frames_ratio "$REP" "$(calc "$tx2 / $lb")"
		say "  lb: best frames/s of $LB_PAIRS: loadbalance tx_workers 2 (CPUs ${TEAM_CPUS_W2:-any}) $(fmt_pps "$tx2") / tx_workers 1 (CPUs ${TEAM_CPUS:-any}) $(fmt_pps "$lb") = $(calc "$tx2 / $lb") info"
	fi
	lb_spread 2
	# Two more links for the four-port team, on the same bridge.
	for i in 3 4; do
		if ! ip -n "$NS_A" link show "a$i" >/dev/null 2>&1; then
			veth "$NS_A" "a$i" "$NS_B" "b$i"
			must ip -n "$NS_B" link set "b$i" master br0
			must ip -n "$NS_B" link set "b$i" up
		fi
	done
	lb_spread 4
}

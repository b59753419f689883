#!/bin/bash
# SPDX-License-Identifier: MIT
# Copyright (c) teamfw contributors
#
# tests/bench/cpu.sh — the "cpu" scenario of bench.sh (sourced by it; uses its helpers and namespaces).
#
#   cpu  teamfw's own CPU time per forwarded frame (issue 14): evenly paced 64-byte frames (pacer.c) at
#        each rate of BENCH_CPU_RATES (default 10000 25000 100000 pps) through a roundrobin team over a1 a2,
#        host -> peer (sent on team0, counted by br0's rx_packets) and peer -> host (sent on br0 to team0's
#        MAC, counted by team0's rx_packets). Over a BENCH_CPU_SECS window (default 5 s, opened 0.5 s after
#        the pacer starts): (utime + stime of the teamfw process, /proc/PID/stat fields 14 and 15, in
#        clock ticks of getconf CLK_TCK) / frames counted; the same from /proc/PID/task/*/schedstat
#        (nanoseconds) as a cross-check. One tick is the resolution of the first figure. The pacer runs
#        as SCHED_OTHER (BENCH_PACER_SCHED other, the default; fifo: SCHED_FIFO 1) on BENCH_GEN_CPUS; teamfw on BENCH_TEAM_CPUS with
#        teamfw.workers BENCH_CPU_WORKERS (default: the binary's). BENCH_CPU_RPS=1 steers the receiving
#        device's stack (b1 b2 for tx, team0 for rx) to BENCH_GEN_CPUS with RPS, so the far side's receive
#        softirq no longer runs on teamfw's CPU inside its send() (information: teamfw's own share).

# shellcheck disable=SC2317

CPU_RATES=${BENCH_CPU_RATES:-10000 25000 100000}
CPU_SECS=${BENCH_CPU_SECS:-5}
CPU_WORKERS=${BENCH_CPU_WORKERS:-}
CPU_PACER_SCHED=${BENCH_PACER_SCHED:-other}
CPU_RPS=${BENCH_CPU_RPS:-0}
case $CPU_PACER_SCHED in
fifo) CPU_PACER_WRAP=(chrt -f 1) ;; # sleeps between frames: ksoftirqd and others keep the CPU meanwhile
other) CPU_PACER_WRAP=() ;;
*) die "BENCH_PACER_SCHED: '$CPU_PACER_SCHED' is not fifo or other" ;;
esac
CLK_TCK=$(getconf CLK_TCK)

# stat_ticks PID: utime + stime (clock ticks) of every thread of PID, from /proc/PID/stat.
stat_ticks() {
	local s
	s=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
	s=${s##*) }
	# after "comm)": field 3 (state) is the first word, so utime (14) and stime (15) are words 12 and 13
	awk '{ print $12 + $13 }' <<<"$s"
}

pacer_bin() {
	if [[ -z ${PACER:-} ]]; then
		PACER=$WORK/bin/pacer
		mkdir -p "$WORK/bin"
		gcc -O2 -Wall -o "$PACER" "$HERE/pacer.c" || die "cannot compile tests/bench/pacer.c"
	fi
}

# cpu_one DIR RATE: one paced window; DIR tx (host -> peer) or rx (peer -> host).
cpu_one() {
	local dir=$1 rate=$2 sns sdev dmac sip dip dns ddev out=$WORK/pacer-$1-$2-r$REP.txt pid
	local c0 c1 n0 n1 r0 r1 t0 t1 frames us sus pps tmac key
	tmac=$(ip netns exec "$NS_A" cat /sys/class/net/team0/address)
	if [[ $dir == tx ]]; then
		sns=$NS_A sdev=team0 dmac=$BR_MAC sip=10.77.1.1 dip=10.77.1.2 dns=$NS_B ddev=br0
	else
		sns=$NS_B sdev=br0 dmac=$tmac sip=10.77.1.2 dip=10.77.1.1 dns=$NS_A ddev=team0
		# the bridge learns team0's MAC (unknown unicast would be flooded to both ports)
		reachable "$NS_A" 10.77.1.2
	fi
	key=$dir$rate
	ip netns exec "$sns" "${CPU_PACER_WRAP[@]}" "${GEN_WRAP[@]}" "$PACER" "$sdev" "$dmac" "$sip" "$dip" "$rate" \
		"$(calc "$CPU_SECS + 1")" >"$out" 2>&1 &
	pid=$!
	PIDS+=("$pid")
	sleep 0.5
	c0=$(stat_ticks "$TEAM_PID")
	n0=$(task_cpu_ns "$TEAM_PID")
	r0=$(ctr "$dns" "$ddev" rx_packets)
	t0=$EPOCHREALTIME
	sleep "$CPU_SECS"
	c1=$(stat_ticks "$TEAM_PID")
	n1=$(task_cpu_ns "$TEAM_PID")
	r1=$(ctr "$dns" "$ddev" rx_packets)
	t1=$EPOCHREALTIME
	finish "$pid" 5
	frames=$((r1 - r0))
	if [[ -z $c0 || -z $c1 ]] || ((frames <= 0)); then
		measurement_failed "cpu: $dir at $rate pps: no frames counted on $ddev or no /proc/$TEAM_PID/stat" "$out"
		return
	fi
	pps=$(calc "$frames / ($t1 - $t0)")
	us=$(calc "($c1 - $c0) / $CLK_TCK * 1e6 / $frames")
	sus=$(calc "($n1 - $n0) / 1e3 / $frames")
	rec cpu "${key}_us" "$REP" "$us"
	rec cpu "${key}_sched_us" "$REP" "$sus"
	rec cpu "${key}_pps" "$REP" "$pps"
	rec cpu "${key}_res_us" "$REP" "$(calc "1e6 / $CLK_TCK / $frames")"
	say "  cpu: $dir at $rate pps paced: $(fmt_pps "$pps") counted on $ddev, teamfw $((c1 - c0)) ticks" \
		"= $us us/frame (1 tick = $(calc "1e6 / $CLK_TCK / $frames") us/frame; schedstat $sus us/frame)" \
		"[pacer: $(<"$out")]"
}

# cpu_idle: teamfw's CPU over a window without traffic (% of a CPU), for reading the per-frame figures:
# at 10 kpps, 1 % of a CPU idle is 1 us per frame.
# cpu_mask LIST: the hex CPU mask of a cpuset list ("0", "0-1", "0,2")
cpu_mask() {
	local m=0 part a b c
	for part in ${1//,/ }; do
		a=${part%-*} b=${part#*-}
		for ((c = a; c <= b; c++)); do m=$((m | 1 << c)); done
	done
	printf '%x' "$m"
}

# cpu_rps MASK: rps_cpus of every rx queue of b1, b2 (peer side) and team0 (host side)
cpu_rps() {
	local ns dev q ns_dev
	for ns_dev in "$NS_B b1" "$NS_B b2" "$NS_A team0"; do
		read -r ns dev <<<"$ns_dev"
		for q in $(ip netns exec "$ns" sh -c "ls -d /sys/class/net/$dev/queues/rx-*" 2>/dev/null); do
			ip netns exec "$ns" sh -c "echo $1 > $q/rps_cpus" || die "cpu: cannot set $q/rps_cpus in $ns"
		done
	done
}

cpu_idle() {
	local c0 c1 t0 t1 v
	c0=$(stat_ticks "$TEAM_PID")
	t0=$EPOCHREALTIME
	sleep "$CPU_SECS"
	c1=$(stat_ticks "$TEAM_PID")
	t1=$EPOCHREALTIME
	[[ -n $c0 && -n $c1 ]] || return
	v=$(calc "($c1 - $c0) / $CLK_TCK / ($t1 - $t0) * 100")
	rec cpu idle_pct "$REP" "$v"
	say "  cpu: idle (no traffic) teamfw $((c1 - c0)) ticks in $(calc "$t1 - $t0") s = $v % of a CPU"
}

run_cpu() {
	local conf=$WORK/cpu.conf rate dir
	pacer_bin
	write_conf "$conf" roundrobin '{"a1":{},"a2":{}}' "$CPU_WORKERS"
	if team_up "$NS_A" "$conf" cpu 10.77.1.1/24 10.77.1.2; then
		if [[ $CPU_RPS == 1 ]]; then
			[[ -n $GEN_CPUS ]] || die "BENCH_CPU_RPS=1 needs BENCH_GEN_CPUS (the CPUs the receiving stacks move to)"
			cpu_rps "$(cpu_mask "$GEN_CPUS")"
			say "  cpu: RPS: the receive stacks of b1 b2 and team0 run on CPU(s) $GEN_CPUS, not in teamfw's send()"
		fi
		cpu_idle
		for rate in $CPU_RATES; do
			for dir in tx rx; do
				cpu_one "$dir" "$rate"
			done
		done
	fi
	stop_team "$TEAM_PID" "$NS_A" cpu
	[[ $CPU_RPS == 1 ]] && cpu_rps 0
	# the next team gets a new MAC: no stale neighbour entry for 10.77.1.1 on the peer
	ip -n "$NS_B" neigh flush dev br0 2>/dev/null
}

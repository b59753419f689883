#!/bin/bash
# SPDX-License-Identifier: MIT
# Copyright (c) teamfw contributors
#
# tests/bench/bench.sh — the benchmark behind `make bench` (see tests/bench/README.md).
#
# Measures, in throwaway network namespaces, in one run:
#   veth      a plain veth pair (information)
#   team      teamfw (roundrobin) over two veth ports whose other ends sit on a kernel
#             bridge with an address in the peer namespace (one teamfw hop)
#   team2     teamfw on both sides (the peer runs teamfw over its ends too)
#   path      the same path without teamfw (a1 itself into br0) alternated with teamfw, workers 1 and 2:
#             best-of and median, team/direct ratios with the issue 14 targets (path.sh, pathreport.py)
#   cpu       teamfw's CPU time per forwarded frame, paced 64-byte frames both ways (cpu.sh, pacer.c)
#   board     the same on the emulated arm64 board, for information (board-cpu.sh; not in the default set)
#   failover  teamfw activebackup on the bridge topology: traffic lost while the
#             active port loses carrier (ping every 1 ms)
#   start     teamfw roundrobin on the bridge topology: time from exec to the first
#             echo reply through team0, and VmSize/RSS right then (two ports, idle)
#   restart   the same, then SIGKILL and start again: time from the second exec to the first
#             echo reply through team0 (taken back from the state file, its address kept)
#   lacp      teamfw lacp on both ends: convergence, silent-member drop, carrier-drop loss (lacp.sh)
#   ovs       Open vSwitch's userspace bond as the reference: LACP convergence, silent member, frames/s
#             and TCP, OVS <-> OVS and teamfw <-> OVS / teamfw vs OVS (ovs.sh)
#   hash      ns per frame of the flow hash, CRC32C against XxHash3, per build and ISA (hash.sh)
#   control   the control socket: OPTIONS_GET round trips per second (ctlbench.c), wall time
#             of `teamfw nl team0 options`, daemon CPU with 64 idle clients, and (first run)
#             the control fuzz test with BENCH_FUZZ_ITERATIONS mutations
# and prints medians of BENCH_REPEAT runs, ratios to the plain veth pair (information), peak RSS,
# VmSize, start-to-forwarding time and binary size, with PASS/FAIL against the targets. Exit status: 0 when the measurements
# ran (whatever the verdicts), 1 when the harness itself could not run.
#
# Environment (all optional):
#   TEAMFW_BIN          the binary (default: <repo>/out/<rid>/teamfw)
#   BENCH_REPEAT        runs of every measurement, medians are quoted (default 3)
#   BENCH_SCENARIOS     subset of "veth team team2 path cpu failover start restart control lb lacp ovs hash" (default: all of these; lb: tests/bench/lb.sh, lacp: tests/bench/lacp.sh, ovs: tests/bench/ovs.sh, hash: tests/bench/hash.sh), plus "board" (board-cpu.sh)
#   BENCH_GEN_CPUS      CPUs of iperf3 and the pacer (default 0; empty: no pinning; trafgen pins itself to 0)
#   BENCH_TEAM_CPUS     CPUs of teamfw (default 1; empty: no pinning); BENCH_TEAM_CPUS_W2 with workers > 1 (0-1)
#   BENCH_TEAM_DEVICE   "teamfw": {"device": VALUE} in every config (veth, tap; unset: the binary's default)
#   BENCH_TEAMFW        more members of that "teamfw" section, as JSON: '"tx_method":"sendmmsg"'
#   BENCH_PATH_WORKERS  teamfw.workers values of the path scenario (default "1 2")
#   BENCH_CPU_RATES, BENCH_CPU_SECS, BENCH_CPU_WORKERS, BENCH_PACER_SCHED, BENCH_CPU_RPS   the cpu scenario (tests/bench/README.md)
#   BENCH_PPS_SECS      trafgen measuring window in seconds (default 3)
#   BENCH_UDP_SECS      iperf3 -u -l 64 duration (default 3)
#   BENCH_TCP_SECS      iperf3 TCP duration per direction (default 5)
#   BENCH_FAILOVER_PINGS  pings at 1 ms sent during the failover test (default 3000)
#   BENCH_TRAFGEN_CPUS  trafgen sender processes (default 1)
#   BENCH_CTL_SECS      control round-trip window in seconds (default 3)
#   BENCH_IDLE_SECS     idle-CPU window with 64 clients in seconds (default 10)
#   BENCH_FUZZ_ITERATIONS  control fuzz mutations (default 2000000; 0 skips; needs dotnet)
#   BENCH_RESULT        machine-readable summary (default /tmp/teamfw-bench-last-result.txt)
#   BENCH_KEEP=1        keep the work directory (configs, logs, raw JSON) after the run
#   BENCH_MAX_BIN_BYTES, BENCH_MAX_RSS_KB, BENCH_MAX_VMSIZE_KB, BENCH_MAX_START_MS, BENCH_MAX_RESTART_MS,
#   BENCH_MIN_FRAMES_RATIO, BENCH_MIN_TCP_RATIO, BENCH_MAX_CPU_US, BENCH_MAX_FAILOVER_MS, BENCH_MIN_CTL_RTT,
#   BENCH_MAX_NL_MS, BENCH_MAX_IDLE_CPU_PCT   override the targets

# SC2317: main ends in `exit`, after which shellcheck 0.9 calls every function unreachable.
# shellcheck disable=SC2317

set -u -o pipefail

# shellcheck source=tests/bench/paths.sh
. "$(dirname "${BASH_SOURCE[0]}")/paths.sh"
REPEAT=${BENCH_REPEAT:-3}
SCENARIOS=${BENCH_SCENARIOS:-veth team team2 path cpu failover start restart control lb lacp ovs hash}
PPS_SECS=${BENCH_PPS_SECS:-3}
UDP_SECS=${BENCH_UDP_SECS:-3}
TCP_SECS=${BENCH_TCP_SECS:-5}
FAILOVER_PINGS=${BENCH_FAILOVER_PINGS:-3000}
TRAFGEN_CPUS=${BENCH_TRAFGEN_CPUS:-1}
CTL_SECS=${BENCH_CTL_SECS:-3}
IDLE_SECS=${BENCH_IDLE_SECS:-10}
FUZZ_ITERATIONS=${BENCH_FUZZ_ITERATIONS:-2000000}
RESULT=${BENCH_RESULT:-/tmp/teamfw-bench-last-result.txt}
KEEP=${BENCH_KEEP:-0}
TEAM_DEVICE=${BENCH_TEAM_DEVICE:-}
TEAMFW_EXTRA=${BENCH_TEAMFW:-}
# GEN_CPUS, TEAM_CPUS and their wraps come from paths.sh: iperf3 and the pacer on GEN_CPUS (trafgen pins its
# worker to CPU 0 itself), teamfw on TEAM_CPUS (bench.sh's own launches; startfwd/restartfwd are not pinned).
PPS_WARM=0.5       # seconds trafgen runs before the window opens
IPERF_PORT=5201    # inside the namespaces only

# Everything this run creates carries its PID.
ID=$$
NS_A=tfb${ID}a # team side: r1 (reference), a1 a2 (team ports), team0
NS_B=tfb${ID}b # peer side: r2 (reference), b1 b2 on br0 (10.77.1.2)
NS_C=tfb${ID}c # team2, side 1: c1 c2, team0 (10.77.3.1)
NS_D=tfb${ID}d # team2, side 2: d1 d2, team0 (10.77.3.2)
BR_MAC=02:77:00:00:01:02

PIDS=() # every process started and not yet reaped
NSS=()  # every namespace created
WORK=""
RUN_BIN=""          # private copy of TEAMFW_BIN in WORK
BIN_SHA=""

usage() {
	awk 'NR >= 5 && !/^#/ { exit } NR >= 5 { sub(/^# ?/, ""); print }' "${BASH_SOURCE[0]}"
}

say() { printf '%s\n' "$*"; }
warn() { printf 'warning: %s\n' "$*" >&2; }
die() {
	printf 'error: %s\n' "$*" >&2
	exit 1
}

# ---------------------------------------------------------------- processes

forget_pid() {
	local i
	for i in "${!PIDS[@]}"; do
		[[ ${PIDS[$i]} == "$1" ]] && unset 'PIDS[i]'
	done
}

# True while PID runs (a zombie, i.e. exited but not reaped, does not count).
alive() {
	local s
	s=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
	s=${s##*) }
	[[ ${s%% *} != Z ]]
}

# finish PID [SECONDS] [SIGNAL]: optionally signal PID (a child of this shell), give
# it SECONDS to exit, then SIGTERM, then SIGKILL; reap it. Returns its exit status.
# Sets FINISH_FORCED=1 when it had to be forced.
FINISH_FORCED=0
finish() {
	local pid=$1 t=${2:-5} sig=${3:-} i rc
	FINISH_FORCED=0
	[[ -n $sig ]] && kill -"$sig" "$pid" 2>/dev/null
	for ((i = 0; i < t * 10; i++)); do
		alive "$pid" || break
		sleep 0.1
	done
	if alive "$pid"; then
		FINISH_FORCED=1
		kill -TERM "$pid" 2>/dev/null
		for ((i = 0; i < 20; i++)); do
			alive "$pid" || break
			sleep 0.1
		done
		alive "$pid" && kill -KILL "$pid" 2>/dev/null
	fi
	wait "$pid" 2>/dev/null
	rc=$?
	forget_pid "$pid"
	return "$rc"
}

# run_in NS LIMIT OUT CMD...: run CMD in NS with a time limit, output to OUT; the
# shell waits in `wait`, so INT/TERM reach the trap at once.
run_in() {
	local ns=$1 limit=$2 out=$3 pid rc
	shift 3
	ip netns exec "$ns" timeout -k 2 "$limit" "$@" >"$out" 2>&1 &
	pid=$!
	PIDS+=("$pid")
	wait "$pid"
	rc=$?
	forget_pid "$pid"
	return "$rc"
}

cleanup() {
	local rc=$? pid ns
	trap - EXIT INT TERM HUP
	for pid in "${PIDS[@]}"; do
		kill -TERM "$pid" 2>/dev/null
	done
	for pid in "${PIDS[@]}"; do
		finish "$pid" 5
	done
	for ns in "${NSS[@]}"; do
		ip netns del "$ns" 2>/dev/null || warn "could not delete namespace $ns"
	done
	if [[ -n $WORK && -d $WORK ]]; then
		if [[ $KEEP == 1 ]]; then
			say "work directory kept: $WORK"
		else
			rm -rf "$WORK"
		fi
	fi
	exit "$rc"
}

# ---------------------------------------------------------------- helpers

# Fail the harness on a setup command that must not fail.
must() {
	"$@" || die "setup failed: $*"
}

ctr() { ip netns exec "$1" cat "/sys/class/net/$2/statistics/$3"; }

calc() { awk "BEGIN { printf \"%.4f\", $1 }"; }

rec() { # rec SCENARIO METRIC REP VALUE
	printf '%s %s %s %s\n' "$1" "$2" "$3" "$4" >>"$WORK/raw.txt"
}

measurement_failed() { # measurement_failed MESSAGE [LOG]: warn, count, show the log tail
	rec harness errors - 1
	warn "$1"
	if [[ -n ${2:-} && -s $2 ]]; then
		tail -n 15 "$2" | sed 's/^/    | /' >&2
	fi
}

fmt_pps() { awk -v v="$1" 'BEGIN { if (v >= 1e6) printf "%.3f Mpps", v / 1e6; else printf "%.1f kpps", v / 1e3 }'; }

# ---------------------------------------------------------------- checks

check_deps() {
	local missing="" c p
	for c in ip:iproute2 ss:iproute2 iperf3:iperf3 trafgen:netsniff-ng ping:iputils-ping \
		python3:python3 timeout:coreutils awk:gawk; do
		p=${c#*:}
		c=${c%%:*}
		if ! command -v "$c" >/dev/null 2>&1; then
			[[ " $missing " == *" $p "* ]] || missing="$missing $p"
		fi
	done
	[[ -z $missing ]] || die "missing packages:$missing (run: make bench-deps, or apt-get install$missing)"
	[[ $EUID -eq 0 ]] || die "must run as root (creates network namespaces)"
	local s
	for s in $SCENARIOS; do
		case $s in
		veth | team | team2 | path | cpu | failover | start | restart | control | lb | lacp | ovs | hash | board) ;;
		*) die "BENCH_SCENARIOS: unknown scenario '$s' (known: veth team team2 path cpu failover start restart control lb lacp ovs hash board)" ;;
		esac
	done
	[[ $REPEAT =~ ^[1-9][0-9]*$ ]] || die "BENCH_REPEAT must be a positive integer"
	if { wants control || wants cpu; } && ! command -v gcc >/dev/null 2>&1; then
		die "missing package: gcc (the control and cpu scenarios compile tests/bench/ctlbench.c, pacer.c)"
	fi
	check_pinning
	[[ $TEAM_DEVICE =~ ^[a-z]*$ ]] || die "BENCH_TEAM_DEVICE: '$TEAM_DEVICE' is not a device kind (veth, tap)"
	if needs_bin; then
		[[ -x $TEAMFW_BIN ]] || die "teamfw binary not found or not executable: $TEAMFW_BIN (build it with make, or set TEAMFW_BIN; BENCH_SCENARIOS=veth measures only the reference)"
	fi
}

wants() { [[ " $SCENARIOS " == *" $1 "* ]]; }

# needs_bin: a scenario bench.sh runs itself starts teamfw
needs_bin() {
	local s
	for s in team team2 path cpu failover start restart control lb; do
		wants "$s" && return 0
	done
	return 1
}

# ---------------------------------------------------------------- topology

add_ns() {
	must ip netns add "$1"
	NSS+=("$1")
	must ip -n "$1" link set lo up
}

# veth NS1 IF1 NS2 IF2: a veth pair created directly inside the namespaces.
veth() {
	must ip -n "$1" link add "$2" type veth peer name "$4" netns "$3"
}

setup() {
	add_ns "$NS_A"
	add_ns "$NS_B"
	# reference: one plain veth pair
	veth "$NS_A" r1 "$NS_B" r2
	must ip -n "$NS_A" addr add 10.77.2.1/24 dev r1
	must ip -n "$NS_B" addr add 10.77.2.2/24 dev r2
	must ip -n "$NS_A" link set r1 up
	must ip -n "$NS_B" link set r2 up
	if wants team || wants path || wants cpu || wants failover || wants start || wants control || wants lb; then
		# team ports a1 a2; their peers b1 b2 on a bridge that holds the peer address.
		# The bridge MAC is set explicitly so it does not change when a port goes down.
		veth "$NS_A" a1 "$NS_B" b1
		veth "$NS_A" a2 "$NS_B" b2
		must ip -n "$NS_B" link add br0 address "$BR_MAC" type bridge stp_state 0 forward_delay 0
		must ip -n "$NS_B" link set b1 master br0
		must ip -n "$NS_B" link set b2 master br0
		must ip -n "$NS_B" link set b1 up
		must ip -n "$NS_B" link set b2 up
		must ip -n "$NS_B" addr add 10.77.1.2/24 dev br0
		must ip -n "$NS_B" link set br0 up
	fi
	if wants team2; then
		add_ns "$NS_C"
		add_ns "$NS_D"
		veth "$NS_C" c1 "$NS_D" d1
		veth "$NS_C" c2 "$NS_D" d2
	fi
	ip netns exec "$NS_A" ping -q -c 1 -w 5 10.77.2.2 >/dev/null ||
		die "the plain veth pair does not pass traffic"
}

# ---------------------------------------------------------------- teamfw

# launch_team NS CONF LABEL: start teamfw in NS (foreground daemon, log to a file).
# Sets TEAM_PID and TEAM_LOG.
TEAM_PID=""
TEAM_LOG=""
launch_team() {
	TEAM_LOG=$WORK/teamfw-$3-r$REP.log
	ip netns exec "$1" "${TEAM_WRAP[@]}" "$RUN_BIN" -f "$2" -S "$WORK/teamfw-$3.sock" 2>"$TEAM_LOG" &
	TEAM_PID=$!
	PIDS+=("$TEAM_PID")
}

# ready_team NS PID LABEL ADDR: wait for team0, give it ADDR, bring it up, wait for
# carrier (LOWER_UP). Returns 1, with a warning, when that does not happen.
ready_team() {
	local ns=$1 pid=$2 label=$3 addr=$4 i
	for ((i = 0; i < 150; i++)); do
		ip -n "$ns" link show dev team0 >/dev/null 2>&1 && break
		alive "$pid" || break
		sleep 0.1
	done
	if ! ip -n "$ns" link show dev team0 >/dev/null 2>&1; then
		if alive "$pid"; then
			warn "teamfw ($label): no team0 in $ns after 15 s"
		else
			warn "teamfw ($label) exited before creating team0"
		fi
		return 1
	fi
	ip -n "$ns" addr add "$addr" dev team0 || return 1
	ip -n "$ns" link set team0 up || return 1
	for ((i = 0; i < 100; i++)); do
		ip -n "$ns" link show dev team0 2>/dev/null | grep -q LOWER_UP && return 0
		alive "$pid" || break
		sleep 0.1
	done
	if alive "$pid"; then
		warn "teamfw ($label): team0 has no carrier (LOWER_UP) after 10 s"
	else
		warn "teamfw ($label) exited"
	fi
	return 1
}

# team_up NS CONF LABEL ADDR PEERIP: launch_team, ready_team, then ping the peer; on
# failure say which step failed (with the log tail) and return 1. Sets TEAM_PID.
team_up() {
	launch_team "$1" "$2" "$3"
	if ! ready_team "$1" "$TEAM_PID" "$3" "$4"; then
		measurement_failed "$3: teamfw did not come up; skipping this run" "$TEAM_LOG"
		return 1
	fi
	if ! reachable "$1" "$5"; then
		measurement_failed "$3: team0 is up but $5 does not answer ping; skipping this run" "$TEAM_LOG"
		return 1
	fi
}

# rss_kb PID: peak resident set (VmHWM) in KiB, empty if unknown.
rss_kb() {
	awk '/^VmHWM:/ { print $2 }' "/proc/$1/status" 2>/dev/null
}

# vmsize_kb PID: virtual address space (VmSize) in KiB, empty if unknown. Boards with
# strict overcommit (vm.overcommit_memory=2) refuse reservations, so this has a target too.
vmsize_kb() {
	awk '/^VmSize:/ { print $2 }' "/proc/$1/status" 2>/dev/null
}

# stop_team PID NS LABEL: SIGTERM, check it exits 0 within 10 s and removes team0.
stop_team() {
	local pid=$1 ns=$2 label=$3 rc
	[[ -n $pid ]] || return 0
	if ! alive "$pid"; then
		finish "$pid" 0
		warn "teamfw ($label) had exited by itself (status $?)"
	else
		finish "$pid" 10 TERM
		rc=$?
		((FINISH_FORCED)) && warn "teamfw ($label) did not exit within 10 s of SIGTERM; killed"
		((rc != 0 && !FINISH_FORCED)) && warn "teamfw ($label) exited with status $rc on SIGTERM"
	fi
	if ip -n "$ns" link show dev team0 >/dev/null 2>&1; then
		warn "teamfw ($label) left team0 behind in $ns; deleting it"
		ip -n "$ns" link del team0 2>/dev/null
	fi
	return 0
}

write_conf() { # write_conf FILE RUNNER PORTS-JSON [WORKERS]: a team0 config; BENCH_TEAM_DEVICE and
	# WORKERS (default: the binary's) go into its "teamfw" section
	printf '{"device":"team0","runner":{"name":"%s"},"link_watch":{"name":"ethtool"},"ports":%s%s}\n' \
		"$2" "$3" "$(teamfw_section "${4:-}")" >"$1"
}

teamfw_section() { # teamfw_section [WORKERS]: ',"teamfw":{...}' or nothing
	local t=""
	[[ -n ${1:-} ]] && t+="\"workers\":$1"
	[[ -n $TEAM_DEVICE ]] && t+="${t:+,}\"device\":\"$TEAM_DEVICE\""
	[[ -n $TEAMFW_EXTRA ]] && t+="${t:+,}$TEAMFW_EXTRA"
	[[ -n $t ]] && printf ',"teamfw":{%s}' "$t"
}

# ---------------------------------------------------------------- measurements

mac_bytes() { printf '0x%s' "${1//:/, 0x}"; }

# frames SCEN SNS SDEV SRCIP DNS DDEV DSTIP DMAC: trafgen sends 60-byte frames (64 on
# the wire with the FCS: Ethernet + IPv4 + UDP to port 9) from SDEV in SNS to DMAC; the
# rate is the rx_packets delta of DDEV in DNS (the device that holds the peer address)
# over a PPS_SECS window that opens PPS_WARM s after trafgen starts.
frames() {
	local scen=$1 sns=$2 sdev=$3 sip=$4 dns=$5 ddev=$6 dip=$7 dmac=$8
	local cfg=$WORK/trafgen-$scen.cfg out=$WORK/trafgen-$scen-r$REP.log smac pid
	local r0 r1 s0 s1 t0 t1 pps offered total
	smac=$(ip netns exec "$sns" cat "/sys/class/net/$sdev/address") || {
		measurement_failed "$scen: cannot read the MAC of $sdev"
		return
	}
	cat >"$cfg" <<EOF
{
  $(mac_bytes "$dmac"),
  $(mac_bytes "$smac"),
  c16(0x0800),
  0x45, 0x00, c16(46), c16(0), c16(0x4000), 64, 17, csumip(14, 33),
  ${sip//./, },
  ${dip//./, },
  ${FRAMES_SPORT:-c16(4000)}, c16(9), c16(26), c16(0),
  fill(0x00, 18)
}
EOF
	total=$(calc "$PPS_WARM + $PPS_SECS + 1.5")
	# --no-sock-mem and -Q: leave the host's socket memory sysctls and IRQ affinity alone.
	ip netns exec "$sns" timeout -s INT -k 2 "$total" \
		trafgen -i "$cfg" -o "$sdev" -P "$TRAFGEN_CPUS" --no-sock-mem -Q -C >"$out" 2>&1 &
	pid=$!
	PIDS+=("$pid")
	sleep "$PPS_WARM"
	if ! alive "$pid"; then
		finish "$pid" 1
		measurement_failed "$scen: trafgen on $sdev exited early" "$out"
		return
	fi
	r0=$(ctr "$dns" "$ddev" rx_packets)
	s0=$(ctr "$sns" "$sdev" tx_packets)
	t0=$EPOCHREALTIME
	sleep "$PPS_SECS"
	r1=$(ctr "$dns" "$ddev" rx_packets)
	s1=$(ctr "$sns" "$sdev" tx_packets)
	t1=$EPOCHREALTIME
	finish "$pid" 5
	if [[ -z $r0 || -z $r1 ]]; then
		measurement_failed "$scen: cannot read the counters of $ddev/$sdev" "$out"
		return
	fi
	pps=$(calc "($r1 - $r0) / ($t1 - $t0)")
	offered=$(calc "($s1 - $s0) / ($t1 - $t0)")
	rec "$scen" frames_pps "$REP" "$pps"
	rec "$scen" frames_offered_pps "$REP" "$offered"
	say "  $scen: 64B frames (trafgen) $(fmt_pps "$pps") received on $ddev (offered on $sdev: $(fmt_pps "$offered"))"
}

# iperf SCEN CNS SNS DSTIP LABEL SECS ARGS...: one iperf3 test against a fresh one-off
# server in SNS; sets IPERF_JSON to the client's JSON output. (Not meant for $(...):
# processes must be started by this shell so the trap can stop them.)
IPERF_JSON=""
iperf() {
	local scen=$1 cns=$2 sns=$3 dip=$4 label=$5 secs=$6 spid out slog i
	shift 6
	out=$WORK/iperf-$scen-$label-r$REP.json
	IPERF_JSON=$out
	slog=$WORK/iperf-$scen-$label-r$REP-server.log
	ip netns exec "$sns" "${GEN_WRAP[@]}" iperf3 -s -1 -p "$IPERF_PORT" >"$slog" 2>&1 &
	spid=$!
	PIDS+=("$spid")
	for ((i = 0; i < 50; i++)); do
		[[ -n $(ip netns exec "$sns" ss -Hltn "sport = :$IPERF_PORT" 2>/dev/null) ]] && break
		sleep 0.1
	done
	if ! run_in "$cns" $((secs + 20)) "$out" "${GEN_WRAP[@]}" iperf3 -c "$dip" -p "$IPERF_PORT" -t "$secs" -J \
		--connect-timeout 3000 "$@"; then
		finish "$spid" 1
		measurement_failed "$scen: iperf3 $label test failed" "$out"
		return 1
	fi
	# -1 makes the server exit after the test; a stuck one is stopped, and the client's
	# JSON (which benchlib.py checks for "error") decides whether the test counted.
	finish "$spid" 3
	return 0
}

udp() { # udp SCEN CNS SNS DSTIP
	local json v
	iperf "$1" "$2" "$3" "$4" udp64 "$UDP_SECS" -u -l 64 -b 0 || return
	json=$IPERF_JSON
	if v=$(python3 "$HERE/benchlib.py" udp "$json"); then
		rec "$1" udp_pps "$REP" "$v"
		say "  $1: UDP -l 64 (iperf3) $(fmt_pps "$v") received"
	else
		measurement_failed "$1: iperf3 UDP test failed" "$json"
	fi
}

tcp() { # tcp SCEN CNS SNS DSTIP
	local json v dir metric args
	for dir in tx rx; do
		metric=tcp_${dir}_gbit
		args=()
		[[ $dir == rx ]] && args=(-R)
		iperf "$1" "$2" "$3" "$4" "tcp-$dir" "$TCP_SECS" "${args[@]}" || continue
		json=$IPERF_JSON
		if v=$(python3 "$HERE/benchlib.py" tcp "$json"); then
			rec "$1" "$metric" "$REP" "$v"
			if [[ $dir == tx ]]; then
				say "  $1: TCP team->peer $v Gbit/s"
			else
				say "  $1: TCP peer->team $v Gbit/s"
			fi
		else
			measurement_failed "$1: iperf3 TCP test failed" "$json"
		fi
	done
}

reachable() { # reachable NS DSTIP
	ip netns exec "$1" ping -q -c 1 -w 5 "$2" >/dev/null 2>&1
}

# ---------------------------------------------------------------- scenarios

run_veth() {
	frames veth "$NS_A" r1 10.77.2.1 "$NS_B" r2 10.77.2.2 "$(ip netns exec "$NS_B" cat /sys/class/net/r2/address)"
	udp veth "$NS_A" "$NS_B" 10.77.2.2
	tcp veth "$NS_A" "$NS_B" 10.77.2.2
}

run_team() {
	local conf=$WORK/team.conf v
	write_conf "$conf" roundrobin '{"a1":{},"a2":{}}'
	if ! team_up "$NS_A" "$conf" team 10.77.1.1/24 10.77.1.2; then
		stop_team "$TEAM_PID" "$NS_A" team
		return
	fi
	frames team "$NS_A" team0 10.77.1.1 "$NS_B" br0 10.77.1.2 "$BR_MAC"
	udp team "$NS_A" "$NS_B" 10.77.1.2
	tcp team "$NS_A" "$NS_B" 10.77.1.2
	v=$(rss_kb "$TEAM_PID")
	if [[ -n $v ]]; then
		rec team rss_kb "$REP" "$v"
		say "  team: teamfw peak RSS (VmHWM) $v KiB"
	fi
	v=$(vmsize_kb "$TEAM_PID")
	if [[ -n $v ]]; then
		rec team vmsize_kb "$REP" "$v"
		say "  team: teamfw VmSize $v KiB"
	fi
	stop_team "$TEAM_PID" "$NS_A" team
}

run_team2() {
	local c=$WORK/team2-c.conf d=$WORK/team2-d.conf pid_c pid_d log_c log_d v dmac ok=1
	write_conf "$c" roundrobin '{"c1":{},"c2":{}}'
	write_conf "$d" roundrobin '{"d1":{},"d2":{}}'
	# Both daemons first: neither team has carrier until the other brings its ports up.
	launch_team "$NS_D" "$d" team2-d
	pid_d=$TEAM_PID
	log_d=$TEAM_LOG
	launch_team "$NS_C" "$c" team2-c
	pid_c=$TEAM_PID
	log_c=$TEAM_LOG
	if ! ready_team "$NS_D" "$pid_d" team2-d 10.77.3.2/24; then
		measurement_failed "team2-d: teamfw did not come up; skipping this run" "$log_d"
		ok=0
	elif ! ready_team "$NS_C" "$pid_c" team2-c 10.77.3.1/24; then
		measurement_failed "team2-c: teamfw did not come up; skipping this run" "$log_c"
		ok=0
	elif ! reachable "$NS_C" 10.77.3.2; then
		measurement_failed "team2: both team0 up but 10.77.3.2 does not answer ping; skipping this run" "$log_c"
		ok=0
	fi
	if ((!ok)); then
		stop_team "$pid_c" "$NS_C" team2-c
		stop_team "$pid_d" "$NS_D" team2-d
		return
	fi
	dmac=$(ip netns exec "$NS_D" cat /sys/class/net/team0/address)
	frames team2 "$NS_C" team0 10.77.3.1 "$NS_D" team0 10.77.3.2 "$dmac"
	udp team2 "$NS_C" "$NS_D" 10.77.3.2
	tcp team2 "$NS_C" "$NS_D" 10.77.3.2
	for v in "$pid_c" "$pid_d"; do
		v=$(rss_kb "$v")
		[[ -n $v ]] && rec team2 rss_kb "$REP" "$v"
	done
	stop_team "$pid_c" "$NS_C" team2-c
	stop_team "$pid_d" "$NS_D" team2-d
}

run_failover() {
	local conf=$WORK/failover.conf active=a1 q peer out pid sent lost run gap span base v
	write_conf "$conf" activebackup '{"a1":{"prio":10},"a2":{}}'
	if ! team_up "$NS_A" "$conf" failover 10.77.1.1/24 10.77.1.2; then
		stop_team "$TEAM_PID" "$NS_A" failover
		return
	fi
	# Which port is active: ask teamfw, else trust prio (a1).
	q=$(ip netns exec "$NS_A" timeout 3 "$RUN_BIN" ctl -S "$WORK/teamfw-failover.sock" team0 \
		state item get runner.active_port 2>/dev/null | tr -d '[:space:]')
	[[ $q == a1 || $q == a2 ]] && active=$q
	peer=b${active#a}
	# Probes strictly every 1 ms (benchlib.py pinger; iputils ping slows to one probe per
	# 10 ms while replies are missing, which would hide 90% of the outage).
	# Warm-up (ARP, bridge FDB) and baseline: 300 probes without a failure.
	out=$WORK/failover-r$REP.baseline
	run_in "$NS_A" 20 "$out" python3 "$HERE/benchlib.py" pinger 10.77.1.2 300 1
	base=$(awk '{ print $3 }' "$out")
	out=$WORK/failover-r$REP.pinger
	ip netns exec "$NS_A" timeout -k 2 $((FAILOVER_PINGS / 1000 + 20)) \
		python3 "$HERE/benchlib.py" pinger 10.77.1.2 "$FAILOVER_PINGS" 1 >"$out" 2>&1 &
	pid=$!
	PIDS+=("$pid")
	sleep 1
	ip -n "$NS_B" link set "$peer" down
	wait "$pid"
	forget_pid "$pid"
	ip -n "$NS_B" link set "$peer" up
	if read -r sent _ lost run gap span <"$out" && [[ $lost =~ ^[0-9]+$ ]]; then
		rec failover loss_ms "$REP" "$lost"
		rec failover outage_ms "$REP" "$span"
		say "  failover: active port $active, $peer set down: $lost of $sent probes (1 ms apart) lost = $lost ms" \
			"(longest run $run, by send times $span ms; baseline loss ${base:-?}/300; sender max gap $gap ms)"
	else
		measurement_failed "failover: the pinger gave no result" "$out"
	fi
	v=$(rss_kb "$TEAM_PID")
	[[ -n $v ]] && rec failover rss_kb "$REP" "$v"
	stop_team "$TEAM_PID" "$NS_A" failover
	# the next run starts with both bridge ports forwarding again
	sleep 0.2
}

run_start() {
	local conf=$WORK/start.conf out=$WORK/start-r$REP.txt dev fwd vms rss
	write_conf "$conf" roundrobin '{"a1":{},"a2":{}}'
	# Every start gives team0 a new random MAC: a neighbour entry the peer kept from an
	# earlier run would send the first replies to the old one.
	ip -n "$NS_B" neigh flush dev br0 2>/dev/null
	if ! run_in "$NS_A" 30 "$out" python3 "$HERE/benchlib.py" startfwd "$RUN_BIN" "$conf" \
		10.77.1.1/24 10.77.1.2 "$BR_MAC" "$WORK/teamfw-start-r$REP.log"; then
		measurement_failed "start: no start-to-forwarding figure" "$out"
		return
	fi
	if read -r dev fwd vms rss <"$out" && [[ $fwd =~ ^[0-9.]+$ ]]; then
		rec start start_ms "$REP" "$fwd"
		rec start dev_ms "$REP" "$dev"
		[[ $vms != 0 ]] && rec start vmsize_kb "$REP" "$vms"
		[[ $rss != 0 ]] && rec start rss_kb "$REP" "$rss"
		say "  start: team0 after $dev ms, first echo reply through it after $fwd ms;" \
			"then VmSize $vms KiB, RSS $rss KiB"
	else
		measurement_failed "start: unreadable result" "$out"
	fi
}

run_restart() {
	local conf=$WORK/restart.conf out=$WORK/restart-r$REP.txt ms
	write_conf "$conf" roundrobin '{"a1":{},"a2":{}}'
	ip -n "$NS_B" neigh flush dev br0 2>/dev/null
	if ! run_in "$NS_A" 40 "$out" python3 "$HERE/benchlib.py" restartfwd "$RUN_BIN" "$conf" \
		10.77.1.1/24 10.77.1.2 "$BR_MAC" "$WORK/teamfw-restart-r$REP.log"; then
		measurement_failed "restart: no restart-to-forwarding figure" "$out"
		return
	fi
	if read -r ms <"$out" && [[ $ms =~ ^[0-9.]+$ ]]; then
		rec restart restart_ms "$REP" "$ms"
		say "  restart: SIGKILL, then the first echo reply through team0 $ms ms after the new daemon's exec"
	else
		measurement_failed "restart: unreadable result" "$out"
	fi
}

# task_cpu_ns PID: CPU time of every thread of PID so far (schedstat, nanoseconds; %.0f: mawk's %d stops at 2^31).
task_cpu_ns() {
	cat /proc/"$1"/task/*/schedstat 2>/dev/null | awk '{ s += $1 } END { printf "%.0f", s }'
}

# idle_cpu NS CONF LABEL METRIC: start a team, then the daemon's CPU time (every thread, from
# schedstat) over IDLE_SECS with 64 connected clients that say nothing; recorded as METRIC.
idle_cpu() {
	local ns=$1 conf=$2 label=$3 metric=$4 sock=$WORK/teamfw-$3.sock hold c0 c1 v
	if ! team_up "$ns" "$conf" "$label" 10.77.1.1/24 10.77.1.2; then
		stop_team "$TEAM_PID" "$ns" "$label"
		return
	fi
	"$CTLBENCH" "$sock" hold 64 $((IDLE_SECS + 3)) >"$WORK/$label-r$REP.hold" 2>&1 &
	hold=$!
	PIDS+=("$hold")
	sleep 1
	c0=$(task_cpu_ns "$TEAM_PID")
	sleep "$IDLE_SECS"
	c1=$(task_cpu_ns "$TEAM_PID")
	finish "$hold" 5
	if [[ -n $c0 && -n $c1 ]] && grep -q "holding 64" "$WORK/$label-r$REP.hold"; then
		v=$(calc "($c1 - $c0) / ($IDLE_SECS * 1e9) * 100")
		rec control "$metric" "$REP" "$v"
		say "  control: $v % CPU with 64 idle clients over $IDLE_SECS s ($label)"
	else
		measurement_failed "control: idle CPU measurement failed ($label)" "$WORK/$label-r$REP.hold"
	fi
	stop_team "$TEAM_PID" "$ns" "$label"
}

run_control() {
	local conf=$WORK/control.conf sock=$WORK/teamfw-control.sock ifindex out v i t0 t1 n
	local times=()
	if [[ -z ${CTLBENCH:-} ]]; then
		CTLBENCH=$WORK/bin/ctlbench
		gcc -O2 -Wall -o "$CTLBENCH" "$HERE/ctlbench.c" || die "cannot compile tests/bench/ctlbench.c"
	fi
	write_conf "$conf" activebackup '{"a1":{},"a2":{}}'
	if ! team_up "$NS_A" "$conf" control 10.77.1.1/24 10.77.1.2; then
		stop_team "$TEAM_PID" "$NS_A" control
		return
	fi
	ifindex=$(ip -n "$NS_A" -o link show dev team0 | cut -d: -f1)
	# Round trips, each client with one request in flight: 4 clients (the target), then 1. On a VM
	# one client is bound by the cross-CPU wake-up when it and the daemon sit on different CPUs.
	for n in 4 1; do
		out=$WORK/control-r$REP.rtt$n
		if run_in "$NS_A" $((CTL_SECS + 10)) "$out" "$CTLBENCH" "$sock" rtt "$ifindex" "$CTL_SECS" "$n" && [[ $(<"$out") =~ ^[0-9]+$ ]]; then
			rec control "$([[ $n == 4 ]] && echo rtt_per_s || echo rtt1_per_s)" "$REP" "$(<"$out")"
			say "  control: $(<"$out") OPTIONS_GET round trips/s with $n client(s) (team with 2 ports)"
		else
			measurement_failed "control: ctlbench rtt with $n client(s) failed" "$out"
		fi
	done
	# `teamfw nl team0 options`, process start included, from the root namespace (the socket
	# is a path; ip netns exec would add its own setup): median of 15 runs.
	for ((i = 0; i < 15; i++)); do
		t0=$EPOCHREALTIME
		"$RUN_BIN" nl -S "$sock" team0 options >/dev/null 2>&1 || { measurement_failed "control: teamfw nl options failed"; break; }
		t1=$EPOCHREALTIME
		times+=("$(calc "($t1 - $t0) * 1000")")
	done
	if ((${#times[@]} == 15)); then
		v=$(printf '%s\n' "${times[@]}" | sort -g | sed -n 8p)
		rec control nl_options_ms "$REP" "$v"
		say "  control: teamfw nl team0 options in $v ms (median of 15)"
	fi
	stop_team "$TEAM_PID" "$NS_A" control
	# Idle: a daemon with nothing to do (carrier_poll_ms 0: no 10 ms carrier polling) and 64
	# clients connected (the target), then the default config (carrier polled every 10 ms) for reference.
	printf '{"device":"team0","runner":{"name":"activebackup"},"ports":{"a1":{},"a2":{}},"teamfw":{"carrier_poll_ms":0%s}}\n' \
		"${TEAM_DEVICE:+,\"device\":\"$TEAM_DEVICE\"}" >"$WORK/control-idle.conf"
	idle_cpu "$NS_A" "$WORK/control-idle.conf" control-idle idle_cpu_pct
	idle_cpu "$NS_A" "$conf" control-poll idle_cpu_poll_pct
	if ((REP == 1 && FUZZ_ITERATIONS > 0)) && command -v dotnet >/dev/null 2>&1; then
		out=$WORK/control-fuzz.log
		if TEAMFW_FUZZ_ITERATIONS=$FUZZ_ITERATIONS timeout 1800 dotnet test "$ROOT/tests/TeamFw.Tests" -c Release --nologo \
			--filter "FullyQualifiedName~Control.FuzzTests" --logger "console;verbosity=detailed" >"$out" 2>&1; then
			rec control fuzz_ok - 1
			say "  control: fuzz $(grep -o '[0-9]* mutations, seed [0-9]*' "$out" | head -n 1): no crash, every answer well formed"
		else
			rec control fuzz_ok - 0
			measurement_failed "control: the fuzz test failed" "$out"
		fi
	fi
}

# ---------------------------------------------------------------- main

main() {
	case "${1:-}" in
	-h | --help)
		usage
		exit 0
		;;
	"") ;;
	*) die "unknown argument '$1' (see $0 --help)" ;;
	esac
	check_deps
	trap cleanup EXIT
	trap 'exit 130' INT
	trap 'exit 143' TERM
	trap 'exit 129' HUP
	WORK=$(mktemp -d /tmp/teamfw-bench.XXXXXX) || die "mktemp failed"
	: >"$WORK/raw.txt"

	local cmd e start s
	cmd=""
	for e in TEAMFW_BIN $(compgen -e | grep '^BENCH_' | sort); do
		cmd+="$e=${!e} "
	done
	cmd+="$0${*:+ $*}"
	start=$EPOCHSECONDS

	say "teamfw bench: $REPEAT run(s) of: $SCENARIOS"
	say "namespaces: $NS_A $NS_B$(wants team2 && printf ' %s %s' "$NS_C" "$NS_D")  work: $WORK"
	if needs_bin; then
		# Run a private copy: the measured binary stays the same for the whole run even if
		# it is rebuilt meanwhile, and a rebuild never meets a busy executable.
		{ mkdir "$WORK/bin" && cp "$TEAMFW_BIN" "$WORK/bin/teamfw"; } || die "cannot copy $TEAMFW_BIN"
		RUN_BIN=$WORK/bin/teamfw
		BIN_SHA=$(sha256sum "$RUN_BIN" | cut -d' ' -f1)
		say "binary: $TEAMFW_BIN ($(stat -c %s "$RUN_BIN") bytes, sha256 ${BIN_SHA:0:16}…)"
		rec binary size_bytes - "$(stat -c %s "$RUN_BIN")"
	fi
	setup
	needs_bin && [[ -n $TEAM_DEVICE ]] && check_device
	say "pinning: generators (iperf3, pacer) on CPU(s) ${GEN_CPUS:-any}, trafgen's worker on CPU 0 (it pins itself)," \
		"teamfw on CPU(s) ${TEAM_CPUS:-any}"

	for ((REP = 1; REP <= REPEAT; REP++)); do
		say "run $REP/$REPEAT"
		for s in veth team team2 path cpu failover start restart control lb; do
			wants "$s" && "run_$s"
		done
	done

	say ""
	say "teamfw bench results ($REPEAT run(s), $((EPOCHSECONDS - start)) s, $(nproc) CPUs, kernel $(uname -r))"
	local meta=(
		BENCH_META_COMMAND="$cmd"
		BENCH_META_CWD="$PWD"
		BENCH_META_DATE="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
		BENCH_META_KERNEL="$(uname -r)"
		BENCH_META_CPUS="$(nproc)"
		BENCH_META_REPEAT="$REPEAT"
		BENCH_META_SCENARIOS="$SCENARIOS"
		BENCH_META_GIT="$(git -C "$ROOT" describe --always --dirty 2>/dev/null || echo unknown)"
		BENCH_META_IPERF3="$(iperf3 --version 2>/dev/null | head -n 1)"
		BENCH_META_TRAFGEN="$(trafgen -v 2>/dev/null | head -n 1)"
		BENCH_META_WINDOWS="pps=${PPS_SECS}s udp=${UDP_SECS}s tcp=${TCP_SECS}s"
		BENCH_META_PINNING="gen=${GEN_CPUS:-any} team=${TEAM_CPUS:-any} trafgen=0"
		BENCH_META_TEAM_DEVICE="${TEAM_DEVICE:-default}"
		BENCH_META_TEAMFW="${TEAMFW_EXTRA:-none}"
		BENCH_META_CPU_RPS="${BENCH_CPU_RPS:-0}"
	)
	if needs_bin; then
		meta+=(BENCH_META_BIN="$TEAMFW_BIN" BENCH_META_BIN_SHA256="$BIN_SHA")
	fi
	env "${meta[@]}" python3 "$HERE/benchlib.py" report "$WORK/raw.txt" "$RESULT" ||
		die "could not produce the report"
	if wants path || wants cpu; then
		env BENCH_META_SCENARIOS="$SCENARIOS" python3 "$HERE/pathreport.py" "$WORK/raw.txt" "$RESULT" ||
			die "could not produce the path/cpu report"
	fi
	say "summary: $RESULT"
	# lacp and ovs run in their own namespaces, print their own verdicts and append them to RESULT.
	wants lacp && { TEAMFW_BIN=$TEAMFW_BIN BENCH_REPEAT=$REPEAT BENCH_RESULT=$RESULT "$HERE/lacp.sh" || warn "the lacp scenario could not run"; }
	wants ovs && { TEAMFW_BIN=$TEAMFW_BIN BENCH_REPEAT=$REPEAT BENCH_RESULT=$RESULT "$HERE/ovs.sh" || warn "the ovs scenario could not run"; }
	wants hash && { BENCH_RESULT=$RESULT "$HERE/hash.sh" || warn "the hash scenario could not run"; }
	wants board && { BENCH_RESULT=$RESULT "$HERE/board-cpu.sh" || warn "the board scenario could not run"; }
	# Bench exits 0 whatever the verdicts; a measurement that could not be taken on the
	# plain veth pair means the harness itself is broken.
	if wants veth && ! grep -q '^veth frames_pps' "$WORK/raw.txt"; then
		die "the reference measurements failed"
	fi
	# exit here, not return: bash would read on from the file after main, which may have
	# been edited or checked out during the run
	exit 0
}

# shellcheck source=tests/bench/lb.sh
. "$HERE/lb.sh"
# shellcheck source=tests/bench/path.sh
. "$HERE/path.sh"
# shellcheck source=tests/bench/cpu.sh
. "$HERE/cpu.sh"

main "$@"

#!/bin/bash
# SPDX-License-Identifier: MIT
# Copyright (c) teamfw contributors
#
# tests/bench/ovs.sh — the `ovs` scenario of `make bench` (run by bench.sh, or on its own as root).
#
# Open vSwitch's userspace datapath (datapath_type=netdev) with a 2-member bond is the reference,
# measured in the same run as teamfw, in throwaway namespaces over two veth links a1-b1, a2-b2.
# Each OVS instance runs by hand (as tests/TeamFw.IntegrationTests/Infrastructure/OvsSwitch.cs
# does) with its database, sockets, pid files and logs in a private directory under WORK.
# Each run measures:
#   converge  (a) OVS <-> OVS, both bonds balance-tcp lacp=active lacp-time=fast; (b) teamfw (lacp,
#             active, fast_rate) <-> the same OVS bond: time from bringing the b-side links up until
#             both ends have both members negotiated (OVS: lacp/show says current, actor and
#             partner collecting+distributing; teamfw: both ports enabled, from its log stamps).
#             lacp/show is polled every 10 ms (one ovs-appctl call takes ~10 ms): +-20 ms.
#   silent    b2 (the OVS end) stops sending LACPDUs while keeping carrier: a blackhole qdisc on b2.
#             ovs-vswitchd sends through an AF_PACKET socket without PACKET_QDISC_BYPASS, so the
#             qdisc swallows its LACPDUs (and its data on b2). Time until (a) OVS on side a
#             shows a2 no longer current, (b) teamfw logs a2 current -> expired. Also the other
#             way for (b): a blackhole on teamfw's a2 (its runner socket goes through the qdisc)
#             and the time until OVS shows b2 no longer current (info).
#   traffic   64-byte frames/s (trafgen, random UDP source port) and TCP (iperf3 -P 4, both
#             directions) through (a) an OVS bond on br0 and (b) a teamfw loadbalance team
#             (tx_hash l3 l4) on team0, the peer being the same in both: b1 b2 on a kernel bridge
#             with the address. OVS's balance-tcp forwards nothing without negotiated LACP and a
#             kernel bridge has none (no bonding driver in the lab's kernel), so the OVS bond is
#             balance-slb (by source MAC: one member carries it all); teamfw/OVS ratios are info.
#             Pinned as bench.sh's own scenarios: ovs-vswitchd and teamfw on BENCH_TEAM_CPUS (1),
#             iperf3 (client and server) on BENCH_GEN_CPUS (0), trafgen's worker on CPU 0 (it pins
#             itself), so both forwarders get the same core and the generators the other.
# and prints medians of BENCH_REPEAT runs, with PASS/FAIL for teamfw against the targets.
#
# Environment: TEAMFW_BIN, BENCH_REPEAT (3), BENCH_KEEP=1 (keep the logs), BENCH_OVS_PPS_SECS (2),
#   BENCH_OVS_TCP_SECS (3), BENCH_MAX_LACP_CONVERGE_MS (1000), BENCH_MAX_LACP_SILENT_MS (3000),
#   BENCH_GEN_CPUS (0) and BENCH_TEAM_CPUS (1): the traffic part's pinning (empty: none),
#   BENCH_RESULT (when set, e.g. by bench.sh: the summary file the results are appended to).
# Exit status: 0 when the measurements ran (whatever the verdicts), 1 when they could not.

# SC2317: functions called only from traps look unreachable to shellcheck.
# shellcheck disable=SC2317

set -u -o pipefail

# shellcheck source=tests/bench/paths.sh
. "$(dirname "${BASH_SOURCE[0]}")/paths.sh"
REPEAT=${BENCH_REPEAT:-3}
PPS_SECS=${BENCH_OVS_PPS_SECS:-2}
TCP_SECS=${BENCH_OVS_TCP_SECS:-3}
MAX_CONVERGE=${BENCH_MAX_LACP_CONVERGE_MS:-1000}
MAX_SILENT=${BENCH_MAX_LACP_SILENT_MS:-3000}
RESULT=${BENCH_RESULT:-}
# GEN_CPUS (iperf3 in the traffic part), TEAM_CPUS (ovs-vswitchd and teamfw there) and their wraps: paths.sh.
SCHEMA=/usr/share/openvswitch/vswitch.ovsschema
PEER_MAC=02:79:00:00:01:02 # the kernel bridge on side b (traffic)
IPERF_PORT=5201            # inside the namespaces only

NS_A=tfo$$a # a1 a2: OVS "a" or teamfw
NS_B=tfo$$b # b1 b2: OVS "b", then a kernel bridge (traffic)
WORK=""
RUN="" # WORK/rN: this run's OVS directories
PIDS=()     # processes started here and not yet reaped
OVS_DIRS=() # OVS instances started and not yet stopped (their private directories)

say() { printf '%s\n' "$*"; }
die() {
	printf 'ovs: %s\n' "$*" >&2
	exit 1
}

# ---------------------------------------------------------------- OVS, processes, cleanup

# ovs_ours DIR PID: PID runs one of the daemons of DIR (its command line names DIR; pids are reused).
ovs_ours() { { tr '\0' ' ' <"/proc/$2/cmdline"; } 2>/dev/null | grep -qF "$1/"; }

# ovs_stop DIR: ask both daemons of DIR to exit (ovs-vswitchd removes its datapath and br0), then
# SIGKILL exactly the pids they had at start if they linger. Only DIR's own processes are touched.
ovs_stop() {
	local dir=$1 pid i d
	ovs-appctl -t "$dir/ovs-vswitchd.ctl" --timeout=5 exit --cleanup >/dev/null 2>&1
	ovs-appctl -t "$dir/ovsdb-server.ctl" --timeout=5 exit >/dev/null 2>&1
	while read -r pid; do
		for ((i = 0; i < 100; i++)); do
			ovs_ours "$dir" "$pid" || break
			sleep 0.02
		done
		ovs_ours "$dir" "$pid" && kill -KILL "$pid" 2>/dev/null
	done <"$dir/started.pids"
	for i in "${!OVS_DIRS[@]}"; do
		d=${OVS_DIRS[$i]}
		[[ $d == "$dir" ]] && unset 'OVS_DIRS[i]'
	done
	return 0
}

# ovs_start DIR NS [tso]: ovsdb-server and ovs-vswitchd in NS, everything in DIR; with "tso" (the
# traffic part's instance), other_config:userspace-tso-enable=true (read at start only; DIR/tso tells
# ovs_bond) and ovs-vswitchd on TEAM_CPUS, as teamfw.
ovs_start() {
	local dir=$1 ns=$2 d wrap
	mkdir -p "$dir" && ovsdb-tool create "$dir/conf.db" "$SCHEMA" || return 1
	OVS_DIRS+=("$dir")
	for d in ovsdb-server ovs-vswitchd; do
		local args=("unix:$dir/db.sock")
		[[ $d == ovsdb-server ]] && args=("$dir/conf.db" "--remote=punix:$dir/db.sock")
		wrap=()
		[[ $d == ovs-vswitchd && ${3:-} == tso ]] && wrap=("${TEAM_WRAP[@]}")
		ip netns exec "$ns" "${wrap[@]}" env OVS_RUNDIR="$dir" OVS_DBDIR="$dir" OVS_LOGDIR="$dir" OVS_SYSCONFDIR="$dir" \
			"$d" "${args[@]}" --pidfile="$dir/$d.pid" --unixctl="$dir/$d.ctl" --log-file="$dir/$d.log" \
			--detach --no-chdir >>"$dir/start.log" 2>&1 || return 1
		cat "$dir/$d.pid" >>"$dir/started.pids" || return 1
		if [[ $d == ovsdb-server ]]; then vsctl "$dir" --no-wait init || return 1; fi
		if [[ $d == ovsdb-server && ${3:-} == tso ]]; then
			touch "$dir/tso" && vsctl "$dir" --no-wait set Open_vSwitch . other_config:userspace-tso-enable=true || return 1
		fi
	done
}

vsctl() { local dir=$1; shift; ovs-vsctl --db="unix:$dir/db.sock" --timeout=20 "$@" >>"$dir/vsctl.log" 2>&1; }
lacp_show() { ovs-appctl -t "$1/ovs-vswitchd.ctl" lacp/show bond0 2>/dev/null; }

# ovs_bond DIR NS MAC M1 M2 BOND-ARGS...: br0 (netdev datapath, fixed MAC) with bond0 over M1 M2. The
# userspace datapath reads the members with AF_PACKET: offloads off unless userspace TSO is on (it
# then takes and gives virtio-net headers, as teamfw does), and their own IP stacks quiet.
ovs_bond() {
	local dir=$1 ns=$2 mac=$3 m1=$4 m2=$5 m
	shift 5
	for m in "$m1" "$m2"; do
		[[ -e $dir/tso ]] || ip netns exec "$ns" ethtool -K "$m" tx off rx off tso off gso off gro off >/dev/null 2>&1
		ip netns exec "$ns" sysctl -qw "net.ipv4.conf.$m.arp_ignore=8" "net.ipv6.conf.$m.disable_ipv6=1" || return 1
		ip -n "$ns" link set "$m" up || return 1
	done
	vsctl "$dir" add-br br0 -- set bridge br0 datapath_type=netdev "other-config:hwaddr=$mac" &&
		vsctl "$dir" add-bond br0 bond0 "$m1" "$m2" "$@"
}

# lacp_ok DIR: both members current and both ends collecting+distributing on both.
lacp_ok() {
	local s
	s=$(lacp_show "$1") || return 1
	[[ $(grep -c '^member: .*: current' <<<"$s") == 2 &&
		$(grep -c 'actor state: .*collecting distributing' <<<"$s") == 2 &&
		$(grep -c 'partner state: .*collecting distributing' <<<"$s") == 2 ]]
}

forget() {
	local i
	for i in "${!PIDS[@]}"; do
		[[ ${PIDS[$i]} == "$1" ]] && unset 'PIDS[i]'
	done
}

# stop PID: SIGTERM, up to 10 s, then SIGKILL; reap.
stop() {
	local i
	kill -TERM "$1" 2>/dev/null
	for ((i = 0; i < 100; i++)); do
		kill -0 "$1" 2>/dev/null || break
		[[ $(awk '{ print $3 }' "/proc/$1/stat" 2>/dev/null) == Z ]] && break
		sleep 0.1
	done
	kill -KILL "$1" 2>/dev/null
	wait "$1" 2>/dev/null
	forget "$1"
}

teardown() { # every process and OVS instance, then the namespaces
	local p d
	for p in "${PIDS[@]}"; do stop "$p"; done
	for d in "${OVS_DIRS[@]}"; do ovs_stop "$d"; done
	ip netns del "$NS_A" 2>/dev/null
	ip netns del "$NS_B" 2>/dev/null
}

cleanup() {
	local rc=$?
	trap - EXIT INT TERM HUP
	teardown
	if [[ -n $WORK && -d $WORK ]]; then
		if [[ ${BENCH_KEEP:-0} == 1 ]]; then say "ovs: kept $WORK"; else rm -rf "$WORK"; fi
	fi
	exit "$rc"
}

# ---------------------------------------------------------------- helpers

now_ms() { date +%s%3N; }
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)]; else print "" }'; }
calc() { awk "BEGIN { printf \"%.4f\", $1 }"; }

# wait_log FILE REGEX SECONDS [FROM_LINE]: until a line (from FROM_LINE on) matches
wait_log() {
	local end=$((SECONDS + $3))
	until tail -n +"${4:-1}" "$1" | grep -qE "$2"; do
		((SECONDS > end)) && return 1
		sleep 0.02
	done
}

# log_ms FILE FROM REGEX: ms since the epoch of the first line from FROM on matching REGEX (teamfw's
# stamps are local "YYYY-MM-DD HH:MM:SS.mmm").
log_ms() {
	local d t
	read -r d t _ < <(tail -n +"$2" "$1" | grep -m1 -E "$3") || return 1
	date -d "$d $t" +%s%3N
}

links() { # links: fresh veth pairs a1-b1, a2-b2 (both ends down, default offloads)
	local i
	for i in 1 2; do
		ip -n "$NS_A" link del "a$i" 2>/dev/null
		ip link add "a$i" netns "$NS_A" type veth peer name "b$i" netns "$NS_B" || return 1
	done
}

b_links() { ip -n "$NS_B" link set b1 "$1" && ip -n "$NS_B" link set b2 "$1"; }

rec() { echo "$2" >>"$WORK/$1"; } # rec METRIC VALUE

# teamfw_start CONF LABEL ADDR [pin]: teamfw in NS_A (with "pin", on TEAM_CPUS), team0 up with ADDR. Sets
# TEAM_PID and TEAM_LOG.
TEAM_PID=""
TEAM_LOG=""
teamfw_start() {
	local wrap=()
	[[ ${4:-} == pin ]] && wrap=("${TEAM_WRAP[@]}")
	TEAM_LOG=$WORK/teamfw-$2-r$REP.log
	ip netns exec "$NS_A" "${wrap[@]}" "$TEAMFW_BIN" -S "$WORK/teamfw-$2.sock" -f "$1" >"$TEAM_LOG" 2>&1 &
	TEAM_PID=$!
	PIDS+=("$TEAM_PID")
	wait_log "$TEAM_LOG" "running, pid" 10 || return 1
	ip -n "$NS_A" addr add "$3" dev team0 && ip -n "$NS_A" link set team0 up
}

# ---------------------------------------------------------------- LACP

# converge_ovs: both OVS up and negotiated; links down; then up and poll both until negotiated.
converge_ovs() {
	local a=$RUN/ovs-a b=$RUN/ovs-b t0 t t1 i la lb up
	b_links down
	sleep 0.5
	la=$(($(wc -l <"$a/ovs-vswitchd.log") + 1))
	lb=$(($(wc -l <"$b/ovs-vswitchd.log") + 1))
	t0=$(now_ms)
	b_links up
	for ((i = 0; i < 500; i++)); do
		if lacp_ok "$a" && lacp_ok "$b"; then
			t1=$(now_ms)
			t=$((t1 - t0))
			rec ovs_converge_ms "$t"
			# OVS learns of carrier up from RTM_NEWLINK, which the kernel's linkwatch sends up to
			# ~1 s late (carrier-on events are rate limited; carrier-off ones are urgent); teamfw
			# polls the carrier every 10 ms. So also: from OVS's first "link state up" log line.
			up=$({ tail -n +"$la" "$a/ovs-vswitchd.log"; tail -n +"$lb" "$b/ovs-vswitchd.log"; } |
				grep -m1 'link state up' | cut -d'|' -f1)
			[[ -n $up ]] && up=$(date -d "$up" +%s%3N) && rec ovs_converge_from_linkup_ms "$((t1 - up))"
			say "  converge (OVS <-> OVS): $t ms from the b links up to both members negotiated on both ends" \
				"(${up:+$((t1 - up)) ms after OVS logged the first link up})"
			return 0
		fi
		sleep 0.01
	done
	say "  converge (OVS <-> OVS): not negotiated within 10 s"
}

# silent_ovs DIR NS IF MEMBER METRIC TEXT: blackhole IF in NS; time until DIR's MEMBER is no longer current.
silent_ovs() {
	local dir=$1 ns=$2 dev=$3 member=$4 metric=$5 text=$6 t0 t i
	t0=$(now_ms)
	tc -n "$ns" qdisc replace dev "$dev" root blackhole || return 1
	for ((i = 0; i < 1000; i++)); do
		if lacp_show "$dir" | grep -q "^member: $member: " && ! lacp_show "$dir" | grep -q "^member: $member: current"; then
			t=$(($(now_ms) - t0))
			rec "$metric" "$t"
			say "  silent ($text): $member no longer current $t ms after $dev stopped sending LACPDUs ($(lacp_show "$dir" | grep "^member: $member:"))"
			break
		fi
		sleep 0.01
	done
	((i == 1000)) && say "  silent ($text): $member still current 10 s after $dev stopped sending LACPDUs"
	tc -n "$ns" qdisc del dev "$dev" root
}

phase_ovs_ovs() {
	local a=$RUN/ovs-a b=$RUN/ovs-b i
	{ ovs_start "$a" "$NS_A" && ovs_start "$b" "$NS_B"; } || { say "  OVS <-> OVS: cannot start OVS ($a, $b)"; return 1; }
	local bond=(bond_mode=balance-tcp lacp=active other_config:lacp-time=fast)
	{ ovs_bond "$a" "$NS_A" 02:79:00:00:0a:01 a1 a2 "${bond[@]}" && ovs_bond "$b" "$NS_B" 02:79:00:00:0b:01 b1 b2 "${bond[@]}"; } ||
		{ say "  OVS <-> OVS: cannot configure the bonds (see $a/vsctl.log)"; return 1; }
	b_links up
	for ((i = 0; i < 500; i++)); do
		lacp_ok "$a" && lacp_ok "$b" && break
		sleep 0.02
	done
	converge_ovs
	silent_ovs "$a" "$NS_B" b2 a2 ovs_silent_ms "OVS <-> OVS"
	ovs_stop "$a"
}

# phase_teamfw_ovs: teamfw on a1 a2 against OVS "b" (still running from phase_ovs_ovs).
phase_teamfw_ovs() {
	local b=$RUN/ovs-b conf=$WORK/lacp.conf m t0 ta tb t i
	printf '{"device":"team0","runner":{"name":"lacp","active":true,"fast_rate":true,"tx_hash":["eth","ipv4","l4"]},"link_watch":{"name":"ethtool"},"ports":{"a1":{},"a2":{}}}\n' >"$conf"
	if ! teamfw_start "$conf" lacp 10.79.0.1/24; then
		say "  teamfw <-> OVS: teamfw did not start: $(tail -n 3 "$TEAM_LOG")"
		return 1
	fi
	if ! wait_log "$TEAM_LOG" "port a2 enabled" 10 || ! wait_log "$TEAM_LOG" "port a1 enabled" 1; then
		say "  (first teamfw <-> OVS convergence slow)"
	fi
	b_links down
	wait_log "$TEAM_LOG" "port a2 LACP state .* -> disabled" 3
	sleep 0.5
	m=$(($(wc -l <"$TEAM_LOG") + 1))
	t0=$(now_ms)
	b_links up
	tb=""
	for ((i = 0; i < 500; i++)); do
		[[ -z $tb ]] && lacp_ok "$b" && tb=$(now_ms)
		[[ -n $tb ]] && tail -n +"$m" "$TEAM_LOG" | grep -q "port a1 enabled" && tail -n +"$m" "$TEAM_LOG" | grep -q "port a2 enabled" && break
		sleep 0.01
	done
	ta=$({ log_ms "$TEAM_LOG" "$m" "port a1 enabled" && log_ms "$TEAM_LOG" "$m" "port a2 enabled"; } | sort -n | tail -n 1)
	if [[ -n $tb && -n $ta ]]; then
		t=$(((ta > tb ? ta : tb) - t0))
		rec teamfw_converge_ms "$t"
		say "  converge (teamfw <-> OVS): $t ms from the b links up to both negotiated on both ends" \
			"(teamfw ports enabled after $((ta - t0)) ms, OVS members after $((tb - t0)) ms)"
	else
		say "  converge (teamfw <-> OVS): not negotiated within 10 s (teamfw: ${ta:+enabled}${ta:-not enabled}, OVS: ${tb:+negotiated}${tb:-not negotiated})"
	fi
	# teamfw detects a silent OVS member.
	m=$(($(wc -l <"$TEAM_LOG") + 1))
	t0=$(now_ms)
	tc -n "$NS_B" qdisc replace dev b2 root blackhole
	if wait_log "$TEAM_LOG" "port a2 LACP state current -> expired" 6 "$m"; then
		t=$(($(log_ms "$TEAM_LOG" "$m" "port a2 LACP state current -> expired") - t0))
		rec teamfw_silent_ms "$t"
		say "  silent (teamfw <-> OVS): teamfw's a2 expired $t ms after OVS's b2 stopped sending LACPDUs"
	else
		say "  silent (teamfw <-> OVS): teamfw's a2 not expired within 6 s of OVS's b2 going silent"
	fi
	tc -n "$NS_B" qdisc del dev b2 root
	wait_log "$TEAM_LOG" "port a2 LACP state (expired|defaulted) -> current" 5 "$m"
	for ((i = 0; i < 300; i++)); do
		lacp_ok "$b" && break
		sleep 0.01
	done
	# OVS detects a silent teamfw member (info).
	silent_ovs "$b" "$NS_A" a2 b2 ovs_silent_teamfw_ms "OVS detects teamfw"
	stop "$TEAM_PID"
	ovs_stop "$b"
}

# ---------------------------------------------------------------- traffic

# frames LABEL DEV SRCIP: trafgen from DEV in NS_A to the peer bridge (60-byte frames, 64 on the wire;
# random UDP source port: many flows for the bond's hash); rate = rx_packets of kbr0 in NS_B.
frames() {
	local cfg=$WORK/trafgen.cfg out=$WORK/trafgen-$1-r$REP.log smac pid r0 r1 t0 t1 v
	smac=$(ip netns exec "$NS_A" cat "/sys/class/net/$2/address") || return 1
	{
		printf '{ 0x%s, 0x%s, c16(0x0800),\n' "${PEER_MAC//:/, 0x}" "${smac//:/, 0x}"
		printf '  0x45, 0x00, c16(46), c16(0), c16(0x4000), 64, 17, csumip(14, 33), %s, 10, 79, 1, 2,\n' "${3//./, }"
		printf '  drnd(2), c16(9), c16(26), c16(0), fill(0x00, 18) }\n'
	} >"$cfg"
	ip netns exec "$NS_A" timeout -s INT -k 2 $((PPS_SECS + 3)) \
		trafgen -i "$cfg" -o "$2" -P 1 --no-sock-mem -Q -C >"$out" 2>&1 &
	pid=$!
	PIDS+=("$pid")
	sleep 0.5
	r0=$(ip netns exec "$NS_B" cat /sys/class/net/kbr0/statistics/rx_packets)
	t0=$EPOCHREALTIME
	sleep "$PPS_SECS"
	r1=$(ip netns exec "$NS_B" cat /sys/class/net/kbr0/statistics/rx_packets)
	t1=$EPOCHREALTIME
	stop "$pid"
	v=$(calc "($r1 - $r0) / ($t1 - $t0)")
	rec "$1_frames_pps" "$v"
	say "  traffic ($1): 64B frames (trafgen) $(awk -v v="$v" 'BEGIN { printf "%.1f kpps", v / 1e3 }') received by the peer bridge"
}

# tcp LABEL: iperf3 -P 4 from NS_A to the bridge, then -R; receiver-side Gbit/s.
tcp() {
	local dir json spid v args
	for dir in tx rx; do
		args=()
		[[ $dir == rx ]] && args=(-R)
		json=$WORK/iperf-$1-$dir-r$REP.json
		ip netns exec "$NS_B" "${GEN_WRAP[@]}" iperf3 -s -1 -p "$IPERF_PORT" >"$json.server" 2>&1 &
		spid=$!
		PIDS+=("$spid")
		sleep 0.3
		ip netns exec "$NS_A" "${GEN_WRAP[@]}" timeout -k 2 $((TCP_SECS + 15)) iperf3 -c 10.79.1.2 -p "$IPERF_PORT" -t "$TCP_SECS" \
			-P 4 -J --connect-timeout 3000 "${args[@]}" >"$json" 2>&1
		stop "$spid"
		if v=$(python3 "$HERE/benchlib.py" tcp "$json" 2>&1); then
			rec "$1_tcp_${dir}_gbit" "$v"
			say "  traffic ($1): TCP -P 4 $([[ $dir == tx ]] && echo "bond->peer" || echo "peer->bond") $v Gbit/s"
		else
			say "  traffic ($1): iperf3 $dir failed: $v"
		fi
	done
}

phase_traffic() {
	local a=$RUN/ovs-t conf=$WORK/lb.conf d
	for d in "${OVS_DIRS[@]}"; do ovs_stop "$d"; done # what an earlier phase that failed left running
	links || return 1
	ip -n "$NS_B" link add kbr0 address "$PEER_MAC" type bridge stp_state 0 forward_delay 0 &&
		ip -n "$NS_B" link set b1 master kbr0 && ip -n "$NS_B" link set b2 master kbr0 &&
		ip -n "$NS_B" addr add 10.79.1.2/24 dev kbr0 && ip -n "$NS_B" link set kbr0 up && b_links up || return 1
	# (a) OVS: balance-tcp drops every frame unless LACP is negotiated (lacp=off: all flows "drop"),
	# and the kernel bridge speaks no LACP (this kernel has no bonding driver to be an LACP peer), so
	# the OVS bond runs balance-slb: hashed by source MAC, i.e. one sender's traffic on one member.
	# With the members' offloads off instead, the peer's partially checksummed TCP (the bridge side
	# keeps its offloads, as for teamfw) reaches br0 unchecked and no connection comes up: OVS runs
	# with userspace-tso-enable, its own way to take offloaded frames, and the members keep theirs.
	if ovs_start "$a" "$NS_A" tso && ovs_bond "$a" "$NS_A" 02:79:00:00:0a:02 a1 a2 bond_mode=balance-slb lacp=off &&
		ip -n "$NS_A" addr add 10.79.1.1/24 dev br0 && ip -n "$NS_A" link set br0 up; then
		ovs-appctl -t "$a/ovs-vswitchd.ctl" bond/show bond0 >"$WORK/bond-show-r$REP.txt" 2>&1
		ip netns exec "$NS_A" ping -q -c 1 -w 5 10.79.1.2 >/dev/null || say "  traffic (ovs): the peer does not answer ping"
		frames ovs br0 10.79.1.1
		tcp ovs
	else
		say "  traffic (ovs): cannot set up the OVS bond (see $a)"
	fi
	ovs_stop "$a"
	# (b) teamfw loadbalance on fresh links.
	links && ip -n "$NS_B" link set b1 master kbr0 && ip -n "$NS_B" link set b2 master kbr0 && b_links up || return 1
	printf '{"device":"team0","runner":{"name":"loadbalance","tx_hash":["l3","l4"]},"link_watch":{"name":"ethtool"},"ports":{"a1":{},"a2":{}}}\n' >"$conf"
	if teamfw_start "$conf" lb 10.79.1.1/24 pin && ip netns exec "$NS_A" ping -q -c 1 -w 5 10.79.1.2 >/dev/null; then
		frames teamfw team0 10.79.1.1
		tcp teamfw
	else
		say "  traffic (teamfw): the team did not come up: $(tail -n 3 "$TEAM_LOG")"
	fi
	stop "$TEAM_PID"
}

one_run() {
	RUN=$WORK/r$REP
	mkdir -p "$RUN" || die "cannot create $RUN"
	{ ip netns add "$NS_A" && ip netns add "$NS_B"; } || die "cannot create namespaces"
	ip -n "$NS_A" link set lo up
	ip -n "$NS_B" link set lo up
	links || die "cannot create the veth links"
	phase_ovs_ovs && phase_teamfw_ovs
	phase_traffic || say "  traffic: cannot set up the links or the peer bridge"
	teardown
}

# ---------------------------------------------------------------- main

[[ $EUID -eq 0 ]] || die "must run as root (creates network namespaces)"
[[ -x $TEAMFW_BIN ]] || die "teamfw binary not found: $TEAMFW_BIN (make, or set TEAMFW_BIN)"
for c in ovsdb-tool ovsdb-server ovs-vswitchd ovs-vsctl ovs-appctl ethtool tc trafgen iperf3 python3; do
	command -v "$c" >/dev/null 2>&1 || die "missing command $c (openvswitch-switch, ethtool, iproute2, netsniff-ng, iperf3)"
done
[[ -f $SCHEMA ]] || die "missing $SCHEMA (openvswitch-switch)"
[[ $REPEAT =~ ^[1-9][0-9]*$ ]] || die "BENCH_REPEAT must be a positive integer"
check_pinning
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP
WORK=$(mktemp -d /tmp/teamfw-bench-ovs.XXXXXX) || die "mktemp failed"

say "ovs: Open vSwitch $(ovs-vswitchd --version | awk 'NR == 1 { print $NF }') userspace bond vs teamfw, $REPEAT run(s), namespaces $NS_A $NS_B"
say "ovs: traffic pinned: ovs-vswitchd and teamfw on CPU(s) ${TEAM_CPUS:-any}, iperf3 on ${GEN_CPUS:-any}, trafgen's worker on 0"
for ((REP = 1; REP <= REPEAT; REP++)); do
	say "ovs run $REP/$REPEAT"
	one_run
done

# ---------------------------------------------------------------- results

SUMMARY=()
RES=""
result() { # result METRIC: RES = the median of METRIC's runs (empty if none); adds summary lines
	RES=""
	[[ -s $WORK/$1 ]] || return 0
	RES=$(median <"$WORK/$1")
	SUMMARY+=("ovs.$1.median=$RES" "ovs.$1.runs=$(paste -sd, "$WORK/$1")")
}
verdict() { # verdict NAME METRIC MAX TEXT REFERENCE-METRIC
	local v res=FAIL extra=""
	result "$2"
	v=$RES
	result "$5"
	[[ -n $RES && -n $v ]] && extra=", OVS <-> OVS $RES ms, teamfw/OVS $(calc "$v / $RES" | sed 's/..$//')"
	[[ -n $v ]] && ((v <= $3)) && res=PASS
	SUMMARY+=("verdict.ovs_$1=$res")
	if [[ -z $v ]]; then
		say "  $4: no measurement  FAIL"
	else
		say "  $4: median $v ms (target <= $3 ms$extra)  $res"
	fi
}
info() { # info TEXT METRIC
	result "$2"
	say "  $1: ${RES:-n/a} ms  info"
}
ratio() { # ratio TEXT METRIC UNIT [SCALE]: teamfw / OVS medians, info
	local t o
	result "teamfw_$2"
	t=$RES
	result "ovs_$2"
	o=$RES
	if [[ -n $t && -n $o ]]; then
		SUMMARY+=("ovs.teamfw_$2.ratio=$(calc "$t / $o")")
		say "  $1: teamfw $(calc "$t / ${4:-1}" | sed 's/..$//') / OVS $(calc "$o / ${4:-1}" | sed 's/..$//') $3 = $(calc "$t / $o" | sed 's/.$//')x  info"
	else
		say "  $1: teamfw ${t:-n/a} / OVS ${o:-n/a} $3  info (missing measurement)"
	fi
}
say "ovs results ($REPEAT run(s), medians)"
info "LACP convergence OVS <-> OVS (reference)" ovs_converge_ms
info "  ... from OVS's first \"link state up\" (linkwatch delay excluded)" ovs_converge_from_linkup_ms
verdict lacp_converge_ms teamfw_converge_ms "$MAX_CONVERGE" "LACP convergence teamfw <-> OVS" ovs_converge_ms
info "silent member detected, OVS <-> OVS (reference)" ovs_silent_ms
verdict lacp_silent_ms teamfw_silent_ms "$MAX_SILENT" "silent OVS member detected by teamfw" ovs_silent_ms
info "silent teamfw member detected by OVS" ovs_silent_teamfw_ms
ratio "64B frames/s through the bond" frames_pps kpps 1000
ratio "TCP -P 4 bond->peer" tcp_tx_gbit Gbit/s
ratio "TCP -P 4 peer->bond" tcp_rx_gbit Gbit/s
if [[ -n $RESULT ]]; then
	printf '%s\n' "${SUMMARY[@]}" | awk '!seen[$0]++' >>"$RESULT" && say "ovs: appended to $RESULT"
fi
# Exit 1 only when nothing at all could be measured (OVS or the links never came up).
compgen -G "$WORK/*_ms" >/dev/null || compgen -G "$WORK/*_pps" >/dev/null || die "no measurement could be taken"
exit 0

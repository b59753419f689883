#!/bin/bash
# SPDX-License-Identifier: MIT
# Copyright (c) teamfw contributors
#
# tests/bench/tx-method.sh — sendmmsg against PACKET_TX_RING on the transmit path, same run, same machine
# (tests/bench/TX-METHOD.md has the numbers and the decision).
#
# Two throwaway namespaces: teamfw (roundrobin) over two veth ports a1 a2 in A; their peers b1 b2 on a
# kernel bridge with an address in B. For each repetition and each method (the order alternates
# between repetitions) teamfw is started with "teamfw": {"tx_method": M}, then:
#   frames  trafgen sends 60-byte frames (64 on the wire: Ethernet + IPv4 + UDP to port 9) on team0
#           for WARM + SECS seconds; the rate is the growth of rx_packets of b1 + b2 over SECS
#   tcp     iperf3 -t TCP_SECS from team0 to the peer (received Gbit/s), the GSO path
# and the medians are printed. Root only; everything it creates carries its PID and is removed on exit.
#
# Besides the rates it reports teamfw's CPU time per received frame over the frame window (utime +
# stime of the process, so the send syscalls' kernel work is in it), team0's tx_dropped (the TAP
# queue overflowing: teamfw not keeping up) and the ports' tx_dropped in teamfw's SIGUSR1 state (frames
# teamfw read but could not hand to a port: TX ring full, send errors).
#
# Environment: TEAMFW_BIN (default <repo>/out/<rid>/teamfw), TX_REPEAT (5), TX_PPS_SECS (3),
# TX_TCP_SECS (5; 0 skips TCP), TX_METHODS ("sendmmsg ring"), TX_PIN=1 (see PIN below), TX_OFFLOAD
# (teamfw.offload, true), TX_KEEP=1 keeps the work directory.

set -u -o pipefail

# shellcheck source=tests/bench/paths.sh
. "$(dirname "${BASH_SOURCE[0]}")/paths.sh"
BIN=$TEAMFW_BIN
REPEAT=${TX_REPEAT:-5}
SECS=${TX_PPS_SECS:-3}
TCP_SECS=${TX_TCP_SECS:-5}
METHODS=${TX_METHODS:-sendmmsg ring}
OFFLOAD=${TX_OFFLOAD:-true}
WARM=0.5
PIN=()
# TX_PIN=1: teamfw on CPU 0, where trafgen -P 1 binds itself, so the two share one CPU and the frame
# rate shows what each frame costs (unpinned, trafgen alone may be the limit).
[[ ${TX_PIN:-0} == 1 ]] && PIN=(taskset -c 0)
ID=$$
NS_A=tftx${ID}a
NS_B=tftx${ID}b
BR_MAC=02:78:00:00:00:02
PIDS=()
NSS=()
WORK=$(mktemp -d "/tmp/txm-bench.$ID.XXXXXX")

cleanup() {
	local rc=$? p n
	trap - EXIT INT TERM HUP
	for p in "${PIDS[@]}"; do kill -TERM "$p" 2>/dev/null; done
	for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null; done
	for n in "${NSS[@]}"; do ip netns del "$n" 2>/dev/null; done
	if [[ ${TX_KEEP:-0} == 1 ]]; then echo "work directory kept: $WORK"; else rm -rf "$WORK"; fi
	exit "$rc"
}
trap cleanup EXIT INT TERM HUP

die() { echo "error: $*" >&2; exit 1; }
must() { "$@" || die "failed: $*"; }
ctr() { ip netns exec "$1" cat "/sys/class/net/$2/statistics/$3"; }
forget() { local i; for i in "${!PIDS[@]}"; do [[ ${PIDS[$i]} == "$1" ]] && unset 'PIDS[i]'; done; }

[[ $EUID -eq 0 ]] || die "must run as root"
[[ -x $BIN ]] || die "no teamfw binary at $BIN (run make)"
# A private copy under a neutral name: nothing outside this run that stops processes by name hits it.
cp "$BIN" "$WORK/tfbin" || die "cannot copy $BIN"
RUN_BIN=$WORK/tfbin
for c in trafgen iperf3 python3; do command -v "$c" >/dev/null || die "missing $c"; done

for n in "$NS_A" "$NS_B"; do
	must ip netns add "$n"
	NSS+=("$n")
	must ip -n "$n" link set lo up
done
for i in 1 2; do
	must ip -n "$NS_A" link add "a$i" type veth peer name "b$i" netns "$NS_B"
done
must ip -n "$NS_B" link add br0 address "$BR_MAC" type bridge stp_state 0 forward_delay 0
for i in 1 2; do
	must ip -n "$NS_B" link set "b$i" master br0
	must ip -n "$NS_B" link set "b$i" up
done
must ip -n "$NS_B" addr add 10.78.0.2/24 dev br0
must ip -n "$NS_B" link set br0 up

TEAM_PID=""
team_start() { # team_start METHOD LOG
	printf '{"device":"team0","runner":{"name":"roundrobin"},"link_watch":{"name":"ethtool"},"ports":{"a1":{},"a2":{}},"teamfw":{"tx_method":"%s","offload":%s}}\n' \
		"$1" "$OFFLOAD" >"$WORK/t.conf"
	"${PIN[@]}" ip netns exec "$NS_A" "$RUN_BIN" -f "$WORK/t.conf" -S "$WORK/t.sock" 2>"$2" &
	TEAM_PID=$!
	PIDS+=("$TEAM_PID")
	local i
	for ((i = 0; i < 100; i++)); do
		ip -n "$NS_A" link show dev team0 >/dev/null 2>&1 && break
		sleep 0.1
	done
	ip -n "$NS_A" addr add 10.78.0.1/24 dev team0 || return 1
	ip -n "$NS_A" link set team0 up || return 1
	for ((i = 0; i < 100; i++)); do
		ip -n "$NS_A" link show dev team0 | grep -q LOWER_UP && break
		sleep 0.1
	done
	for ((i = 0; i < 50; i++)); do
		ip netns exec "$NS_A" ping -q -c 1 -W 1 10.78.0.2 >/dev/null 2>&1 && return 0
	done
	return 1
}

port_drops() { # port_drops LOG: the ports' tx_dropped (ring full, send errors) from a SIGUSR1 state line
	local before i
	before=$(grep -c 'state team0 {' "$1")
	kill -USR1 "$TEAM_PID"
	for ((i = 0; i < 50; i++)); do
		(($(grep -c 'state team0 {' "$1") > before)) && break
		sleep 0.1
	done
	grep 'state team0 {' "$1" | tail -1 | sed 's/^.*state team0 //' |
		python3 -c 'import json,sys; d=json.load(sys.stdin); print(sum(p["stats"]["tx_dropped"] for p in d["teamfw"]["ports"].values()))' 2>/dev/null || echo "?"
}

team_stop() {
	kill -TERM "$TEAM_PID" 2>/dev/null
	wait "$TEAM_PID"
	local rc=$?
	forget "$TEAM_PID"
	[[ $rc -eq 0 ]] || echo "warning: teamfw exited with status $rc" >&2
}

cat >"$WORK/trafgen.cfg" <<EOF
{
  0x02, 0x78, 0x00, 0x00, 0x00, 0x02,
  0x02, 0x78, 0x00, 0x00, 0x00, 0x01,
  c16(0x0800),
  0x45, 0x00, c16(46), c16(0), c16(0x4000), 64, 17, csumip(14, 33),
  10, 78, 0, 1,
  10, 78, 0, 2,
  c16(4000), c16(9), c16(26), c16(0),
  fill(0x00, 18)
}
EOF

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$TEAM_PID/stat"; }

# snapshot: "peer_rx team0_tx team0_dropped teamfw_cpu_ticks time"
snapshot() {
	echo "$(($(ctr "$NS_B" b1 rx_packets) + $(ctr "$NS_B" b2 rx_packets))) $(ctr "$NS_A" team0 tx_packets)" \
		"$(ctr "$NS_A" team0 tx_dropped) $(cpu_ticks) $EPOCHREALTIME"
}

frames() { # frames METHOD REP -> prints "frames METHOD REP PPS OFFERED NS_PER_FRAME TAP_DROPS"
	local out=$WORK/trafgen-$1-$2.log r0 r1 o0 o1 t0 t1 c0 c1 d0 d1 pid total hz
	total=$(awk "BEGIN { print $WARM + $SECS + 1.5 }")
	ip netns exec "$NS_A" timeout -s INT -k 2 "$total" \
		trafgen -i "$WORK/trafgen.cfg" -o team0 -P 1 --no-sock-mem -Q -C >"$out" 2>&1 &
	pid=$!
	PIDS+=("$pid")
	sleep "$WARM"
	read -r r0 o0 d0 c0 t0 <<<"$(snapshot)"
	sleep "$SECS"
	read -r r1 o1 d1 c1 t1 <<<"$(snapshot)"
	wait "$pid"
	forget "$pid"
	hz=$(getconf CLK_TCK)
	awk -v m="$1" -v r="$2" -v a="$r0" -v b="$r1" -v c="$o0" -v d="$o1" -v t0="$t0" -v t1="$t1" \
		-v c0="$c0" -v c1="$c1" -v hz="$hz" -v d0="$d0" -v d1="$d1" \
		'BEGIN { n = b - a; printf "frames %s %s %.0f %.0f %.0f %d\n", m, r, n / (t1 - t0), (d - c) / (t1 - t0),
		         (n > 0 ? (c1 - c0) / hz * 1e9 / n : 0), d1 - d0 }'
}

tcp() { # tcp METHOD REP -> prints "tcp METHOD REP GBIT"
	local json=$WORK/iperf-$1-$2.json spid i v
	ip netns exec "$NS_B" timeout -k 2 $((TCP_SECS + 25)) iperf3 -s -1 -p 5201 >"$WORK/iperf-server.log" 2>&1 &
	spid=$!
	PIDS+=("$spid")
	for ((i = 0; i < 50; i++)); do
		[[ -n $(ip netns exec "$NS_B" ss -Hltn "sport = :5201" 2>/dev/null) ]] && break
		sleep 0.1
	done
	ip netns exec "$NS_A" timeout $((TCP_SECS + 20)) iperf3 -c 10.78.0.2 -p 5201 -t "$TCP_SECS" -J >"$json" 2>&1
	wait "$spid"
	forget "$spid"
	v=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print("%.3f" % (d["end"]["sum_received"]["bits_per_second"] / 1e9))' "$json") ||
		{ echo "warning: iperf3 failed ($1 rep $2)" >&2; return; }
	echo "tcp $1 $2 $v"
}

echo "teamfw tx method bench: $BIN, $REPEAT repetitions, ${SECS}s frame windows, ${TCP_SECS}s TCP, offload $OFFLOAD, pinned ${TX_PIN:-0}; $(nproc) CPUs, kernel $(uname -r)"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
read -r -a methods <<<"$METHODS"
for ((rep = 1; rep <= REPEAT; rep++)); do
	order=("${methods[@]}")
	if ((rep % 2 == 0)); then
		order=()
		for ((k = ${#methods[@]} - 1; k >= 0; k--)); do order+=("${methods[k]}"); done
	fi
	for m in "${order[@]}"; do
		for attempt in 1 2 3; do
			log=$WORK/teamfw-$m-$rep-$attempt.log
			if ! team_start "$m" "$log"; then
				echo "warning: teamfw ($m, rep $rep) did not come up" >&2
				tail -5 "$log" >&2
				team_stop
				continue
			fi
			frames "$m" "$rep" >"$WORK/cur.txt"
			drops=$(port_drops "$log")
			((TCP_SECS > 0)) && tcp "$m" "$rep" >>"$WORK/cur.txt"
			if ! kill -0 "$TEAM_PID" 2>/dev/null || grep -q 'received SIG' "$log"; then
				# Measured against a team that was gone (an outside signal): throw the run away.
				echo "warning: teamfw ($m, rep $rep) did not survive the measurement; repeating it:" >&2
				grep -m1 'received SIG' "$log" >&2
				team_stop
				continue
			fi
			team_stop
			tee -a "$WORK/raw.txt" <"$WORK/cur.txt"
			echo "portdrops $m $rep $drops" | tee -a "$WORK/raw.txt"
			echo "load $m rep $rep: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$WORK/raw.txt"
			break
		done
	done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"

python3 - "$WORK/raw.txt" <<'EOF'
import statistics, sys
data = {}
for line in open(sys.argv[1]):
    p = line.split()
    if p[0] == "frames":
        data.setdefault(("frames", p[1]), []).append(float(p[3]))
        data.setdefault(("offered", p[1]), []).append(float(p[4]))
        data.setdefault(("nsframe", p[1]), []).append(float(p[5]))
        data.setdefault(("tapdrop", p[1]), []).append(float(p[6]))
    elif p[0] == "portdrops" and p[3] != "?":
        data.setdefault(("portdrop", p[1]), []).append(float(p[3]))
    elif p[0] == "tcp":
        data.setdefault(("tcp", p[1]), []).append(float(p[3]))
print()
print("medians:")
print(f"{'method':10} {'64B frames/s':>13} {'offered/s':>10} {'teamfw ns/frame':>16} {'TAP drops':>10} {'port drops':>11} {'TCP Gbit/s':>11}")
for m in sorted({k[1] for k in data}):
    g = lambda k: data.get((k, m), [])
    med = lambda v, fmt: fmt.format(statistics.median(v)) if v else "n/a"
    print(f"{m:10} {med(g('frames'), '{:.0f}'):>13} {med(g('offered'), '{:.0f}'):>10} {med(g('nsframe'), '{:.0f}'):>16} "
          f"{med(g('tapdrop'), '{:.0f}'):>10} {med(g('portdrop'), '{:.0f}'):>11} {med(g('tcp'), '{:.3f}'):>11}")
print("runs:")
for m in sorted({k[1] for k in data}):
    print(f"  {m}: frames/s {[int(x) for x in data.get(('frames', m), [])]}")
    print(f"  {m}: ns/frame {[int(x) for x in data.get(('nsframe', m), [])]}")
    print(f"  {m}: TCP Gbit/s {data.get(('tcp', m), [])}")
EOF

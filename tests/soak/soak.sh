#!/bin/bash
# SPDX-License-Identifier: MIT
# Copyright (c) teamfw contributors
#
# tests/soak/soak.sh — the soak behind `make soak` (not part of `make test`): SOAK_SECONDS (default 1800,
# 30 minutes) of mixed traffic through a teamfw loadbalance team over two veth ports, in throwaway
# namespaces, while
#   - one port's link flaps 10 times a second (its peer end set down and up every 50 ms),
#   - TCP runs both ways (iperf3, alternating directions), 64-byte frames flood both ways at a steady
#     rate, and pings go every 50 ms,
#   - control clients poll: `teamfw ctl state dump`, `teamfw stats --json`, `teamfw nl ports` in turn.
# It records the daemon's RSS (VmRSS) and open descriptors after a warm-up (SOAK_WARMUP, default 60 s)
# and at the end, every minute in between, and checks at the end: RSS drift within SOAK_MAX_DRIFT_PCT
# (default 1), descriptors unchanged, the data path allocated nothing, and no port stuck — once the
# flapping stops, both ports are enabled within 2 s and both carry traffic. Exit 0 when every check
# holds, 1 when one fails, 2 when the soak could not run.
#
# Environment: TEAMFW_BIN, SOAK_SECONDS, SOAK_WARMUP, SOAK_MAX_DRIFT_PCT, SOAK_FLOOD_PPS (default
# 20000 each way), SOAK_LOG (default /tmp/teamfw-soak-last.txt).
set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=tests/bench/paths.sh
. "$HERE/../bench/paths.sh"
SECONDS_TOTAL=${SOAK_SECONDS:-1800}
WARMUP=${SOAK_WARMUP:-60}
MAX_DRIFT=${SOAK_MAX_DRIFT_PCT:-1}
PPS=${SOAK_FLOOD_PPS:-20000}
LOG=${SOAK_LOG:-/tmp/teamfw-soak-last.txt}
INJECT=$ROOT/tests/TeamFw.IntegrationTests/scripts/inject.py
ID=tfsoak$$
H=${ID}h
P=${ID}p
WORK=$(mktemp -d "/tmp/$ID.XXXXXX")
PIDS=()

die() { echo "soak: $*" >&2; exit 2; }
[ "$(id -u)" = 0 ] || die "needs root (network namespaces)"
[ -x "$TEAMFW_BIN" ] || die "no binary at $TEAMFW_BIN: run make"
for t in iperf3 python3 ip; do command -v $t >/dev/null || die "$t is missing (make soak installs it)"; done

cleanup() {
	for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done
	wait 2>/dev/null
	ip netns del "$H" 2>/dev/null
	ip netns del "$P" 2>/dev/null
	rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 2' INT TERM

say() { echo "$(date +%H:%M:%S) $*" | tee -a "$LOG"; }
: >"$LOG"

ip netns add "$H" && ip netns add "$P" || die "cannot create namespaces"
ip -n "$H" link set lo up
ip -n "$P" link set lo up
ip -n "$P" link add br0 address 02:00:00:00:0b:00 type bridge
for i in 1 2; do
	ip link add "a$i" netns "$H" type veth peer name "b$i" netns "$P"
	ip -n "$P" link set "b$i" master br0
	ip -n "$P" link set "b$i" up
done
ip -n "$P" link set br0 up
ip -n "$P" addr add 10.232.0.2/24 dev br0

cat >"$WORK/team.conf" <<CONF
{"device":"team0","runner":{"name":"loadbalance","tx_hash":["l3","l4"]},
 "link_watch":{"name":"ethtool"},"ports":{"a1":{},"a2":{}}}
CONF
SOCK=$WORK/teamfw.sock
ip netns exec "$H" "$TEAMFW_BIN" -S "$SOCK" -f "$WORK/team.conf" >"$WORK/daemon.log" 2>&1 &
DAEMON=$!
PIDS+=("$DAEMON")
for _ in $(seq 100); do grep -q "running, pid" "$WORK/daemon.log" && break; sleep 0.1; done
grep -q "running, pid" "$WORK/daemon.log" || { cat "$WORK/daemon.log"; die "teamfw did not start"; }
ip -n "$H" addr add 10.232.0.1/24 dev team0
ip -n "$H" link set team0 up
ctl() { ip netns exec "$H" "$TEAMFW_BIN" "$@" 2>&1; }
state() { ctl ctl -S "$SOCK" team0 state dump; }
for _ in $(seq 50); do ip netns exec "$H" ping -c1 -W1 10.232.0.2 >/dev/null 2>&1 && break; sleep 0.2; done

TEAM_MAC=$(ip -n "$H" -j link show team0 | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["address"])')
END=$((SECONDS + SECONDS_TOTAL))

# Traffic. TCP alternates direction every 10 s; the floods are paced so the control plane has CPU left.
ip netns exec "$P" iperf3 -s -B 10.232.0.2 >/dev/null 2>&1 &
PIDS+=($!)
sleep 0.5
(while [ $SECONDS -lt $END ]; do
	ip netns exec "$H" iperf3 -c 10.232.0.2 -t 10 -P 2 >/dev/null 2>&1
	ip netns exec "$H" iperf3 -c 10.232.0.2 -t 10 -P 2 -R >/dev/null 2>&1
done) &
PIDS+=($!)
FLOODS=()
for b in b1 b2; do
	ip netns exec "$P" python3 "$INJECT" --pps $((PPS / 2)) "$b" 2000000000 64 "$TEAM_MAC" >/dev/null 2>&1 &
	FLOODS+=($!)
done
ip netns exec "$H" python3 "$INJECT" --pps "$PPS" team0 2000000000 64 02:00:00:00:0b:00 >/dev/null 2>&1 &
FLOODS+=($!)
PIDS+=("${FLOODS[@]}")
ip netns exec "$H" ping -q -i 0.05 -w "$SECONDS_TOTAL" 10.232.0.2 >"$WORK/ping.txt" 2>&1 &
PIDS+=($!)

# A port that flaps 10 times a second: one `ip -batch` fed on a fixed schedule (a process per command
# would not keep the pace on a busy machine). It writes the number of flaps and their rate when it stops.
python3 - "$P" "$SECONDS_TOTAL" "$WORK/flaps" <<'PY' &
import signal, subprocess, sys, time
ns, seconds, out = sys.argv[1], float(sys.argv[2]), sys.argv[3]
ip = subprocess.Popen(["ip", "-n", ns, "-batch", "-"], stdin=subprocess.PIPE, text=True)
flaps = 0
t0 = time.monotonic()
def stop(*_):
    ip.stdin.write("link set b2 up\n"); ip.stdin.close(); ip.wait()
    open(out, "w").write(f"{flaps} {flaps / max(time.monotonic() - t0, 1e-3):.1f}"); sys.exit(0)
signal.signal(signal.SIGTERM, stop)
while time.monotonic() - t0 < seconds:
    for state in ("down", "up"):
        ip.stdin.write(f"link set b2 {state}\n"); ip.stdin.flush()
        time.sleep(max(0.0, t0 + (2 * flaps + (1 if state == "down" else 2)) * 0.05 - time.monotonic()))
    flaps += 1
stop()
PY
FLAP=$!
PIDS+=("$FLAP")

# Control clients.
(while [ $SECONDS -lt $END ]; do
	ctl ctl -S "$SOCK" team0 state dump >/dev/null
	ctl stats -S "$SOCK" team0 --json >/dev/null
	ctl nl -S "$SOCK" team0 ports >/dev/null
	sleep 0.1
done) &
PIDS+=($!)

rss() { awk '/^VmRSS/ {print $2}' "/proc/$DAEMON/status"; }
fds() { find "/proc/$DAEMON/fd" -mindepth 1 -maxdepth 1 | wc -l; }
alloc() { state | python3 -c 'import json,sys; print(json.load(sys.stdin)["teamfw"]["datapath_allocated_bytes"])'; }

say "soak: ${SECONDS_TOTAL} s, warm-up ${WARMUP} s, teamfw $($TEAMFW_BIN version 2>&1 | head -1), pid $DAEMON"
sleep "$WARMUP"
RSS0=$(rss) FDS0=$(fds) ALLOC0=$(alloc)
say "start: rss ${RSS0} kB, fds ${FDS0}, datapath_allocated_bytes ${ALLOC0}"
while [ $SECONDS -lt $END ]; do
	sleep $(((END - SECONDS) < 60 ? (END - SECONDS > 0 ? END - SECONDS : 0) : 60))
	kill -0 "$DAEMON" 2>/dev/null || { say "FAIL: the daemon died"; tail -20 "$WORK/daemon.log" | tee -a "$LOG"; exit 1; }
	say "rss $(rss) kB, fds $(fds)"
done
RSS1=$(rss) FDS1=$(fds) ALLOC1=$(alloc)
say "end: rss ${RSS1} kB, fds ${FDS1}, datapath_allocated_bytes ${ALLOC1}"

# The flapping and the floods stop (b2 up): no port may stay stuck, and the spread below counts only its own frames.
kill "$FLAP" "${FLOODS[@]}" 2>/dev/null
wait "$FLAP" "${FLOODS[@]}" 2>/dev/null
ip -n "$P" link set b2 up
sleep 2
fail=0
ports=$(state | python3 -c '
import json,sys
s=json.load(sys.stdin)
for p in ("a1","a2"):
    q=s["ports"][p]
    t=s["teamfw"]["ports"][p]
    print(p, q["link"]["up"], t["enabled"], t["stats"]["tx_packets"])')
say "ports 2 s after the flapping stopped (name, carrier, enabled, tx_packets): $(echo "$ports" | tr '\n' ';')"
echo "$ports" | grep -q "False" && { say "FAIL: a port is stuck"; fail=1; }
# Both ports carry traffic: 64 UDP flows spread over them by the hash.
before=$(echo "$ports" | awk '{print $4}' | tr '\n' ' ')
ip netns exec "$H" python3 -c '
import socket
for p in range(30000, 30064):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("10.232.0.1", p))
    for _ in range(20): s.sendto(b"x" * 64, ("10.232.0.2", 9))
    s.close()'
sleep 0.5
after=$(state | python3 -c '
import json,sys
s=json.load(sys.stdin)
print(" ".join(str(s["teamfw"]["ports"][p]["stats"]["tx_packets"]) for p in ("a1","a2")))')
read -r b1 b2 <<<"$before"
read -r c1 c2 <<<"$after"
say "64 UDP flows x 20 after the soak: a1 +$((c1 - b1)), a2 +$((c2 - b2))"
if [ $((c1 - b1)) -lt 100 ] || [ $((c2 - b2)) -lt 100 ]; then say "FAIL: a port carries no traffic"; fail=1; fi

drift=$(python3 -c "print(f'{abs($RSS1 - $RSS0) * 100 / $RSS0:.2f}')")
say "rss drift ${drift} % (limit ${MAX_DRIFT} %), fds ${FDS0} -> ${FDS1}, datapath_allocated_bytes ${ALLOC0} -> ${ALLOC1}"
python3 -c "import sys; sys.exit(0 if $drift <= $MAX_DRIFT else 1)" || { say "FAIL: rss drift"; fail=1; }
[ "$FDS0" = "$FDS1" ] || { say "FAIL: descriptors ${FDS0} -> ${FDS1}"; fail=1; }
[ "$ALLOC0" = "$ALLOC1" ] || { say "FAIL: the data path allocated"; fail=1; }
read -r FLAPS RATE <"$WORK/flaps" || true
say "b2 flapped ${FLAPS:-?} times (${RATE:-?}/s); a2 link down seen $(grep -c 'port a2 link down' "$WORK/daemon.log") times; ping: $(tail -2 "$WORK/ping.txt" | head -1)"
grep -E "crit|fail:|no quiescent point" "$WORK/daemon.log" | head -5 | tee -a "$LOG"
if [ $fail = 0 ]; then say "PASS"; else say "FAIL"; fi
exit $fail

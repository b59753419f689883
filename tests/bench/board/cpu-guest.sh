# SPDX-License-Identifier: MIT
# Copyright (c) teamfw contributors
#
# tests/bench/board/cpu-guest.sh — the emulated board's half of tests/bench/board-cpu.sh: a guest
# scenario for tests/board/board.sh (BusyBox sh). board-cpu.sh writes RATES, SECS and DEVICE (veth, tap,
# or empty for the binary's default) in front of it.
# teamfw roundrobin over a1 a2 into the kernel bridge br0 (tests/board/guest/lib.sh topology); for
# each paced rate, host -> peer (pacer on team0, counted on br0) and peer -> host (pacer on br0 to
# team0's MAC, counted on team0): teamfw's utime + stime over SECS s (/proc/PID/stat fields 14 + 15,
# in USER_HZ ticks) and the frames the receiver counted, as DATA lines.
. /board/lib.sh
S=/run/cpu.sock
topology t sw 10.0.2.2/24
section=""
[ -n "$DEVICE" ] && section=",\"teamfw\":{\"device\":\"$DEVICE\"}"
echo "{\"device\":\"team0\",\"runner\":{\"name\":\"roundrobin\"},\"link_watch\":{\"name\":\"ethtool\"},\"ports\":{\"a1\":{},\"a2\":{}}$section}" >team0.conf
teamfw_start t $S team0.conf
team_up t 10.0.2.1/24
wait_for 5000 answers t 10.0.2.2 || fail "no echo reply through team0 within 5 s"
pid=$(cat $S.pid)
tmac=$($IP netns exec t cat /sys/class/net/team0/address)
ticks() { awk '{ sub(/.*\) /, ""); print $12 + $13 }' "/proc/$pid/stat"; }
rx() { $IP netns exec "$1" cat "/sys/class/net/$2/statistics/rx_packets"; }
# no traffic first: what teamfw costs idle (carrier polled every 10 ms by default)
c0=$(ticks)
m0=$(now_ms)
sleep "$SECS"
data idle ticks $(($(ticks) - c0)) frames 0 ms $(($(now_ms) - m0)) pacer -
for rate in $RATES; do
	for dir in tx rx; do
		if [ $dir = tx ]; then
			set -- t team0 02:00:00:00:0b:00 10.0.2.1 10.0.2.2 sw br0
		else
			answers t 10.0.2.2 >/dev/null # br0 learns team0's MAC again
			set -- sw br0 "$tmac" 10.0.2.2 10.0.2.1 t team0
		fi
		$IP netns exec "$1" /usr/bin/pacer "$2" "$3" "$4" "$5" "$rate" $((SECS + 2)) >/tmp/pacer.out 2>&1 &
		p=$!
		sleep 1
		c0=$(ticks)
		r0=$(rx "$6" "$7")
		m0=$(now_ms)
		sleep "$SECS"
		c1=$(ticks)
		r1=$(rx "$6" "$7")
		m1=$(now_ms)
		wait $p || fail "pacer: $(cat /tmp/pacer.out)"
		data "$dir$rate" ticks $((c1 - c0)) frames $((r1 - r0)) ms $((m1 - m0)) pacer "$(cat /tmp/pacer.out)"
	done
done
teamfw_stop $S

# SPDX-License-Identifier: MIT
# Copyright (c) teamfw contributors
#
# lacp, teamfw against teamfw over two veth links (a kernel bridge does not
# forward slow protocols, so the links are direct): both sides aggregate both
# ports at the fast rate, and traffic to eight addresses uses both links (the
# hash is of IPv4 addresses only, not of the random team MACs, so which link
# each address takes is the same on every run). l1 sends with two transmit
# threads ("tx_workers": 2: the lanes' flows shared out by the kernel, each lane
# with TX rings of its own); l2 receives with two workers sharing each port
# ("rx_fanout"). This kernel (6.1) lets a packet socket join a fanout group
# only while its device is up: l1's host peer is down until LACP gives team0
# carrier, and l2's ports are down when they are added.
#
#   [l1: teamfw, team0 10.0.1.1]      [l2: teamfw, team0 10.0.1.2-9]
#        x1 ───────────────────────── y1
#        x2 ───────────────────────── y2
. /board/lib.sh
S1=/run/l1.sock S2=/run/l2.sock
netns l1 l2
ipb <<EOF
link add x1 netns l1 type veth peer name y1 netns l2
link add x2 netns l1 type veth peer name y2 netns l2
EOF
conf() {
	echo "{\"device\":\"team0\",\"runner\":{\"name\":\"lacp\",\"active\":true,\"fast_rate\":true,\"tx_hash\":[\"ipv4\"]},\"link_watch\":{\"name\":\"ethtool\"},\"ports\":{\"$1\":{},\"$2\":{}}$3}"
}
conf x1 x2 ',"teamfw":{"tx_workers":2}' >l1.conf
conf y1 y2 ',"teamfw":{"workers":2,"rx_fanout":true}' >l2.conf
teamfw_start l1 $S1 l1.conf
teamfw_start l2 $S2 l2.conf
started=$(now_ms)
ipb l1 <<EOF
addr add 10.0.1.1/24 dev team0
link set team0 up
EOF
{
	for i in 2 3 4 5 6 7 8 9; do
		echo "addr add 10.0.1.$i/24 dev team0"
	done
	echo "link set team0 up"
} >l2.batch
ipb l2 <l2.batch

# Both ports of a side selected: four "selected": true (each port's and its
# aggregator's). Each poll is a `teamfw ctl` run: a third of a second here.
selected() { [ "$(fw_ctl "$1" team0 state dump | grep -c '"selected": true')" = 4 ]; }
wait_for 10000 selected $S2 || fail "l2 not converged 10 s after start: $(fw_ctl $S2 team0 state)"
wait_for 1000 selected $S1 || fail "l1 not converged 1 s after l2: $(fw_ctl $S1 team0 state)"
data converged_ms $(($(now_ms) - started))

tx() { $IP netns exec l1 cat "/sys/class/net/$1/statistics/tx_packets"; }
x1=$(tx x1) x2=$(tx x2)
for i in 2 3 4 5 6 7 8 9; do
	run $IP netns exec l1 $PING -n -q -c 2 -i 0.02 -W 1 10.0.1.$i
done
d1=$(($(tx x1) - x1)) d2=$(($(tx x2) - x2))
data tx_x1 $d1
data tx_x2 $d2
[ "$d1" -ge 2 ] && [ "$d2" -ge 2 ] || fail "traffic to 8 addresses used one link only: x1 sent $d1, x2 $d2"
fw_ctl $S1 team0 state dump | grep -q '"tx_workers": 2' || fail "l1 does not run two transmit threads: $(fw_ctl $S1 team0 state dump | grep workers)"
# 32 TCP flows from l1 (a SYN each, answered by a RST), for the kernel to share out between l1's two lanes.
p=41000
while [ $p -lt 41032 ]; do
	$IP netns exec l1 /bin/busybox nc -w 1 -p $p 10.0.1.2 9 </dev/null >/dev/null 2>&1
	p=$((p + 1))
done
lanes=$(fw_ctl $S1 team0 state dump | tr -d ' \n' | sed -n 's/.*"tx_lane_packets":\[\([0-9]*\),\([0-9]*\)\].*/\1 \2/p')
data tx_lanes "$lanes"
set -- $lanes
[ "${1:-0}" -gt 0 ] && [ "${2:-0}" -gt 0 ] || fail "l1's two transmit threads did not both send (frames per lane: ${lanes:-none})"
grep -q '^teamfw rx1 team' /proc/"$(cat $S2.pid)"/task/*/comm || fail "l2 has no second receive worker"
teamfw_stop $S1
teamfw_stop $S2

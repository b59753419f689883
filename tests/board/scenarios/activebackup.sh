# SPDX-License-Identifier: MIT
# Copyright (c) teamfw contributors
#
# activebackup over two veth ports into a kernel bridge, failover under
# traffic: the active port's far end goes down while pings flow every 10 ms.
#
#   [t: teamfw, team0 10.0.0.1]          [sw]
#        a1 (prio 10) ──────── b1 ─┐
#        a2 (prio 0)  ──────── b2 ─┴─ br0 10.0.0.2
. /board/lib.sh
S=/run/ab.sock
topology t sw 10.0.0.2/24
echo '{"device":"team0","runner":{"name":"activebackup"},"link_watch":{"name":"ethtool"},"ports":{"a1":{"prio":10},"a2":{"prio":0}}}' >team0.conf
teamfw_start t $S team0.conf
team_up t 10.0.0.1/24

active() { fw_ctl $S team0 state item get runner.active_port; }
is_active() { [ "$(active)" = "$1" ]; }
wait_for 5000 answers t 10.0.0.2 || fail "no echo reply through team0 within 5 s"
is_active a1 || fail "active port $(active), not a1 (prio 10)"

# 200 pings 10 ms apart; a1's far end loses carrier once they flow.
rx_b1() { $IP netns exec sw cat /sys/class/net/b1/statistics/rx_packets; }
flowing() { [ $(($(rx_b1) - before)) -ge 20 ]; }
before=$(rx_b1)
$IP netns exec t $PING -n -q -c 200 -i 0.01 -W 1 10.0.0.2 >ping.out 2>&1 &
pinger=$!
wait_for 5000 flowing || fail "the pings do not reach b1"
run $IP -n sw link set b1 down
wait_for 3000 is_active a2 || fail "still $(active) active 3 s after a1 lost carrier"
wait $pinger
received=$(sed -n 's/.* \([0-9]*\) received.*/\1/p' ping.out)
[ -n "$received" ] || fail "ping printed no summary: $(cat ping.out)"
data ping_sent 200
data ping_lost $((200 - received))
run $IP netns exec t $PING -n -c 10 -i 0.05 -W 1 10.0.0.2

# a1 comes back: prio 10 wins again (not sticky), traffic follows.
run $IP -n sw link set b1 up
wait_for 3000 is_active a1 || fail "a1 did not become active again within 3 s of its carrier"
wait_for 5000 answers t 10.0.0.2 || fail "no echo reply within 5 s of a1 becoming active again"
teamfw_stop $S

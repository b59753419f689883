# SPDX-License-Identifier: MIT
# Copyright (c) teamfw contributors
#
# Peak RSS (VmHWM) of the daemon with two ports and default rings, after
# traffic over both: a roundrobin team (as make bench's team scenario) into a
# kernel bridge, 200 flood pings of 1400 bytes.
. /board/lib.sh
S=/run/rss.sock
topology t sw 10.0.2.2/24
echo '{"device":"team0","runner":{"name":"roundrobin"},"link_watch":{"name":"ethtool"},"ports":{"a1":{},"a2":{}}}' >team0.conf
teamfw_start t $S team0.conf
team_up t 10.0.2.1/24
wait_for 5000 answers t 10.0.2.2 || fail "no echo reply through team0 within 5 s"
run $IP netns exec t $PING -n -q -f -c 200 -s 1400 -W 1 10.0.2.2
pid=$(cat $S.pid)
for k in VmHWM VmRSS VmSize; do
	data "$k" "$(awk -v k="$k:" '$1 == k { print $2 }' "/proc/$pid/status")"
done
tx() { $IP netns exec t cat "/sys/class/net/$1/statistics/tx_packets"; }
data tx_a1 "$(tx a1)"
data tx_a2 "$(tx a2)"
teamfw_stop $S

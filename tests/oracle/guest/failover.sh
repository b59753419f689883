# SPDX-License-Identifier: MIT
# Copyright (c) teamfw contributors
#
# activebackup failover, kernel team + teamd (k) against teamfw (f), one after
# the other on the same topology: the team's ports eth1 (prio 10, active) and
# eth2 go to a kernel bridge in NAMEp, where a host (NAMEh) pings the team
# every 5 ms, 600 times; after 150 requests eth1's peer goes down (the port
# loses carrier). The lost pings of each world are DATA lines; the host
# compares them (OracleBehaviourTests: teamfw's within 2 of teamd's).
. /oracle/oracle.sh
echo '{"device":"team0","hwaddr":"02:00:00:00:00:10","runner":{"name":"activebackup"},"link_watch":{"name":"ethtool"},"ports":{"eth1":{"prio":10},"eth2":{}}}' >"$OUT/ab.conf"

# world NS START...: builds NS's topology, starts its team with START..., runs
# the ping, cuts eth1 and writes the number of lost pings to $OUT/NS.lost.
world() {
	w=$1
	shift
	sides "$w"
	netns "${w}h"
	printf 'link add br0 type bridge forward_delay 0\nlink set p1 master br0\nlink set p2 master br0\nlink add p3 type veth peer name h0 netns %sh\nlink set p3 master br0\nlink set p3 up\nlink set br0 up\n' "$w" |
		run $IP -n "${w}p" -b -
	printf 'addr add 10.0.0.2/24 dev h0\nlink set h0 up\n' | run $IP -n "${w}h" -b -
	"$@" || fail "$w: the team did not start"
	printf 'link set team0 up\naddr add 10.0.0.1/24 dev team0\n' | run $IP -n "$w" -b -
	wait_for 10000 $IP netns exec "${w}h" $PING -c 1 -W 1 10.0.0.1 || fail "$w: the team does not answer"
	# 600 echo requests 5 ms apart; eth1's peer goes down after the 150th.
	$IP netns exec "${w}h" $PING -q -i 0.005 -c 600 -W 1 10.0.0.1 >"$OUT/$w.ping" 2>&1 &
	_ping=$!
	_start=$(tx "${w}h" h0)
	$IP netns exec "${w}h" sh -c '
		f=/tmp/tick.$$ && mkfifo $f && exec 3<>$f && rm $f
		while read -r n </sys/class/net/h0/statistics/tx_packets && [ $n -lt $(($1 + 150)) ]; do read -r -t 0.005 -u 3 _; done' x "$_start"
	run $IP -n "${w}p" link set p1 down
	wait $_ping
	_sent=$(sed -n 's/^\([0-9]*\) packets transmitted.*/\1/p' "$OUT/$w.ping")
	_got=$(sed -n 's/.* \([0-9]*\) received.*/\1/p' "$OUT/$w.ping")
	[ -n "$_sent" ] && [ -n "$_got" ] || fail "$w: no ping summary: $(cat "$OUT/$w.ping")"
	echo "$((_sent - _got))" >"$OUT/$w.lost"
}

world k teamd_start k "$OUT/ab.conf" -U
data active_teamd "$($IP netns exec k "$TEAMDCTL" team0 state item get runner.active_port)"
world f teamfw_start f /run/f.sock "$OUT/ab.conf"
data active_teamfw "$("$TEAMFW" ctl -S /run/f.sock team0 state item get runner.active_port)"
data lost_teamd "$(cat "$OUT/k.lost")"
data lost_teamfw "$(cat "$OUT/f.lost")"
logs

# SPDX-License-Identifier: MIT
# Copyright (c) teamfw contributors
#
# LACP between teamd over the kernel team (namespace k) and teamfw (f), over
# two direct links (k:eth1-f:eth1, k:eth2-f:eth2). Set by the scenario's
# one-line wrapper: TD and FW (runner.active of teamd and of teamfw), FAST
# (runner.fast_rate of both), FIRST (teamd or teamfw: who starts first) and
# CHURN (1: then a port removed and re-added on each side). Both teams have
# min_ports 2, so a team's carrier is on exactly while both its ports are
# enabled: "converged" is both carriers on. DATA lines: the convergence time
# from the second daemon being up (its -d returned, its team device up) to
# both carriers on (watched from before it starts), the packets each link carried each way
# under 8 flows of pings, and with CHURN the time to converge again after each
# re-add; the host checks them (OracleBehaviourTests).
. /oracle/oracle.sh
: "${TD:?}" "${FW:?}" "${FAST:?}" "${FIRST:?}"
limit=10000
[ "$FAST" = true ] || limit=40000

runner() { echo "{\"name\":\"lacp\",\"active\":$1,\"fast_rate\":$FAST,\"min_ports\":2,\"tx_hash\":[\"eth\",\"ipv4\"]}"; }
echo "{\"device\":\"team0\",\"hwaddr\":\"02:00:00:00:00:10\",\"runner\":$(runner "$TD"),\"link_watch\":{\"name\":\"ethtool\"},\"ports\":{\"eth1\":{},\"eth2\":{}}}" >"$OUT/k.conf"
echo "{\"device\":\"team0\",\"hwaddr\":\"02:00:00:00:00:20\",\"runner\":$(runner "$FW"),\"link_watch\":{\"name\":\"ethtool\"},\"ports\":{\"eth1\":{},\"eth2\":{}}}" >"$OUT/f.conf"

netns k f
printf 'link add eth1 address 02:00:00:00:01:01 type veth peer name eth1 netns f address 02:00:00:00:02:01\nlink add eth2 address 02:00:00:00:01:02 type veth peer name eth2 netns f address 02:00:00:00:02:02\n' |
	run $IP -n k -b -

start_teamd() {
	teamd_start k "$OUT/k.conf" -U
	printf 'link set team0 up\naddr add 10.0.1.1/24 dev team0\n' | run $IP -n k -b -
}
start_teamfw() {
	teamfw_start f /run/f.sock "$OUT/f.conf"
	{
		echo 'link set team0 up'
		for i in 2 3 4 5 6 7 8 9; do echo "addr add 10.0.1.$i/24 dev team0"; done
	} | run $IP -n f -b -
}

# converged LABEL CMD...: watches both carriers (the watchers poll before CMD
# starts), runs CMD, waits for both carriers and writes the time from CMD's
# end to the later of them as DATA LABEL.
converged() {
	_label=$1
	shift
	carrier_is k team0 1 $limit >/tmp/k.up &
	carrier_is f team0 1 $limit >/tmp/f.up &
	"$@"
	_t0=$(now_ms)
	wait
	_k=$(cat /tmp/k.up) _f=$(cat /tmp/f.up)
	[ "$_k" != timeout ] && [ "$_f" != timeout ] || fail "$_label: not converged within $limit ms (carrier: teamd side $_k, teamfw side $_f)"
	_t=$_k
	[ "$_f" -gt "$_t" ] && _t=$_f
	_ms=$((_t - _t0))
	[ $_ms -ge 0 ] || _ms=0
	data "$_label" "$_ms"
}

# traffic LABEL: 8 flows (one per teamfw address) of 12 pings from teamd's team;
# DATA LABEL with the packets sent on each link: k:eth1 k:eth2 f:eth1 f:eth2.
traffic() {
	_label=$1
	_before_k=$(tx k eth1 eth2) _before_f=$(tx f eth1 eth2)
	# One namespace switch for the eight (every exec costs here).
	$IP netns exec k sh -c 'for i in 2 3 4 5 6 7 8 9; do "$1" -q -c 12 -i 0.05 -W 2 10.0.1.$i >/dev/null 2>&1 & done; wait' traffic $PING
	_after_k=$(tx k eth1 eth2) _after_f=$(tx f eth1 eth2)
	set -- $_before_k $_before_f $_after_k $_after_f
	data "$_label" $(($5 - $1)) $(($6 - $2)) $(($7 - $3)) $(($8 - $4))
}

# Who starts first waits until its ports are up, as a peer already running would be.
if [ "$FIRST" = teamd ]; then
	start_teamd
	converged converge_ms start_teamfw
else
	start_teamfw
	converged converge_ms start_teamd
fi
traffic traffic

if [ "${CHURN:-}" = 1 ]; then
	for side in teamd teamfw; do
		if [ $side = teamd ]; then
			run $IP netns exec k "$TEAMDCTL" team0 port remove eth1
		else
			run "$TEAMFW" ctl -S /run/f.sock team0 port remove eth1
		fi
		# The other side loses eth1's carrier, and with min_ports 2 its team's carrier.
		[ "$(carrier_is k team0 0 $limit)" != timeout ] || fail "$side removed eth1: teamd's team kept its carrier"
		[ "$(carrier_is f team0 0 $limit)" != timeout ] || fail "$side removed eth1: teamfw's team kept its carrier"
		if [ $side = teamd ]; then
			converged readd_${side}_ms run $IP netns exec k "$TEAMDCTL" team0 port add eth1
		else
			converged readd_${side}_ms run "$TEAMFW" ctl -S /run/f.sock team0 port add eth1
		fi
		traffic traffic_after_${side}_readd
	done
fi
# teamdctl looks the team up in its namespace; teamfw ctl needs only the socket.
$IP netns exec k "$TEAMDCTL" team0 state dump >"$OUT/k.state.json" 2>&1 &
"$TEAMFW" ctl -S /run/f.sock team0 state dump >"$OUT/f.state.json" 2>&1 &
wait
logs

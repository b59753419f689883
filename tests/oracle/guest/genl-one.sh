# SPDX-License-Identifier: MIT
# Copyright (c) teamfw contributors
#
# One runner ($RUNNER, set by genl.sh, which runs this in a mount namespace of
# its own, with /run and /tmp its own, and OUT=/board/out/genl-$RUNNER): the same
# config to teamd over the kernel team (namespace k) and to teamfw (f), then
# the same requests to both through `teamfw nl --raw -b` (over AF_NETLINK to
# the kernel, over the control socket to teamfw) and the state document of
# each daemon, in rounds: good and bad values that leave the runner alone,
# teamd's state, values the runner reacts to, teamd's state again (a round trip
# to teamd, after which it has handled the kernel's events), the final ports
# and options; teamnl's and teamfw nl's text for the kernel team; eth1's link
# down, then the same dumps and documents again; last the sets teamfw answers
# alike but acts on differently by design. Everything goes to
# the host, which compares (OracleTests).
. /oracle/oracle.sh
: "${RUNNER:?set by genl.sh}"

case $RUNNER in
lacp) runner='{"name":"lacp","active":true,"fast_rate":true,"min_ports":2,"tx_hash":["eth","ipv4"],"tx_balancer":{"name":"basic","balancing_interval":30}}' ;;
loadbalance) runner='{"name":"loadbalance","tx_hash":["eth","ipv4","ipv6","l4"]}' ;;
*) runner="{\"name\":\"$RUNNER\"}" ;;
esac
mode=$RUNNER
[ "$RUNNER" = lacp ] && mode=loadbalance
cat >"$OUT/team.conf" <<EOF
{"device":"team0","hwaddr":"02:00:00:00:00:10","runner":$runner,"link_watch":{"name":"ethtool"},
 "notify_peers":{"count":2,"interval":50},"mcast_rejoin":{"count":1,"interval":20},
 "ports":{"eth1":{"prio":10},"eth2":{"prio":-5,"queue_id":3}}}
EOF

sides k f
if [ "$RUNNER" = lacp ]; then
	# The same LACP partner for both worlds: a teamfw team over p1 and p2.
	echo '{"device":"lacp0","hwaddr":"02:00:00:00:00:20","runner":{"name":"lacp","active":true,"fast_rate":true},"ports":{"p1":{},"p2":{}}}' >"$OUT/partner.conf"
	teamfw_start kp /run/kp.sock "$OUT/partner.conf"
	teamfw_start fp /run/fp.sock "$OUT/partner.conf"
	run $IP -n kp link set lacp0 up
	run $IP -n fp link set lacp0 up
fi
teamd_start k "$OUT/team.conf" -U
teamfw_start f /run/f.sock "$OUT/team.conf"
run $IP -n k link set team0 up
run $IP -n f link set team0 up

# Settled: the ports the runner enables are enabled on both sides.
want1=true want2=true
[ "$RUNNER" = activebackup ] && want2=false
settled() {
	# The kernel over AF_NETLINK, teamfw over its control socket; both in the team's namespace, where -p's
	# name is an interface.
	for _side in "k" "f -S /run/f.sock"; do
		set -- $_side
		_ns=$1
		shift
		[ "$($IP netns exec "$_ns" "$TEAMFW" nl "$@" -p eth1 team0 getoption enabled)" = "$want1" ] || return 1
		[ "$($IP netns exec "$_ns" "$TEAMFW" nl "$@" -p eth2 team0 getoption enabled)" = "$want2" ] || return 1
	done
}
wait_for 30000 settled || fail "the runners did not settle: eth1 $want1, eth2 $want2 on both sides"

links k >"$OUT/k.links"
links f >"$OUT/f.links"

# Round 1: every writable option, good values and bad ones (the comments say
# what the kernel answers), none that moves the runner.
cat >"$OUT/round1" <<EOF
ports
options
setoption mode broadcast
setoption mode $mode
-t string setoption mode abcdefghijklmnopqrstuvwxyz0123456789
setoption notify_peers_count 5
setoption notify_peers_interval 100
setoption mcast_rejoin_count 2
setoption mcast_rejoin_interval 20
-p eth2 setoption queue_id 15
-p eth2 setoption queue_id 16
-p eth1 setoption queue_id 0
-t u32 setoption nosuch 1
-t u32 setoption mode 1
-t 99 setoption mode 1
-t u32 -p eth1 setoption notify_peers_count 1
-t u32 setoption queue_id 1
-t u32 -p lo setoption queue_id 1
-t bool -p eth1 setoption queue_id true
-t s32 -p eth1 setoption priority 3
EOF
case $RUNNER in
activebackup)
	printf 'setoption activeport 0\nsetoption activeport 999\n' >>"$OUT/round1"
	;;
loadbalance | lacp)
	cat >>"$OUT/round1" <<'EOF'
setoption lb_tx_method foo
-t string setoption lb_tx_method hash_to_port_mapping_and_more_than_32
-a 6 setoption lb_tx_hash_to_port_mapping 999
-a 7 setoption lb_tx_hash_to_port_mapping 0
-t u32 -a 256 setoption lb_tx_hash_to_port_mapping 2
-t u32 setoption lb_tx_hash_to_port_mapping 2
setoption lb_stats_refresh_interval 7
-t binary setoption bpf_hash_func \06\00\00
-t binary setoption bpf_hash_func \ff\ff\00\00\00\00\00\00
-a 0 setoption lb_hash_stats \00\00\00\00\00\00\00\00
-p eth1 setoption lb_port_stats \00\00\00\00\00\00\00\00
EOF
	;;
esac

# Round 2: values the runner reacts to (teamd through the kernel's events).
cat >"$OUT/round2" <<'EOF'
-p eth2 setoption priority -- -7
-p eth1 setoption enabled false
EOF
case $RUNNER in
loadbalance | lacp)
	printf 'setoption lb_tx_method hash_to_port_mapping\n-a 5 setoption lb_tx_hash_to_port_mapping @E2@\nsetoption bpf_hash_func \\06\\00\\00\\00\\00\\00\\00\\00\n' >>"$OUT/round2"
	;;
esac
printf 'ports\noptions\n' >"$OUT/round3"
# Round 4, last: what teamfw does differently on purpose (README "Compatibility
# with the kernel team driver and teamd"): a link forced through user_linkup, an
# activeport written by a client; only the answers are compared.
cat >"$OUT/round4" <<'EOF'
-p eth2 setoption user_linkup false
-p eth2 setoption user_linkup_enabled true
EOF
[ "$RUNNER" = activebackup ] && echo 'setoption activeport @E2@' >>"$OUT/round4"

# both ROUND: the round's requests to the kernel (k, found by its kind) and to
# teamfw (f, over its control socket), at once, each in its namespace (-p
# names an interface there) with its own eth2's ifindex for @E2@ (shell
# builtins only: every exec costs here).
e2_k=$(ifindex k eth2) e2_f=$(ifindex f eth2)
both() {
	for _ns in k f; do
		eval "_e2=\$e2_$_ns"
		while IFS= read -r _l; do printf '%s\n' "${_l//@E2@/$_e2}"; done <"$OUT/$1" >"/tmp/$_ns.$1"
	done
	$IP netns exec k "$TEAMFW" nl --raw -b /tmp/k.$1 team0 >"$OUT/k.$1.raw" 2>"$OUT/k.$1.err" &
	$IP netns exec f "$TEAMFW" nl -S /run/f.sock --raw -b /tmp/f.$1 team0 >"$OUT/f.$1.raw" 2>"$OUT/f.$1.err" &
	wait
}

# state N: both state documents (teamdctl, which looks the team up in its
# namespace, and teamfw ctl, which needs only the socket) after round N.
state() {
	$IP netns exec k "$TEAMDCTL" team0 state dump >"$OUT/k.state$1.json" 2>&1 &
	"$TEAMFW" ctl -S /run/f.sock team0 state dump >"$OUT/f.state$1.json" 2>&1 &
	wait
}

both round1
state 1
both round2
state 2
both round3

# teamfw nl and teamnl, side by side on the kernel team.
$IP netns exec k "$TEAMNL" team0 options >"$OUT/k.teamnl.options" 2>&1 &
$IP netns exec k "$TEAMFW" nl team0 options >"$OUT/k.fwnl.options" 2>&1 &
wait
$IP netns exec k "$TEAMNL" team0 ports >"$OUT/k.teamnl.ports" 2>&1 &
$IP netns exec k "$TEAMFW" nl team0 ports >"$OUT/k.fwnl.ports" 2>&1 &
wait

# eth1 loses its link (its peer goes down): once both daemons say so, the
# ports, the options and the state documents again.
$IP -n kp link set p1 down &
$IP -n fp link set p1 down &
wait
eth1_down() {
	[ "$($IP netns exec k "$TEAMDCTL" team0 state item get ports.eth1.link_watches.up)" = false ] &&
		[ "$("$TEAMFW" ctl -S /run/f.sock team0 state item get ports.eth1.link_watches.up)" = false ]
}
wait_for 30000 eth1_down || fail "eth1's link did not go down for both daemons"
cp "$OUT/round3" "$OUT/round5"
both round5
state 3
both round4
read -r pid </run/teamd/team0.pid && echo "$pid" >"$OUT/k.pid"
read -r pid </run/f.sock.pid && echo "$pid" >"$OUT/f.pid"

# SPDX-License-Identifier: MIT
# Copyright (c) teamfw contributors
#
# Sourced by the board's scenarios (tests/board/scenarios/*.sh), under BusyBox
# sh. BusyBox prefers its own applets to programs of the same name, and its
# `ip` has no netns or veth: call iproute2 and iputils by path.
IP=/bin/ip
# shellcheck disable=SC2034 # used by the scenarios
PING=/bin/ping
TEAMFW=${TEAMFW:-/usr/sbin/teamfw}

# fail REASON: the scenario fails with REASON (the RESULT line shows it).
fail() {
	echo "FAIL $*"
	exit 1
}

# skip REASON: the scenario cannot run here.
skip() {
	echo "SKIP $*"
	exit 77
}

# data KEY VALUE...: a figure for the host (a DATA line).
data() { echo "DATA $BOARD_SCENARIO $*"; }

# run CMD...: CMD, or fail naming it and showing its output.
run() {
	out=$("$@" 2>&1) || fail "$* -> exit $?: $out"
	[ -n "$out" ] && echo "$out"
	return 0
}

now_ms() {
	read -r up _ </proc/uptime
	echo $((${up%.*} * 1000 + 10 * (1${up#*.} - 100)))
}

# wait_for MS CMD...: polls CMD every 20 ms until it succeeds; 1 after MS.
wait_for() {
	_deadline=$(($(now_ms) + $1))
	shift
	until "$@" >/dev/null 2>&1; do
		[ "$(now_ms)" -ge "$_deadline" ] && return 1
		sleep 0.02
	done
}

# ipb [NS]: iproute2 commands from stdin in one process (ip -batch), in NS
# or the initial namespace: under emulation every exec costs a tenth of a second.
ipb() {
	_out=$($IP ${1:+-n "$1"} -b - 2>&1) || fail "ip ${1:+-n $1 }-batch: $_out"
}

# netns NAME...: new network namespaces with lo up.
netns() {
	for _ns in "$@"; do
		run $IP netns add "$_ns"
		run $IP -n "$_ns" link set lo up
	done
}

# veth A NS_A B NS_B: a veth pair, A in NS_A and B in NS_B ("-": the initial
# namespace), both up.
veth() {
	run $IP link add "$1" type veth peer name "$3"
	[ "$2" = - ] || run $IP link set "$1" netns "$2"
	[ "$4" = - ] || run $IP link set "$3" netns "$4"
	in_ns "$2" $IP link set "$1" up
	in_ns "$4" $IP link set "$3" up
}

# topology TEAM_NS SWITCH_NS [BRIDGE_ADDR]: ports a1 and a2 in TEAM_NS ("-":
# the initial namespace) wired to b1 and b2, up, in SWITCH_NS; with
# BRIDGE_ADDR (10.0.0.2/24) b1 and b2 are ports of a kernel bridge with it.
#
#   [TEAM_NS]  a1 ──────── b1 ─┐ [SWITCH_NS]
#              a2 ──────── b2 ─┴─ br0 BRIDGE_ADDR
topology() {
	[ "$1" = - ] || netns "$1"
	netns "$2"
	_in=
	[ "$1" = - ] || _in=" netns $1"
	ipb <<EOF
link add a1$_in type veth peer name b1 netns $2
link add a2$_in type veth peer name b2 netns $2
EOF
	if [ -z "${3:-}" ]; then
		printf 'link set b1 up\nlink set b2 up\n' | ipb "$2" || exit 1
		return 0
	fi
	# A fixed MAC: a bridge takes its lowest port's by default, which changes when a port goes.
	ipb "$2" <<EOF
link add br0 address 02:00:00:00:0b:00 type bridge
link set b1 master br0 up
link set b2 master br0 up
link set br0 up
addr add $3 dev br0
EOF
}

# team_up NS ADDR: ADDR on team0 in NS, and team0 up (teamfw leaves both to
# the operator, as the kernel team driver does).
team_up() {
	ipb "$1" <<EOF
addr add $2 dev team0
link set team0 up
EOF
}

# answers NS ADDR: one echo reply from ADDR to a ping from NS within a second.
answers() { $IP netns exec "$1" $PING -n -c 1 -W 1 "$2"; }

# in_ns NS CMD...: CMD in namespace NS ("-": the initial one).
in_ns() {
	_ns=$1
	shift
	if [ "$_ns" = - ]; then
		run "$@"
	else
		run $IP netns exec "$_ns" "$@"
	fi
}

# port_state NS DEV: what teamfw may change on a port, on one line: MTU, MAC,
# flags (without carrier, which follows the peer), the sysctls it sets and
# the IPv4/IPv6 addresses other than the kernel's own link-local one.
port_state() {
	_link=$(in_ns "$1" $IP -o link show dev "$2")
	_flags=$(echo "$_link" | sed -n 's/.*<\([^>]*\)>.*/\1/p' | tr ',' '\n' | grep -v -e LOWER_UP -e NO-CARRIER -e M-DOWN | sort | tr '\n' ,)
	_mtu=$(echo "$_link" | sed -n 's/.* mtu \([0-9]*\).*/\1/p')
	_mac=$(echo "$_link" | sed -n 's/.*link\/ether \([0-9a-f:]*\).*/\1/p')
	_addrs=$(in_ns "$1" $IP -o addr show dev "$2" | awk '{print $4}' | grep -v '^fe80:' | sort | tr '\n' ' ')
	_sys=$(in_ns "$1" cat "/proc/sys/net/ipv4/conf/$2/arp_ignore" "/proc/sys/net/ipv4/conf/$2/rp_filter" "/proc/sys/net/ipv6/conf/$2/disable_ipv6" | tr '\n' ' ')
	echo "mtu=$_mtu mac=$_mac flags=$_flags arp_ignore,rp_filter,disable_ipv6=$_sys addrs=$_addrs"
}

# teamfw_start NS SOCKET CONF [ARGS...]: the daemon in NS, daemonized (-d
# returns once every team is up, or fails with the reason); pid in SOCKET.pid.
teamfw_start() {
	_ns=$1 _sock=$2 _conf=$3
	shift 3
	in_ns "$_ns" "$TEAMFW" -S "$_sock" -f "$_conf" -d -p "$_sock.pid" "$@"
}

# alive PID: the process exists and has not exited. A daemon's process is
# reparented to /init, which does not reap it while a scenario runs: an exited
# daemon stays a zombie, which `kill -0` still finds.
alive() {
	_state=
	read -r _ _ _state _ <"/proc/$1/stat" 2>/dev/null
	[ -n "$_state" ] && [ "$_state" != Z ]
}

# teamfw_stop SOCKET: SIGTERM (ports restored, team deleted), then waits for
# the process to be gone.
teamfw_stop() {
	_pid=$(cat "$1.pid") || fail "no pidfile $1.pid"
	kill "$_pid" || fail "teamfw $_pid is not running"
	wait_for 10000 sh -c ". /board/lib.sh && ! alive $_pid" || fail "teamfw $_pid still runs 10 s after SIGTERM"
}

# fw_ctl SOCKET TEAM ARGS...: teamfw ctl (teamdctl's commands).
fw_ctl() {
	_sock=$1
	shift
	"$TEAMFW" ctl -S "$_sock" "$@"
}

# fw_nl SOCKET TEAM ARGS...: teamfw nl (teamnl's commands).
fw_nl() {
	_sock=$1
	shift
	"$TEAMFW" nl -S "$_sock" "$@"
}

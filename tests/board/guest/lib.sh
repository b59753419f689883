# SPDX-License-Identifier: MIT
# Copyright (c) teamfw contributors
#
# Sourced by the board's scenarios (tests/board/scenarios/*.sh), under BusyBox
# sh. BusyBox prefers its own applets to programs of the same name, and its
# `ip` has no netns or veth: call iproute2 and iputils by path.
IP=/bin/ip
PING=/bin/ping # shellcheck disable=SC2034
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
	_sys=
	for _s in ipv4/conf/$2/arp_ignore ipv4/conf/$2/rp_filter ipv6/conf/$2/disable_ipv6; do
		_sys="$_sys $(in_ns "$1" cat "/proc/sys/net/$_s")"
	done
	echo "mtu=$_mtu mac=$_mac flags=$_flags sysctl=$_sys addrs=$_addrs"
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

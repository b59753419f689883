# SPDX-License-Identifier: MIT
# Copyright (c) teamfw contributors
#
# Sourced by the oracle's scenarios (tests/oracle/guest/*.sh) in the emulated
# x86_64 machine, after tests/board/guest/lib.sh. Two worlds side by side, built
# the same way in their own namespaces: "k", the kernel team driver with teamd,
# and "f", teamfw; each team's ports eth1 and eth2 are veths to a peer
# namespace (kp, fp). What a scenario collects goes to $OUT, which the host
# reads after the run (board.sh -o), and compares (OracleTests).
. /board/lib.sh
TEAMD=/usr/bin/teamd
TEAMDCTL=/usr/bin/teamdctl
TEAMNL=/usr/bin/teamnl
OUT=${OUT:-/board/out/$BOARD_SCENARIO}
[ -d "$OUT" ] || fail "no $OUT: the oracle needs board.sh -o"

# Kernel messages (a team's netdev_err) would cut into the console's lines.
echo 1 >/proc/sys/kernel/printk

# logs: the daemons' syslog so far to $OUT/messages, for a failure's reason.
logs() { cp /run/messages "$OUT/messages" 2>/dev/null || :; }

# sides NAME...: for each NAME, namespaces NAME and NAMEp, and in NAME the
# ports eth1 and eth2 (MACs 02:00:00:00:01:0N, created in the same order so
# both worlds get the same ifindexes), veths to p1 and p2 in NAMEp, which are
# up. Ports stay down: the kernel team adds only ports that are down.
sides() {
	for _s in "$@"; do
		printf 'netns add %s\nnetns add %sp\n' "$_s" "$_s"
	done | run $IP -b -
	for _s in "$@"; do
		printf 'link set lo up\nlink add eth1 address 02:00:00:00:01:01 type veth peer name p1 netns %sp\nlink add eth2 address 02:00:00:00:01:02 type veth peer name p2 netns %sp\n' "$_s" "$_s" |
			run $IP -n "$_s" -b -
		printf 'link set lo up\nlink set p1 up\nlink set p2 up\n' | run $IP -n "${_s}p" -b -
	done
}

# teamd_start NS CONF [ARGS...]: teamd daemonized in NS (returns once its team
# is up, or fails with teamd's reason).
teamd_start() {
	_ns=$1 _conf=$2
	shift 2
	in_ns "$_ns" "$TEAMD" -d -f "$_conf" "$@"
}

# ifindex NS DEV
ifindex() { $IP -n "$1" -o link show dev "$2" | cut -d: -f1; }

# links NS: "IFINDEX NAME" per interface of NS, for the host's normalising.
links() { $IP -n "$1" -o link show | sed -n 's/^\([0-9]*\): \([^:@]*\).*/\1 \2/p'; }

# carrier_is NS DEV VALUE LIMIT_MS: waits until DEV in NS has carrier VALUE (1
# or 0), then prints the uptime in ms ("timeout" after LIMIT_MS). Polls every
# 20 ms with shell builtins only (a read with a timeout on a FIFO nobody
# writes): a process started per poll would cost more than the poll's
# resolution here.
carrier_is() {
	$IP netns exec "$1" sh -c '
		f=/tmp/tick.$$ && mkfifo $f && exec 3<>$f && rm $f
		read -r up _ </proc/uptime
		end=$((${up%.*} * 1000 + 10 * (1${up#*.} - 100) + $3))
		while :; do
			read -r up _ </proc/uptime
			t=$((${up%.*} * 1000 + 10 * (1${up#*.} - 100)))
			c=0 && { read -r c </sys/class/net/$1/carrier; } 2>/dev/null
			[ "$c" = "$2" ] && { echo $t; exit 0; }
			[ $t -ge $end ] && { echo timeout; exit 0; }
			read -r -t 0.02 -u 3 _
		done' carrier_is "$2" "$3" "$4"
}

# tx NS DEV...: the tx_packets counters of DEV... in NS, on one line.
tx() {
	_ns=$1
	shift
	$IP netns exec "$_ns" sh -c 'for d; do read -r n </sys/class/net/$d/statistics/tx_packets; printf "%s " $n; done; echo' tx "$@"
}

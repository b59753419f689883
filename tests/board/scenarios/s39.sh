# SPDX-License-Identifier: MIT
# Copyright (c) teamfw contributors
#
# buildroot/package/teamfw/S39teamfw as BusyBox init runs it: BusyBox sh and
# its applets (start-stop-daemon), /etc/teamfw/team0.conf, ports in the initial
# namespace. start brings team0 up on a1, reload adds a2 from the edited file,
# stop removes team0 and the pidfile and leaves both ports as they were.
. /board/lib.sh
S=/run/s39.sock
topology - sw
mkdir -p /etc/teamfw /etc/default
# The script's own override file: a control socket of this scenario.
echo "TEAMFW_ARGS=\"-S $S\"" >/etc/default/teamfw
cleanup() { rm -rf /etc/teamfw /etc/default; }
trap cleanup EXIT
team() { echo "{\"device\":\"team0\",\"runner\":{\"name\":\"roundrobin\"},\"ports\":{$1}}"; }
team '"a1":{}' >/etc/teamfw/team0.conf
a1=$(port_state - a1) a2=$(port_state - a2)

# init ACTION EXPECTED: `sh S39teamfw ACTION` exits 0 printing EXPECTED.
init() {
	_out=$(sh /etc/init.d/S39teamfw "$1" 2>&1) || fail "S39teamfw $1: exit $?: $_out"
	echo "$_out"
	[ "$_out" = "$2" ] || fail "S39teamfw $1 printed '$_out', not '$2'"
}
is_port() { fw_nl $S team0 ports | grep -q ": $1: "; }

init start "Starting teamfw: OK"
$IP link show team0 >/dev/null 2>&1 || fail "no team0 when start returned"
is_port a1 || fail "a1 is not a port after start: $(fw_nl $S team0 ports)"
is_port a2 && fail "a2 is a port before the reload"
init status "teamfw is running (pid $(cat /run/teamfw.pid))"

team '"a1":{},"a2":{}' >/etc/teamfw/team0.conf
init reload "Reloading teamfw: OK"
wait_for 5000 is_port a2 || fail "a2 is not a port 5 s after reload: $(fw_nl $S team0 ports)"
is_port a1 || fail "the reload dropped a1"

init stop "Stopping teamfw: OK"
$IP link show team0 >/dev/null 2>&1 && fail "team0 still exists after stop"
[ -e /run/teamfw.pid ] && fail "the pidfile is left after stop"
[ "$(port_state - a1)" = "$a1" ] || fail "a1 after stop: $(port_state - a1), before start: $a1"
[ "$(port_state - a2)" = "$a2" ] || fail "a2 after stop: $(port_state - a2), before start: $a2"

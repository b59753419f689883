# SPDX-License-Identifier: MIT
# Copyright (c) teamfw contributors
#
# The control socket from the same binary: teamdctl's state view and items
# (`teamfw ctl`), teamnl's ports, options, getoption and setoption (`teamfw
# nl`) on an activebackup team; a refused setoption changes nothing.
. /board/lib.sh
S=/run/ctl.sock
topology t sw
echo '{"device":"team0","runner":{"name":"activebackup"},"link_watch":{"name":"ethtool"},"ports":{"a1":{"prio":10},"a2":{"prio":0}}}' >team0.conf
teamfw_start t $S team0.conf
ifindex() { $IP -n t -o link show dev "$1" | cut -d: -f1; }
i1=$(ifindex a1) i2=$(ifindex a2)

# has TEXT PATTERN WHAT: PATTERN (grep -E) is a line of TEXT, else fail.
has() { echo "$1" | grep -Eq "$2" || fail "$3 has no line matching '$2': $1"; }

view=$(fw_ctl $S team0 state) || fail "teamfw ctl team0 state: exit $?: $view"
echo "$view"
has "$view" '^ *runner: activebackup$' "the state view"
has "$view" '^ *active port: a1$' "the state view"

opts=$(fw_nl $S team0 options) || fail "teamfw nl team0 options: exit $?: $opts"
echo "$opts"
has "$opts" '^ *mode activebackup *$' "the option list"
has "$opts" "^ *activeport $i1 *\$" "the option list"
has "$opts" '^ *enabled \(port:a1\) true *$' "the option list"
has "$opts" '^ *enabled \(port:a2\) false *$' "the option list"

ports=$(fw_nl $S team0 ports) || fail "teamfw nl team0 ports: exit $?: $ports"
echo "$ports"
has "$ports" "^ *$i1: a1: up " "the port list"
has "$ports" "^ *$i2: a2: up " "the port list"

# What teamnl does to switch ports by hand.
run fw_nl $S team0 setoption activeport "$i2"
[ "$(fw_nl $S team0 getoption activeport)" = "$i2" ] || fail "activeport reads $(fw_nl $S team0 getoption activeport) after setoption activeport $i2"
opts=$(fw_nl $S team0 options)
has "$opts" '^ *enabled \(port:a2\) true *$' "the option list after setoption activeport"
has "$opts" '^ *enabled \(port:a1\) false *$' "the option list after setoption activeport"

# No such port: refused with the kernel's errno, nothing changed.
if out=$(fw_nl $S team0 setoption activeport 99999 2>&1); then
	fail "setoption activeport 99999 (no such port) succeeded: $out"
fi
echo "$out"
[ "$(fw_nl $S team0 getoption activeport)" = "$i2" ] || fail "a refused setoption changed activeport to $(fw_nl $S team0 getoption activeport)"

# A per-port option.
run fw_nl $S -p a2 team0 setoption priority 7
[ "$(fw_nl $S -p a2 team0 getoption priority)" = 7 ] || fail "a2's priority reads $(fw_nl $S -p a2 team0 getoption priority) after setoption priority 7"
teamfw_stop $S

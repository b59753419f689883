# SPDX-License-Identifier: MIT
# Copyright (c) teamfw contributors
#
# Exact port restore: two ports set up as an operator may have left them
# (odd MTUs and MACs, addresses, one admin down with allmulticast, non-default
# sysctls) are changed by teamfw while it runs, and are exactly as before
# once SIGTERM made it exit: MTU, MAC, flags, arp_ignore, rp_filter,
# disable_ipv6 and addresses.
. /board/lib.sh
S=/run/restore.sock
topology t sw
ipb t <<EOF
link set a1 mtu 1400 address 02:00:00:00:aa:01 up
addr add 192.0.2.1/24 dev a1
addr add 2001:db8::1/64 dev a1 nodad
link set a2 mtu 9000 address 02:00:00:00:aa:02 allmulticast on
EOF
in_ns t sh -c 'echo 2 >/proc/sys/net/ipv4/conf/a1/arp_ignore && echo 2 >/proc/sys/net/ipv4/conf/a1/rp_filter && echo 1 >/proc/sys/net/ipv4/conf/a2/arp_ignore'
A1=$(port_state t a1) A2=$(port_state t a2)
echo "a1 before: $A1"
echo "a2 before: $A2"

echo '{"device":"team0","runner":{"name":"activebackup"},"ports":{"a1":{"prio":1},"a2":{}}}' >team0.conf
teamfw_start t $S team0.conf
# What teamfw does to a port (README): team MTU and MAC, up, the sysctls.
during=$(port_state t a2)
echo "a2 while a port: $during"
[ "$during" != "$A2" ] || fail "teamfw changed nothing on a2, so its restore proves nothing"
teamfw_stop $S

after1=$(port_state t a1) after2=$(port_state t a2)
[ "$after1" = "$A1" ] || fail "a1 after stop: $after1, before start: $A1"
[ "$after2" = "$A2" ] || fail "a2 after stop: $after2, before start: $A2"

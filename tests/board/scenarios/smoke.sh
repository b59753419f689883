# SPDX-License-Identifier: MIT
# Copyright (c) teamfw contributors
#
# The board itself: the modules the scenarios need are loaded, and a ping
# crosses a kernel bridge between two namespaces over veth pairs.
. /board/lib.sh
for m in tun veth bridge; do
	grep -q "^$m " /proc/modules || fail "module $m is not loaded"
done
netns h1 h2 sw
veth e1 h1 s1 sw
veth e2 h2 s2 sw
run $IP -n sw link add br0 type bridge
run $IP -n sw link set s1 master br0
run $IP -n sw link set s2 master br0
run $IP -n sw link set br0 up
run $IP -n h1 addr add 10.0.0.1/24 dev e1
run $IP -n h2 addr add 10.0.0.2/24 dev e2
run $IP netns exec h1 $PING -c 3 -i 0.2 -W 2 10.0.0.2
data kernel "$(uname -r)"

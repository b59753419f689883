# SPDX-License-Identifier: MIT
# Copyright (c) teamfw contributors
#
# The board itself: the modules the scenarios need are loaded, and a ping
# crosses a kernel bridge between two namespaces over veth pairs.
. /board/lib.sh
for m in tun veth bridge; do
	grep -q "^$m " /proc/modules || fail "module $m is not loaded"
done
topology h sw 10.0.0.2/24
run $IP -n h addr add 10.0.0.1/24 dev a1
run $IP -n h link set a1 up
run $IP netns exec h $PING -c 3 -i 0.2 -W 2 10.0.0.2
data kernel "$(uname -r)"

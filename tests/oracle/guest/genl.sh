# SPDX-License-Identifier: MIT
# Copyright (c) teamfw contributors
#
# The generic-netlink and state-document comparison (genl-one.sh) for every
# runner at once: each in a mount namespace of its own, with /run and /tmp of
# its own (teamd's pid file and socket are named after the device, team0 in
# every run; `ip netns add` mounts under /run/netns), writing to
# /board/out/genl-RUNNER. Side by side their waits for a daemon or the kernel
# overlap (the emulated CPUs, where every exec costs a tenth of a second or
# more, stay the limit). One DATA line per runner, "RUNNER pass" or "RUNNER
# fail REASON"; the scenario fails when one did.
. /board/lib.sh
RUNNERS="broadcast roundrobin random activebackup loadbalance lacp"
for r in $RUNNERS; do
	mkdir -p "/board/out/genl-$r"
	RUNNER=$r OUT=/board/out/genl-$r unshare -m --propagation private sh -c '
		mount -t tmpfs -o mode=0755 tmpfs /run && mount -t tmpfs tmpfs /tmp && mkdir -p /run/netns /run/teamd || exit 1
		. /oracle/genl-one.sh' >"/board/out/genl-$r/log" 2>&1 &
	eval "pid_$r=\$!"
done
failed=
for r in $RUNNERS; do
	eval "wait \$pid_$r"
	rc=$?
	if [ $rc = 0 ]; then
		data "$r" pass
	else
		data "$r" fail "exit $rc: $(sed -n 's/^FAIL //p' "/board/out/genl-$r/log" | tail -n1)"
		failed="$failed $r"
	fi
done
cp /run/messages /board/out/genl-messages 2>/dev/null
[ -z "$failed" ] || fail "runners$failed (their logs: genl-RUNNER/log)"

# SPDX-License-Identifier: MIT
# Copyright (c) teamfw contributors
#
# teamd's verdict on every config of the corpus (tests/oracle/corpus, packed
# by the host into /oracle/corpus.tar): each is started with `teamd -d` over
# the ports eth1 and eth2 of its slot's namespace, and stopped again when it
# started. teamd judges part of a config only after it has started (a port's
# link watcher, its lacp or activebackup settings, a value of the wrong type
# it then ignores): those errors go to syslog, so the verdict is "refused"
# when `teamd -d` failed or when teamd logged an error (daemon.err) before we
# stopped it ("oracle: stop PID" in the log). $OUT/runs has "NAME EXIT PID MS" per config and $OUT/syslog teamd's
# log; the host reads the verdicts from both, and gives teamfw the same
# configs (OracleCorpusTests). Four slots run at once (a teamd spends much of its start
# and stop waiting on the kernel), each with a /run/teamd of its own (teamd's
# pid file and socket are named after the device).
. /oracle/oracle.sh
mkdir -p /tmp/corpus
tar xf /oracle/corpus.tar -C /tmp/corpus || fail "no corpus"
set -- /tmp/corpus/*.json
[ -e "$1" ] || fail "the corpus is empty"

# slot NAME FILE...: "NAME RC PID MS" per FILE, teamd run in namespace NAME;
# teamd's stderr in $OUT/stderr/NAME.stderr.
mkdir -p "$OUT/stderr"
slot() {
	_slot=$1
	shift
	$IP netns exec "$_slot" unshare -m sh -c '
		slot=$1 out=$2
		shift 2
		mkdir -p /run/teamd && mount -t tmpfs tmpfs /run/teamd
		f=/tmp/tick.$$ && mkfifo $f && exec 3<>$f && rm $f
		ms() { read -r up _ </proc/uptime; echo $((${up%.*} * 1000 + 10 * (1${up#*.} - 100))); }
		for conf; do
			name=${conf##*/}
			name=${name%.json}
			t0=$(ms)
			# What teamd says before it daemonizes (it reads part of the config then) goes to stderr.
			/usr/bin/teamd -d -p /run/teamd/slot.pid -f "$conf" >/dev/null 2>"$out/$name.stderr"
			rc=$?
			pid=0
			if [ $rc = 0 ]; then
				read -r pid </run/teamd/slot.pid
				# A round trip first: its loop runs, the ports it added are set up (a SIGTERM
				# that comes right after `teamd -d` returned can be lost).
				/usr/bin/teamdctl team0 state dump >/dev/null 2>&1 || /usr/bin/teamdctl team0 state dump >/dev/null 2>&1
				# What teamd logs from here on is about stopping, not about the config.
				logger -t oracle "stop $pid"
				kill $pid
				# Gone, or a zombie (/init does not reap while a scenario runs).
				while st= && { read -r _ _ st _ </proc/$pid/stat; } 2>/dev/null && [ "$st" != Z ]; do read -r -t 0.01 -u 3 _; done
			fi
			# A teamd that failed may leave its team device, and a port up (the kernel team adds only
			# ports that are down): each config starts from the same namespace.
			for dev in /sys/class/net/*; do
				dev=${dev##*/}
				case $dev in
				lo) ;;
				eth1 | eth2)
					read -r flags </sys/class/net/$dev/flags
					[ $((flags & 1)) = 0 ] || /bin/ip link set $dev down
					;;
				*) /bin/ip link del $dev ;;
				esac
			done
			echo "$name $rc $pid $(($(ms) - t0))"
		done' slot "$_slot" "$OUT/stderr" "$@"
}

# teamd's log straight to the host (Debian's busybox syslogd does not rotate).
kill $(pidof syslogd)
syslogd -O "$OUT/syslog"
SLOTS=4
s=1
while [ $s -le $SLOTS ]; do
	netns c$s c${s}p
	printf 'link add eth1 type veth peer name p1 netns c%sp\nlink add eth2 type veth peer name p2 netns c%sp\n' $s $s | run $IP -n c$s -b -
	printf 'link set p1 up\nlink set p2 up\n' | run $IP -n c${s}p -b -
	s=$((s + 1))
done

# The configs dealt round the slots.
i=0
for c; do
	s=$((i % SLOTS + 1))
	eval "list$s=\"\$list$s $c\""
	i=$((i + 1))
done
s=1
while [ $s -le $SLOTS ]; do
	eval "slot c$s \$list$s" >"$OUT/c$s" &
	s=$((s + 1))
done
wait

# Everything teamd logged is in the syslog once this marker is.
logger -t oracle "corpus done $$"
wait_for 10000 grep -q "oracle: corpus done $$" "$OUT/syslog" || fail "syslog did not catch up"
cat "$OUT"/c[0-9]* >"$OUT/runs"
n=$(grep -c . "$OUT/runs")
[ "$n" = $# ] || fail "teamd judged $n of $# configs"
data configs "$n"

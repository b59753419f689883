# SPDX-License-Identifier: MIT
# Copyright (c) teamfw contributors
#
# tests/bench/paths.sh — sourced by the bench scripts: HERE (this directory), ROOT (the repository)
# and TEAMFW_BIN (the teamfw binary `make` builds for this machine, unless TEAMFW_BIN is set); and the
# pinning of bench.sh and ovs.sh: GEN_CPUS (BENCH_GEN_CPUS, default 0: the generators) and TEAM_CPUS
# (BENCH_TEAM_CPUS, default 1: the forwarder), an empty value for none, GEN_WRAP/TEAM_WRAP (the taskset
# prefix, or nothing) and check_pinning (dies unless both are CPU lists of this machine).
# shellcheck shell=bash disable=SC2034

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
case "$(uname -m)" in
x86_64) RID=linux-x64 ;;
aarch64) RID=linux-arm64 ;;
*) RID=linux-arm ;;
esac
TEAMFW_BIN=${TEAMFW_BIN:-$ROOT/out/$RID/teamfw}

GEN_CPUS=${BENCH_GEN_CPUS-0}
TEAM_CPUS=${BENCH_TEAM_CPUS-1}
GEN_WRAP=()
TEAM_WRAP=()
[[ -n $GEN_CPUS ]] && GEN_WRAP=(taskset -c "$GEN_CPUS")
[[ -n $TEAM_CPUS ]] && TEAM_WRAP=(taskset -c "$TEAM_CPUS")

# check_pinning: GEN_CPUS and TEAM_CPUS are CPU lists of this machine (or empty); else the caller's die.
check_pinning() {
	local c
	for c in "$GEN_CPUS" "$TEAM_CPUS"; do
		[[ -z $c ]] || taskset -c "$c" true 2>/dev/null ||
			die "BENCH_GEN_CPUS/BENCH_TEAM_CPUS: '$c' is not a CPU list of this machine (CPUs 0-$(($(nproc) - 1)); empty: no pinning)"
	done
}

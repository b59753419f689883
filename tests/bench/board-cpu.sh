#!/bin/bash
# SPDX-License-Identifier: MIT
# Copyright (c) teamfw contributors
#
# tests/bench/board-cpu.sh — teamfw's CPU time per forwarded frame on the emulated arm64 board, for
# information (issue 14): boots tests/board/board.sh's aarch64 machine (QEMU TCG, Cortex-A57, 2 CPUs)
# with the linux-arm64 teamfw and a static arm64 build of pacer.c, and runs board/cpu-guest.sh in it:
# paced 64-byte frames at each rate of BENCH_BOARD_RATES (default "1000 5000") for BENCH_BOARD_SECS
# (default 5) each way. Prints "board-cpu: ..." lines; with BENCH_RESULT appends board_cpu.* keys.
# Emulated CPU time is not a real board's: the figure compares builds, it does not predict a Cortex-A53.
#
#   tests/bench/board-cpu.sh            (as root; bench.sh's "board" scenario runs it)
#   TEAMFW_ARM64_BIN   the linux-arm64 binary (default <repo>/out/linux-arm64/teamfw; built with
#                      make RID=linux-arm64 when missing)
#   BENCH_TEAM_DEVICE  veth or tap: "teamfw": {"device": ...} in the guest's config (default: the binary's)
# Exit status: 0 measured (or nothing to compare), 1 the board or a build failed.

set -u -o pipefail
# shellcheck source=tests/bench/paths.sh
. "$(dirname "${BASH_SOURCE[0]}")/paths.sh"
RATES=${BENCH_BOARD_RATES:-1000 5000}
SECS=${BENCH_BOARD_SECS:-5}
ARM_BIN=${TEAMFW_ARM64_BIN:-$ROOT/out/linux-arm64/teamfw}
WORK=$(mktemp -d /tmp/teamfw-board-cpu.XXXXXX) || exit 1
trap 'rm -rf "$WORK"' EXIT

die() {
	printf 'board-cpu: error: %s\n' "$*" >&2
	exit 1
}

DEVICE=${BENCH_TEAM_DEVICE:-}
[[ -z $DEVICE || $DEVICE == veth || $DEVICE == tap ]] || die "BENCH_TEAM_DEVICE: '$DEVICE' is neither veth nor tap"
[[ $RATES =~ ^[0-9\ ]+$ && $SECS =~ ^[1-9][0-9]*$ ]] || die "BENCH_BOARD_RATES (pps, space separated) and BENCH_BOARD_SECS must be positive integers"
command -v aarch64-linux-gnu-gcc >/dev/null || die "missing package: gcc-aarch64-linux-gnu (make test-deps)"
if [[ ! -x $ARM_BIN ]]; then
	[[ -z ${TEAMFW_ARM64_BIN:-} ]] || die "TEAMFW_ARM64_BIN: $ARM_BIN is not an executable"
	make -C "$ROOT" RID=linux-arm64 >"$WORK/make.log" 2>&1 || { tail -n 20 "$WORK/make.log" >&2; die "make RID=linux-arm64 failed"; }
fi
aarch64-linux-gnu-gcc -static -O2 -Wall -o "$WORK/pacer" "$HERE/pacer.c" || die "cannot build pacer.c for arm64 (static)"
{
	printf 'RATES="%s"\nSECS=%s\nDEVICE=%s\n' "$RATES" "$SECS" "$DEVICE"
	cat "$HERE/board/cpu-guest.sh"
} >"$WORK/board-cpu.sh"
nrates=$(wc -w <<<"$RATES")
"$ROOT/tests/board/board.sh" -t $((150 + nrates * 2 * (SECS + 8))) -T $((30 + nrates * 2 * (SECS + 8))) \
	-f "$ARM_BIN:/usr/sbin/teamfw" -f "$WORK/pacer:/usr/bin/pacer" -l "$WORK/console.log" \
	aarch64 "$WORK/board-cpu.sh" >/dev/null 2>"$WORK/board.err"
rc=$?
if ((rc != 0)) || ! grep -q '^RESULT board-cpu pass' "$WORK/console.log"; then
	tail -n 25 "$WORK/console.log" "$WORK/board.err" 2>/dev/null | sed 's/^/    | /' >&2
	die "the board run failed (board.sh exit $rc)"
fi
printf 'board-cpu: arm64 (emulated) team device: %s\n' "${DEVICE:-default}"
[[ -n ${BENCH_RESULT:-} ]] && printf 'board_cpu.device=%s\n' "${DEVICE:-default}" >>"$BENCH_RESULT"
# DATA board-cpu tx1000 ticks T frames N ms M pacer SENT SECONDS PPS LATE_US
# USER_HZ, the unit of /proc/PID/stat's times, is 100 on arm64 (include/asm-generic/param.h).
awk -v result="${BENCH_RESULT:-}" '
$1 == "DATA" && $2 == "board-cpu" && $3 == "idle" {
	printf "board-cpu: arm64 (emulated) idle: teamfw %d ticks in %.1f s = %.1f %% of a CPU\n", $5, $9 / 1000, $5 * 1000 / $9
	if (result != "")
		printf "board_cpu.idle.cpu_pct=%.2f\n", $5 * 1000 / $9 >> result
	next
}
$1 == "DATA" && $2 == "board-cpu" {
	key = $3; t = $5; n = $7; ms = $9; sent = $11
	dir = substr(key, 1, 2) == "tx" ? "host->peer" : "peer->host"; rate = substr(key, 3)
	us = "n/a"; res = "n/a"
	if (n > 0) { us = sprintf("%.1f", t / 100 * 1e6 / n); res = sprintf("%.1f", 1e4 / n) }
	printf "board-cpu: arm64 (emulated) %s paced %d pps: %.1f pps counted, teamfw %d ticks = %s us/frame (1 tick = %s us/frame; pacer sent %d)\n", dir, rate, n / (ms / 1000), t, us, res, sent
	if (result != "" && n > 0)
		printf "board_cpu.%s.us=%s\nboard_cpu.%s.pps=%.1f\n", key, us, key, n / (ms / 1000) >> result
}' "$WORK/console.log"

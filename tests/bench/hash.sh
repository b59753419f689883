#!/bin/bash
# SPDX-License-Identifier: MIT
# Copyright (c) teamfw contributors
#
# tests/bench/hash.sh — the "hash" scenario of `make bench`: nanoseconds per frame of the
# loadbalance/lacp flow hash (tests/bench/hashbench, which compiles the product's FrameHasher),
# CRC32C against XxHash3 and a byte-table CRC32C, for each build that can be made here:
#   x64           the default linux-x64 build (ISA baseline x86-64-v1: no SSE4.2, so teamfw hashes
#                 with XxHash3)
#   x64-v2        the same with IlcInstructionSet=x86-64-v2 (`make ISA=x86-64-v2`: CRC32C instruction)
#   arm64         the default linux-arm64 build (armv8.0-a: no CRC extension) under qemu-aarch64
#   arm64-crc     with IlcInstructionSet=armv8-a,crc under qemu-aarch64
# The arm64 figures come from TCG emulation and are for information only: they say nothing of a
# real core's speed. Appends "hash <build>_<hash>_ns - <value>" lines to BENCH_RESULT.
#
# Environment: BENCH_HASH_MILLIONS (frames per run, default 4), BENCH_RESULT.
set -u -o pipefail

# shellcheck source=tests/bench/paths.sh
. "$(dirname "${BASH_SOURCE[0]}")/paths.sh"
MILLIONS=${BENCH_HASH_MILLIONS:-4}
RESULT=${BENCH_RESULT:-/tmp/teamfw-bench-last-result.txt}
WORK=$(mktemp -d /tmp/teamfw-hashbench.XXXXXX) || exit 1
trap 'rm -rf "$WORK"' EXIT

say() { printf '%s\n' "$*"; }

# build NAME RID [ISA]: publish hashbench; prints nothing, returns 1 when it cannot be built here.
build() {
	local isa=()
	[[ -n ${3:-} ]] && isa=("-p:IlcInstructionSet=${3//,/%2C}")
	dotnet publish "$HERE/hashbench/HashBench.csproj" -c Release -r "$2" -o "$WORK/$1" \
		"-p:BaseIntermediateOutputPath=$WORK/obj-$1/" "-p:BaseOutputPath=$WORK/bin-$1/" \
		"${isa[@]}" --nologo -v:q >"$WORK/$1.build.log" 2>&1
}

# run NAME RUNNER...: run hashbench and record its lines.
run() {
	local name=$1 line hash ns crc
	shift
	if ! "$@" "$WORK/$name/hashbench" "$MILLIONS" >"$WORK/$name.out" 2>&1; then
		say "  hash: $name did not run: $(tail -n 1 "$WORK/$name.out")"
		return
	fi
	crc=$(sed -n 's/^cpu crc=//p' "$WORK/$name.out")
	while read -r hash ns _; do
		[[ $hash == cpu ]] && continue
		printf 'hash %s_%s_ns - %s\n' "$name" "${hash//-/_}" "$ns" >>"$RESULT"
		line+="$hash $ns ns, "
	done <"$WORK/$name.out"
	say "  hash $name: ${line%, } (CRC instructions: $([[ $crc == 1 ]] && echo yes || echo no); teamfw uses $([[ $crc == 1 ]] && echo crc32c || echo xxhash3))"
}

say "hash: ns per frame, tx_hash l3+l4, 1024 IPv4/UDP and IPv6/TCP frames, best of 5 × ${MILLIONS}M"
# built NAME RID [ISA]: build, or say why not (the host's own build failing means hashbench itself is broken).
built() {
	build "$@" && return 0
	say "  hash $1: not built ($(grep -m 1 -o 'error.*' "$WORK/$1.build.log"))"
	return 1
}

built x64 linux-x64 && run x64 env
built x64-v2 linux-x64 x86-64-v2 && run x64-v2 env
if command -v qemu-aarch64 >/dev/null 2>&1 && [[ -e /usr/aarch64-linux-gnu/lib/ld-linux-aarch64.so.1 ]]; then
	if build arm64 linux-arm64; then
		run arm64 qemu-aarch64 -L /usr/aarch64-linux-gnu
		built arm64-crc linux-arm64 armv8-a,crc && run arm64-crc qemu-aarch64 -L /usr/aarch64-linux-gnu
	else
		say "  hash arm64: not built here ($(grep -m 1 -o 'error.*' "$WORK/arm64.build.log"))"
	fi
else
	say "  hash arm64: skipped (needs qemu-user and libc6-arm64-cross; make RID=linux-arm64 installs the latter)"
fi

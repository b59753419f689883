#!/bin/sh
# SPDX-License-Identifier: MIT
# Copyright (c) teamfw contributors
#
# Post-build script of the teamfw defconfigs (qemu_x86_64_teamfw,
# qemu_aarch64_virt_teamfw); $1 is TARGET_DIR.
#
# Buildroot checks the architecture of target binaries, not their C library.
# teamfw is prebuilt per RID (linux-<arch> or linux-musl-<arch>): refuse an
# image whose teamfw asks for a dynamic loader that the image does not have.

set -eu

target="$1"
bin="$target/usr/sbin/teamfw"
[ -f "$bin" ] || exit 0

interp=$(LC_ALL=C readelf -l "$bin" |
	sed -n 's/.*Requesting program interpreter: \(.*\)]$/\1/p')
if [ -n "$interp" ] && [ ! -e "$target$interp" ]; then
	echo "teamfw: $bin needs $interp, which this image does not have:" \
		"build it with the RID of the toolchain's C library" >&2
	exit 1
fi

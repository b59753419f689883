# shellcheck shell=bash disable=SC2034 # variables read by tests/board/board.sh
# SPDX-License-Identifier: MIT
# Copyright (c) teamfw contributors
#
# A PC: QEMU's q35 machine (TCG: no KVM needed), Debian's amd64 kernel, and
# the host's own programs with the libraries they name (same distribution,
# same glibc), so only the kernel package is downloaded.
ARCH=x86_64
QEMU=qemu-system-x86_64
QEMU_DEB=qemu-system-x86
QEMU_ARGS=(-M q35 -cpu max -smp 2 -m 1024)
CONSOLE=ttyS0
DEB_ARCH=amd64
KERNEL_PACKAGE=linux-image-amd64
MODULES=(tun veth bridge)
USERSPACE=host
PROGRAMS=(/bin/busybox /bin/ip /bin/ping)
ELF_MACHINE="Advanced Micro Devices X86-64"
LIB_DIRS=(/lib/x86_64-linux-gnu /usr/lib/x86_64-linux-gnu /lib64 /lib /usr/lib)

# shellcheck shell=bash disable=SC2034 # variables read by tests/board/board.sh
# SPDX-License-Identifier: MIT
# Copyright (c) teamfw contributors
#
# An ARM64 board: QEMU's generic "virt" machine with a Cortex-A57, Debian's
# arm64 kernel, and a user space of Debian arm64 packages (busybox-static,
# iproute2, iputils-ping and the libraries their programs need).
ARCH=aarch64
QEMU=qemu-system-aarch64
QEMU_DEB=qemu-system-arm
QEMU_ARGS=(-M virt -cpu cortex-a57 -smp 2 -m 512)
CONSOLE=ttyAMA0
DEB_ARCH=arm64
KERNEL_PACKAGE=linux-image-arm64
MODULES=(tun veth bridge)
USERSPACE=debian
DEBIAN_PACKAGES=(busybox-static iproute2 iputils-ping libc6 libbpf1 libelf1 libmnl0 libbsd0 libmd0
	libcap2 libselinux1 libpcre2-8-0 zlib1g libzstd1 libidn2-0 libunistring2)
PROGRAMS=(/bin/busybox /bin/ip /bin/ping)
ELF_MACHINE="AArch64"
LIB_DIRS=(/lib/aarch64-linux-gnu /usr/lib/aarch64-linux-gnu /lib /usr/lib)

#!/bin/bash
# SPDX-License-Identifier: MIT
# Copyright (c) teamfw contributors
#
# tests/board/board.sh — boots an emulated machine (QEMU, TCG: no KVM needed)
# with Debian's kernel package and an initramfs, runs scenario scripts in it
# and prints its serial console on stdout.
#
#   tests/board/board.sh [-f SRC[:DST]]... [-m MODULE]... [-t SECS] [-T SECS]
#                        [-l LOG] [-o DIR] [-p] MACHINE SCENARIO...
#
#   MACHINE     tests/board/machines/MACHINE.sh (aarch64, x86_64), or the path
#               of a machine file
#   SCENARIO    tests/board/scenarios/NAME.sh, or the path of a script; the
#               guest runs them in the order given, each under BusyBox sh
#   -f SRC:DST  SRC into the guest at DST (default /usr/bin/NAME), with the
#               libraries it needs (repeatable)
#   -m MODULE   also load this kernel module, dependencies first (repeatable)
#   -t SECS     timeout of the whole run, boot included (default 150)
#   -T SECS     timeout of each scenario inside the guest (default 60)
#   -l LOG      also write the console (\r stripped) to LOG
#   -o DIR      share DIR (a host directory) with the guest at /board/out
#               (9p over virtio): scenario NAME finds /board/out/NAME, made
#               for it, for files the host reads after the run (more, and
#               more safely, than the serial console carries)
#   -p          prepare only: fetch and unpack everything, boot nothing
#
# Nothing is installed on the host: the kernel and, for USERSPACE=debian, the
# guest's user space are fetched with `apt-get download` and unpacked into the
# cache, TEAMFW_BOARD_CACHE (default build/cache/board), which a second run
# reuses; a newer candidate version in apt's lists is fetched anew. With
# TEAMFW_BOARD_OFFLINE=1 nothing is fetched and apt's lists are not updated:
# what the cache lacks is missing.
#
# Console protocol (one line each; the guest's /init prints all but DATA):
#   BOARD-BEGIN machine=... kernel=... uptime=SECS   user space reached
#   SCENARIO-BEGIN NAME                              then the scenario's output
#   DATA NAME KEY VALUE...                           a figure (guest/lib.sh: data)
#   RESULT NAME pass|fail|skip SECS [REASON]         its exit status 0, else, 77
#   BOARD-END uptime=SECS                            every scenario ran
# Exit status: 0 the guest ran every scenario and powered off (the verdicts are
# the RESULT lines); 3 a prerequisite is missing ("board: missing: ..." on
# stderr: program, kernel package, library, ...); 4 the guest stopped before
# BOARD-END (panic, /init died); 124 the run timed out; 2 usage.
#
# A machine type is one file in machines/: ARCH (uname -m), QEMU and the Debian
# package with it (QEMU_DEB), QEMU_ARGS, CONSOLE (serial device for console=),
# DEB_ARCH and KERNEL_PACKAGE (Debian's meta package, e.g. linux-image-amd64),
# MODULES (always loaded), USERSPACE (debian: DEBIAN_PACKAGES of DEB_ARCH are
# unpacked as the source of programs and libraries; host: this machine's own
# files, only when ARCH is the host's), PROGRAMS (copied from that source with
# their libraries; /bin/busybox first, it provides /bin/sh and the applets),
# LIB_DIRS (where the guest's ld.so looks, in order), ELF_MACHINE (readelf -h's
# Machine: a program built for another one is refused).
#
# A scenario is a BusyBox sh script that sources /board/lib.sh (fail, data,
# wait_for, netns and veth helpers) and exits 0 (pass), 77 (skip) or anything
# else (fail: print "FAIL reason" first). The guest's /init gives each one a
# fresh state: processes it left are killed, its namespaces and links deleted.
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
# shellcheck source=tests/board/lib/debs.sh
. "$HERE/lib/debs.sh"
# shellcheck source=tests/board/lib/rootfs.sh
. "$HERE/lib/rootfs.sh"

usage() {
	[ $# -gt 0 ] && echo "board: $*" >&2
	sed -n '9,22s/^# \{0,1\}//p' "$0" >&2
	exit 2
}

files=() modules=() timeout=150 scenario_timeout=60 log="" prepare_only="" outdir=""
while getopts "f:m:t:T:l:o:ph" opt; do
	case $opt in
	f) files+=("$OPTARG") ;;
	m) modules+=("$OPTARG") ;;
	t) timeout=$OPTARG ;;
	T) scenario_timeout=$OPTARG ;;
	l) log=$OPTARG ;;
	o) outdir=$OPTARG ;;
	p) prepare_only=1 ;;
	*) usage ;;
	esac
done
shift $((OPTIND - 1))
MACHINE=${1:-}
[ -n "$MACHINE" ] || usage "no MACHINE given"
shift
machine_file=$MACHINE
[ -f "$machine_file" ] || machine_file="$HERE/machines/$MACHINE.sh"
[ -f "$machine_file" ] || usage "unknown machine '$MACHINE' (machines: $(cd "$HERE/machines" && ls | sed 's/\.sh$//' | tr '\n' ' '))"
MACHINE=$(basename "$MACHINE" .sh)
# shellcheck source=tests/board/machines/aarch64.sh
. "$machine_file"
[ $# -gt 0 ] || [ -n "$prepare_only" ] || usage "no SCENARIO given"
scenarios=()
for s in "$@"; do
	[ -f "$s" ] || s="$HERE/scenarios/$s.sh"
	[ -f "$s" ] || usage "no scenario '$s'"
	scenarios+=("$s")
done

need() { command -v "$1" >/dev/null || missing "program $1 (Debian package $2)"; }
need "$QEMU" "$QEMU_DEB"
need cpio cpio
need apt-get apt
need dpkg-deb dpkg
need modinfo kmod
need readelf binutils
need flock util-linux

CACHE=${TEAMFW_BOARD_CACHE:-$REPO/build/cache/board}
mkdir -p "$CACHE" || missing "cannot create the cache $CACHE"

# Fetching and unpacking, one run at a time per cache.
exec 9>"$CACHE/.lock"
flock 9
deb_ensure_arch "$DEB_ARCH"
kernel_package "$KERNEL_PACKAGE" "$DEB_ARCH"
if [ "$USERSPACE" = debian ]; then
	# One download for everything the cache lacks.
	deb_resolve "$DEB_ARCH" "${DEBIAN_PACKAGES[@]}"
	deb_download "$DEB_ARCH" "$KERNEL_PACKAGE_NAME" "${DEBIAN_PACKAGES[@]}"
fi
kernel_fetch "$DEB_ARCH"
share_modules=()
[ -n "$outdir" ] && share_modules=(virtio_pci 9pnet_virtio 9p)
kernel_modules "${MODULES[@]}" "${modules[@]}" "${share_modules[@]}"
userspace_source
flock -u 9
exec 9>&-
if [ -n "$prepare_only" ]; then
	note "$MACHINE prepared: kernel $KERNEL_RELEASE, modules ${MODULE_FILES[*]##*/}, cache $CACHE"
	exit 0
fi

RUN=$(mktemp -d "$CACHE/run.XXXXXX")
trap 'rm -rf "$RUN"' EXIT
ROOT=$RUN/root
declare -A INSTALLED_LIBS=()
rootfs_skeleton
for p in "${PROGRAMS[@]}"; do
	rootfs_install "$SOURCE_ROOT$p" "$p"
done
for f in "${files[@]}"; do
	src=${f%%:*} dst=${f#*:}
	[ "$dst" = "$f" ] && dst=/usr/bin/${src##*/}
	rootfs_install "$src" "$dst"
done
for m in "${MODULE_FILES[@]}"; do
	install -D -m 0644 "$KERNEL_DIR/$m" "$ROOT/$m"
	echo "/$m" >>"$ROOT/board/modules"
done
install -m 0755 "$HERE/guest/init" "$ROOT/init"
install -m 0644 "$HERE/guest/lib.sh" "$ROOT/board/lib.sh"
mkdir -p "$ROOT/board/scenarios"
names=()
for s in "${scenarios[@]}"; do
	name=$(basename "$s" .sh)
	install -m 0644 "$s" "$ROOT/board/scenarios/$name.sh"
	names+=("$name")
done
printf 'SCENARIOS="%s"\nSCENARIO_TIMEOUT=%s\nMACHINE=%s\nOUTDIR=%s\n' "${names[*]}" "$scenario_timeout" "$MACHINE" "${outdir:+1}" >"$ROOT/board/run.conf"
share=()
if [ -n "$outdir" ]; then
	mkdir -p "$outdir" || missing "cannot create $outdir for -o"
	share=(-virtfs "local,path=$(cd "$outdir" && pwd),mount_tag=boardout,security_model=none,id=boardout")
fi
cpio_gz "$ROOT" "$RUN/initrd.gz"

# -nic none: the guest has no network device to the outside, only what its
# scenarios make. -no-reboot with panic=-1 turns a kernel panic into an exit.
console=$RUN/console.log
start=$(date +%s%N)
timeout -k 5 "$timeout" "$QEMU" "${QEMU_ARGS[@]}" "${share[@]}" -display none -monitor none -serial stdio -nic none -no-reboot \
	-kernel "$KERNEL_DIR/boot/vmlinuz-$KERNEL_RELEASE" -initrd "$RUN/initrd.gz" \
	-append "console=$CONSOLE rdinit=/init quiet panic=-1" </dev/null 2>"$RUN/qemu.err" |
	tr -d '\r' | tee "$console"
rc=${PIPESTATUS[0]}
seconds=$((($(date +%s%N) - start) / 1000000))
seconds=$((seconds / 1000)).$(printf '%03d' $((seconds % 1000)))
[ -n "$log" ] && cp "$console" "$log"
if grep -q '^BOARD-END' "$console"; then
	note "$MACHINE: kernel $KERNEL_RELEASE, $(grep -c '^RESULT ' "$console") scenarios in ${seconds} s ($(sed -n 's/^BOARD-BEGIN .*uptime=\([0-9.]*\).*/\1/p' "$console") s to user space)"
	exit 0
fi
if [ "$rc" = 124 ] || [ "$rc" = 137 ]; then
	note "timeout: $MACHINE did not finish in $timeout s"
	exit 124
fi
note "$MACHINE stopped before BOARD-END after ${seconds} s (qemu exit $rc)"
[ -s "$RUN/qemu.err" ] && sed 's/^/board: qemu: /' "$RUN/qemu.err" >&2
exit 4

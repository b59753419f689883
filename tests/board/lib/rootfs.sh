# SPDX-License-Identifier: MIT
# Copyright (c) teamfw contributors
#
# Sourced by tests/board/board.sh: the guest's root file system. Programs come
# from SOURCE_ROOT (Debian packages of the guest's architecture unpacked into
# the cache, or the host's own "/"), each with its ELF interpreter and the
# closure of its NEEDED libraries, found in the machine's LIB_DIRS the way the
# guest's ld.so will look for them. A library found nowhere is a missing
# prerequisite named by soname and program, before anything boots.

# userspace_source: sets SOURCE_ROOT for the machine's USERSPACE method.
userspace_source() {
	case $USERSPACE in
	host)
		[ "$(uname -m)" = "$ARCH" ] || missing "USERSPACE=host copies host programs: this host is $(uname -m), the machine $ARCH"
		SOURCE_ROOT=
		;;
	debian)
		local debs=() pkg key
		deb_resolve "$DEB_ARCH" "${DEBIAN_PACKAGES[@]}"
		deb_download "$DEB_ARCH" "${DEBIAN_PACKAGES[@]}"
		for pkg in "${DEBIAN_PACKAGES[@]}"; do
			deb_fetch "$pkg" "$DEB_ARCH"
			debs+=("$DEB")
		done
		key=$(printf '%s\n' "${debs[@]##*/}" | sort | sha256sum | cut -c1-16)
		SOURCE_ROOT="$CACHE/userspace/$DEB_ARCH-$key"
		if [ ! -e "$SOURCE_ROOT/.unpacked" ]; then
			rm -rf "$CACHE/userspace/$DEB_ARCH"-* && mkdir -p "$SOURCE_ROOT"
			for pkg in "${debs[@]}"; do
				dpkg-deb -x "$pkg" "$SOURCE_ROOT" || missing "dpkg-deb -x $pkg failed"
			done
			: >"$SOURCE_ROOT/.unpacked"
		fi
		;;
	*) echo "board: USERSPACE=$USERSPACE: use debian or host" >&2 && exit 2 ;;
	esac
}

is_elf() {
	local magic
	LC_ALL=C read -r -n 4 magic <"$1" 2>/dev/null
	[ "$magic" = $'\177ELF' ]
}

# rootfs_install SRC DST: SRC (a host path) at DST in ROOT, with its libraries.
rootfs_install() {
	local src=$1 dst=$2
	[ -e "$src" ] || missing "$src (for $dst in the guest) does not exist"
	mkdir -p "$ROOT$(dirname "$dst")"
	cp -L "$src" "$ROOT$dst"
	is_elf "$ROOT$dst" && elf_closure "$ROOT$dst" "$dst"
	return 0
}

# elf_closure FILE NAME: FILE's interpreter and NEEDED libraries, recursively.
elf_closure() {
	local file=$1 name=$2 interp so dir found headers machine
	headers=$(readelf -hldW "$file")
	machine=$(sed -n 's/^ *Machine: *//p' <<<"$headers")
	if [ -n "${ELF_MACHINE:-}" ] && [ "$machine" != "$ELF_MACHINE" ]; then
		echo "board: $name is built for $machine; the $MACHINE machine runs $ELF_MACHINE" >&2
		exit 2
	fi
	interp=$(sed -n 's/.*Requesting program interpreter: \(.*\)]$/\1/p' <<<"$headers")
	[ -n "$interp" ] && _lib_install "$interp" "$name"
	for so in $(sed -n 's/.*(NEEDED).*\[\(.*\)\]$/\1/p' <<<"$headers"); do
		[ -n "${INSTALLED_LIBS[$so]:-}" ] && continue
		found=
		for dir in "${LIB_DIRS[@]}"; do
			[ -e "$SOURCE_ROOT$dir/$so" ] && found="$dir/$so" && break
		done
		[ -n "$found" ] || missing "library $so, needed by $name, is in none of ${LIB_DIRS[*]} of ${SOURCE_ROOT:-the host}: add its Debian package to DEBIAN_PACKAGES in tests/board/machines/$MACHINE.sh"
		INSTALLED_LIBS[$so]=1
		_lib_install "$found" "$name"
	done
}

_lib_install() {
	local path=$1 name=$2
	[ -e "$ROOT$path" ] && return 0
	[ -e "$SOURCE_ROOT$path" ] || missing "$path, the interpreter or a library of $name, is not in ${SOURCE_ROOT:-the host}"
	mkdir -p "$ROOT$(dirname "$path")"
	cp -L "$SOURCE_ROOT$path" "$ROOT$path"
	elf_closure "$ROOT$path" "$name"
}

# rootfs_skeleton: directories, /bin/sh, and the accounts busybox's applets look up.
rootfs_skeleton() {
	mkdir -p "$ROOT"/{bin,sbin,usr/bin,usr/sbin,etc,proc,sys,dev,run,tmp,var,root,board}
	ln -sfn /run "$ROOT/var/run"
	ln -sfn busybox "$ROOT/bin/sh"
	echo 'root:x:0:0:root:/root:/bin/sh' >"$ROOT/etc/passwd"
	echo 'root:x:0:' >"$ROOT/etc/group"
	echo '127.0.0.1 localhost' >"$ROOT/etc/hosts"
}

# cpio_gz DIR OUT: DIR as a newc archive (what the kernel unpacks as initramfs).
cpio_gz() {
	(cd "$1" && find . | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet) | gzip -1 >"$2"
	[ -s "$2" ] || missing "cpio produced no initramfs (is Debian's cpio installed?)"
}

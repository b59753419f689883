# SPDX-License-Identifier: MIT
# Copyright (c) teamfw contributors
#
# Sourced by tests/board/board.sh: Debian packages for the guest, fetched with
# `apt-get download` into $CACHE/debs and unpacked there with dpkg-deb, never
# installed on the host. What apt can serve is found out here, at run time:
# every failure ends in missing() naming the package and the reason.

# missing REASON: a prerequisite the run cannot have (exit 3, see board.sh).
missing() {
	echo "board: missing: $*" >&2
	exit 3
}

note() { echo "board: $*" >&2; }

# A foreign architecture (arm64 on an amd64 host) must be known to dpkg and
# apt before `apt-get download pkg:arm64` can work (Debian's multiarch).
deb_ensure_arch() {
	local arch=$1
	[ "$arch" = "$(dpkg --print-architecture)" ] && return 0
	dpkg --print-foreign-architectures | grep -qx "$arch" && return 0
	[ "$(id -u)" = 0 ] || missing "dpkg does not know the $arch architecture: run 'dpkg --add-architecture $arch && apt-get update' as root"
	note "dpkg --add-architecture $arch && apt-get update"
	dpkg --add-architecture "$arch" || missing "dpkg --add-architecture $arch failed"
	apt-get update -qq >/dev/null 2>&1 || missing "apt-get update failed after adding the $arch architecture"
}

_deb_updated=
# apt's lists may predate the architecture or a point release that replaced a
# version on the mirror: refresh them once per run before giving up.
deb_apt_update_once() {
	[ -n "$_deb_updated" ] && return 1
	_deb_updated=1
	[ "$(id -u)" = 0 ] || return 1
	note "apt-get update (a package was not found or not served)"
	apt-get update -qq >/dev/null 2>&1
}

# What apt would fetch is looked up once per state of apt's lists (apt-cache
# reads them all on every call: seconds each on a busy host) and kept in
# $CACHE/apt-resolved: "PKG:ARCH VERSION" and "depends:PKG:ARCH PKG" lines
# after a first line naming the lists' state.
declare -A APT=()
_apt_state=

apt_state() { stat -c '%n %Y %s' /var/lib/apt/lists/*Packages* 2>/dev/null | sha256sum | cut -c1-16; }

apt_load() {
	_apt_state=$(apt_state)
	local file="$CACHE/apt-resolved" key value
	[ -s "$file" ] && [ "$(head -n1 "$file")" = "lists $_apt_state" ] || return 0
	while read -r key value; do
		APT[$key]=$value
	done < <(tail -n +2 "$file")
}

apt_save() {
	local key
	{
		echo "lists $_apt_state"
		for key in "${!APT[@]}"; do
			echo "$key ${APT[$key]}"
		done
	} >"$CACHE/apt-resolved"
}

# deb_resolve ARCH PKG...: the candidate versions of PKG..., with one apt-cache
# call for those not known yet; a package apt does not know is missing.
deb_resolve() {
	local arch=$1 pkg want=() name value
	shift
	[ -n "$_apt_state" ] || apt_load
	for pkg in "$@"; do
		[ -n "${APT[$pkg:$arch]:-}" ] || want+=("$pkg:$arch")
	done
	[ ${#want[@]} -eq 0 ] && return 0
	_deb_show "$arch" "${want[@]}"
	for pkg in "$@"; do
		[ -n "${APT[$pkg:$arch]:-}" ] && continue
		deb_apt_update_once && {
			_deb_show "$arch" "${want[@]}"
			[ -n "${APT[$pkg:$arch]:-}" ] && continue
		}
		missing "apt knows no package $pkg for $arch (apt-cache show $pkg:$arch is empty)"
	done
	apt_save
}

# _deb_show ARCH PKG:ARCH...: records the candidate versions apt-cache shows
# (an Architecture: all package is stored under ARCH too, as it was asked).
_deb_show() {
	local arch=$1 key value name=
	shift
	while read -r key value; do
		case $key in
		Package:) name=$value ;;
		Version:) APT[$name:$arch]=$value ;;
		esac
	done < <(apt-cache show --no-all-versions "$@" 2>/dev/null | grep -E '^(Package|Version):')
}

# deb_fetch PKG ARCH: prints the path of the cached .deb of the candidate
# version (deb_resolve first), downloading it when it is not in the cache.
deb_fetch() {
	local pkg=$1 arch=$2 version file dir err
	version=${APT[$pkg:$arch]:?deb_resolve $pkg first}
	dir="$CACHE/debs/$arch"
	# apt-get download's name: the epoch's colon escaped, arch or "all".
	file=$(_deb_file "$dir/${pkg}_${version//:/%3a}")
	[ -n "$file" ] && echo "$file" && return 0
	mkdir -p "$dir"
	err=$(cd "$dir" && apt-get download -q "$pkg:$arch=$version" 2>&1 >/dev/null | grep -v '^W: Download is performed unsandboxed')
	file=$(_deb_file "$dir/${pkg}_${version//:/%3a}")
	[ -n "$file" ] || missing "apt-get download $pkg:$arch=$version failed (apt-get update may help): ${err:-no file}"
	echo "$file"
}

_deb_file() { ls "$1"_*.deb 2>/dev/null | head -n1; }

# kernel_fetch META ARCH: resolves the meta package (linux-image-arm64) to the
# versioned kernel package it depends on, fetches it and sets KERNEL_DEB,
# KERNEL_RELEASE (6.1.0-57-arm64) and KERNEL_DIR (where its files are unpacked).
kernel_fetch() {
	local meta=$1 arch=$2 pkg
	[ -n "$_apt_state" ] || apt_load
	pkg=${APT[depends:$meta:$arch]:-}
	if [ -z "$pkg" ]; then
		pkg=$(_deb_kernel "$meta:$arch")
		[ -z "$pkg" ] && deb_apt_update_once && pkg=$(_deb_kernel "$meta:$arch")
		[ -n "$pkg" ] || missing "kernel package: apt knows no $meta:$arch, or it depends on no linux-image-* package"
		APT[depends:$meta:$arch]=$pkg
	fi
	deb_resolve "$arch" "$pkg"
	KERNEL_DEB=$(deb_fetch "$pkg" "$arch") || exit 3
	KERNEL_RELEASE=${pkg#linux-image-}
	KERNEL_DIR="$CACHE/kernel/$(basename "$KERNEL_DEB" .deb)"
	mkdir -p "$KERNEL_DIR"
	[ -s "$KERNEL_DIR/contents" ] || dpkg-deb --fsys-tarfile "$KERNEL_DEB" | tar -t >"$KERNEL_DIR/contents" ||
		missing "dpkg-deb cannot read $KERNEL_DEB"
	kernel_extract "./boot/vmlinuz-$KERNEL_RELEASE"
	[ -s "$KERNEL_DIR/boot/vmlinuz-$KERNEL_RELEASE" ] || missing "kernel package $pkg has no /boot/vmlinuz-$KERNEL_RELEASE"
}

_deb_kernel() { apt-cache depends "$1" 2>/dev/null | sed -n 's/^ *Depends: \(linux-image-[^: ]*\).*/\1/p' | head -n1; }

# kernel_extract MEMBER...: the members of the kernel package not yet in
# KERNEL_DIR (the package is 60 MB; the board needs a few files of it).
kernel_extract() {
	local want=() m
	for m in "$@"; do
		[ -e "$KERNEL_DIR/$m" ] || want+=("$m")
	done
	[ ${#want[@]} -eq 0 ] && return 0
	dpkg-deb --fsys-tarfile "$KERNEL_DEB" | tar -x -C "$KERNEL_DIR" "${want[@]}" ||
		missing "cannot extract ${want[*]} from $KERNEL_DEB"
}

# kernel_modules NAME...: sets MODULE_FILES to the .ko paths (relative to
# KERNEL_DIR) of the named modules and everything they depend on, in load
# order (dependencies first), as modinfo's "depends" field gives them.
kernel_modules() {
	MODULE_FILES=()
	local -A seen=()
	local name
	for name in "$@"; do
		_kernel_module "$name"
	done
}

_kernel_module() {
	local name=${1//-/_} path dep
	[ -n "${seen[$name]:-}" ] && return 0
	seen[$name]=1
	path=$(grep -E "^\./lib/modules/$KERNEL_RELEASE/.*/(${name}|${name//_/-})\.ko$" "$KERNEL_DIR/contents" | head -n1)
	if [ -z "$path" ]; then
		# Built into this kernel (modules.builtin) is fine: nothing to load.
		grep -qE "/(${name}|${name//_/-})\.ko$" <(kernel_builtin) && return 0
		missing "kernel $KERNEL_RELEASE has no module $name"
	fi
	kernel_extract "$path"
	for dep in $(modinfo -F depends "$KERNEL_DIR/$path" | tr ',' ' '); do
		_kernel_module "$dep"
	done
	MODULE_FILES+=("$path")
}

kernel_builtin() {
	local f="./lib/modules/$KERNEL_RELEASE/modules.builtin"
	grep -qx "$f" "$KERNEL_DIR/contents" || return 0
	kernel_extract "$f"
	cat "$KERNEL_DIR/$f"
}

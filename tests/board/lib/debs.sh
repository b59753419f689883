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
	[ "$(id -u)" = 0 ] && [ "${TEAMFW_BOARD_OFFLINE:-0}" != 1 ] ||
		missing "dpkg does not know the $arch architecture: run 'dpkg --add-architecture $arch && apt-get update' as root"
	note "dpkg --add-architecture $arch && apt-get update"
	dpkg --add-architecture "$arch" || missing "dpkg --add-architecture $arch failed"
	apt-get update -qq >/dev/null 2>&1 || missing "apt-get update failed after adding the $arch architecture"
}

_deb_updated=
# apt's lists may predate the architecture or a point release that replaced a
# version on the mirror: refresh them once per run before giving up.
deb_apt_update_once() {
	[ -n "$_deb_updated" ] || [ "${TEAMFW_BOARD_OFFLINE:-0}" = 1 ] && return 1
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

# deb_download ARCH PKG...: the cached .debs of the candidate versions
# (deb_resolve first), with one `apt-get download` for those not in the cache
# (apt reads all its lists on every call: seconds each on a busy host).
deb_download() {
	local arch=$1 pkg want=() err dir="$CACHE/debs/$1"
	shift
	for pkg in "$@"; do
		deb_cached "$pkg" "$arch" || want+=("$pkg:$arch=${APT[$pkg:$arch]}")
	done
	[ ${#want[@]} -eq 0 ] && return 0
	[ "${TEAMFW_BOARD_OFFLINE:-0}" = 1 ] && missing "${want[*]} not in the cache $dir (TEAMFW_BOARD_OFFLINE=1)"
	mkdir -p "$dir"
	note "apt-get download ${want[*]}"
	err=$(cd "$dir" && apt-get download -q "${want[@]}" 2>&1 >/dev/null | grep -v '^W: Download is performed unsandboxed')
	for pkg in "$@"; do
		deb_cached "$pkg" "$arch" ||
			missing "apt-get download $pkg:$arch=${APT[$pkg:$arch]} failed (apt-get update may help): ${err:-no file}"
		# The versions this one replaces (a point release) are not needed again.
		find "$dir" -maxdepth 1 -name "${pkg}_*.deb" ! -name "${DEB##*/}" -delete
	done
}

# deb_cached PKG ARCH: sets DEB to the cached .deb of the candidate version
# (apt-get download's name: the epoch's colon escaped; ARCH or "all"), or
# fails. No subshells: this runs for every package of every boot.
deb_cached() {
	local v=${APT[$1:$2]:?deb_resolve $1 first} files
	files=("$CACHE/debs/$2/${1}_${v//:/%3a}_"*.deb)
	DEB=${files[0]}
	[ -e "$DEB" ]
}

# deb_fetch PKG ARCH: sets DEB, downloading the package when it is not cached.
deb_fetch() {
	deb_cached "$1" "$2" && return 0
	deb_download "$2" "$1"
	deb_cached "$1" "$2"
}

# kernel_package META ARCH: sets KERNEL_PACKAGE_NAME to the versioned kernel
# package (linux-image-6.1.0-57-arm64) the meta package (linux-image-arm64)
# depends on, and resolves its version.
kernel_package() {
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
	KERNEL_PACKAGE_NAME=$pkg
}

_deb_kernel() { apt-cache depends "$1" 2>/dev/null | sed -n 's/^ *Depends: \(linux-image-[^: ]*\).*/\1/p' | head -n1; }

# kernel_fetch ARCH: fetches KERNEL_PACKAGE_NAME, unpacks it whole (dpkg-deb -x)
# once, and sets KERNEL_DEB, KERNEL_RELEASE (6.1.0-57-arm64) and KERNEL_DIR.
kernel_fetch() {
	local arch=$1 pkg=$KERNEL_PACKAGE_NAME
	deb_fetch "$pkg" "$arch"
	KERNEL_DEB=$DEB
	KERNEL_RELEASE=${pkg#linux-image-}
	KERNEL_DIR="$CACHE/kernel/$(basename "$KERNEL_DEB" .deb)"
	if [ ! -e "$KERNEL_DIR/.unpacked" ]; then
		# A new kernel of this flavour (arm64, amd64...): the older ones go.
		find "$CACHE/kernel" -mindepth 1 -maxdepth 1 -name "linux-image-*-${pkg##*-}_*_$arch" -exec rm -rf {} + 2>/dev/null
		find "$CACHE/debs/$arch" -maxdepth 1 -name "linux-image-*-${pkg##*-}_*_$arch.deb" ! -name "${KERNEL_DEB##*/}" -delete
		mkdir -p "$KERNEL_DIR"
		dpkg-deb -x "$KERNEL_DEB" "$KERNEL_DIR" || missing "dpkg-deb -x $KERNEL_DEB failed"
		: >"$KERNEL_DIR/.unpacked"
	fi
	[ -s "$KERNEL_DIR/boot/vmlinuz-$KERNEL_RELEASE" ] || missing "kernel package $pkg has no /boot/vmlinuz-$KERNEL_RELEASE"
	KERNEL_MODULES="lib/modules/$KERNEL_RELEASE"
	[ -s "$KERNEL_DIR/$KERNEL_MODULES/modules.order" ] || missing "kernel package $pkg has no /$KERNEL_MODULES/modules.order"
}

# kernel_modules NAME...: sets MODULE_FILES to the .ko paths (relative to
# KERNEL_DIR) of the named modules and everything they depend on, in load
# order (dependencies first), as modinfo's "depends" field gives them. A
# module built into the kernel (modules.builtin) needs nothing.
kernel_modules() {
	MODULE_FILES=()
	local -A seen=()
	local name
	for name in "$@"; do
		_kernel_module "$name"
	done
}

_kernel_module() {
	local name=${1//-/_} path dep pattern
	[ -n "${seen[$name]:-}" ] && return 0
	seen[$name]=1
	pattern="/(${name}|${name//_/-})\.ko$"
	path=$(grep -E "$pattern" "$KERNEL_DIR/$KERNEL_MODULES/modules.order" | head -n1)
	if [ -z "$path" ]; then
		grep -qE "$pattern" "$KERNEL_DIR/$KERNEL_MODULES/modules.builtin" 2>/dev/null && return 0
		missing "kernel $KERNEL_RELEASE has no module $name"
	fi
	path="$KERNEL_MODULES/$path"
	[ -e "$KERNEL_DIR/$path" ] || missing "kernel $KERNEL_RELEASE lists $path, which its package does not have"
	for dep in $(modinfo -F depends "$KERNEL_DIR/$path" | tr ',' ' '); do
		_kernel_module "$dep"
	done
	MODULE_FILES+=("$path")
}

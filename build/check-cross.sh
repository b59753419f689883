#!/bin/bash
# SPDX-License-Identifier: MIT
# Copyright (c) teamfw contributors
#
# build/check-cross.sh RID — run by `make RID=...` when RID is not the host's.
# Checks everything a Native AOT build for another architecture or C library
# needs, before anything is built. Prints the extra `dotnet publish` properties
# on stdout and exits 0, or prints one message that names every missing piece
# (NuGet package ids and version, programs and the Debian packages that have
# them, sysroot files) and exits 1.
#
#   glibc RIDs (linux-x64, linux-arm64, linux-arm): clang links with
#     --target=<triple> through the GNU cross binutils, against Debian's cross
#     libc (/usr/<triple>) or SYSROOT when set; llvm-objcopy strips.
#   musl RIDs (linux-musl-x64, linux-musl-arm64, linux-musl-arm): SYSROOT must be
#     a musl root with musl-dev and gcc's runtime files: for OpenWrt its SDK's
#     toolchain directory (staging_dir/toolchain-*), elsewhere for example an
#     Alpine root with `apk add musl-dev gcc` (Alpine's musl calls itself
#     libc.musl-<arch>.so.1, which OpenWrt does not have); clang links with
#     ld.lld. A glibc host without one would link against glibc
#     (dotnet/runtime#92294).
#
# Environment: SYSROOT, DOTNET (default dotnet). Nothing here assumes an x64 host.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 2
rid=${1:?usage: build/check-cross.sh RID}
DOTNET=${DOTNET:-dotnet}

case $rid in
linux-x64 | linux-musl-x64) arch=x64 ;;
linux-arm64 | linux-musl-arm64) arch=arm64 ;;
linux-arm | linux-musl-arm) arch=arm ;;
*)
	echo "error: unsupported RID '$rid' (supported: linux-x64 linux-arm64 linux-arm linux-musl-x64 linux-musl-arm64 linux-musl-arm; .NET Native AOT has no MIPS or PowerPC target)" >&2
	exit 1
	;;
esac
case $rid in
linux-musl-*) libc=musl ;;
*) libc=glibc ;;
esac
# GNU triple, Debian architecture and musl dynamic loader of the target.
case $arch in
x64) gnu=x86_64-linux-gnu deb=amd64 musl_ld=ld-musl-x86_64.so.1 ;;
arm64) gnu=aarch64-linux-gnu deb=arm64 musl_ld=ld-musl-aarch64.so.1 ;;
arm) gnu=arm-linux-gnueabihf deb=armhf musl_ld=ld-musl-armhf.so.1 ;;
esac

missing=()
props=()
need_program() { # need_program NAME DEBIAN-PACKAGE
	command -v "$1" >/dev/null 2>&1 || missing+=("program $1 (Debian package $2)")
}
first_match() { # first_match GLOB...: the first path that exists
	local p
	for p in "$@"; do
		[ -e "$p" ] && { printf '%s\n' "$p"; return 0; }
	done
	return 1
}

# 1. NuGet: the runtime, apphost and ILCompiler packs of the RID. A restore into a
# scratch directory asks the configured sources (nuget.config) exactly as the build
# would, without touching the project's obj/.
scratch=$(mktemp -d /tmp/teamfw-cross.XXXXXX) || exit 2
trap 'rm -rf "$scratch"' EXIT
if ! out=$("$DOTNET" restore src/TeamFw/TeamFw.csproj -r "$rid" -p:PublishAot=true --nologo -v:q \
	"-p:BaseIntermediateOutputPath=$scratch/obj/" 2>&1); then
	mapfile -t pkgs < <(grep -o 'Unable to find package [A-Za-z0-9_.-]*' <<<"$out" | awk '{ sub(/\.$/, "", $5); print $5 }' | sort -u)
	if [ ${#pkgs[@]} -gt 0 ]; then
		# The version the SDK asked for, from the restore's own record of it.
		ver=$(grep -h -A1 "\"name\": \"${pkgs[0]}\"" "$scratch"/obj/project.assets.json 2>/dev/null |
			sed -n 's/.*"version": "\[\([0-9A-Za-z.-]*\),.*/\1/p' | head -n 1)
		list=$(printf '%s, ' "${pkgs[@]}")
		missing+=("NuGet packages ${list%, }${ver:+ (version $ver)}: the sources in nuget.config do not serve them")
	else
		missing+=("a working 'dotnet restore -r $rid': $(grep -m 1 -o 'error .*' <<<"$out")")
	fi
fi

# 2. Native toolchain: the compiler/linker driver, a linker for the target, the
# target's C library and gcc runtime files, and an objcopy that reads target ELF.
need_program clang clang
need_program llvm-objcopy llvm
if [ "$libc" = glibc ]; then
	need_program "$gnu-ld.bfd" "binutils-$gnu"
	if [ -n "${SYSROOT:-}" ]; then
		first_match "$SYSROOT/usr/lib/crt1.o" "$SYSROOT/lib/crt1.o" "$SYSROOT/usr/lib/$gnu/crt1.o" >/dev/null ||
			missing+=("glibc crt1.o in SYSROOT=$SYSROOT (usr/lib, lib or usr/lib/$gnu)")
		props+=("-p:SysRoot=$SYSROOT")
	else
		[ -e "/usr/$gnu/lib/crt1.o" ] || missing+=("the $deb C library for linking: /usr/$gnu/lib/crt1.o (Debian package libc6-dev-$deb-cross), or SYSROOT=<target root>")
		first_match /usr/lib/gcc-cross/"$gnu"/*/crtbegin.o >/dev/null ||
			missing+=("gcc's runtime files for $gnu: /usr/lib/gcc-cross/$gnu/<version>/crtbegin.o (Debian package gcc-$gnu)")
	fi
else
	need_program ld.lld lld
	if [ -z "${SYSROOT:-}" ]; then
		missing+=("SYSROOT=<musl root>: a root with musl-dev and gcc's runtime files for $arch, e.g. an OpenWrt SDK's staging_dir/toolchain-* or an Alpine root after 'apk add musl-dev gcc'")
	else
		[ -e "$SYSROOT/lib/$musl_ld" ] || missing+=("the musl loader $SYSROOT/lib/$musl_ld (SYSROOT is not a musl root for $arch)")
		first_match "$SYSROOT/usr/lib/crt1.o" "$SYSROOT/lib/crt1.o" >/dev/null || missing+=("musl crt1.o in SYSROOT=$SYSROOT/usr/lib (musl-dev)")
		first_match "$SYSROOT"/usr/lib/gcc/*/*/libgcc.a "$SYSROOT"/lib/gcc/*/*/libgcc.a >/dev/null ||
			missing+=("gcc's runtime files in SYSROOT=$SYSROOT/usr/lib/gcc/<triple>/<version>/ (libgcc.a, crtbeginS.o)")
		props+=("-p:SysRoot=$SYSROOT" "-p:LinkerFlavor=lld")
	fi
fi

if [ ${#missing[@]} -gt 0 ]; then
	host="$(uname -m)"
	{
		echo "error: cannot build RID=$rid on this $host host; nothing was built. Missing:"
		printf '  - %s\n' "${missing[@]}"
		echo "See README.md, Packaging: cross builds."
	} >&2
	exit 1
fi
echo "${props[*]}"

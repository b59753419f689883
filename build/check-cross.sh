#!/bin/bash
# Stops a cross build early, naming exactly what is missing.
rid="$1"
case "$rid" in
  linux-x64|linux-arm64|linux-arm|linux-musl-x64|linux-musl-arm64|linux-musl-arm) ;;
  *) echo "error: unsupported RID '$rid' (supported: linux-x64 linux-arm64 linux-arm linux-musl-x64 linux-musl-arm64)" >&2; exit 1;;
esac
pkgs="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
ilc="runtime.$rid.microsoft.dotnet.ilcompiler"
if [ ! -d "$pkgs/$ilc" ]; then
  # Try a restore once: the registry may have it.
  dotnet restore src/TeamFw/TeamFw.csproj -r "$rid" -p:PublishAot=true --nologo -v:q >/dev/null 2>&1
fi
missing=""
[ -d "$pkgs/$ilc" ] || missing="$missing NuGet package $ilc (Native AOT compiler pack for $rid; the configured NuGet sources do not serve it)"
case "$rid" in
  linux-arm64|linux-musl-arm64) cc=aarch64-linux-gnu-gcc;;
  linux-arm|linux-musl-arm) cc=arm-linux-gnueabihf-gcc;;
  *) cc="";;
esac
if [ -n "$cc" ] && ! command -v "$cc" >/dev/null; then missing="$missing; cross C toolchain $cc (for linking)"; fi
if [ -n "$missing" ]; then
  echo "error: cannot build RID=$rid here, missing:$missing" >&2
  exit 1
fi

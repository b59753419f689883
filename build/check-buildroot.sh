#!/bin/bash
# SPDX-License-Identifier: MIT
# Copyright (c) teamfw contributors
#
# Runs Buildroot's own linter, utils/check-package -b, on the BR2_EXTERNAL tree
# (buildroot/) and the board scripts its defconfigs use, and passes only with
# no warning at all. BUILDROOT_SRC names a Buildroot checkout; without one the
# check is skipped with exit code 77 (the automake convention for "skipped").
# check-package needs Python 3 with the magic and flake8 modules (Debian:
# python3-magic flake8) and shellcheck.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 2

if [ -z "${BUILDROOT_SRC:-}" ]; then
    echo "skipped: set BUILDROOT_SRC to a Buildroot checkout to run its utils/check-package"
    exit 77
fi
tool="$BUILDROOT_SRC/utils/check-package"
if [ ! -f "$tool" ]; then
    echo "error: BUILDROOT_SRC=$BUILDROOT_SRC has no utils/check-package" >&2
    exit 2
fi

# The first python3 on PATH may lack the modules (a pyenv one); Debian's has them.
python=""
for p in python3 /usr/bin/python3; do
    if command -v "$p" >/dev/null && "$p" -c 'import magic, flake8' 2>/dev/null; then
        python=$p
        break
    fi
done
if [ -z "$python" ]; then
    echo "error: no python3 with the magic and flake8 modules (apt-get install python3-magic flake8)" >&2
    exit 2
fi
command -v shellcheck >/dev/null || { echo "error: shellcheck is missing (apt-get install shellcheck)" >&2; exit 2; }

mapfile -t files < <(find buildroot -type f ! -name '.*' | sort; echo board/common/post-build.sh)
out=$("$python" "$tool" -b "${files[@]}" 2>&1)
rc=$?
echo "$out"
# check-package exits 0 even when it warns: the verdict is its summary line.
if [ $rc -ne 0 ] || ! grep -q '^0 warnings generated$' <<<"$out"; then
    echo "check-package: FAILED (${#files[@]} files)" >&2
    exit 1
fi
echo "check-package: ${#files[@]} files, no warnings"

# SPDX-License-Identifier: MIT
# Copyright (c) teamfw contributors
#
# tests/bench/paths.sh — sourced by the bench scripts: HERE (this directory), ROOT (the repository)
# and TEAMFW_BIN (the teamfw binary `make` builds for this machine, unless TEAMFW_BIN is set).
# shellcheck shell=bash disable=SC2034

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
case "$(uname -m)" in
x86_64) RID=linux-x64 ;;
aarch64) RID=linux-arm64 ;;
*) RID=linux-arm ;;
esac
TEAMFW_BIN=${TEAMFW_BIN:-$ROOT/out/$RID/teamfw}

# SPDX-License-Identifier: MIT
# Copyright (c) teamfw contributors
#
# Struct layouts as the board's Native AOT code lays them out: the layout
# probe (tests/TeamFw.LayoutProbe, generated from KernelStructs) prints the
# size, alignment and field offsets of every interop struct; the host checks
# them against the model and the target's gcc (Board/BoardLayouts.cs).
. /board/lib.sh
probe=/usr/bin/teamfw-layout-probe
[ -x $probe ] || skip "no $probe in this image (board.sh -f ...:$probe)"
$probe >layout.out 2>&1 || fail "$probe: exit $?: $(tail -n 5 layout.out)"
while read -r line; do
	data "$line"
done <layout.out
data lines "$(wc -l <layout.out)"

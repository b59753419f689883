// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

namespace TeamFw.Modes;

/// <summary>
/// Transmit lanes (teamfw.tx_workers): each transmit thread is a lane, numbered from 0, and calls the mode with its
/// number. What a mode changes per frame (roundrobin's counter, random's state, loadbalance's last bucket) is kept
/// per lane, <see cref="Stride"/> ints apart, so two lanes never write one cache line.
/// </summary>
public static class TxLanes
{
    /// <summary>The most transmit threads a team has (teamfw.tx_workers 1..16).</summary>
    public const int Max = 16;

    /// <summary>Ints between two lanes' slots: 64 bytes.</summary>
    public const int Stride = 16;
}

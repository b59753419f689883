// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;

namespace TeamFw.Modes;

/// <summary>
/// A kernel team mode (drivers/net/team/team_mode_*.c semantics): where a frame from the team goes,
/// and whether a frame received on a port is delivered to the team. Called only from data-path
/// threads; must not allocate.
/// </summary>
public interface ITeamMode
{
    /// <summary>The kernel mode kind: broadcast, roundrobin, random, activebackup, loadbalance.</summary>
    string Name { get; }

    /// <summary>True when a frame goes out on every txable port (broadcast); <see cref="SelectTxPort"/> is then unused.</summary>
    bool TransmitsOnAll { get; }

    /// <summary>The port to send the frame on, one of <paramref name="view"/>'s enabled ports (the transmit thread
    /// flushes only those at the end of a batch), or null to drop it (no txable port). One transmit thread calls this.</summary>
    IPort? SelectTxPort(ReadOnlySpan<byte> frame, TeamView view);

    /// <summary>False when a frame received on an enabled port must not reach the team (activebackup's inactive ports).</summary>
    bool AcceptRx(IPort port, TeamView view);

    /// <summary>True when the mode wants <see cref="CountTx"/> after each frame it chose a port for (loadbalance:
    /// lb_hash_stats). Read once per batch, so the transmit loop pays nothing for modes that count nothing.</summary>
    bool CountsTx => false;

    /// <summary>The frame <see cref="SelectTxPort"/> last chose a port for went out with <paramref name="bytes"/> bytes
    /// (transmit thread only; called only when <see cref="CountsTx"/>).</summary>
    void CountTx(int bytes)
    {
    }
}

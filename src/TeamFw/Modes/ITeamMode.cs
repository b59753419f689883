// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Text;
using System.Text.Json;
using TeamFw.Config;
using TeamFw.Runners;

namespace TeamFw.Modes;

/// <summary>
/// A kernel team mode (drivers/net/team/team_mode_*.c semantics): where a frame from the team goes,
/// and whether a frame received on a port is delivered to the team (data-path threads; must not allocate);
/// and, through hooks that do nothing by default, the mode's control-thread side (team_mode_ops' port_disabled and
/// port_leave, the mode's own timers and options), which the team calls whatever the mode is.
/// </summary>
public interface ITeamMode
{
    /// <summary>The kernel mode kind: broadcast, roundrobin, random, activebackup, loadbalance.</summary>
    string Name { get; }

    /// <summary>True when a frame goes out on every txable port (broadcast); <see cref="SelectTxPort"/> is then unused.</summary>
    bool TransmitsOnAll { get; }

    /// <summary>The port to send the frame on, one of <paramref name="view"/>'s enabled ports (the transmit thread
    /// flushes only those at the end of a batch), or null to drop it (no txable port). Each transmit thread calls this
    /// with its own <paramref name="lane"/> (0 to <see cref="TxLanes.Max"/> - 1), and lanes run at the same time:
    /// whatever a call changes is kept per lane.</summary>
    IPort? SelectTxPort(ReadOnlySpan<byte> frame, TeamView view, int lane = 0);

    /// <summary>False when a frame received on an enabled port must not reach the team (activebackup's inactive ports).</summary>
    bool AcceptRx(IPort port, TeamView view);

    /// <summary>True when the mode wants <see cref="CountTx"/> after each frame it chose a port for (loadbalance:
    /// lb_hash_stats). Read once per batch, so the transmit loop pays nothing for modes that count nothing.</summary>
    bool CountsTx => false;

    /// <summary>The frame <see cref="SelectTxPort"/> last chose a port for on <paramref name="lane"/> went out with
    /// <paramref name="bytes"/> bytes (that lane's transmit thread; called only when <see cref="CountsTx"/>).</summary>
    void CountTx(int bytes, int lane = 0)
    {
    }

    // ---- control-thread hooks: the team calls these for every mode; the defaults do nothing ----

    /// <summary>Called whenever the mode is created (team start, once the device exists; mode change): the mode
    /// takes what it needs from the runner's config and the team device's ifindex, and returns the tx_balancer the
    /// runner drives over it (loadbalance: runner.tx_balancer), or null.</summary>
    TxBalancer? Configure(RunnerConfig runner, int teamIfIndex) => null;

    /// <summary>A port stopped being enabled (team_mode_ops.port_disabled). True when an option value changed.</summary>
    bool PortDisabled(IPort port) => false;

    /// <summary>A port left the team (after it was disabled): forget what the mode kept about it.</summary>
    void PortRemoved(IPort port)
    {
    }

    /// <summary>When <see cref="OnTimer"/> is next due (Environment.TickCount64 ms), or long.MaxValue.</summary>
    long NextDeadline => long.MaxValue;

    /// <summary>The mode's periodic work, due at <see cref="NextDeadline"/>; option values it changes are reported to
    /// <paramref name="team"/>.</summary>
    void OnTimer(long now, IModeTeam team)
    {
    }

    /// <summary>Bumped whenever an option value the mode owns changes other than through a control set (mapping
    /// entries cleared or moved by a balancer): the team then announces its options again.</summary>
    int OptionsVersion => 0;

    /// <summary>The mode's part of the state document's teamfw.runner object (nothing by default).</summary>
    void WriteState(Utf8JsonWriter w)
    {
    }

    /// <summary>The mode's lines of the SIGUSR1 state view (nothing by default).</summary>
    void AppendView(StringBuilder sb)
    {
    }
}

// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;

namespace TeamFw.Modes;

/// <summary>
/// broadcast: every frame goes out on every txable port (drivers/net/team/team_mode_broadcast.c bc_transmit).
/// The fan-out is the transmit path's (<see cref="ITeamMode.TransmitsOnAll"/>): there is no one port to select.
/// </summary>
public sealed class BroadcastMode : ITeamMode
{
    public static readonly ModeDescriptor Descriptor = new("broadcast", static () => new BroadcastMode(), []);

    public string Name => Descriptor.Name;

    public bool TransmitsOnAll => true;

    IPort? ITeamMode.SelectTxPort(ReadOnlySpan<byte> frame, TeamView view, int lane)
        => throw new NotSupportedException("broadcast sends on every txable port: the transmit path fans out");

    public bool AcceptRx(IPort port, TeamView view) => true;
}

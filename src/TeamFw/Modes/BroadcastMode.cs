// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;

namespace TeamFw.Modes;

/// <summary>broadcast: every frame goes out on every txable port.</summary>
public sealed class BroadcastMode : ITeamMode
{
    public string Name => "broadcast";

    public bool TransmitsOnAll => true;

    public IPort? SelectTxPort(ReadOnlySpan<byte> frame, TeamView view) => view.FirstTxableFrom(0);

    public bool AcceptRx(IPort port, TeamView view) => true;
}

// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;

namespace TeamFw.Modes;

/// <summary>roundrobin: a per-team counter picks the enabled port, then the first txable from there.</summary>
public sealed class RoundRobinMode : ITeamMode
{
    private uint _sent;

    public static readonly ModeDescriptor Descriptor = new("roundrobin", static () => new RoundRobinMode(), []);

    public string Name => Descriptor.Name;

    public bool TransmitsOnAll => false;

    public IPort? SelectTxPort(ReadOnlySpan<byte> frame, TeamView view)
    {
        int n = view.Enabled.Length;
        if (n == 0)
        {
            return null;
        }

        return view.FirstTxableFrom((int)(_sent++ % (uint)n));
    }

    public bool AcceptRx(IPort port, TeamView view) => true;
}

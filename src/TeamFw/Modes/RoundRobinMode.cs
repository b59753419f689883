// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;

namespace TeamFw.Modes;

/// <summary>roundrobin: a counter picks the enabled port, then the first txable from there. Each transmit lane counts
/// on its own (the kernel's counter is per team; with one lane, the default, that is the same).</summary>
public sealed class RoundRobinMode : ITeamMode
{
    private readonly uint[] _sent = new uint[TxLanes.Max * TxLanes.Stride];

    public static readonly ModeDescriptor Descriptor = new("roundrobin", static () => new RoundRobinMode(), []);

    public string Name => Descriptor.Name;

    public bool TransmitsOnAll => false;

    public IPort? SelectTxPort(ReadOnlySpan<byte> frame, TeamView view, int lane = 0)
    {
        int n = view.Enabled.Length;
        if (n == 0)
        {
            return null;
        }

        return view.FirstTxableFrom((int)(_sent[lane * TxLanes.Stride]++ % (uint)n));
    }

    public bool AcceptRx(IPort port, TeamView view) => true;
}

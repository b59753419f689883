// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;

namespace TeamFw.Modes;

/// <summary>random: a random enabled port, then the first txable from there.</summary>
public sealed class RandomMode : ITeamMode
{
    private uint _state;

    public RandomMode(uint seed = 0)
    {
        _state = seed != 0 ? seed : (uint)Environment.TickCount64 | 1u;
    }

    public static readonly ModeDescriptor Descriptor = new("random", static () => new RandomMode(), []);

    public string Name => Descriptor.Name;

    public bool TransmitsOnAll => false;

    public IPort? SelectTxPort(ReadOnlySpan<byte> frame, TeamView view)
    {
        int n = view.Enabled.Length;
        if (n == 0)
        {
            return null;
        }

        // xorshift32: cheap, no allocation, good enough to spread frames (not for security).
        uint x = _state;
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        _state = x;
        return view.FirstTxableFrom((int)((ulong)x * (uint)n >> 32));
    }

    public bool AcceptRx(IPort port, TeamView view) => true;
}

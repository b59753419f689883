// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;

namespace TeamFw.Modes;

/// <summary>random: a random enabled port, then the first txable from there. Each transmit lane has a generator of its
/// own, lane 0's seeded with <c>seed</c>, the others' from it.</summary>
public sealed class RandomMode : ITeamMode
{
    private readonly uint[] _state = new uint[TxLanes.Max * TxLanes.Stride];

    public RandomMode(uint seed = 0)
    {
        uint s = seed != 0 ? seed : (uint)Environment.TickCount64 | 1u;
        for (int lane = 0; lane < TxLanes.Max; lane++)
        {
            // Odd multiples of the golden ratio apart: distinct, and never 0 (xorshift32 stays at 0).
            uint x = s ^ (uint)(lane * 0x9E3779B9u);
            _state[lane * TxLanes.Stride] = x != 0 ? x : 1u;
        }
    }

    public static readonly ModeDescriptor Descriptor = new("random", static () => new RandomMode(), []);

    public string Name => Descriptor.Name;

    public bool TransmitsOnAll => false;

    public IPort? SelectTxPort(ReadOnlySpan<byte> frame, TeamView view, int lane = 0)
    {
        int n = view.Enabled.Length;
        if (n == 0)
        {
            return null;
        }

        // xorshift32: cheap, no allocation, good enough to spread frames (not for security).
        ref uint state = ref _state[lane * TxLanes.Stride];
        uint x = state;
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        state = x;
        return view.FirstTxableFrom((int)((ulong)x * (uint)n >> 32));
    }

    public bool AcceptRx(IPort port, TeamView view) => true;
}

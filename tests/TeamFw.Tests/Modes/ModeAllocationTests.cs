// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using TeamFw.Modes;
using TeamFw.Tests.Fakes;
using Xunit;

namespace TeamFw.Tests.Modes;

public sealed class ModeAllocationTests
{
    private const int Calls = 100_000;

    private static long Run(ITeamMode mode, TeamView view, ReadOnlySpan<byte> frame, int calls)
    {
        long hits = 0;
        for (int i = 0; i < calls; i++)
        {
            if (mode.SelectTxPort(frame, view) is not null)
            {
                hits++;
            }
        }

        return hits;
    }

    /// <summary>Broadcast selects no port: its fan-out is the transmit path's (BroadcastModeTests checks it allocates nothing).</summary>
    [Theory]
    [InlineData("roundrobin")]
    [InlineData("random")]
    [InlineData("activebackup")]
    [InlineData("loadbalance")]
    public void SelectTxPort_ManyCalls_AllocatesNothing(string name)
    {
        ITeamMode mode = ModeRegistry.Create(name)!;
        FakePort[] ports = FakePort.EnabledSet("1011");
        var view = new TeamView(ports, ports[2]);
        byte[] frame = new byte[1514];
        Run(mode, view, frame, Calls); // warm up: JIT, tiering, statics

        long before = GC.GetAllocatedBytesForCurrentThread();
        long hits = Run(mode, view, frame, Calls);
        long after = GC.GetAllocatedBytesForCurrentThread();

        Assert.Equal(Calls, hits);
        Assert.Equal(0, after - before);
    }

    [Fact]
    public void AllocationProbe_DetectsAnAllocation()
    {
        // The probe itself works: a single small allocation is seen.
        long before = GC.GetAllocatedBytesForCurrentThread();
        object o = new byte[32];
        long after = GC.GetAllocatedBytesForCurrentThread();

        GC.KeepAlive(o);
        Assert.True(after - before >= 32);
    }
}

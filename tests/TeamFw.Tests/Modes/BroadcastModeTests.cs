// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;
using TeamFw.Daemon;
using TeamFw.Modes;
using TeamFw.Stats;
using TeamFw.Tests.Fakes;
using Xunit;

namespace TeamFw.Tests.Modes;

/// <summary>
/// broadcast as the transmit path runs it (drivers/net/team/team_mode_broadcast.c bc_transmit): TxPath sends
/// every frame on every txable port of the view, over real datagram sockets (see <see cref="TxBench"/>).
/// </summary>
public sealed class BroadcastModeTests : IDisposable
{
    private readonly TxBench _bench = new();

    public void Dispose() => _bench.Dispose();

    [Fact]
    public void EveryTxablePortGetsEveryFrame_InOrder_CountedOnceForTheTeam()
    {
        SocketTxPort a = _bench.NewPort("a"), b = _bench.NewPort("b"), c = _bench.NewPort("c");
        c.LinkUp = false;
        var view = new TeamView([a, b, c], null);

        Transmit(view, TxBench.Frames(3, 100));

        foreach (SocketTxPort p in new[] { a, b })
        {
            Assert.Equal(TxBench.Frames(3, 100), p.Received());
            Assert.Equal((3UL, 300UL), (p.Counters.Read().TxPackets, p.Counters.Read().TxBytes));
        }

        Assert.Empty(c.Received());
        StatsSnapshot t = _bench.Team.Read();
        Assert.Equal((3UL, 300UL, 0UL), (t.TxPackets, t.TxBytes, t.TxDropped));
    }

    [Fact]
    public void NoTxablePort_EachFrameIsOneTeamDrop()
    {
        SocketTxPort a = _bench.NewPort("a");
        a.LinkUp = false;

        Transmit(new TeamView([a], null), TxBench.Frames(4, 64));

        Assert.Empty(a.Received());
        StatsSnapshot t = _bench.Team.Read();
        Assert.Equal((0UL, 4UL), (t.TxPackets, t.TxDropped));
    }

    [Fact]
    public void APortThatFailsToSend_CountsItsOwnDrops_TheOthersStillGetTheFrames()
    {
        // bc_transmit: the frame counts as sent for the team when any port took it.
        SocketTxPort a = _bench.NewPort("a"), b = _bench.NewPort("b");
        b.CloseReceiver();

        Transmit(new TeamView([a, b], null), TxBench.Frames(2, 80));

        Assert.Equal(2, a.Received().Count);
        Assert.Equal((0UL, 2UL), (b.Counters.Read().TxPackets, b.Counters.Read().TxDropped));
        StatsSnapshot t = _bench.Team.Read();
        Assert.Equal((2UL, 0UL), (t.TxPackets, t.TxDropped));
    }

    [Fact]
    public void FanOut_AllocatesNothing()
    {
        SocketTxPort a = _bench.NewPort("a"), b = _bench.NewPort("b");
        var view = new TeamView([a, b], null);
        var path = new TxPath(_bench.Arena, _bench.Team, 0);
        var mode = new BroadcastMode();
        const int rounds = 200;
        var readers = new QueueReader[rounds];
        for (int i = 0; i < rounds; i++)
        {
            readers[i] = new QueueReader(TxBench.Frames(4, 60));
        }

        // Each round's frames are read back outside the measured window (a datagram socket holds only a few).
        path.TransmitBatch(new QueueReader(TxBench.Frames(4, 60)), 0, view, mode); // warm up: JIT, tiering
        a.Received();
        b.Received();
        long allocated = 0;
        for (int i = 0; i < rounds; i++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            path.TransmitBatch(readers[i], 0, view, mode);
            allocated += GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.Equal(4, a.Received().Count);
            Assert.Equal(4, b.Received().Count);
        }

        Assert.Equal(0, allocated);
    }

    [Fact]
    public void AcceptRx_AnyPort_True()
    {
        FakePort[] ports = FakePort.EnabledSet("10");
        var view = new TeamView(ports, null);

        Assert.True(new BroadcastMode().AcceptRx(ports[0], view));
        Assert.True(new BroadcastMode().AcceptRx(ports[1], view));
    }

    private void Transmit(TeamView view, List<byte[]> frames)
        => new TxPath(_bench.Arena, _bench.Team, 0).TransmitBatch(new QueueReader(frames), 0, view, new BroadcastMode());
}

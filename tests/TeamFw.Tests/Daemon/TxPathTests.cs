// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;
using TeamFw.Daemon;
using TeamFw.Modes;
using TeamFw.Native.Sockets;
using TeamFw.Stats;
using TeamFw.Tests.Fakes;
using Xunit;

namespace TeamFw.Tests.Daemon;

/// <summary>The transmit batch over real descriptors (see <see cref="TxBench"/>). Broadcast's fan-out: BroadcastModeTests.</summary>
public sealed class TxPathTests : IDisposable
{
    private readonly TxBench _bench = new();

    public void Dispose() => _bench.Dispose();

    [Fact]
    public void ActiveBackup_ActivePortAheadOfTheView_ItsFramesLeaveInTheSameBatch()
    {
        // The state between SetEnabled(active, true) and the next FlushView (or a kernel-like mode that sends on
        // the active port whatever its enabled bit): the mode picks a port the view does not list as enabled.
        // Its frames must still be flushed in this batch: left queued, they would point at arena slots the
        // next batch overwrites, and two batches of them would overrun the queue.
        SocketTxPort a = _bench.NewPort("a");
        var view = new TeamView([], a);
        var tap = new QueueReader(TxBench.Frames(5, 60));

        int read = new TxPath(_bench.Arena, _bench.Team, 0).TransmitBatch(tap, 0, view, new ActiveBackupMode());

        Assert.Equal(5, read);
        Assert.Equal(0, a.TxQueue.Count);
        Assert.Equal(5, a.Received().Count);
        Assert.Equal(5UL, _bench.Team.Read().TxPackets);
        Assert.Equal(5UL, a.Counters.Read().TxPackets);
    }

    [Fact]
    public void EveryFrameRead_CountsOnce_SentOrDropped()
    {
        // A runt (shorter than an Ethernet header) and frames with no port to go to are dropped; the rest are sent.
        SocketTxPort a = _bench.NewPort("a");
        var frames = new List<byte[]> { new byte[10] };
        frames.AddRange(TxBench.Frames(4, 64));
        var path = new TxPath(_bench.Arena, _bench.Team, 0);

        path.TransmitBatch(new QueueReader(frames), 0, new TeamView([a], null), new RoundRobinMode());
        a.LinkUp = false;
        path.TransmitBatch(new QueueReader(TxBench.Frames(2, 64)), 0, new TeamView([a], null), new RoundRobinMode());

        StatsSnapshot t = _bench.Team.Read();
        Assert.Equal(4UL, t.TxPackets);
        Assert.Equal(3UL, t.TxDropped);
        Assert.Equal(4, a.Received().Count);
    }

    [Fact]
    public void Lane1_FramesLeaveThroughTheLanesOwnQueue_CountedInTheLanesSlot()
    {
        // teamfw.tx_workers: the second transmit thread reads into its own arena and sends through each port's
        // lane 1 (its own socket and queue); lane 0's queue is not touched.
        using var arena = new FrameArena(TxPath.Batch, 2048, 65600);
        SocketTxPort a = _bench.NewPort("a");
        SocketTxPort aLane1 = _bench.NewPort("a-lane1", arena);
        a.Lanes.Add(aLane1);
        var team = new CounterSet(6);

        int read = new TxPath(arena, team, 4, lane: 1).TransmitBatch(new QueueReader(TxBench.Frames(3, 60)), 0, new TeamView([a], null), new RoundRobinMode());

        Assert.Equal(3, read);
        Assert.Equal(3, aLane1.Received().Count);
        Assert.Empty(a.Received());
        Assert.Equal(0, a.TxBatchSeen);
        Assert.Equal(3UL, team.ReadSlot(4).TxPackets);
        Assert.Equal(0UL, team.ReadSlot(0).TxPackets);
        Assert.Equal(3UL, aLane1.Counters.ReadSlot(4).TxPackets);
    }

    [Fact]
    public void TxQueue_RefusesFramesBeyondItsCapacity()
    {
        using var q = new TxQueue(_bench.Arena);
        for (int i = 0; i < q.Capacity; i++)
        {
            Assert.True(q.Add(i, 60, 0));
        }

        Assert.False(q.Add(0, 60, 0));
        Assert.Equal(q.Capacity, q.Count);
        Assert.Equal(60L * q.Capacity, q.Bytes);
    }
}

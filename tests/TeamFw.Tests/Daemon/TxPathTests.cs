// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Sockets;
using TeamFw.Daemon;
using TeamFw.Modes;
using TeamFw.Native.Rings;
using TeamFw.Native.Sockets;
using TeamFw.Stats;
using Xunit;

namespace TeamFw.Tests.Daemon;

/// <summary>
/// The transmit batch over real descriptors: each port's frames leave through a connected AF_UNIX datagram
/// socket (sendmmsg works on it as on a packet socket), read back by the test.
/// </summary>
public sealed class TxPathTests : IDisposable
{
    private readonly FrameArena _arena = new(TxPath.Batch, 2048, 65600);
    private readonly CounterSet _team = new(3);
    private readonly string _dir = Directory.CreateTempSubdirectory("teamfw-txpath-").FullName;
    private readonly List<IDisposable> _owned = new();

    public void Dispose()
    {
        foreach (IDisposable d in _owned)
        {
            d.Dispose();
        }

        _arena.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public void ActiveBackup_ActivePortAheadOfTheView_ItsFramesLeaveInTheSameBatch()
    {
        // The state between SetEnabled(active, true) and the next FlushView (or a kernel-like mode that sends on
        // the active port whatever its enabled bit): the mode picks a port the view does not list as enabled.
        // Its frames must still be flushed in this batch: left queued, they would point at arena slots the
        // next batch overwrites, and two batches of them would overrun the queue.
        TestPort a = NewPort("a");
        var view = new TeamView([], a);
        var tap = new QueueReader(Frames(5, 60));

        int read = new TxPath(_arena, _team, 0).TransmitBatch(tap, 0, view, new ActiveBackupMode());

        Assert.Equal(5, read);
        Assert.Equal(0, a.TxQueue.Count);
        Assert.Equal(5, a.Received().Count);
        Assert.Equal(5UL, _team.Read().TxPackets);
        Assert.Equal(5UL, a.Counters.Read().TxPackets);
    }

    [Fact]
    public void Broadcast_EveryTxablePortGetsEveryFrame_CountedOnceForTheTeam()
    {
        TestPort a = NewPort("a"), b = NewPort("b"), c = NewPort("c");
        c.LinkUp = false;
        var view = new TeamView([a, b, c], null);

        new TxPath(_arena, _team, 0).TransmitBatch(new QueueReader(Frames(3, 100)), 0, view, new BroadcastMode());

        Assert.Equal(3, a.Received().Count);
        Assert.Equal(3, b.Received().Count);
        Assert.Empty(c.Received());
        StatsSnapshot t = _team.Read();
        Assert.Equal((3UL, 300UL, 0UL), (t.TxPackets, t.TxBytes, t.TxDropped));
    }

    [Fact]
    public void EveryFrameRead_CountsOnce_SentOrDropped()
    {
        // A runt (shorter than an Ethernet header) and frames with no port to go to are dropped; the rest are sent.
        TestPort a = NewPort("a");
        var frames = new List<byte[]> { new byte[10] };
        frames.AddRange(Frames(4, 64));
        var path = new TxPath(_arena, _team, 0);

        path.TransmitBatch(new QueueReader(frames), 0, new TeamView([a], null), new RoundRobinMode());
        a.LinkUp = false;
        path.TransmitBatch(new QueueReader(Frames(2, 64)), 0, new TeamView([a], null), new RoundRobinMode());

        StatsSnapshot t = _team.Read();
        Assert.Equal(4UL, t.TxPackets);
        Assert.Equal(3UL, t.TxDropped);
        Assert.Equal(4, a.Received().Count);
    }

    [Fact]
    public void TxQueue_RefusesFramesBeyondItsCapacity()
    {
        using var q = new TxQueue(_arena);
        for (int i = 0; i < q.Capacity; i++)
        {
            Assert.True(q.Add(i, 60, 0));
        }

        Assert.False(q.Add(0, 60, 0));
        Assert.Equal(q.Capacity, q.Count);
        Assert.Equal(60L * q.Capacity, q.Bytes);
    }

    private static List<byte[]> Frames(int count, int length)
    {
        var list = new List<byte[]>();
        for (int i = 0; i < count; i++)
        {
            var f = new byte[length];
            f.AsSpan().Fill((byte)(i + 1));
            list.Add(f);
        }

        return list;
    }

    private TestPort NewPort(string name)
    {
        string path = Path.Combine(_dir, name);
        var rx = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        rx.Bind(new UnixDomainSocketEndPoint(path));
        rx.ReceiveTimeout = 1000;
        var tx = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        tx.Connect(new UnixDomainSocketEndPoint(path));
        var port = new TestPort(name, new TxQueue(_arena), tx, rx);
        _owned.Add(port);
        return port;
    }

    /// <summary>A TAP stand-in: hands out queued frames, then EAGAIN.</summary>
    private sealed class QueueReader(List<byte[]> frames) : IFrameReader
    {
        private int _next;

        public int Read(Span<byte> first, Span<byte> overflow)
        {
            if (_next == frames.Count)
            {
                return -11;
            }

            byte[] f = frames[_next++];
            f.CopyTo(first);
            return f.Length;
        }
    }

    private sealed class TestPort(string name, TxQueue queue, Socket tx, Socket rx) : ITxPort, IDisposable
    {
        public string Name => name;

        public int IfIndex => 0;

        public bool Enabled { get; set; } = true;

        public bool LinkUp { get; set; } = true;

        public bool Txable => Enabled && LinkUp;

        public TxQueue TxQueue => queue;

        public TxRing? TxRing => null;

        public int RingFd => -1;

        public int SendFd => (int)tx.Handle;

        public CounterSet Counters { get; } = new(3);

        public long TxBatchSeen { get; set; }

        /// <summary>The datagrams sent so far (reads until none is waiting).</summary>
        public List<byte[]> Received()
        {
            var got = new List<byte[]>();
            var buf = new byte[4096];
            while (rx.Available > 0)
            {
                int n = rx.Receive(buf);
                got.Add(buf[..n]);
            }

            return got;
        }

        public void Dispose()
        {
            tx.Dispose();
            rx.Dispose();
            queue.Dispose();
        }
    }
}

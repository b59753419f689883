// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Sockets;
using TeamFw.Daemon;
using TeamFw.Native.Rings;
using TeamFw.Native.Sockets;
using TeamFw.Stats;

namespace TeamFw.Tests.Fakes;

/// <summary>
/// What a transmit batch needs, over real descriptors: an arena, the team's counters, and ports whose frames
/// leave through a connected AF_UNIX datagram socket (sendmmsg works on it as on a packet socket), read back
/// by the test.
/// </summary>
public sealed class TxBench : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("teamfw-txpath-").FullName;
    private readonly List<IDisposable> _owned = new();

    public FrameArena Arena { get; } = new(TxPath.Batch, 2048, 65600);

    public CounterSet Team { get; } = new(3);

    public void Dispose()
    {
        foreach (IDisposable d in _owned)
        {
            d.Dispose();
        }

        Arena.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    /// <summary><paramref name="count"/> frames of <paramref name="length"/> bytes, frame i filled with the byte i + 1.</summary>
    public static List<byte[]> Frames(int count, int length)
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

    public SocketTxPort NewPort(string name) => NewPort(name, Arena);

    /// <summary>A port whose queue is over <paramref name="arena"/> (a transmit lane's).</summary>
    public SocketTxPort NewPort(string name, FrameArena arena)
    {
        string path = Path.Combine(_dir, name);
        var rx = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        rx.Bind(new UnixDomainSocketEndPoint(path));
        rx.ReceiveTimeout = 1000;
        var tx = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        tx.Connect(new UnixDomainSocketEndPoint(path));
        var port = new SocketTxPort(name, new TxQueue(arena), tx, rx);
        _owned.Add(port);
        return port;
    }
}

/// <summary>A TAP stand-in: hands out queued frames, then EAGAIN.</summary>
public sealed class QueueReader(List<byte[]> frames) : IFrameReader
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

/// <summary>A transmit port whose frames go out on a connected AF_UNIX datagram socket.</summary>
public sealed class SocketTxPort(string name, TxQueue queue, Socket tx, Socket rx) : ITxPort, IDisposable
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

    public CounterSet Counters { get; } = new(6); // room for a lane slot after a control slot

    public long TxBatchSeen { get; set; }

    /// <summary>The port as transmit lanes 1 and up see it (teamfw.tx_workers).</summary>
    public List<SocketTxPort> Lanes { get; } = [];

    ITxPort ITxPort.Lane(int lane) => lane == 0 ? this : Lanes[lane - 1];

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

    /// <summary>Closes the receiving end: from now on every send fails (ECONNREFUSED), as a port gone down would.</summary>
    public void CloseReceiver() => rx.Dispose();

    public void Dispose()
    {
        tx.Dispose();
        rx.Dispose();
        queue.Dispose();
    }
}

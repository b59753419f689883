// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;
using System.Net;
using TeamFw.LinkWatch;
using TeamFw.Native.Interop;
using TeamFw.Native.Sockets;

namespace TeamFw.Tests.Fakes;

/// <summary>The team side of a watcher: records every verdict the watcher reports, and hands it a
/// <see cref="FakeFrameChannel"/> for its socket.</summary>
public sealed class FakeWatchHost : IWatchHost
{
    private static readonly byte[] s_teamMac = [0x02, 0, 0, 0, 0, 0x01];
    private static readonly byte[] s_ownMac = [0x02, 0, 0, 0, 0, 0x02];

    public string PortName => "eth1";

    public int PortIfIndex => 7;

    public ReadOnlySpan<byte> TeamMac => s_teamMac;

    public ReadOnlySpan<byte> PortOwnMac => s_ownMac;

    public bool ForcedSend { get; set; } = true;

    public bool PortEnabled { get; set; } = true;

    public IPAddress? TeamLinkLocal => null;

    /// <summary>(verdict, reason) in the order the watcher reported them.</summary>
    public List<(bool Up, string Reason)> Verdicts { get; } = [];

    public FakeFrameChannel? Channel { get; private set; }

    public ushort ChannelEtherType { get; private set; }

    public void VerdictChanged(LinkWatcher watcher, string reason) => Verdicts.Add((watcher.Up, reason));

    public IFrameChannel OpenChannel(ushort etherType, ReadOnlySpan<byte> filter)
    {
        ChannelEtherType = etherType;
        Channel = new FakeFrameChannel();
        return Channel;
    }
}

/// <summary>A socket as two queues: what the test puts in <see cref="Incoming"/> is received, what is sent lands in <see cref="Sent"/>.</summary>
public sealed class FakeFrameChannel : IFrameChannel
{
    public Queue<byte[]> Incoming { get; } = new();

    public List<byte[]> Sent { get; } = [];

    public bool Disposed { get; private set; }

    public int Fd => 100;

    public Errno Send(ReadOnlySpan<byte> frame)
    {
        Sent.Add(frame.ToArray());
        return Errno.OK;
    }

    public int Receive(Span<byte> buffer)
    {
        if (!Incoming.TryDequeue(out byte[]? f))
        {
            return -(int)Errno.EAGAIN;
        }

        f.CopyTo(buffer);
        return f.Length;
    }

    public int ReceiveWhole(Span<byte> buffer) => Receive(buffer);

    public Errno ClearError() => Errno.OK;

    public void Dispose() => Disposed = true;
}

// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;
using TeamFw.Native.Interop;
using TeamFw.Native.Sockets;
using TeamFw.Netlink;

namespace TeamFw.Control;

/// <summary>
/// One client of the control socket: its credentials, its netlink port id (what the kernel puts in
/// nlmsg_pid of replies), the multicast groups it joined, and the datagrams waiting for it. A client
/// that does not read is not waited for: replies queue (and its requests stop being read past
/// <see cref="ProtocolLimits.MaxQueuedBytes"/>), events past <see cref="ProtocolLimits.MaxQueuedEventBytes"/>
/// are dropped and it is told -ENOBUFS once, as a netlink socket overrun is.
/// </summary>
public sealed class ControlConnection : IDatagramSink, IDisposable
{
    private readonly Queue<byte[]> _out = new();
    private readonly HashSet<uint> _groups = new();

    public ControlConnection(UnixSeqPacket socket, PeerCredentials peer, uint portId, bool admin)
    {
        Socket = socket;
        Peer = peer;
        PortId = portId;
        IsAdmin = admin;
    }

    public UnixSeqPacket Socket { get; }

    public PeerCredentials Peer { get; }

    public uint PortId { get; }

    /// <summary>uid 0 or a member of the socket's group: may run GENL_ADMIN_PERM commands.</summary>
    public bool IsAdmin { get; }

    public int QueuedBytes { get; private set; }

    public bool HasOutput => _out.Count > 0;

    /// <summary>Events were dropped; an -ENOBUFS notice is due once the queue drains.</summary>
    public bool Overrun { get; private set; }

    /// <summary>Active lately: polled by the daemon's loop itself rather than by the watcher thread.</summary>
    internal bool Hot { get; set; }

    /// <summary>When a request last came (Environment.TickCount64).</summary>
    internal long LastActive { get; set; }

    /// <summary>Index in the daemon's poll set this round, or -1.</summary>
    internal int PollIndex { get; set; } = -1;

    public bool Closed { get; private set; }

    public bool WantsInput => QueuedBytes < ProtocolLimits.MaxQueuedBytes;

    public bool InGroup(uint group) => _groups.Contains(group);

    /// <summary>Takes the queued datagrams without sending them (tests of the dispatcher).</summary>
    internal List<byte[]> TakeQueued()
    {
        var list = new List<byte[]>(_out);
        _out.Clear();
        QueuedBytes = 0;
        return list;
    }

    public void Join(uint group) => _groups.Add(group);

    public void Leave(uint group) => _groups.Remove(group);

    /// <summary>Queues a reply datagram (copied).</summary>
    public void Send(ReadOnlySpan<byte> datagram)
    {
        _out.Enqueue(datagram.ToArray());
        QueuedBytes += datagram.Length;
    }

    /// <summary>Queues an event datagram unless the client is too far behind.</summary>
    public void SendEvent(byte[] datagram)
    {
        if (QueuedBytes + datagram.Length > ProtocolLimits.MaxQueuedEventBytes)
        {
            Overrun = true;
            return;
        }

        _out.Enqueue(datagram);
        QueuedBytes += datagram.Length;
    }

    /// <summary>Sends what the socket takes now. Returns false when the connection broke (it is then closed).</summary>
    public bool Flush()
    {
        while (_out.Count > 0)
        {
            byte[] d = _out.Peek();
            int n = Socket.Send(d, dontWait: true);
            if (n == -(int)Errno.EAGAIN)
            {
                return true;
            }

            if (n < 0)
            {
                Dispose();
                return false;
            }

            _out.Dequeue();
            QueuedBytes -= d.Length;
        }

        if (Overrun)
        {
            Overrun = false;
            Span<byte> buf = stackalloc byte[128];
            var w = NlWriter.Bounded(buf);
            Span<byte> none = stackalloc byte[Nl.HeaderLength];
            none.Clear();
            w.WriteError(-(int)Errno.ENOBUFS, none, PortId, "events were dropped: this client did not read them in time");
            Send(w.Written);
            return Flush();
        }

        return true;
    }

    public void Dispose()
    {
        if (!Closed)
        {
            Closed = true;
            _out.Clear();
            QueuedBytes = 0;
            Socket.Dispose();
        }
    }
}

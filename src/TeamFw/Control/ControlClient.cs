// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;
using System.IO;
using TeamFw.Native.Interop;
using TeamFw.Native.Sockets;
using TeamFw.Netlink;

namespace TeamFw.Control;

/// <summary>The daemon's socket cannot be reached (exit code 3, README "Command line").</summary>
public sealed class ControlUnreachableException : IOException
{
    public ControlUnreachableException(string message) : base(message)
    {
    }

    public ControlUnreachableException()
    {
    }

    public ControlUnreachableException(string message, Exception inner) : base(message, inner)
    {
    }
}

/// <summary>The daemon answered NLMSG_ERROR: the errno and the NLMSGERR_ATTR_MSG text, if any.</summary>
public sealed class ControlRemoteException : Exception
{
    public ControlRemoteException(Errno errno, string? text)
        : base(text is null ? ErrnoException.ErrnoName(errno) : $"{text} ({ErrnoException.ErrnoName(errno)})")
    {
        Errno = errno;
        Text = text;
    }

    public ControlRemoteException()
    {
    }

    public ControlRemoteException(string message) : base(message)
    {
    }

    public ControlRemoteException(string message, Exception inner) : base(message, inner)
    {
    }

    public Errno Errno { get; } = Errno.EIO;

    public string? Text { get; }
}

/// <summary>
/// A blocking client of the control socket — or of the kernel's own generic netlink families over
/// AF_NETLINK (<see cref="ConnectKernel"/>), which the control socket speaks byte for byte — as
/// libnl's request/ack loop is for a netlink socket:
/// each request carries NLM_F_REQUEST|NLM_F_ACK and a fresh sequence number; replies are collected
/// until the ack (or, for a dump, NLMSG_DONE); events met on the way (seq 0) are kept for <see cref="NextEvent"/>.
/// </summary>
public sealed partial class ControlClient : IDisposable
{
    public delegate void AttrWriter(ref NlWriter w);

    /// <summary>What <see cref="Path"/> says for a client of the kernel.</summary>
    public const string KernelPath = "AF_NETLINK";

    private readonly UnixSeqPacket? _socket;
    private readonly NetlinkSocket? _netlink;
    private readonly byte[] _buf = new byte[ProtocolLimits.MaxReply];
    private readonly byte[] _req = new byte[ProtocolLimits.MaxMessage];
    private readonly Queue<byte[]> _events = new();
    private uint _seq;

    private ControlClient(UnixSeqPacket? socket, NetlinkSocket? netlink, string path)
    {
        _socket = socket;
        _netlink = netlink;
        Path = path;
        _seq = (uint)Environment.TickCount;
    }

    /// <summary>The control socket's path, or <see cref="KernelPath"/>.</summary>
    public string Path { get; }

    /// <summary>True when the requests go to the kernel (NETLINK_GENERIC), not to a teamfw daemon.</summary>
    public bool IsKernel => _netlink is not null;

    private string PeerName => IsKernel ? "the kernel (NETLINK_GENERIC)" : $"the teamfw daemon at {Path}";

    private int Fd => _netlink?.Fd ?? _socket!.Fd;

    /// <summary>How long a reply may take.</summary>
    public int TimeoutMs { get; set; } = 10_000;

    public static ControlClient Connect(string path)
    {
        UnixSeqPacket s = UnixSeqPacket.Create(nonBlocking: false);
        Errno e = s.Connect(path);
        if (e != Errno.OK)
        {
            s.Dispose();
            string why = e switch
            {
                Errno.ENOENT => "no such socket: is the teamfw daemon running?",
                Errno.ECONNREFUSED => "nobody listens on it: the teamfw daemon is not running",
                Errno.EACCES => "permission denied (the socket is mode 0660: be root or in its group)",
                _ => "connect failed",
            };
            throw new ControlUnreachableException($"cannot reach the teamfw daemon at {path}: {why} ({ErrnoException.ErrnoName(e)})");
        }

        return new ControlClient(s, null, path);
    }

    /// <summary>A NETLINK_GENERIC socket: the same requests, answered by the kernel's families (nlctrl, team).</summary>
    public static ControlClient ConnectKernel()
    {
        try
        {
            return new ControlClient(null, NetlinkSocket.Open(Constants.NETLINK_GENERIC, 0, nonBlocking: true), KernelPath);
        }
        catch (ErrnoException e)
        {
            throw new ControlUnreachableException($"cannot open a generic netlink socket: {e.Message}", e);
        }
    }

    /// <summary>
    /// Sends one request and returns the reply messages (each a copy), without the final ack or DONE.
    /// <paramref name="exchange"/>, when given, receives every datagram of the answer as it came, DONE and
    /// ack (or error) included: what <c>teamfw nl --raw</c> prints.
    /// </summary>
    public List<byte[]> Request(ushort family, byte cmd, byte version, AttrWriter? attrs = null, bool dump = false, List<byte[]>? exchange = null)
    {
        uint seq = ++_seq == 0 ? ++_seq : _seq;
        var w = NlWriter.Bounded(_req);
        w.BeginGenl(family, (ushort)(Nl.FRequest | Nl.FAck | (dump ? Nl.FDump : 0)), seq, 0, cmd, version);
        attrs?.Invoke(ref w);
        w.EndMessage();
        if (w.Overflowed)
        {
            throw new ControlRemoteException(Errno.EMSGSIZE, "the request is larger than a control message may be");
        }

        SendRaw(w.Written);
        return Collect(seq, dump, exchange);
    }

    /// <summary>Sends bytes as one datagram (tests use it for hand-made requests).</summary>
    public void SendRaw(ReadOnlySpan<byte> datagram)
    {
        Errno e = Errno.OK;
        if (_netlink is not null)
        {
            e = _netlink.Send(datagram);
        }
        else if (_socket!.Send(datagram, dontWait: false) is int n && n < 0)
        {
            e = (Errno)(-n);
        }

        if (e != Errno.OK)
        {
            throw new ControlUnreachableException($"sending to {PeerName} failed: {ErrnoException.ErrnoName(e)}");
        }
    }

    /// <summary>Receives one datagram, or null after <paramref name="timeoutMs"/> (-1: wait forever).</summary>
    public byte[]? ReceiveDatagram(int timeoutMs)
    {
        using (var poller = new Poller(1))
        {
            poller.Add(Fd);
            if (poller.Wait(timeoutMs) == 0)
            {
                return null;
            }
        }

        int n = _netlink is not null ? _netlink.Receive(_buf) : _socket!.Receive(_buf, dontWait: true);
        if (n == -(int)Errno.EAGAIN || n == -(int)Errno.EINTR)
        {
            return [];
        }

        if (n == -(int)Errno.ENOBUFS && _netlink is not null)
        {
            // A netlink socket overran: what the daemon tells its clients with an -ENOBUFS notice.
            throw new ControlRemoteException(Errno.ENOBUFS, "events were lost: the netlink socket's receive buffer overran");
        }

        if (n <= 0)
        {
            throw new ControlUnreachableException(n == 0 ? $"the teamfw daemon closed the connection ({Path})" : $"receiving from {PeerName} failed: {ErrnoException.ErrnoName((Errno)(-n))}");
        }

        return _buf.AsSpan(0, Math.Min(n, _buf.Length)).ToArray();
    }

    /// <summary>The next event datagram (multicast), waiting up to <paramref name="timeoutMs"/>.</summary>
    public byte[]? NextEvent(int timeoutMs)
    {
        if (_events.Count > 0)
        {
            return _events.Dequeue();
        }

        while (true)
        {
            byte[]? d = ReceiveDatagram(timeoutMs);
            if (d is null || d.Length > 0)
            {
                return d;
            }
        }
    }

    private List<byte[]> Collect(uint seq, bool dump, List<byte[]>? exchange)
    {
        var replies = new List<byte[]>();
        while (true)
        {
            byte[] d = ReceiveDatagram(TimeoutMs) ?? throw new ControlUnreachableException($"no answer from {PeerName} within {TimeoutMs} ms");
            var messages = new NlMessageReader(d);
            bool isEvent = false;
            bool done = false;
            if (exchange is not null && d.Length >= Nl.HeaderLength && NlHeader.Read(d).Seq == seq)
            {
                exchange.Add(d);
            }

            while (messages.TryNext(out ReadOnlySpan<byte> m))
            {
                NlHeader h = NlHeader.Read(m);
                if (h.Seq != seq)
                {
                    if (h.Type == Nl.NlmsgError && h.Seq == 0)
                    {
                        ThrowIfError(m); // a notice to the connection (too many clients, overrun)
                    }

                    isEvent = true;
                    continue;
                }

                if (h.Type == Nl.NlmsgError)
                {
                    ThrowIfError(m);
                    return replies;
                }

                if (h.Type == Nl.NlmsgDone)
                {
                    done = dump;
                    continue;
                }

                replies.Add(m.ToArray());
            }

            if (isEvent)
            {
                _events.Enqueue(d);
            }

            if (done)
            {
                return replies;
            }
        }
    }

    /// <summary>Throws <see cref="ControlRemoteException"/> for an NLMSG_ERROR carrying an error.</summary>
    public static void ThrowIfError(ReadOnlySpan<byte> message)
    {
        if (message.Length < Nl.HeaderLength + 4)
        {
            throw new ControlRemoteException(Errno.EPROTO, "truncated NLMSG_ERROR");
        }

        int error = NlMessageReader.ReadS32(message[Nl.HeaderLength..]);
        if (error == 0)
        {
            return;
        }

        NlHeader h = NlHeader.Read(message);
        string? text = null;
        if ((h.Flags & Nl.FAckTlvs) != 0)
        {
            int start = Nl.HeaderLength + 4;
            if (message.Length >= start + Nl.HeaderLength)
            {
                uint inner = NlMessageReader.ReadU32(message[start..]);
                start += (h.Flags & Nl.FCapped) != 0 ? Nl.HeaderLength : Nl.Align((int)Math.Min(inner, (uint)(message.Length - start)));
            }

            if (start <= message.Length && AttrTable.Parse(message[start..], start).TryGet((ushort)NlmsgErrAttr.Msg, out NlAttr msg))
            {
                text = msg.String();
            }
        }

        throw new ControlRemoteException((Errno)(-error), text);
    }

    public void Dispose()
    {
        _socket?.Dispose();
        _netlink?.Dispose();
    }
}

// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;
using TeamFw.Native.Interop;
using TeamFw.Native.Sockets;

namespace TeamFw.Netlink;

/// <summary>An interface address as the kernel dumped it (ifaddrmsg + attributes), kept to restore it verbatim.</summary>
public sealed record SavedAddress(byte Family, byte PrefixLength, byte Scope, int IfIndex, byte[] Payload)
{
    /// <summary>IFA_LOCAL, else IFA_ADDRESS: the interface's own address (4 or 16 bytes), or null.</summary>
    public byte[]? Local
    {
        get
        {
            var r = new NlAttrReader(Payload.AsSpan(RtnlClient.IfaddrmsgLength));
            byte[]? address = null;
            while (r.TryNext(out ushort t, out ReadOnlySpan<byte> v))
            {
                if (t == RtnlClient.IfaLocal)
                {
                    return v.ToArray();
                }

                if (t == RtnlClient.IfaAddress)
                {
                    address = v.ToArray();
                }
            }

            return address;
        }
    }

    public override string ToString()
    {
        byte[]? a = Local;
        string text = a is null ? "?" : new System.Net.IPAddress(a).ToString();
        return $"{text}/{PrefixLength}";
    }
}

/// <summary>A link as reported by RTM_NEWLINK / RTM_DELLINK (requests, dumps and RTMGRP_LINK events).</summary>
public readonly record struct LinkInfo(bool Deleted, int IfIndex, string? Name, uint Flags, int Mtu, byte OperState, bool? Carrier)
{
    public const uint IffLowerUp = 0x10000;
    public const uint IffUp = 0x1;

    /// <summary>Carrier as the ethtool watcher sees it: administratively up and IFF_LOWER_UP.</summary>
    public bool LinkUp => (Flags & IffUp) != 0 && (Flags & IffLowerUp) != 0;
}

/// <summary>rtnetlink requests on a blocking socket of its own: link queries and address save/flush/restore.</summary>
public sealed partial class RtnlClient : IRtnl, IDisposable
{
    public const int IfaddrmsgLength = 8;
    public const int IfinfomsgLength = 16;
    public const ushort IfaAddress = 1;
    public const ushort IfaLocal = 2;
    public const ushort IfaLabel = 3;
    public const ushort IfaBroadcast = 4;
    public const ushort IfaCacheinfo = 6;
    public const ushort IfaFlags = 8;
    private const ushort RtmNewlink = 16;
    private const ushort RtmDellink = 17;
    private const ushort RtmGetlink = 18;
    private const ushort RtmNewaddr = 20;
    private const ushort RtmDeladdr = 21;
    private const ushort RtmGetaddr = 22;
    private const ushort IflaIfname = 3;
    private const ushort IflaMtu = 4;
    private const ushort IflaOperstate = 16;
    private const ushort IflaCarrier = 33;
    private const ushort IflaLinkinfo = 18;
    private const ushort IflaInfoKind = 1;

    private readonly NetlinkSocket _sock;
    private readonly byte[] _rx = new byte[64 * 1024];
    private uint _seq = 1;

    public RtnlClient()
    {
        _sock = NetlinkSocket.Open(protocol: 0, groups: 0, nonBlocking: false);
    }

    public void Dispose() => _sock.Dispose();

    /// <summary>Parses an RTM_NEWLINK/RTM_DELLINK message. Returns false for other types or short payloads.</summary>
    public static bool TryParseLink(in NlHeader h, ReadOnlySpan<byte> payload, out LinkInfo link)
    {
        link = default;
        // Only AF_UNSPEC messages describe the interface itself; AF_BRIDGE ones (bridge port events,
        // including RTM_DELLINK when a port leaves a bridge) must not be read as the link going away.
        if ((h.Type != RtmNewlink && h.Type != RtmDellink) || payload.Length < IfinfomsgLength || payload[0] != 0)
        {
            return false;
        }

        int index = NlMessageReader.ReadS32(payload[4..]);
        uint flags = NlMessageReader.ReadU32(payload[8..]);
        string? name = null;
        int mtu = 0;
        byte oper = 0;
        bool? carrier = null;
        var r = new NlAttrReader(payload[IfinfomsgLength..]);
        while (r.TryNext(out ushort t, out ReadOnlySpan<byte> v))
        {
            switch (t)
            {
                case IflaIfname:
                    int n = v.IndexOf((byte)0);
                    name = System.Text.Encoding.ASCII.GetString(n >= 0 ? v[..n] : v);
                    break;
                case IflaMtu when v.Length >= 4:
                    mtu = NlMessageReader.ReadS32(v);
                    break;
                case IflaOperstate when v.Length >= 1:
                    oper = v[0];
                    break;
                case IflaCarrier when v.Length >= 1:
                    carrier = v[0] != 0;
                    break;
            }
        }

        link = new LinkInfo(h.Type == RtmDellink, index, name, flags, mtu, oper, carrier);
        return true;
    }

    /// <summary>The link with this index, or null when it does not exist.</summary>
    public LinkInfo? GetLink(int ifIndex) => QueryLink(ifIndex, null, out _);

    /// <summary>The link with this name and its kind (IFLA_INFO_KIND: "team", "veth", "tun", null for a plain device), or null.</summary>
    public LinkInfo? GetLink(string name, out string? kind) => QueryLink(0, name, out kind);

    private LinkInfo? QueryLink(int ifIndex, string? name, out string? kind)
    {
        kind = null;
        Span<byte> buf = stackalloc byte[96];
        var w = new NlWriter(buf);
        uint seq = _seq++;
        w.BeginMessage(RtmGetlink, Nl.FRequest, seq);
        Span<byte> ifi = stackalloc byte[IfinfomsgLength];
        ifi.Clear();
        NlWriter.WriteU32(ifi[4..], (uint)ifIndex);
        w.WriteRaw(ifi);
        if (name is not null)
        {
            w.WriteStringAttr(IflaIfname, name);
        }

        w.EndMessage();
        Send(w.Written, "RTM_GETLINK");
        while (true)
        {
            int n = Receive("RTM_GETLINK");
            var mr = new NlMessageReader(_rx.AsSpan(0, n));
            while (mr.TryNext(out NlHeader h, out ReadOnlySpan<byte> p))
            {
                if (h.Seq != seq)
                {
                    continue;
                }

                if (h.Type == Nl.NlmsgError)
                {
                    return null;
                }

                if (TryParseLink(h, p, out LinkInfo link))
                {
                    kind = LinkKind(p);
                    return link;
                }
            }
        }
    }

    /// <summary>IFLA_LINKINFO's IFLA_INFO_KIND in an RTM_NEWLINK payload, or null.</summary>
    private static string? LinkKind(ReadOnlySpan<byte> payload)
    {
        var r = new NlAttrReader(payload[IfinfomsgLength..]);
        while (r.TryNext(out ushort t, out ReadOnlySpan<byte> v))
        {
            if ((t & Nl.NlaTypeMask) != IflaLinkinfo)
            {
                continue;
            }

            var info = new NlAttrReader(v);
            while (info.TryNext(out ushort it, out ReadOnlySpan<byte> iv))
            {
                if ((it & Nl.NlaTypeMask) == IflaInfoKind)
                {
                    int n = iv.IndexOf((byte)0);
                    return System.Text.Encoding.ASCII.GetString(n >= 0 ? iv[..n] : iv);
                }
            }
        }

        return null;
    }

    /// <summary>Every address on the interface (IPv4 and IPv6).</summary>
    public List<SavedAddress> GetAddresses(int ifIndex)
    {
        var result = new List<SavedAddress>();
        Span<byte> buf = stackalloc byte[64];
        var w = new NlWriter(buf);
        uint seq = _seq++;
        w.BeginMessage(RtmGetaddr, Nl.FRequest | Nl.FDump, seq);
        Span<byte> ifa = stackalloc byte[IfaddrmsgLength];
        ifa.Clear();
        w.WriteRaw(ifa);
        w.EndMessage();
        Send(w.Written, "RTM_GETADDR");
        while (true)
        {
            int n = Receive("RTM_GETADDR");
            var mr = new NlMessageReader(_rx.AsSpan(0, n));
            while (mr.TryNext(out NlHeader h, out ReadOnlySpan<byte> p))
            {
                if (h.Seq != seq)
                {
                    continue;
                }

                if (h.Type == Nl.NlmsgDone)
                {
                    return result;
                }

                if (h.Type == Nl.NlmsgError)
                {
                    int err = p.Length >= 4 ? NlMessageReader.ReadS32(p) : -(int)Errno.EIO;
                    ErrnoException.Throw((Errno)(-err), "RTM_GETADDR", "ifindex " + ifIndex);
                }

                if (h.Type == RtmNewaddr && p.Length >= IfaddrmsgLength && (int)NlMessageReader.ReadU32(p[4..]) == ifIndex)
                {
                    result.Add(new SavedAddress(p[0], p[1], p[3], ifIndex, p.ToArray()));
                }
            }
        }
    }

    public Errno DeleteAddress(SavedAddress a) => AddrRequest(RtmDeladdr, 0, a);

    /// <summary>Re-adds a saved address; EEXIST (the kernel already recreated it) counts as success.</summary>
    public Errno AddAddress(SavedAddress a)
    {
        Errno e = AddrRequest(RtmNewaddr, Nl.FCreate | Nl.FExcl, a);
        return e == Errno.EEXIST ? Errno.OK : e;
    }

    private Errno AddrRequest(ushort type, ushort flags, SavedAddress a)
    {
        Span<byte> buf = stackalloc byte[512];
        var w = new NlWriter(buf);
        uint seq = _seq++;
        w.BeginMessage(type, (ushort)(Nl.FRequest | Nl.FAck | flags), seq);
        w.WriteRaw(a.Payload.AsSpan(0, IfaddrmsgLength));
        var r = new NlAttrReader(a.Payload.AsSpan(IfaddrmsgLength));
        while (r.TryNext(out ushort t, out ReadOnlySpan<byte> v))
        {
            if (t is IfaAddress or IfaLocal or IfaLabel or IfaBroadcast or IfaFlags or IfaCacheinfo)
            {
                w.WriteAttr(t, v);
            }
        }

        w.EndMessage();
        Send(w.Written, type == RtmNewaddr ? "RTM_NEWADDR" : "RTM_DELADDR");
        return WaitAck(seq, type == RtmNewaddr ? "RTM_NEWADDR" : "RTM_DELADDR");
    }

    private Errno WaitAck(uint seq, string op)
    {
        while (true)
        {
            int n = Receive(op);
            var mr = new NlMessageReader(_rx.AsSpan(0, n));
            while (mr.TryNext(out NlHeader h, out ReadOnlySpan<byte> p))
            {
                if (h.Seq == seq && h.Type == Nl.NlmsgError && p.Length >= 4)
                {
                    return (Errno)(-NlMessageReader.ReadS32(p));
                }
            }
        }
    }

    private void Send(ReadOnlySpan<byte> msg, string op)
    {
        Errno e = _sock.Send(msg);
        if (e != Errno.OK)
        {
            ErrnoException.Throw(e, "send(" + op + ")");
        }
    }

    private int Receive(string op)
    {
        while (true)
        {
            int n = _sock.Receive(_rx);
            if (n >= 0)
            {
                return n;
            }

            if (n != -(int)Errno.EINTR)
            {
                ErrnoException.Throw((Errno)(-n), "recv(" + op + ")");
            }
        }
    }
}

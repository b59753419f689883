// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using TeamFw.Native.Interop;

namespace TeamFw.Netlink;

/// <summary>Making and removing a veth pair (the team device's veth backend; drivers/net/veth.c, veth_newlink).</summary>
public sealed partial class RtnlClient
{
    private const ushort IflaInfoData = 2;
    private const ushort VethInfoPeer = 1; // include/uapi/linux/veth.h

    /// <summary>
    /// RTM_NEWLINK with kind "veth": <paramref name="name"/> and its peer <paramref name="peer"/>, both down, in
    /// this network namespace. NLM_F_EXCL: an existing interface of either name is EEXIST, thrown naming both.
    /// </summary>
    public void CreateVethPair(string name, string peer)
    {
        // IFLA_LINKINFO { IFLA_INFO_KIND "veth", IFLA_INFO_DATA { VETH_INFO_PEER { ifinfomsg, IFLA_IFNAME name } } },
        // built inside out, each nest written as one attribute of the next. veth_newlink registers the device of
        // VETH_INFO_PEER first: named there, team0 gets the next ifindex, as a kernel team device would.
        (name, peer) = (peer, name);
        Span<byte> ifi = stackalloc byte[IfinfomsgLength];
        ifi.Clear();
        Span<byte> peerBuf = stackalloc byte[64];
        var p = new NlWriter(peerBuf);
        p.WriteRaw(ifi);
        p.WriteStringAttr(IflaIfname, peer);
        Span<byte> dataBuf = stackalloc byte[96];
        var d = new NlWriter(dataBuf);
        d.WriteAttr(VethInfoPeer | Nl.NlaFNested, p.Written);
        Span<byte> infoBuf = stackalloc byte[128];
        var i = new NlWriter(infoBuf);
        i.WriteStringAttr(IflaInfoKind, "veth");
        i.WriteAttr(IflaInfoData | Nl.NlaFNested, d.Written);

        Span<byte> buf = stackalloc byte[256];
        var w = new NlWriter(buf);
        uint seq = _seq++;
        w.BeginMessage(RtmNewlink, Nl.FRequest | Nl.FAck | Nl.FCreate | Nl.FExcl, seq);
        w.WriteRaw(ifi);
        w.WriteStringAttr(IflaIfname, name);
        w.WriteAttr(IflaLinkinfo | Nl.NlaFNested, i.Written);
        w.EndMessage();
        Send(w.Written, "RTM_NEWLINK");
        Errno e = WaitAck(seq, "RTM_NEWLINK");
        if (e != Errno.OK)
        {
            ErrnoException.Throw(e, e == Errno.EEXIST ? $"RTM_NEWLINK veth (an interface named {peer} or {name} already exists)"
                : e == Errno.EOPNOTSUPP ? "RTM_NEWLINK veth (no veth driver: CONFIG_VETH, modprobe veth)" : "RTM_NEWLINK veth", peer);
        }
    }

    /// <summary>RTM_DELLINK of the interface with <paramref name="ifIndex"/> (a veth end takes its peer with it).
    /// Returns OK or the errno (ENODEV when it is gone).</summary>
    public Errno DeleteLink(int ifIndex)
    {
        Span<byte> buf = stackalloc byte[64];
        var w = new NlWriter(buf);
        uint seq = _seq++;
        w.BeginMessage(RtmDellink, Nl.FRequest | Nl.FAck, seq);
        Span<byte> ifi = stackalloc byte[IfinfomsgLength];
        ifi.Clear();
        NlWriter.WriteU32(ifi[4..], (uint)ifIndex);
        w.WriteRaw(ifi);
        w.EndMessage();
        Send(w.Written, "RTM_DELLINK");
        return WaitAck(seq, "RTM_DELLINK");
    }
}

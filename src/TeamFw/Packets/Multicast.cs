// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Buffers.Binary;
using System.Collections.Generic;

namespace TeamFw.Packets;

/// <summary>
/// Membership reports for multicast rejoin: IGMPv3 (RFC 3376 §4.2) and MLDv2 (RFC 3810 §5.2), one
/// MODE_IS_EXCLUDE record with no sources per group ("I want all of it"), like a host's current-state report.
/// </summary>
public static class Multicast
{
    private const byte ModeIsExclude = 2;

    /// <summary>An IGMPv3 report to 224.0.0.22 with the Router Alert option, TTL 1. Returns the frame length.</summary>
    public static int WriteIgmpv3Report(Span<byte> frame, ReadOnlySpan<byte> mac, uint sourceIp, IReadOnlyList<uint> groups, int vlanId = -1)
    {
        const uint AllRouters = 0xE0000016; // 224.0.0.22
        Span<byte> dstMac = stackalloc byte[6];
        Ethernet.Ipv4MulticastMac(AllRouters, dstMac);
        int off = Ethernet.WriteHeader(frame, dstMac, mac, 0x0800, vlanId);
        int igmpLength = 8 + 8 * groups.Count;
        Span<byte> ip = frame.Slice(off, 24 + igmpLength);
        ip.Clear();
        ip[0] = 0x46; // version 4, IHL 6 (Router Alert)
        ip[1] = 0xc0; // DSCP CS6, as the kernel sends IGMP
        BinaryPrimitives.WriteUInt16BigEndian(ip[2..], (ushort)(24 + igmpLength));
        BinaryPrimitives.WriteUInt16BigEndian(ip[6..], 0x4000); // don't fragment
        ip[8] = 1;  // TTL
        ip[9] = 2;  // IGMP
        BinaryPrimitives.WriteUInt32BigEndian(ip[12..], sourceIp);
        BinaryPrimitives.WriteUInt32BigEndian(ip[16..], AllRouters);
        ip[20] = 0x94; // Router Alert
        ip[21] = 0x04;
        BinaryPrimitives.WriteUInt16BigEndian(ip[10..], Checksum.Compute(ip[..24]));
        Span<byte> igmp = ip[24..];
        igmp[0] = 0x22;
        BinaryPrimitives.WriteUInt16BigEndian(igmp[6..], (ushort)groups.Count);
        for (int i = 0; i < groups.Count; i++)
        {
            Span<byte> rec = igmp.Slice(8 + 8 * i, 8);
            rec[0] = ModeIsExclude;
            BinaryPrimitives.WriteUInt32BigEndian(rec[4..], groups[i]);
        }

        BinaryPrimitives.WriteUInt16BigEndian(igmp[2..], Checksum.Compute(igmp));
        return off + 24 + igmpLength;
    }

    /// <summary>An MLDv2 report to ff02::16 with a Hop-by-Hop Router Alert, hop limit 1. Returns the frame length.</summary>
    public static int WriteMldv2Report(Span<byte> frame, ReadOnlySpan<byte> mac, ReadOnlySpan<byte> source, IReadOnlyList<byte[]> groups, int vlanId = -1)
    {
        ReadOnlySpan<byte> allMldRouters = [0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x16];
        Span<byte> dstMac = stackalloc byte[6];
        Ethernet.Ipv6MulticastMac(allMldRouters, dstMac);
        int off = Ethernet.WriteHeader(frame, dstMac, mac, Ndisc.EtherType, vlanId);
        int icmpLength = 8 + 20 * groups.Count;
        Ndisc.WriteIpv6Header(frame[off..], 8 + icmpLength, 0 /* hop-by-hop */, 1, source, allMldRouters);
        Span<byte> hbh = frame.Slice(off + 40, 8);
        hbh[0] = Ndisc.NextHeaderIcmpv6;
        hbh[1] = 0;
        hbh[2] = 5; // Router Alert
        hbh[3] = 2;
        hbh[4] = 0; // MLD
        hbh[5] = 0;
        hbh[6] = 1; // PadN
        hbh[7] = 0;
        Span<byte> icmp = frame.Slice(off + 48, icmpLength);
        icmp.Clear();
        icmp[0] = 143;
        BinaryPrimitives.WriteUInt16BigEndian(icmp[6..], (ushort)groups.Count);
        for (int i = 0; i < groups.Count; i++)
        {
            Span<byte> rec = icmp.Slice(8 + 20 * i, 20);
            rec[0] = ModeIsExclude;
            groups[i].CopyTo(rec[4..]);
        }

        BinaryPrimitives.WriteUInt16BigEndian(icmp[2..], Checksum.Ipv6(source, allMldRouters, Ndisc.NextHeaderIcmpv6, icmp));
        return off + 48 + icmpLength;
    }
}

// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Buffers.Binary;

namespace TeamFw.Packets;

/// <summary>IPv6 neighbour discovery frames (RFC 4861): solicitations for nsna_ping, advertisements for peer notification.</summary>
public static class Ndisc
{
    public const ushort EtherType = 0x86DD;
    public const byte NextHeaderIcmpv6 = 58;
    public const byte NeighborSolicitation = 135;
    public const byte NeighborAdvertisement = 136;
    private const int Ipv6HeaderLength = 40;
    private const int NdLength = 32; // type..target (24) + one link-layer address option (8)

    /// <summary>The solicited-node multicast address ff02::1:ffXX:XXXX of <paramref name="target"/>.</summary>
    public static void SolicitedNode(ReadOnlySpan<byte> target, Span<byte> group)
    {
        group.Clear();
        group[0] = 0xff;
        group[1] = 0x02;
        group[11] = 0x01;
        group[12] = 0xff;
        target.Slice(13, 3).CopyTo(group[13..]);
    }

    /// <summary>A neighbour solicitation for <paramref name="target"/> from <paramref name="source"/> (:: for a DAD-style probe,
    /// which then carries no source link-layer option, as RFC 4861 §4.3 requires). Returns the frame length.</summary>
    public static int WriteSolicitation(Span<byte> frame, ReadOnlySpan<byte> srcMac, ReadOnlySpan<byte> source, ReadOnlySpan<byte> target, int vlanId = -1)
    {
        Span<byte> group = stackalloc byte[16];
        SolicitedNode(target, group);
        Span<byte> dstMac = stackalloc byte[6];
        Ethernet.Ipv6MulticastMac(group, dstMac);
        bool unspecified = source.IndexOfAnyExcept((byte)0) < 0;
        int icmpLength = unspecified ? 24 : NdLength;
        int off = Ethernet.WriteHeader(frame, dstMac, srcMac, EtherType, vlanId);
        WriteIpv6Header(frame[off..], icmpLength, NextHeaderIcmpv6, 255, source, group);
        Span<byte> icmp = frame.Slice(off + Ipv6HeaderLength, icmpLength);
        icmp.Clear();
        icmp[0] = NeighborSolicitation;
        target.CopyTo(icmp[8..]);
        if (!unspecified)
        {
            icmp[24] = 1; // source link-layer address
            icmp[25] = 1; // 8 bytes
            srcMac.CopyTo(icmp[26..]);
        }

        BinaryPrimitives.WriteUInt16BigEndian(icmp[2..], Checksum.Ipv6(source, group, NextHeaderIcmpv6, icmp));
        return off + Ipv6HeaderLength + icmpLength;
    }

    /// <summary>An unsolicited advertisement (override set, solicited clear) for <paramref name="address"/> to all nodes,
    /// as the kernel sends on NETDEV_NOTIFY_PEERS. Returns the frame length.</summary>
    public static int WriteUnsolicitedAdvertisement(Span<byte> frame, ReadOnlySpan<byte> mac, ReadOnlySpan<byte> address, int vlanId = -1)
    {
        ReadOnlySpan<byte> allNodes = [0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01];
        Span<byte> dstMac = stackalloc byte[6];
        Ethernet.Ipv6MulticastMac(allNodes, dstMac);
        int off = Ethernet.WriteHeader(frame, dstMac, mac, EtherType, vlanId);
        WriteIpv6Header(frame[off..], NdLength, NextHeaderIcmpv6, 255, address, allNodes);
        Span<byte> icmp = frame.Slice(off + Ipv6HeaderLength, NdLength);
        icmp.Clear();
        icmp[0] = NeighborAdvertisement;
        icmp[4] = 0x20; // override
        address.CopyTo(icmp[8..]);
        icmp[24] = 2; // target link-layer address
        icmp[25] = 1;
        mac.CopyTo(icmp[26..]);
        BinaryPrimitives.WriteUInt16BigEndian(icmp[2..], Checksum.Ipv6(address, allNodes, NextHeaderIcmpv6, icmp));
        return off + Ipv6HeaderLength + NdLength;
    }

    /// <summary>True when the frame is a neighbour advertisement whose target is <paramref name="target"/>.</summary>
    public static bool IsAdvertisementFor(ReadOnlySpan<byte> frame, ReadOnlySpan<byte> target)
    {
        if (frame.Length < Ethernet.HeaderLength + Ipv6HeaderLength + 24 || BinaryPrimitives.ReadUInt16BigEndian(frame[12..]) != EtherType)
        {
            return false;
        }

        ReadOnlySpan<byte> ip = frame[Ethernet.HeaderLength..];
        if (ip[0] >> 4 != 6 || ip[6] != NextHeaderIcmpv6)
        {
            return false;
        }

        ReadOnlySpan<byte> icmp = ip[Ipv6HeaderLength..];
        return icmp[0] == NeighborAdvertisement && icmp[1] == 0 && icmp.Slice(8, 16).SequenceEqual(target);
    }

    internal static void WriteIpv6Header(Span<byte> ip, int payloadLength, byte nextHeader, byte hopLimit, ReadOnlySpan<byte> source, ReadOnlySpan<byte> destination)
    {
        BinaryPrimitives.WriteUInt32BigEndian(ip, 0x60000000);
        BinaryPrimitives.WriteUInt16BigEndian(ip[4..], (ushort)payloadLength);
        ip[6] = nextHeader;
        ip[7] = hopLimit;
        source.CopyTo(ip[8..]);
        destination.CopyTo(ip[24..]);
    }
}

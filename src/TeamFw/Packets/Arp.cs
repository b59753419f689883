// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Buffers.Binary;

namespace TeamFw.Packets;

/// <summary>An ARP packet for IPv4 over Ethernet (RFC 826), as read from a frame.</summary>
public readonly record struct ArpInfo(ushort Operation, uint SenderIp, uint TargetIp, bool EthernetIpv4);

/// <summary>ARP frames: probes for arp_ping and gratuitous ARP for peer notification.</summary>
public static class Arp
{
    public const ushort EtherType = 0x0806;
    public const ushort Request = 1;
    public const ushort Reply = 2;
    public const int PacketLength = 28;

    /// <summary>Writes an Ethernet (optionally 802.1Q-tagged) ARP request; returns the frame length.
    /// IPv4 addresses are in network order as a big-endian uint (1.2.3.4 = 0x01020304).</summary>
    public static int WriteRequest(Span<byte> frame, ReadOnlySpan<byte> srcMac, uint senderIp, uint targetIp, int vlanId = -1, ReadOnlySpan<byte> targetMac = default)
    {
        int off = Ethernet.WriteHeader(frame, Ethernet.Broadcast, srcMac, EtherType, vlanId);
        Span<byte> a = frame.Slice(off, PacketLength);
        BinaryPrimitives.WriteUInt16BigEndian(a, 1);          // hardware: Ethernet
        BinaryPrimitives.WriteUInt16BigEndian(a[2..], 0x0800); // protocol: IPv4
        a[4] = 6;
        a[5] = 4;
        BinaryPrimitives.WriteUInt16BigEndian(a[6..], Request);
        srcMac.CopyTo(a[8..]);
        BinaryPrimitives.WriteUInt32BigEndian(a[14..], senderIp);
        if (targetMac.Length == 6)
        {
            targetMac.CopyTo(a[18..]);
        }
        else
        {
            a.Slice(18, 6).Clear();
        }

        BinaryPrimitives.WriteUInt32BigEndian(a[24..], targetIp);
        return off + PacketLength;
    }

    /// <summary>A gratuitous ARP (an ARP request announcing <paramref name="ip"/>: sender and target IP both it).</summary>
    public static int WriteGratuitous(Span<byte> frame, ReadOnlySpan<byte> mac, uint ip, int vlanId = -1)
        => WriteRequest(frame, mac, ip, ip, vlanId);

    /// <summary>Parses the ARP packet of an untagged frame (the kernel hands VLAN tags over as metadata).</summary>
    public static bool TryParse(ReadOnlySpan<byte> frame, out ArpInfo arp)
    {
        arp = default;
        if (frame.Length < Ethernet.HeaderLength + PacketLength || BinaryPrimitives.ReadUInt16BigEndian(frame[12..]) != EtherType)
        {
            return false;
        }

        ReadOnlySpan<byte> a = frame[Ethernet.HeaderLength..];
        bool ethIpv4 = BinaryPrimitives.ReadUInt16BigEndian(a) == 1 && BinaryPrimitives.ReadUInt16BigEndian(a[2..]) == 0x0800 && a[4] == 6 && a[5] == 4;
        arp = new ArpInfo(BinaryPrimitives.ReadUInt16BigEndian(a[6..]), BinaryPrimitives.ReadUInt32BigEndian(a[14..]), BinaryPrimitives.ReadUInt32BigEndian(a[24..]), ethIpv4);
        return true;
    }
}

/// <summary>Ethernet header helpers.</summary>
public static class Ethernet
{
    public const int HeaderLength = 14;

    public static ReadOnlySpan<byte> Broadcast => [0xff, 0xff, 0xff, 0xff, 0xff, 0xff];

    /// <summary>Writes dst, src, an optional 802.1Q tag and the ethertype; returns the header length.</summary>
    public static int WriteHeader(Span<byte> frame, ReadOnlySpan<byte> dst, ReadOnlySpan<byte> src, ushort etherType, int vlanId = -1)
    {
        dst.CopyTo(frame);
        src.CopyTo(frame[6..]);
        if (vlanId >= 0)
        {
            BinaryPrimitives.WriteUInt16BigEndian(frame[12..], 0x8100);
            BinaryPrimitives.WriteUInt16BigEndian(frame[14..], (ushort)vlanId);
            BinaryPrimitives.WriteUInt16BigEndian(frame[16..], etherType);
            return 18;
        }

        BinaryPrimitives.WriteUInt16BigEndian(frame[12..], etherType);
        return HeaderLength;
    }

    /// <summary>The IPv6 multicast MAC for a group address (33:33 + the low 32 bits, RFC 2464 §7).</summary>
    public static void Ipv6MulticastMac(ReadOnlySpan<byte> group, Span<byte> mac)
    {
        mac[0] = 0x33;
        mac[1] = 0x33;
        group.Slice(12, 4).CopyTo(mac[2..]);
    }

    /// <summary>The IPv4 multicast MAC for a group (01:00:5e + the low 23 bits, RFC 1112 §6.4).</summary>
    public static void Ipv4MulticastMac(uint group, Span<byte> mac)
    {
        mac[0] = 0x01;
        mac[1] = 0x00;
        mac[2] = 0x5e;
        mac[3] = (byte)((group >> 16) & 0x7f);
        mac[4] = (byte)(group >> 8);
        mac[5] = (byte)group;
    }
}

// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace TeamFw.Packets;

/// <summary>Why a received frame is not delivered to the team.</summary>
public enum FrameVerdict
{
    Ok,

    /// <summary>Shorter than an Ethernet header, or than the fixed header of its ethertype (ARP, IPv4, IPv6).</summary>
    Runt,

    /// <summary>Longer than the team MTU allows and not a GSO/GRO super-frame.</summary>
    Oversized,

    /// <summary>An IPv4/IPv6 header that contradicts itself or the frame (version, header length, total length).</summary>
    Malformed,
}

/// <summary>
/// The cheap sanity checks the receive path runs on every frame before it reaches the TAP. They
/// drop what the kernel would drop later anyway (and count it), so garbage never becomes a silent
/// no-op. Frames of other ethertypes pass untouched: LLDP, LACP, experimental types are not ours to judge.
/// </summary>
public static class FrameCheck
{
    public const int EthHeader = 14;
    public const int VlanTag = 4;
    private const ushort EtherTypeIpv4 = 0x0800;
    private const ushort EtherTypeArp = 0x0806;
    private const ushort EtherTypeIpv6 = 0x86DD;
    private const ushort EtherTypeVlan = 0x8100;
    private const ushort EtherTypeQinQ = 0x88A8;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FrameVerdict Check(ReadOnlySpan<byte> frame, int mtu, bool gso)
    {
        if (frame.Length < EthHeader)
        {
            return FrameVerdict.Runt;
        }

        if (!gso && frame.Length > mtu + EthHeader + VlanTag)
        {
            return FrameVerdict.Oversized;
        }

        int off = 12;
        ushort type = BinaryPrimitives.ReadUInt16BigEndian(frame[off..]);
        if (type is EtherTypeVlan or EtherTypeQinQ)
        {
            if (frame.Length < EthHeader + VlanTag)
            {
                return FrameVerdict.Runt;
            }

            off += VlanTag;
            type = BinaryPrimitives.ReadUInt16BigEndian(frame[off..]);
        }

        ReadOnlySpan<byte> l3 = frame[(off + 2)..];
        return type switch
        {
            EtherTypeIpv4 => CheckIpv4(l3, gso),
            EtherTypeIpv6 => CheckIpv6(l3, gso),
            EtherTypeArp => l3.Length < 28 ? FrameVerdict.Runt : FrameVerdict.Ok,
            _ => FrameVerdict.Ok,
        };
    }

    private static FrameVerdict CheckIpv4(ReadOnlySpan<byte> ip, bool gso)
    {
        if (ip.Length < 20)
        {
            return FrameVerdict.Runt;
        }

        int version = ip[0] >> 4;
        int ihl = (ip[0] & 0x0f) * 4;
        int total = BinaryPrimitives.ReadUInt16BigEndian(ip[2..]);
        if (version != 4 || ihl < 20 || ihl > ip.Length)
        {
            return FrameVerdict.Malformed;
        }

        // GSO frames from the stack may carry tot_len 0 (BIG TCP); trust the virtio-net header then.
        if (!gso && (total < ihl || total > ip.Length))
        {
            return FrameVerdict.Malformed;
        }

        return FrameVerdict.Ok;
    }

    private static FrameVerdict CheckIpv6(ReadOnlySpan<byte> ip, bool gso)
    {
        if (ip.Length < 40)
        {
            return FrameVerdict.Runt;
        }

        if (ip[0] >> 4 != 6)
        {
            return FrameVerdict.Malformed;
        }

        int payload = BinaryPrimitives.ReadUInt16BigEndian(ip[4..]);
        if (!gso && payload > ip.Length - 40)
        {
            return FrameVerdict.Malformed;
        }

        return FrameVerdict.Ok;
    }
}

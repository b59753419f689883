// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Buffers.Binary;

namespace TeamFw.Packets;

/// <summary>The Internet checksum (RFC 1071) and the IPv6 pseudo-header sum (RFC 8200 §8.1).</summary>
public static class Checksum
{
    /// <summary>Adds 16-bit big-endian words of <paramref name="data"/> to a running sum (odd length padded with zero).</summary>
    public static uint Add(uint sum, ReadOnlySpan<byte> data)
    {
        int i = 0;
        for (; i + 1 < data.Length; i += 2)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(data[i..]);
        }

        if (i < data.Length)
        {
            sum += (uint)data[i] << 8;
        }

        return sum;
    }

    /// <summary>Folds a running sum and returns its one's complement (what goes on the wire).</summary>
    public static ushort Finish(uint sum)
    {
        while (sum >> 16 != 0)
        {
            sum = (sum & 0xffff) + (sum >> 16);
        }

        return (ushort)~sum;
    }

    public static ushort Compute(ReadOnlySpan<byte> data) => Finish(Add(0, data));

    /// <summary>Checksum of an upper-layer IPv6 payload (ICMPv6: next header 58) with its pseudo-header.</summary>
    public static ushort Ipv6(ReadOnlySpan<byte> source, ReadOnlySpan<byte> destination, byte nextHeader, ReadOnlySpan<byte> payload)
    {
        uint sum = Add(0, source);
        sum = Add(sum, destination);
        sum += (uint)payload.Length >> 16;
        sum += (uint)payload.Length & 0xffff;
        sum += nextHeader;
        return Finish(Add(sum, payload));
    }
}

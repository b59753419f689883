// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Linq;
using System.Net;
using TeamFw.Tests.Netlink;
using Xunit;

namespace TeamFw.Tests.Packets;

/// <summary>
/// Test-side helpers for the packet tests, written without TeamFw.Packets so that golden bytes and
/// checksums do not lean on the code under test.
/// </summary>
internal static class Golden
{
    public const string Mac = "021122334455";

    public static byte[] MacBytes => Hex.Parse(Mac);

    /// <summary>A buffer filled with 0xaa, so that anything a writer leaves unwritten (or writes past its frame) shows up.</summary>
    public static byte[] Dirty(int n = 1600)
    {
        byte[] b = new byte[n];
        b.AsSpan().Fill(0xaa);
        return b;
    }

    public static byte[] Ip(string address) => IPAddress.Parse(address).GetAddressBytes();

    /// <summary>Asserts the writer returned the golden length, wrote the golden bytes and nothing after them.</summary>
    public static void AssertFrame(string expectedHex, byte[] buffer, int length)
    {
        byte[] expected = Hex.Parse(expectedHex);
        Assert.Equal(expected.Length, length);
        Assert.Equal(Hex.Format(expected), Hex.Format(buffer.AsSpan(0, length)));
        Assert.True(buffer.AsSpan(length).IndexOfAnyExcept((byte)0xaa) < 0, "the writer touched bytes past the frame it returned");
    }

    /// <summary>
    /// The RFC 1071 one's-complement sum, folded to 16 bits, done byte by byte (even offsets are the high
    /// octet, an odd tail is padded with zero). Over a range that includes a correct checksum it is 0xffff.
    /// </summary>
    public static ushort OnesSum(ReadOnlySpan<byte> data)
    {
        ulong sum = 0;
        for (int i = 0; i < data.Length; i++)
        {
            sum += (i & 1) == 0 ? (ulong)data[i] << 8 : data[i];
        }

        while (sum > 0xffff)
        {
            sum = (sum & 0xffff) + (sum >> 16);
        }

        return (ushort)sum;
    }

    /// <summary>The IPv6 pseudo-header of RFC 8200 §8.1 (source, destination, 32-bit length, 3 zeros, next header) plus the payload.</summary>
    public static byte[] WithPseudoHeader(byte[] source, byte[] destination, byte nextHeader, ReadOnlySpan<byte> payload)
    {
        int n = payload.Length;
        byte[] length = [(byte)(n >> 24), (byte)(n >> 16), (byte)(n >> 8), (byte)n];
        return [.. source, .. destination, .. length, 0, 0, 0, nextHeader, .. payload.ToArray()];
    }

    /// <summary>Inserts an 802.1Q tag after the MAC addresses of an untagged frame.</summary>
    public static string Tagged(string untaggedHex, int vlanId)
    {
        byte[] f = Hex.Parse(untaggedHex);
        byte[] tag = [0x81, 0x00, (byte)(vlanId >> 8), (byte)vlanId];
        return Hex.Format([.. f.Take(12), .. tag, .. f.Skip(12)]);
    }
}

// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;
using System.IO.Hashing;
using TeamFw.Modes;
using Xunit;
using static TeamFw.Tests.Modes.LbFrames;

namespace TeamFw.Tests.Modes;

public sealed class FrameHasherTests
{
    [Fact]
    public void TestCrc_IsCrc32C()
    {
        // The standard check value of CRC-32C over "123456789" (init and final inversion).
        Assert.Equal(0xE3069283u, ~Crc32C(0xffffffff, "123456789"u8));
    }

    [Theory]
    [InlineData(new[] { "eth" }, TxHashFields.Eth)]
    [InlineData(new[] { "eth", "ipv4", "ipv6" }, TxHash.Default)]
    [InlineData(new[] { "ip" }, TxHashFields.L3)]
    [InlineData(new[] { "l3", "l4" }, TxHashFields.L3 | TxHashFields.L4)]
    [InlineData(new[] { "tcp", "udp", "sctp", "vlan" }, TxHashFields.L4 | TxHashFields.Vlan)]
    public void Parse_TeamdNames(string[] names, TxHashFields expected) => Assert.Equal(expected, TxHash.Parse(names));

    [Fact]
    public void Hash_Eth_IsCrcOfBothMacs()
    {
        byte[] f = V4("10.0.0.1", "10.0.0.2", 6, 1000, 80);
        AssertHashesOf(f, TxHashFields.Eth, (0, 12));
    }

    [Fact]
    public void Hash_L3L4_Ipv4Tcp_IsCrcOfAddressesThenPorts()
    {
        byte[] f = V4("10.0.0.1", "10.0.0.2", 6, 1000, 80);
        AssertHashesOf(f, TxHashFields.L3 | TxHashFields.L4, (26, 8), (34, 4));
        AssertHashesOf(f, TxHash.Default, (0, 12), (26, 8));
    }

    [Fact]
    public void Hash_Golden()
    {
        // Locks both hashes (and so which port a flow takes) across versions and architectures.
        byte[] f = V4("10.0.0.1", "10.0.0.2", 6, 1000, 80);
        Assert.Equal(0xCA11A396u, FrameHasher.HashCrc32C(f, TxHashFields.L3 | TxHashFields.L4));
        Assert.Equal(0xC5, FrameHasher.Bucket(FrameHasher.HashCrc32C(f, TxHashFields.L3 | TxHashFields.L4)));
        Assert.Equal(0xC18A5C84u, FrameHasher.HashXxHash3(f, TxHashFields.L3 | TxHashFields.L4));
    }

    [Fact]
    public void Hash_PicksCrc32COnlyWithCrcInstructions()
    {
        byte[] f = V4("10.0.0.1", "10.0.0.2", 6, 1000, 80);
        bool crc = System.Runtime.Intrinsics.X86.Sse42.IsSupported || System.Runtime.Intrinsics.Arm.Crc32.IsSupported;
        Assert.Equal(crc, FrameHasher.HasCrcInstructions);
        uint expected = crc ? FrameHasher.HashCrc32C(f, TxHash.Default) : FrameHasher.HashXxHash3(f, TxHash.Default);
        Assert.Equal(expected, FrameHasher.Hash(f, TxHash.Default));
    }

    [Theory]
    [InlineData(false, 2)]
    [InlineData(false, 4)]
    [InlineData(true, 2)]
    [InlineData(true, 4)]
    public void Hash_1000Flows_SpreadEvenly_WithEitherHash(bool xxhash3, int ports)
    {
        // 1000 flows with l3+l4 over the kernel's bucket % ports: every port within 5 points of its share.
        var counts = new int[ports];
        foreach (byte[] flow in Flows(1000))
        {
            uint h = xxhash3 ? FrameHasher.HashXxHash3(flow, TxHashFields.L3 | TxHashFields.L4) : FrameHasher.HashCrc32C(flow, TxHashFields.L3 | TxHashFields.L4);
            counts[FrameHasher.Bucket(h) % ports]++;
        }

        foreach (int c in counts)
        {
            Assert.InRange(c / 10.0, (100.0 / ports) - 5, (100.0 / ports) + 5);
        }
    }

    [Fact]
    public void Hash_Ipv4WithOptions_PortsAfterIhl()
    {
        byte[] f = V4("10.0.0.1", "10.0.0.2", 17, 1000, 53, ihl: 6);
        AssertHashesOf(f, TxHashFields.Udp, (38, 4));
    }

    [Theory]
    [InlineData(0x2000)] // MF: the first fragment carries the ports, the others do not
    [InlineData(0x0010)] // a fragment offset
    public void Hash_Ipv4Fragment_NoPorts(int frag)
    {
        byte[] f = V4("10.0.0.1", "10.0.0.2", 6, 1000, 80, fragField: (ushort)frag);
        AssertHashesOf(f, TxHashFields.L3 | TxHashFields.L4, (26, 8));
    }

    [Fact]
    public void Hash_DontFragmentBit_StillHashesPorts()
    {
        byte[] f = V4("10.0.0.1", "10.0.0.2", 6, 1000, 80, fragField: 0x4000);
        AssertHashesOf(f, TxHashFields.L3 | TxHashFields.L4, (26, 8), (34, 4));
    }

    [Fact]
    public void Hash_Vlan_TagIdThenInnerIpv4()
    {
        byte[] f = V4("10.0.0.1", "10.0.0.2", 6, 1000, 80, vlan: 0x2064); // prio 1, id 0x064
        byte[] id = [0x64, 0x00]; // VLAN id 100 as the hasher feeds it (a little-endian u16)
        Assert.Equal(Crc32C(0xffffffff, id), FrameHasher.HashCrc32C(f, TxHashFields.Vlan));
        Assert.Equal((uint)XxHash3.HashToUInt64(id), FrameHasher.HashXxHash3(f, TxHashFields.Vlan));
        AssertHashesOf(f, TxHashFields.L3 | TxHashFields.L4, (30, 8), (38, 4));
    }

    [Fact]
    public void Hash_Ipv6_AddressesAndPorts()
    {
        byte[] f = V6("2001:db8::1", "2001:db8::2", 6, 1000, 80);
        AssertHashesOf(f, TxHashFields.L3 | TxHashFields.L4, (22, 32), (54, 4));
    }

    [Fact]
    public void Hash_Ipv6HopByHop_Skipped_FragmentHeader_NoPorts()
    {
        byte[] hbh = [17, 0, 1, 4, 0, 0, 0, 0]; // next: UDP, 8 bytes (PadN)
        byte[] f = V6("2001:db8::1", "2001:db8::2", 0, 1000, 53, hbh);
        AssertHashesOf(f, TxHashFields.Udp, (62, 4));

        byte[] frag = [17, 0, 0, 1, 0, 0, 0, 7]; // next: UDP, more fragments
        byte[] g = V6("2001:db8::1", "2001:db8::2", 44, 1000, 53, frag);
        AssertHashesOf(g, TxHashFields.Udp);
    }

    [Fact]
    public void Hash_TruncatedFrames_DoNotThrow()
    {
        byte[] f = V6("2001:db8::1", "2001:db8::2", 6, 1000, 80);
        for (int n = 0; n <= f.Length; n++)
        {
            FrameHasher.HashCrc32C(f.AsSpan(0, n), TxHashFields.Eth | TxHashFields.Vlan | TxHashFields.L3 | TxHashFields.L4);
            FrameHasher.HashXxHash3(f.AsSpan(0, n), TxHashFields.Eth | TxHashFields.Vlan | TxHashFields.L3 | TxHashFields.L4);
        }
    }

    [Fact]
    public void Hash_FieldNotSelected_DoesNotChangeIt()
    {
        byte[] a = V4("10.0.0.1", "10.0.0.2", 6, 1000, 80);
        byte[] b = V4("10.0.0.1", "10.0.0.2", 6, 1001, 80);
        Assert.Equal(FrameHasher.Hash(a, TxHashFields.L3), FrameHasher.Hash(b, TxHashFields.L3));
        Assert.NotEqual(FrameHasher.Hash(a, TxHashFields.L3 | TxHashFields.Tcp), FrameHasher.Hash(b, TxHashFields.L3 | TxHashFields.Tcp));
        Assert.Equal(FrameHasher.Hash(a, TxHashFields.L3 | TxHashFields.Udp), FrameHasher.Hash(b, TxHashFields.L3 | TxHashFields.Udp));
    }

    [Fact]
    public void KernelFold_XorsTheFourBytes() => Assert.Equal(0x12 ^ 0x34 ^ 0x56 ^ 0x78, FrameHasher.KernelFold(0x12345678));

    /// <summary>
    /// Both hashes read exactly the given byte ranges of the frame, in order: CRC32C checked against
    /// a bit-by-bit CRC, XxHash3 against System.IO.Hashing over the same bytes.
    /// </summary>
    private static void AssertHashesOf(byte[] f, TxHashFields fields, params (int Offset, int Length)[] ranges)
    {
        var selected = new List<byte>();
        foreach ((int o, int l) in ranges)
        {
            selected.AddRange(f.AsSpan(o, l).ToArray());
        }

        Assert.Equal(CrcOf(f, ranges), FrameHasher.HashCrc32C(f, fields));
        Assert.Equal((uint)XxHash3.HashToUInt64(selected.ToArray()), FrameHasher.HashXxHash3(f, fields));
    }
}

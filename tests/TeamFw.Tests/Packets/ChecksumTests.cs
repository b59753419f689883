// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using TeamFw.Packets;
using TeamFw.Tests.Netlink;
using Xunit;

namespace TeamFw.Tests.Packets;

public sealed class ChecksumTests
{
    // Expected values worked out by hand (RFC 1071 §3 example; the classic IPv4 header example) and
    // confirmed offline with an independent Python sum.
    [Theory]
    [InlineData("", (ushort)0xffff)]
    [InlineData("0001 f203 f4f5 f6f7", (ushort)0x220d)] // RFC 1071 §3: sum 0xddf2
    [InlineData("01", (ushort)0xfeff)] // odd tail padded with a zero octet: 0x0100
    [InlineData("010203", (ushort)0xfbfd)] // 0x0102 + 0x0300
    [InlineData("ffff ffff", (ushort)0x0000)] // 0x1fffe folds to 0xffff
    [InlineData("ffff 0001", (ushort)0xfffe)] // 0x10000 folds to 0x0001
    [InlineData("4500 0073 0000 4000 4011 0000 c0a8 0001 c0a8 00c7", (ushort)0xb861)]
    public void Compute_KnownInput_KnownChecksum(string hex, ushort expected)
    {
        Assert.Equal(expected, Checksum.Compute(Hex.Parse(hex)));
    }

    [Fact]
    public void Compute_ChecksumWrittenBack_OnesSumIsFfff()
    {
        var rng = new Random(1071);
        for (int n = 2; n < 200; n += 2)
        {
            byte[] data = new byte[n];
            rng.NextBytes(data);
            data[0] = 0;
            data[1] = 0;
            ushort c = Checksum.Compute(data);
            data[0] = (byte)(c >> 8);
            data[1] = (byte)c;

            Assert.Equal(0xffff, Golden.OnesSum(data));
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(10)]
    [InlineData(64)]
    public void Add_SplitAtEvenOffset_SameAsWhole(int split)
    {
        byte[] data = new byte[65];
        new Random(split).NextBytes(data);

        uint sum = Checksum.Add(Checksum.Add(0, data.AsSpan(0, split)), data.AsSpan(split));

        Assert.Equal(Checksum.Compute(data), Checksum.Finish(sum));
    }

    [Fact]
    public void Add_ManyMaximalWords_AgreesWithIndependentSum()
    {
        byte[] data = new byte[60000];
        data.AsSpan().Fill(0xff);
        data[^1] = 0xfe;

        Assert.Equal((ushort)~Golden.OnesSum(data), Checksum.Compute(data));
    }

    [Theory]
    [InlineData(0u, (ushort)0xffff)]
    [InlineData(0xffffu, (ushort)0x0000)]
    [InlineData(0x0001fffeu, (ushort)0x0000)] // 0xfffe + 1 = 0xffff
    [InlineData(0xffffffffu, (ushort)0x0000)] // 0xffff + 0xffff = 0x1fffe, again 0xffff
    [InlineData(0x00021234u, (ushort)0xedc9)] // 0x1234 + 2 = 0x1236
    public void Finish_Sum_FoldedAndComplemented(uint sum, ushort expected)
    {
        Assert.Equal(expected, Checksum.Finish(sum));
    }

    // ICMPv6 payloads (checksum field zero) of the NS/NA goldens in NdiscTests; the checksums were
    // computed offline over the pseudo-header by hand-written code and confirmed with scapy.
    [Theory]
    [InlineData("fe80::211:22ff:fe33:4455", "ff02::1:ffab:cdef", "8700 0000 00000000 20010db8000000000000000000abcdef 0101 021122334455", (ushort)0xdffc)]
    [InlineData("::", "ff02::1:ffab:cdef", "8700 0000 00000000 20010db8000000000000000000abcdef", (ushort)0xafb9)]
    [InlineData("2001:db8::10", "ff02::1", "8800 0000 20000000 20010db8000000000000000000000010 0201 021122334455", (ushort)0x9274)]
    public void Ipv6_NdPayload_KnownChecksum(string source, string destination, string payload, ushort expected)
    {
        Assert.Equal(expected, Checksum.Ipv6(Golden.Ip(source), Golden.Ip(destination), 58, Hex.Parse(payload)));
    }

    [Theory]
    [InlineData(0, (byte)58)]
    [InlineData(1, (byte)17)]
    [InlineData(33, (byte)58)]
    [InlineData(70000, (byte)6)] // upper-layer length above 0xffff: the pseudo-header carries it in 32 bits
    public void Ipv6_AnyPayload_AgreesWithPseudoHeaderSum(int length, byte nextHeader)
    {
        byte[] source = Golden.Ip("2001:db8:1:2:3:4:5:6");
        byte[] destination = Golden.Ip("fe80::ffff:ffff:ffff:fffe");
        byte[] payload = new byte[length];
        new Random(length).NextBytes(payload);

        ushort expected = (ushort)~Golden.OnesSum(Golden.WithPseudoHeader(source, destination, nextHeader, payload));

        Assert.Equal(expected, Checksum.Ipv6(source, destination, nextHeader, payload));
    }
}

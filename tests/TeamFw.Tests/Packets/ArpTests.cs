// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using TeamFw.Packets;
using TeamFw.Tests.Netlink;
using Xunit;

namespace TeamFw.Tests.Packets;

/// <summary>
/// Golden frames written by hand from RFC 826 (htype 1, ptype 0x0800, hlen 6, plen 4, op, sha, spa, tha, tpa)
/// and IEEE 802.1Q (TPID 0x8100, TCI); confirmed offline by decoding them with scapy 2.5.0.
/// </summary>
public sealed class ArpTests
{
    private const uint Host = 0xc0a8010a;    // 192.168.1.10
    private const uint Gateway = 0xc0a80101; // 192.168.1.1

    private const string Request =
        "ffffffffffff 021122334455 0806" +
        " 0001 0800 06 04 0001 021122334455 c0a8010a 000000000000 c0a80101";

    private const string RequestVlan100WithTargetMac =
        "ffffffffffff 021122334455 8100 0064 0806" +
        " 0001 0800 06 04 0001 021122334455 c0a8010a 0a0b0c0d0e0f c0a80101";

    // A reply from 192.168.1.1 (0a:0b:0c:0d:0e:0f) as it arrives: padded to the 60-byte minimum.
    private const string Reply =
        "021122334455 0a0b0c0d0e0f 0806" +
        " 0001 0800 06 04 0002 0a0b0c0d0e0f c0a80101 021122334455 c0a8010a" +
        " 000000000000000000000000000000000000";

    [Fact]
    public void WriteRequest_Untagged_MatchesGolden()
    {
        byte[] frame = Golden.Dirty();

        int n = Arp.WriteRequest(frame, Golden.MacBytes, Host, Gateway);

        Golden.AssertFrame(Request, frame, n);
    }

    [Fact]
    public void WriteRequest_Vlan100WithTargetMac_MatchesGolden()
    {
        byte[] frame = Golden.Dirty();

        int n = Arp.WriteRequest(frame, Golden.MacBytes, Host, Gateway, 100, Hex.Parse("0a0b0c0d0e0f"));

        Golden.AssertFrame(RequestVlan100WithTargetMac, frame, n);
    }

    [Theory]
    [InlineData(-1, 0xc0a8010au, "ffffffffffff 021122334455 0806 0001 0800 06 04 0001 021122334455 c0a8010a 000000000000 c0a8010a")]
    [InlineData(4094, 0x0a000001u, "ffffffffffff 021122334455 8100 0ffe 0806 0001 0800 06 04 0001 021122334455 0a000001 000000000000 0a000001")]
    [InlineData(0, 0x0a000001u, "ffffffffffff 021122334455 8100 0000 0806 0001 0800 06 04 0001 021122334455 0a000001 000000000000 0a000001")]
    public void WriteGratuitous_Address_RequestWithSenderEqualTarget(int vlanId, uint ip, string expected)
    {
        byte[] frame = Golden.Dirty();

        int n = Arp.WriteGratuitous(frame, Golden.MacBytes, ip, vlanId);

        Golden.AssertFrame(expected, frame, n);
    }

    [Fact]
    public void WriteRequest_ExactSizeBuffer_Fits()
    {
        byte[] frame = new byte[46];

        Assert.Equal(46, Arp.WriteRequest(frame, Golden.MacBytes, Host, Gateway, 100));
    }

    [Fact]
    public void TryParse_PaddedReply_ReadsFields()
    {
        Assert.True(Arp.TryParse(Hex.Parse(Reply), out ArpInfo arp));

        Assert.Equal(new ArpInfo(Arp.Reply, Gateway, Host, true), arp);
    }

    [Fact]
    public void TryParse_OwnRequest_RoundTrips()
    {
        Assert.True(Arp.TryParse(Hex.Parse(Request), out ArpInfo arp));

        Assert.Equal(new ArpInfo(Arp.Request, Host, Gateway, true), arp);
    }

    [Theory]
    [InlineData(15, 0x06)] // htype 6 (IEEE 802)
    [InlineData(14, 0x01)] // htype 0x0101
    [InlineData(16, 0x86)] // ptype 0x8600
    [InlineData(17, 0xdd)] // ptype 0x08dd
    [InlineData(18, 0x08)] // hlen 8
    [InlineData(19, 0x10)] // plen 16
    public void TryParse_NotEthernetIpv4_ParsedButFlagged(int offset, byte value)
    {
        byte[] frame = Hex.Parse(Reply);
        frame[offset] = value;

        Assert.True(Arp.TryParse(frame, out ArpInfo arp));

        Assert.False(arp.EthernetIpv4);
        Assert.Equal(Arp.Reply, arp.Operation);
    }

    [Fact]
    public void TryParse_OneByteShort_False()
    {
        byte[] frame = Hex.Parse(Request).AsSpan(0, 41).ToArray();

        Assert.False(Arp.TryParse(frame, out ArpInfo arp));
        Assert.Equal(default, arp);
    }

    [Theory]
    [InlineData("0800")]
    [InlineData("86dd")]
    [InlineData("8035")] // RARP
    public void TryParse_OtherEtherType_False(string etherType)
    {
        byte[] frame = Hex.Parse(Reply);
        Hex.Parse(etherType).CopyTo(frame, 12);

        Assert.False(Arp.TryParse(frame, out _));
    }

    // The kernel hands VLAN tags over as metadata; a tag left in the frame is not looked through.
    [Fact]
    public void TryParse_TaggedFrame_False()
    {
        Assert.False(Arp.TryParse(Hex.Parse(RequestVlan100WithTargetMac), out _));
    }
}

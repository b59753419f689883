// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using TeamFw.Packets;
using TeamFw.Tests.Netlink;
using Xunit;

namespace TeamFw.Tests.Packets;

/// <summary>
/// Golden frames written by hand from RFC 8200 (IPv6 header), RFC 4861 §4.3/§4.4 (NS/NA, hop limit 255,
/// source/target link-layer address options) and RFC 4291 §2.7.1 (solicited-node group), with the ICMPv6
/// checksums computed over the pseudo-header by independent code and the frames confirmed offline by
/// decoding and re-checksumming them with scapy 2.5.0.
/// </summary>
public sealed class NdiscTests
{
    private const string LinkLocal = "fe80::211:22ff:fe33:4455";
    private const string Target = "2001:db8::ab:cdef";
    private const string Address = "2001:db8::10";

    // NS from a link-local source to ff02::1:ffab:cdef, with a source link-layer address option.
    private const string SolicitationFromLinkLocal =
        "3333ffabcdef 021122334455 86dd" +
        " 60000000 0020 3a ff fe80 0000 0000 0000 0211 22ff fe33 4455 ff02 0000 0000 0000 0000 0001 ffab cdef" +
        " 87 00 dffc 00000000 2001 0db8 0000 0000 0000 0000 00ab cdef 01 01 021122334455";

    // NS from :: (no option allowed, RFC 4861 §4.3), on VLAN 5.
    private const string SolicitationUnspecifiedVlan5 =
        "3333ffabcdef 021122334455 8100 0005 86dd" +
        " 60000000 0018 3a ff 0000 0000 0000 0000 0000 0000 0000 0000 ff02 0000 0000 0000 0000 0001 ffab cdef" +
        " 87 00 afb9 00000000 2001 0db8 0000 0000 0000 0000 00ab cdef";

    // Unsolicited NA to ff02::1: R=0 S=0 O=1, target link-layer address option.
    private const string UnsolicitedAdvertisement =
        "333300000001 021122334455 86dd" +
        " 60000000 0020 3a ff 2001 0db8 0000 0000 0000 0000 0000 0010 ff02 0000 0000 0000 0000 0000 0000 0001" +
        " 88 00 9274 20000000 2001 0db8 0000 0000 0000 0000 0000 0010 02 01 021122334455";

    [Theory]
    [InlineData(Target, "ff02::1:ffab:cdef")]
    [InlineData(LinkLocal, "ff02::1:ff33:4455")]
    [InlineData("::1", "ff02::1:ff00:1")]
    [InlineData("2001:db8:ffff:ffff:ffff:ffff:ffff:ffff", "ff02::1:ffff:ffff")]
    public void SolicitedNode_Address_Ff02Colon1ColonFfAndLow24Bits(string address, string expected)
    {
        byte[] group = Golden.Dirty(16);

        Ndisc.SolicitedNode(Golden.Ip(address), group);

        Assert.Equal(Hex.Format(Golden.Ip(expected)), Hex.Format(group));
    }

    [Fact]
    public void WriteSolicitation_LinkLocalSource_MatchesGoldenWithSlla()
    {
        byte[] frame = Golden.Dirty();

        int n = Ndisc.WriteSolicitation(frame, Golden.MacBytes, Golden.Ip(LinkLocal), Golden.Ip(Target));

        Golden.AssertFrame(SolicitationFromLinkLocal, frame, n);
    }

    [Fact]
    public void WriteSolicitation_LinkLocalSourceVlan_GoldenWithTag()
    {
        byte[] frame = Golden.Dirty();

        int n = Ndisc.WriteSolicitation(frame, Golden.MacBytes, Golden.Ip(LinkLocal), Golden.Ip(Target), 3000);

        Golden.AssertFrame(Golden.Tagged(SolicitationFromLinkLocal, 3000), frame, n);
    }

    [Fact]
    public void WriteSolicitation_UnspecifiedSource_MatchesGoldenWithoutOption()
    {
        byte[] frame = Golden.Dirty();

        int n = Ndisc.WriteSolicitation(frame, Golden.MacBytes, new byte[16], Golden.Ip(Target), 5);

        Golden.AssertFrame(SolicitationUnspecifiedVlan5, frame, n);
    }

    [Fact]
    public void WriteUnsolicitedAdvertisement_Address_MatchesGolden()
    {
        byte[] frame = Golden.Dirty();

        int n = Ndisc.WriteUnsolicitedAdvertisement(frame, Golden.MacBytes, Golden.Ip(Address));

        Golden.AssertFrame(UnsolicitedAdvertisement, frame, n);
    }

    [Fact]
    public void WriteUnsolicitedAdvertisement_Vlan_GoldenWithTag()
    {
        byte[] frame = Golden.Dirty();

        int n = Ndisc.WriteUnsolicitedAdvertisement(frame, Golden.MacBytes, Golden.Ip(Address), 42);

        Golden.AssertFrame(Golden.Tagged(UnsolicitedAdvertisement, 42), frame, n);
    }

    // Property check over other addresses: the ICMPv6 checksum verifies over the pseudo-header (sum 0xffff).
    [Theory]
    [InlineData("fe80::1", "fe80::2")]
    [InlineData("fe80::ffff:ffff:ffff:ffff", "2001:db8::ffff:ffff")]
    [InlineData("::", "fe80::abcd")]
    public void WriteSolicitation_AnyAddresses_ChecksumVerifies(string source, string target)
    {
        byte[] frame = Golden.Dirty();
        byte[] src = Golden.Ip(source);

        int n = Ndisc.WriteSolicitation(frame, Golden.MacBytes, src, Golden.Ip(target));

        byte[] group = frame.AsSpan(14 + 24, 16).ToArray();
        Assert.Equal(Hex.Format(src), Hex.Format(frame.AsSpan(14 + 8, 16)));
        Assert.Equal(0xffff, Golden.OnesSum(Golden.WithPseudoHeader(src, group, 58, frame.AsSpan(54, n - 54))));
    }

    [Fact]
    public void IsAdvertisementFor_OwnTarget_True()
    {
        Assert.True(Ndisc.IsAdvertisementFor(Hex.Parse(UnsolicitedAdvertisement), Golden.Ip(Address)));
    }

    [Fact]
    public void IsAdvertisementFor_SolicitedAdvertisementWithoutOption_True()
    {
        // A solicited NA (R=0 S=1 O=0) from 2001:db8::ab:cdef back to the link-local, 78 bytes, no option.
        byte[] frame = Hex.Parse(
            "021122334455 0a0b0c0d0e0f 86dd" +
            " 60000000 0018 3a ff 2001 0db8 0000 0000 0000 0000 00ab cdef fe80 0000 0000 0000 0211 22ff fe33 4455" +
            " 88 00 d8ea 40000000 2001 0db8 0000 0000 0000 0000 00ab cdef");

        Assert.True(Ndisc.IsAdvertisementFor(frame, Golden.Ip(Target)));
    }

    [Fact]
    public void IsAdvertisementFor_OtherTarget_False()
    {
        Assert.False(Ndisc.IsAdvertisementFor(Hex.Parse(UnsolicitedAdvertisement), Golden.Ip("2001:db8::11")));
    }

    [Fact]
    public void IsAdvertisementFor_Solicitation_False()
    {
        Assert.False(Ndisc.IsAdvertisementFor(Hex.Parse(SolicitationFromLinkLocal), Golden.Ip(Target)));
    }

    [Theory]
    [InlineData(12, 0x08)] // ethertype 0x08dd
    [InlineData(14, 0x40)] // IP version 4
    [InlineData(20, 0x00)] // next header hop-by-hop: extension headers are not walked
    [InlineData(20, 0x11)] // next header UDP
    [InlineData(55, 0x01)] // ICMPv6 code 1
    [InlineData(65, 0x11)] // a different target
    public void IsAdvertisementFor_FieldChanged_False(int offset, byte value)
    {
        byte[] frame = Hex.Parse(UnsolicitedAdvertisement);
        frame[offset] = value;

        Assert.False(Ndisc.IsAdvertisementFor(frame, Golden.Ip(Address)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(14)]
    [InlineData(77)] // one byte short of header + NA up to the target
    public void IsAdvertisementFor_Truncated_False(int length)
    {
        byte[] frame = Hex.Parse(UnsolicitedAdvertisement).AsSpan(0, length).ToArray();

        Assert.False(Ndisc.IsAdvertisementFor(frame, Golden.Ip(Address)));
    }

    [Fact]
    public void IsAdvertisementFor_TaggedFrame_False()
    {
        // Received frames come untagged (the tag is metadata); a tag in the frame is not looked through.
        byte[] frame = Hex.Parse(Golden.Tagged(UnsolicitedAdvertisement, 42));

        Assert.False(Ndisc.IsAdvertisementFor(frame, Golden.Ip(Address)));
    }
}

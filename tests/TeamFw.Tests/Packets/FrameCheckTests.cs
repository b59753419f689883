// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using TeamFw.Packets;
using TeamFw.Tests.Netlink;
using Xunit;

namespace TeamFw.Tests.Packets;

/// <summary>
/// The receive path's sanity checks: frames shorter than 14 bytes or than their L3 fixed header are runts,
/// frames over MTU + 14 + 4 (room for one tag) are oversized unless GSO, IPv4/IPv6 headers that contradict
/// themselves or the frame are malformed (GSO frames are trusted on their length fields only), one 802.1Q or
/// 802.1ad tag is looked through, every other ethertype passes.
/// </summary>
public sealed class FrameCheckTests
{
    private const int Mtu = 1500;

    /// <summary>An Ethernet frame of <paramref name="length"/> bytes: MACs, the given ethertype(s) and L3 header start, zeros after.</summary>
    private static byte[] Frame(int length, string typesAndL3)
    {
        byte[] frame = new byte[length];
        byte[] head = Hex.Parse("ffffffffffff 021122334455 " + typesAndL3);
        head.AsSpan(0, Math.Min(head.Length, length)).CopyTo(frame);
        return frame;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(13)]
    public void Check_ShorterThanEthernetHeader_Runt(int length)
    {
        Assert.Equal(FrameVerdict.Runt, FrameCheck.Check(new byte[length], Mtu, gso: false));
        Assert.Equal(FrameVerdict.Runt, FrameCheck.Check(new byte[length], Mtu, gso: true));
    }

    [Theory]
    [InlineData("88cc")] // LLDP
    [InlineData("8809")] // slow protocols (LACP)
    [InlineData("88b5")] // local experimental
    [InlineData("0000")] // 802.3 length field
    public void Check_OtherEtherTypeHeaderOnly_Ok(string etherType)
    {
        Assert.Equal(FrameVerdict.Ok, FrameCheck.Check(Frame(14, etherType), Mtu, gso: false));
    }

    [Theory]
    [InlineData(1500, 1518, false, FrameVerdict.Ok)] // MTU + header + one tag's worth
    [InlineData(1500, 1519, false, FrameVerdict.Oversized)]
    [InlineData(1500, 1519, true, FrameVerdict.Ok)]
    [InlineData(1500, 65550, true, FrameVerdict.Ok)]
    [InlineData(9000, 9018, false, FrameVerdict.Ok)]
    [InlineData(9000, 9019, false, FrameVerdict.Oversized)]
    [InlineData(68, 87, false, FrameVerdict.Oversized)]
    public void Check_Length_AgainstMtu(int mtu, int length, bool gso, FrameVerdict expected)
    {
        Assert.Equal(expected, FrameCheck.Check(Frame(length, "88b5"), mtu, gso));
    }

    [Fact]
    public void Check_OversizedIpv4_OversizedBeforeHeaderChecks()
    {
        Assert.Equal(FrameVerdict.Oversized, FrameCheck.Check(Frame(1519, "0800 ff"), Mtu, gso: false));
    }

    [Theory]
    [InlineData(34, "45 00 0014", false, FrameVerdict.Ok)] // bare 20-byte header
    [InlineData(60, "45 00 001c", false, FrameVerdict.Ok)] // Ethernet padding after tot_len
    [InlineData(38, "46 00 0018", false, FrameVerdict.Ok)] // with 4 bytes of options
    [InlineData(33, "45 00 0013", false, FrameVerdict.Runt)] // 19 bytes of L3
    [InlineData(14, "", false, FrameVerdict.Runt)]
    [InlineData(34, "65 00 0014", false, FrameVerdict.Malformed)] // version 6 under ethertype 0x0800
    [InlineData(34, "05 00 0014", false, FrameVerdict.Malformed)] // version 0
    [InlineData(34, "44 00 0014", false, FrameVerdict.Malformed)] // IHL 16 bytes
    [InlineData(34, "40 00 0014", false, FrameVerdict.Malformed)] // IHL 0
    [InlineData(34, "46 00 0018", false, FrameVerdict.Malformed)] // IHL 24 > 20 bytes present
    [InlineData(94, "4f 00 003c", false, FrameVerdict.Ok)] // IHL 60, the largest
    [InlineData(34, "45 00 0015", false, FrameVerdict.Malformed)] // tot_len past the frame
    [InlineData(34, "45 00 0013", false, FrameVerdict.Malformed)] // tot_len shorter than the header
    [InlineData(34, "45 00 0000", false, FrameVerdict.Malformed)]
    [InlineData(34, "45 00 0000", true, FrameVerdict.Ok)] // BIG TCP: tot_len 0, trust the virtio-net header
    [InlineData(34, "45 00 ffff", true, FrameVerdict.Ok)]
    [InlineData(34, "46 00 0018", true, FrameVerdict.Malformed)] // IHL is checked under GSO too
    [InlineData(34, "35 00 0014", true, FrameVerdict.Malformed)] // and the version
    [InlineData(33, "45 00 0013", true, FrameVerdict.Runt)]
    public void Check_Ipv4_Verdict(int length, string header, bool gso, FrameVerdict expected)
    {
        Assert.Equal(expected, FrameCheck.Check(Frame(length, "0800 " + header), Mtu, gso));
    }

    [Theory]
    [InlineData(54, "60000000 0000", false, FrameVerdict.Ok)]
    [InlineData(62, "60000000 0008", false, FrameVerdict.Ok)]
    [InlineData(64, "60000000 0008", false, FrameVerdict.Ok)] // padding after the payload
    [InlineData(54, "6fffffff 0000", false, FrameVerdict.Ok)] // traffic class and flow label are not judged
    [InlineData(53, "60000000 0000", false, FrameVerdict.Runt)] // 39 bytes of L3
    [InlineData(14, "", false, FrameVerdict.Runt)]
    [InlineData(54, "40000000 0000", false, FrameVerdict.Malformed)] // version 4 under ethertype 0x86dd
    [InlineData(54, "f0000000 0000", false, FrameVerdict.Malformed)]
    [InlineData(62, "60000000 0009", false, FrameVerdict.Malformed)] // payload_len past the frame
    [InlineData(54, "60000000 ffff", true, FrameVerdict.Ok)]
    [InlineData(54, "50000000 0000", true, FrameVerdict.Malformed)] // version is checked under GSO
    [InlineData(53, "60000000 0000", true, FrameVerdict.Runt)]
    public void Check_Ipv6_Verdict(int length, string header, bool gso, FrameVerdict expected)
    {
        Assert.Equal(expected, FrameCheck.Check(Frame(length, "86dd " + header), Mtu, gso));
    }

    [Theory]
    [InlineData(41, FrameVerdict.Runt)]
    [InlineData(42, FrameVerdict.Ok)]
    [InlineData(60, FrameVerdict.Ok)]
    public void Check_Arp_RuntBelow28Bytes(int length, FrameVerdict expected)
    {
        Assert.Equal(expected, FrameCheck.Check(Frame(length, "0806"), Mtu, gso: false));
    }

    [Theory]
    [InlineData("8100", 15)]
    [InlineData("8100", 17)]
    [InlineData("88a8", 16)]
    public void Check_TagCutShort_Runt(string tpid, int length)
    {
        Assert.Equal(FrameVerdict.Runt, FrameCheck.Check(Frame(length, tpid + " 0064 0800"), Mtu, gso: false));
    }

    [Theory]
    [InlineData("8100 0064 88cc", 18, FrameVerdict.Ok)] // tag and ethertype, nothing else
    [InlineData("8100 0064 0806", 45, FrameVerdict.Runt)] // tagged ARP one byte short
    [InlineData("8100 0064 0806", 46, FrameVerdict.Ok)]
    [InlineData("8100 0064 0800 45 00 0014", 38, FrameVerdict.Ok)]
    [InlineData("8100 0064 0800 45 00 0015", 38, FrameVerdict.Malformed)] // the header after the tag is judged
    [InlineData("8100 0064 0800 45 00 0014", 37, FrameVerdict.Runt)]
    [InlineData("88a8 0064 86dd 60000000 0000", 58, FrameVerdict.Ok)] // 802.1ad S-tag looked through too
    [InlineData("88a8 0064 86dd 40000000 0000", 58, FrameVerdict.Malformed)]
    [InlineData("88a8 0064 8100 0065 0800 ff", 60, FrameVerdict.Ok)] // one tag only: 0x8100 inside is "another ethertype"
    public void Check_Tagged_InnerEtherTypeJudged(string typesAndL3, int length, FrameVerdict expected)
    {
        Assert.Equal(expected, FrameCheck.Check(Frame(length, typesAndL3), Mtu, gso: false));
    }

    [Fact]
    public void Check_TaggedFullSizeFrame_NotOversized()
    {
        byte[] frame = Frame(1518, "8100 0064 0800 45 00 05dc");

        Assert.Equal(FrameVerdict.Ok, FrameCheck.Check(frame, Mtu, gso: false));
    }
}

// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using TeamFw.Netlink;
using Xunit;

namespace TeamFw.Tests.Netlink;

/// <summary>
/// Golden bytes for a little-endian host (x86_64, aarch64, armhf), worked out by hand from
/// nlmsghdr { u32 len; u16 type; u16 flags; u32 seq; u32 pid } and nlattr { u16 len; u16 type }.
/// Buffers start filled with 0xaa so that padding the writer leaves unwritten shows up.
/// </summary>
public sealed class NlWriterTests
{
    [Theory]
    [InlineData((ushort)18, (ushort)0x0001, 1u, 0u, "10000000 1200 0100 01000000 00000000")]
    [InlineData((ushort)16, (ushort)0x0605, 0x01020304u, 0u, "10000000 1000 0506 04030201 00000000")]
    [InlineData((ushort)0x1c, (ushort)0x0301, 0xfffffffeu, 0x00001234u, "10000000 1c00 0103 feffffff 34120000")]
    public void BeginEndMessage_HeaderOnly(ushort type, ushort flags, uint seq, uint pid, string expected)
    {
        var w = new NlWriter(Hex.Dirty(64));
        w.BeginMessage(type, flags, seq, pid);
        w.EndMessage();

        Assert.Equal(16, w.Length);
        Assert.Equal(Hex.Parse(expected), w.Written.ToArray());
    }

    // nla_len counts header + value, not the padding; the padding is written as zeros.
    [Theory]
    [InlineData((ushort)3, "", "0400 0300")]
    [InlineData((ushort)3, "01", "0500 0300 01 000000")]
    [InlineData((ushort)3, "0102", "0600 0300 0102 0000")]
    [InlineData((ushort)3, "010203", "0700 0300 010203 00")]
    [InlineData((ushort)3, "01020304", "0800 0300 01020304")]
    [InlineData((ushort)0x8001, "0102030405", "0900 0180 0102030405 000000")]
    public void WriteAttr_LengthAndZeroPadding(ushort type, string value, string expected)
    {
        var w = new NlWriter(Hex.Dirty(64));

        w.WriteAttr(type, Hex.Parse(value));

        Assert.Equal(Hex.Format(Hex.Parse(expected)), Hex.Format(w.Written));
    }

    [Theory]
    [InlineData((ushort)4, 1500u, "0800 0400 dc050000")]
    [InlineData((ushort)10, 0u, "0800 0a00 00000000")]
    [InlineData((ushort)1, 0xdeadbeefu, "0800 0100 efbeadde")]
    public void WriteU32Attr_HostOrder(ushort type, uint value, string expected)
    {
        var w = new NlWriter(Hex.Dirty(64));

        w.WriteU32Attr(type, value);

        Assert.Equal(Hex.Format(Hex.Parse(expected)), Hex.Format(w.Written));
    }

    [Theory]
    [InlineData("", "0500 0300 00 000000")]
    [InlineData("lo", "0700 0300 6c6f00 00")]
    [InlineData("eth0", "0900 0300 65746830 00 000000")]
    [InlineData("team", "0900 0300 7465616d 00 000000")]
    [InlineData("eth10", "0a00 0300 6574683130 00 0000")]
    [InlineData("team-0x", "0c00 0300 7465616d2d3078 00")]
    public void WriteStringAttr_NulTerminatedAndPadded(string value, string expected)
    {
        var w = new NlWriter(Hex.Dirty(64));

        w.WriteStringAttr(3, value);

        Assert.Equal(Hex.Format(Hex.Parse(expected)), Hex.Format(w.Written));
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("ab", "ab 000000")]
    [InlineData("0102030405060708", "0102030405060708")]
    [InlineData("010203040506070809", "010203040506070809 000000")]
    public void WriteRaw_PaddedToFour(string raw, string expected)
    {
        var w = new NlWriter(Hex.Dirty(64));

        w.WriteRaw(Hex.Parse(raw));

        Assert.Equal(Hex.Format(Hex.Parse(expected)), Hex.Format(w.Written));
    }

    [Fact]
    public void FullMessage_RtmNewlink_GoldenBytes()
    {
        // RTM_NEWLINK, NLM_F_REQUEST|ACK|EXCL|CREATE, ifinfomsg (all zero), IFLA_IFNAME "team0", IFLA_MTU 9000.
        var w = new NlWriter(Hex.Dirty(128));
        w.BeginMessage(16, Nl.FRequest | Nl.FAck | Nl.FExcl | Nl.FCreate, 1);
        w.WriteRaw(new byte[16]);
        w.WriteStringAttr(3, "team0");
        w.WriteU32Attr(4, 9000);
        w.EndMessage();

        string expected =
            "34000000 1000 0506 01000000 00000000" +           // nlmsghdr, len 52
            "00 00 0000 00000000 00000000 00000000" +          // ifinfomsg
            "0a00 0300 7465616d30 00 0000" +                   // IFLA_IFNAME, len 10, padded to 12
            "0800 0400 28230000";                              // IFLA_MTU
        Assert.Equal(52, w.Length);
        Assert.Equal(Hex.Format(Hex.Parse(expected)), Hex.Format(w.Written));
    }

    [Fact]
    public void TwoMessages_EachLengthCountsOnlyItself()
    {
        var w = new NlWriter(Hex.Dirty(128));
        w.BeginMessage(3, 0, 1);
        w.WriteU32Attr(1, 7);
        w.EndMessage();
        w.BeginMessage(2, Nl.FMulti, 2, 99);
        w.WriteRaw(Hex.Parse("010203"));
        w.EndMessage();

        string expected =
            "18000000 0300 0000 01000000 00000000 0800 0100 07000000" +
            "14000000 0200 0200 02000000 63000000 010203 00";
        Assert.Equal(Hex.Format(Hex.Parse(expected)), Hex.Format(w.Written));
    }

    [Fact]
    public void Written_RoundTripsThroughReaders()
    {
        byte[] buf = new byte[256];
        var w = new NlWriter(buf);
        w.BeginMessage(16, Nl.FRequest, 5, 6);
        w.WriteRaw(new byte[16]);
        w.WriteStringAttr(3, "eth1");
        w.WriteAttr(1, Hex.Parse("020000000001"));
        w.WriteU32Attr(4, 1500);
        w.EndMessage();

        var r = new NlMessageReader(w.Written);
        Assert.True(r.TryNext(out NlHeader h, out ReadOnlySpan<byte> payload));
        Assert.Equal(new NlHeader((uint)w.Length, 16, Nl.FRequest, 5, 6), h);
        var a = new NlAttrReader(payload[16..]);
        Assert.True(a.TryNext(out ushort t1, out ReadOnlySpan<byte> v1));
        Assert.Equal(3, t1);
        Assert.Equal("6574683100", Hex.Format(v1));
        Assert.True(a.TryNext(out ushort t2, out ReadOnlySpan<byte> v2));
        Assert.Equal(1, t2);
        Assert.Equal("020000000001", Hex.Format(v2));
        Assert.True(a.TryNext(out ushort t3, out ReadOnlySpan<byte> v3));
        Assert.Equal(4, t3);
        Assert.Equal("dc050000", Hex.Format(v3));
        Assert.False(a.TryNext(out _, out _));
        Assert.False(r.TryNext(out _, out _));
    }

    [Fact]
    public void Write_PastBuffer_Throws()
    {
        Assert.Throws<InvalidOperationException>(() =>
        {
            var w = new NlWriter(new byte[20]);
            w.BeginMessage(16, 0, 1);
            w.WriteU32Attr(4, 1500); // needs 24
        });
    }

    [Fact]
    public void Write_ExactlyFills_DoesNotThrow()
    {
        var w = new NlWriter(new byte[24]);
        w.BeginMessage(16, 0, 1);
        w.WriteU32Attr(4, 1500);
        w.EndMessage();

        Assert.Equal(24, w.Length);
    }

    // include/uapi/linux/netlink.h
    [Theory]
    [InlineData("NLMSG_NOOP", Nl.NlmsgNoop, 1)]
    [InlineData("NLMSG_ERROR", Nl.NlmsgError, 2)]
    [InlineData("NLMSG_DONE", Nl.NlmsgDone, 3)]
    [InlineData("NLM_F_REQUEST", Nl.FRequest, 0x1)]
    [InlineData("NLM_F_MULTI", Nl.FMulti, 0x2)]
    [InlineData("NLM_F_ACK", Nl.FAck, 0x4)]
    [InlineData("NLM_F_DUMP", Nl.FDump, 0x300)]      // NLM_F_ROOT | NLM_F_MATCH
    [InlineData("NLM_F_REPLACE", Nl.FReplace, 0x100)]
    [InlineData("NLM_F_EXCL", Nl.FExcl, 0x200)]
    [InlineData("NLM_F_CREATE", Nl.FCreate, 0x400)]
    [InlineData("NLA_F_NESTED", Nl.NlaFNested, 0x8000)]
    [InlineData("NLA_TYPE_MASK", Nl.NlaTypeMask, 0x3fff)] // ~(NLA_F_NESTED | NLA_F_NET_BYTEORDER)
    [InlineData("NLMSG_HDRLEN", Nl.HeaderLength, 16)]
    [InlineData("NLA_HDRLEN", Nl.AttrHeaderLength, 4)]
    public void Constants_MatchNetlinkH(string name, int actual, int expected)
    {
        Assert.True(expected == actual, $"{name} is {actual}, netlink.h says {expected}");
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 4)]
    [InlineData(4, 4)]
    [InlineData(5, 8)]
    [InlineData(16, 16)]
    [InlineData(17, 20)]
    public void Align_RoundsUpToFour(int len, int aligned)
    {
        Assert.Equal(aligned, Nl.Align(len));
    }
}

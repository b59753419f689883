// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;
using TeamFw.Netlink;
using Xunit;

namespace TeamFw.Tests.Netlink;

public sealed class NlAttrReaderTests
{
    private static List<string> ReadAll(string hex)
    {
        var seen = new List<string>();
        var r = new NlAttrReader(Hex.Parse(hex));
        while (r.TryNext(out ushort type, out ReadOnlySpan<byte> value))
        {
            seen.Add($"{type}:{Hex.Format(value)}");
        }

        Assert.False(r.TryNext(out _, out _));
        seen.Add("end");
        return seen;
    }

    [Theory]
    [InlineData("0800 0500 01000000", "5:01000000")]
    [InlineData("0800 0580 01000000", "5:01000000")]    // NLA_F_NESTED
    [InlineData("0800 0640 01000000", "6:01000000")]    // NLA_F_NET_BYTEORDER
    [InlineData("0800 ffff 01000000", "16383:01000000")] // both flags, all type bits
    [InlineData("0400 0700", "7:")]                     // empty value
    public void TryNext_TypeMasked(string hex, string expected)
    {
        Assert.Equal([expected, "end"], ReadAll(hex));
    }

    [Fact]
    public void TryNext_SeveralAttributes_SkipsPadding()
    {
        Assert.Equal(
            ["3:6574683100", "1:0200000000010203", "16:06", "4:dc050000", "end"],
            ReadAll("0900 0300 6574683100 eeeeee  0c00 0100 0200000000010203  0500 1000 06 eeeeee  0800 0400 dc050000"));
    }

    [Fact]
    public void TryNext_LastAttributeUnpadded_Read()
    {
        Assert.Equal(["16:06", "end"], ReadAll("0500 1000 06"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("0800 03")]                   // short header
    [InlineData("0000 0300 01020304")]        // len 0 would never advance
    [InlineData("0300 0300 01020304")]        // len < header
    [InlineData("0c00 0300 01020304")]        // len 12 > 8 present
    [InlineData("ffff 0300 01020304")]
    public void TryNext_BadLength_EndsWithoutThrowing(string hex)
    {
        Assert.Equal(["end"], ReadAll(hex));
    }

    [Fact]
    public void TryNext_GoodThenBad_GoodOnesThenEnd()
    {
        Assert.Equal(["4:dc050000", "end"], ReadAll("0800 0400 dc050000 0200 0300 0800 0400 dc050000"));
    }

    [Fact]
    public void Nested_ReadWithInnerReader()
    {
        // IFLA_LINKINFO (18, NLA_F_NESTED) { IFLA_INFO_KIND (1) "team" }
        byte[] outer = Hex.Parse("1000 1280 0900 0100 7465616d00 000000");
        var r = new NlAttrReader(outer);

        Assert.True(r.TryNext(out ushort type, out ReadOnlySpan<byte> value));
        Assert.Equal(18, type);
        var inner = new NlAttrReader(value);
        Assert.True(inner.TryNext(out ushort innerType, out ReadOnlySpan<byte> kind));
        Assert.Equal(1, innerType);
        Assert.Equal("7465616d00", Hex.Format(kind));
        Assert.False(inner.TryNext(out _, out _));
        Assert.False(r.TryNext(out _, out _));
    }
}

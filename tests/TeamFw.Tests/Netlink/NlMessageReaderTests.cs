// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;
using TeamFw.Netlink;
using Xunit;

namespace TeamFw.Tests.Netlink;

public sealed class NlMessageReaderTests
{
    /// <summary>Every message as "type:seq:payload-hex", then "end".</summary>
    private static List<string> ReadAll(byte[] datagram)
    {
        var seen = new List<string>();
        var r = new NlMessageReader(datagram);
        while (r.TryNext(out NlHeader h, out ReadOnlySpan<byte> payload))
        {
            Assert.Equal(h.Length, (uint)(payload.Length + Nl.HeaderLength));
            seen.Add($"{h.Type}:{h.Seq}:{Hex.Format(payload)}");
        }

        Assert.False(r.TryNext(out _, out _)); // stays ended
        seen.Add("end");
        return seen;
    }

    [Fact]
    public void TryNext_Header_AllFieldsInHostOrder()
    {
        byte[] d = Hex.Parse("14000000 1000 0203 0a0b0c0d 01020304 aabbccdd");
        var r = new NlMessageReader(d);

        Assert.True(r.TryNext(out NlHeader h, out ReadOnlySpan<byte> payload));
        Assert.Equal(new NlHeader(20, 0x0010, 0x0302, 0x0d0c0b0a, 0x04030201), h);
        Assert.Equal("aabbccdd", Hex.Format(payload));
    }

    [Fact]
    public void TryNext_MultiMessageDatagram_YieldsEachInOrder()
    {
        // A dump: two RTM_NEWLINK-sized bodies (one with an unaligned length and its padding), then NLMSG_DONE.
        byte[] d = Hex.Parse(
            "14000000 1000 0200 07000000 00000000 01020304" +
            "11000000 1000 0200 07000000 00000000 05 eeeeee" +
            "14000000 0300 0200 07000000 00000000 00000000");

        Assert.Equal(["16:7:01020304", "16:7:05", "3:7:00000000", "end"], ReadAll(d));
    }

    [Fact]
    public void TryNext_LastMessageUnalignedWithoutPadding_Read()
    {
        byte[] d = Hex.Parse("11000000 0200 0000 01000000 00000000 ff");

        Assert.Equal(["2:1:ff", "end"], ReadAll(d));
    }

    [Theory]
    [InlineData("")]                                            // empty datagram
    [InlineData("10000000 0300 0000 01000000 000000")]           // 15 bytes: shorter than a header
    [InlineData("00000000 0300 0000 01000000 00000000")]         // len 0 would never advance
    [InlineData("0f000000 0300 0000 01000000 00000000")]         // len 15 < header
    [InlineData("18000000 0300 0000 01000000 00000000 0000")]    // len 24 > 18 bytes present
    [InlineData("ffffffff 0300 0000 01000000 00000000")]         // len 2^32-1
    [InlineData("00000080 0300 0000 01000000 00000000")]         // len 2^31: negative as int
    public void TryNext_BadFirstLength_NoMessages(string hex)
    {
        Assert.Equal(["end"], ReadAll(Hex.Parse(hex)));
    }

    [Theory]
    [InlineData("24000000 0200 0000 02000000 00000000")]         // claims 36, 32 are left
    [InlineData("01000000 0200 0000 02000000 00000000")]         // shorter than a header
    [InlineData("1000")]                                        // a fragment
    public void TryNext_GoodThenGarbage_GoodOnesThenEnd(string garbage)
    {
        byte[] d = Hex.Parse("10000000 0300 0000 01000000 00000000" + garbage + "10000000 0300 0000 03000000 00000000");

        Assert.Equal(["3:1:", "end"], ReadAll(d));
    }

    [Fact]
    public void Fuzz_RandomBytes_NeverThrowsAndAlwaysTerminates()
    {
        var rng = new Random(20240519);
        byte[] d = new byte[300];
        for (int iter = 0; iter < 20_000; iter++)
        {
            int n = rng.Next(d.Length + 1);
            Span<byte> s = d.AsSpan(0, n);
            rng.NextBytes(s);
            if (n >= 4 && rng.Next(2) == 0)
            {
                // A plausible first length, so that some iterations get past the first header.
                BitConverter.TryWriteBytes(s, (uint)rng.Next(n + 8));
            }

            int messages = Walk(s);

            Assert.True(messages <= n / Nl.HeaderLength, $"iteration {iter}: {messages} messages in {n} bytes");
        }
    }

    [Fact]
    public void Fuzz_MutatedValidDump_NeverThrows()
    {
        byte[] valid = Hex.Parse(
            "34000000 1000 0200 07000000 00000000 00000100 02000000 43100100 00000000 0900 0300 65746831 00000000 0800 0400 dc050000" +
            "14000000 0300 0200 07000000 00000000 00000000");
        var rng = new Random(1);
        byte[] d = new byte[valid.Length];
        int total = 0;
        for (int iter = 0; iter < 20_000; iter++)
        {
            valid.CopyTo(d, 0);
            for (int flips = rng.Next(1, 4); flips > 0; flips--)
            {
                d[rng.Next(d.Length)] = (byte)rng.Next(256);
            }

            total += Walk(d.AsSpan(0, rng.Next(d.Length + 1)));
        }

        Assert.True(total > 0); // mutations left some messages readable: the walk did get past headers
    }

    /// <summary>Walks messages, their attributes (after a 16-byte family header) and link parsing.</summary>
    private static int Walk(ReadOnlySpan<byte> datagram)
    {
        int messages = 0;
        var r = new NlMessageReader(datagram);
        while (r.TryNext(out NlHeader h, out ReadOnlySpan<byte> payload))
        {
            messages++;
            Assert.True(messages <= datagram.Length, "the reader does not advance");
            RtnlClient.TryParseLink(h, payload, out _);
            var a = new NlAttrReader(payload.Length >= 16 ? payload[16..] : payload);
            int attrs = 0;
            while (a.TryNext(out _, out ReadOnlySpan<byte> v))
            {
                attrs++;
                Assert.True(attrs <= payload.Length / Nl.AttrHeaderLength, "the attribute reader does not advance");
                var nested = new NlAttrReader(v);
                while (nested.TryNext(out _, out _))
                {
                }
            }
        }

        return messages;
    }
}

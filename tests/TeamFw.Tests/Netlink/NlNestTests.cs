// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using TeamFw.Netlink;
using Xunit;

namespace TeamFw.Tests.Netlink;

/// <summary>
/// The one netlink writer's paths beyond flat attributes: nests (nla_nest_start/nla_nest_end, the
/// nest's length counting its last attribute's padding, as skb_tail_pointer - start does), a fixed
/// header inside a nest (VETH_INFO_PEER carries an ifinfomsg), the two overflow behaviours, and the
/// readers walking the result back with each attribute's offset. Golden bytes for a little-endian host.
/// </summary>
public sealed class NlNestTests
{
    [Fact]
    public void Nests_ThreeDeep_WithFixedHeaderInside_GoldenBytes()
    {
        // RTM_NEWLINK "v0" kind veth, peer "v1": the shape of `ip link add v0 type veth peer name v1`.
        var w = new NlWriter(Hex.Dirty(128));
        w.BeginMessage(16, Nl.FRequest | Nl.FAck | Nl.FExcl | Nl.FCreate, 7);
        w.WriteRaw(new byte[16]);
        w.WriteStringAttr(3, "v0");
        int linkinfo = w.BeginNest(18 | Nl.NlaFNested);
        w.WriteStringAttr(1, "veth");
        int data = w.BeginNest(2 | Nl.NlaFNested);
        int peer = w.BeginNest(1 | Nl.NlaFNested);
        w.WriteRaw(new byte[16]);
        w.WriteStringAttr(3, "v1");
        w.EndNest(peer);
        w.EndNest(data);
        w.EndNest(linkinfo);
        w.EndMessage();

        string expected =
            "58000000 1000 0506 07000000 00000000" +  // nlmsghdr, len 88
            "00000000 00000000 00000000 00000000" +   // ifinfomsg
            "0700 0300 763000 00" +                   // IFLA_IFNAME "v0"
            "3000 1280" +                             // IFLA_LINKINFO, len 48
            "0900 0100 7665746800 000000" +           //   IFLA_INFO_KIND "veth"
            "2000 0280" +                             //   IFLA_INFO_DATA, len 32
            "1c00 0180" +                             //     VETH_INFO_PEER, len 28 (the pad of "v1" included)
            "00000000 00000000 00000000 00000000" +   //       ifinfomsg
            "0700 0300 763100 00";                    //       IFLA_IFNAME "v1"
        Assert.Equal(Hex.Format(Hex.Parse(expected)), Hex.Format(w.Written));
    }

    [Fact]
    public void Nest_ReadBack_OffsetsAndFlags()
    {
        var w = new NlWriter(new byte[64]);
        w.WriteU8(1, 0x2a);
        int n = w.BeginNest(2 | Nl.NlaFNested);
        w.WriteU32(3, 7);
        w.EndNest(n);

        var r = new NlAttrReader(w.Written, 20);
        Assert.True(r.TryNext(out NlAttr a));
        Assert.Equal((1, 20, "2a", false), (a.Type, a.Offset, Hex.Format(a.Value), a.NestedFlag));
        Assert.True(r.TryNext(out NlAttr nest));
        Assert.Equal((2, 28, (ushort)0x8002, true), (nest.Type, nest.Offset, nest.RawType, nest.NestedFlag));
        NlAttrReader inner = nest.Nested();
        Assert.True(inner.TryNext(out NlAttr c));
        Assert.Equal((3, 32, "07000000"), (c.Type, c.Offset, Hex.Format(c.Value)));
        Assert.False(inner.TryNext(out NlAttr _));
        Assert.False(inner.HasLeftover);
        Assert.False(r.TryNext(out NlAttr _));
        Assert.False(r.HasLeftover);
    }

    [Theory]
    [InlineData("0c00 0280 0c00 0300 07000000")] // the inner attribute claims 12 of the nest's 8
    [InlineData("0c00 0280 0300 0300 07000000")] // the inner attribute is shorter than its header
    [InlineData("0800 0280 0800 0300")]          // the inner attribute's value is cut off
    public void Nest_MalformedInside_NestReadInsideRefused(string hex)
    {
        var r = new NlAttrReader(Hex.Parse(hex));
        Assert.True(r.TryNext(out NlAttr nest));
        Assert.Equal(2, nest.Type);
        NlAttrReader inner = nest.Nested();
        Assert.False(inner.TryNext(out NlAttr _));
        Assert.True(inner.HasLeftover);
        Assert.False(r.TryNext(out NlAttr _));
    }

    [Fact]
    public void Nest_LongerThanItsMessage_Refused()
    {
        var r = new NlAttrReader(Hex.Parse("1000 0280 0800 0300 07000000"));
        Assert.False(r.TryNext(out NlAttr _));
        Assert.True(r.HasLeftover);
    }

    [Fact]
    public void Reader_TruncatedAttribute_LeftoverReported()
    {
        var r = new NlAttrReader(Hex.Parse("0800 0400 dc050000 0c00 0500 0102"));
        Assert.True(r.TryNext(out NlAttr a));
        Assert.Equal(4, a.Type);
        Assert.False(r.TryNext(out NlAttr _));
        Assert.True(r.HasLeftover);
        Assert.False(r.TryNext(out ushort _, out ReadOnlySpan<byte> _)); // stays ended
    }

    [Fact]
    public void StrictWriter_NestThatDoesNotFit_Throws()
    {
        Assert.Throws<InvalidOperationException>(() =>
        {
            var w = new NlWriter(new byte[10]);
            int n = w.BeginNest(1);
            w.WriteU32(2, 5); // needs 8 more, 6 left
            w.EndNest(n);
        });
    }

    [Fact]
    public void StrictWriter_AttributeOverNlaLenMax_Throws()
    {
        Assert.Throws<InvalidOperationException>(() =>
        {
            var w = new NlWriter(new byte[70_000]);
            w.WriteAttr(1, new byte[ushort.MaxValue - 3]); // nla_len would be 65536
        });
    }

    [Fact]
    public void BoundedWriter_AttributeOverNlaLenMax_OverflowsWritesNothing()
    {
        var w = NlWriter.Bounded(new byte[70_000]);
        w.WriteAttr(1, new byte[ushort.MaxValue - 3]);
        Assert.True(w.Overflowed);
        Assert.Equal(0, w.Length);
    }

    [Fact]
    public void BoundedWriter_NestOverNlaLenMax_Overflows()
    {
        var w = NlWriter.Bounded(new byte[70_000]);
        int n = w.BeginNest(1);
        w.WriteAttr(2, new byte[40_000]);
        w.WriteAttr(3, new byte[30_000]);
        w.EndNest(n);
        Assert.True(w.Overflowed);
        w.Rollback(n);
        Assert.Equal((false, 0), (w.Overflowed, w.Length));
    }

    [Fact]
    public void StringAttr_Utf8WithNul()
    {
        var w = new NlWriter(Hex.Dirty(16));
        w.WriteStringAttr(3, "é");
        Assert.Equal(Hex.Format(Hex.Parse("0700 0300 c3a900 00")), Hex.Format(w.Written));
    }

    [Fact]
    public void WriteAndRead_AllocateNothing()
    {
        byte[] buf = new byte[4096];
        string longName = new('x', 1000);
        Run(buf, longName); // warm up
        long before = GC.GetAllocatedBytesForCurrentThread();
        int seen = Run(buf, longName);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(5, seen);

        static int Run(byte[] buf, string longName)
        {
            var w = NlWriter.Bounded(buf);
            w.BeginMessage(0x13, Nl.FRequest, 1, 2);
            w.WriteRaw([1, 1, 0, 0]);
            w.WriteString(1, longName);
            int n = w.BeginNest(2);
            w.WriteU64(3, ulong.MaxValue);
            w.WriteFlag(4);
            w.EndNest(n);
            w.EndMessage();
            var m = new NlMessageReader(w.Written);
            int count = 0;
            while (m.TryNext(out NlHeader _, out ReadOnlySpan<byte> payload))
            {
                var r = new NlAttrReader(payload[4..]);
                while (r.TryNext(out NlAttr a))
                {
                    count++;
                    if (a.Type == 2)
                    {
                        NlAttrReader inner = a.Nested();
                        while (inner.TryNext(out NlAttr _))
                        {
                            count++;
                        }
                    }
                }

                count++;
            }

            return count;
        }
    }
}

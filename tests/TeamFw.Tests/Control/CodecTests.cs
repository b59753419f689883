// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using TeamFw.Control;
using TeamFw.Control.Families;
using TeamFw.Netlink;
using Xunit;
using static TeamFw.Tests.Control.Wire;

namespace TeamFw.Tests.Control;

/// <summary>NlWriter and GenlReader: golden bytes for each attribute kind, round trips, limits.</summary>
public sealed class CodecTests
{
    private static byte[] Write(Action<NlWriter> body, int room = 256)
    {
        byte[] buf = new byte[room];
        buf.AsSpan().Fill(0xaa);
        var w = NlWriter.Bounded(buf);
        w.BeginGenl(0x13, 0x5, 0x01020304, 9, 2, 1);
        body(w);
        w.EndMessage();
        return w.Written.ToArray();
    }

    private delegate void Body(ref NlWriter w);

    private static byte[] WriteRef(Body body)
    {
        byte[] buf = new byte[256];
        buf.AsSpan().Fill(0xaa);
        var w = NlWriter.Bounded(buf);
        w.BeginGenl(0x13, 0x5, 0x01020304, 9, 2, 1);
        body(ref w);
        w.EndMessage();
        return w.Written.ToArray();
    }

    [Fact]
    public void Header_HandWritten()
        => Assert.Equal("1400000013000500040302010900000002010000", Hex(Write(_ => { })));

    [Theory]
    [InlineData("u8", "0500 0300 2a 000000")]
    [InlineData("u16", "0600 0300 2a00 0000")]
    [InlineData("u32", "0800 0300 2a000000")]
    [InlineData("s32", "0800 0300 feffffff")]
    [InlineData("u64", "0c00 0300 2a00000000000000")]
    [InlineData("flag", "0400 0300")]
    [InlineData("string", "0700 0300 616200 00")]
    [InlineData("binary", "0900 0300 0102030405 000000")]
    public void Attributes_GoldenBytes_PaddingZeroed(string kind, string attr)
    {
        byte[] m = WriteRef((ref NlWriter w) =>
        {
            switch (kind)
            {
                case "u8": w.WriteU8(3, 42); break;
                case "u16": w.WriteU16(3, 42); break;
                case "u32": w.WriteU32(3, 42); break;
                case "s32": w.WriteS32(3, -2); break;
                case "u64": w.WriteU64(3, 42); break;
                case "flag": w.WriteFlag(3); break;
                case "string": w.WriteString(3, "ab"); break;
                default: w.WriteAttr(3, [1, 2, 3, 4, 5]); break;
            }
        });
        Assert.Equal(attr.Replace(" ", "", StringComparison.Ordinal), Hex(m.AsSpan(20)));
    }

    [Fact]
    public void Nest_BackPatchesLength_WithoutNestedFlag()
    {
        byte[] m = WriteRef((ref NlWriter w) =>
        {
            int n = w.BeginNest(2);
            w.WriteU32(1, 5);
            w.EndNest(n);
        });
        Assert.Equal(Hex(Attr(2, Attr(1, U32(5)))), Hex(m.AsSpan(20)));
    }

    [Fact]
    public void Overflow_WritesNothing_RollbackRestores()
    {
        byte[] buf = new byte[28];
        var w = NlWriter.Bounded(buf);
        w.BeginGenl(0x13, 0, 0, 0, 0, 1);
        int mark = w.Mark();
        w.WriteU32(1, 1);
        w.WriteU32(2, 2);
        Assert.True(w.Overflowed);
        Assert.Equal(28, w.Length);
        w.Rollback(mark);
        Assert.False(w.Overflowed);
        w.WriteU8(9, 9);
        w.EndMessage();
        Assert.Equal(28, BitConverter.ToInt32(buf, 0));
    }

    [Fact]
    public void RoundTrip_EveryKind()
    {
        byte[] m = WriteRef((ref NlWriter w) =>
        {
            w.WriteU8(1, 200);
            w.WriteU16(2, 60000);
            w.WriteU32(3, 4_000_000_000);
            w.WriteS32(4, -7);
            w.WriteU64(5, ulong.MaxValue - 1);
            w.WriteFlag(6);
            w.WriteString(7, "änderung");
            int n = w.BeginNest(8);
            w.WriteU32(1, 77);
            w.EndNest(n);
        });
        AttrTable t = GenlReader.Genl(m).Parse();
        Assert.Equal(200, t.Get(1, "a").U8("a"));
        Assert.Equal(60000, t.Get(2, "a").U16("a"));
        Assert.Equal(4_000_000_000u, t.Get(3, "a").U32("a"));
        Assert.Equal(-7, t.Get(4, "a").S32("a"));
        Assert.Equal(ulong.MaxValue - 1, t.Get(5, "a").U64("a"));
        Assert.True(t.Has(6));
        Assert.Equal("änderung", t.Get(7, "a").String());
        Assert.Equal(77u, t.Get(8, "a").ParseNested().Get(1, "b").U32("b"));
    }

    [Fact]
    public void Reader_MasksFlags_LastDuplicateWins_LeftoverIgnored()
    {
        byte[] attrs = Cat(Attr(0x8000 | 1, U32(1)), Attr(1, U32(2)), [0x02, 0x00]);
        AttrTable t = AttrTable.Parse(attrs, 0);
        Assert.Equal(2u, t.Get(1, "x").U32("x"));
        var it = new NlAttrReader(attrs, 0);
        while (it.TryNext(out _))
        {
        }

        Assert.True(it.HasLeftover);
    }

    [Fact]
    public void TypedGetter_TooShort_ControlProtocolException()
    {
        ControlProtocolException e = Assert.Throws<ControlProtocolException>(() => AttrTable.Parse(Attr(1, U16(1)), 40).Get(1, "x").U32("x"));
        Assert.Equal(40, e.AttributeOffset);
        Assert.Equal(Native.Interop.Errno.ERANGE, e.Errno);
    }

    [Theory]
    [InlineData("0900 0200 7465616d00 000000", true)]   // NUL within 16 bytes
    [InlineData("0800 0200 7465616d", false)]           // no NUL
    public void Policy_NulString(string attr, bool ok)
    {
        byte[] m = Cat(Msg(0x10, 1, 1, 0, Genl(3, 1)), System.Convert.FromHexString(attr.Replace(" ", "", StringComparison.Ordinal)));
        BitConverter.GetBytes(m.Length).CopyTo(m, 0);
        GenlReader r = GenlReader.Genl(m);
        Exception? e = Record.Exception(() => GenlReader.Genl(m).Validate(Policies.Nlctrl));
        Assert.Equal(ok, e is null);
        Assert.Equal(3, r.Cmd);
    }

    [Fact]
    public void MessageSplitter_KernelRules()
    {
        byte[] a = Msg(1, 0, 1, 0, [1, 2, 3]);
        var rest = new NlMessageReader(Cat(a, [0], Msg(1, 0, 2, 0), Cat(U32(8), new byte[12])));
        Assert.True(rest.TryNext(out ReadOnlySpan<byte> m1));
        Assert.Equal(19, m1.Length);
        Assert.True(rest.TryNext(out ReadOnlySpan<byte> m2));
        Assert.Equal(2u, NlHeader.Read(m2).Seq);
        Assert.False(rest.TryNext(out _)); // nlmsg_len 8 < 16: processing ends
    }
}

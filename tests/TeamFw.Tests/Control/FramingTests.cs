// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;
using TeamFw.Control;
using TeamFw.Control.Options;
using TeamFw.Netlink;
using Xunit;
using static TeamFw.Tests.Control.Wire;

namespace TeamFw.Tests.Control;

/// <summary>How datagrams are split into messages and answered (netlink_rcv_skb, genl_rcv_msg, reference §2.3, §2.5).</summary>
public sealed class FramingTests
{
    private const uint Pid = 4242;

    [Fact]
    public void TwoMessagesInOneDatagram_AnsweredInOrder()
    {
        using var f = new ServerFixture();
        byte[] a = Msg(0x13, 0x5, 1, 0, Genl(0, 1));
        byte[] b = Msg(0x14, 0x5, 2, 0, Genl(0, 1));
        List<byte[]> r = f.Exchange(Cat(a, b));
        Assert.Equal([Hex(Msg(0x13, 0, 1, Pid, Genl(0, 1))), Hex(Error(0, a, Pid)), Hex(Msg(0x14, 0, 2, Pid, Genl(0, 1))), Hex(Error(0, b, Pid))], r.ConvertAll(x => Hex(x)));
    }

    [Fact]
    public void TruncatedSecondMessage_IgnoredSilently()
    {
        using var f = new ServerFixture();
        byte[] a = Msg(0x13, 0x5, 1, 0, Genl(0, 1));
        byte[] bad = Cat(U32(200), U16(0x13), U16(5), U32(2), U32(0));
        Assert.Equal(2, f.Exchange(Cat(a, bad)).Count);
    }

    [Theory]
    [InlineData((ushort)1, (ushort)0x5)]   // NLMSG_NOOP: control message, acked
    [InlineData((ushort)0x13, (ushort)0x4)] // no NLM_F_REQUEST: not handled, acked
    public void NotHandled_AckedWhenAsked(ushort type, ushort flags)
    {
        using var f = new ServerFixture();
        byte[] m = Msg(type, flags, 3, 0, Genl(0, 1));
        Assert.Equal([Hex(Error(0, m, Pid))], f.Exchange(m).ConvertAll(x => Hex(x)));
        Assert.Empty(f.Exchange(Msg(type, (ushort)(flags & ~0x4), 4, 0, Genl(0, 1))));
    }

    [Theory]
    [InlineData((ushort)0x99, (byte)0, (ushort)0x5, -2)]    // unknown family: -ENOENT
    [InlineData((ushort)0x13, (byte)9, (ushort)0x5, -95)]   // unknown command: -EOPNOTSUPP
    [InlineData((ushort)0x13, (byte)2, (ushort)0x305, -95)] // dump of a do-only command: -EOPNOTSUPP
    public void Refused_ErrorWithEcho(ushort type, byte cmd, ushort flags, int errno)
    {
        using var f = new ServerFixture();
        byte[] m = Msg(type, flags, 5, 0, Genl(cmd, 1), Attr(1, U32(7)));
        byte[] reply = Assert.Single(f.Exchange(m));
        Assert.Equal(errno, BitConverter.ToInt32(reply, 16));
        Assert.Equal(Hex(m), Hex(reply.AsSpan(20, m.Length)));
    }

    [Fact]
    public void GenlHeaderMissing_Einval()
    {
        using var f = new ServerFixture();
        byte[] m = Msg(0x13, 0x5, 6, 0);
        Assert.Equal(Hex(Error(-22, m, Pid, "message of 16 bytes has no room for the 4-byte genetlink header")), Hex(Assert.Single(f.Exchange(m))));
    }

    [Fact]
    public void AdminCommand_FromNonAdmin_Eperm_NoopStillAllowed()
    {
        using var f = new ServerFixture();
        ControlConnection user = ServerFixture.Connection(admin: false, portId: 1000);
        byte[] get = Msg(0x13, 0x5, 7, 0, Genl(2, 1), Attr(1, U32(7)));
        byte[] reply = Assert.Single(f.Exchange(user, get));
        Assert.Equal(-1, BitConverter.ToInt32(reply, 16));
        Assert.Equal(2, f.Exchange(user, Msg(0x13, 0x5, 8, 0, Genl(0, 1))).Count);
        Assert.Equal(2, f.Exchange(user, Msg(0x14, 0x5, 9, 0, Genl(6, 1), Attr(2, Str("team0")))).Count); // STATE_GET is not admin
    }

    [Fact]
    public void ShortFixedAttribute_ErangeWithOffset()
    {
        using var f = new ServerFixture();
        byte[] m = Msg(0x13, 0x5, 10, 0, Genl(2, 1), Attr(1, U16(7)));
        Assert.Equal(Hex(Error(-34, m, Pid, "attribute team-ifindex is 2 bytes, needs at least 4", offs: 20)), Hex(Assert.Single(f.Exchange(m))));
    }

    [Fact]
    public void NestingDeeperThanEight_Einval()
    {
        using var f = new ServerFixture();
        byte[] inner = Attr(1 | 0x8000);
        for (int i = 0; i < 9; i++)
        {
            inner = Attr(0x8000 | 9, inner);
        }

        byte[] m = Msg(0x14, 0x5, 11, 0, Genl(0, 1), inner);
        byte[] reply = Assert.Single(f.Exchange(m));
        Assert.Equal(-22, BitConverter.ToInt32(reply, 16));
        Assert.Contains("nested deeper than 8", System.Text.Encoding.ASCII.GetString(reply), StringComparison.Ordinal);
    }

    /// <summary>
    /// A 256-entry array makes the reply span datagrams: each at most one kernel skb (3776 bytes), each
    /// message NLM_F_MULTI|NLM_F_ACK holding as many items as fit, the payload-less DONE after the last.
    /// </summary>
    [Fact]
    public void OptionsGet_BigArray_SplitAcrossDatagrams_AsManyAsFit()
    {
        using var f = new ServerFixture();
        var array = new OptionDescriptor("lb_tx_hash_to_port_mapping", OptionType.U32,
            static (in OptionContext c) => OptionValue.FromU32(c.ArrayIndex), ArraySize: 256);
        f.Team.ControlState.Register([array]);
        byte[] req = Msg(0x13, 0x5, 12, 0, Genl(2, 1), Attr(1, U32(7)));

        List<byte[]> r = f.Exchange(req);

        Assert.True(r.Count >= 4, $"{r.Count} datagrams");
        Assert.Equal(Hex(Error(0, req, Pid)), Hex(r[^1]));
        int items = 0;
        for (int i = 0; i < r.Count - 1; i++)
        {
            Assert.True(r[i].Length <= ProtocolLimits.ReplyDatagram);
            var rest = new NlMessageReader(r[i]);
            Assert.True(rest.TryNext(out ReadOnlySpan<byte> m));
            NlHeader h = NlHeader.Read(m);
            Assert.Equal((ushort)0x6, h.Flags);
            NlAttrReader it = GenlReader.Genl(m).Parse().Get(2, "list").Nested();
            int here = 0;
            while (it.TryNext(out _))
            {
                here++;
            }

            items += here;
            bool last = i == r.Count - 2;
            Assert.Equal(last, rest.TryNext(out ReadOnlySpan<byte> done));
            if (last)
            {
                Assert.Equal(Hex(Msg(3, 0x6, 12, Pid)), Hex(done));
            }
            else
            {
                Assert.True(r[i].Length + 40 > ProtocolLimits.ReplyDatagram, $"datagram {i} of {r[i].Length} bytes had room for another item");
            }
        }

        Assert.Equal(16 + 256, items);
    }

    [Fact]
    public void OptionsGet_DoneAlone_WhenTheLastDatagramIsFull()
    {
        using var f = new ServerFixture();
        var options = new List<OptionDescriptor>();
        for (int n = 1; n <= 400 && !f.Exchange(Msg(0x13, 0x1, 13, 0, Genl(2, 1), Attr(1, U32(7))))[^1].AsSpan().SequenceEqual(Msg(3, 0x6, 13, Pid)); n++)
        {
            var o = new OptionDescriptor("x" + n.ToString(System.Globalization.CultureInfo.InvariantCulture), OptionType.Binary,
                static (in OptionContext c) => OptionValue.FromBinary(new byte[1]));
            f.Team.ControlState.Register([o]);
        }

        List<byte[]> r = f.Exchange(Msg(0x13, 0x1, 13, 0, Genl(2, 1), Attr(1, U32(7))));
        Assert.Equal(Hex(Msg(3, 0x6, 13, Pid)), Hex(r[^1]));
        Assert.True(r[^2].Length + 16 > ProtocolLimits.ReplyDatagram);
    }
}

// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;
using TeamFw.Netlink;
using Xunit;
using static TeamFw.Tests.Control.Wire;

namespace TeamFw.Tests.Control;

/// <summary>nlctrl requests and replies against bytes derived from linux/genetlink.h numbers (reference §2.5).</summary>
public sealed class GoldenNlctrlTests
{
    private const uint Pid = 4242;

    /// <summary>libnl's genl_ctrl_resolve("team"): REQUEST|ACK, CTRL_CMD_GETFAMILY, version 1, FAMILY_NAME "team\0".</summary>
    private static readonly byte[] s_getTeam = Hex("20000000 1000 0500 07000000 00000000 03010000 0900 0200 7465616d 00 000000");

    private static byte[] Hex(string s) => System.Convert.FromHexString(s.Replace(" ", "", System.StringComparison.Ordinal));

    [Fact]
    public void WireBuilder_MatchesHandWrittenRequest()
        => Assert.Equal(Wire.Hex(s_getTeam), Wire.Hex(Msg(0x10, 0x5, 7, 0, Genl(3, 1), Attr(2, Str("team")))));

    [Fact]
    public void GetFamily_Team_NewFamilyThenAck()
    {
        using var f = new ServerFixture();
        List<byte[]> r = f.Exchange(s_getTeam);

        byte[] expected = Msg(0x10, 0, 7, Pid, Genl(1, 2),
            Attr(2, Str("team")), Attr(1, U16(0x13)), Attr(3, U32(1)), Attr(4, U32(0)), Attr(5, U32(2)),
            Attr(6,
                Attr(1, Attr(1, U32(0)), Attr(2, U32(0x0a))),
                Attr(2, Attr(1, U32(1)), Attr(2, U32(0x0b))),
                Attr(3, Attr(1, U32(2)), Attr(2, U32(0x0b))),
                Attr(4, Attr(1, U32(3)), Attr(2, U32(0x0b)))),
            Attr(7, Attr(1, Attr(2, U32(2)), Attr(1, Str("change_event")))));
        Assert.Equal(2, r.Count);
        Assert.Equal(Wire.Hex(expected), Wire.Hex(r[0]));
        Assert.Equal(Wire.Hex(Error(0, s_getTeam, Pid)), Wire.Hex(r[1]));
        Assert.Equal(36, r[1].Length);
    }

    [Fact]
    public void GetFamily_Nlctrl_OpsAndNotifyGroup()
    {
        using var f = new ServerFixture();
        byte[] req = Msg(0x10, 0x1, 9, 0, Genl(3, 1), Attr(2, Str("nlctrl")));
        List<byte[]> r = f.Exchange(req);

        byte[] expected = Msg(0x10, 0, 9, Pid, Genl(1, 2),
            Attr(2, Str("nlctrl")), Attr(1, U16(0x10)), Attr(3, U32(2)), Attr(4, U32(0)), Attr(5, U32(10)),
            Attr(6, Attr(1, Attr(1, U32(3)), Attr(2, U32(0x0e))), Attr(2, Attr(1, U32(10)), Attr(2, U32(0x0c)))),
            Attr(7, Attr(1, Attr(2, U32(0x10)), Attr(1, Str("notify")))));
        Assert.Single(r); // no NLM_F_ACK, no ack
        Assert.Equal(Wire.Hex(expected), Wire.Hex(r[0]));
    }

    [Fact]
    public void GetFamily_ById_Teamfw_AdminOpsAndLinkEvent()
    {
        using var f = new ServerFixture();
        List<byte[]> r = f.Exchange(Msg(0x10, 0x1, 3, 0, Genl(3, 1), Attr(1, U16(0x14))));

        var ops = new List<byte[]>();
        uint[] flags = [0x0a, 0x0e, 0x0b, 0x0b, 0x0b, 0x0b, 0x0a, 0x0a, 0x0b, 0x0e, 0x0a, 0x0a, 0x0b];
        for (int i = 0; i < flags.Length; i++)
        {
            ops.Add(Attr((ushort)(i + 1), Attr(1, U32((uint)i)), Attr(2, U32(flags[i]))));
        }

        byte[] expected = Msg(0x10, 0, 3, Pid, Genl(1, 2),
            Attr(2, Str("teamfw")), Attr(1, U16(0x14)), Attr(3, U32(1)), Attr(4, U32(0)), Attr(5, U32(12)),
            Attr(6, ops.ToArray()),
            Attr(7, Attr(1, Attr(2, U32(3)), Attr(1, Str("link_event")))));
        Assert.Equal(Wire.Hex(expected), Wire.Hex(Assert.Single(r)));
    }

    [Fact]
    public void GetFamily_UnknownName_EnoentWithEchoAndText()
    {
        using var f = new ServerFixture();
        byte[] req = Msg(0x10, 0x5, 11, 0, Genl(3, 1), Attr(2, Str("bonding")));
        byte[] reply = Assert.Single(f.Exchange(req));

        Assert.Equal(Wire.Hex(Error(-2, req, Pid, "no generic netlink family \"bonding\" (teamfw serves nlctrl, team and teamfw)")), Wire.Hex(reply));
    }

    [Fact]
    public void GetFamily_NoAttribute_Einval()
    {
        using var f = new ServerFixture();
        byte[] req = Msg(0x10, 0x5, 12, 0, Genl(3, 1));
        byte[] reply = Assert.Single(f.Exchange(req));
        Assert.Equal(Wire.Hex(Error(-22, req, Pid, "CTRL_ATTR_FAMILY_ID or CTRL_ATTR_FAMILY_NAME is required")), Wire.Hex(reply));
    }

    [Fact]
    public void GetFamily_Dump_AllFamiliesAndDoneInOneDatagram_NoAck()
    {
        using var f = new ServerFixture();
        byte[] req = Msg(0x10, 0x305, 13, 0, Genl(3, 1));
        byte[] d = Assert.Single(f.Exchange(req));

        var types = new List<(ushort Type, ushort Flags, uint Seq)>();
        var rest = new NlMessageReader(d);
        while (rest.TryNext(out System.ReadOnlySpan<byte> m))
        {
            var h = NlHeader.Read(m);
            types.Add((h.Type, h.Flags, h.Seq));
        }

        Assert.Equal([(0x10, 2, 13u), (0x10, 2, 13u), (0x10, 2, 13u), (3, 2, 13u)], types);
        Assert.Equal(Wire.Hex(Msg(3, 2, 13, Pid, U32(0))), Wire.Hex(d.AsSpan(d.Length - 20)));
    }

    [Fact]
    public void GetPolicy_Dump_Eopnotsupp()
    {
        using var f = new ServerFixture();
        byte[] req = Msg(0x10, 0x301, 14, 0, Genl(10, 1), Attr(2, Str("team")));
        byte[] reply = Assert.Single(f.Exchange(req));
        Assert.Equal(-95, System.BitConverter.ToInt32(reply, 16));
    }
}

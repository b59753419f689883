// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;
using TeamFw.Control;
using Xunit;
using static TeamFw.Tests.Control.Wire;

namespace TeamFw.Tests.Control;

/// <summary>The teamfw family (SPEC §5 numbers) against bytes built from them.</summary>
public sealed class GoldenTeamfwTests
{
    private const uint Pid = 4242;
    private const ushort Fw = 0x14;

    private static byte[] Counters(ulong first) => Attr(9,
        Attr(1, U64(first)), Attr(2, U64(first * 2)), Attr(3, U64(first * 3)), Attr(4, U64(first * 4)),
        Attr(5, U64(first * 5)), Attr(6, U64(first * 6)), Attr(7, U64(first * 7)), Attr(8, U64(first * 8)));

    private static byte[] Link(ushort flags, uint seq) => Msg(Fw, flags, seq, Pid, Genl(1, 1),
        Attr(1, U32(7)), Attr(2, Str("team0")), Attr(11, Str("activebackup")),
        Attr(10, Attr(1, Attr(3, U32(3)), Attr(4, Str("eth1"))), Attr(1, Attr(3, U32(4)), Attr(4, Str("eth2")))));

    [Fact]
    public void LinkGet_ByName_OneMessage_ThenAck()
    {
        using var f = new ServerFixture();
        byte[] req = Msg(Fw, 0x5, 1, 0, Genl(1, 1), Attr(2, Str("team0")));
        List<byte[]> r = f.Exchange(req);
        Assert.Equal([Hex(Link(0, 1)), Hex(Error(0, req, Pid))], r.ConvertAll(b => Hex(b)));
    }

    [Fact]
    public void LinkGet_Dump_MultiMessagesAndDoneWithErrno_NoAck()
    {
        using var f = new ServerFixture();
        byte[] req = Msg(Fw, 0x305, 2, 0, Genl(1, 1));
        byte[] d = Assert.Single(f.Exchange(req));
        Assert.Equal(Hex(Cat(Link(2, 2), Msg(3, 2, 2, Pid, U32(0)))), Hex(d));
    }

    [Fact]
    public void LinkGet_UnknownTeam_Enodev()
    {
        using var f = new ServerFixture();
        byte[] req = Msg(Fw, 0x5, 3, 0, Genl(1, 1), Attr(1, U32(70)));
        Assert.Equal(Hex(Error(-19, req, Pid, "no team with ifindex 70")), Hex(Assert.Single(f.Exchange(req))));
    }

    [Fact]
    public void StatsGet_TeamAndPortCounters()
    {
        using var f = new ServerFixture();
        byte[] req = Msg(Fw, 0x1, 4, 0, Genl(9, 1), Attr(1, U32(7)));
        byte[] expected = Msg(Fw, 0, 4, Pid, Genl(9, 1), Attr(1, U32(7)), Attr(2, Str("team0")), Counters(1),
            Attr(10, Attr(1, Attr(3, U32(3)), Attr(4, Str("eth1")), Counters(10)), Attr(1, Attr(3, U32(4)), Attr(4, Str("eth2")), Counters(10))));
        Assert.Equal(Hex(expected), Hex(Assert.Single(f.Exchange(req))));
    }

    [Theory]
    [InlineData(6, 0u, "{\"setup\":{\"runner_name\":\"activebackup\"},\"runner\":{\"active_port\":\"\"}}")]
    [InlineData(7, 3u, "{\"device\":\"team0\",\"flags\":3}")]
    public void StateGet_ConfigGet_JsonAttribute(byte cmd, uint flags, string json)
    {
        using var f = new ServerFixture();
        byte[] req = Msg(Fw, 0x1, 5, 0, Genl(cmd, 1), Attr(2, Str("team0")), Attr(12, U32(flags)));
        byte[] expected = Msg(Fw, 0, 5, Pid, Genl(cmd, 1), Attr(1, U32(7)), Attr(2, Str("team0")), Attr(5, Str(json)));
        Assert.Equal(Hex(expected), Hex(Assert.Single(f.Exchange(req))));
    }

    [Fact]
    public void Noop_BareHeader()
    {
        using var f = new ServerFixture();
        Assert.Equal(Hex(Msg(Fw, 0, 6, Pid, Genl(0, 1))), Hex(Assert.Single(f.Exchange(Msg(Fw, 1, 6, 0, Genl(0, 1))))));
    }

    [Fact]
    public void McastJoin_LinkEventsArrive_LeaveStopsThem()
    {
        using var f = new ServerFixture();
        ControlConnection c = ServerFixture.Connection(portId: 5);
        f.Server.Adopt(c);
        byte[] join = Msg(Fw, 0x5, 7, 0, Genl(10, 1), Attr(8, U32(3)));
        Assert.Equal(Hex(Error(0, join, 5)), Hex(Assert.Single(f.Exchange(c, join))));

        f.Server.LinkChanged(TeamfwCmd.PortAdd, f.Team.ControlState, f.Team.ControlState.Ports[0]);
        byte[] ev = Msg(Fw, 0, 0, 0, Genl(4, 1), Attr(1, U32(7)), Attr(2, Str("team0")), Attr(3, U32(3)), Attr(4, Str("eth1")));
        Assert.Equal([Hex(ev)], c.TakeQueued().ConvertAll(b => Hex(b)));

        f.Exchange(c, Msg(Fw, 0x1, 8, 0, Genl(11, 1), Attr(8, U32(3))));
        f.Server.LinkChanged(TeamfwCmd.LinkNew, f.Team.ControlState, null);
        Assert.Empty(c.TakeQueued());
    }

    [Fact]
    public void McastJoin_UnknownGroup_Enoent()
    {
        using var f = new ServerFixture();
        byte[] req = Msg(Fw, 0x5, 9, 0, Genl(10, 1), Attr(8, U32(77)));
        Assert.Equal(-2, BitConverter.ToInt32(Assert.Single(f.Exchange(req)), 16));
    }

    [Theory]
    [InlineData(4, "add eth9")]
    [InlineData(5, "remove eth1")]
    public void PortAddDel_ByName_Ack(byte cmd, string call)
    {
        using var f = new ServerFixture();
        string port = call.Split(' ')[1];
        byte[] req = Msg(Fw, 0x5, 10, 0, Genl(cmd, 1), Attr(2, Str("team0")), Attr(4, Str(port)));
        Assert.Equal(Hex(Error(0, req, Pid)), Hex(Assert.Single(f.Exchange(req))));
        Assert.Contains(call, f.Team.Calls);
        Assert.True(f.Backend.Syncs > 0, "a state change is followed by a sync");
    }

    [Fact]
    public void PortAdd_ByIfindex_ResolvesTheName()
    {
        using var f = new ServerFixture();
        f.Exchange(Msg(Fw, 0x5, 11, 0, Genl(4, 1), Attr(1, U32(7)), Attr(3, U32(77))));
        Assert.Contains("add eth77", f.Team.Calls);
    }

    [Fact]
    public void LinkNew_BadJson_EinvalWithTheLoadersWords()
    {
        using var f = new ServerFixture();
        byte[] req = Msg(Fw, 0x5, 12, 0, Genl(2, 1), Attr(5, Str("{}")));
        Assert.Equal(Hex(Error(-22, req, Pid, "LINK_NEW: $.device: missing")), Hex(Assert.Single(f.Exchange(req))));
    }

    [Fact]
    public void LinkNew_MissingJson_Einval_NamesTheAttribute()
    {
        using var f = new ServerFixture();
        byte[] req = Msg(Fw, 0x5, 13, 0, Genl(2, 1));
        Assert.Equal(Hex(Error(-22, req, Pid, "attribute JSON is required")), Hex(Assert.Single(f.Exchange(req))));
    }

    [Fact]
    public void StateItemSet_PathValue_ReachesTheTeam()
    {
        using var f = new ServerFixture();
        f.Exchange(Msg(Fw, 0x5, 14, 0, Genl(8, 1), Attr(2, Str("team0")), Attr(6, Str("setup.debug_level")), Attr(7, Str("2"))));
        Assert.Contains("item setup.debug_level=2", f.Team.Calls);
    }
}

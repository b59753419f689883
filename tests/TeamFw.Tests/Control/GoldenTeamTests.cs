// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;
using TeamFw.Control;
using Xunit;
using static TeamFw.Tests.Control.Wire;

namespace TeamFw.Tests.Control;

/// <summary>
/// The team family against bytes from if_team.h numbers and the kernel's framing (reference §2.2–2.4):
/// team0 is ifindex 7, activebackup, ports eth1 (3, up, 1000 Mb/s full) and eth2 (4, down).
/// </summary>
public sealed class GoldenTeamTests
{
    private const uint Pid = 4242;
    private const ushort Team = 0x13;

    private static byte[] Opt(string name, byte type, byte[]? data, uint? port = null, uint? index = null, bool changed = false, bool removed = false)
        => Attr(1,
            Attr(1, Str(name)),
            port is uint p ? Attr(6, U32(p)) : [],
            index is uint i ? Attr(7, U32(i)) : [],
            Attr(3, U8(type)),
            data is null ? [] : Attr(4, data),
            removed ? Flag(5) : [],
            changed ? Flag(2) : []);

    private static byte[][] PortOptions(uint port, bool enabled) =>
    [
        Opt("enabled", 6, enabled ? [] : null, port),
        Opt("user_linkup", 6, null, port),
        Opt("user_linkup_enabled", 6, null, port),
        Opt("priority", 14, S32(0), port),
        Opt("queue_id", 3, U32(0), port),
    ];

    /// <summary>What OPTIONS_GET lists for team0, in registration order, none CHANGED (registration events cleared them).</summary>
    public static byte[] Team0Options() => Cat(
        Opt("mode", 5, Str("activebackup")),
        Opt("notify_peers_count", 3, U32(1)),
        Opt("notify_peers_interval", 3, U32(0)),
        Opt("mcast_rejoin_count", 3, U32(0)),
        Opt("mcast_rejoin_interval", 3, U32(0)),
        Opt("activeport", 3, U32(0)),
        Cat(PortOptions(3, true)),
        Cat(PortOptions(4, true)));

    [Fact]
    public void Noop_BareHeaderReply_AckOnlyWhenAsked()
    {
        using var f = new ServerFixture();
        byte[] withAck = Msg(Team, 0x5, 1, 0, Genl(0, 1));
        List<byte[]> r = f.Exchange(withAck);
        Assert.Equal([Hex(Msg(Team, 0, 1, Pid, Genl(0, 1))), Hex(Error(0, withAck, Pid))], r.ConvertAll(b => Hex(b)));

        List<byte[]> noAck = f.Exchange(Msg(Team, 0x1, 2, 0, Genl(0, 1)));
        Assert.Equal([Hex(Msg(Team, 0, 2, Pid, Genl(0, 1)))], noAck.ConvertAll(b => Hex(b)));
    }

    [Fact]
    public void OptionsGet_OneMessageMultiAck_PayloadlessDoneInSameDatagram_ThenAck()
    {
        using var f = new ServerFixture();
        byte[] req = Msg(Team, 0x5, 5, 0, Genl(2, 1), Attr(1, U32(7)));
        List<byte[]> r = f.Exchange(req);

        byte[] expected = Cat(
            Msg(Team, 0x6, 5, Pid, Genl(2, 1), Attr(1, U32(7)), Attr(2, Team0Options())),
            Msg(3, 0x6, 5, Pid));
        Assert.Equal(2, r.Count);
        Assert.Equal(Hex(expected), Hex(r[0]));
        Assert.Equal(Hex(Error(0, req, Pid)), Hex(r[1]));
    }

    [Fact]
    public void OptionsGet_ChangedFlagSentOnceThenCleared()
    {
        using var f = new ServerFixture();
        f.Team.ControlState.MarkChanged("activeport");
        byte[] req = Msg(Team, 0x1, 6, 0, Genl(2, 1), Attr(1, U32(7)));

        string first = Hex(f.Exchange(req)[0]);
        string second = Hex(f.Exchange(req)[0]);

        Assert.Contains(Hex(Opt("activeport", 3, U32(0), changed: true)), first, System.StringComparison.Ordinal);
        Assert.DoesNotContain(Hex(Opt("activeport", 3, U32(0), changed: true)), second, System.StringComparison.Ordinal);
        Assert.Contains(Hex(Opt("activeport", 3, U32(0))), second, System.StringComparison.Ordinal);
    }

    [Fact]
    public void PortListGet_LinkupSpeedDuplex_ThenDone()
    {
        using var f = new ServerFixture();
        byte[] req = Msg(Team, 0x5, 8, 0, Genl(3, 1), Attr(1, U32(7)));
        List<byte[]> r = f.Exchange(req);

        byte[] ports = Cat(
            Attr(1, Attr(1, U32(3)), Flag(3), Attr(4, U32(1000)), Attr(5, U8(1))),
            Attr(1, Attr(1, U32(4)), Attr(4, U32(0)), Attr(5, U8(0))));
        Assert.Equal(Hex(Cat(Msg(Team, 0x6, 8, Pid, Genl(3, 1), Attr(1, U32(7)), Attr(3, ports)), Msg(3, 0x6, 8, Pid))), Hex(r[0]));
        Assert.Equal(Hex(Error(0, req, Pid)), Hex(r[1]));
    }

    [Fact]
    public void PortListGet_EmptyTeam_OneEmptyListThenDone()
    {
        using var f = new ServerFixture();
        var empty = new FakeControlTeam("team9", 9, "roundrobin", f.Server);
        f.Backend.Teams.Add(empty);
        byte[] r = f.Exchange(Msg(Team, 0x1, 9, 0, Genl(3, 1), Attr(1, U32(9))))[0];
        Assert.Equal(Hex(Cat(Msg(Team, 0x6, 9, Pid, Genl(3, 1), Attr(1, U32(9)), Attr(3)), Msg(3, 0x6, 9, Pid))), Hex(r));
    }

    /// <summary>libteam's set request for activeport=4: only the ack comes back; the change goes out as an event.</summary>
    [Fact]
    public void OptionsSet_Activeport_AckOnly_EventToSubscribers()
    {
        using var f = new ServerFixture();
        ControlConnection listener = f.Listener(2);
        byte[] req = Msg(Team, 0x5, 10, 0, Genl(1, 0), Attr(1, U32(7)),
            Attr(2, Attr(1, Attr(1, Str("activeport")), Attr(3, U8(3)), Attr(4, U32(4)))));

        List<byte[]> r = f.Exchange(req);
        List<byte[]> events = listener.TakeQueued();

        Assert.Equal([Hex(Error(0, req, Pid))], r.ConvertAll(b => Hex(b)));
        Assert.Equal(4u, f.Team.ActivePortIfIndex);
        byte[] ev = Cat(Msg(Team, 0x2, 0, 0, Genl(2, 1), Attr(1, U32(7)), Attr(2, Opt("activeport", 3, U32(4), changed: true))), Msg(3, 0x2, 0, 0));
        Assert.Equal([Hex(ev)], events.ConvertAll(b => Hex(b)));
    }

    [Fact]
    public void OptionsSet_BoolFlagAbsent_IsFalse()
    {
        using var f = new ServerFixture();
        byte[] req = Msg(Team, 0x5, 11, 0, Genl(1, 0), Attr(1, U32(7)),
            Attr(2, Attr(1, Attr(1, Str("enabled")), Attr(6, U32(3)), Attr(3, U8(6)))));
        Assert.Equal(Hex(Error(0, req, Pid)), Hex(f.Exchange(req)[0]));
        Assert.Contains("enabled eth1=False", f.Team.Calls);
    }

    [Theory]
    [InlineData("nosuch", 3, -2)]          // no instance: -ENOENT
    [InlineData("mode", 5, -16)]           // ports present: -EBUSY
    [InlineData("activeport", 3, -2)]      // ifindex 99 is not a port: -ENOENT
    [InlineData("queue_id", 3, -22)]       // 99 is not below the 16 TX queues: -EINVAL
    public void OptionsSet_Errors_NlmsgErrorWithEchoedRequest(string name, byte type, int errno)
    {
        using var f = new ServerFixture();
        byte[] data = type == 5 ? Str("roundrobin") : U32(99);
        byte[] item = name == "queue_id"
            ? Attr(1, Attr(1, Str(name)), Attr(6, U32(3)), Attr(3, U8(type)), Attr(4, data))
            : Attr(1, Attr(1, Str(name)), Attr(3, U8(type)), Attr(4, data));
        byte[] req = Msg(Team, 0x5, 12, 0, Genl(1, 0), Attr(1, U32(7)), Attr(2, item));

        byte[] reply = Assert.Single(f.Exchange(req));

        Assert.Equal(errno, System.BitConverter.ToInt32(reply, 16));
        Assert.Equal(0x200, System.BitConverter.ToUInt16(reply, 6)); // NLM_F_ACK_TLVS, not capped: the request follows
        Assert.Equal(Hex(req), Hex(reply.AsSpan(20, req.Length)));
    }

    [Fact]
    public void OptionsSet_Quirks_NoListEinval_EmptyListEinval_UnknownTypeReturnsZero()
    {
        using var f = new ServerFixture();
        byte[] noList = Msg(Team, 0x5, 13, 0, Genl(1, 0), Attr(1, U32(7)));
        byte[] emptyList = Msg(Team, 0x5, 14, 0, Genl(1, 0), Attr(1, U32(7)), Attr(2));
        byte[] unknownType = Msg(Team, 0x5, 15, 0, Genl(1, 0), Attr(1, U32(7)),
            Attr(2, Attr(1, Attr(1, Str("mode")), Attr(3, U8(1)), Attr(4, U8(0)))));

        Assert.Equal(-22, System.BitConverter.ToInt32(f.Exchange(noList)[0], 16));
        Assert.Equal(-22, System.BitConverter.ToInt32(f.Exchange(emptyList)[0], 16));
        Assert.Equal(Hex(Error(0, unknownType, Pid)), Hex(f.Exchange(unknownType)[0]));
    }

    [Fact]
    public void OptionsSet_StringWithoutNulOrTooLong_Einval()
    {
        using var f = new ServerFixture();
        foreach (byte[] data in new[] { System.Text.Encoding.ASCII.GetBytes("roundrobin"), Str(new string('x', 32)) })
        {
            byte[] req = Msg(Team, 0x5, 16, 0, Genl(1, 0), Attr(1, U32(7)), Attr(2, Attr(1, Attr(1, Str("mode")), Attr(3, U8(5)), Attr(4, data))));
            Assert.Equal(-22, System.BitConverter.ToInt32(f.Exchange(req)[0], 16));
        }
    }

    [Fact]
    public void AnyCommand_TeamIfindexNotATeam_Einval()
    {
        using var f = new ServerFixture();
        byte[] req = Msg(Team, 0x5, 17, 0, Genl(2, 1), Attr(1, U32(8)));
        Assert.Equal(Hex(Error(-22, req, Pid, "ifindex 8 is not a team device")), Hex(Assert.Single(f.Exchange(req))));
    }
}

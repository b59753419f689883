// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;
using System.Linq;
using TeamFw.Daemon;
using TeamFw.Modes;
using TeamFw.Native.Rings;
using TeamFw.Native.Sockets;
using TeamFw.Stats;
using Xunit;
using static TeamFw.Native.Interop.Constants;

namespace TeamFw.Tests.Daemon;

/// <summary>
/// The receive path over a ring in private memory (the test plays tpacket_rcv with RxRing.KernelFill) and a
/// recording host writer: what reaches the host, and how every frame is counted — delivered (rx_packets),
/// dropped (rx_dropped) or not the team's (rx_nohandler) — in the port's and the team's counters.
/// </summary>
public sealed class RxPathTests : IDisposable
{
    private const int Slot = 1;
    private const int Mtu = 1500;
    private const int Reserve = 4;

    private readonly RxRing _ring = RxRing.CreateDetached(new RingGeometry(65536, 4, 1), 0);
    private readonly CounterSet _team = new(3);
    private readonly RecordingWriter _host = new();
    private readonly FakeRxPort _port;

    public RxPathTests() => _port = new FakeRxPort("a1");

    public void Dispose() => _ring.Dispose();

    /// <summary>An IPv4/UDP frame of 60 bytes whose last payload byte is <paramref name="tag"/>.</summary>
    private static byte[] Udp(byte tag, byte dst0 = 0x02)
    {
        byte[] f = new byte[60];
        f[0] = dst0;
        f[5] = 0x01;
        f[6] = 0x02;
        f[11] = 0x02;
        f[12] = 0x08; // IPv4
        f[14] = 0x45;
        f[17] = 46; // total length: 60 - 14
        f[23] = 17; // UDP
        f[59] = tag;
        return f;
    }

    private RxPath Path() => new(_team, _host, Slot);

    private bool Receive(RxPath path, ITeamMode mode) => path.Receive(_port, _ring, new TeamView([_port], _port), mode, Mtu);

    [Fact]
    public void Frames_ReachTheHostInOrder_CountedOnPortAndTeam()
    {
        byte[][] frames = [Udp(1), Udp(2, dst0: 0x01), Udp(3)];
        _ring.KernelFill(0, Reserve, new KernelFrame(frames[0]), new KernelFrame(frames[1], PacketType: PACKET_MULTICAST), new KernelFrame(frames[2]));

        Assert.False(Receive(Path(), new RoundRobinMode()));

        Assert.Equal(frames, _host.Frames);
        Assert.Equal(1, _host.Flushes);
        var expected = new StatsSnapshot(3, 180, 1, 0, 0, 0, 0, 0);
        Assert.Equal(expected, _port.Counters.Read());
        Assert.Equal(expected, _team.Read());
        Assert.Equal(TP_STATUS_KERNEL, _ring.BlockStatus(0)); // the block went back to the kernel
    }

    [Fact]
    public void SlowProtocols_InactivePort_DisabledPort_AreNotTheTeams()
    {
        byte[] lacpdu = Udp(9);
        lacpdu[12] = 0x88;
        lacpdu[13] = 0x09;
        _ring.KernelFill(0, Reserve, new KernelFrame(lacpdu), new KernelFrame(Udp(1)));
        RxPath path = Path();

        Receive(path, new RoundRobinMode());
        Assert.Equal([Udp(1)], _host.Frames); // the LACPDU is the runner's, on its own socket

        var backup = new FakeRxPort("a2");
        _ring.KernelFill(1, Reserve, new KernelFrame(Udp(2)));
        path.Receive(backup, _ring, new TeamView([_port, backup], _port), new ActiveBackupMode(), Mtu); // not the active port

        _port.Enabled = false;
        _ring.KernelFill(2, Reserve, new KernelFrame(Udp(3)));
        Receive(path, new RoundRobinMode());

        Assert.Single(_host.Frames);
        Assert.Equal(2UL, _port.Counters.Read().RxNoHandler);
        Assert.Equal(1UL, backup.Counters.Read().RxNoHandler);
        Assert.Equal(3UL, _team.Read().RxNoHandler); // the kernel counts RX_HANDLER_EXACT in the team's rx_nohandler too
        Assert.Equal(1UL, _team.Read().RxPackets);
    }

    [Fact]
    public void Runt_Oversized_Malformed_Truncated_AreDropped()
    {
        byte[] malformed = Udp(4);
        malformed[14] = 0x35; // IPv4 version 3
        _ring.KernelFill(0, Reserve,
            new KernelFrame(new byte[10]),
            new KernelFrame([.. Udp(1), .. new byte[Mtu]]),
            new KernelFrame(malformed),
            new KernelFrame(Udp(2), WireLength: 1000),
            new KernelFrame(Udp(5)));

        Receive(Path(), new RoundRobinMode());

        Assert.Equal([Udp(5)], _host.Frames);
        Assert.Equal(new StatsSnapshot(1, 60, 0, 4, 0, 0, 0, 0), _team.Read());
    }

    [Fact]
    public void OuterVlanTag_IsPutBackForTheHost()
    {
        _ring.KernelFill(0, Reserve, new KernelFrame(Udp(1), TP_STATUS_VLAN_VALID | TP_STATUS_VLAN_TPID_VALID, Tci: 100, Tpid: 0x8100));

        Receive(Path(), new RoundRobinMode());

        byte[] f = Udp(1);
        Assert.Equal([[.. f[..12], 0x81, 0x00, 0x00, 100, .. f[12..]]], _host.Frames);
        Assert.Equal(64UL, _team.Read().RxBytes);
    }

    [Fact]
    public void WriterRefusals_AndFramesTheFlushLost_AreDropped()
    {
        _ring.KernelFill(0, Reserve, new KernelFrame(Udp(1)), new KernelFrame(Udp(2)), new KernelFrame(Udp(3)), new KernelFrame(Udp(4)));
        _host.Refuse = f => f[59] == 2;
        _host.LostInFlush = new FrameLoss(1, 60);

        Receive(Path(), new RoundRobinMode());

        StatsSnapshot s = _team.Read();
        Assert.Equal(2UL, s.RxPackets); // 3 taken, 1 of them lost in the flush
        Assert.Equal(120UL, s.RxBytes); // and its bytes with it
        Assert.Equal(2UL, s.RxDropped); // the refusal and the flush's loss
        Assert.Equal(s, _port.Counters.Read());
    }

    [Fact]
    public void FloodedPort_StopsAtTheBudget_AndSaysFramesAreLeft()
    {
        const int N = RxPath.Budget + 44;
        KernelFrame[] frames = [.. Enumerable.Range(0, N).Select(i => new KernelFrame(Udp((byte)i)))];
        _ring.KernelFill(0, Reserve, frames);
        RxPath path = Path();

        Assert.True(Receive(path, new RoundRobinMode()));
        Assert.Equal(RxPath.Budget, _host.Frames.Count);
        Assert.Equal(1, _host.Flushes);

        Assert.False(Receive(path, new RoundRobinMode()));
        Assert.Equal(N, _host.Frames.Count);
        Assert.Equal((ulong)N, _team.Read().RxPackets);
    }

    private sealed class RecordingWriter : IFrameWriter
    {
        public List<byte[]> Frames { get; } = [];

        public Func<byte[], bool> Refuse { get; set; } = _ => false;

        public FrameLoss LostInFlush { get; set; }

        public int Flushes { get; private set; }

        public bool Write(ReadOnlySpan<byte> frame, ref FrameLoss lost)
        {
            byte[] f = frame.ToArray();
            if (Refuse(f))
            {
                return false;
            }

            Frames.Add(f);
            return true;
        }

        public FrameLoss Flush()
        {
            Flushes++;
            return LostInFlush;
        }
    }

    private sealed class FakeRxPort(string name) : IRxPort
    {
        public string Name { get; } = name;

        public int IfIndex => 7;

        public bool Enabled { get; set; } = true;

        public bool Txable => Enabled;

        public bool VnetHeader => false;

        public CounterSet Counters { get; } = new(3);
    }
}

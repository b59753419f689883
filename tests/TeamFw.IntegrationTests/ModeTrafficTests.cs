// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using TeamFw.IntegrationTests.Infrastructure;
using Xunit;

namespace TeamFw.IntegrationTests;

/// <summary>Traffic through a real team in each mode: veth ports, a TAP, AF_PACKET rings, a kernel bridge as the peer.</summary>
public sealed class ModeTrafficTests
{
    private static string Config(string runner) =>
        "{\"device\":\"team0\",\"runner\":{\"name\":\"" + runner + "\"},\"link_watch\":{\"name\":\"ethtool\"},\"ports\":{\"a1\":{},\"a2\":{}}}";

    [NetnsFact]
    public void RoundRobin_PingWorks_AndBothPortsTransmit()
    {
        using var topo = new Topology();
        using var d = TeamfwProcess.Start(topo.Host, Config("roundrobin"));
        topo.TeamUp();
        long b1 = Cmd.RxPackets(topo.Peer, "b1"), b2 = Cmd.RxPackets(topo.Peer, "b2");
        var (code, output) = topo.Ping(40, 0.01);
        Assert.True(code == 0, output);

        var state = d.State();
        long tx1 = TeamfwProcess.Stat(state, "tx_packets", "a1"), tx2 = TeamfwProcess.Stat(state, "tx_packets", "a2");
        Assert.True(tx1 >= 15 && tx2 >= 15, $"roundrobin must alternate: a1 sent {tx1}, a2 sent {tx2}");
        Assert.True(Cmd.RxPackets(topo.Peer, "b1") - b1 >= 15 && Cmd.RxPackets(topo.Peer, "b2") - b2 >= 15, "the peer saw both links carry traffic");
        Assert.True(TeamfwProcess.Stat(state, "rx_packets") >= 40, "replies reached the team");
        Assert.Equal(0, d.Stop());
    }

    [NetnsFact]
    public void Broadcast_EveryFrameLeavesOnBothPorts()
    {
        using var topo = new Topology();
        using var d = TeamfwProcess.Start(topo.Host, Config("broadcast"));
        topo.TeamUp();
        Assert.Equal(0, topo.Ping(1).Code); // resolve ARP first
        long b1 = Cmd.RxPackets(topo.Peer, "b1"), b2 = Cmd.RxPackets(topo.Peer, "b2");
        var (code, output) = topo.Ping(10, 0.02);
        Assert.True(code == 0, output);
        Assert.Contains("DUP!", output, System.StringComparison.Ordinal); // the peer answered both copies
        Assert.True(Cmd.RxPackets(topo.Peer, "b1") - b1 >= 10, "every request arrived on b1");
        Assert.True(Cmd.RxPackets(topo.Peer, "b2") - b2 >= 10, "every request arrived on b2 as well");
        Assert.Equal(0, d.Stop());
    }

    [NetnsFact]
    public void Random_PingWorks_AndEachFrameDrawsItsPortAnew()
    {
        // The peer records which link each echo request arrived on. Random draws every frame's port afresh
        // (team_mode_random.c rnd_transmit), so two consecutive requests share a port about half the time;
        // roundrobin would alternate and a stuck mode would never switch. Of 59 pairs, fewer than 12 alike
        // or fewer than 12 different is a 4.5-sigma event for a fair draw.
        const int count = 60;
        using var topo = new Topology();
        using var d = TeamfwProcess.Start(topo.Host, Config("random"));
        topo.TeamUp();
        using var c1 = new Capture(topo.Peer, "b1", "icmp[icmptype] == icmp-echo");
        using var c2 = new Capture(topo.Peer, "b2", "icmp[icmptype] == icmp-echo");
        var (code, output) = topo.Ping(count, 0.01);
        Assert.True(code == 0, output);

        HashSet<int> on1 = [], on2 = [];
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while ((on1.Count + on2.Count < count) && DateTime.UtcNow < deadline)
        {
            on1 = Seqs(c1.Text);
            on2 = Seqs(c2.Text);
            Thread.Sleep(20);
        }

        Assert.True(on1.Count + on2.Count == count && !on1.Overlaps(on2), $"each request once: b1 {on1.Count}, b2 {on2.Count}");
        int alike = 0;
        for (int seq = 2; seq <= count; seq++)
        {
            alike += on1.Contains(seq) == on1.Contains(seq - 1) ? 1 : 0;
        }

        Assert.True(alike >= 12 && count - 1 - alike >= 12, $"{alike} of {count - 1} consecutive requests shared a port (b1 got {string.Join(',', on1.Order())})");
        Assert.Equal(0, d.Stop());
    }

    /// <summary>The sequence numbers of the echo requests in a capture (tcpdump's "ICMP echo request, id N, seq N").</summary>
    private static HashSet<int> Seqs(string capture)
        => System.Text.RegularExpressions.Regex.Matches(capture, @"echo request, id \d+, seq (\d+)")
            .Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToHashSet();
}

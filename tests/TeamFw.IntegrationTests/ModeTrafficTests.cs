// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

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
    public void Random_PingWorks_AndBothPortsAreUsed()
    {
        using var topo = new Topology();
        using var d = TeamfwProcess.Start(topo.Host, Config("random"));
        topo.TeamUp();
        var (code, output) = topo.Ping(60, 0.01);
        Assert.True(code == 0, output);
        var state = d.State();
        long tx1 = TeamfwProcess.Stat(state, "tx_packets", "a1"), tx2 = TeamfwProcess.Stat(state, "tx_packets", "a2");
        Assert.True(tx1 >= 5 && tx2 >= 5, $"random must use both ports: a1 {tx1}, a2 {tx2}");
        Assert.Equal(0, d.Stop());
    }
}

// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System.Globalization;
using System.Text.Json;
using TeamFw.IntegrationTests.Infrastructure;
using Xunit;

namespace TeamFw.IntegrationTests;

/// <summary>A real loadbalance team (tx_hash l3 + l4) over two veth ports: flows spread, a flow stays on its port.</summary>
public sealed class LoadBalanceTests
{
    private const string Config =
        "{\"device\":\"team0\",\"runner\":{\"name\":\"loadbalance\",\"tx_hash\":[\"l3\",\"l4\"]},\"link_watch\":{\"name\":\"ethtool\"},\"ports\":{\"a1\":{},\"a2\":{}}}";

    /// <summary>Sends <paramref name="perFlow"/> UDP datagrams on each of <paramref name="flows"/> flows (source ports from 20000) to the peer.</summary>
    private static void SendUdp(Topology topo, int flows, int perFlow, int firstPort = 20000)
    {
        string script = string.Format(CultureInfo.InvariantCulture,
            "import socket\nfor p in range({0}, {0} + {1}):\n s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\n"
            + " s.bind(('{2}', p))\n for i in range({3}): s.sendto(b'x' * 64, ('{4}', 9))\n s.close()\n",
            firstPort, flows, Topology.TeamAddress, perFlow, Topology.PeerAddress);
        Cmd.InNs(topo.Host, "python3", "-c", script);
    }

    private static (long A1, long A2) Tx(TeamfwProcess d)
    {
        JsonElement state = d.State();
        return (TeamfwProcess.Stat(state, "tx_packets", "a1"), TeamfwProcess.Stat(state, "tx_packets", "a2"));
    }

    /// <summary>The ports' tx_packets once at least <paramref name="more"/> frames left since <paramref name="since"/> (2 s at most).</summary>
    private static (long A1, long A2) TxAfter(TeamfwProcess d, (long A1, long A2) since, long more)
    {
        var deadline = System.DateTime.UtcNow.AddSeconds(2);
        (long A1, long A2) now = Tx(d);
        while (now.A1 + now.A2 - since.A1 - since.A2 < more && System.DateTime.UtcNow < deadline)
        {
            System.Threading.Thread.Sleep(50);
            now = Tx(d);
        }

        return now;
    }

    [NetnsFact]
    public void Flows_SpreadOverBothPorts_AFixedFlowStaysOnOnePort()
    {
        using var topo = new Topology();
        using var d = TeamfwProcess.Start(topo.Host, Config);
        topo.TeamUp();
        Assert.True(topo.WaitForPing(), topo.LastPing); // the peer answers through the team; ARP resolved from here on

        // 200 flows, 5 datagrams each: each port carries a fair share (expected 500 ± a few dozen).
        (long a1, long a2) = Tx(d);
        SendUdp(topo, 200, 5);
        (long b1, long b2) = TxAfter(d, (a1, a2), 1000);
        long d1 = b1 - a1, d2 = b2 - a2;
        Assert.True(d1 + d2 >= 1000, $"every datagram left: a1 {d1}, a2 {d2}");
        Assert.True(d1 >= 350 && d2 >= 350, $"200 flows must spread over both ports: a1 {d1}, a2 {d2}");

        // One flow, 300 datagrams: all on one port (a stray frame of the host's own on the other at most).
        SendUdp(topo, 1, 300, firstPort: 31000);
        (long c1, long c2) = TxAfter(d, (b1, b2), 300);
        long e1 = c1 - b1, e2 = c2 - b2;
        Assert.True((e1 >= 300 && e2 <= 5) || (e2 >= 300 && e1 <= 5), $"one flow, one port: a1 {e1}, a2 {e2}");

        JsonElement runner = d.State().GetProperty("teamfw").GetProperty("runner");
        Assert.Equal("hash", runner.GetProperty("lb_tx_method").GetString());
        Assert.Equal(0, d.Stop());
    }
}

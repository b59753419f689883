// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Diagnostics;
using System.Text.Json;
using System.Threading;
using TeamFw.IntegrationTests.Infrastructure;
using Xunit;

namespace TeamFw.IntegrationTests;

/// <summary>arp_ping and nsna_ping against a real peer: the link stays up while the path behind it dies.</summary>
public sealed class LinkWatchTests
{
    private static string Config(string watcher) =>
        "{\"device\":\"team0\",\"runner\":{\"name\":\"activebackup\"}," +
        "\"link_watch\":" + watcher + ",\"ports\":{\"a1\":{\"prio\":10},\"a2\":{}}}";

    private const string ArpWatch = "{\"name\":\"arp_ping\",\"interval\":100,\"missed_max\":3,\"target_host\":\"10.231.0.2\"}";
    private const string NsnaWatch = "{\"name\":\"nsna_ping\",\"interval\":100,\"missed_max\":3,\"target_host\":\"2001:db8:77::2\"}";

    private static JsonElement Watch(TeamfwProcess d, string port)
        => d.State().GetProperty("ports").GetProperty(port).GetProperty("link_watches").GetProperty("list").GetProperty("link_watch_0");

    private static bool ActiveIs(TeamfwProcess d, string port) => d.State().GetProperty("runner").GetProperty("active_port").GetString() == port;

    /// <summary>Cuts the path behind a1 while its carrier stays up: the peer's bridge stops forwarding on b1
    /// (port state disabled). Taking b1 out of the bridge would not do: the peer's own stack would still
    /// answer ARP on b1 for its bridge address (a weak host).</summary>
    private static void CutAndRestore(Topology topo, TeamfwProcess d)
    {
        Assert.True(d.WaitForLog("active port none -> a1", TimeSpan.FromSeconds(5)), d.Log);
        Assert.True(topo.WaitForPing(), topo.LastPing + "\n" + Cmd.Run("ip", "-n", topo.Host, "neigh") + "\n" + Cmd.Run("ip", "-n", topo.Host, "addr") + d.Log);

        Cmd.InNs(topo.Peer, "bridge", "link", "set", "dev", "b1", "state", "0");
        var sw = Stopwatch.StartNew();
        // a1 goes down. With arp_ping the backup a2 went down too (it no longer sees a1's probes flooded
        // back), so with no port enabled every port probes and a2 answers; nsna_ping backups probe on their own.
        Assert.True(d.WaitForLog(TimeSpan.FromSeconds(5), "active port none -> a2", "active port a1 -> a2"), d.Log);
        long ms = sw.ElapsedMilliseconds;
        Assert.True(ms >= 150, $"a1 went down after {ms} ms: before three 100 ms probes could be missed?");
        Assert.True(ms < 1500, $"failover took {ms} ms with interval 100 ms, missed_max 3");
        Assert.Contains("a1 link down (", d.Log, StringComparison.Ordinal);
        Assert.True(topo.WaitForPing(), "traffic over a2\n" + d.Log);
        Assert.True(Cmd.Link(topo.Host, "a1").GetProperty("flags").ToString().Contains("LOWER_UP", StringComparison.Ordinal), "a1 kept its carrier");

        // The path comes back: a1 answers again (once forced_send lets it probe) and, prio 10, is active again.
        Cmd.InNs(topo.Peer, "bridge", "link", "set", "dev", "b1", "state", "3");
        var until = DateTime.UtcNow.AddSeconds(5);
        while (!ActiveIs(d, "a1") && DateTime.UtcNow < until)
        {
            Thread.Sleep(50);
        }

        Assert.True(ActiveIs(d, "a1"), d.Log);
        Assert.True(topo.WaitForPing(), topo.LastPing + d.Log);
    }

    [NetnsFact]
    public void ArpPing_PeerStopsAnswering_FailsOver_AndComesBack()
    {
        using var topo = new Topology();
        using var d = TeamfwProcess.Start(topo.Host, Config(ArpWatch));
        topo.TeamUp();
        CutAndRestore(topo, d);
        var state = d.State().GetProperty("ports").GetProperty("a1").GetProperty("link_watches").GetProperty("list").GetProperty("link_watch_0");
        Assert.Equal("arp_ping", state.GetProperty("name").GetString());
        Assert.Equal("10.231.0.2", state.GetProperty("target_host").GetString());
        Assert.True(state.GetProperty("down_count").GetInt32() >= 1);
        Assert.Equal(0, d.Stop());
    }

    [NetnsFact]
    public void ArpPing_TargetAbsentAtStart_IsPickedUpWhenItAppears()
    {
        using var topo = new Topology();
        Cmd.Run("ip", "-n", topo.Peer, "addr", "del", Topology.PeerAddress + "/24", "dev", "br0");
        // One port, validated: with two ports on one bridge each sees the other's probes flooded back,
        // which teamd (and teamfw) count as proof of the path.
        using var d = TeamfwProcess.Start(topo.Host,
            "{\"device\":\"team0\",\"runner\":{\"name\":\"activebackup\"},\"link_watch\":" +
            ArpWatch.Replace("}", ",\"validate_active\":true,\"validate_inactive\":true}", StringComparison.Ordinal) + ",\"ports\":{\"a1\":{}}}");
        topo.TeamUp();
        // The watcher probes and counts each unanswered interval: once it has missed more than missed_max (3),
        // it has judged the port, and the port must be down.
        var until = DateTime.UtcNow.AddSeconds(5);
        while (Watch(d, "a1").GetProperty("missed").GetInt32() <= 3 && DateTime.UtcNow < until)
        {
            Thread.Sleep(50);
        }

        Assert.True(Watch(d, "a1").GetProperty("missed").GetInt32() > 3, "arp_ping never missed four probes: " + d.State() + d.Log);
        var state = d.State();
        Assert.False(Watch(d, "a1").GetProperty("up").GetBoolean());
        Assert.False(state.GetProperty("ports").GetProperty("a1").GetProperty("link_watches").GetProperty("up").GetBoolean());
        Assert.False(state.GetProperty("teamfw").GetProperty("carrier").GetBoolean());

        Cmd.Run("ip", "-n", topo.Peer, "addr", "add", Topology.PeerAddress + "/24", "dev", "br0");
        Assert.True(d.WaitForLog("port a1 link up (arp_ping", TimeSpan.FromSeconds(5)), d.Log);
        Assert.True(topo.WaitForPing(), d.Log);
        Assert.Equal(0, d.Stop());
    }

    [NetnsFact]
    public void NsnaPing_PeerStopsAnswering_FailsOver_AndComesBack()
    {
        using var topo = new Topology();
        Cmd.Run("ip", "-n", topo.Peer, "addr", "add", "2001:db8:77::2/64", "dev", "br0", "nodad");
        using var d = TeamfwProcess.Start(topo.Host, Config(NsnaWatch));
        topo.TeamUp();
        CutAndRestore(topo, d);
        Assert.Equal(0, d.Stop());
    }
}

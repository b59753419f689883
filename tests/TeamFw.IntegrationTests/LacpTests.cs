// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using TeamFw.IntegrationTests.Infrastructure;
using Xunit;

namespace TeamFw.IntegrationTests;

/// <summary>
/// The lacp runner against a real peer: teamfw on both ends, and Open vSwitch's userspace datapath
/// with an LACP bond (balance-tcp). Fast rate throughout, so every timeout is 3 s.
/// </summary>
public sealed partial class LacpTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const int Aliases = 8;

    private static string Config(string p1, string p2, bool active = true)
        => $"{{\"device\":\"team0\",\"runner\":{{\"name\":\"lacp\",\"active\":{(active ? "true" : "false")},\"fast_rate\":true,\"tx_hash\":[\"eth\",\"ipv4\"]}},"
            + $"\"link_watch\":{{\"name\":\"ethtool\"}},\"ports\":{{\"{p1}\":{{}},\"{p2}\":{{}}}}}}";

    /// <summary>Both ports of team0 enabled (the runner logs it once each).</summary>
    private static void AssertConverged(TeamfwProcess d, string p1, string p2)
        => Assert.True(d.WaitForLog($"port {p1} enabled", TimeSpan.FromSeconds(3)) && d.WaitForLog($"port {p2} enabled", TimeSpan.FromSeconds(3)), d.Log);

    /// <summary>Waits up to a second for <paramref name="text"/> to appear <paramref name="count"/> times in the log.</summary>
    private static bool WaitForCount(TeamfwProcess d, string text, int count)
    {
        var sw = Stopwatch.StartNew();
        while (Regex.Count(d.Log, Regex.Escape(text)) < count)
        {
            if (sw.ElapsedMilliseconds > 1000)
            {
                return false;
            }

            System.Threading.Thread.Sleep(10);
        }

        return true;
    }

    private static JsonElement LacpPort(JsonElement state, string port) => state.GetProperty("ports").GetProperty(port).GetProperty("runner");

    private static JsonElement LacpduStats(JsonElement state, string port) => state.GetProperty("teamfw").GetProperty("ports").GetProperty(port).GetProperty("lacpdu_stats");

    /// <summary>Pings each of the peer's <see cref="Aliases"/> addresses: the IPv4 hash spreads them over both ports.</summary>
    private static void PingAliases(Topology topo)
    {
        for (int i = 0; i < Aliases; i++)
        {
            var (code, output) = topo.Ping(3, 0.01, target: Alias(i));
            Assert.True(code == 0, output);
        }
    }

    private static string Alias(int i) => "10.231.0." + (10 + i).ToString(CultureInfo.InvariantCulture);

    private static void AddAliases(string ns, string dev)
    {
        for (int i = 0; i < Aliases; i++)
        {
            Cmd.Run("ip", "-n", ns, "addr", "add", Alias(i) + "/24", "dev", dev);
        }
    }

    /// <summary>Pings until the peer answers again; returns how long that took.</summary>
    private static TimeSpan TimeToTraffic(Topology topo, double seconds)
    {
        var sw = Stopwatch.StartNew();
        Assert.True(topo.WaitForPing(seconds), "traffic did not resume: " + topo.LastPing);
        return sw.Elapsed;
    }

    [NetnsFact]
    public void TeamfwToTeamfw_ConvergesCarriesTrafficAndSurvivesACutAndASilentMember()
    {
        using var topo = new Topology(peerBridge: false);
        using var host = TeamfwProcess.Start(topo.Host, Config("a1", "a2"));
        using var peer = TeamfwProcess.Start(topo.Peer, Config("b1", "b2"));
        topo.TeamUp();
        Cmd.Run("ip", "-n", topo.Peer, "addr", "add", Topology.PeerAddress + "/24", "dev", "team0");
        AddAliases(topo.Peer, "team0");
        Cmd.Run("ip", "-n", topo.Peer, "link", "set", "team0", "up");
        AssertConverged(host, "a1", "a2");
        AssertConverged(peer, "b1", "b2");

        PingAliases(topo);
        JsonElement hs = host.State(), ps = peer.State();
        string peerMac = Cmd.Mac(topo.Peer, "team0");
        foreach (string p in new[] { "a1", "a2" })
        {
            JsonElement r = LacpPort(hs, p);
            Assert.Equal("current", r.GetProperty("state").GetString());
            Assert.True(r.GetProperty("aggregator").GetProperty("selected").GetBoolean());
            Assert.Equal(peerMac, r.GetProperty("partner_lacpdu_info").GetProperty("system").GetString());
            Assert.Equal(0x3f, r.GetProperty("partner_lacpdu_info").GetProperty("state").GetInt32() & 0x3f); // activity..distributing
            Assert.True(TeamfwProcess.Stat(hs, "tx_packets", p) > 0, $"{p} carried no traffic");
        }

        // LACPDUs go to the runner, never to the team device.
        Assert.True(LacpduStats(ps, "b1").GetProperty("rx").GetInt64() > 0);
        Assert.Equal(0, LacpduStats(ps, "b1").GetProperty("rx_invalid").GetInt64());

        // The peer's team device set administratively down: its ports go out of sync at once, so ours stop
        // sending to it; up again, both come back without waiting for a periodic LACPDU.
        Cmd.Run("ip", "-n", topo.Peer, "link", "set", "team0", "down");
        Assert.True(WaitForCount(host, "port a1 disabled", 1) && WaitForCount(host, "port a2 disabled", 1), host.Log);
        Cmd.Run("ip", "-n", topo.Peer, "link", "set", "team0", "up");
        Assert.True(WaitForCount(host, "port a1 enabled", 2) && WaitForCount(host, "port a2 enabled", 2), host.Log);
        Assert.True(WaitForCount(peer, "port b1 enabled", 2) && WaitForCount(peer, "port b2 enabled", 2), peer.Log);

        // The peer's stack forgot its neighbours and routes while its device was down: give it a moment.
        Assert.True(topo.WaitForPing(3), topo.LastPing);
        PingAliases(topo);

        // A carrier cut: the port goes at once, traffic stays on the other.
        Cmd.Run("ip", "-n", topo.Peer, "link", "set", "b1", "down");
        Assert.True(TimeToTraffic(topo, 3) < TimeSpan.FromSeconds(3));
        Assert.True(WaitForCount(host, "port a1 disabled", 2), host.Log);
        Cmd.Run("ip", "-n", topo.Peer, "link", "set", "b1", "up");
        Assert.True(host.WaitForLog("port a1 LACP state expired -> current", TimeSpan.FromSeconds(3)), host.Log);

        // A silent member: b2 stops sending LACPDUs. A blackhole qdisc swallows what the peer's runner socket
        // sends; its data path bypasses the qdisc (PACKET_QDISC_BYPASS), so data still flows. Dropped within 3 s.
        Cmd.Run("tc", "-n", topo.Peer, "qdisc", "replace", "dev", "b2", "root", "blackhole");
        var sw = Stopwatch.StartNew();
        Assert.True(host.WaitForLog("port a2 LACP state current -> expired", TimeSpan.FromSeconds(4)), host.Log);
        Assert.InRange(sw.ElapsedMilliseconds, 1000, 3500);
        Assert.Equal(0, topo.Ping(5, 0.01).Code);
        Assert.Equal(0, host.Stop());
        Assert.Equal(0, peer.Stop());
    }

    [GeneratedRegex(@"member: (\w+): current attached")]
    private static partial Regex CurrentMember();

    /// <summary>OVS's lacp/show: both members current and attached, with team0 as partner, in sync, collecting and distributing.</summary>
    private static bool Negotiated(string s, string teamMac) => CurrentMember().Count(s) == 2
        && Regex.Count(s, "partner sys_id: " + Regex.Escape(teamMac)) == 2
        && Regex.Count(s, "state: activity timeout aggregation synchronized collecting distributing\n") == 4
        && s.Contains("status: active negotiated", StringComparison.Ordinal);

    [NetnsFact]
    public void MarkerInformation_FromThePeer_IsAnsweredOnThatLink()
    {
        // Neither OVS nor a teamfw peer sends Marker PDUs, so the peer here is a raw packet socket.
        using var topo = new Topology(peerBridge: false);
        string a1 = Cmd.Mac(topo.Host, "a1"); // slow protocols go out from the port's own MAC, not the team's
        using var host = TeamfwProcess.Start(topo.Host, Config("a1", "a2"));
        topo.TeamUp();
        using var capture = new Infrastructure.Capture(topo.Peer, "b1", "ether proto 0x8809 and ether[14] = 2 and ether[16] = 2");
        const string send = "import socket,sys;s=socket.socket(socket.AF_PACKET,socket.SOCK_RAW);s.bind((sys.argv[1],0));"
            + "s.send(bytes.fromhex('0180c2000002020000000b0188090201011001020a0b0c0d0e0f1234567800000000'+'00'*90))";
        Cmd.InNs(topo.Peer, "python3", "-c", send, "b1");

        // The response: from a1, to the slow-protocols address, the requester's fields echoed.
        Assert.True(capture.WaitFor(TimeSpan.FromSeconds(3), a1 + " > 01:80:c2:00:00:02"), capture.Text + "\n" + host.Log);
        JsonElement stats = LacpduStats(host.State(), "a1");
        Assert.Equal(1, stats.GetProperty("marker_responses").GetInt32());
        Assert.Equal(0, host.Stop());
    }

    [NetnsFact]
    public void Ovs_ActiveBond_NegotiatesWithTeamfwAndFailsOverOnACut()
    {
        if (!OvsSwitch.Installed)
        {
            Assert.Fail("openvswitch-switch is not installed (make test-deps)");
        }

        using var topo = new Topology(peerBridge: false);
        string lacp;
        string dir;
        OvsSwitch? stopped;
        using (var ovs = new OvsSwitch(topo.Peer, Topology.PeerAddress, ["b1", "b2"]))
        {
            dir = ovs.Dir;
            stopped = ovs;
            AddAliases(topo.Peer, "br0");
            using var host = TeamfwProcess.Start(topo.Host, Config("a1", "a2"));
            topo.TeamUp();
            AssertConverged(host, "a1", "a2");
            string teamMac = Cmd.Mac(topo.Host, "team0");
            // OVS sees us as partner on both members, in sync, collecting and distributing.
            Assert.True(ovs.WaitForLacp(s => Negotiated(s, teamMac), TimeSpan.FromSeconds(3)), ovs.LacpShow());
            lacp = ovs.LacpShow();
            output.WriteLine(lacp);

            // And we see OVS (its bridge MAC is its system ID) as partner on both ports.
            PingAliases(topo);
            JsonElement st = host.State();
            string ovsSystem = Regex.Match(lacp, @"sys_id: ([0-9a-f:]{17})").Groups[1].Value;
            foreach (string p in new[] { "a1", "a2" })
            {
                JsonElement r = LacpPort(st, p);
                Assert.Equal(ovsSystem, r.GetProperty("partner_lacpdu_info").GetProperty("system").GetString());
                Assert.Equal("current", r.GetProperty("state").GetString());
                Assert.True(TeamfwProcess.Stat(st, "tx_packets", p) > 0, $"{p} carried no traffic");
            }

            Assert.True(TeamfwProcess.Stat(st, "rx_packets") >= Aliases * 3);

            // Cut one link (carrier): traffic keeps flowing, well within the 3 s of a fast LACP timeout.
            Cmd.Run("ip", "-n", topo.Peer, "link", "set", "b1", "down");
            TimeSpan t = TimeToTraffic(topo, 3);
            Assert.True(t < TimeSpan.FromSeconds(3), $"{t.TotalMilliseconds} ms");
            PingAliases(topo);
            Assert.Equal(0, host.Stop());
        }

        // Exactly the processes the test started are gone, and their directory with them.
        Assert.False(stopped.AnyRunning);
        Assert.False(System.IO.Directory.Exists(dir));
    }

    [NetnsFact]
    public void Ovs_PassiveTeamfw_ConvergesWithActiveOvs()
    {
        if (!OvsSwitch.Installed)
        {
            Assert.Fail("openvswitch-switch is not installed (make test-deps)");
        }

        using var topo = new Topology(peerBridge: false);
        using var ovs = new OvsSwitch(topo.Peer, Topology.PeerAddress, ["b1", "b2"]);
        using var host = TeamfwProcess.Start(topo.Host, Config("a1", "a2", active: false));
        topo.TeamUp();
        AssertConverged(host, "a1", "a2");
        Assert.True(ovs.WaitForLacp(s => CurrentMember().Count(s) == 2, TimeSpan.FromSeconds(3)), ovs.LacpShow());
        Assert.Contains("partner state: timeout aggregation synchronized collecting distributing", ovs.LacpShow(), StringComparison.Ordinal);
        Assert.True(topo.WaitForPing(3), topo.LastPing);

        // Passive, we never start the talk, but answer OVS's periodic LACPDUs and stay current.
        System.Threading.Thread.Sleep(3500);
        JsonElement st = host.State();
        Assert.All(new[] { "a1", "a2" }, p => Assert.Equal("current", LacpPort(st, p).GetProperty("state").GetString()));
        Assert.Equal(2, CurrentMember().Count(ovs.LacpShow()));
        Assert.Equal(0, host.Stop());
    }
}

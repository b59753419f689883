// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using TeamFw.IntegrationTests.Infrastructure;
using Xunit;

namespace TeamFw.IntegrationTests;

/// <summary>
/// Control protocols beside tagged traffic: LACP between two teamfw teams that carry VLANs (LACPDUs untagged,
/// a tagged slow-protocols frame not taken for the link's), and arp_ping replies counted only from the
/// watcher's own VLAN. Frames are written and read with scripts/vlan_frames.py.
/// </summary>
public sealed class VlanControlTests
{
    private const string Src = "02:00:00:00:00:99";
    private const string SlowProtocols = "01:80:c2:00:00:02";

    private static string Lacp(string p1, string p2)
        => $"{{\"device\":\"team0\",\"runner\":{{\"name\":\"lacp\",\"fast_rate\":true}},\"link_watch\":{{\"name\":\"ethtool\"}},\"ports\":{{\"{p1}\":{{}},\"{p2}\":{{}}}}}}";

    private static JsonElement LacpduStats(TeamfwProcess d, string port)
        => d.State().GetProperty("teamfw").GetProperty("ports").GetProperty(port).GetProperty("lacpdu_stats");

    [NetnsFact]
    public void Lacp_TeamsCarryTaggedFramesBothWays_LacpdusStayUntagged_TaggedSlowFramesAreNotTheLinks()
    {
        using var topo = new Topology(peerBridge: false);
        using var host = TeamfwProcess.Start(topo.Host, Lacp("a1", "a2"));
        using var peer = TeamfwProcess.Start(topo.Peer, Lacp("b1", "b2"));
        Cmd.Run("ip", "-n", topo.Host, "link", "set", "team0", "up");
        Cmd.Run("ip", "-n", topo.Peer, "link", "set", "team0", "up");
        foreach ((TeamfwProcess d, string p) in new[] { (host, "a1"), (host, "a2"), (peer, "b1"), (peer, "b2") })
        {
            Assert.True(d.WaitForLog($"port {p} enabled", TimeSpan.FromSeconds(5)), d.Log);
        }

        string hostMac = Cmd.Mac(topo.Host, "team0"), peerMac = Cmd.Mac(topo.Peer, "team0");
        using (var slow = new FrameListener(topo.Peer, "b1", "hex:0180c2000002"))
        using (var peerTeam = new FrameListener(topo.Peer, "team0", "LCTX"))
        using (var hostTeam = new FrameListener(topo.Host, "team0", "LCRX"))
        {
            FrameListener.Send(topo.Host, "team0", 20, peerMac, hostMac, "8100:b064", "88b5", "LCTX");
            FrameListener.Send(topo.Peer, "team0", 20, hostMac, peerMac, "88a8:012c,8100:0064", "88b5", "LCRX");
            Assert.Equal(20, peerTeam.WaitFor(20).Count(f => f.Outer == "8100:b064" && f.EtherType == "88b5"));
            Assert.Equal(20, hostTeam.WaitFor(20).Count(f => f.Outer == "88a8:012c" && f.Hex.Substring(24, 8) == "81000064"));

            // Fast rate: an LACPDU a second each way on b1, never tagged.
            IReadOnlyList<HeardFrame> pdus = slow.WaitFor(2, seconds: 3);
            Assert.True(pdus.Count >= 2, $"LACPDUs on b1: {pdus.Count}");
            Assert.All(pdus, f => Assert.Equal(("-", "8809"), (f.Outer, f.EtherType)));
        }

        // Slow-protocols frames that are not LACP or marker PDUs: untagged, the runner counts them as ignored;
        // tagged (VLAN 5), they belong to whatever bridges that VLAN, not to this link, and never reach the
        // runner. Neither kind reaches the team device.
        long ignored0 = LacpduStats(host, "a1").GetProperty("rx_ignored").GetInt64();
        long delivered0 = TeamfwProcess.Stat(host.State(), "rx_packets");
        FrameListener.Send(topo.Peer, "b1", 10, SlowProtocols, Src, "8100:0005", "8809", "ZZ");
        FrameListener.Send(topo.Peer, "b1", 10, SlowProtocols, Src, "-", "8809", "ZZ");
        System.Threading.Thread.Sleep(300);
        JsonElement state = host.State();
        Assert.Equal(10, state.GetProperty("teamfw").GetProperty("ports").GetProperty("a1").GetProperty("lacpdu_stats").GetProperty("rx_ignored").GetInt64() - ignored0);
        Assert.True(TeamfwProcess.Stat(state, "rx_packets") - delivered0 < 5, "slow-protocols frames reached team0");
        Assert.Equal(0, host.Stop());
        Assert.Equal(0, peer.Stop());
    }

    private static bool WatchUp(JsonElement state, string port)
        => state.GetProperty("ports").GetProperty(port).GetProperty("link_watches").GetProperty("up").GetBoolean();

    /// <summary>Waits up to <paramref name="seconds"/> for a port's link watch verdict to become <paramref name="up"/>.</summary>
    private static bool WaitWatch(TeamfwProcess d, string port, bool up, double seconds)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < deadline)
        {
            if (WatchUp(d.State(), port) == up)
            {
                return true;
            }

            System.Threading.Thread.Sleep(50);
        }

        return false;
    }

    [NetnsFact]
    public void ArpPing_RepliesCountOnlyFromTheWatchersVlan_AndProbesCarryIt()
    {
        // a1 watches VLAN 100, a2 the untagged network; nobody answers the probes, the test plays the target.
        const string watch = "\"name\":\"arp_ping\",\"interval\":100,\"missed_max\":3,\"target_host\":\"10.231.0.2\"";
        string config = "{\"device\":\"team0\",\"runner\":{\"name\":\"roundrobin\"},\"ports\":{"
            + "\"a1\":{\"link_watch\":{" + watch + ",\"vlanid\":100}},\"a2\":{\"link_watch\":{" + watch + "}}}}";
        using var topo = new Topology(peerBridge: false);
        using var b1 = new FrameListener(topo.Peer, "b1", "hex:0ae70002");
        using var b2 = new FrameListener(topo.Peer, "b2", "hex:0ae70002");
        using var d = TeamfwProcess.Start(topo.Host, config);
        Cmd.Run("ip", "-n", topo.Host, "link", "set", "team0", "up");
        string teamMac = Cmd.Mac(topo.Host, "team0");

        // With no port up, both probe: a1's requests carry VLAN 100, a2's none.
        Assert.True(b1.WaitFor(2).Count >= 2, $"probes on b1: {b1.Frames.Count}\n{d.Log}");
        Assert.True(b2.WaitFor(2).Count >= 2, $"probes on b2: {b2.Frames.Count}\n{d.Log}");
        Assert.All(b1.Frames, f => Assert.Equal(("8100:0064", "0806"), (f.Outer, f.EtherType)));
        Assert.All(b2.Frames, f => Assert.Equal(("-", "0806"), (f.Outer, f.EtherType)));

        // Replies on VLAN 100 (15, 40 ms apart): a2 does not take them for its own, a1 comes up.
        FrameListener.Send(topo.Peer, "b2", 15, teamMac, Src, "8100:0064", "0806", "ARP1", intervalMs: 40);
        Assert.False(WatchUp(d.State(), "a2"), "a2 took replies from VLAN 100 for its untagged target\n" + d.Log);
        FrameListener.Send(topo.Peer, "b1", 15, teamMac, Src, "8100:0064", "0806", "ARP1", intervalMs: 40);
        Assert.True(WatchUp(d.State(), "a1"), d.Log);

        // Once a1 is down again (silence), untagged replies and replies on VLAN 200 leave it down; a2 comes up.
        Assert.True(WaitWatch(d, "a1", false, 2), d.Log);
        FrameListener.Send(topo.Peer, "b1", 10, teamMac, Src, "-", "0806", "ARP2", intervalMs: 40);
        FrameListener.Send(topo.Peer, "b1", 10, teamMac, Src, "8100:00c8", "0806", "ARP3", intervalMs: 40);
        Assert.False(WatchUp(d.State(), "a1"), "a1 took replies from another VLAN for its VLAN 100 target\n" + d.Log);
        FrameListener.Send(topo.Peer, "b2", 15, teamMac, Src, "-", "0806", "ARP2", intervalMs: 40);
        Assert.True(WatchUp(d.State(), "a2"), d.Log);
        Assert.Equal(0, d.Stop());
    }
}

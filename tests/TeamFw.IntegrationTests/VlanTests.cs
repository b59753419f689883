// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using TeamFw.IntegrationTests.Infrastructure;
using Xunit;

namespace TeamFw.IntegrationTests;

/// <summary>
/// VLAN-tagged frames through the team, both ways, with their tags: the kernel takes the outer tag off before
/// teamfw's packet socket sees a frame, and teamfw must put it back, TPID, priority and DEI intact. This
/// kernel has no 8021q module, so frames are written with packet sockets and read with PACKET_AUXDATA
/// (scripts/vlan_frames.py), and VLANs end to end are bridges with vlan_filtering.
/// </summary>
public sealed class VlanTests
{
    private const string Src = "02:00:00:00:00:99";
    private const string Somewhere = "02:00:00:00:00:aa";

    // 802.1Q with priority 5, DEI 1, VLAN 100; 802.1ad VLAN 300 over 802.1Q VLAN 100.
    private const string Dot1Q = "8100:b064";
    private const string QinQ = "88a8:012c,8100:0064";

    private static string Team(string runner, string ports = "\"a1\":{},\"a2\":{}", string extra = "")
        => $"{{\"device\":\"team0\",\"runner\":{{\"name\":\"{runner}\"{extra}}},\"link_watch\":{{\"name\":\"ethtool\"}},\"ports\":{{{ports}}}}}";

    private static void Up(string ns, string dev) => Cmd.Run("ip", "-n", ns, "link", "set", dev, "up");

    /// <summary>Waits until both ports of a team are enabled.</summary>
    private static void WaitEnabled(TeamfwProcess d, string p1, string p2)
        => Assert.True(d.WaitForLog($"port {p1} enabled", TimeSpan.FromSeconds(5)) && d.WaitForLog($"port {p2} enabled", TimeSpan.FromSeconds(5)), d.Log);

    [NetnsFact]
    public void RoundRobin_TaggedFrames_CrossBothWays_WithTpidPriorityAndDei()
    {
        using var topo = new Topology(peerBridge: false);
        using var d = TeamfwProcess.Start(topo.Host, Team("roundrobin"));
        Up(topo.Host, "team0");
        WaitEnabled(d, "a1", "a2");
        string teamMac = Cmd.Mac(topo.Host, "team0");

        using (var team0 = new FrameListener(topo.Host, "team0", "VLRX"))
        {
            Assert.Equal(10, FrameListener.Send(topo.Peer, "b1", 10, teamMac, Src, Dot1Q, "88b5", "VLRX"));
            Assert.Equal(10, FrameListener.Send(topo.Peer, "b2", 10, teamMac, Src, QinQ, "88b5", "VLRX"));
            Assert.Equal(10, FrameListener.Send(topo.Peer, "b1", 10, teamMac, Src, "-", "88b5", "VLRX"));
            IReadOnlyList<HeardFrame> heard = team0.WaitFor(30);

            Assert.Equal(10, heard.Count(f => f.Outer == "8100:b064" && f.EtherType == "88b5"));
            Assert.Equal(10, heard.Count(f => f.Outer == "88a8:012c" && f.EtherType == "8100" && f.Hex.Substring(28, 8) == "006488b5"));
            Assert.Equal(10, heard.Count(f => f.Outer == "-" && f.EtherType == "88b5"));
            Assert.Equal(30, heard.Count);
        }

        using var b1 = new FrameListener(topo.Peer, "b1", "VLTX");
        using var b2 = new FrameListener(topo.Peer, "b2", "VLTX");
        Assert.Equal(10, FrameListener.Send(topo.Host, "team0", 10, Somewhere, teamMac, Dot1Q, "88b5", "VLTX"));
        Assert.Equal(10, FrameListener.Send(topo.Host, "team0", 10, Somewhere, teamMac, QinQ, "88b5", "VLTX"));
        b1.WaitFor(10);
        b2.WaitFor(10);
        List<HeardFrame> wire = [.. b1.Settle(100), .. b2.Frames];
        Assert.Equal(10, wire.Count(f => f.Outer == "8100:b064" && f.EtherType == "88b5"));
        Assert.Equal(10, wire.Count(f => f.Outer == "88a8:012c" && f.Hex.Substring(24, 12) == "8100006488b5"));
        Assert.True(b1.Frames.Count > 0 && b2.Frames.Count > 0, $"roundrobin uses both ports: {b1.Frames.Count} + {b2.Frames.Count}");
        Assert.Equal(0, d.Stop());
    }

    [NetnsFact]
    public void ActiveBackup_TaggedFramesFromTheActivePortOnly_AndOutOnIt()
    {
        using var topo = new Topology(peerBridge: false);
        using var d = TeamfwProcess.Start(topo.Host, Team("activebackup", "\"a1\":{\"prio\":10},\"a2\":{}"));
        Up(topo.Host, "team0");
        Assert.True(d.WaitForLog("active port none -> a1", TimeSpan.FromSeconds(5)), d.Log);
        string teamMac = Cmd.Mac(topo.Host, "team0");
        long nohandler0 = TeamfwProcess.Stat(d.State(), "rx_nohandler", "a2");

        using (var team0 = new FrameListener(topo.Host, "team0", "ABRX"))
        {
            FrameListener.Send(topo.Peer, "b1", 10, teamMac, Src, Dot1Q, "88b5", "ABRX");
            FrameListener.Send(topo.Peer, "b2", 10, teamMac, Src, Dot1Q, "88b5", "ABRX");
            team0.WaitFor(10);
            IReadOnlyList<HeardFrame> heard = team0.Settle();
            Assert.Equal(10, heard.Count);
            Assert.All(heard, f => Assert.Equal("8100:b064", f.Outer));
        }

        long nohandler = TeamfwProcess.Stat(d.State(), "rx_nohandler", "a2") - nohandler0;
        Assert.True(nohandler >= 10, $"the backup's tagged frames are not the team's: rx_nohandler +{nohandler}");
        using var b1 = new FrameListener(topo.Peer, "b1", "ABTX");
        using var b2 = new FrameListener(topo.Peer, "b2", "ABTX");
        FrameListener.Send(topo.Host, "team0", 10, Somewhere, teamMac, QinQ, "88b5", "ABTX");
        Assert.Equal(10, b1.WaitFor(10).Count(f => f.Outer == "88a8:012c" && f.Hex.Substring(24, 8) == "81000064"));
        Assert.Empty(b2.Settle(100));
        Assert.Equal(0, d.Stop());
    }

    [NetnsFact]
    public void TaggedGsoFrames_KeepTheirSegmentationAndChecksumOffsetsBothWays()
    {
        // A TCP super-frame of 3000 bytes with a partial checksum, tagged VLAN 100, each way. Its virtio-net header
        // counts csum_start from the destination MAC: 14 + 4 + 20 = 38 with the tag on the wire. Whoever reads
        // it behind a packet socket sees it without the outer tag, so 34, if the offsets moved with the tag each
        // time it was taken off and put back (teamfw puts it back between the port and the TAP).
        using var topo = new Topology(peerBridge: false);
        using var d = TeamfwProcess.Start(topo.Host, Team("activebackup", "\"a1\":{\"prio\":10},\"a2\":{}"));
        Up(topo.Host, "team0");
        Assert.True(d.WaitForLog("active port none -> a1", TimeSpan.FromSeconds(5)), d.Log);
        string teamMac = Cmd.Mac(topo.Host, "team0");

        using (var team0 = new FrameListener(topo.Host, "team0", "GSRX", vnet: true))
        {
            Assert.Equal(3, FrameListener.Send(topo.Peer, "b1", 3, teamMac, Src, "8100:0064", "0800", "GSRX", gso: 3000));
            IReadOnlyList<HeardFrame> heard = team0.WaitFor(3);
            Assert.Equal(3, heard.Count);
            Assert.All(heard, f => Assert.Equal(("8100:0064", 14 + 20 + 20 + 3000), (f.Outer, f.Hex.Length / 2)));
            Assert.All(heard, f => Assert.Equal(["1", "1", "1000", "34", "16"], f.Vnet.Split(',').Where((_, i) => i != 2)));
        }

        using var b1 = new FrameListener(topo.Peer, "b1", "GSTX", vnet: true);
        Assert.Equal(3, FrameListener.Send(topo.Host, "team0", 3, Somewhere, teamMac, "8100:0064", "0800", "GSTX", gso: 3000));
        IReadOnlyList<HeardFrame> wire = b1.WaitFor(3);
        Assert.Equal(3, wire.Count);
        Assert.All(wire, f => Assert.Equal(("8100:0064", 14 + 20 + 20 + 3000), (f.Outer, f.Hex.Length / 2)));
        Assert.All(wire, f => Assert.Equal(["1", "1", "1000", "34", "16"], f.Vnet.Split(',').Where((_, i) => i != 2)));
        Assert.Equal(0, d.Stop());
    }

    /// <summary>The UDP source port of an IPv4 frame with <paramref name="tags"/> VLAN tags left in its bytes.</summary>
    private static int SourcePort(HeardFrame f, int tags) => int.Parse(f.Hex.AsSpan(2 * (14 + 4 * tags + 20), 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    /// <summary>Which port each flow (UDP source port) left on; a flow seen on both ports maps to "both".</summary>
    private static Dictionary<int, string> FlowPorts(FrameListener b1, FrameListener b2, int tags)
    {
        var map = new Dictionary<int, string>();
        foreach ((FrameListener l, string port) in new[] { (b1, "b1"), (b2, "b2") })
        {
            foreach (HeardFrame f in l.Frames)
            {
                int flow = SourcePort(f, tags);
                map[flow] = map.TryGetValue(flow, out string? seen) && seen != port ? "both" : port;
            }
        }

        return map;
    }

    [NetnsFact]
    public void LoadBalance_TaggedFlowsHashOnTheInnerFields()
    {
        using var topo = new Topology(peerBridge: false);
        using var d = TeamfwProcess.Start(topo.Host, Team("loadbalance", extra: ",\"tx_hash\":[\"l3\",\"l4\"]"));
        Up(topo.Host, "team0");
        WaitEnabled(d, "a1", "a2");
        string teamMac = Cmd.Mac(topo.Host, "team0");

        // 64 UDP flows, tagged, untagged and double-tagged: the hash reads the IPv4 and UDP fields behind the
        // tags, as the kernel's does (there the tag is metadata, not in the frame), so a flow takes the same
        // port whatever its tags, and the flows spread over both ports.
        var byTags = new Dictionary<int, Dictionary<int, string>>();
        foreach ((string tags, int count, string marker) in new[] { (Dot1Q, 1, "LBT1"), ("-", 0, "LBT0"), (QinQ, 2, "LBT2") })
        {
            using var b1 = new FrameListener(topo.Peer, "b1", marker);
            using var b2 = new FrameListener(topo.Peer, "b2", marker);
            Assert.Equal(256, FrameListener.Send(topo.Host, "team0", 256, Somewhere, teamMac, tags, "0800", marker, flows: 64));
            var deadline = DateTime.UtcNow.AddSeconds(5);
            while (b1.Frames.Count + b2.Frames.Count < 256 && DateTime.UtcNow < deadline)
            {
                System.Threading.Thread.Sleep(20);
            }

            Assert.Equal(256, b1.Frames.Count + b2.Frames.Count);
            if (count > 0)
            {
                Assert.All(b1.Frames.Concat(b2.Frames), f => Assert.Equal(tags[..9], f.Outer));
            }

            byTags[count] = FlowPorts(b1, b2, Math.Max(0, count - 1)); // the outer tag is not in the bytes read
        }

        Dictionary<int, string> tagged = byTags[1];
        Assert.Equal(64, tagged.Count);
        Assert.DoesNotContain("both", tagged.Values);
        int onB1 = tagged.Values.Count(p => p == "b1");
        Assert.InRange(onB1, 12, 52);
        Assert.Equal(tagged, byTags[0]);
        Assert.Equal(tagged, byTags[2]);

        Assert.Equal(0, d.Stop());
    }
}

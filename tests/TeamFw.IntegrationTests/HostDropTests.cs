// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System.Text.Json;
using TeamFw.IntegrationTests.Infrastructure;
using Xunit;

namespace TeamFw.IntegrationTests;

/// <summary>
/// Frames the host stack sends to team0 that the kernel drops before the daemon reads them are counted by the
/// kernel only: a TAP's queue overflowing (team0's tx_dropped), a veth team0's host peer ring overflowing
/// (PACKET_STATISTICS tp_drops, which no interface counter shows). teamfw's stats show both.
/// </summary>
public sealed class HostDropTests
{
    private const string Config =
        "{\"device\":\"team0\",\"runner\":{\"name\":\"roundrobin\"},\"ports\":{\"a1\":{},\"a2\":{}}}";

    private static string On(string device) => Config.Replace("\"ports\"", $"\"teamfw\":{{\"device\":\"{device}\"}},\"ports\"", System.StringComparison.Ordinal);

    private static long KernelTxDropped(Topology topo)
        => Cmd.Link(topo.Host, "team0", stats: true).GetProperty("stats64").GetProperty("tx").GetProperty("dropped").GetInt64();

    private static long Received(Topology topo)
        => Cmd.RxPackets(topo.Peer, "b1") + Cmd.RxPackets(topo.Peer, "b2");

    [NetnsFact]
    public void BurstDroppedInTeam0sQueue_ShowsInTeamfwStats()
    {
        using var topo = new Topology(peerBridge: false, quietPeer: true);
        using var d = TeamfwProcess.Start(topo.Host, On("tap"));
        topo.TeamUp();
        string peerMac = Cmd.Mac(topo.Peer, "b1");
        // A queue of 4 frames: an unpaced burst from a packet socket overflows it before the daemon drains it.
        Cmd.Run("ip", "-n", topo.Host, "link", "set", "team0", "txqueuelen", "4");
        long kernel = 0;
        for (int burst = 0; burst < 5 && kernel == 0; burst++)
        {
            Topology.Inject(topo.Host, "team0", 20_000, 60, peerMac);
            kernel = KernelTxDropped(topo);
        }

        Assert.True(kernel > 0, "the kernel dropped none of 5 bursts of 20,000 frames in team0's 4-frame queue");
        JsonElement state = d.State();
        long kernelAfter = KernelTxDropped(topo); // the host's own chatter (IPv6) may add a drop meanwhile
        Assert.InRange(state.GetProperty("teamfw").GetProperty("host_tx_dropped").GetInt64(), kernel, kernelAfter);
        Assert.True(TeamfwProcess.Stat(state, "tx_dropped") >= kernel, $"state: team tx_dropped {TeamfwProcess.Stat(state, "tx_dropped")}, the kernel's {kernel}");
        Assert.True(StatsTxDropped(topo, d) >= kernel);
        Assert.Equal(0, d.Stop());
    }

    /// <summary>
    /// The daemon stopped (SIGSTOP) while the host sends 20,000 frames: the host peer's ring takes what fits and the
    /// kernel drops the rest (tp_drops). Every frame is then accounted for: on the wire, or in team0's tx_dropped
    /// in the state and in `teamfw stats`.
    /// </summary>
    [NetnsFact]
    public void VethRingOverflow_ShowsInTeamfwStats_EveryFrameAccountedFor()
    {
        using var topo = new Topology(peerBridge: false, quietPeer: true);
        using var d = TeamfwProcess.Start(topo.Host, On("veth"));
        topo.TeamUp();
        string peerMac = Cmd.Mac(topo.Peer, "b1");
        long before = Received(topo);
        long dropped0 = TeamfwProcess.Stat(d.State(), "tx_dropped");
        d.Signal("STOP");
        try
        {
            Assert.Equal(20_000, Topology.Inject(topo.Host, "team0", 20_000, 60, peerMac));
        }
        finally
        {
            d.Signal("CONT");
        }

        long arrived = 0;
        for (int i = 0, still = 0; i < 250 && still < 5; i++) // until nothing arrives for 100 ms (up to 5 s)
        {
            System.Threading.Thread.Sleep(20);
            long now = Received(topo) - before;
            still = now == arrived ? still + 1 : 0;
            arrived = now;
        }

        JsonElement state = d.State();
        long ring = state.GetProperty("teamfw").GetProperty("host_ring_dropped").GetInt64();
        long dropped = TeamfwProcess.Stat(state, "tx_dropped") - dropped0;
        Assert.True(ring > 0, $"the ring dropped none of 20,000 frames while the daemon was stopped ({arrived} arrived)");
        Assert.True(state.GetProperty("teamfw").GetProperty("host_tx_dropped").GetInt64() >= ring);
        // The host's own chatter (none expected: IPv6 is on on team0 only) may add a few frames either way.
        Assert.InRange(arrived + dropped, 20_000, 20_010);
        Assert.True(StatsTxDropped(topo, d) >= ring);
        Assert.Equal(0, d.Stop());
    }

    /// <summary>A back-to-back burst of 2,000 64-byte frames from the host reaches the wire, with either team device:
    /// a veth team0 has no queue (the host peer's ring holds the burst), a TAP a queue of 4096.</summary>
    [NetnsTheory]
    [InlineData("veth")]
    [InlineData("tap")]
    public void BurstOf2000Frames_FromTheHost_ReachesTheWire(string device)
    {
        using var topo = new Topology(peerBridge: false, quietPeer: true);
        using var d = TeamfwProcess.Start(topo.Host, On(device));
        topo.TeamUp();
        string peerMac = Cmd.Mac(topo.Peer, "b1");
        if (device == "tap")
        {
            Assert.Equal(4096, Cmd.Link(topo.Host, "team0").GetProperty("txqlen").GetInt32()); // the kernel's 1000 lost up to 411 of them
        }
        else
        {
            Assert.Equal("noqueue", Cmd.Link(topo.Host, "team0").GetProperty("qdisc").GetString());
        }

        for (int burst = 0; burst < 3; burst++)
        {
            long before = Received(topo), dropped = KernelTxDropped(topo);
            Assert.Equal(2000, Topology.Inject(topo.Host, "team0", 2000, 60, peerMac));
            long arrived = 0;
            for (int i = 0; i < 250 && arrived < 2000; i++) // up to 5 s on a busy machine; 20-40 ms here
            {
                System.Threading.Thread.Sleep(20);
                arrived = Received(topo) - before;
            }

            Assert.True(arrived >= 2000, $"burst {burst + 1}: {arrived} of 2000 frames reached the peer; team0 dropped {KernelTxDropped(topo) - dropped}; "
                + $"state {d.State().GetProperty("teamfw")}");
        }

        Assert.Equal(0, d.Stop());
    }

    private static long StatsTxDropped(Topology topo, TeamfwProcess d)
    {
        using JsonDocument stats = JsonDocument.Parse(TeamfwProcess.RunToExit(topo.Host, "stats", "-S", d.SocketPath, "team0", "--json").Output);
        return FindTeamTxDropped(stats.RootElement);
    }

    /// <summary>team0's tx_dropped in `teamfw stats --json` ({"team0": {..., "tx_dropped": N, ...}}, maybe nested).</summary>
    private static long FindTeamTxDropped(JsonElement root)
    {
        JsonElement team = root.GetProperty("team0");
        return team.TryGetProperty("tx_dropped", out JsonElement v) ? v.GetInt64()
            : team.GetProperty("stats").GetProperty("tx_dropped").GetInt64();
    }
}

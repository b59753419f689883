// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System.Text.Json;
using TeamFw.IntegrationTests.Infrastructure;
using Xunit;

namespace TeamFw.IntegrationTests;

/// <summary>
/// Frames the host stack sends to team0 that the kernel drops before the daemon reads them (team0's queue
/// full in a burst) are counted in team0's tx_dropped by the kernel only; teamfw's stats show them too.
/// </summary>
public sealed class HostDropTests
{
    private const string Config =
        "{\"device\":\"team0\",\"runner\":{\"name\":\"roundrobin\"},\"ports\":{\"a1\":{},\"a2\":{}}}";

    private static long KernelTxDropped(Topology topo)
        => Cmd.Link(topo.Host, "team0", stats: true).GetProperty("stats64").GetProperty("tx").GetProperty("dropped").GetInt64();

    [NetnsFact]
    public void BurstDroppedInTeam0sQueue_ShowsInTeamfwStats()
    {
        using var topo = new Topology(peerBridge: false, quietPeer: true);
        using var d = TeamfwProcess.Start(topo.Host, Config);
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

        using JsonDocument stats = JsonDocument.Parse(TeamfwProcess.RunToExit(topo.Host, "stats", "-S", d.SocketPath, "team0", "--json").Output);
        string text = stats.RootElement.GetRawText();
        Assert.True(FindTeamTxDropped(stats.RootElement) >= kernel, $"teamfw stats: {text}");
        Assert.Equal(0, d.Stop());
    }

    [NetnsFact]
    public void BurstOf2000Frames_FromTheHost_ReachesTheWire()
    {
        using var topo = new Topology(peerBridge: false, quietPeer: true);
        using var d = TeamfwProcess.Start(topo.Host, Config);
        topo.TeamUp();
        string peerMac = Cmd.Mac(topo.Peer, "b1");
        Assert.Equal(4096, Cmd.Link(topo.Host, "team0").GetProperty("txqlen").GetInt32()); // the kernel's 1000 lost up to 411 of them
        long Received() => Cmd.Link(topo.Peer, "b1", stats: true).GetProperty("stats64").GetProperty("rx").GetProperty("packets").GetInt64()
            + Cmd.Link(topo.Peer, "b2", stats: true).GetProperty("stats64").GetProperty("rx").GetProperty("packets").GetInt64();
        for (int burst = 0; burst < 3; burst++)
        {
            long before = Received(), dropped = KernelTxDropped(topo);
            Assert.Equal(2000, Topology.Inject(topo.Host, "team0", 2000, 60, peerMac));
            long arrived = 0;
            for (int i = 0; i < 250 && arrived < 2000; i++) // up to 5 s on a busy machine; 20-40 ms here
            {
                System.Threading.Thread.Sleep(20);
                arrived = Received() - before;
            }

            Assert.True(arrived >= 2000, $"burst {burst + 1}: {arrived} of 2000 frames reached the peer; team0 dropped {KernelTxDropped(topo) - dropped}");
        }

        Assert.Equal(0, d.Stop());
    }

    /// <summary>team0's tx_dropped in `teamfw stats --json` ({"team0": {..., "tx_dropped": N, ...}}, maybe nested).</summary>
    private static long FindTeamTxDropped(JsonElement root)
    {
        JsonElement team = root.GetProperty("team0");
        return team.TryGetProperty("tx_dropped", out JsonElement v) ? v.GetInt64()
            : team.GetProperty("stats").GetProperty("tx_dropped").GetInt64();
    }
}

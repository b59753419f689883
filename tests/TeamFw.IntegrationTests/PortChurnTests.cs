// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text.Json;
using System.Text.RegularExpressions;
using TeamFw.IntegrationTests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace TeamFw.IntegrationTests;

/// <summary>
/// Ports come and go while 64-byte floods run both ways: removed and added back by a config reload (SIGHUP),
/// over the control socket (PORT_DEL / PORT_ADD), and by deleting the interface (`ip link del`) and making it
/// again. Every removal waits for the data-path threads to let go of the port's ring before it is unmapped;
/// none may kill the daemon, stall it, leak a descriptor, or make the data path allocate. TEAMFW_CHURN_CYCLES
/// cycles (each removes and adds a port three ways; 10 in make test, 200 in `make fuzz`).
/// </summary>
public sealed class PortChurnTests(ITestOutputHelper output)
{
    private static int Cycles => int.TryParse(Environment.GetEnvironmentVariable("TEAMFW_CHURN_CYCLES"), NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) ? n : 10;

    private static string Config(string runner, bool withA2)
        => $"{{\"device\":\"team0\",\"runner\":{{\"name\":\"{runner}\"{(runner == "lacp" ? ",\"fast_rate\":true" : "")}}},\"link_watch\":{{\"name\":\"ethtool\"}},"
            + $"\"ports\":{{\"a1\":{{}},{(withA2 ? "\"a2\":{}," : "")}\"a3\":{{}}}}}}";

    [NetnsTheory]
    [InlineData("roundrobin")]
    [InlineData("loadbalance")]
    [InlineData("lacp")]
    public void PortsRemovedAndAddedUnderFloodBothWays_DaemonSurvivesAndForwards(string runner)
    {
        bool lacp = runner == "lacp";
        using var topo = new Topology(peerBridge: !lacp);
        MakeThirdLink(topo, bridge: !lacp);
        using var d = TeamfwProcess.Start(topo.Host, Config(runner, withA2: true));
        using TeamfwProcess? partner = lacp ? TeamfwProcess.Start(topo.Peer, Config("lacp", true).Replace("\"a", "\"b", StringComparison.Ordinal)) : null;
        topo.TeamUp();
        if (partner is not null)
        {
            Cmd.Run("ip", "-n", topo.Peer, "addr", "add", Topology.PeerAddress + "/24", "dev", "team0");
            Cmd.Run("ip", "-n", topo.Peer, "link", "set", "team0", "up");
        }

        Assert.True(topo.WaitForPing(10), topo.LastPing + "\n" + d.Log);
        string teamMac = Cmd.Mac(topo.Host, "team0");
        string peerMac = Cmd.Mac(topo.Peer, lacp ? "team0" : "br0");
        var floods = new List<Process>
        {
            Flood(topo.Peer, "b1", teamMac), Flood(topo.Peer, "b2", teamMac), Flood(topo.Host, "team0", peerMac),
        };
        try
        {
            System.Threading.Thread.Sleep(500);
            long alloc0 = Alloc(d);
            int fds0 = Fds(d);
            var sw = Stopwatch.StartNew();
            for (int i = 0; i < Cycles; i++)
            {
                // A reload that drops a2, then one that brings it back.
                File.WriteAllText(d.ConfigPath, Config(runner, withA2: false));
                d.Signal("HUP");
                WaitCount(d, "port a2 removed (removed from the config)", i + 1);
                File.WriteAllText(d.ConfigPath, Config(runner, withA2: true));
                d.Signal("HUP");
                WaitCount(d, "port a2 added", 2 * i + 2);

                // PORT_DEL and PORT_ADD over the control socket.
                Ctl(topo, d, "port", "remove", "a2");
                Ctl(topo, d, "port", "add", "a2");

                // The interface vanishes under the team, is made again and added back.
                Cmd.Run("ip", "-n", topo.Host, "link", "del", "a3");
                WaitCount(d, "port a3 vanished", i + 1);
                MakeThirdLink(topo, bridge: !lacp);
                Ctl(topo, d, "port", "add", "a3");
            }

            output.WriteLine($"{runner}: {Cycles} cycles, {3 * Cycles} removals and {3 * Cycles} additions under flood in {sw.ElapsedMilliseconds} ms");
            Assert.False(d.HasExited, d.Log);
            Assert.Equal(alloc0, Alloc(d));
            Assert.Equal(fds0, Fds(d));
        }
        finally
        {
            foreach (Process p in floods)
            {
                try
                {
                    p.Kill(entireProcessTree: true);
                    p.WaitForExit(3000);
                }
                catch (InvalidOperationException)
                {
                }

                p.Dispose();
            }
        }

        JsonElement state = d.State();
        foreach (string p in new[] { "a1", "a2", "a3" })
        {
            Assert.True(state.GetProperty("ports").TryGetProperty(p, out _), $"{p} is a port again");
        }

        Assert.True(topo.WaitForPing(10), $"{runner}: no traffic after the churn\n{topo.LastPing}\n{d.Log}");
        Assert.DoesNotContain("no quiescent point", d.Log, StringComparison.Ordinal);
        Assert.Equal(0, d.Stop());
    }

    /// <summary>A third veth link a3 — b3 (b3 in the peer's bridge when there is one).</summary>
    private static void MakeThirdLink(Topology topo, bool bridge)
    {
        Cmd.Run("ip", "link", "add", "a3", "netns", topo.Host, "type", "veth", "peer", "name", "b3", "netns", topo.Peer);
        if (bridge)
        {
            Cmd.Run("ip", "-n", topo.Peer, "link", "set", "b3", "master", "br0");
        }

        Cmd.Run("ip", "-n", topo.Peer, "link", "set", "b3", "up");
    }

    /// <summary>64-byte frames as fast as one process sends them, until killed.</summary>
    private static Process Flood(string ns, string dev, string dst)
    {
        var psi = new ProcessStartInfo("ip") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in new[] { "netns", "exec", ns, "python3", Topology.InjectScript, dev, "1000000000", "64", dst })
        {
            psi.ArgumentList.Add(a);
        }

        return Process.Start(psi)!;
    }

    private static void Ctl(Topology topo, TeamfwProcess d, params string[] command)
    {
        var (code, text) = TeamfwProcess.RunToExit(topo.Host, ["ctl", "-S", d.SocketPath, "team0", .. command]);
        Assert.True(code == 0, $"teamfw ctl {string.Join(' ', command)}: {text}\n{d.Log}");
    }

    /// <summary>Waits until <paramref name="text"/> is in the log <paramref name="count"/> times (10 s at most).</summary>
    private static void WaitCount(TeamfwProcess d, string text, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (Regex.Count(d.Log, Regex.Escape(text)) < count)
        {
            Assert.True(DateTime.UtcNow < deadline && !d.HasExited, $"\"{text}\" not logged {count} times\n{d.Log}");
            System.Threading.Thread.Sleep(5);
        }
    }

    private static long Alloc(TeamfwProcess d) => d.State().GetProperty("teamfw").GetProperty("datapath_allocated_bytes").GetInt64();

    private static int Fds(TeamfwProcess d) => Directory.GetFiles($"/proc/{d.Pid}/fd").Length;
}

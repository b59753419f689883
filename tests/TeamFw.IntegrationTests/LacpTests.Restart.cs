// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Diagnostics;
using System.IO;
using System.Text.Json;
using System.Text.RegularExpressions;
using TeamFw.IntegrationTests.Infrastructure;
using Xunit;

namespace TeamFw.IntegrationTests;

/// <summary>
/// LACP across a crash: teamfw killed with SIGKILL and started again at once comes back within the partner's
/// 3 s (fast rate) with what it said before, so the partner — another teamfw, or Open vSwitch — never
/// leaves sync. Each test watches the partner for longer than its timeout after the kill.
/// </summary>
public sealed partial class LacpTests
{
    /// <summary>Longer than a fast-rate partner waits for an LACPDU (3 s) after the kill.</summary>
    private static readonly TimeSpan s_watch = TimeSpan.FromSeconds(3.5);

    /// <summary>Kills the host daemon, starts it again and checks how fast; returns the new daemon and a clock started at the kill.</summary>
    private TeamfwProcess CrashAndRestart(TeamfwProcess host, Topology topo, out Stopwatch sinceKill)
    {
        sinceKill = Stopwatch.StartNew();
        host.Crash();
        TeamfwProcess again = host.StartAgain();
        TimeSpan restarted = sinceKill.Elapsed;
        TimeSpan reply = RestartTests.FirstReply(topo);
        output.WriteLine($"restart complete {restarted.TotalMilliseconds:F0} ms after the kill; first echo reply {reply.TotalMilliseconds:F0} ms later");
        Assert.True(restarted < TimeSpan.FromSeconds(2), $"the restart took {restarted.TotalMilliseconds} ms");
        Assert.True(reply < TimeSpan.FromSeconds(1), $"traffic came back {reply.TotalMilliseconds} ms after the restart");
        return again;
    }

    private static int AggregatorOf(JsonElement state, string port) => LacpPort(state, port).GetProperty("aggregator").GetProperty("id").GetInt32();

    [NetnsFact]
    public void TeamfwToTeamfw_HostKilledAndRestarted_PeerNeverLeavesSync_SameAggregator()
    {
        using var topo = new Topology(peerBridge: false);
        using var host = TeamfwProcess.Start(topo.Host, Config("a1", "a2"));
        using var peer = TeamfwProcess.Start(topo.Peer, Config("b1", "b2"));
        topo.TeamUp();
        Cmd.Run("ip", "-n", topo.Peer, "addr", "add", Topology.PeerAddress + "/24", "dev", "team0");
        Cmd.Run("ip", "-n", topo.Peer, "link", "set", "team0", "up");
        AssertConverged(host, "a1", "a2");
        AssertConverged(peer, "b1", "b2");
        Assert.True(topo.WaitForPing(3), topo.LastPing);
        JsonElement before = host.State();
        int mark = peer.Log.Length;

        using TeamfwProcess again = CrashAndRestart(host, topo, out Stopwatch sinceKill);

        // The peer keeps both ports current, with us in sync, collecting and distributing, all along.
        int samples = 0;
        while (sinceKill.Elapsed < s_watch)
        {
            JsonElement ps = peer.State();
            foreach (string p in new[] { "b1", "b2" })
            {
                Assert.Equal("current", LacpPort(ps, p).GetProperty("state").GetString());
                Assert.Equal(0x3c, LacpPort(ps, p).GetProperty("partner_lacpdu_info").GetProperty("state").GetInt32() & 0x3c);
                Assert.True(LacpPort(ps, p).GetProperty("aggregator").GetProperty("selected").GetBoolean());
            }

            samples++;
        }

        string since = peer.Log[mark..];
        Assert.False(Regex.IsMatch(since, "port b[12] (LACP state|LACP partner|enabled|disabled|selected|unselected)|aggregator [0-9]+ selected"), since);
        output.WriteLine($"peer sampled {samples} times in {s_watch.TotalSeconds} s after the kill: always in sync");

        JsonElement after = again.State();
        Assert.Equal(AggregatorOf(before, "a1"), AggregatorOf(after, "a1"));
        Assert.Equal(AggregatorOf(before, "a2"), AggregatorOf(after, "a2"));
        Assert.True(LacpPort(after, "a1").GetProperty("aggregator").GetProperty("selected").GetBoolean());
        Assert.Equal(0, again.Stop());
        Assert.Equal(0, peer.Stop());
    }

    [NetnsFact]
    public void Ovs_TeamfwKilledAndRestarted_OvsNeverLeavesSync()
    {
        if (!OvsSwitch.Installed)
        {
            Assert.Fail("openvswitch-switch is not installed (make test-deps)");
        }

        using var topo = new Topology(peerBridge: false);
        using var ovs = new OvsSwitch(topo.Peer, Topology.PeerAddress, ["b1", "b2"]);
        using var host = TeamfwProcess.Start(topo.Host, Config("a1", "a2"));
        topo.TeamUp();
        AssertConverged(host, "a1", "a2");
        string teamMac = Cmd.Mac(topo.Host, "team0");
        Assert.True(ovs.WaitForLacp(s => Negotiated(s, teamMac), TimeSpan.FromSeconds(3)), ovs.LacpShow());
        Assert.True(topo.WaitForPing(3), topo.LastPing);
        long logMark = new FileInfo(ovs.VswitchdLog).Length;

        using TeamfwProcess again = CrashAndRestart(host, topo, out Stopwatch sinceKill);

        int samples = 0;
        while (sinceKill.Elapsed < s_watch)
        {
            string show = ovs.LacpShow();
            Assert.True(Negotiated(show, teamMac), $"{sinceKill.ElapsedMilliseconds} ms after the kill:\n{show}");
            samples++;
        }

        string log;
        using (var f = new FileStream(ovs.VswitchdLog, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
        {
            f.Seek(logMark, SeekOrigin.Begin);
            log = new StreamReader(f).ReadToEnd();
        }

        Assert.DoesNotContain("b1", log, StringComparison.Ordinal);
        Assert.DoesNotContain("b2", log, StringComparison.Ordinal);
        output.WriteLine($"OVS lacp/show sampled {samples} times in {s_watch.TotalSeconds} s after the kill: both members current, teamfw in sync");
        Assert.Equal(0, again.Stop());
    }
}

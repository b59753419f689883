// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using TeamFw.IntegrationTests.Infrastructure;
using Xunit;

namespace TeamFw.IntegrationTests;

public sealed class ActiveBackupTests
{
    private const string Config =
        "{\"device\":\"team0\",\"runner\":{\"name\":\"activebackup\"},\"link_watch\":{\"name\":\"ethtool\"},\"ports\":{\"a1\":{\"prio\":10},\"a2\":{\"prio\":0}}}";

    [NetnsFact]
    public void ActiveBackup_TransmitsOnlyOnActivePort()
    {
        using var topo = new Topology();
        using var d = TeamfwProcess.Start(topo.Host, Config);
        topo.TeamUp();
        var (code, output) = topo.Ping(20, 0.01);
        Assert.True(code == 0, output);
        Assert.DoesNotContain("DUP!", output, System.StringComparison.Ordinal); // the ports' own stacks stay out of the way
        var state = d.State();
        Assert.Equal("a1", state.GetProperty("runner").GetProperty("active_port").GetString());
        Assert.True(TeamfwProcess.Stat(state, "tx_packets", "a1") >= 20);
        Assert.Equal(0, TeamfwProcess.Stat(state, "tx_packets", "a2"));
        Assert.Equal(0, d.Stop());
    }

    [NetnsFact]
    public void ActiveBackup_FramesOnInactivePort_AreNotDelivered()
    {
        using var topo = new Topology(peerBridge: false);
        using var d = TeamfwProcess.Start(topo.Host, Config);
        topo.TeamUp();
        string teamMac = Cmd.Mac(topo.Host, "team0");
        Thread.Sleep(200);
        var before = d.State();
        Assert.Equal(500, Topology.Inject(topo.Peer, "b2", 500, 60, teamMac));
        Assert.Equal(300, Topology.Inject(topo.Peer, "b1", 300, 60, teamMac));
        Thread.Sleep(300);
        var after = d.State();
        long nohandler = TeamfwProcess.Stat(after, "rx_nohandler", "a2") - TeamfwProcess.Stat(before, "rx_nohandler", "a2");
        long delivered2 = TeamfwProcess.Stat(after, "rx_packets", "a2") - TeamfwProcess.Stat(before, "rx_packets", "a2");
        long delivered1 = TeamfwProcess.Stat(after, "rx_packets", "a1") - TeamfwProcess.Stat(before, "rx_packets", "a1");
        Assert.Equal(0, delivered2);
        Assert.True(nohandler >= 500, $"inactive port frames counted as rx_nohandler: {nohandler}");
        Assert.True(delivered1 >= 300, $"active port frames delivered: {delivered1}");
        Assert.Equal(0, d.Stop());
    }

    [NetnsFact]
    public void ActiveBackup_ActiveLosesCarrier_FailsOverAndTrafficContinues()
    {
        using var topo = new Topology();
        using var d = TeamfwProcess.Start(topo.Host, Config);
        topo.TeamUp();
        Assert.Equal(0, topo.Ping(3, 0.05).Code);

        Cmd.Run("ip", "-n", topo.Peer, "link", "set", "b1", "down"); // a1 loses carrier
        var sw = Stopwatch.StartNew();
        while (sw.ElapsedMilliseconds < 3000 && !d.Log.Contains("active port a1 -> a2", StringComparison.Ordinal))
        {
            Thread.Sleep(5);
        }

        Assert.Contains("active port a1 -> a2", d.Log, System.StringComparison.Ordinal);
        var (code, output) = topo.Ping(10, 0.02);
        Assert.True(code == 0, output);
        var state = d.State();
        Assert.Equal("a2", state.GetProperty("runner").GetProperty("active_port").GetString());
        Assert.False(state.GetProperty("ports").GetProperty("a1").GetProperty("link_watches").GetProperty("up").GetBoolean());
        // A port without link: 0 Mb/s, half duplex, as teamd shows the kernel's port (the kernel oracle found the last speed kept).
        var link = state.GetProperty("ports").GetProperty("a1").GetProperty("link");
        Assert.False(link.GetProperty("up").GetBoolean());
        Assert.Equal(0, link.GetProperty("speed").GetInt32());
        Assert.Equal("half", link.GetProperty("duplex").GetString());

        // a1 comes back: prio 10 beats prio 0, so it becomes active again (not sticky). The peer's
        // bridge forwards on b1 only once its own (linkwatch-delayed) carrier event arrives, ~0.2 s later.
        Cmd.Run("ip", "-n", topo.Peer, "link", "set", "b1", "up");
        Assert.True(d.WaitForLog("active port a2 -> a1", System.TimeSpan.FromSeconds(3)), d.Log);
        Assert.True(topo.WaitForPing(), "traffic resumes over a1\n" + d.Log);
        Assert.Equal(0, topo.Ping(5, 0.02).Code);
        Assert.True(TeamfwProcess.Stat(d.State(), "tx_packets", "a1") > 0);
        Assert.Equal(0, d.Stop());
    }

    [NetnsFact]
    public void ActiveBackup_CarrierLossHeldBackByLinkwatch_IsStillSeenWithinMilliseconds()
    {
        using var topo = new Topology();
        using var d = TeamfwProcess.Start(topo.Host, Config);
        topo.TeamUp();
        Assert.Equal(0, topo.Ping(2).Code);
        Thread.Sleep(1200);

        // Another link event first: the kernel's linkwatch now holds non-urgent carrier notifications
        // back for up to a second (measured with carrier_poll_ms 0: ~1 s). The ETHTOOL_GLINK check must
        // see the carrier loss anyway.
        Cmd.Run("ip", "-n", topo.Peer, "link", "set", "b2", "down");
        Cmd.Run("ip", "-n", topo.Peer, "link", "set", "b2", "up");
        Cmd.Run("ip", "-n", topo.Peer, "link", "set", "b1", "down");
        var sw = Stopwatch.StartNew();
        Assert.True(d.WaitForLog("active port a1 -> a2", System.TimeSpan.FromSeconds(3)), d.Log);
        Assert.True(sw.ElapsedMilliseconds < 400, $"failover took {sw.ElapsedMilliseconds} ms");
        Assert.Equal(0, d.Stop());
    }

    /// <summary>
    /// The carrier check parks while the data path is idle (README, carrier_poll_ms): the control thread then
    /// wakes about 11 times a second (the 100 ms check and the statistics; more while the peers' IPv6 start-up
    /// chatter wakes it, 30 in 2 s alone, 61 with the whole suite running), where it woke ~150 times (300 in 2 s)
    /// polling every 10 ms; traffic wakes it and brings the 10 ms check back, and a loss under traffic is seen
    /// within milliseconds.
    /// </summary>
    [NetnsFact]
    public void IdleTeam_ControlThreadSleeps_TrafficBringsTheFastCheckBack()
    {
        using var topo = new Topology();
        using var d = TeamfwProcess.Start(topo.Host, Config);
        topo.TeamUp();
        Assert.True(topo.WaitForPing(), topo.LastPing + d.Log);
        Thread.Sleep(500);

        long idle = ControlWakeups(d, 2000);
        Assert.True(idle < 120, $"{idle} control-thread wakeups in 2 s without traffic (parked: ~11 a second)\n{d.Log}");

        Task<(int Code, string Output)> ping = Task.Run(() => topo.Ping(300, 0.01, waitSeconds: 5));
        Thread.Sleep(500);
        long busy = ControlWakeups(d, 1000);
        Assert.True(busy > 40, $"{busy} control-thread wakeups in 1 s of 100 pings a second (the 10 ms check: ~100)\n{d.Log}");

        Cmd.Run("ip", "-n", topo.Peer, "link", "set", "b1", "down");
        var sw = Stopwatch.StartNew();
        Assert.True(d.WaitForLog("active port a1 -> a2", System.TimeSpan.FromSeconds(3)), d.Log);
        Assert.True(sw.ElapsedMilliseconds < 200, $"failover under traffic took {sw.ElapsedMilliseconds} ms");
        ping.Wait();
        Assert.Equal(0, d.Stop());
    }

    /// <summary>Wakeups of the daemon's control thread (its main thread) over <paramref name="ms"/>.</summary>
    private static long ControlWakeups(TeamfwProcess d, int ms)
    {
        long before = ThreadWakeups.Of(d.Pid, d.Pid);
        Thread.Sleep(ms);
        return ThreadWakeups.Of(d.Pid, d.Pid) - before;
    }
}

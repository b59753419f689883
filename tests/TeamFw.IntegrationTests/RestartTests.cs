// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using TeamFw.IntegrationTests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace TeamFw.IntegrationTests;

/// <summary>
/// A daemon killed with SIGKILL and started again, as procd or an init script would (README, "Crashes and
/// restarts"): the ports keep their first originals, team0 its addresses and routes, traffic is back at once,
/// the runners' choices stand; state files that cannot be trusted are not used; what nobody takes back is undone.
/// </summary>
public sealed class RestartTests(ITestOutputHelper output)
{
    private const string TwoPorts9000 =
        "{\"device\":\"team0\",\"runner\":{\"name\":\"roundrobin\"},\"teamfw\":{\"mtu\":9000},\"ports\":{\"a1\":{},\"a2\":{}}}";

    /// <summary>How often the interface's carrier changed: a port taken down and up again shows on its veth peer.</summary>
    internal static int CarrierChanges(string ns, string dev)
        => int.Parse(Cmd.InNs(ns, "cat", $"/sys/class/net/{dev}/carrier_changes").Trim(), CultureInfo.InvariantCulture);

    internal static string Flags(string ns, string dev)
        => string.Join(",", Cmd.Link(ns, dev).GetProperty("flags").EnumerateArray().Select(f => f.GetString()));

    /// <summary>The device's configured addresses (the kernel's own IPv6 link-local left out), sorted.</summary>
    internal static string Addresses(string ns, string dev)
    {
        using var doc = JsonDocument.Parse(Cmd.Run("ip", "-n", ns, "-j", "addr", "show", "dev", dev));
        return string.Join(" ", doc.RootElement[0].GetProperty("addr_info").EnumerateArray()
            .Select(a => a.GetProperty("local").GetString() + "/" + a.GetProperty("prefixlen").GetInt32())
            .Where(a => !a.StartsWith("fe80:", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
    }

    /// <summary>The routes through the device, one per line, without the "linkdown" mark (counted in <paramref name="linkdown"/>).</summary>
    internal static string Routes(string ns, string dev, out int linkdown)
    {
        string[] lines = Cmd.Run("ip", "-n", ns, "route", "show", "dev", dev).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        linkdown = lines.Count(l => l.Contains(" linkdown", StringComparison.Ordinal));
        return string.Join("\n", lines.Select(l => Regex.Replace(l.Replace(" linkdown", string.Empty, StringComparison.Ordinal), " +", " ").Trim()));
    }

    /// <summary>One ping process sending every 20 ms until the first reply: how long from now until it came.</summary>
    internal static TimeSpan FirstReply(Topology topo, string target = Topology.PeerAddress)
    {
        var sw = Stopwatch.StartNew();
        var r = Cmd.TryInNs(topo.Host, "ping", "-n", "-c", "1", "-i", "0.02", "-w", "3", target);
        Assert.True(r.Code == 0, "no reply: " + r.Stdout + r.Stderr);
        return sw.Elapsed;
    }

    /// <summary>The team of <see cref="TwoPorts9000"/> on team device backend <paramref name="device"/> (teamfw.device).</summary>
    internal static string TwoPorts9000On(string device) => TwoPorts9000.Replace("\"mtu\":9000", $"\"mtu\":9000,\"device\":\"{device}\"", StringComparison.Ordinal);

    [NetnsTheory]
    [InlineData("veth")]
    [InlineData("tap")]
    public void Sigkill_ThenRestart_TakesTeamAndPortsBack_AndStopRestoresTheFirstOriginals(string device)
    {
        using var topo = new Topology();
        LifecycleTests.Decorate(topo); // a1 MTU 1400 with an address, a2 up with an IPv6 address and its own sysctls
        PortState a1 = PortState.Read(topo.Host, "a1"), a2 = PortState.Read(topo.Host, "a2");
        using var first = TeamfwProcess.Start(topo.Host, TwoPorts9000On(device));
        topo.TeamUp();
        Cmd.Run("ip", "-n", topo.Host, "route", "add", "10.77.0.0/16", "via", Topology.PeerAddress);
        FirstReply(topo);
        int ifIndex = Cmd.Link(topo.Host, "team0").GetProperty("ifindex").GetInt32();
        string addresses = Addresses(topo.Host, "team0"), routes = Routes(topo.Host, "team0", out _);
        Assert.Equal(2, routes.Split('\n').Length);
        PortState a1Teamed = PortState.Read(topo.Host, "a1");
        int flaps1 = CarrierChanges(topo.Peer, "b1"), flaps2 = CarrierChanges(topo.Peer, "b2");
        Assert.True(File.Exists(first.StatePath));

        first.Crash();

        // No daemon: team0 is still there, with its addresses and routes; the ports keep the team's settings. A TAP loses
        // its carrier with its last descriptor; a veth team0 keeps it until the next daemon (nothing runs after SIGKILL
        // to set the host peer down: README, Team device).
        bool tap = device == "tap";
        Assert.Equal(tap, Flags(topo.Host, "team0").Contains("NO-CARRIER", StringComparison.Ordinal));
        Assert.Equal(addresses, Addresses(topo.Host, "team0"));
        Assert.Equal(routes, Routes(topo.Host, "team0", out int down));
        Assert.Equal(tap ? 2 : 0, down); // kept, marked linkdown while no carrier
        Assert.Equal(a1Teamed, PortState.Read(topo.Host, "a1"));

        var sw = Stopwatch.StartNew();
        using TeamfwProcess second = first.StartAgain();
        TimeSpan started = sw.Elapsed;
        TimeSpan reply = started + FirstReply(topo);
        output.WriteLine($"restart: daemon running after {started.TotalMilliseconds:F0} ms, first echo reply through team0 after {reply.TotalMilliseconds:F0} ms");
        Assert.True(reply < TimeSpan.FromSeconds(1), $"{reply.TotalMilliseconds} ms");

        Assert.Equal(ifIndex, Cmd.Link(topo.Host, "team0").GetProperty("ifindex").GetInt32());
        Assert.Equal(device, Cmd.Link(topo.Host, "team0").GetProperty("linkinfo").GetProperty("info_kind").GetString() is "tun" ? "tap" : "veth");
        Assert.Equal(addresses, Addresses(topo.Host, "team0"));
        Assert.Equal(routes, Routes(topo.Host, "team0", out down));
        Assert.Equal(0, down);
        Assert.Equal((flaps1, flaps2), (CarrierChanges(topo.Peer, "b1"), CarrierChanges(topo.Peer, "b2"))); // no port went down
        Assert.Contains("team0: taken back from the previous daemon", second.Log, StringComparison.Ordinal);
        Assert.Contains("team0: port a2 taken back from the previous daemon", second.Log, StringComparison.Ordinal);

        Assert.Equal(0, second.Stop());
        Assert.Equal(a1, PortState.Read(topo.Host, "a1"));
        Assert.Equal(a2, PortState.Read(topo.Host, "a2"));
        Assert.False(Packaging.Daemonized.LinkExists(topo.Host, "team0"));
        Assert.False(Packaging.Daemonized.LinkExists(topo.Host, "team0-tfw"), "the host peer goes with team0");
        Assert.False(File.Exists(first.StatePath), "a clean stop leaves no state file");
    }

    [NetnsFact]
    public void Sigkill_ThenRestart_ActiveBackupKeepsItsActivePort()
    {
        // Equal ports: at a fresh start the first one added (a1) is chosen; a2 became active when a1's link went
        // down and, being no worse, stayed active when it came back. The restart must not switch back.
        const string config = "{\"device\":\"team0\",\"runner\":{\"name\":\"activebackup\"},\"link_watch\":{\"name\":\"ethtool\"},\"ports\":{\"a1\":{},\"a2\":{}}}";
        using var topo = new Topology();
        using var first = TeamfwProcess.Start(topo.Host, config);
        topo.TeamUp();
        Assert.Equal("a1", ActivePort(first));
        Cmd.Run("ip", "-n", topo.Peer, "link", "set", "b1", "down");
        Assert.True(first.WaitForLog("active port a1 -> a2", TimeSpan.FromSeconds(3)), first.Log);
        Cmd.Run("ip", "-n", topo.Peer, "link", "set", "b1", "up");
        Assert.True(first.WaitForLog("port a1 link up", TimeSpan.FromSeconds(3)), first.Log);
        Assert.Equal("a2", ActivePort(first));

        first.Crash();
        using TeamfwProcess second = first.StartAgain();

        Assert.Equal("a2", ActivePort(second));
        Assert.Contains("active port none -> a2 (active before the restart)", second.Log, StringComparison.Ordinal);
        Assert.DoesNotContain("-> a1", second.Log, StringComparison.Ordinal);
        Assert.True(topo.WaitForPing(1), topo.LastPing);
        Assert.Equal(0, second.Stop());
    }

    [NetnsFact]
    public void MinusN_SigtermLeavesTheTeamForTheNextDaemon()
    {
        using var topo = new Topology();
        PortState a1 = PortState.Read(topo.Host, "a1");
        using var first = TeamfwProcess.Start(topo.Host, TwoPorts9000, "-N");
        topo.TeamUp();
        int ifIndex = Cmd.Link(topo.Host, "team0").GetProperty("ifindex").GetInt32();

        Assert.Equal(0, first.Stop());

        Assert.Contains("team0: kept for the next daemon", first.Log, StringComparison.Ordinal);
        Assert.Contains("NO-CARRIER", Flags(topo.Host, "team0"), StringComparison.Ordinal);
        Assert.Equal(Topology.TeamAddress + "/24", Addresses(topo.Host, "team0"));
        Assert.True(Packaging.Daemonized.Enslaved(topo.Host, "a1"));
        Assert.True(File.Exists(first.StatePath));
        using (TeamfwProcess second = first.StartAgain())
        {
            Assert.Equal(ifIndex, Cmd.Link(topo.Host, "team0").GetProperty("ifindex").GetInt32());
            Assert.True(topo.WaitForPing(1), topo.LastPing);
            Assert.Equal(0, second.Stop()); // -N again: kept again
        }

        using TeamfwProcess none = first.StartAgainWithoutTeams();
        Assert.Equal(0, none.Stop());
        Assert.Equal(a1, PortState.Read(topo.Host, "a1"));
        Assert.False(Packaging.Daemonized.LinkExists(topo.Host, "team0"));
    }

    private static string ActivePort(TeamfwProcess d) => d.State().GetProperty("runner").GetProperty("active_port").GetString()!;

    [NetnsFact]
    public void Leftovers_WhatTheConfigNoLongerHasIsUndone_RemadePortsAreNotTrusted()
    {
        using var topo = new Topology();
        LifecycleTests.Decorate(topo);
        PortState a1 = PortState.Read(topo.Host, "a1"), a2 = PortState.Read(topo.Host, "a2");

        // a2 is taken by the first daemon, then dropped from the config while no daemon runs.
        using var first = TeamfwProcess.Start(topo.Host, TwoPorts9000);
        first.Crash();
        File.WriteAllText(first.ConfigPath, "{\"device\":\"team0\",\"teamfw\":{\"mtu\":9000},\"ports\":{\"a1\":{}}}");
        using (TeamfwProcess second = first.StartAgain())
        {
            Assert.Contains("port a2: left by the previous daemon and not configured now: restored to its state before teamfw", second.Log, StringComparison.Ordinal);
            Assert.Equal(a2, PortState.Read(topo.Host, "a2"));
            second.Crash();
        }

        // a1 is deleted and made again (a new ifindex) while no daemon runs: its record is not used, and
        // the port as it is now is what a stop restores. A port that is gone is dropped.
        Cmd.Run("ip", "-n", topo.Host, "link", "del", "a1");
        Cmd.Run("ip", "link", "add", "a1", "netns", topo.Host, "type", "veth", "peer", "name", "b1", "netns", topo.Peer);
        Cmd.Run("ip", "-n", topo.Peer, "link", "set", "b1", "master", "br0", "up");
        Cmd.Run("ip", "-n", topo.Host, "link", "set", "a1", "mtu", "1300");
        PortState a1New = PortState.Read(topo.Host, "a1");
        File.WriteAllText(first.ConfigPath, "{\"device\":\"team0\",\"ports\":{\"a1\":{}}}");
        using (TeamfwProcess third = first.StartAgain())
        {
            Assert.Matches("port a1: the previous daemon's record is not used: it was ifindex [0-9]+, a1 is now ifindex [0-9]+ \\(the interface was made again\\)", third.Log);
            third.Crash();
        }

        // A daemon with no team at all undoes everything a dead one left: the port restored, team0 removed.
        using (TeamfwProcess none = first.StartAgainWithoutTeams())
        {
            Assert.Contains("port a1: left by the previous daemon and not configured now: restored to its state before teamfw", none.Log, StringComparison.Ordinal);
            Assert.Contains("team0: left by the previous daemon and not configured now: removed", none.Log, StringComparison.Ordinal);
            Assert.False(Packaging.Daemonized.LinkExists(topo.Host, "team0"));
            Assert.False(File.Exists(first.StatePath), "nothing left to remember");
            Assert.Equal(0, none.Stop());
        }

        Assert.Equal(a1New, PortState.Read(topo.Host, "a1"));
        Assert.NotEqual(a1, a1New);
        Assert.False(File.Exists(first.StatePath));
    }

    [NetnsFact]
    public void StateFiles_FromAnotherBootOrAnotherUser_AreNotTrusted_NothingIsTouched()
    {
        using var topo = new Topology();
        PortState a1 = PortState.Read(topo.Host, "a1");
        using var first = TeamfwProcess.Start(topo.Host, TwoPorts9000);
        first.Crash();
        PortState a1Teamed = PortState.Read(topo.Host, "a1");
        string saved = File.ReadAllText(first.StatePath);
        string bootId = JsonDocument.Parse(saved).RootElement.GetProperty("boot_id").GetString()!;

        (string Content, int Uid, string Warning)[] cases =
        [
            (saved.Replace(bootId, "00000000-0000-0000-0000-000000000000", StringComparison.Ordinal), 0,
                "written before the last reboot (boot 00000000-0000-0000-0000-000000000000); ignored"),
            (saved, 65534, "not trusted, it is owned by uid 65534, not by this daemon's uid 0; ignored"),
        ];
        foreach ((string content, int uid, string warning) in cases)
        {
            File.WriteAllText(first.StatePath, content);
            File.SetUnixFileMode(first.StatePath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            Cmd.Run("chown", uid.ToString(CultureInfo.InvariantCulture), first.StatePath);

            // Without a record it can trust, the daemon does not take over a team0 it did not make, nor the ports.
            using TeamfwProcess refused = first.StartAgain();
            Assert.Equal(1, refused.Stop());
            Assert.Contains($"state file {first.StatePath}: {warning}", refused.Log, StringComparison.Ordinal);
            Assert.Contains("an interface with this name already exists", refused.Log, StringComparison.Ordinal);
            Assert.Equal(a1Teamed, PortState.Read(topo.Host, "a1"));
        }

        // The file as the daemon wrote it is taken, and a stop restores a1.
        File.WriteAllText(first.StatePath, saved);
        Cmd.Run("chown", "0", first.StatePath);
        using TeamfwProcess again = first.StartAgain();
        Assert.Equal(0, again.Stop());
        Assert.Equal(a1, PortState.Read(topo.Host, "a1"));
    }
}

// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.IO;
using TeamFw.IntegrationTests.Infrastructure;
using Xunit;

namespace TeamFw.IntegrationTests;

/// <summary>Start, stop, reload, failures: every port restored exactly, nothing left behind.</summary>
public sealed class LifecycleTests
{
    private const string TwoPorts =
        "{\"device\":\"team0\",\"runner\":{\"name\":\"roundrobin\"},\"ports\":{\"a1\":{},\"a2\":{}}}";

    private static bool LinkExists(string ns, string dev) => Cmd.Try("ip", "-n", ns, "link", "show", "dev", dev).Code == 0;

    /// <summary>Gives the ports a life of their own first: an MTU, addresses, one up and one down.</summary>
    internal static void Decorate(Topology topo)
    {
        Cmd.Run("ip", "-n", topo.Host, "link", "set", "a1", "mtu", "1400");
        Cmd.Run("ip", "-n", topo.Host, "addr", "add", "10.232.0.9/24", "dev", "a1");
        Cmd.Run("ip", "-n", topo.Host, "link", "set", "a2", "up");
        Cmd.Run("ip", "-n", topo.Host, "addr", "add", "2001:db8:5::9/64", "dev", "a2", "nodad");
        Cmd.InNs(topo.Host, "sysctl", "-q", "-w", "net.ipv4.conf.a2.arp_ignore=1");
        Cmd.InNs(topo.Host, "sysctl", "-q", "-w", "net.ipv4.conf.a2.rp_filter=2");
    }

    [NetnsFact]
    public void Sigterm_RestoresEveryPortExactly_AndRemovesTheTap()
    {
        using var topo = new Topology();
        Decorate(topo);
        PortState a1 = PortState.Read(topo.Host, "a1"), a2 = PortState.Read(topo.Host, "a2");

        using var d = TeamfwProcess.Start(topo.Host, TwoPorts);
        string teamMac = Cmd.Mac(topo.Host, "team0");
        PortState during = PortState.Read(topo.Host, "a1");
        Assert.Equal(teamMac, during.Mac);
        Assert.Equal(1500, during.Mtu);
        Assert.Equal("8", during.ArpIgnore);
        Assert.Equal("1", during.RpFilter);
        Assert.Equal("1", during.DisableIpv6);
        Assert.Equal(string.Empty, during.Addresses);
        Assert.Equal(string.Empty, PortState.Read(topo.Host, "a2").Addresses);

        Assert.Equal(0, d.Stop());
        Assert.Equal(a1, PortState.Read(topo.Host, "a1"));
        Assert.Equal(a2, PortState.Read(topo.Host, "a2"));
        Assert.False(LinkExists(topo.Host, "team0"), "the TAP must be gone");
    }

    [NetnsFact]
    public void BadConfig_ExitsTwo_NamingThePath_AndChangesNothing()
        => StartFails(
            "{\"device\":\"team0\",\"runner\":{\"name\":\"loadbalance\",\"tx_hash\":[\"eth\",\"ipv4\",\"l7\"]},\"ports\":{\"a1\":{},\"a2\":{}}}",
            2,
            "team0.conf: $.runner.tx_hash[2]");

    [NetnsFact]
    public void MissingPort_ExitsOne_AndRestoresThePortsAlreadyTaken()
        => StartFails("{\"device\":\"team0\",\"ports\":{\"a1\":{},\"nosuch0\":{}}}", 1, "port nosuch0: no such interface");

    /// <summary>A start that must fail with this exit code and message, leaving a1 exactly as it was and no TAP.</summary>
    private static void StartFails(string config, int expectedCode, string expectedMessage)
    {
        using var topo = new Topology();
        Decorate(topo);
        PortState a1 = PortState.Read(topo.Host, "a1");
        string dir = Directory.CreateTempSubdirectory("teamfw-it-").FullName;
        try
        {
            string conf = Path.Combine(dir, "team0.conf");
            File.WriteAllText(conf, config);
            var (code, output) = TeamfwProcess.RunToExit(topo.Host, "-f", conf);
            Assert.Equal(expectedCode, code);
            Assert.Contains(expectedMessage, output, StringComparison.Ordinal);
            Assert.Equal(a1, PortState.Read(topo.Host, "a1"));
            Assert.False(LinkExists(topo.Host, "team0"));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [NetnsFact]
    public void PortDeletedAtRunTime_TeamKeepsWorking()
    {
        using var topo = new Topology();
        using var d = TeamfwProcess.Start(topo.Host, TwoPorts);
        topo.TeamUp();
        Assert.Equal(0, topo.Ping(3).Code);
        Cmd.Run("ip", "-n", topo.Host, "link", "del", "a2");
        Assert.True(d.WaitForLog("port a2 vanished", TimeSpan.FromSeconds(3)), d.Log);
        var (code, output) = topo.Ping(10, 0.02);
        Assert.True(code == 0, output);
        var state = d.State();
        Assert.False(state.GetProperty("ports").TryGetProperty("a2", out _));
        Assert.True(state.GetProperty("ports").TryGetProperty("a1", out _));
        Assert.Equal(0, d.Stop());
    }

    [NetnsFact]
    public void Sighup_AddsAndRemovesPorts_WithoutTouchingTheOthers()
    {
        using var topo = new Topology();
        PortState a1Original = PortState.Read(topo.Host, "a1");
        using var d = TeamfwProcess.Start(topo.Host, "{\"device\":\"team0\",\"ports\":{\"a1\":{}}}");
        topo.TeamUp();
        Assert.Equal(0, topo.Ping(2).Code);

        File.WriteAllText(d.ConfigPath, TwoPorts);
        d.Signal("HUP");
        Assert.True(d.WaitForLog("port a2 added", TimeSpan.FromSeconds(5)), d.Log);
        Assert.DoesNotContain("port a1 removed", d.Log, StringComparison.Ordinal);

        File.WriteAllText(d.ConfigPath, "{\"device\":\"team0\",\"ports\":{\"a2\":{}}}");
        d.Signal("HUP");
        Assert.True(d.WaitForLog("port a1 removed", TimeSpan.FromSeconds(5)), d.Log);
        Assert.Equal(a1Original, PortState.Read(topo.Host, "a1"));
        Assert.Equal(["a2"], StatePorts(d)); // a released port leaves the state file
        var (code, output) = topo.Ping(5, 0.02);
        Assert.True(code == 0, output);

        // A broken file changes nothing.
        File.WriteAllText(d.ConfigPath, "{\"device\":");
        d.Signal("HUP");
        Assert.True(d.WaitForLog("reload refused, nothing changed", TimeSpan.FromSeconds(5)), d.Log);
        Assert.True(d.State().GetProperty("ports").TryGetProperty("a2", out _));
        Assert.Equal(0, d.Stop());
    }

    /// <summary>The ports the daemon's state file records.</summary>
    private static string[] StatePorts(TeamfwProcess d)
    {
        using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(d.StatePath));
        return [.. System.Linq.Enumerable.Select(doc.RootElement.GetProperty("ports").EnumerateArray(), p => p.GetProperty("name").GetString()!)];
    }

    [NetnsFact]
    public void Daemonize_ParentExitsZeroWhenUp_PidfileNamesTheDaemon()
    {
        using var topo = new Topology();
        string dir = Directory.CreateTempSubdirectory("teamfw-it-").FullName;
        try
        {
            string conf = Path.Combine(dir, "team0.conf"), pidFile = Path.Combine(dir, "teamfw.pid");
            File.WriteAllText(conf, TwoPorts);
            var (code, output) = TeamfwProcess.RunToExit(topo.Host, "-d", "-p", pidFile, "-f", conf);
            Assert.True(code == 0, output);
            Assert.True(LinkExists(topo.Host, "team0"), "the team is up when the parent returns");
            int pid = int.Parse(File.ReadAllText(pidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(Directory.Exists("/proc/" + pid));
            Assert.Equal(0, TeamfwProcess.RunToExit(topo.Host, "-e", "-p", pidFile).Code);

            // A second daemon for the same team fails and leaves the first alone.
            var second = TeamfwProcess.RunToExit(topo.Host, "-d", "-p", Path.Combine(dir, "second.pid"), "-f", conf);
            Assert.NotEqual(0, second.Code);
            Assert.True(LinkExists(topo.Host, "team0"));

            // -k returns once the daemon is gone, as teamd -k does (the oracle's corpus starts the next one at once).
            Assert.Equal(0, TeamfwProcess.RunToExit(topo.Host, "-k", "-p", pidFile).Code);
            Assert.False(TeamFw.Native.Sockets.Posix.ProcessAlive(pid), "the daemon has exited when -k returns");
            Assert.False(File.Exists(pidFile), "the pidfile is removed");
            Assert.False(LinkExists(topo.Host, "team0"));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [NetnsFact]
    public void TeamMtuChange_PropagatesToPorts_AndRollsBackWhenOneRefuses()
    {
        using var topo = new Topology();
        // The second port is a macvlan on a2: the kernel caps its MTU at a2's 1500, so it refuses 9000.
        Cmd.Run("ip", "-n", topo.Host, "link", "add", "a2v", "link", "a2", "type", "macvlan");
        using var d = TeamfwProcess.Start(topo.Host, "{\"device\":\"team0\",\"ports\":{\"a1\":{},\"a2v\":{}}}");
        Cmd.Run("ip", "-n", topo.Host, "link", "set", "team0", "mtu", "1400");
        Assert.True(d.WaitForLog("mtu 1500 -> 1400", TimeSpan.FromSeconds(3)), d.Log);
        Assert.Equal(1400, PortState.Read(topo.Host, "a1").Mtu);
        Assert.Equal(1400, Cmd.Link(topo.Host, "a2v").GetProperty("mtu").GetInt32());

        Cmd.Run("ip", "-n", topo.Host, "link", "set", "team0", "mtu", "9000");
        Assert.True(d.WaitForLog("team and ports back to 1400", TimeSpan.FromSeconds(3)), d.Log);
        Assert.Equal(1400, PortState.Read(topo.Host, "a1").Mtu);
        Assert.Equal(1400, Cmd.Link(topo.Host, "a2v").GetProperty("mtu").GetInt32());
        Assert.Equal(1400, Cmd.Link(topo.Host, "team0").GetProperty("mtu").GetInt32());
        Assert.Equal(0, d.Stop());
        Assert.Equal(1500, PortState.Read(topo.Host, "a1").Mtu); // released: the original MTU again
    }
}

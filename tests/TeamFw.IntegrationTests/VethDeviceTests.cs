// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.IO;
using TeamFw.IntegrationTests.Infrastructure;
using TeamFw.IntegrationTests.Packaging;
using Xunit;

namespace TeamFw.IntegrationTests;

/// <summary>
/// The veth team device (teamfw.device "veth", the default): team0 is one end of a veth pair, the host peer
/// (team0-tfw) teamfw's end. Its carrier follows the team, its MTU the team's, a taken name is a clear error
/// that leaves nothing behind. Traffic through it (GSO TCP, VLAN tags, every mode, restarts) is what the other
/// integration tests run on; the TAP stays selectable.
/// </summary>
public sealed class VethDeviceTests
{
    private const string Config =
        "{\"device\":\"team0\",\"runner\":{\"name\":\"activebackup\"},\"link_watch\":{\"name\":\"ethtool\"},\"teamfw\":{\"device\":\"veth\"},\"ports\":{\"a1\":{},\"a2\":{}}}";

    private static string Kind(string ns, string dev) => Cmd.Link(ns, dev).GetProperty("linkinfo").GetProperty("info_kind").GetString()!;

    private static bool HasCarrier(string ns, string dev) => !RestartTests.Flags(ns, dev).Contains("NO-CARRIER", StringComparison.Ordinal);

    private static bool WaitCarrier(string ns, string dev, bool on)
    {
        for (int i = 0; i < 150; i++)
        {
            if (HasCarrier(ns, dev) == on)
            {
                return true;
            }

            System.Threading.Thread.Sleep(20);
        }

        return false;
    }

    [NetnsFact]
    public void HostPeer_CarrierFollowsThePorts_MtuFollowsTheTeam_GoneAtStop()
    {
        using var topo = new Topology();
        using var d = TeamfwProcess.Start(topo.Host, Config);
        topo.TeamUp();
        Assert.Equal("veth", Kind(topo.Host, "team0"));
        Assert.Equal("veth", Kind(topo.Host, "team0-tfw"));
        Assert.Equal("veth", d.State().GetProperty("teamfw").GetProperty("team_device").GetString());
        Assert.True(topo.WaitForPing(), topo.LastPing);

        // Both ports lose their link: the team, and so team0, loses carrier (the host peer goes down); one comes back: on again.
        Cmd.Run("ip", "-n", topo.Peer, "link", "set", "b1", "down");
        Cmd.Run("ip", "-n", topo.Peer, "link", "set", "b2", "down");
        Assert.True(WaitCarrier(topo.Host, "team0", false), RestartTests.Flags(topo.Host, "team0") + "\n" + d.Log);
        Assert.DoesNotContain("UP", RestartTests.Flags(topo.Host, "team0-tfw").Split(','));
        Cmd.Run("ip", "-n", topo.Peer, "link", "set", "b2", "up");
        Assert.True(WaitCarrier(topo.Host, "team0", true), RestartTests.Flags(topo.Host, "team0") + "\n" + d.Log);
        Assert.True(topo.WaitForPing(), topo.LastPing);

        // The team's MTU, set on team0: the ports and the host peer follow, and a full-size frame crosses both ways.
        Cmd.Run("ip", "-n", topo.Host, "link", "set", "team0", "mtu", "1400");
        Assert.True(d.WaitForLog("team0: mtu 1500 -> 1400", TimeSpan.FromSeconds(3)), d.Log); // logged once the peer has it
        Assert.Equal(1400, Cmd.Link(topo.Host, "team0-tfw").GetProperty("mtu").GetInt32());
        Assert.Equal(1400, Cmd.Link(topo.Host, "a2").GetProperty("mtu").GetInt32());
        Cmd.Run("ip", "-n", topo.Peer, "link", "set", "br0", "mtu", "1400");
        var r = Cmd.TryInNs(topo.Host, "ping", "-n", "-c", "2", "-i", "0.1", "-W", "2", "-M", "do", "-s", "1372", Topology.PeerAddress);
        Assert.True(r.Code == 0, r.Stdout + r.Stderr);

        Assert.Equal(0, d.Stop());
        Assert.False(Daemonized.LinkExists(topo.Host, "team0"));
        Assert.False(Daemonized.LinkExists(topo.Host, "team0-tfw"));
    }

    [NetnsFact]
    public void HostPeerNameTaken_StartFailsNamingIt_NothingLeftBehind()
    {
        using var topo = new Topology();
        Cmd.Run("ip", "-n", topo.Host, "link", "add", "team0-tfw", "type", "bridge");
        PortState a1 = PortState.Read(topo.Host, "a1");
        string dir = Directory.CreateTempSubdirectory("teamfw-it-").FullName;
        try
        {
            string conf = Path.Combine(dir, "team0.conf");
            File.WriteAllText(conf, Config);
            var (code, output) = TeamfwProcess.RunToExit(topo.Host, "-f", conf);
            Assert.NotEqual(0, code);
            Assert.Contains("team0-tfw", output, StringComparison.Ordinal);
            Assert.Contains("already exists", output, StringComparison.Ordinal);
            Assert.False(Daemonized.LinkExists(topo.Host, "team0"));
            Assert.Equal("bridge", Kind(topo.Host, "team0-tfw")); // not ours: untouched
            Assert.Equal(a1, PortState.Read(topo.Host, "a1"));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [NetnsFact]
    public void Tap_StillSelectable_AndARestartOnVethReplacesIt()
    {
        using var topo = new Topology();
        string tapConfig = Config.Replace("\"device\":\"veth\"", "\"device\":\"tap\"", StringComparison.Ordinal);
        using var first = TeamfwProcess.Start(topo.Host, tapConfig);
        topo.TeamUp();
        Assert.Equal("tun", Kind(topo.Host, "team0"));
        Assert.False(Daemonized.LinkExists(topo.Host, "team0-tfw"));
        Assert.True(topo.WaitForPing(), topo.LastPing);
        first.Crash();

        // The next daemon is configured for veth: the TAP the first one left goes, a veth pair takes its name.
        File.WriteAllText(first.ConfigPath, Config);
        using TeamfwProcess second = first.StartAgain();
        Assert.Equal("veth", Kind(topo.Host, "team0"));
        Assert.Contains("a tap device, now veth", second.Log, StringComparison.Ordinal);
        topo.TeamUp();
        Assert.True(topo.WaitForPing(), topo.LastPing);
        Assert.Equal(0, second.Stop());
        Assert.False(Daemonized.LinkExists(topo.Host, "team0"));
    }
}

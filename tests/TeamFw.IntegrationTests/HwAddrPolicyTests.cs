// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using TeamFw.IntegrationTests.Infrastructure;
using Xunit;

namespace TeamFw.IntegrationTests;

/// <summary>activebackup hwaddr_policy: port and team MACs before, during and after a failover (teamd.conf(5)).</summary>
public sealed class HwAddrPolicyTests
{
    private static string Config(string policy) =>
        "{\"device\":\"team0\",\"hwaddr\":\"02:aa:bb:cc:dd:01\",\"runner\":{\"name\":\"activebackup\",\"hwaddr_policy\":\"" + policy + "\"}," +
        "\"ports\":{\"a1\":{\"prio\":10},\"a2\":{}}}";

    private const string TeamMac = "02:aa:bb:cc:dd:01";

    private static void Failover(Topology topo, TeamfwProcess d)
    {
        Cmd.Run("ip", "-n", topo.Peer, "link", "set", "b1", "down");
        Assert.True(d.WaitForLog("active port a1 -> a2", TimeSpan.FromSeconds(3)), d.Log);
    }

    [NetnsFact]
    public void SameAll_EveryPortHasTheTeamMac_AllAlong()
    {
        using var topo = new Topology();
        string a1 = Cmd.Mac(topo.Host, "a1"), a2 = Cmd.Mac(topo.Host, "a2");
        using var d = TeamfwProcess.Start(topo.Host, Config("same_all"));
        Assert.Equal(TeamMac, Cmd.Mac(topo.Host, "a1"));
        Assert.Equal(TeamMac, Cmd.Mac(topo.Host, "a2"));
        Failover(topo, d);
        Assert.Equal(TeamMac, Cmd.Mac(topo.Host, "a1"));
        Assert.Equal(TeamMac, Cmd.Mac(topo.Host, "a2"));
        Assert.Equal(TeamMac, Cmd.Mac(topo.Host, "team0"));
        Assert.Equal(0, d.Stop());
        Assert.Equal(a1, Cmd.Mac(topo.Host, "a1"));
        Assert.Equal(a2, Cmd.Mac(topo.Host, "a2"));
    }

    [NetnsFact]
    public void ByActive_TheTeamTakesTheActivePortsMac_AndFollowsIt()
    {
        using var topo = new Topology();
        string a1 = Cmd.Mac(topo.Host, "a1"), a2 = Cmd.Mac(topo.Host, "a2");
        using var d = TeamfwProcess.Start(topo.Host, Config("by_active"));
        topo.TeamUp();
        Assert.True(d.WaitForLog("active port none -> a1", TimeSpan.FromSeconds(3)), d.Log);
        Assert.Equal(a1, Cmd.Mac(topo.Host, "team0"));
        Assert.Equal(a1, Cmd.Mac(topo.Host, "a1"));
        Assert.Equal(a2, Cmd.Mac(topo.Host, "a2"));
        Assert.True(topo.WaitForPing(), topo.LastPing + d.Log);

        Failover(topo, d);
        Assert.True(d.WaitForLog("team MAC now " + a2, TimeSpan.FromSeconds(3)), d.Log);
        Assert.Equal(a2, Cmd.Mac(topo.Host, "team0"));
        Assert.Equal(a1, Cmd.Mac(topo.Host, "a1"));
        Assert.True(topo.WaitForPing(), "the peer learns the new MAC from the gratuitous ARP\n" + topo.LastPing + d.Log);
        Assert.Equal(0, d.Stop());
        Assert.Equal(a1, Cmd.Mac(topo.Host, "a1"));
        Assert.Equal(a2, Cmd.Mac(topo.Host, "a2"));
    }

    [NetnsFact]
    public void OnlyActive_OnlyTheActivePortHasTheTeamMac()
    {
        using var topo = new Topology();
        string a1 = Cmd.Mac(topo.Host, "a1"), a2 = Cmd.Mac(topo.Host, "a2");
        using var d = TeamfwProcess.Start(topo.Host, Config("only_active"));
        topo.TeamUp();
        Assert.True(d.WaitForLog("active port none -> a1", TimeSpan.FromSeconds(3)), d.Log);
        Assert.Equal(TeamMac, Cmd.Mac(topo.Host, "a1"));
        Assert.Equal(a2, Cmd.Mac(topo.Host, "a2"));
        Assert.True(topo.WaitForPing(), topo.LastPing + d.Log);

        Failover(topo, d);
        Assert.Equal(a1, Cmd.Mac(topo.Host, "a1"));
        Assert.Equal(TeamMac, Cmd.Mac(topo.Host, "a2"));
        Assert.Equal(TeamMac, Cmd.Mac(topo.Host, "team0"));
        Assert.True(topo.WaitForPing(), topo.LastPing + d.Log);
        Assert.Equal(0, d.Stop());
        Assert.Equal(a1, Cmd.Mac(topo.Host, "a1"));
        Assert.Equal(a2, Cmd.Mac(topo.Host, "a2"));
    }
}

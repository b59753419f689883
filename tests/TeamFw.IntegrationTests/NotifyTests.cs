// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using TeamFw.IntegrationTests.Infrastructure;
using Xunit;

namespace TeamFw.IntegrationTests;

/// <summary>Peer notification and multicast rejoin, seen by tcpdump in the peer namespace.</summary>
public sealed class NotifyTests
{
    [NetnsFact]
    public void Failover_PeerSeesGratuitousArp_UnsolicitedNa_AndReports_FromTheTeamMacOnTheNewPort()
    {
        using var topo = new Topology();
        using var d = TeamfwProcess.Start(topo.Host,
            "{\"device\":\"team0\",\"runner\":{\"name\":\"activebackup\"},\"notify_peers\":{\"count\":2,\"interval\":50}," +
            "\"mcast_rejoin\":{\"count\":1},\"ports\":{\"a1\":{\"prio\":10},\"a2\":{}}}");
        topo.TeamUp();
        Cmd.Run("ip", "-n", topo.Host, "addr", "add", "2001:db8:77::1/64", "dev", "team0", "nodad");
        Cmd.Run("ip", "-n", topo.Host, "addr", "add", "239.7.7.7/32", "dev", "team0", "autojoin");
        Assert.True(topo.WaitForPing(), d.Log);
        string mac = Cmd.Mac(topo.Host, "team0");

        // MLD has a Hop-by-Hop header: the "icmp6" primitive would not match it.
        using var cap = new Capture(topo.Peer, "b2", "arp or igmp or ip6");
        Cmd.Run("ip", "-n", topo.Peer, "link", "set", "b1", "down"); // a1 loses carrier: a2 becomes active
        Assert.True(d.WaitForLog("active port a1 -> a2", TimeSpan.FromSeconds(3)), d.Log);

        Assert.True(cap.WaitFor(TimeSpan.FromSeconds(3), mac, "Request who-has 10.231.0.1 tell 10.231.0.1"), "gratuitous ARP on b2:\n" + cap.Text);
        Assert.True(cap.WaitFor(TimeSpan.FromSeconds(3), mac, "neighbor advertisement", "tgt is 2001:db8:77::1"), "unsolicited NA on b2:\n" + cap.Text);
        // tcpdump -vv prints IPv4 on a second line: the Ethernet line, then the report.
        Assert.True(cap.WaitFor(TimeSpan.FromSeconds(3), mac + " > 01:00:5e:00:00:16"), "IGMPv3 report on b2:\n" + cap.Text);
        Assert.True(cap.WaitFor(TimeSpan.FromSeconds(3), "10.231.0.1 > 224.0.0.22: igmp v3 report", "239.7.7.7", "is_ex"), "IGMPv3 report on b2:\n" + cap.Text);
        Assert.True(cap.WaitFor(TimeSpan.FromSeconds(3), mac, "multicast listener report v2"), "MLDv2 report on b2:\n" + cap.Text);
        // 10.231.0.1 and 2001:db8:77::1, plus the link-local address once the kernel has given team0 one.
        Assert.True(d.WaitForLog("peers notified on a2:", TimeSpan.FromSeconds(2)), d.Log); // the log line follows the frames
        Assert.Matches("peers notified on a2: [2-9] gratuitous ARP / unsolicited NA", d.Log);
        Assert.Equal(0, d.Stop());
    }
}

// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;
using TeamFw.Config;
using TeamFw.Daemon;
using Xunit;

namespace TeamFw.Tests.Daemon;

public sealed class ConfigDiffTests
{
    /// <summary>teamd/example_configs/activebackup_ethtool_1.conf, with every list freshly allocated.</summary>
    private static TeamConfig Example() => new()
    {
        Source = "/etc/teamd/team0.conf",
        Json = "{}",
        Device = "team0",
        HwAddr = [0x02, 0x00, 0x00, 0x00, 0x00, 0x01],
        Runner = new RunnerConfig { Name = "activebackup", TxHash = new List<string> { "eth", "ipv4", "ipv6" } },
        LinkWatch = [new LinkWatchConfig { Name = "ethtool", DelayUp = 2500, DelayDown = 1000 }],
        Ports =
        [
            new PortConfig { Name = "eth1", Prio = -10, Sticky = true },
            new PortConfig { Name = "eth2", Prio = 100 },
        ],
    };

    private static TeamConfig Change(string what)
    {
        TeamConfig c = Example();
        return what switch
        {
            "device" => c with { Device = "team1" },
            "hwaddr" => c with { HwAddr = [0x02, 0x00, 0x00, 0x00, 0x00, 0x02] },
            "hwaddr null" => c with { HwAddr = null },
            "debug_level" => c with { DebugLevel = 1 },
            "runner.name" => c with { Runner = c.Runner with { Name = "roundrobin" } },
            "runner.hwaddr_policy" => c with { Runner = c.Runner with { HwAddrPolicy = "by_active" } },
            "runner.active" => c with { Runner = c.Runner with { Active = false } },
            "runner.fast_rate" => c with { Runner = c.Runner with { FastRate = true } },
            "runner.sys_prio" => c with { Runner = c.Runner with { SysPrio = 1 } },
            "runner.min_ports" => c with { Runner = c.Runner with { MinPorts = 2 } },
            "runner.agg_select_policy" => c with { Runner = c.Runner with { AggSelectPolicy = "bandwidth" } },
            "runner.tx_hash order" => c with { Runner = c.Runner with { TxHash = ["ipv4", "eth", "ipv6"] } },
            "runner.tx_hash extra" => c with { Runner = c.Runner with { TxHash = ["eth", "ipv4", "ipv6", "l4"] } },
            "runner.tx_balancer.name" => c with { Runner = c.Runner with { TxBalancerName = "basic" } },
            "runner.tx_balancer.interval" => c with { Runner = c.Runner with { TxBalancerInterval = 10 } },
            "link_watch.delay_up" => c with { LinkWatch = [new LinkWatchConfig { Name = "ethtool", DelayUp = 2000, DelayDown = 1000 }] },
            "link_watch.name" => c with { LinkWatch = [new LinkWatchConfig { Name = "arp_ping", DelayUp = 2500, DelayDown = 1000 }] },
            "link_watch second" => c with { LinkWatch = [c.LinkWatch[0], new LinkWatchConfig { Name = "arp_ping" }] },
            "link_watch none" => c with { LinkWatch = [] },
            "link_watch.target_host" => c with { LinkWatch = [c.LinkWatch[0] with { TargetHost = "192.168.23.1" }] },
            "link_watch_policy" => c with { LinkWatchPolicy = "all" },
            "notify_peers.count" => c with { NotifyPeers = new NotifyConfig { Count = 1 } },
            "notify_peers.interval" => c with { NotifyPeers = new NotifyConfig { Interval = 100 } },
            "mcast_rejoin.count" => c with { McastRejoin = new NotifyConfig { Count = 0 } },
            "teamfw.workers" => c with { TeamFw = new TeamFwSettings { Workers = 2 } },
            "teamfw.mtu" => c with { TeamFw = new TeamFwSettings { Mtu = 9000 } },
            "teamfw.offload" => c with { TeamFw = new TeamFwSettings { Offload = false } },
            "teamfw.rx_block_size" => c with { TeamFw = new TeamFwSettings { RxBlockSize = 256 * 1024 } },
            "teamfw.rx_block_count" => c with { TeamFw = new TeamFwSettings { RxBlockCount = 16 } },
            "teamfw.tx_method" => c with { TeamFw = new TeamFwSettings { TxMethod = c.TeamFw.TxMethod == "ring" ? "sendmmsg" : "ring" } },
            "teamfw.tx_block_size" => c with { TeamFw = c.TeamFw with { TxBlockSize = 8192 } },
            "teamfw.tx_block_count" => c with { TeamFw = c.TeamFw with { TxBlockCount = 16 } },
            _ => throw new ArgumentException(what),
        };
    }

    [Fact]
    public void SameTeamSettings_EqualButSeparatelyBuilt_True()
    {
        Assert.True(ConfigDiff.SameTeamSettings(Example(), Example()));
    }

    [Fact]
    public void SameTeamSettings_OnlyPortsDiffer_True()
    {
        TeamConfig a = Example();
        TeamConfig b = Example() with
        {
            Ports =
            [
                new PortConfig { Name = "eth2", Prio = 50 },
                new PortConfig { Name = "eth3", LinkWatch = [new LinkWatchConfig { Name = "arp_ping" }] },
            ],
        };

        Assert.True(ConfigDiff.SameTeamSettings(a, b));
    }

    [Fact]
    public void SameTeamSettings_OnlySourceAndJsonDiffer_True()
    {
        TeamConfig b = Example() with { Source = "-c", Json = "{\"device\":\"team0\"}" };

        Assert.True(ConfigDiff.SameTeamSettings(Example(), b));
    }

    [Theory]
    [InlineData("device")]
    [InlineData("hwaddr")]
    [InlineData("hwaddr null")]
    [InlineData("debug_level")]
    [InlineData("runner.name")]
    [InlineData("runner.hwaddr_policy")]
    [InlineData("runner.active")]
    [InlineData("runner.fast_rate")]
    [InlineData("runner.sys_prio")]
    [InlineData("runner.min_ports")]
    [InlineData("runner.agg_select_policy")]
    [InlineData("runner.tx_hash order")]
    [InlineData("runner.tx_hash extra")]
    [InlineData("runner.tx_balancer.name")]
    [InlineData("runner.tx_balancer.interval")]
    [InlineData("link_watch.delay_up")]
    [InlineData("link_watch.name")]
    [InlineData("link_watch second")]
    [InlineData("link_watch none")]
    [InlineData("link_watch.target_host")]
    [InlineData("link_watch_policy")]
    [InlineData("notify_peers.count")]
    [InlineData("notify_peers.interval")]
    [InlineData("mcast_rejoin.count")]
    [InlineData("teamfw.workers")]
    [InlineData("teamfw.mtu")]
    [InlineData("teamfw.offload")]
    [InlineData("teamfw.rx_block_size")]
    [InlineData("teamfw.rx_block_count")]
    [InlineData("teamfw.tx_method")]
    [InlineData("teamfw.tx_block_size")]
    [InlineData("teamfw.tx_block_count")]
    public void SameTeamSettings_AnyTeamSettingDiffers_False(string what)
    {
        Assert.False(ConfigDiff.SameTeamSettings(Example(), Change(what)));
        Assert.False(ConfigDiff.SameTeamSettings(Change(what), Example()));
    }

    [Fact]
    public void SameTeamSettings_TxHashSameContentOtherCollection_True()
    {
        TeamConfig a = Example() with { Runner = Example().Runner with { TxHash = new List<string> { "eth", "l4" } } };
        TeamConfig b = Example() with { Runner = Example().Runner with { TxHash = new[] { "eth", "l4" } } };

        Assert.True(ConfigDiff.SameTeamSettings(a, b));
    }

    [Fact]
    public void SameTeamSettings_HwAddrBothNull_True()
    {
        Assert.True(ConfigDiff.SameTeamSettings(Example() with { HwAddr = null }, Example() with { HwAddr = null }));
    }

    [Fact]
    public void SamePort_SameContentSeparatelyBuilt_True()
    {
        var a = new PortConfig { Name = "eth1", Prio = -10, Sticky = true, LinkWatch = [new LinkWatchConfig { Name = "arp_ping", Interval = 100 }] };
        var b = new PortConfig { Name = "eth1", Prio = -10, Sticky = true, LinkWatch = new List<LinkWatchConfig> { new() { Name = "arp_ping", Interval = 100 } } };

        Assert.True(ConfigDiff.SamePort(a, b));
        Assert.True(ConfigDiff.SamePort(a with { LinkWatch = null }, b with { LinkWatch = null }));
    }

    [Theory]
    [InlineData("name")]
    [InlineData("prio")]
    [InlineData("sticky")]
    [InlineData("queue_id")]
    [InlineData("lacp_prio")]
    [InlineData("lacp_key")]
    [InlineData("link_watch null")]
    [InlineData("link_watch empty")]
    [InlineData("link_watch interval")]
    public void SamePort_AnyFieldDiffers_False(string what)
    {
        var a = new PortConfig { Name = "eth1", Prio = -10, Sticky = true, LinkWatch = [new LinkWatchConfig { Name = "arp_ping", Interval = 100 }] };
        PortConfig b = what switch
        {
            "name" => a with { Name = "eth2" },
            "prio" => a with { Prio = 100 },
            "sticky" => a with { Sticky = false },
            "queue_id" => a with { QueueId = 1 },
            "lacp_prio" => a with { LacpPrio = 1 },
            "lacp_key" => a with { LacpKey = 1 },
            "link_watch null" => a with { LinkWatch = null },
            "link_watch empty" => a with { LinkWatch = [] },
            "link_watch interval" => a with { LinkWatch = [new LinkWatchConfig { Name = "arp_ping", Interval = 200 }] },
            _ => throw new ArgumentException(what),
        };

        Assert.False(ConfigDiff.SamePort(a, b));
        Assert.False(ConfigDiff.SamePort(b, a));
    }
}

// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System.Linq;
using TeamFw.Config;
using Xunit;
using static TeamFw.Tests.Config.ConfigTestData;

namespace TeamFw.Tests.Config;

public class ConfigLoaderExampleTests
{
    [Theory]
    [MemberData(nameof(TeamdExamples), MemberType = typeof(ConfigTestData))]
    public void Load_TeamdExample_LoadsWithoutWarnings(string json)
    {
        LoadResult r = ConfigLoader.Load(Source, json);

        Assert.Empty(r.Warnings);
        Assert.Equal(Source, r.Config.Source);
        Assert.Equal(json, r.Config.Json);
        Assert.Equal("team0", r.Config.Device);
        Assert.Equal(new[] { "eth1", "eth2" }, r.Config.Ports.Select(p => p.Name));
    }

    [Fact]
    public void Load_ActiveBackupArpPing_ReadsWatcherAndPorts()
    {
        TeamConfig c = ConfigLoader.Load(Source, ActiveBackupArpPing).Config;

        Assert.Equal("activebackup", c.Runner.Name);
        Assert.Equal("same_all", c.Runner.HwAddrPolicy);
        LinkWatchConfig lw = Assert.Single(c.LinkWatch);
        Assert.Equal(new LinkWatchConfig
        {
            Name = "arp_ping",
            Interval = 100,
            MissedMax = 30,
            SourceHost = "192.168.23.2",
            TargetHost = "192.168.23.1",
        }, lw);
        Assert.Equal(new PortConfig { Name = "eth1", Prio = -10, Sticky = true }, c.Ports[0]);
        Assert.Equal(new PortConfig { Name = "eth2", Prio = 100 }, c.Ports[1]);
        Assert.Null(c.Ports[0].LinkWatch);
    }

    [Fact]
    public void Load_ActiveBackupEthtool_ReadsDelays()
    {
        TeamConfig c = ConfigLoader.Load(Source, ActiveBackupEthtool).Config;

        LinkWatchConfig lw = Assert.Single(c.LinkWatch);
        Assert.Equal("ethtool", lw.Name);
        Assert.Equal(2500, lw.DelayUp);
        Assert.Equal(1000, lw.DelayDown);
    }

    [Fact]
    public void Load_Lacp_ReadsRunnerWithDefaults()
    {
        TeamConfig c = ConfigLoader.Load(Source, Lacp).Config;

        // Everything the file does not say keeps teamd's default.
        Assert.Equal(new RunnerConfig { Name = "lacp", Active = true, FastRate = true, TxHash = c.Runner.TxHash }, c.Runner);
        Assert.Equal(new[] { "eth", "ipv4", "ipv6" }, c.Runner.TxHash);
        Assert.Equal(new LinkWatchConfig(), Assert.Single(c.LinkWatch));
        Assert.All(c.Ports, p => Assert.Equal((255, 0, 0, 0), (p.LacpPrio, p.LacpKey, p.Prio, p.QueueId)));
    }

    [Fact]
    public void Load_ArrayOfArpPings_ReadsBothInOrder()
    {
        TeamConfig c = ConfigLoader.Load(Source, ActiveBackupMultiArpPing).Config;

        Assert.Equal(2, c.LinkWatch.Count);
        Assert.Equal((100, 30, "192.168.23.2", "192.168.23.1"),
            (c.LinkWatch[0].Interval, c.LinkWatch[0].MissedMax, c.LinkWatch[0].SourceHost, c.LinkWatch[0].TargetHost));
        Assert.Equal((50, 20, "192.168.24.2", "192.168.24.1"),
            (c.LinkWatch[1].Interval, c.LinkWatch[1].MissedMax, c.LinkWatch[1].SourceHost, c.LinkWatch[1].TargetHost));
    }

    [Fact]
    public void Load_NsnaPing_ReadsIPv6Target()
    {
        LinkWatchConfig lw = Assert.Single(ConfigLoader.Load(Source, ActiveBackupNsnaPing).Config.LinkWatch);

        Assert.Equal(new LinkWatchConfig
        {
            Name = "nsna_ping",
            Interval = 200,
            MissedMax = 15,
            TargetHost = "fe80::210:18ff:feaa:bbcc",
        }, lw);
    }
}

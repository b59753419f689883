// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using TeamFw.Config;
using Xunit;
using static TeamFw.Tests.Config.ConfigTestData;

namespace TeamFw.Tests.Config;

public class ConfigLoaderDefaultsTests
{
    [Fact]
    public void Load_DeviceOnly_GivesTeamdDefaults()
    {
        LoadResult r = Load("{'device':'team0'}");
        TeamConfig c = r.Config;

        Assert.Empty(r.Warnings);
        Assert.Equal("team0", c.Device);
        Assert.Null(c.HwAddr);
        Assert.Equal(0, c.DebugLevel);
        Assert.Equal("roundrobin", c.Runner.Name);
        Assert.Equal("same_all", c.Runner.HwAddrPolicy);
        Assert.True(c.Runner.Active);
        Assert.False(c.Runner.FastRate);
        Assert.Equal(65535, c.Runner.SysPrio);
        Assert.Equal(1, c.Runner.MinPorts);
        Assert.Equal("lacp_prio", c.Runner.AggSelectPolicy);
        Assert.Equal(new[] { "eth", "ipv4", "ipv6" }, c.Runner.TxHash);
        Assert.Null(c.Runner.TxBalancerName);
        Assert.Equal(50, c.Runner.TxBalancerInterval);
        Assert.Equal(new LinkWatchConfig(), Assert.Single(c.LinkWatch));
        Assert.Equal("any", c.LinkWatchPolicy);
        Assert.Equal(new NotifyConfig(), c.NotifyPeers);
        Assert.Null(c.NotifyPeers.Count);
        Assert.Equal(new NotifyConfig(), c.McastRejoin);
        Assert.Empty(c.Ports);
        Assert.Equal(new TeamFwSettings(), c.TeamFw);
    }

    [Fact]
    public void Load_EmptyRunnerAndWatcherObjects_GiveDefaults()
    {
        TeamConfig c = LoadConfig("{'device':'team0','runner':{},'link_watch':{'name':'arp_ping','target_host':'10.0.0.1'}," +
            "'notify_peers':{},'mcast_rejoin':{},'ports':{'eth1':{}},'teamfw':{'rx_ring':{}}}");

        Assert.Equal("roundrobin", c.Runner.Name);
        Assert.Equal(new LinkWatchConfig { Name = "arp_ping", TargetHost = "10.0.0.1" }, Assert.Single(c.LinkWatch));
        Assert.Equal((1000, 0, 3), (c.LinkWatch[0].Interval, c.LinkWatch[0].InitWait, c.LinkWatch[0].MissedMax));
        Assert.Null(c.LinkWatch[0].VlanId);
        Assert.Equal(new PortConfig { Name = "eth1" }, Assert.Single(c.Ports));
        Assert.Equal(255, c.Ports[0].LacpPrio);
        Assert.Equal(new TeamFwSettings(), c.TeamFw);
    }

    [Fact]
    public void Load_EveryKeySet_ReadsEveryValue()
    {
        TeamConfig c = LoadConfig("""
            {'device':'team7','hwaddr':'02:AB:cd:00:00:01','debug_level':2,
             'runner':{'name':'lacp','active':false,'fast_rate':true,'sys_prio':100,'min_ports':2,
                       'agg_select_policy':'bandwidth','tx_hash':['l3','l4','vlan'],
                       'tx_balancer':{'name':'basic','balancing_interval':30}},
             'link_watch_policy':'all',
             'notify_peers':{'count':3,'interval':100},'mcast_rejoin':{'count':0,'interval':5},
             'ports':{'eth1':{'prio':5,'sticky':true,'queue_id':2,'lacp_prio':10,'lacp_key':7}},
             'teamfw':{'rx_ring':{'block_size':65536,'block_count':16},'workers':2,'offload':false,'mtu':9000}}
            """);

        Assert.Equal("team7", c.Device);
        Assert.Equal(new byte[] { 0x02, 0xab, 0xcd, 0, 0, 1 }, c.HwAddr);
        Assert.Equal(2, c.DebugLevel);
        Assert.Equal(new RunnerConfig
        {
            Name = "lacp",
            Active = false,
            FastRate = true,
            SysPrio = 100,
            MinPorts = 2,
            AggSelectPolicy = "bandwidth",
            TxHash = c.Runner.TxHash,
            TxBalancerName = "basic",
            TxBalancerInterval = 30,
        }, c.Runner);
        Assert.Equal(new[] { "l3", "l4", "vlan" }, c.Runner.TxHash);
        Assert.Equal("all", c.LinkWatchPolicy);
        Assert.Equal(new NotifyConfig { Count = 3, Interval = 100 }, c.NotifyPeers);
        Assert.Equal(new NotifyConfig { Count = 0, Interval = 5 }, c.McastRejoin);
        Assert.Equal(new PortConfig { Name = "eth1", Prio = 5, Sticky = true, QueueId = 2, LacpPrio = 10, LacpKey = 7 }, Assert.Single(c.Ports));
        Assert.Equal(new TeamFwSettings { RxBlockSize = 65536, RxBlockCount = 16, Workers = 2, Offload = false, Mtu = 9000 }, c.TeamFw);
    }

    [Fact]
    public void Load_SameTextTwice_GivesEqualRecords()
    {
        TeamConfig a = ConfigLoader.Load(Source, ActiveBackupMultiArpPing).Config;
        TeamConfig b = ConfigLoader.Load("other.conf", ActiveBackupMultiArpPing).Config;

        // Lists compare by content, so the daemon can diff-apply a reload with Equals.
        Assert.Equal(a.Runner, b.Runner);
        Assert.Equal(a.LinkWatch, b.LinkWatch);
        Assert.True(a.LinkWatch.Equals(b.LinkWatch));
        Assert.Equal(a.Ports, b.Ports);
        Assert.True(a.Ports[0] == b.Ports[0]);
        Assert.Equal(a.Ports.GetHashCode(), b.Ports.GetHashCode());
    }

    [Fact]
    public void Load_PortsInFileOrder_KeepsOrder()
    {
        TeamConfig c = LoadConfig("{'device':'team0','ports':{'eth9':{},'eth1':{},'eth5':{}}}");

        Assert.Equal(new[] { "eth9", "eth1", "eth5" }, System.Linq.Enumerable.Select(c.Ports, p => p.Name));
    }

    [Theory]
    [InlineData("roundrobin")]
    [InlineData("broadcast")]
    [InlineData("random")]
    [InlineData("activebackup")]
    [InlineData("loadbalance")]
    [InlineData("lacp")]
    public void Load_EachRunnerName_IsAccepted(string name)
    {
        Assert.Equal(name, LoadConfig($"{{'device':'team0','runner':{{'name':'{name}'}}}}").Runner.Name);
    }

    [Theory]
    [InlineData("a")]
    [InlineData("team0")]
    [InlineData("abcdefghijklmno")]
    [InlineData("br-lan.100")]
    [InlineData("wan@x")]
    public void Load_ValidDeviceName_IsAccepted(string name)
    {
        Assert.Equal(name, LoadConfig($"{{'device':'{name}'}}").Device);
    }

    [Theory]
    [InlineData("10.0.0.1")]
    [InlineData("gw.example.net")]
    [InlineData("router-1")]
    public void Load_ArpPingTargetHostOrAddress_IsAccepted(string host)
    {
        Assert.Equal(host, LoadConfig($"{{'device':'team0','link_watch':{{'name':'arp_ping','target_host':'{host}'}}}}").LinkWatch[0].TargetHost);
    }

    [Theory]
    [InlineData("2001:db8::1")]
    [InlineData("fe80::1%eth0")]
    [InlineData("gw6.example.net")]
    public void Load_NsnaPingTargetHostOrAddress_IsAccepted(string host)
    {
        Assert.Equal(host, LoadConfig($"{{'device':'team0','link_watch':{{'name':'nsna_ping','target_host':'{host}'}}}}").LinkWatch[0].TargetHost);
    }

    [Fact]
    public void Load_Utf8BomAndSurroundingWhitespace_AreAccepted()
    {
        Assert.Equal("team0", ConfigLoader.Load(Source, "\uFEFF\n  {\"device\":\"team0\"}\n\n").Config.Device);
    }

    [Theory]
    [InlineData("'balancing_interval':30,'tx_balancer':{'name':'basic'}", 30, 0)] // also read (teamd does not)
    [InlineData("'tx_balancer':{'name':'basic','balancing_interval':20},'balancing_interval':30", 20, 0)] // the man page's place wins
    [InlineData("'balancing_interval':-4,'tx_balancer':{'name':'basic'}", 50, 1)] // negative: the default
    [InlineData("'tx_balancer':{'name':'basic','balancing_interval':-1}", 50, 1)] // negative: teamd's default, as the kernel oracle's teamd took it
    [InlineData("'tx_balancer':{'name':'basic','balancing_interval':0}", 0, 0)] // never rebalance, as teamd with 0
    public void BalancingInterval_ReadWhereTeamdReadsIt_AndAtRunnerLevel(string keys, int expected, int warnings)
    {
        LoadResult r = Load("{'device':'team0','runner':{'name':'loadbalance'," + keys + "}}");

        Assert.Equal(expected, r.Config.Runner.TxBalancerInterval);
        Assert.Equal(warnings, r.Warnings.Count);
    }
}

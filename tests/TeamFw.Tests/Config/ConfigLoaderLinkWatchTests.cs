// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using TeamFw.Config;
using Xunit;
using static TeamFw.Tests.Config.ConfigTestData;

namespace TeamFw.Tests.Config;

public class ConfigLoaderLinkWatchTests
{
    [Fact]
    public void Load_ObjectOrOneElementArray_GiveTheSameWatchers()
    {
        TeamConfig asObject = LoadConfig("{'device':'team0','link_watch':{'name':'ethtool','delay_up':10}}");
        TeamConfig asArray = LoadConfig("{'device':'team0','link_watch':[{'name':'ethtool','delay_up':10}]}");

        Assert.Equal(asObject.LinkWatch, asArray.LinkWatch);
        Assert.Equal(10, Assert.Single(asArray.LinkWatch).DelayUp);
    }

    [Fact]
    public void Load_MixedWatcherArray_KeepsOrderAndKinds()
    {
        TeamConfig c = LoadConfig("""
            {'device':'team0','link_watch_policy':'all','link_watch':[
              {'name':'ethtool','delay_down':200},
              {'name':'arp_ping','target_host':'192.0.2.1','source_host':'192.0.2.2','init_wait':5,
               'validate_active':true,'validate_inactive':true,'send_always':true,'vlanid':0},
              {'name':'nsna_ping','target_host':'2001:db8::1','interval':300,'missed_max':4}]}
            """);

        Assert.Equal("all", c.LinkWatchPolicy);
        Assert.Equal(new LinkWatchConfig { DelayDown = 200 }, c.LinkWatch[0]);
        Assert.Equal(new LinkWatchConfig
        {
            Name = "arp_ping",
            TargetHost = "192.0.2.1",
            SourceHost = "192.0.2.2",
            InitWait = 5,
            ValidateActive = true,
            ValidateInactive = true,
            SendAlways = true,
            VlanId = 0,
        }, c.LinkWatch[1]);
        Assert.Equal(new LinkWatchConfig { Name = "nsna_ping", TargetHost = "2001:db8::1", Interval = 300, MissedMax = 4 }, c.LinkWatch[2]);
    }

    [Fact]
    public void Load_PerPortWatchers_OverrideOnlyThatPort()
    {
        TeamConfig c = LoadConfig("""
            {'device':'team0','link_watch':{'name':'ethtool'},
             'ports':{'eth1':{'link_watch':{'name':'arp_ping','target_host':'10.0.0.1','interval':100}},
                      'eth2':{},
                      'eth3':{'link_watch':[{'name':'ethtool','delay_up':5},{'name':'nsna_ping','target_host':'fe80::1'}]}}}
            """);

        Assert.Equal("ethtool", Assert.Single(c.LinkWatch).Name);
        LinkWatchConfig eth1 = Assert.Single(c.Ports[0].LinkWatch!);
        Assert.Equal(("arp_ping", "10.0.0.1", 100), (eth1.Name, eth1.TargetHost, eth1.Interval));
        Assert.Null(c.Ports[1].LinkWatch);
        Assert.Equal(new[] { "ethtool", "nsna_ping" }, System.Linq.Enumerable.Select(c.Ports[2].LinkWatch!, w => w.Name));
        Assert.Equal(5, c.Ports[2].LinkWatch![0].DelayUp);
    }
}

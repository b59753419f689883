// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using TeamFw.Config;
using Xunit;
using static TeamFw.Tests.Config.ConfigTestData;

namespace TeamFw.Tests.Config;

public class ConfigLoaderWarningTests
{
    [Theory]
    [InlineData("{'device':'team0','foo':1}", "$.foo: unknown key, ignored")]
    [InlineData("{'device':'team0','foo':{'a':[1,{}]}}", "$.foo: unknown key, ignored")]
    [InlineData("{'device':'team0','my key':1}", "$['my key']: unknown key, ignored")]
    [InlineData("{'device':'team0','it\\u0027s':1}", "$['it\\'s']: unknown key, ignored")]
    [InlineData("{'device':'team0','runner':{'foo':true}}", "$.runner.foo: unknown key, ignored")]
    [InlineData("{'device':'team0','runner':{'name':'lacp','addr':'tcp://*:5555'}}", "$.runner.addr: ZMQ control address: not supported by teamfw, ignored")]
    [InlineData("{'device':'team0','runner':{'name':'activebackup','fast_rate':'bad'}}", "$.runner.fast_rate: not used by the activebackup runner, ignored")]
    [InlineData("{'device':'team0','runner':{'name':'roundrobin','tx_hash':['l7']}}", "$.runner.tx_hash: not used by the roundrobin runner, ignored")]
    [InlineData("{'device':'team0','runner':{'name':'lacp','hwaddr_policy':'by_active'}}", "$.runner.hwaddr_policy: not used by the lacp runner, ignored")]
    [InlineData("{'device':'team0','runner':{'name':'loadbalance','min_ports':0}}", "$.runner.min_ports: not used by the loadbalance runner, ignored")]
    [InlineData("{'device':'team0','runner':{'name':'lacp','tx_balancer':{'name':'basic','foo':1}}}", "$.runner.tx_balancer.foo: unknown key, ignored")]
    [InlineData("{'device':'team0','link_watch':{'name':'ethtool','interval':5}}", "$.link_watch.interval: not used by the ethtool link watcher, ignored")]
    [InlineData("{'device':'team0','link_watch':{'name':'arp_ping','target_host':'h','delay_up':5}}", "$.link_watch.delay_up: not used by the arp_ping link watcher, ignored")]
    [InlineData("{'device':'team0','link_watch':{'name':'nsna_ping','target_host':'h','vlanid':5}}", "$.link_watch.vlanid: not used by the nsna_ping link watcher, ignored")]
    [InlineData("{'device':'team0','link_watch':[{'name':'ethtool'},{'name':'ethtool','bar':0}]}", "$.link_watch[1].bar: unknown key, ignored")]
    [InlineData("{'device':'team0','notify_peers':{'count':1,'burst':2}}", "$.notify_peers.burst: unknown key, ignored")]
    [InlineData("{'device':'team0','ports':{'eth1':{'speed':1000}}}", "$.ports.eth1.speed: unknown key, ignored")]
    [InlineData("{'device':'team0','ports':{'eth1':{'link_watch':{'name':'ethtool','x':1}}}}", "$.ports.eth1.link_watch.x: unknown key, ignored")]
    [InlineData("{'device':'team0','teamfw':{'tx_method':'sendmmsg','tx_ring':{'block_size':1}}}", "$.teamfw.tx_ring: teamfw transmits with sendmmsg batches; tx_ring is ignored")]
    [InlineData("{'device':'team0','teamfw':{'tx_ring':{'block_count':2,'frames':8}}}", "$.teamfw.tx_ring.frames: unknown key, ignored")]
    [InlineData("{'device':'team0','teamfw':{'tx_method':'sendmmsg','tx_ring':'x'}}", "$.teamfw.tx_ring: teamfw transmits with sendmmsg batches; tx_ring is ignored")]
    [InlineData("{'device':'team0','teamfw':{'tx_method':'ring','tx_ring':{'block_count':2,'frame_nr':8}}}", "$.teamfw.tx_ring.frame_nr: unknown key, ignored")]
    [InlineData("{'device':'team0','teamfw':{'rings':2}}", "$.teamfw.rings: unknown key, ignored")]
    [InlineData("{'device':'team0','teamfw':{'rx_ring':{'frame_size':2048}}}", "$.teamfw.rx_ring.frame_size: unknown key, ignored")]
    public void Load_IgnoredKey_WarnsWithPath(string json, string expected)
    {
        LoadResult r = Load(json);

        Assert.Equal($"team0.conf: {expected}", Assert.Single(r.Warnings));
    }

    [Fact]
    public void Load_IgnoredRunnerKeys_KeepDefaults()
    {
        LoadResult r = Load("{'device':'team0','runner':{'name':'activebackup','fast_rate':true,'sys_prio':-4,'tx_hash':['l4']}}");

        Assert.Equal(3, r.Warnings.Count);
        Assert.False(r.Config.Runner.FastRate);
        Assert.Equal(65535, r.Config.Runner.SysPrio);
        Assert.Equal(new[] { "eth", "ipv4", "ipv6" }, r.Config.Runner.TxHash);
    }

    [Fact]
    public void Load_SeveralUnknownKeys_WarnsInWalkOrder()
    {
        LoadResult r = Load("{'zzz':1,'device':'team0','runner':{'name':'lacp','b':1,'a':2},'aaa':{'x':1},'ports':{'eth1':{'q':1}}}");

        Assert.Equal(new[]
        {
            "team0.conf: $.runner.b: unknown key, ignored",
            "team0.conf: $.runner.a: unknown key, ignored",
            "team0.conf: $.ports.eth1.q: unknown key, ignored",
            "team0.conf: $.zzz: unknown key, ignored",
            "team0.conf: $.aaa: unknown key, ignored",
        }, r.Warnings);
    }
}

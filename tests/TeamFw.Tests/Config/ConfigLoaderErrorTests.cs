// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System.Linq;
using TeamFw.Config;
using Xunit;
using static TeamFw.Tests.Config.ConfigTestData;

namespace TeamFw.Tests.Config;

public class ConfigLoaderErrorTests
{
    private const string Runners = "broadcast, roundrobin, random, activebackup, loadbalance, lacp";
    private const string Fields = "eth, vlan, ipv4, ipv6, ip, l3, tcp, udp, sctp, l4";
    internal const string IfNameRule = "(1..15 characters, not \".\" or \"..\", no '/', ':' or whitespace)";

    [Theory]
    // document and device
    [InlineData("[]", "$: expected an object, got an array")]
    [InlineData("'team0'", "$: expected an object, got a string")]
    [InlineData("{}", "$.device: required key is missing")]
    [InlineData("{'device':0}", "$.device: expected a string, got a number")]
    [InlineData("{'device':null}", "$.device: expected a string, got null")]
    [InlineData("{'device':''}", "$.device: invalid interface name \"\" " + IfNameRule)]
    [InlineData("{'device':'abcdefghijklmnop'}", "$.device: invalid interface name \"abcdefghijklmnop\" " + IfNameRule)]
    [InlineData("{'device':'team/0'}", "$.device: invalid interface name \"team/0\" " + IfNameRule)]
    [InlineData("{'device':'team 0'}", "$.device: invalid interface name \"team 0\" " + IfNameRule)]
    [InlineData("{'device':'team:0'}", "$.device: invalid interface name \"team:0\" " + IfNameRule)]
    [InlineData("{'device':'..'}", "$.device: invalid interface name \"..\" " + IfNameRule)]
    [InlineData("{'device':'team0','hwaddr':'00:11:22:33:44'}", "$.hwaddr: invalid MAC address \"00:11:22:33:44\" (expected the form aa:bb:cc:dd:ee:ff)")]
    [InlineData("{'device':'team0','hwaddr':'00-11-22-33-44-55'}", "$.hwaddr: invalid MAC address \"00-11-22-33-44-55\" (expected the form aa:bb:cc:dd:ee:ff)")]
    [InlineData("{'device':'team0','hwaddr':'00:11:22:33:44:gg'}", "$.hwaddr: invalid MAC address \"00:11:22:33:44:gg\" (expected the form aa:bb:cc:dd:ee:ff)")]
    [InlineData("{'device':'team0','hwaddr':'01:00:5e:00:00:01'}", "$.hwaddr: \"01:00:5e:00:00:01\" is a multicast address (a team address must be unicast)")]
    [InlineData("{'device':'team0','hwaddr':'ff:ff:ff:ff:ff:ff'}", "$.hwaddr: \"ff:ff:ff:ff:ff:ff\" is a multicast address (a team address must be unicast)")]
    [InlineData("{'device':'team0','hwaddr':'00:00:00:00:00:00'}", "$.hwaddr: \"00:00:00:00:00:00\" is the all-zero address")]
    [InlineData("{'device':'team0','hwaddr':2}", "$.hwaddr: expected a string, got a number")]
    [InlineData("{'device':'team0','debug_level':-1}", "$.debug_level: -1 is out of range (allowed: >= 0)")]
    [InlineData("{'device':'team0','debug_level':true}", "$.debug_level: expected an integer, got a boolean")]
    [InlineData("{'device':'team0','debug_level':99999999999}", "$.debug_level: 99999999999 is out of range (allowed: >= 0)")]
    [InlineData("{'device':'team0','link_watch_policy':'some'}", "$.link_watch_policy: unknown link watch policy \"some\" (allowed: any, all)")]
    [InlineData("{'device':'team0','notify_peers':{'count':-1}}", "$.notify_peers.count: -1 is out of range (allowed: >= 0)")]
    [InlineData("{'device':'team0','notify_peers':5}", "$.notify_peers: expected an object, got a number")]
    [InlineData("{'device':'team0','mcast_rejoin':{'interval':'10'}}", "$.mcast_rejoin.interval: expected an integer, got a string")]
    // runner
    [InlineData("{'device':'team0','runner':'lacp'}", "$.runner: expected an object, got a string")]
    [InlineData("{'device':'team0','runner':{'name':'bond'}}", "$.runner.name: unknown runner \"bond\" (allowed: " + Runners + ")")]
    [InlineData("{'device':'team0','runner':{'name':'LACP'}}", "$.runner.name: unknown runner \"LACP\" (allowed: " + Runners + ")")]
    [InlineData("{'device':'team0','runner':{'name':null}}", "$.runner.name: expected a string, got null")]
    [InlineData("{'device':'team0','runner':{'name':'activebackup','hwaddr_policy':'first'}}",
        "$.runner.hwaddr_policy: unknown hwaddr policy \"first\" (allowed: same_all, by_active, only_active)")]
    [InlineData("{'device':'team0','runner':{'name':'lacp','fast_rate':'yes'}}", "$.runner.fast_rate: expected a boolean, got a string")]
    [InlineData("{'device':'team0','runner':{'name':'lacp','active':1}}", "$.runner.active: expected a boolean, got a number")]
    [InlineData("{'device':'team0','runner':{'name':'lacp','sys_prio':65536}}", "$.runner.sys_prio: 65536 is out of range (allowed: 0..65535)")]
    [InlineData("{'device':'team0','runner':{'name':'lacp','sys_prio':-1}}", "$.runner.sys_prio: -1 is out of range (allowed: 0..65535)")]
    [InlineData("{'device':'team0','runner':{'name':'lacp','sys_prio':1.0}}", "$.runner.sys_prio: expected an integer, got 1.0")]
    [InlineData("{'device':'team0','runner':{'name':'lacp','sys_prio':1e3}}", "$.runner.sys_prio: expected an integer, got 1e3")]
    [InlineData("{'device':'team0','runner':{'name':'lacp','min_ports':0}}", "$.runner.min_ports: 0 is out of range (allowed: 1..1024)")]
    [InlineData("{'device':'team0','runner':{'name':'lacp','min_ports':1025}}", "$.runner.min_ports: 1025 is out of range (allowed: 1..1024)")]
    [InlineData("{'device':'team0','runner':{'name':'lacp','agg_select_policy':'best'}}",
        "$.runner.agg_select_policy: unknown aggregator selection policy \"best\" (allowed: lacp_prio, lacp_prio_stable, bandwidth, count, port_config)")]
    [InlineData("{'device':'team0','runner':{'name':'lacp','tx_hash':['eth','ipv4','l7']}}", "$.runner.tx_hash[2]: unknown field \"l7\" (allowed: " + Fields + ")")]
    [InlineData("{'device':'team0','runner':{'name':'loadbalance','tx_hash':['eth',4]}}", "$.runner.tx_hash[1]: expected a string, got a number")]
    [InlineData("{'device':'team0','runner':{'name':'loadbalance','tx_hash':'eth'}}", "$.runner.tx_hash: expected an array, got a string")]
    [InlineData("{'device':'team0','runner':{'name':'loadbalance','tx_hash':[]}}", "$.runner.tx_hash: empty array (expected at least one field)")]
    [InlineData("{'device':'team0','runner':{'name':'loadbalance','tx_balancer':{'name':'smart'}}}",
        "$.runner.tx_balancer.name: unknown tx balancer \"smart\" (allowed: basic)")]
    [InlineData("{'device':'team0','runner':{'name':'lacp','balancing_interval':'5'}}",
        "$.runner.balancing_interval: expected an integer, got a string")]
    [InlineData("{'device':'team0','runner':{'name':'lacp','tx_balancer':[]}}", "$.runner.tx_balancer: expected an object, got an array")]
    // teamfw
    [InlineData("{'device':'team0','teamfw':[]}", "$.teamfw: expected an object, got an array")]
    [InlineData("{'device':'team0','teamfw':{'rx_ring':{'block_size':5000}}}", "$.teamfw.rx_ring.block_size: 5000 is not a power of two (allowed: 4096, 8192, ..., 4194304)")]
    [InlineData("{'device':'team0','teamfw':{'rx_ring':{'block_size':2048}}}", "$.teamfw.rx_ring.block_size: 2048 is out of range (allowed: 4096..4194304)")]
    [InlineData("{'device':'team0','teamfw':{'rx_ring':{'block_size':8388608}}}", "$.teamfw.rx_ring.block_size: 8388608 is out of range (allowed: 4096..4194304)")]
    [InlineData("{'device':'team0','teamfw':{'rx_ring':{'block_count':1}}}", "$.teamfw.rx_ring.block_count: 1 is out of range (allowed: 2..1024)")]
    [InlineData("{'device':'team0','teamfw':{'rx_ring':{'block_count':1025}}}", "$.teamfw.rx_ring.block_count: 1025 is out of range (allowed: 2..1024)")]
    [InlineData("{'device':'team0','teamfw':{'workers':0}}", "$.teamfw.workers: 0 is out of range (allowed: 1..16)")]
    [InlineData("{'device':'team0','teamfw':{'workers':17}}", "$.teamfw.workers: 17 is out of range (allowed: 1..16)")]
    [InlineData("{'device':'team0','teamfw':{'carrier_poll_ms':-1}}", "$.teamfw.carrier_poll_ms: -1 is out of range (allowed: 0..1000)")]
    [InlineData("{'device':'team0','teamfw':{'offload':'on'}}", "$.teamfw.offload: expected a boolean, got a string")]
    [InlineData("{'device':'team0','teamfw':{'mtu':67}}", "$.teamfw.mtu: 67 is out of range (allowed: 68..65535)")]
    [InlineData("{'device':'team0','teamfw':{'mtu':65536}}", "$.teamfw.mtu: 65536 is out of range (allowed: 68..65535)")]
    [InlineData("{'device':'team0','teamfw':{'tx_method':'mmap'}}", "$.teamfw.tx_method: unknown tx method \"mmap\" (allowed: sendmmsg, ring)")]
    [InlineData("{'device':'team0','teamfw':{'tx_method':'Ring'}}", "$.teamfw.tx_method: unknown tx method \"Ring\" (allowed: sendmmsg, ring)")]
    [InlineData("{'device':'team0','teamfw':{'tx_method':1}}", "$.teamfw.tx_method: expected a string, got a number")]
    [InlineData("{'device':'team0','teamfw':{'device':'tun'}}", "$.teamfw.device: unknown team device \"tun\" (allowed: veth, tap)")]
    [InlineData("{'device':'team0','teamfw':{'device':'VETH'}}", "$.teamfw.device: unknown team device \"VETH\" (allowed: veth, tap)")]
    [InlineData("{'device':'team0','teamfw':{'device':true}}", "$.teamfw.device: expected a string, got a boolean")]
    [InlineData("{'device':'team0','teamfw':{'tx_method':'ring','tx_ring':4096}}", "$.teamfw.tx_ring: expected an object, got a number")]
    [InlineData("{'device':'team0','teamfw':{'tx_method':'ring','tx_ring':{'block_size':12288}}}", "$.teamfw.tx_ring.block_size: 12288 is not a power of two (allowed: 4096, 8192, ..., 4194304)")]
    [InlineData("{'device':'team0','teamfw':{'tx_method':'ring','tx_ring':{'block_size':2048}}}", "$.teamfw.tx_ring.block_size: 2048 is out of range (allowed: 4096..4194304)")]
    [InlineData("{'device':'team0','teamfw':{'tx_method':'ring','tx_ring':{'block_size':8388608}}}", "$.teamfw.tx_ring.block_size: 8388608 is out of range (allowed: 4096..4194304)")]
    [InlineData("{'device':'team0','teamfw':{'tx_method':'ring','tx_ring':{'block_count':0}}}", "$.teamfw.tx_ring.block_count: 0 is out of range (allowed: 1..1024)")]
    [InlineData("{'device':'team0','teamfw':{'tx_method':'ring','tx_ring':{'block_count':1025}}}", "$.teamfw.tx_ring.block_count: 1025 is out of range (allowed: 1..1024)")]
    [InlineData("{'device':'team0','teamfw':{'tx_method':'ring','tx_ring':{'block_size':4194304,'block_count':65}}}",
        "$.teamfw.tx_ring: block_size x block_count is 272629760 bytes (allowed: up to 268435456 per port)")]
    // duplicates, anywhere
    [InlineData("{'device':'team0','device':'team1'}", "$.device: duplicate key \"device\"")]
    [InlineData("{'device':'team0','ports':{'eth1':{},'eth1':{}}}", "$.ports.eth1: duplicate key \"eth1\"")]
    [InlineData("{'device':'team0','runner':{'name':'lacp','name':'lacp'}}", "$.runner.name: duplicate key \"name\"")]
    [InlineData("{'device':'team0','link_watch':[{'name':'ethtool'},{'name':'ethtool','name':'x'}]}", "$.link_watch[1].name: duplicate key \"name\"")]
    [InlineData("{'device':'team0','foo':{'a':1,'a':2}}", "$.foo.a: duplicate key \"a\"")]
    [InlineData("{'device':'team0','x':{'a':[{'b b':1,'b b':1}]}}", "$.x.a[0]['b b']: duplicate key \"b b\"")]
    public void Load_InvalidValue_ThrowsWithPathAndReason(string json, string expected)
    {
        AssertFails(json, expected);
    }

    [Fact]
    public void Load_UnknownTxHashField_MatchesSpecExample()
    {
        ConfigException ex = Fails("{'device':'team0','runner':{'name':'lacp','tx_hash':['eth','ipv4','l7']}}");

        Assert.StartsWith("team0.conf: $.runner.tx_hash[2]: unknown field \"l7\"", ex.Message, System.StringComparison.Ordinal);
        Assert.Equal("$.runner.tx_hash[2]", ex.JsonPath);
        Assert.Equal("unknown field \"l7\" (allowed: " + Fields + ")", ex.Reason);
    }

    [Fact]
    public void Load_TooManyPorts_Throws()
    {
        string ports = string.Join(",", System.Linq.Enumerable.Range(0, 33).Select(i => $"'eth{i}':{{}}"));

        Assert.Equal("team0.conf: $.ports: 33 ports (at most 32)", Fails($"{{'device':'team0','ports':{{{ports}}}}}").Message);
    }

    [Fact]
    public void Load_InlineSource_NamesDashC()
    {
        ConfigException ex = Assert.Throws<ConfigException>(() => ConfigLoader.Load(ConfigLoader.InlineSource, "{}"));

        Assert.Equal("-c: $.device: required key is missing", ex.Message);
    }

    [Fact]
    public void Load_FirstErrorInWalkOrder_Wins()
    {
        ConfigException ex = Fails("{'device':'team0','runner':{'name':'lacp','sys_prio':-1},'ports':{'eth1':{'prio':'x'}}}");

        Assert.Equal("$.runner.sys_prio", ex.JsonPath);
    }
}

// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using Xunit;
using static TeamFw.Tests.Config.ConfigTestData;

namespace TeamFw.Tests.Config;

public class ConfigLoaderWatchAndPortErrorTests
{
    private const string IfNameRule = ConfigLoaderErrorTests.IfNameRule;

    [Theory]
    // link watchers
    [InlineData("{'device':'team0','link_watch':{'name':'tipc'}}", "$.link_watch.name: link watcher \"tipc\" is not supported by teamfw")]
    [InlineData("{'device':'team0','link_watch':{'name':'mii'}}", "$.link_watch.name: unknown link watcher \"mii\" (allowed: ethtool, arp_ping, nsna_ping)")]
    [InlineData("{'device':'team0','link_watch':{'delay_up':5}}", "$.link_watch.name: required key is missing")]
    [InlineData("{'device':'team0','link_watch':{'name':7}}", "$.link_watch.name: expected a string, got a number")]
    [InlineData("{'device':'team0','link_watch':'ethtool'}", "$.link_watch: expected an object or an array of objects, got a string")]
    [InlineData("{'device':'team0','link_watch':[]}", "$.link_watch: empty array (expected at least one link watcher)")]
    [InlineData("{'device':'team0','link_watch':[{'name':'ethtool'},'arp_ping']}", "$.link_watch[1]: expected an object, got a string")]
    [InlineData("{'device':'team0','link_watch':[{'name':'ethtool'},{'name':'tipc'}]}", "$.link_watch[1].name: link watcher \"tipc\" is not supported by teamfw")]
    [InlineData("{'device':'team0','link_watch':{'name':'ethtool','delay_up':-1}}", "$.link_watch.delay_up: -1 is out of range (allowed: >= 0)")]
    [InlineData("{'device':'team0','link_watch':{'name':'ethtool','delay_down':'1s'}}", "$.link_watch.delay_down: expected an integer, got a string")]
    [InlineData("{'device':'team0','link_watch':{'name':'arp_ping'}}", "$.link_watch.target_host: required key is missing")]
    [InlineData("{'device':'team0','link_watch':{'name':'nsna_ping','interval':100}}", "$.link_watch.target_host: required key is missing")]
    [InlineData("{'device':'team0','link_watch':{'name':'arp_ping','target_host':'10.0.0.1','interval':0}}", "$.link_watch.interval: 0 is out of range (allowed: >= 1)")]
    [InlineData("{'device':'team0','link_watch':{'name':'arp_ping','target_host':'10.0.0.1','init_wait':-5}}", "$.link_watch.init_wait: -5 is out of range (allowed: >= 0)")]
    [InlineData("{'device':'team0','link_watch':{'name':'arp_ping','target_host':'10.0.0.1','missed_max':0}}", "$.link_watch.missed_max: 0 is out of range (allowed: >= 1)")]
    [InlineData("{'device':'team0','link_watch':{'name':'arp_ping','target_host':'10.0.0.1','vlanid':4096}}", "$.link_watch.vlanid: 4096 is out of range (allowed: 0..4095)")]
    [InlineData("{'device':'team0','link_watch':{'name':'arp_ping','target_host':'10.0.0.1','send_always':'no'}}", "$.link_watch.send_always: expected a boolean, got a string")]
    [InlineData("{'device':'team0','link_watch':{'name':'arp_ping','target_host':'10.0.0.1','validate_active':0}}", "$.link_watch.validate_active: expected a boolean, got a number")]
    [InlineData("{'device':'team0','link_watch':{'name':'arp_ping','target_host':'2001:db8::1'}}", "$.link_watch.target_host: expected an IPv4 address or a host name, got \"2001:db8::1\"")]
    [InlineData("{'device':'team0','link_watch':{'name':'arp_ping','target_host':'10.0.1'}}", "$.link_watch.target_host: expected an IPv4 address or a host name, got \"10.0.1\"")]
    [InlineData("{'device':'team0','link_watch':{'name':'arp_ping','target_host':'10.0.0.256'}}", "$.link_watch.target_host: expected an IPv4 address or a host name, got \"10.0.0.256\"")]
    [InlineData("{'device':'team0','link_watch':{'name':'arp_ping','target_host':'010.0.0.1'}}", "$.link_watch.target_host: expected an IPv4 address or a host name, got \"010.0.0.1\"")]
    [InlineData("{'device':'team0','link_watch':{'name':'arp_ping','target_host':'my host'}}", "$.link_watch.target_host: expected an IPv4 address or a host name, got \"my host\"")]
    [InlineData("{'device':'team0','link_watch':{'name':'arp_ping','target_host':'10.0.0.1','source_host':'::1'}}", "$.link_watch.source_host: expected an IPv4 address or a host name, got \"::1\"")]
    [InlineData("{'device':'team0','link_watch':{'name':'nsna_ping','target_host':'10.0.0.1'}}", "$.link_watch.target_host: expected an IPv6 address or a host name, got \"10.0.0.1\"")]
    [InlineData("{'device':'team0','link_watch':{'name':'nsna_ping','target_host':'fe80::1::2'}}", "$.link_watch.target_host: expected an IPv6 address or a host name, got \"fe80::1::2\"")]
    [InlineData("{'device':'team0','link_watch':{'name':'nsna_ping','target_host':5}}", "$.link_watch.target_host: expected a string, got a number")]
    // ports (per-port watchers are read as the team's)
    [InlineData("{'device':'team0','ports':['eth1']}", "$.ports: expected an object, got an array")]
    [InlineData("{'device':'team0','ports':{'eth1':null}}", "$.ports.eth1: expected an object, got null")]
    [InlineData("{'device':'team0','ports':{'eth1':true}}", "$.ports.eth1: expected an object, got a boolean")]
    [InlineData("{'device':'team0','ports':{'eth 1':{}}}", "$.ports['eth 1']: invalid interface name \"eth 1\" " + IfNameRule)]
    [InlineData("{'device':'team0','ports':{'':{}}}", "$.ports['']: invalid interface name \"\" " + IfNameRule)]
    [InlineData("{'device':'team0','ports':{'abcdefghijklmnop':{}}}", "$.ports.abcdefghijklmnop: invalid interface name \"abcdefghijklmnop\" " + IfNameRule)]
    [InlineData("{'device':'team0','ports':{'team0':{}}}", "$.ports.team0: port \"team0\" is the team device itself")]
    [InlineData("{'device':'team0','ports':{'eth1':{'prio':1.5}}}", "$.ports.eth1.prio: expected an integer, got 1.5")]
    [InlineData("{'device':'team0','ports':{'eth1':{'prio':2147483648}}}", "$.ports.eth1.prio: 2147483648 is out of range (allowed: -2147483648..2147483647)")]
    [InlineData("{'device':'team0','ports':{'eth1':{'sticky':'true'}}}", "$.ports.eth1.sticky: expected a boolean, got a string")]
    [InlineData("{'device':'team0','ports':{'eth1':{'queue_id':-1}}}", "$.ports.eth1.queue_id: -1 is out of range (allowed: 0..15)")]
    [InlineData("{'device':'team0','ports':{'eth1':{'queue_id':16}}}", "$.ports.eth1.queue_id: 16 is out of range (allowed: 0..15)")]
    [InlineData("{'device':'team0','ports':{'eth1':{'lacp_prio':65536}}}", "$.ports.eth1.lacp_prio: 65536 is out of range (allowed: 0..65535)")]
    [InlineData("{'device':'team0','ports':{'eth1':{'lacp_key':-1}}}", "$.ports.eth1.lacp_key: -1 is out of range (allowed: 0..65535)")]
    [InlineData("{'device':'team0','ports':{'eth1':{},'eth2':{'link_watch':[{'name':'arp_ping','target_host':'h','interval':-1}]}}}",
        "$.ports.eth2.link_watch[0].interval: -1 is out of range (allowed: >= 1)")]
    [InlineData("{'device':'team0','ports':{'eth1':{'link_watch':{'name':'tipc'}}}}", "$.ports.eth1.link_watch.name: link watcher \"tipc\" is not supported by teamfw")]
    public void Load_InvalidWatcherOrPort_ThrowsWithPathAndReason(string json, string expected)
    {
        AssertFails(json, expected);
    }
}

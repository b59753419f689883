// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using TeamFw.Config;
using Xunit;
using static TeamFw.Tests.Config.ConfigTestData;

namespace TeamFw.Tests.Config;

public class ConfigDumpTests
{
    private const string Full = """
        {"device":"team7","hwaddr":"02:ab:cd:00:00:01","debug_level":2,
         "runner":{"name":"lacp","active":false,"fast_rate":true,"sys_prio":100,"min_ports":2,
                   "agg_select_policy":"count","tx_hash":["l3","l4"],
                   "tx_balancer":{"name":"basic","balancing_interval":30}},
         "link_watch":[{"name":"ethtool","delay_up":5},
                       {"name":"arp_ping","target_host":"10.0.0.1","vlanid":7,"send_always":true}],
         "link_watch_policy":"all",
         "notify_peers":{"count":3,"interval":100},"mcast_rejoin":{"interval":5},
         "ports":{"eth1":{"prio":5,"sticky":true,"queue_id":2,"lacp_prio":10,"lacp_key":7,
                          "link_watch":{"name":"nsna_ping","target_host":"fe80::1"}},
                  "eth0.100":{}},
         "teamfw":{"rx_ring":{"block_size":65536,"block_count":16},"tx_method":"ring","tx_ring":{"block_size":8192,"block_count":2},
                   "workers":2,"offload":false,"mtu":9000}}
        """;

    public static TheoryData<string> RoundTripCases
    {
        get
        {
            TheoryData<string> cases = TeamdExamples;
            cases.Add(Full);
            cases.Add("{\"device\":\"t\",\"runner\":{\"name\":\"loadbalance\",\"tx_balancer\":{\"balancing_interval\":9}}}");
            cases.Add("{\"device\":\"t\",\"teamfw\":{\"tx_method\":\"sendmmsg\"}}");
            cases.Add("{\"device\":\"t\",\"teamfw\":{\"device\":\"tap\"}}");
            return cases;
        }
    }

    [Theory]
    [MemberData(nameof(RoundTripCases))]
    public void Dump_LoadedConfig_RoundTripsToEqualSettings(string json)
    {
        TeamConfig original = ConfigLoader.Load(Source, json).Config;

        foreach (bool indented in new[] { true, false })
        {
            LoadResult again = ConfigLoader.Load("dump", ConfigLoader.Dump(original, includePorts: true, indented));

            // The only warning a dump may bring back is the one about "offload": false, which it keeps.
            Assert.All(again.Warnings, w => Assert.Contains("$.teamfw.offload: false", w, System.StringComparison.Ordinal));
            AssertSameSettings(original, again.Config);
        }
    }

    [Fact]
    public void Dump_NoPorts_LeavesPortsOut()
    {
        TeamConfig c = ConfigLoader.Load(Source, Full).Config;

        string dump = ConfigLoader.Dump(c, includePorts: false);
        TeamConfig again = ConfigLoader.Load("dump", dump).Config;

        Assert.DoesNotContain("\"ports\"", dump, System.StringComparison.Ordinal);
        Assert.Empty(again.Ports);
        AssertSameSettings(c with { Ports = again.Ports }, again);
    }

    [Fact]
    public void Dump_Indented_MatchesTeamdLayout()
    {
        TeamConfig c = ConfigLoader.Load(Source, ActiveBackupEthtool).Config;

        Assert.Equal("""
            {
                "device": "team0",
                "debug_level": 0,
                "runner": {
                    "name": "activebackup",
                    "hwaddr_policy": "same_all"
                },
                "link_watch": {
                    "name": "ethtool",
                    "delay_up": 2500,
                    "delay_down": 1000
                },
                "link_watch_policy": "any",
                "notify_peers": {
                    "interval": 0
                },
                "mcast_rejoin": {
                    "interval": 0
                },
                "ports": {
                    "eth1": {
                        "prio": -10,
                        "sticky": true,
                        "queue_id": 0,
                        "lacp_prio": 255,
                        "lacp_key": 0
                    },
                    "eth2": {
                        "prio": 100,
                        "sticky": false,
                        "queue_id": 0,
                        "lacp_prio": 255,
                        "lacp_key": 0
                    }
                },
                "teamfw": {
                    "rx_ring": {
                        "block_size": 131072,
                        "block_count": 8
                    },
                    "tx_method": "ring",
                    "tx_ring": {
                        "block_size": 65536,
                        "block_count": 4
                    },
                    "workers": 1,
                    "rx_fanout": false,
                    "tx_workers": 1,
                    "offload": true,
                    "mtu": 1500,
                    "carrier_poll_ms": 10,
                    "device": "veth",
                    "qdisc_bypass": true
                }
            }
            """, ConfigLoader.Dump(c, includePorts: true));
    }

    [Fact]
    public void Dump_Compact_IsOneLine()
    {
        TeamConfig c = ConfigLoader.Load(Source, "{\"device\":\"team0\",\"hwaddr\":\"02:00:00:00:00:0A\",\"runner\":{\"name\":\"broadcast\"}}").Config;

        Assert.Equal(
            "{\"device\":\"team0\",\"hwaddr\":\"02:00:00:00:00:0a\",\"debug_level\":0,\"runner\":{\"name\":\"broadcast\"}," +
            "\"link_watch\":{\"name\":\"ethtool\",\"delay_up\":0,\"delay_down\":0},\"link_watch_policy\":\"any\"," +
            "\"notify_peers\":{\"interval\":0},\"mcast_rejoin\":{\"interval\":0},\"ports\":{}," +
            "\"teamfw\":{\"rx_ring\":{\"block_size\":131072,\"block_count\":8},\"tx_method\":\"ring\",\"tx_ring\":{\"block_size\":65536,\"block_count\":4},\"workers\":1,\"rx_fanout\":false,\"tx_workers\":1,\"offload\":true,\"mtu\":1500,\"carrier_poll_ms\":10,\"device\":\"veth\",\"qdisc_bypass\":true}}",
            ConfigLoader.Dump(c, includePorts: true, indented: false));
    }

    [Fact]
    public void DumpPort_LoadPort_RoundTrips()
    {
        PortConfig port = ConfigLoader.Load(Source, Full).Config.Ports[0];

        string dump = ConfigLoader.DumpPort(port, indented: false);
        PortLoadResult again = ConfigLoader.LoadPort("port config update", "team7", "eth1", dump);

        Assert.Equal(
            "{\"prio\":5,\"sticky\":true,\"queue_id\":2,\"lacp_prio\":10,\"lacp_key\":7," +
            "\"link_watch\":{\"name\":\"nsna_ping\",\"interval\":1000,\"init_wait\":0,\"missed_max\":3,\"target_host\":\"fe80::1\"}}",
            dump);
        Assert.Empty(again.Warnings);
        Assert.Equal(port, again.Port);
    }

    [Fact]
    public void LoadPort_BadValue_ThrowsWithRelativePath()
    {
        ConfigException ex = Assert.Throws<ConfigException>(() => ConfigLoader.LoadPort("update", "team0", "eth1", "{\"prio\":\"high\"}"));

        Assert.Equal("update: $.prio: expected an integer, got a string", ex.Message);
    }

    [Fact]
    public void LoadPort_TeamDeviceAsPort_Throws()
    {
        ConfigException ex = Assert.Throws<ConfigException>(() => ConfigLoader.LoadPort("update", "team0", "team0", "{}"));

        Assert.Equal("update: $: port \"team0\" is the team device itself", ex.Message);
    }

    // Records compare lists by content (ValueList), so whole sub-records can be compared.
    private static void AssertSameSettings(TeamConfig expected, TeamConfig actual)
    {
        Assert.Equal(expected.Device, actual.Device);
        Assert.Equal(expected.HwAddr, actual.HwAddr);
        Assert.Equal(expected.DebugLevel, actual.DebugLevel);
        Assert.Equal(expected.Runner, actual.Runner);
        Assert.Equal(expected.LinkWatch, actual.LinkWatch);
        Assert.Equal(expected.LinkWatchPolicy, actual.LinkWatchPolicy);
        Assert.Equal(expected.NotifyPeers, actual.NotifyPeers);
        Assert.Equal(expected.McastRejoin, actual.McastRejoin);
        Assert.Equal(expected.Ports, actual.Ports);
        Assert.Equal(expected.TeamFw, actual.TeamFw);
    }
}

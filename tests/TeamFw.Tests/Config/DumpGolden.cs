// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System.Collections.Generic;

namespace TeamFw.Tests.Config;

/// <summary>What <see cref="DumpConfigs"/> gave before the runners and link watchers described themselves: the
/// one-line dump's runner object, and the warnings loading it gave.</summary>
internal static class DumpGolden
{
    /// <summary>The dump's link_watch array and ports object, the same for every runner.</summary>
    public const string Watches = """
        "link_watch":[{"name":"ethtool","delay_up":5,"delay_down":6},{"name":"arp_ping","interval":50,"init_wait":3,"missed_max":4,"source_host":"10.0.0.2","target_host":"10.0.0.1","validate_active":true,"validate_inactive":true,"send_always":true,"vlanid":12},{"name":"nsna_ping","interval":60,"init_wait":2,"missed_max":9,"target_host":"fe80::1"}]
        """;

    public const string Ports = """
        "ports":{"eth1":{"prio":0,"sticky":false,"queue_id":0,"lacp_prio":255,"lacp_key":0,"link_watch":{"name":"arp_ping","interval":1000,"init_wait":0,"missed_max":3,"target_host":"10.0.0.9","validate_active":false,"validate_inactive":false,"send_always":false}}}
        """;

    public static readonly Dictionary<string, (string Runner, string[] Warnings)> Runners = new()
    {
        ["broadcast"] = (
            """
            "runner":{"name":"broadcast"}
            """,
            [
                "x: $.runner.hwaddr_policy: not used by the broadcast runner, ignored",
                "x: $.runner.active: not used by the broadcast runner, ignored",
                "x: $.runner.fast_rate: not used by the broadcast runner, ignored",
                "x: $.runner.sys_prio: not used by the broadcast runner, ignored",
                "x: $.runner.min_ports: not used by the broadcast runner, ignored",
                "x: $.runner.agg_select_policy: not used by the broadcast runner, ignored",
                "x: $.runner.tx_hash: not used by the broadcast runner, ignored",
                "x: $.runner.tx_balancer: not used by the broadcast runner, ignored"
            ]),
        ["roundrobin"] = (
            """
            "runner":{"name":"roundrobin"}
            """,
            [
                "x: $.runner.hwaddr_policy: not used by the roundrobin runner, ignored",
                "x: $.runner.active: not used by the roundrobin runner, ignored",
                "x: $.runner.fast_rate: not used by the roundrobin runner, ignored",
                "x: $.runner.sys_prio: not used by the roundrobin runner, ignored",
                "x: $.runner.min_ports: not used by the roundrobin runner, ignored",
                "x: $.runner.agg_select_policy: not used by the roundrobin runner, ignored",
                "x: $.runner.tx_hash: not used by the roundrobin runner, ignored",
                "x: $.runner.tx_balancer: not used by the roundrobin runner, ignored"
            ]),
        ["random"] = (
            """
            "runner":{"name":"random"}
            """,
            [
                "x: $.runner.hwaddr_policy: not used by the random runner, ignored",
                "x: $.runner.active: not used by the random runner, ignored",
                "x: $.runner.fast_rate: not used by the random runner, ignored",
                "x: $.runner.sys_prio: not used by the random runner, ignored",
                "x: $.runner.min_ports: not used by the random runner, ignored",
                "x: $.runner.agg_select_policy: not used by the random runner, ignored",
                "x: $.runner.tx_hash: not used by the random runner, ignored",
                "x: $.runner.tx_balancer: not used by the random runner, ignored"
            ]),
        ["activebackup"] = (
            """
            "runner":{"name":"activebackup","hwaddr_policy":"by_active"}
            """,
            [
                "x: $.runner.active: not used by the activebackup runner, ignored",
                "x: $.runner.fast_rate: not used by the activebackup runner, ignored",
                "x: $.runner.sys_prio: not used by the activebackup runner, ignored",
                "x: $.runner.min_ports: not used by the activebackup runner, ignored",
                "x: $.runner.agg_select_policy: not used by the activebackup runner, ignored",
                "x: $.runner.tx_hash: not used by the activebackup runner, ignored",
                "x: $.runner.tx_balancer: not used by the activebackup runner, ignored"
            ]),
        ["loadbalance"] = (
            """
            "runner":{"name":"loadbalance","tx_hash":["l3"],"tx_balancer":{"name":"basic","balancing_interval":20}}
            """,
            [
                "x: $.runner.hwaddr_policy: not used by the loadbalance runner, ignored",
                "x: $.runner.active: not used by the loadbalance runner, ignored",
                "x: $.runner.fast_rate: not used by the loadbalance runner, ignored",
                "x: $.runner.sys_prio: not used by the loadbalance runner, ignored",
                "x: $.runner.min_ports: not used by the loadbalance runner, ignored",
                "x: $.runner.agg_select_policy: not used by the loadbalance runner, ignored"
            ]),
        ["lacp"] = (
            """
            "runner":{"name":"lacp","active":false,"fast_rate":true,"sys_prio":7,"min_ports":2,"agg_select_policy":"count","tx_hash":["l3"],"tx_balancer":{"name":"basic","balancing_interval":20}}
            """,
            [
                "x: $.runner.hwaddr_policy: not used by the lacp runner, ignored"
            ]),
    };
}

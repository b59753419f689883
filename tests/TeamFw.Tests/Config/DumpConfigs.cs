// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

namespace TeamFw.Tests.Config;

/// <summary>One config per runner and per link watcher, every key of every runner and watcher given, so each
/// dump shows exactly the keys its runner or watcher reads.</summary>
internal static class DumpConfigs
{
    private const string AllRunnerKeys = "\"hwaddr_policy\":\"by_active\",\"active\":false,\"fast_rate\":true,\"sys_prio\":7,\"min_ports\":2,"
        + "\"agg_select_policy\":\"count\",\"tx_hash\":[\"l3\"],\"tx_balancer\":{\"name\":\"basic\",\"balancing_interval\":20}";

    private const string Watches = "[{\"name\":\"ethtool\",\"delay_up\":5,\"delay_down\":6},"
        + "{\"name\":\"arp_ping\",\"target_host\":\"10.0.0.1\",\"source_host\":\"10.0.0.2\",\"interval\":50,\"init_wait\":3,\"missed_max\":4,"
        + "\"validate_active\":true,\"validate_inactive\":true,\"send_always\":true,\"vlanid\":12},"
        + "{\"name\":\"nsna_ping\",\"target_host\":\"fe80::1\",\"interval\":60,\"init_wait\":2,\"missed_max\":9}]";

    public static readonly string[] Runners = ["broadcast", "roundrobin", "random", "activebackup", "loadbalance", "lacp"];

    public static string For(string runner) =>
        "{\"device\":\"team0\",\"runner\":{\"name\":\"" + runner + "\"," + AllRunnerKeys + "},\"link_watch\":" + Watches
        + ",\"ports\":{\"eth1\":{\"link_watch\":{\"name\":\"arp_ping\",\"target_host\":\"10.0.0.9\"}}}}";
}

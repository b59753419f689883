// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

namespace TeamFw.Tests.Control;

/// <summary>State documents for teamdctl's state view: one per runner shape; the first with every link watcher.</summary>
internal static class StateViewDocs
{
    private const string Watches = """
        "link_watches":{"up":true,"list":{
          "link_watch_0":{"name":"ethtool","up":true,"down_count":1,"delay_up":5,"delay_down":7},
          "link_watch_1":{"name":"arp_ping","up":false,"down_count":2,"source_host":"10.0.0.2","target_host":"10.0.0.1","interval":100,"missed":1,"missed_max":3,"validate_active":true,"validate_inactive":false,"send_always":true,"init_wait":9},
          "link_watch_2":{"name":"nsna_ping","up":true,"down_count":0,"target_host":"fe80::1","interval":200,"missed":0,"missed_max":5,"init_wait":0}}}
        """;

    private const string NoWatches = "\"link_watches\":{\"up\":true,\"list\":{}}";

    private const string LacpPort = """
        "runner":{"selected":true,"aggregator":{"id":3,"selected":true},"state":"current","key":7,"prio":255,
          "actor_lacpdu_info":{"system_priority":65535,"system":"02:00:00:00:00:01","key":7,"port_priority":255,"port":3,"state":61},
          "partner_lacpdu_info":{"system_priority":100,"system":"02:00:00:00:00:02","key":9,"port_priority":1,"port":4,"state":63}}
        """;

    private static string Doc(string runner, string mode, string watches, string portRunner, string runnerObject) =>
        "{\"setup\":{\"runner_name\":\"" + runner + "\",\"kernel_team_mode_name\":\"" + mode + "\","
        + "\"dbus_enabled\":false,\"zmq_enabled\":false,\"debug_level\":0,\"daemonized\":true,\"pid\":42,\"pid_file\":\"/run/t.pid\"},"
        + "\"team_device\":{\"ifinfo\":{\"ifindex\":5,\"ifname\":\"team0\",\"dev_addr\":\"02:00:00:00:00:01\",\"dev_addr_len\":6}},"
        + "\"ports\":{\"eth1\":{\"ifinfo\":{\"ifindex\":3,\"ifname\":\"eth1\",\"dev_addr\":\"02:00:00:00:00:01\",\"dev_addr_len\":6},"
        + "\"link\":{\"up\":true,\"speed\":1000,\"duplex\":\"full\"}," + watches + portRunner + "},"
        + "\"eth2\":{\"ifinfo\":{\"ifindex\":4,\"ifname\":\"eth2\",\"dev_addr\":\"02:00:00:00:00:03\",\"dev_addr_len\":6},"
        + "\"link\":{\"up\":false,\"speed\":0,\"duplex\":\"half\"},\"link_watches\":{\"up\":false,\"list\":{}}}}"
        + runnerObject + "}";

    public static readonly string[] All =
    [
        Doc("lacp", "loadbalance", Watches, "," + LacpPort, ""","runner":{"active":true,"sys_prio":65535,"fast_rate":false,"select_policy":"lacp_prio"}"""),
        Doc("activebackup", "activebackup", NoWatches, string.Empty, ""","runner":{"active_port":"eth1"}"""),
        // A runner with no state of its own: a "runner" object, if any, is not shown.
        Doc("roundrobin", "roundrobin", NoWatches, "," + LacpPort, ""","runner":{"active_port":"eth1"}"""),
        Doc("nosuch", "nosuch", NoWatches, "," + LacpPort, ""","runner":{"active_port":"eth1"}"""),
    ];
}

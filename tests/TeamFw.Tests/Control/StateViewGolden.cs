// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

namespace TeamFw.Tests.Control;

/// <summary>teamdctl's state view of <see cref="StateViewDocs.All"/> at verbosity 1 and 2, as rendered before the
/// runners and link watchers described themselves (each ends with a newline). The last document, of a runner
/// teamfw does not know, rendered as the one before it, of a runner with no state of its own, but for the names.</summary>
internal static class StateViewGolden
{
    public static readonly string[][] Views =
    [
        [
            """
            setup:
              runner: lacp
            ports:
              eth1
                link watches:
                  link summary: up
                  instance[link_watch_0]:
                    name: ethtool
                    link: up
                  instance[link_watch_1]:
                    name: arp_ping
                    link: down
                  instance[link_watch_2]:
                    name: nsna_ping
                    link: up
                runner:
                  aggregator ID: 3, Selected
                  selected: yes
                  state: current
              eth2
                link watches:
                  link summary: down
            runner:
              active: yes
              fast rate: no
            """ + "\n",
            """
            setup:
              runner: lacp
              kernel team mode: loadbalance
              D-BUS enabled: no
              ZeroMQ enabled: no
              debug level: 0
              daemonized: yes
              PID: 42
              PID file: /run/t.pid
            ports:
              eth1
                ifindex: 3
                addr: 02:00:00:00:00:01
                ethtool link: 1000mbit/fullduplex/up
                link watches:
                  link summary: up
                  instance[link_watch_0]:
                    name: ethtool
                    link: up
                    down count: 1
                    link up delay: 5
                    link down delay: 7
                  instance[link_watch_1]:
                    name: arp_ping
                    link: down
                    down count: 2
                    source host: 10.0.0.2
                    target host: 10.0.0.1
                    interval: 100
                    missed packets: 1/3
                    validate_active: yes
                    validate_inactive: no
                    send_always: yes
                    initial wait: 9
                  instance[link_watch_2]:
                    name: nsna_ping
                    link: up
                    down count: 0
                    target host: fe80::1
                    interval: 200
                    missed packets: 0/5
                    initial wait: 0
                runner:
                  aggregator ID: 3, Selected
                  selected: yes
                  state: current
                  key: 7
                  priority: 255
                  actor LACPDU info:
                    system priority: 65535
                    system: 02:00:00:00:00:01
                    key: 7
                    port_priority: 255
                    port: 3
                    state: 0x3d
                  partner LACPDU info:
                    system priority: 100
                    system: 02:00:00:00:00:02
                    key: 9
                    port_priority: 1
                    port: 4
                    state: 0x3f
              eth2
                ifindex: 4
                addr: 02:00:00:00:00:03
                ethtool link: 0mbit/halfduplex/down
                link watches:
                  link summary: down
            runner:
              active: yes
              fast rate: no
              system priority: 65535
            """ + "\n",
        ],
        [
            """
            setup:
              runner: activebackup
            ports:
              eth1
                link watches:
                  link summary: up
              eth2
                link watches:
                  link summary: down
            runner:
              active port: eth1
            """ + "\n",
            """
            setup:
              runner: activebackup
              kernel team mode: activebackup
              D-BUS enabled: no
              ZeroMQ enabled: no
              debug level: 0
              daemonized: yes
              PID: 42
              PID file: /run/t.pid
            ports:
              eth1
                ifindex: 3
                addr: 02:00:00:00:00:01
                ethtool link: 1000mbit/fullduplex/up
                link watches:
                  link summary: up
              eth2
                ifindex: 4
                addr: 02:00:00:00:00:03
                ethtool link: 0mbit/halfduplex/down
                link watches:
                  link summary: down
            runner:
              active port: eth1
            """ + "\n",
        ],
        [
            """
            setup:
              runner: roundrobin
            ports:
              eth1
                link watches:
                  link summary: up
              eth2
                link watches:
                  link summary: down
            """ + "\n",
            """
            setup:
              runner: roundrobin
              kernel team mode: roundrobin
              D-BUS enabled: no
              ZeroMQ enabled: no
              debug level: 0
              daemonized: yes
              PID: 42
              PID file: /run/t.pid
            ports:
              eth1
                ifindex: 3
                addr: 02:00:00:00:00:01
                ethtool link: 1000mbit/fullduplex/up
                link watches:
                  link summary: up
              eth2
                ifindex: 4
                addr: 02:00:00:00:00:03
                ethtool link: 0mbit/halfduplex/down
                link watches:
                  link summary: down
            """ + "\n",
        ],
    ];

    public static string For(int doc, int verbosity) => doc < Views.Length
        ? Views[doc][verbosity - 1]
        : Views[^1][verbosity - 1].Replace(": roundrobin", ": nosuch", System.StringComparison.Ordinal);
}

// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;

namespace TeamFw.Config;

/// <summary>
/// The groups of runner.* keys a runner reads (teamd.conf(5)). teamd reads a key only in the runner that
/// uses it, so the loader ignores (with a warning) and the dump leaves out every group a runner lacks.
/// </summary>
[Flags]
public enum RunnerKeys
{
    None = 0,

    /// <summary>hwaddr_policy (activebackup).</summary>
    HwAddrPolicy = 1,

    /// <summary>active, fast_rate, sys_prio, min_ports, agg_select_policy (lacp).</summary>
    Lacp = 2,

    /// <summary>tx_hash, tx_balancer, balancing_interval (loadbalance, lacp).</summary>
    TxHash = 4,
}

/// <summary>The groups of link_watch keys a link watcher reads (teamd_lw_ethtool.c, teamd_lw_psr.c, teamd_lw_arp_ping.c).</summary>
[Flags]
public enum WatchKeys
{
    None = 0,

    /// <summary>delay_up, delay_down (ethtool).</summary>
    Delay = 1,

    /// <summary>interval, init_wait, missed_max, target_host (arp_ping, nsna_ping).</summary>
    Ping = 2,

    /// <summary>source_host, validate_active, validate_inactive, send_always, vlanid (arp_ping).</summary>
    Arp = 4,
}

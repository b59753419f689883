// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

namespace TeamFw.Uci;

/// <summary>The vocabulary: bonding names (netifd system.c, the kernel's bonding documentation) to teamd's.</summary>
public static partial class UciTranslator
{
    /// <summary>
    /// policy: bonding mode names and numbers, or teamd runner names; null when unknown.
    /// balance-tlb and balance-alb (5, 6) have no teamd runner and are refused by <see cref="PolicyError"/>.
    /// </summary>
    public static string? PolicyToRunner(string policy) => policy switch
    {
        "balance-rr" or "0" or "roundrobin" => "roundrobin",
        "active-backup" or "1" or "activebackup" => "activebackup",
        "balance-xor" or "2" or "loadbalance" => "loadbalance",
        "broadcast" or "3" => "broadcast",
        "802.3ad" or "4" or "lacp" => "lacp",
        "random" => "random",
        _ => null,
    };

    private static string PolicyError(string policy) => policy switch
    {
        "balance-tlb" or "5" or "balance-alb" or "6" =>
            $"policy \"{policy}\" (adaptive load balancing) has no teamd runner; use balance-xor (loadbalance)",
        _ => $"unknown policy \"{policy}\" (bonding: balance-rr, active-backup, balance-xor, broadcast, 802.3ad; " +
             "teamd: roundrobin, activebackup, loadbalance, broadcast, lacp, random)",
    };

    /// <summary>
    /// xmit_hash_policy (name or bonding number) to teamd tx_hash fragments; null when unknown.
    /// layer2: the MAC addresses; layer2+3: MACs and IP addresses (teamd's default); layer3+4: IP
    /// addresses and TCP/UDP/SCTP ports.
    /// </summary>
    public static string[]? HashPolicyToTxHash(string policy) => policy switch
    {
        "layer2" or "0" => ["eth"],
        "layer2+3" or "2" => ["eth", "ipv4", "ipv6"],
        "layer3+4" or "1" => ["ipv4", "ipv6", "l4"],
        _ => null,
    };

    private static string HashPolicyError(string policy) => policy switch
    {
        "encap2+3" or "3" or "encap3+4" or "4" or "vlan+srcmac" or "5" =>
            $"xmit_hash_policy \"{policy}\" has no teamd equivalent (layer2, layer2+3, layer3+4)",
        _ => $"unknown xmit_hash_policy \"{policy}\" (layer2, layer2+3, layer3+4)",
    };

    /// <summary>netifd bonding options that teamd (and so teamfw) has nothing for: ignored with a warning.</summary>
    private static readonly string[] s_untranslated =
    [
        "all_ports_active", "ad_actor_system", "ad_select", "packets_per_port", "lp_interval",
        "dynamic_lb", "primary_reselect", "failover_mac", "use_carrier", "type",
    ];

    /// <summary>The legacy proto-bonding names and the netifd names teamfw reads instead.</summary>
    private static string? NetifdName(string legacy) => legacy switch
    {
        "slaves" => "ports",
        "bonding_policy" => "policy",
        "link_monitoring" => "monitor_mode",
        "miimon" or "arp_interval" => "monitor_interval",
        "arp_ip_target" => "arp_target",
        _ => null,
    };
}

// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;

namespace TeamFw.Modes;

/// <summary>The frame fields a loadbalance team hashes (teamd.conf(5) runner.tx_hash; libteam teamd/teamd_hash_func.c).</summary>
[Flags]
public enum TxHashFields
{
    None = 0,

    /// <summary>Destination and source MAC.</summary>
    Eth = 1,

    /// <summary>The VLAN id of each 802.1Q / 802.1ad tag.</summary>
    Vlan = 2,

    /// <summary>IPv4 source and destination.</summary>
    Ipv4 = 4,

    /// <summary>IPv6 source and destination.</summary>
    Ipv6 = 8,

    /// <summary>TCP source and destination port (not for fragments).</summary>
    Tcp = 16,

    Udp = 32,

    Sctp = 64,

    L3 = Ipv4 | Ipv6,

    L4 = Tcp | Udp | Sctp,
}

public static class TxHash
{
    /// <summary>teamd's default: ["eth", "ipv4", "ipv6"].</summary>
    public const TxHashFields Default = TxHashFields.Eth | TxHashFields.Ipv4 | TxHashFields.Ipv6;

    /// <summary>The fields a teamd tx_hash list names ("ip" and "l3" are ipv4 + ipv6, "l4" is tcp + udp + sctp).
    /// The config loader has already refused unknown names; one here is an ArgumentException.</summary>
    public static TxHashFields Parse(IReadOnlyList<string> names)
    {
        TxHashFields f = TxHashFields.None;
        foreach (string n in names)
        {
            f |= n switch
            {
                "eth" => TxHashFields.Eth,
                "vlan" => TxHashFields.Vlan,
                "ipv4" => TxHashFields.Ipv4,
                "ipv6" => TxHashFields.Ipv6,
                "ip" or "l3" => TxHashFields.L3,
                "tcp" => TxHashFields.Tcp,
                "udp" => TxHashFields.Udp,
                "sctp" => TxHashFields.Sctp,
                "l4" => TxHashFields.L4,
                _ => throw new ArgumentException($"unknown tx_hash field \"{n}\"", nameof(names)),
            };
        }

        return f;
    }
}

// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace TeamFw.IntegrationTests.Infrastructure;

/// <summary>What teamfw may touch on a port, read independently with iproute2 and /proc: compared before and after.</summary>
public sealed record PortState(int Mtu, string Mac, string Flags, string ArpIgnore, string RpFilter, string DisableIpv6, string Addresses)
{
    public static PortState Read(string ns, string dev)
    {
        JsonElement link = Cmd.Link(ns, dev);
        string flags = string.Join(",", link.GetProperty("flags").EnumerateArray().Select(f => f.GetString()).Where(f => f != "LOWER_UP" && f != "NO-CARRIER").OrderBy(f => f));
        string addrJson = Cmd.Run("ip", "-n", ns, "-j", "addr", "show", "dev", dev);
        using var doc = JsonDocument.Parse(addrJson);
        var addrs = new List<string>();
        foreach (JsonElement a in doc.RootElement[0].GetProperty("addr_info").EnumerateArray())
        {
            string local = a.GetProperty("local").GetString()!;
            // The kernel regenerates the IPv6 link-local address itself; compare the configured ones.
            if (!local.StartsWith("fe80:", System.StringComparison.Ordinal))
            {
                addrs.Add(local + "/" + a.GetProperty("prefixlen").GetInt32());
            }
        }

        addrs.Sort(System.StringComparer.Ordinal);
        return new PortState(
            link.GetProperty("mtu").GetInt32(),
            link.GetProperty("address").GetString()!,
            flags,
            Cmd.InNs(ns, "cat", $"/proc/sys/net/ipv4/conf/{dev}/arp_ignore").Trim(),
            Cmd.InNs(ns, "cat", $"/proc/sys/net/ipv4/conf/{dev}/rp_filter").Trim(),
            Cmd.InNs(ns, "cat", $"/proc/sys/net/ipv6/conf/{dev}/disable_ipv6").Trim(),
            string.Join(" ", addrs));
    }
}

// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace TeamFw.Host;

/// <summary>The multicast groups the host has joined on a device, as the kernel lists them in /proc/net/igmp
/// (net/ipv4/igmp.c igmp_mc_seq_show) and /proc/net/igmp6 (net/ipv6/mcast.c igmp6_mc_seq_show).</summary>
public static class JoinedGroups
{
    /// <summary>
    /// The groups joined on a device, from /proc/net/igmp and /proc/net/igmp6 (of this network namespace),
    /// without the all-hosts / all-nodes groups, which are never reported (RFC 3376 §5, RFC 3810 §6).
    /// </summary>
    public static (List<uint> V4, List<byte[]> V6) Read(string device)
    {
        var v4 = new List<uint>();
        var v6 = new List<byte[]>();
        try
        {
            ParseIgmp(File.ReadAllLines("/proc/net/igmp"), device, v4);
        }
        catch (IOException)
        {
            // No IPv4 multicast in this kernel (CONFIG_IP_MULTICAST off): no groups to report.
        }

        try
        {
            ParseIgmp6(File.ReadAllLines("/proc/net/igmp6"), device, v6);
        }
        catch (IOException)
        {
            // No IPv6 in this kernel (or it is disabled): no groups to report.
        }

        return (v4, v6);
    }

    /// <summary>/proc/net/igmp: a device line "Idx Device : Count Querier", then one indented line per group with
    /// the group as 8 hex digits of the in-memory (network-order) address read as a host-endian u32.</summary>
    public static void ParseIgmp(IEnumerable<string> lines, string device, List<uint> groups)
    {
        bool inDevice = false;
        foreach (string line in lines)
        {
            if (line.Length == 0)
            {
                continue;
            }

            if (!char.IsWhiteSpace(line[0]))
            {
                // "%d\t%-10s: ...": a name of 10 or more characters runs into the colon.
                int colon = line.IndexOf(':', StringComparison.Ordinal);
                string[] f = (colon >= 0 ? line[..colon] : line).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
                inDevice = f.Length >= 2 && f[1] == device;
                continue;
            }

            string[] g = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (inDevice && g.Length > 0 && uint.TryParse(g[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out uint raw))
            {
                uint group = BitConverter.IsLittleEndian ? BinaryPrimitives.ReverseEndianness(raw) : raw;
                if (group != 0xE0000001)
                {
                    groups.Add(group);
                }
            }
        }
    }

    /// <summary>/proc/net/igmp6: "idx device address(32 hex) users flags timer" per group; interface-local
    /// and reserved-scope groups (ff01::1 is on every interface) are left out.</summary>
    public static void ParseIgmp6(IEnumerable<string> lines, string device, List<byte[]> groups)
    {
        foreach (string line in lines)
        {
            string[] f = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (f.Length < 3 || f[1] != device || f[2].Length != 32)
            {
                continue;
            }

            byte[] a = Convert.FromHexString(f[2]);
            bool allNodes = a[0] == 0xff && a[1] == 0x02 && a[15] == 1 && Array.TrueForAll(a[2..15], b => b == 0);
            bool belowLinkScope = (a[1] & 0x0f) < 2; // scopes 0 and 1 are never reported (RFC 3810 §6)
            if (!allNodes && !belowLinkScope)
            {
                groups.Add(a);
            }
        }
    }
}

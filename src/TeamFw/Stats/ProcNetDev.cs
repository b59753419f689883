// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Globalization;
using System.IO;

namespace TeamFw.Stats;

/// <summary>
/// The kernel's own counters of a device, from /proc/net/dev, which shows the network namespace of the
/// thread that reads it (net/core/net-procfs.c dev_seq_printf_stats: after "name:", eight receive columns
/// — bytes packets errs drop fifo frame compressed multicast — then eight transmit columns — bytes packets
/// errs drop fifo colls carrier compressed; the transmit "drop" is rtnl_link_stats64.tx_dropped).
/// </summary>
public static class ProcNetDev
{
    private const int TxDropColumn = 11;

    /// <summary>The device's tx_dropped as the kernel counts it, or null when /proc/net/dev has no such device.</summary>
    public static ulong? TxDropped(string device)
    {
        try
        {
            return ParseTxDropped(File.ReadAllText("/proc/net/dev"), device);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The transmit "drop" column of <paramref name="device"/>'s line in a /proc/net/dev text, or null.</summary>
    public static ulong? ParseTxDropped(string text, string device)
    {
        foreach (string line in text.Split('\n'))
        {
            int colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0 || !line.AsSpan(0, colon).Trim().SequenceEqual(device))
            {
                continue;
            }

            string[] columns = line[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return columns.Length > TxDropColumn
                && ulong.TryParse(columns[TxDropColumn], NumberStyles.None, CultureInfo.InvariantCulture, out ulong v)
                ? v : null;
        }

        return null;
    }
}

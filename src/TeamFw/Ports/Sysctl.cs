// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.IO;

namespace TeamFw.Ports;

/// <summary>/proc/sys/net per-interface knobs, read and written as text.</summary>
public static class Sysctl
{
    public static string ArpIgnorePath(string ifName) => $"/proc/sys/net/ipv4/conf/{ifName}/arp_ignore";

    public static string RpFilterPath(string ifName) => $"/proc/sys/net/ipv4/conf/{ifName}/rp_filter";

    public static string DisableIpv6Path(string ifName) => $"/proc/sys/net/ipv6/conf/{ifName}/disable_ipv6";

    /// <summary>The value, or null when the knob does not exist (IPv6 compiled out or disabled at boot).</summary>
    public static string? TryRead(string path)
    {
        try
        {
            return File.ReadAllText(path).Trim();
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

    public static void Write(string path, string value)
    {
        try
        {
            File.WriteAllText(path, value + "\n");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"write {value} to {path}: {e.Message}", e);
        }
    }
}

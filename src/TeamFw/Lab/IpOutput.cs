// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;

namespace TeamFw.Lab;

/// <summary>Reads the bits of `ip` and /proc output the lab needs.</summary>
internal static class IpOutput
{
    /// <summary>Names from `ip netns list` ("tflab-host (id: 3)" or just "tflab-host").</summary>
    public static List<string> NetnsNames(string ipNetnsList)
    {
        var names = new List<string>();
        foreach (string line in ipNetnsList.Split('\n'))
        {
            string t = line.Trim();
            if (t.Length == 0)
            {
                continue;
            }

            int sp = t.IndexOf(' ', StringComparison.Ordinal);
            names.Add(sp < 0 ? t : t[..sp]);
        }

        return names;
    }

    /// <summary>The flags between the angle brackets of `ip link show DEV` ("BROADCAST,MULTICAST,UP,LOWER_UP").</summary>
    public static string[] LinkFlags(string ipLinkShow)
    {
        int open = ipLinkShow.IndexOf('<', StringComparison.Ordinal);
        int close = open < 0 ? -1 : ipLinkShow.IndexOf('>', open);
        return close < 0 ? [] : ipLinkShow[(open + 1)..close].Split(',', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>Carrier as the kernel reports it: LOWER_UP among the flags.</summary>
    public static bool HasCarrier(string ipLinkShow) => Array.IndexOf(LinkFlags(ipLinkShow), "LOWER_UP") >= 0;

    /// <summary>The effective uid from /proc/self/status ("Uid:\treal\teffective\tsaved\tfs"), or null.</summary>
    public static int? EffectiveUid(string procStatus)
    {
        foreach (string line in procStatus.Split('\n'))
        {
            if (!line.StartsWith("Uid:", StringComparison.Ordinal))
            {
                continue;
            }

            string[] f = line[4..].Split(['\t', ' '], StringSplitOptions.RemoveEmptyEntries);
            return f.Length >= 2 && int.TryParse(f[1], out int uid) ? uid : null;
        }

        return null;
    }

    /// <summary>
    /// True when a /proc/PID/cmdline (NUL-separated argv) holds "-f <paramref name="configPath"/>":
    /// how `lab down` knows a pid from its pid file is still the daemon it started (a zombie's cmdline is empty).
    /// </summary>
    public static bool CmdlineRunsConfig(string cmdline, string configPath)
    {
        string[] argv = cmdline.Split('\0');
        for (int i = 0; i + 1 < argv.Length; i++)
        {
            if (argv[i] == "-f" && argv[i + 1] == configPath)
            {
                return true;
            }
        }

        return false;
    }
}

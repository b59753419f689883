// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace TeamFw.IntegrationTests.Infrastructure;

/// <summary>How often a process's threads went to sleep of their own accord (voluntary_ctxt_switches in
/// /proc/PID/task/TID/status): each such switch ends in a wakeup, so the growth over a window is that window's wakeups.</summary>
public static class ThreadWakeups
{
    private const string Key = "voluntary_ctxt_switches:";

    /// <summary>The count of one thread (the main thread: <paramref name="tid"/> = the pid).</summary>
    public static long Of(int pid, int tid) => Read($"/proc/{pid}/task/{tid}/status");

    /// <summary>The count of every thread of the process, by thread name (comm).</summary>
    public static Dictionary<string, long> ByName(int pid)
    {
        var byName = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (string task in Directory.GetDirectories($"/proc/{pid}/task"))
        {
            byName[File.ReadAllText(Path.Combine(task, "comm")).Trim()] = Read(Path.Combine(task, "status"));
        }

        return byName;
    }

    private static long Read(string status)
    {
        foreach (string line in File.ReadLines(status))
        {
            if (line.StartsWith(Key, StringComparison.Ordinal))
            {
                return long.Parse(line.AsSpan(Key.Length).Trim(), CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidDataException($"{status} has no {Key}");
    }
}

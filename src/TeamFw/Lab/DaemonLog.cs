// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace TeamFw.Lab;

/// <summary>
/// Reads a daemon's stderr log (one line per event): the "teamfw VERSION running, pid N" line that
/// says every team is up, and the "state TEAM {json}" line that SIGUSR1 writes.
/// </summary>
internal static class DaemonLog
{
    private const string RunningMarker = " running, pid ";

    /// <summary>The pid from the last complete "running, pid N" line, or null.</summary>
    public static int? ReadyPid(string log)
    {
        int? pid = null;
        foreach (string line in CompleteLines(log))
        {
            int at = line.LastIndexOf(RunningMarker, StringComparison.Ordinal);
            if (at >= 0 && int.TryParse(line.AsSpan(at + RunningMarker.Length).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int p))
            {
                pid = p;
            }
        }

        return pid;
    }

    /// <summary>The JSON of the last complete "state TEAM {...}" line, or null.</summary>
    public static string? FindState(string log, string team)
    {
        string marker = $" state {team} {{";
        string? json = null;
        foreach (string line in CompleteLines(log))
        {
            int at = line.IndexOf(marker, StringComparison.Ordinal);
            if (at >= 0)
            {
                json = line[(at + marker.Length - 1)..].TrimEnd('\r');
            }
        }

        return json;
    }

    /// <summary>
    /// Lines whose message (after "teamfw[ID] ") starts with one of <paramref name="prefixes"/>,
    /// shortened to "time message" ("10:22:33.264 team0: active port tl1 -> tl2 (link down)").
    /// </summary>
    public static List<string> Events(string log, params string[] prefixes)
    {
        var events = new List<string>();
        foreach (string line in CompleteLines(log))
        {
            // "2026-11-21 10:22:33.264 info: teamfw[3001] team0: …"
            int msg = line.IndexOf("] ", StringComparison.Ordinal);
            if (msg < 0 || !Array.Exists(prefixes, p => line.AsSpan(msg + 2).StartsWith(p, StringComparison.Ordinal)))
            {
                continue;
            }

            string[] head = line.Split(' ', 3);
            string time = head.Length == 3 && head[1].Contains(':', StringComparison.Ordinal) ? head[1] + " " : string.Empty;
            events.Add(time + line[(msg + 2)..]);
        }

        return events;
    }

    /// <summary>The last <paramref name="count"/> lines, each cut to <paramref name="width"/> characters (state lines are long).</summary>
    public static string Tail(string log, int count, int width = 160)
    {
        string[] lines = log.TrimEnd('\n').Split('\n');
        lines = lines[Math.Max(0, lines.Length - count)..];
        for (int i = 0; i < lines.Length; i++)
        {
            if (lines[i].Length > width)
            {
                lines[i] = lines[i][..(width - 3)] + "...";
            }
        }

        return string.Join("\n", lines);
    }

    /// <summary>Reads the file from a byte offset (the daemon keeps writing it).</summary>
    public static string ReadFrom(string path, long offset)
    {
        try
        {
            using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            fs.Seek(Math.Min(offset, fs.Length), SeekOrigin.Begin);
            using var r = new StreamReader(fs);
            return r.ReadToEnd();
        }
        catch (FileNotFoundException)
        {
            return string.Empty;
        }
    }

    public static long Length(string path) => File.Exists(path) ? new FileInfo(path).Length : 0;

    /// <summary>Lines ended by '\n': a line still being written is not looked at yet.</summary>
    private static string[] CompleteLines(string log)
    {
        int end = log.LastIndexOf('\n');
        return end < 0 ? [] : log[..end].Split('\n');
    }
}

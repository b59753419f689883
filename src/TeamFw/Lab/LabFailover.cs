// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;
using System.Globalization;

namespace TeamFw.Lab;

/// <summary>
/// Measures an outage: one echo request per millisecond from the host team while an `ip` command
/// changes a link. The outage is the longest time between two replies in the 2 s after the change
/// (ping -D timestamps); lost requests are shown too, but under-count it because ping holds back
/// while replies are missing. The daemons' own log lines, printed next to it, say when they switched.
/// </summary>
internal static class LabFailover
{
    private const int Count = 3000;
    private const int ActionAfterMs = 1000;
    private const double WindowSeconds = 2.0;

    public static PingReport Measure(LabContext ctx, params string[] ipArgs)
    {
        PingReport r;
        double at;
        Dictionary<string, long> offsets = LogOffsets(ctx);
        using (RunningTool ping = LabPing.Start(["-D", "-i", "0.001", "-c", Count.ToString(CultureInfo.InvariantCulture), "-W", "1"]))
        {
            ctx.Sleep(ActionAfterMs);
            at = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;
            Tool.Ip(ipArgs);
            r = PingReport.Parse(ping.Wait(Count * 3 + 10_000, ctx.Token).Stdout);
        }

        ctx.Line("action", $"{Clock(at)} ip {string.Join(' ', ipArgs)}");
        PrintEvents(ctx, offsets);

        if (r.Transmitted < Count)
        {
            throw new LabException($"ping stopped after {r.Transmitted} of {Count} echo requests");
        }

        (int first, int count) = r.LongestGap();
        LabPing.Print(ctx, r);
        if (r.LongestSilence(at, at + WindowSeconds) is (double ms, double from, double to))
        {
            ctx.Line("outage", $"~{ms:0} ms without a reply, {Clock(from)} to {Clock(to)}");
        }
        else if (count > 0)
        {
            // No -D timestamps (busybox ping): estimate from the lost requests and the pace.
            ctx.Line("outage", $"~{count * (r.IntervalMs ?? 1.0):0} ms (lost requests x interval)");
        }

        ctx.Line("lost", count == 0 ? "none" : $"{count} in a row (icmp_seq {first}..{first + count - 1})");

        if (r.Duplicates > 0)
        {
            ctx.Line(string.Empty, "(duplicate replies can hide part of the outage)");
        }

        if (!r.RecoveredAfterGap())
        {
            throw new LabException($"no reply after icmp_seq {first}: the team did not find the other link");
        }

        return r;
    }

    /// <summary>New lines of both daemons' logs about port links, the active port and carrier.</summary>
    private static void PrintEvents(LabContext ctx, Dictionary<string, long> offsets)
    {
        foreach (LabSide side in LabTopology.Sides)
        {
            string log = DaemonLog.ReadFrom(ctx.State.LogPath(side), offsets[side.Role]);
            var prefixes = new List<string> { $"{LabTopology.Team}: active port ", $"{LabTopology.Team}: carrier " };
            foreach (LabPort p in side.Ports)
            {
                prefixes.Add($"{LabTopology.Team}: port {p.Name} link ");
            }

            foreach (string e in DaemonLog.Events(log, [.. prefixes]))
            {
                ctx.Line($"{side.Role} log", e);
            }
        }
    }

    private static Dictionary<string, long> LogOffsets(LabContext ctx)
    {
        var offsets = new Dictionary<string, long>();
        foreach (LabSide side in LabTopology.Sides)
        {
            offsets[side.Role] = DaemonLog.Length(ctx.State.LogPath(side));
        }

        return offsets;
    }

    /// <summary>Local wall-clock time, as the daemon logs print it.</summary>
    private static string Clock(double unixSeconds)
        => DateTimeOffset.FromUnixTimeMilliseconds((long)(unixSeconds * 1000)).ToLocalTime().ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture);
}

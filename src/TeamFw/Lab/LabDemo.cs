// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;
using System.Diagnostics;
using TeamFw.Native.Runtime;

namespace TeamFw.Lab;

/// <summary>
/// `teamfw lab demo` (make demo): up, traffic, state, fail the active link and measure the outage,
/// restore it, counters, down. The lab is always taken down again, also after an error or a signal.
/// </summary>
internal static class LabDemo
{
    private const int LogTailLines = 15;
    private const int ActiveTimeoutMs = 3_000;

    public static int Run(LabContext ctx)
    {
        string? failure = null;
        bool downOk = true;
        try
        {
            Steps(ctx);
        }
        catch (OperationCanceledException)
        {
            failure = "interrupted";
        }
        catch (Exception e) when (LabCommand.IsExpected(e))
        {
            failure = e.Message;
        }
        finally
        {
            if (ctx.CreatedLab)
            {
                if (failure is not null)
                {
                    PrintLogTails(ctx);
                }

                ctx.Section("lab down");
                downOk = LabDown.Run(ctx.State, ctx.Out) == 0;
            }
        }

        ctx.Section("result");
        if (failure is null && downOk)
        {
            ctx.Out.WriteLine("demo passed; nothing of the lab is left");
            return 0;
        }

        ctx.Out.Flush();
        StdIo.Error.WriteLine($"teamfw lab demo: FAILED: {failure ?? "the lab was not removed completely (see above)"}");
        return 1;
    }

    private static void Steps(LabContext ctx)
    {
        LabSide host = LabTopology.Host, peer = LabTopology.Peer;
        string link1 = peer.Ports[0].Name;
        LabUp.Create(ctx);

        ctx.Section("traffic");
        PingReport warm = PingReport.Parse(LabPing.Run(ctx, ["-c", "20", "-i", "0.05", "-W", "1"]).Stdout);
        LabPing.Print(ctx, warm);
        if (warm.Received == 0)
        {
            throw new LabException($"no reply from {peer.Address}");
        }

        if (warm.Duplicates > 0)
        {
            // Seen while the ports' own IPv4 stacks still accept frames for team0's address (weak host
            // model): the peer answers both from tp1 and from team0. The lab shows it instead of hiding it.
            ctx.Line("note", "duplicates: the ports' own IP stacks answer too");
            ctx.Line(string.Empty, "(which can hide loss in the measurements below)");
        }

        ctx.Section("state");
        Dictionary<string, LabTeamState> before = States(ctx);
        LabReport.PrintStates(ctx, before);
        ctx.Out.WriteLine("  (* active port; counters from the daemons' SIGUSR1 state lines)");
        if (before[host.Role].ActivePort != host.Ports[0].Name)
        {
            throw new LabException($"the host team's active port is {before[host.Role].ActivePort ?? "none"}, expected {host.Ports[0].Name} (highest prio)");
        }

        ctx.Section($"failover: {link1} down in {peer.Netns}");
        LabFailover.Measure(ctx, "-n", peer.Netns, "link", "set", link1, "down");
        Dictionary<string, LabTeamState> failed = StatesOnceActive(ctx, host, host.Ports[1].Name);
        PrintActive(ctx, before, failed);
        LabReport.PrintStates(ctx, failed);

        ctx.Section($"failback: {link1} up in {peer.Netns}");
        LabFailover.Measure(ctx, "-n", peer.Netns, "link", "set", link1, "up");
        Dictionary<string, LabTeamState> back = StatesOnceActive(ctx, host, host.Ports[0].Name);
        PrintActive(ctx, failed, back);

        ctx.Section("counters");
        LabReport.PrintStates(ctx, back);
    }

    /// <summary>Before the state directory goes: what the daemons said last, to see why a step failed.</summary>
    private static void PrintLogTails(LabContext ctx)
    {
        foreach (LabSide side in LabTopology.Sides)
        {
            ctx.Section($"{side.Role} daemon log, last lines");
            ctx.Out.WriteLine(DaemonLog.Tail(DaemonLog.ReadFrom(ctx.State.LogPath(side), 0), LogTailLines));
        }
    }

    private static Dictionary<string, LabTeamState> States(LabContext ctx)
    {
        var states = new Dictionary<string, LabTeamState>();
        foreach (LabSide side in LabTopology.Sides)
        {
            states[side.Role] = LabDaemons.FetchState(ctx, side);
        }

        return states;
    }

    private static void PrintActive(LabContext ctx, Dictionary<string, LabTeamState> was, Dictionary<string, LabTeamState> now)
    {
        foreach (LabSide side in LabTopology.Sides)
        {
            ctx.Line($"{side.Role} active", LabReport.Change(was[side.Role].ActivePort, now[side.Role].ActivePort));
        }
    }

    /// <summary>Both states, once <paramref name="side"/> reports <paramref name="activePort"/> (link events can take a moment).</summary>
    private static Dictionary<string, LabTeamState> StatesOnceActive(LabContext ctx, LabSide side, string activePort)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            Dictionary<string, LabTeamState> states = States(ctx);
            string? active = states[side.Role].ActivePort;
            if (active == activePort)
            {
                return states;
            }

            if (clock.ElapsedMilliseconds > ActiveTimeoutMs)
            {
                throw new LabException($"the {side.Role} team's active port is {active ?? "none"}, expected {activePort}");
            }

            ctx.Sleep(200);
        }
    }
}

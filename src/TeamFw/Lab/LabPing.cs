// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System.Collections.Generic;

namespace TeamFw.Lab;

/// <summary>ping from the host namespace to the peer's team address (the only traffic the lab sends).</summary>
internal static class LabPing
{
    public static ToolResult Run(LabContext ctx, IEnumerable<string> options, int timeoutMs = 30_000)
    {
        using RunningTool t = Start(options);
        return t.Wait(timeoutMs, ctx.Token);
    }

    public static RunningTool Start(IEnumerable<string> options)
    {
        var args = new List<string> { "netns", "exec", LabTopology.Host.Netns, "ping", "-n" };
        args.AddRange(options);
        args.Add(LabTopology.Peer.Address);
        return Tool.Start("ip", args);
    }

    /// <summary>"ping 20 sent, 20 received, 0 lost" (+ duplicates when any), then "rtt min/avg/max ...".</summary>
    public static void Print(LabContext ctx, PingReport r)
    {
        string s = $"{r.Transmitted} sent, {r.Received} received, {r.Lost} lost";
        if (r.Duplicates > 0)
        {
            s += $", {r.Duplicates} duplicates";
        }

        ctx.Line("ping", s);
        if (r.RttMin is double min && r.RttAvg is double avg && r.RttMax is double max)
        {
            ctx.Line("rtt", $"min/avg/max {min:0.###}/{avg:0.###}/{max:0.###} ms");
        }
    }
}

// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System.Collections.Generic;
using System.Diagnostics;
using System.IO;

namespace TeamFw.Lab;

/// <summary>`teamfw lab up`: namespaces, veth links, two daemons, addresses; then waits for carrier and a ping.</summary>
internal static class LabUp
{
    private const int CarrierTimeoutMs = 10_000;
    private const int PingAttempts = 10;

    /// <summary>Refuses (exit 1) when the lab or a namespace of that name is already there.</summary>
    public static void CheckFree(LabContext ctx)
    {
        List<string> existing = IpOutput.NetnsNames(Tool.Ip("netns", "list"));
        if (ctx.State.Exists)
        {
            throw new LabException($"the lab is already up (state in {ctx.State.Dir}); run `teamfw lab down` first");
        }

        foreach (LabSide side in LabTopology.Sides)
        {
            if (existing.Contains(side.Netns))
            {
                throw new LabException($"network namespace {side.Netns} already exists and was not made by `teamfw lab up` (no {ctx.State.Dir}); leaving it alone. Remove it with `ip netns del {side.Netns}` if it is stale.");
            }
        }
    }

    /// <summary>Builds the lab; on any failure or interruption removes what it made and rethrows.</summary>
    public static Dictionary<string, int> Create(LabContext ctx)
    {
        CheckFree(ctx);
        ctx.Section("lab up");
        ctx.State.Create();
        ctx.CreatedLab = true;
        try
        {
            return Build(ctx);
        }
        catch
        {
            ctx.Section("lab down (the start did not complete)");
            LabDown.Run(ctx.State, ctx.Out);
            ctx.CreatedLab = false;
            throw;
        }
    }

    private static Dictionary<string, int> Build(LabContext ctx)
    {
        foreach (LabSide side in LabTopology.Sides)
        {
            Tool.Ip("netns", "add", side.Netns);
            ctx.State.RecordNetns(side.Netns);
            Tool.Ip("-n", side.Netns, "link", "set", "lo", "up");
        }

        ctx.Line("namespaces", $"{LabTopology.Host.Netns}, {LabTopology.Peer.Netns}");
        for (int i = 0; i < LabTopology.Host.Ports.Count; i++)
        {
            string hostPort = LabTopology.Host.Ports[i].Name, peerPort = LabTopology.Peer.Ports[i].Name;
            Tool.Ip("-n", LabTopology.Host.Netns, "link", "add", hostPort, "type", "veth", "peer", "name", peerPort, "netns", LabTopology.Peer.Netns);
            ctx.Line(i == 0 ? "veth links" : string.Empty, $"{LabTopology.Host.Netns}:{hostPort} <-> {LabTopology.Peer.Netns}:{peerPort}");
        }

        var pids = new Dictionary<string, int>();
        foreach (LabSide side in LabTopology.Sides)
        {
            File.WriteAllText(ctx.State.ConfigPath(side), LabTopology.ConfigJson(side));
            ctx.Token.ThrowIfCancellationRequested();
            pids[side.Role] = LabDaemons.Start(ctx, side);
            Tool.Ip("-n", side.Netns, "addr", "add", $"{side.Address}/{LabTopology.PrefixLength}", "dev", LabTopology.Team);
            Tool.Ip("-n", side.Netns, "link", "set", LabTopology.Team, "up");
            ctx.Line($"{side.Role} team", $"{LabTopology.Describe(side)}, pid {pids[side.Role]}");
        }

        ctx.Line("state dir", $"{ctx.State.Dir} (configs, pid files, daemon logs)");
        WaitCarrier(ctx);
        ctx.Line("carrier", $"{LabTopology.Team} up in both namespaces");
        string rtt = WaitPing(ctx);
        ctx.Line("ping", $"{LabTopology.Host.Address} -> {LabTopology.Peer.Address}: reply{rtt}");
        return pids;
    }

    private static void WaitCarrier(LabContext ctx)
    {
        var clock = Stopwatch.StartNew();
        foreach (LabSide side in LabTopology.Sides)
        {
            while (!IpOutput.HasCarrier(Tool.Ip("-n", side.Netns, "link", "show", "dev", LabTopology.Team)))
            {
                if (clock.ElapsedMilliseconds > CarrierTimeoutMs)
                {
                    throw new LabException($"{LabTopology.Team} in {side.Netns} has no carrier after {CarrierTimeoutMs / 1000} s (see {ctx.State.LogPath(side)})");
                }

                ctx.Sleep(50);
            }
        }
    }

    private static string WaitPing(LabContext ctx)
    {
        for (int i = 0; i < PingAttempts; i++)
        {
            ToolResult r = LabPing.Run(ctx, ["-c", "1", "-W", "1"]);
            PingReport p = PingReport.Parse(r.Stdout);
            if (p.Received > 0)
            {
                return p.RttAvg is double ms ? $" in {ms:0.###} ms" : string.Empty;
            }
        }

        throw new LabException($"no ping reply from {LabTopology.Peer.Address} in {PingAttempts} tries (logs in {ctx.State.Dir})");
    }

    public static void PrintUsage(LabContext ctx, Dictionary<string, int> pids)
    {
        ctx.Section("try");
        ctx.Out.WriteLine($"  ip netns exec {LabTopology.Host.Netns} ping {LabTopology.Peer.Address}");
        ctx.Out.WriteLine($"  ip -n {LabTopology.Peer.Netns} link set {LabTopology.Peer.Ports[0].Name} down   # fail the active link; 'up' to restore");
        foreach (LabSide side in LabTopology.Sides)
        {
            ctx.Out.WriteLine($"  kill -USR1 {pids[side.Role]}; tail -n 1 {ctx.State.LogPath(side)}   # {side.Role} state");
        }

        ctx.Out.WriteLine("  teamfw lab down");
        ctx.Out.Flush();
    }
}

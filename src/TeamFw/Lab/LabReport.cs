// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System.Collections.Generic;
using System.Text;

namespace TeamFw.Lab;

/// <summary>Plain-text tables of a team's state and counters (fits 80 columns; no colours).</summary>
internal static class LabReport
{
    public static string Header(LabSide side, int pid, LabTeamState v)
        => $"{side.Role} {LabTopology.Team} ({side.Netns}, pid {pid}): carrier {(v.Carrier ? "up" : "down")}, active port {v.ActivePort ?? "none"}";

    public static string Table(LabTeamState v)
    {
        var sb = new StringBuilder();
        sb.Append("  port   link  prio    rx pkts    rx bytes    tx pkts    tx bytes  dropped\n");
        foreach (LabPortState p in v.Ports)
        {
            Row(sb, p.Name + (p.Name == v.ActivePort ? "*" : string.Empty), p.LinkUp ? "up" : "down", p.Prio.ToString(System.Globalization.CultureInfo.InvariantCulture), p.Stats);
        }

        Row(sb, LabTopology.Team, string.Empty, string.Empty, v.Stats);
        return sb.ToString();
    }

    /// <summary>"tl1 -> tl2" or "tl1 (unchanged)".</summary>
    public static string Change(string? before, string? after)
        => before == after ? $"{after ?? "none"} (unchanged)" : $"{before ?? "none"} -> {after ?? "none"}";

    public static void PrintStates(LabContext ctx, IReadOnlyDictionary<string, LabTeamState> states)
    {
        foreach (LabSide side in LabTopology.Sides)
        {
            LabTeamState v = states[side.Role];
            ctx.Out.WriteLine(Header(side, ctx.State.ReadPid(side) ?? 0, v));
            ctx.Out.Write(Table(v));
        }

        ctx.Out.Flush();
    }

    private static void Row(StringBuilder sb, string name, string link, string prio, LabCounters c)
        => sb.Append($"  {name,-6} {link,-4} {prio,5} {c.RxPackets,10} {c.RxBytes,11} {c.TxPackets,10} {c.TxBytes,11} {c.RxDropped + c.TxDropped,8}\n");
}

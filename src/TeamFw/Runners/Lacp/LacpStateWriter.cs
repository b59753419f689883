// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System.Globalization;
using System.Text;
using System.Text.Json;
using TeamFw.Packets;

namespace TeamFw.Runners.Lacp;

/// <summary>The lacp runner's items of the state document (teamd's names: the state value tables of libteam teamd/teamd_runner_lacp.c) and of the human view.</summary>
internal static class LacpStateWriter
{
    /// <summary>runner{active, sys_prio, fast_rate, select_policy}.</summary>
    public static void WriteRunner(Utf8JsonWriter w, LacpRunner lacp)
    {
        w.WriteBoolean("active", lacp.Config.Active);
        w.WriteNumber("sys_prio", lacp.Config.SysPrio);
        w.WriteBoolean("fast_rate", lacp.Config.FastRate);
        w.WriteString("select_policy", lacp.Config.AggSelectPolicy);
    }

    /// <summary>teamfw.runner: min_ports and the selected aggregator.</summary>
    public static void WriteRunnerExtras(Utf8JsonWriter w, LacpRunner lacp)
    {
        w.WriteNumber("min_ports", lacp.Config.MinPorts);
        w.WriteNumber("selected_aggregator", lacp.SelectedAggregator?.Port.IfIndex ?? 0);
    }

    /// <summary>ports.IF.runner: selected, aggregator{id, selected}, state, key, prio, actor/partner LACPDU info.</summary>
    public static void WritePort(Utf8JsonWriter w, LacpRunner lacp, LacpPort lp)
    {
        w.WriteBoolean("selected", lp.Selected);
        w.WriteStartObject("aggregator");
        w.WriteNumber("id", lp.AggregatorId);
        w.WriteBoolean("selected", lacp.IsInSelectedAggregator(lp));
        w.WriteEndObject();
        w.WriteString("state", LacpRunner.StateName(lp.State));
        w.WriteNumber("key", lp.Port.LacpKey);
        w.WriteNumber("prio", lp.Port.LacpPrio);
        LacpInfoJson.Write(w, "actor_lacpdu_info", lp.Actor);
        LacpInfoJson.Write(w, "partner_lacpdu_info", lp.Partner);
    }

    /// <summary>teamfw.ports.IF.lacpdu_stats: the port's LACPDU counters.</summary>
    public static void WritePortExtras(Utf8JsonWriter w, LacpPort lp)
    {
        w.WriteStartObject("lacpdu_stats");
        w.WriteNumber("rx", lp.RxPdus);
        w.WriteNumber("tx", lp.TxPdus);
        w.WriteNumber("rx_invalid", lp.RxInvalid);
        w.WriteNumber("rx_ignored", lp.RxIgnored);
        w.WriteNumber("tx_failed", lp.TxFailed);
        w.WriteNumber("marker_responses", lp.MarkerResponses);
        w.WriteEndObject();
    }

    /// <summary>The LACP block of the SIGUSR1 view: one line per port with actor and partner.</summary>
    public static void AppendView(StringBuilder sb, LacpRunner lacp)
    {
        var inv = CultureInfo.InvariantCulture;
        RunnerConfigLine(sb, lacp);
        foreach (LacpPort lp in lacp.LacpPorts)
        {
            LacpInfo a = lp.Actor, p = lp.Partner;
            sb.Append(inv, $"  {lp.Port.Name}: {LacpRunner.StateName(lp.State)}, aggregator {lp.AggregatorId}{(lacp.IsInSelectedAggregator(lp) ? " (selected)" : string.Empty)}, ");
            sb.Append(inv, $"actor {a.SystemPriority},{a.SystemText()} key {a.Key} port {a.PortPriority},{a.Port} state 0x{(int)a.State:x2}; ");
            sb.Append(inv, $"partner {p.SystemPriority},{p.SystemText()} key {p.Key} port {p.PortPriority},{p.Port} state 0x{(int)p.State:x2}; ");
            sb.Append(inv, $"lacpdu rx {lp.RxPdus} tx {lp.TxPdus} invalid {lp.RxInvalid}\n");
        }
    }

    private static void RunnerConfigLine(StringBuilder sb, LacpRunner lacp)
    {
        var c = lacp.Config;
        sb.Append("runner:\n");
        sb.Append(CultureInfo.InvariantCulture, $"  lacp: {(c.Active ? "active" : "passive")}, {(c.FastRate ? "fast" : "slow")} rate, system priority {c.SysPrio}, min_ports {c.MinPorts}, agg_select_policy {c.AggSelectPolicy}\n");
    }
}

// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System.Globalization;
using System.Text;
using System.Text.Json;
using TeamFw.Control.Options;
using TeamFw.Runners;

namespace TeamFw.Daemon;

/// <summary>
/// The loadbalance part of the state (runner loadbalance or lacp): teamd shows nothing of its own here,
/// teamfw adds teamfw.runner.tx_hash (the config's fields, or "bpf" while a program set through bpf_hash_func
/// hashes), teamfw.runner.lb_tx_method and, with a balancer, teamfw.runner.tx_balancer {name, balancing_interval, moves}.
/// </summary>
public static partial class StateWriter
{
    private static void WriteLoadBalance(Utf8JsonWriter w, Team team)
    {
        if (team.LoadBalance is not { } lb)
        {
            return;
        }

        w.WriteStartArray("tx_hash");
        if (lb.HashProgram is not null || lb.HashRemoved)
        {
            w.WriteStringValue(lb.HashRemoved ? "none" : "bpf");
        }
        else
        {
            foreach (string f in team.Config.Runner.TxHash)
            {
                w.WriteStringValue(f);
            }
        }

        w.WriteEndArray();
        w.WriteString("lb_tx_method", LoadBalanceOptions.MethodName(lb.TxMethod));
        if (team.Runner is ITxBalancerOwner { Balancer: { } tb })
        {
            w.WriteStartObject("tx_balancer");
            w.WriteString("name", TxBalancer.Name);
            w.WriteNumber("balancing_interval", tb.IntervalTenths);
            w.WriteNumber("moves", tb.Moves);
            w.WriteEndObject();
        }
    }

    private static void ViewLoadBalance(StringBuilder sb, Team team)
    {
        if (team.LoadBalance is not { } lb)
        {
            return;
        }

        CultureInfo inv = CultureInfo.InvariantCulture;
        string hash = lb.HashRemoved ? "none" : lb.HashProgram is not null ? "bpf_hash_func" : string.Join(", ", team.Config.Runner.TxHash);
        sb.Append("runner:\n");
        sb.Append(inv, $"  tx hash: {hash}, lb_tx_method {LoadBalanceOptions.MethodName(lb.TxMethod)}\n");
        if (team.Runner is ITxBalancerOwner { Balancer: { } tb })
        {
            sb.Append(inv, $"  tx balancer: {TxBalancer.Name}, interval {tb.IntervalTenths} (tenths of s), {tb.Moves} buckets moved\n");
        }
    }
}

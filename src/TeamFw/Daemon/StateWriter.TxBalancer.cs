// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System.Globalization;
using System.Text;
using System.Text.Json;
using TeamFw.Runners;

namespace TeamFw.Daemon;

/// <summary>
/// The tx_balancer part of the state (teamd's runner.tx_balancer, driven by the loadbalance or lacp runner over
/// the mode's hash-to-port mapping): teamd shows nothing of its own here, teamfw adds
/// teamfw.runner.tx_balancer {name, balancing_interval, moves}.
/// </summary>
public static partial class StateWriter
{
    private static void WriteTxBalancer(Utf8JsonWriter w, Team team)
    {
        if (team.Runner is ITxBalancerOwner { Balancer: { } tb })
        {
            w.WriteStartObject("tx_balancer");
            w.WriteString("name", TxBalancer.Name);
            w.WriteNumber("balancing_interval", tb.IntervalTenths);
            w.WriteNumber("moves", tb.Moves);
            w.WriteEndObject();
        }
    }

    private static void ViewTxBalancer(StringBuilder sb, Team team)
    {
        if (team.Runner is ITxBalancerOwner { Balancer: { } tb })
        {
            sb.Append(CultureInfo.InvariantCulture, $"  tx balancer: {TxBalancer.Name}, interval {tb.IntervalTenths} (tenths of s), {tb.Moves} buckets moved\n");
        }
    }
}

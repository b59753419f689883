// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System.Text.Json;
using TeamFw.Runners;

namespace TeamFw.Config;

public static partial class ConfigLoader
{
    /// <summary>runner.tx_hash fields (teamd_hash_func.c).</summary>
    internal static readonly string[] TxHashFields = ["eth", "vlan", "ipv4", "ipv6", "ip", "l3", "tcp", "udp", "sctp", "l4"];

    private static readonly string[] s_hwAddrPolicies = ["same_all", "by_active", "only_active"];
    private static readonly string[] s_aggSelectPolicies = ["lacp_prio", "lacp_prio_stable", "bandwidth", "count", "port_config"];
    private static readonly string[] s_txBalancers = ["basic"];
    private static readonly string[] s_lacpKeys = ["active", "fast_rate", "sys_prio", "min_ports", "agg_select_policy"];
    private static readonly string[] s_hashKeys = ["tx_hash", "tx_balancer", "balancing_interval"];
    private static readonly RunnerConfig s_runnerDefaults = new();
    private static readonly ValueList<string> s_defaultTxHash = new([.. s_runnerDefaults.TxHash]);

    private static RunnerConfig ReadRunner(ObjectReader? r)
    {
        if (r is null)
        {
            return s_runnerDefaults with { TxHash = s_defaultTxHash };
        }

        string name = r.Choice("name", s_runnerDefaults.Name, "runner", RunnerRegistry.Names);
        RunnerKeys keys = RunnerRegistry.Find(name)!.Keys;
        bool hashing = keys.HasFlag(RunnerKeys.TxHash);

        // teamd reads a runner key only in the runner that uses it: elsewhere it is not even
        // type-checked, so a value that teamd accepts must not fail here either.
        string unused = $"not used by the {name} runner, ignored";
        if (!keys.HasFlag(RunnerKeys.HwAddrPolicy))
        {
            r.Ignore("hwaddr_policy", unused);
        }

        if (!keys.HasFlag(RunnerKeys.Lacp))
        {
            IgnoreAll(r, s_lacpKeys, unused);
        }

        if (!hashing)
        {
            IgnoreAll(r, s_hashKeys, unused);
        }

        r.Ignore("addr", "ZMQ control address: not supported by teamfw, ignored");

        RunnerConfig d = s_runnerDefaults;
        string? balancerName = null;
        int balancingInterval = d.TxBalancerInterval;
        bool intervalInBalancer = false;
        if (r.Object("tx_balancer") is { } balancer)
        {
            intervalInBalancer = balancer.Has("balancing_interval");
            // No name means no balancer, as in teamd; the interval is still checked.
            if (balancer.Has("name"))
            {
                balancerName = balancer.Choice("name", "basic", "tx balancer", s_txBalancers);
            }
            // teamd reads it here and takes its default for a negative value (teamd_balancer.c,
            // tb_get_balancing_interval; the kernel oracle's teamd started with -1).
            if (balancer.OptionalInt("balancing_interval", int.MinValue, int.MaxValue) is int interval)
            {
                if (interval < 0)
                {
                    r.Context.Warn(balancer.PathOf("balancing_interval"), $"{interval} is negative: the default {d.TxBalancerInterval} is used, as teamd does");
                }
                else
                {
                    balancingInterval = interval;
                }
            }

            balancer.WarnUnknown();
        }

        // runner.balancing_interval is read too (teamfw's earlier documentation took it for where teamd
        // reads the interval); runner.tx_balancer.balancing_interval wins when both are given.
        if (hashing && r.OptionalInt("balancing_interval", int.MinValue, int.MaxValue) is int legacy && !intervalInBalancer)
        {
            if (legacy < 0)
            {
                r.Context.Warn(r.PathOf("balancing_interval"), $"{legacy} is negative: the default {d.TxBalancerInterval} is used, as teamd does");
            }
            else
            {
                balancingInterval = legacy;
            }
        }

        var runner = new RunnerConfig
        {
            Name = name,
            HwAddrPolicy = r.Choice("hwaddr_policy", d.HwAddrPolicy, "hwaddr policy", s_hwAddrPolicies),
            Active = r.Bool("active", d.Active),
            FastRate = r.Bool("fast_rate", d.FastRate),
            SysPrio = r.Int("sys_prio", d.SysPrio, 0, 65535),
            MinPorts = r.Int("min_ports", d.MinPorts, 1, 1024),
            AggSelectPolicy = r.Choice("agg_select_policy", d.AggSelectPolicy, "aggregator selection policy", s_aggSelectPolicies),
            TxHash = ReadTxHash(r) ?? s_defaultTxHash,
            TxBalancerName = balancerName,
            TxBalancerInterval = balancingInterval,
        };
        r.WarnUnknown();
        return runner;
    }

    private static void IgnoreAll(ObjectReader r, string[] keys, string reason)
    {
        foreach (string key in keys)
        {
            r.Ignore(key, reason);
        }
    }

    private static ValueList<string>? ReadTxHash(ObjectReader r)
    {
        if (!r.TryTake("tx_hash", out JsonElement e))
        {
            return null;
        }

        string path = r.PathOf("tx_hash");
        JsonValues.Kind(r.Context, e, path, JsonValueKind.Array);
        if (e.GetArrayLength() == 0)
        {
            r.Context.Fail(path, "empty array (expected at least one field)");
        }

        string[] fields = new string[e.GetArrayLength()];
        for (int i = 0; i < fields.Length; i++)
        {
            fields[i] = JsonValues.Choice(r.Context, e[i], JsonPaths.Index(path, i), "field", TxHashFields);
        }

        return new ValueList<string>(fields);
    }
}

// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using TeamFw.Config;
using TeamFw.Runners.Lacp;

namespace TeamFw.Runners;

/// <summary>The runners teamfw implements, as a static table.</summary>
public static class RunnerRegistry
{
    private sealed record RunnerDescriptor(string Name, Func<RunnerConfig, IRunner> Create);

    private static readonly RunnerDescriptor[] s_runners =
    [
        new("broadcast", static _ => new BasicRunner("broadcast")),
        new("roundrobin", static _ => new BasicRunner("roundrobin")),
        new("random", static _ => new BasicRunner("random")),
        new("activebackup", static _ => new ActiveBackupRunner()),
        new("lacp", static c => new LacpRunner(c)),
        new("loadbalance", static _ => new BasicRunner("loadbalance")),
    ];

    /// <summary>The runner names implemented, for messages.</summary>
    public static string Names => string.Join(", ", Array.ConvertAll(s_runners, d => d.Name));

    public static IRunner? Create(string name) => Create(new RunnerConfig { Name = name });

    public static IRunner? Create(RunnerConfig config)
    {
        foreach (RunnerDescriptor d in s_runners)
        {
            if (d.Name == config.Name)
            {
                return d.Create(config);
            }
        }

        return null;
    }
}

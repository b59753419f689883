// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;

namespace TeamFw.Runners;

/// <summary>The runners teamfw implements, as a static table.</summary>
public static class RunnerRegistry
{
    private sealed record RunnerDescriptor(string Name, Func<IRunner> Create);

    private static readonly RunnerDescriptor[] s_runners =
    [
        new("broadcast", static () => new BasicRunner("broadcast")),
        new("roundrobin", static () => new BasicRunner("roundrobin")),
        new("random", static () => new BasicRunner("random")),
        new("activebackup", static () => new ActiveBackupRunner()),
        new("loadbalance", static () => new LoadBalanceRunner()),
    ];

    public static IRunner? Create(string name)
    {
        foreach (RunnerDescriptor d in s_runners)
        {
            if (d.Name == name)
            {
                return d.Create();
            }
        }

        return null;
    }
}

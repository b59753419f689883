// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;

namespace TeamFw.Modes;

/// <summary>The modes, as a static table (no reflection or discovery).</summary>
public static class ModeRegistry
{
    private sealed record ModeDescriptor(string Name, Func<ITeamMode> Create);

    private static readonly ModeDescriptor[] s_modes =
    [
        new("broadcast", static () => new BroadcastMode()),
        new("roundrobin", static () => new RoundRobinMode()),
        new("random", static () => new RandomMode()),
        new("activebackup", static () => new ActiveBackupMode()),
        new(LoadBalanceMode.KindName, static () => new LoadBalanceMode()),
    ];

    public static ITeamMode? Create(string name)
    {
        foreach (ModeDescriptor d in s_modes)
        {
            if (d.Name == name)
            {
                return d.Create();
            }
        }

        return null;
    }

    public static bool Exists(string name) => Array.Exists(s_modes, d => d.Name == name);
}

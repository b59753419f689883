// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;

namespace TeamFw.Modes;

/// <summary>The modes, as a static table (no reflection or discovery): a new mode is its file plus one line here.</summary>
public static class ModeRegistry
{
    private static readonly ModeDescriptor[] s_modes =
    [
        BroadcastMode.Descriptor,
        RoundRobinMode.Descriptor,
        RandomMode.Descriptor,
        ActiveBackupMode.Descriptor,
        LoadBalanceMode.Descriptor,
    ];

    public static IReadOnlyList<ModeDescriptor> All => s_modes;

    public static ModeDescriptor? Find(string name) => Array.Find(s_modes, d => d.Name == name);

    public static ITeamMode? Create(string name) => Find(name)?.Create();

    public static bool Exists(string name) => Find(name) is not null;
}

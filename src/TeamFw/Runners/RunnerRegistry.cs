// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;
using TeamFw.Config;
using TeamFw.Runners.Lacp;

namespace TeamFw.Runners;

/// <summary>The runners teamfw implements, as a static table: a new runner is its file plus one line here.</summary>
public static class RunnerRegistry
{
    /// <summary>In teamd.conf(5)'s order (the order config errors list them in). A mode's plain runner (no protocol
    /// of its own) comes before any other runner of that mode (lacp): <see cref="ForMode"/> relies on it.</summary>
    private static readonly RunnerDescriptor[] s_runners =
    [
        BasicRunner.Broadcast,
        BasicRunner.RoundRobin,
        BasicRunner.Random,
        ActiveBackupRunner.Descriptor,
        BasicRunner.LoadBalance,
        LacpRunner.Descriptor,
    ];

    private static readonly string[] s_names = Array.ConvertAll(s_runners, d => d.Name);

    public static IReadOnlyList<RunnerDescriptor> All => s_runners;

    /// <summary>The runner names, for the config loader's choice and its messages.</summary>
    public static string[] Names => s_names;

    /// <summary>teamd's runner when the config names none (teamd.conf(5) runner.name).</summary>
    public static RunnerDescriptor Default => BasicRunner.RoundRobin;

    /// <summary>The runner named <paramref name="name"/>, or null when teamfw has none by that name.</summary>
    public static RunnerDescriptor? Find(string name) => Array.Find(s_runners, d => d.Name == name);

    /// <summary>
    /// The runner that drives <paramref name="mode"/> when the mode is set through the control socket (the team
    /// family's "mode" option): the first in the table whose <see cref="RunnerDescriptor.ModeName"/> it is, or null.
    /// </summary>
    public static RunnerDescriptor? ForMode(string mode) => Array.Find(s_runners, d => d.ModeName == mode);

    public static IRunner? Create(string name) => Create(new RunnerConfig { Name = name });

    public static IRunner? Create(RunnerConfig config) => Find(config.Name)?.Create(config);
}

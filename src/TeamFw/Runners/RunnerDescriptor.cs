// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Text.Json;
using TeamFw.Cli.Teamdctl;
using TeamFw.Config;

namespace TeamFw.Runners;

/// <summary>
/// Everything the rest of teamfw knows about one runner, declared next to the runner: its teamd name, the
/// kernel mode it drives, how to make one, which runner.* config keys it reads (and so dumps), and how
/// teamdctl's <c>state view</c> shows the state it adds. The daemon and the tools ask this, never the name.
/// </summary>
public sealed record RunnerDescriptor(string Name, string ModeName, RunnerKeys Keys, Func<RunnerConfig, IRunner> Create)
{
    /// <summary>notify_peers.count and mcast_rejoin.count when the config leaves them out (teamd.conf(5): 1 for
    /// activebackup, 0 for the others).</summary>
    public int DefaultNotifyCount { get; init; }

    /// <summary>The runner keeps teamd's active port: the state document's runner.active_port (writable with
    /// <c>state item set</c>) and the SIGUSR1 view's "active port" line.</summary>
    public bool HasActivePort { get; init; }

    /// <summary>teamdctl's rendering of the document's "runner" object, or null when the runner has none.</summary>
    public Action<StateViewLines, JsonElement>? ViewRunner { get; init; }

    /// <summary>teamdctl's rendering of a port's "runner" object, or null when the runner has none.</summary>
    public Action<StateViewLines, JsonElement>? ViewPort { get; init; }
}

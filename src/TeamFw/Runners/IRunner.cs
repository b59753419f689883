// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System.Collections.Generic;
using TeamFw.Modes;

namespace TeamFw.Runners;

/// <summary>What a runner may do to its team (the kernel options teamd writes).</summary>
public interface ITeamControl
{
    IReadOnlyList<IRunnerPort> Ports { get; }

    IRunnerPort? ActivePort { get; }

    /// <summary>The per-port "enabled" option.</summary>
    void SetEnabled(IRunnerPort port, bool enabled);

    /// <summary>The activebackup "activeport" option (null = none).</summary>
    void SetActivePort(IRunnerPort? port, string reason);
}

/// <summary>
/// A teamd runner: reacts to ports coming and going and to link-watch verdicts by setting
/// port options. Runs on the team's control thread only.
/// </summary>
public interface IRunner
{
    /// <summary>The teamd runner name (the config's runner.name).</summary>
    string Name { get; }

    /// <summary>The kernel mode this runner drives.</summary>
    string ModeName { get; }

    void PortAdded(ITeamControl team, IRunnerPort port);

    void PortRemoved(ITeamControl team, IRunnerPort port);

    /// <summary>The link watchers changed their verdict, or speed/duplex changed.</summary>
    void PortLinkChanged(ITeamControl team, IRunnerPort port);

    /// <summary>When the runner next wants <see cref="OnTimer"/> (Environment.TickCount64 ms), or long.MaxValue.</summary>
    long NextDeadline => long.MaxValue;

    /// <summary>Called on the control thread once <see cref="NextDeadline"/> has passed.</summary>
    void OnTimer(ITeamControl team, long now)
    {
    }
}

// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System.Collections.Generic;
using TeamFw.Control.Options;
using TeamFw.Stats;

namespace TeamFw.Control;

/// <summary>A port as the teamfw family lists it.</summary>
public readonly record struct ControlPortInfo(int IfIndex, string Name, StatsSnapshot Stats);

/// <summary>One team as the control socket serves it (the daemon's Team, or a test fake); a runner sees the team as
/// <see cref="Runners.IRunnerTeam"/>.</summary>
public interface IControlSocketTeam
{
    string Name { get; }

    int IfIndex { get; }

    string ModeName { get; }

    TeamControlState ControlState { get; }

    StatsSnapshot Stats { get; }

    IReadOnlyList<ControlPortInfo> PortInfos { get; }

    /// <summary>The teamdctl state document (JSON).</summary>
    string StateJson();

    /// <summary>The config as teamd JSON; <paramref name="flags"/>: <see cref="TeamfwConfigFlags"/>.</summary>
    string ConfigJson(uint flags);

    /// <summary>teamdctl state item set: setup.debug_level, runner.active_port.</summary>
    ControlError SetStateItem(string path, string value);

    ControlError AddPort(string name);

    ControlError RemovePort(string name);

    /// <summary>teamdctl port config update: the port's teamd JSON object.</summary>
    ControlError UpdatePortConfig(string name, string json);
}

/// <summary>The daemon behind the control socket. Every call comes on the thread that runs the server.</summary>
public interface IControlBackend
{
    IReadOnlyList<IControlSocketTeam> ControlTeams { get; }

    /// <summary>LINK_NEW: a team from a teamd config.</summary>
    ControlError CreateTeam(string json);

    ControlError DeleteTeam(IControlSocketTeam team);

    /// <summary>The name of interface <paramref name="ifIndex"/>, or null.</summary>
    string? InterfaceName(int ifIndex);

    /// <summary>After a request that may have changed state: publish what changed as events.</summary>
    void Sync();
}

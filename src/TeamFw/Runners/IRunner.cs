// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using TeamFw.Modes;

namespace TeamFw.Runners;

/// <summary>The team as its runner sees it: what a runner may do to its team (the kernel options teamd writes).
/// Not to be confused with <see cref="Control.IControlSocketTeam"/>, the team as the control socket serves it.</summary>
public interface IRunnerTeam
{
    /// <summary>The team device's name (for log lines).</summary>
    string Name { get; }

    ILogger Logger { get; }

    /// <summary>The team's MAC (lacp: the actor system ID).</summary>
    ReadOnlySpan<byte> TeamMac { get; }

    IReadOnlyList<IRunnerPort> Ports { get; }

    IRunnerPort? ActivePort { get; }

    /// <summary>The per-port "enabled" option.</summary>
    void SetEnabled(IRunnerPort port, bool enabled);

    /// <summary>The activebackup "activeport" option (null = none).</summary>
    void SetActivePort(IRunnerPort? port, string reason);

    /// <summary>Sends a whole Ethernet frame on the port's runner socket (see <see cref="IRunner.ControlEtherType"/>),
    /// whether the port is enabled or not. False when it could not be sent.</summary>
    bool SendControlFrame(IRunnerPort port, ReadOnlySpan<byte> frame);
}

/// <summary>
/// A teamd runner: reacts to ports coming and going and to link-watch verdicts by setting
/// port options. Runs on the team's control thread only.
/// </summary>
public interface IRunner
{
    /// <summary>What the rest of teamfw knows about this runner (its name, mode, config keys, flags).</summary>
    RunnerDescriptor Descriptor { get; }

    /// <summary>The teamd runner name (the config's runner.name).</summary>
    string Name => Descriptor.Name;

    /// <summary>The kernel mode this runner drives.</summary>
    string ModeName => Descriptor.ModeName;

    void PortAdded(IRunnerTeam team, IRunnerPort port);

    void PortRemoved(IRunnerTeam team, IRunnerPort port);

    /// <summary>The link watchers changed their verdict, or speed/duplex changed.</summary>
    void PortLinkChanged(IRunnerTeam team, IRunnerPort port);

    /// <summary>A client set the port's "enabled" option (OPTIONS_SET); by default the runner leaves it so.</summary>
    void EnabledOptionChanged(IRunnerTeam team, IRunnerPort port)
    {
    }

    /// <summary>When the runner next wants <see cref="OnTimer"/> (Environment.TickCount64 ms), or long.MaxValue.</summary>
    long NextDeadline => long.MaxValue;

    /// <summary>Called on the control thread once <see cref="NextDeadline"/> has passed.</summary>
    void OnTimer(IRunnerTeam team, long now)
    {
    }

    /// <summary>The ethertype of the runner's own protocol, received on every port whether enabled or not
    /// (lacp: 0x8809, slow protocols); 0 for none.</summary>
    ushort ControlEtherType => 0;

    /// <summary>A frame of <see cref="ControlEtherType"/> arrived on the port.</summary>
    void OnControlFrame(IRunnerTeam team, IRunnerPort port, ReadOnlySpan<byte> frame, long now)
    {
    }

    /// <summary>The team device was set administratively up or down (IFF_UP; it starts down, as a
    /// kernel team does, until the operator or ifup brings it up).</summary>
    void TeamAdminChanged(IRunnerTeam team, bool up)
    {
    }

    /// <summary>A value that changes whenever <see cref="SaveState"/> would write something different (0: nothing to save).</summary>
    long StateStamp(IRunnerTeam team) => 0;

    /// <summary>Writes, as one JSON value, what a daemon started after this one needs to carry on without the
    /// partners noticing (the state file's runner_state).</summary>
    void SaveState(IRunnerTeam team, Utf8JsonWriter w) => w.WriteNullValue();

    /// <summary>A previous daemon's team is being taken back: before its ports are added again, what that
    /// daemon's runner saved. Until <see cref="EndRestore"/> the runner holds back what the partners or the
    /// data path would see (selection, LACPDUs), so they see one consistent state, not the ports coming one
    /// by one. Throws <see cref="System.FormatException"/> when <paramref name="saved"/> is not what it writes.</summary>
    void BeginRestore(JsonElement saved)
    {
    }

    /// <summary>Every configured port was added back.</summary>
    void EndRestore(IRunnerTeam team)
    {
    }

    /// <summary>A port's priority option changed (teamd's activebackup re-selects); true when the runner acted on it.</summary>
    bool PortPriorityChanged(IRunnerTeam team, string portName) => false;

    /// <summary>The item under ports.IF. that <c>state item set</c> may write for this runner
    /// (lacp: runner.aggregator.selected), or null.</summary>
    string? PortStateItem => null;

    /// <summary>A client set <see cref="PortStateItem"/> of <paramref name="port"/> to <paramref name="value"/>.</summary>
    StateItemResult SetPortStateItem(IRunnerTeam team, IRunnerPort port, string value)
        => StateItemResult.Unsupported("not writable");

    /// <summary>Writes the state document's "runner" object when the runner has state of its own in teamd.</summary>
    void WriteState(Utf8JsonWriter w)
    {
    }

    /// <summary>Writes the runner's own items of the document's teamfw.runner object.</summary>
    void WriteTeamFwState(Utf8JsonWriter w)
    {
    }

    /// <summary>Writes the port's "runner" object (ports.IF.runner) when the runner keeps per-port state in teamd.</summary>
    void WritePortState(Utf8JsonWriter w, IRunnerPort port)
    {
    }

    /// <summary>Writes the runner's own items of teamfw.ports.IF.</summary>
    void WritePortTeamFwState(Utf8JsonWriter w, IRunnerPort port)
    {
    }

    /// <summary>Appends the runner's block of the SIGUSR1 state view.</summary>
    void AppendView(StringBuilder sb)
    {
    }

    /// <summary>The team's carrier: by default on while any port's link is up (the kernel's rule);
    /// lacp overrides it with min_ports.</summary>
    bool CarrierUp(IRunnerTeam team)
    {
        foreach (IRunnerPort p in team.Ports)
        {
            if (p.LinkUp)
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>What a runner answers to <c>state item set</c>: on success the change (for the log), else why not.</summary>
public readonly record struct StateItemResult(bool Ok, bool NotSupported, string Text)
{
    public static StateItemResult Done(string change) => new(true, false, change);

    /// <summary>A value the item does not take (EINVAL).</summary>
    public static StateItemResult Invalid(string why) => new(false, false, why);

    /// <summary>A value the item exists for but teamfw does not do (EOPNOTSUPP).</summary>
    public static StateItemResult Unsupported(string why) => new(false, true, why);
}

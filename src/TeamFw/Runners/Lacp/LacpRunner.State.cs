// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System.Text;
using System.Text.Json;
using TeamFw.Config;
using TeamFw.Modes;

namespace TeamFw.Runners.Lacp;

/// <summary>The lacp runner as the rest of teamfw sees it: its descriptor, its items of the state document and
/// of the SIGUSR1 view (<see cref="LacpStateWriter"/>), and the state item a client may write.</summary>
public sealed partial class LacpRunner
{
    public static readonly RunnerDescriptor Descriptor = new("lacp", "loadbalance", RunnerKeys.Lacp | RunnerKeys.TxHash, static c => new LacpRunner(c))
    {
        ViewRunner = LacpTeamdctlView.Runner,
        ViewPort = LacpTeamdctlView.Port,
    };

    RunnerDescriptor IRunner.Descriptor => Descriptor;

    public string Name => Descriptor.Name;

    public string ModeName => Descriptor.ModeName;

    public string? PortStateItem => "runner.aggregator.selected";

    public StateItemResult SetPortStateItem(IRunnerTeam team, IRunnerPort port, string value)
    {
        if (!bool.TryParse(value, out bool selected))
        {
            return StateItemResult.Invalid($"\"{value}\" is not true or false");
        }

        string? why = SelectAggregator(team, port, selected, out bool unsupported);
        return why is null ? StateItemResult.Done($"aggregator of port {port.Name} selected by hand")
            : unsupported ? StateItemResult.Unsupported(why) : StateItemResult.Invalid(why);
    }

    /// <summary>The writable state item ports.IF.runner.aggregator.selected: "true" selects the port's aggregator
    /// (until the policy next chooses). Returns null, or why not: false is not supported (as in teamd), and
    /// a port that is not selected into an aggregator has none to select.</summary>
    public string? SelectAggregator(IRunnerTeam team, IRunnerPort port, bool value, out bool unsupported)
    {
        unsupported = !value;
        if (!value)
        {
            return "only true can be written (an aggregator is deselected by selecting another)";
        }

        LacpPort? lp = Find(port);
        if (lp?.AggLead is not { } lead)
        {
            return $"{port.Name} is not selected into an aggregator";
        }

        SelectedAggUpdate(team, lead, "set by hand");
        Settle(team, _clock());
        return null;
    }

    public void WriteState(Utf8JsonWriter w)
    {
        w.WriteStartObject("runner");
        LacpStateWriter.WriteRunner(w, this);
        w.WriteEndObject();
    }

    public void WriteTeamFwState(Utf8JsonWriter w) => LacpStateWriter.WriteRunnerExtras(w, this);

    public void WritePortState(Utf8JsonWriter w, IRunnerPort port)
    {
        if (Find(port) is { } lp)
        {
            w.WriteStartObject("runner");
            LacpStateWriter.WritePort(w, this, lp); // its "prio" is the lacp_prio, as in teamd
            w.WriteEndObject();
        }
    }

    public void WritePortTeamFwState(Utf8JsonWriter w, IRunnerPort port)
    {
        if (Find(port) is { } lp)
        {
            LacpStateWriter.WritePortExtras(w, lp);
        }
    }

    public void AppendView(StringBuilder sb) => LacpStateWriter.AppendView(sb, this);
}

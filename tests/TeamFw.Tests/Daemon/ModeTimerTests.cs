// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;
using TeamFw.Daemon;
using TeamFw.Modes;
using TeamFw.Tests.Control;
using Xunit;

namespace TeamFw.Tests.Daemon;

/// <summary>The team's side of the mode timer: run only when due, and what the mode reports changed goes out as one
/// change event naming those option instances (nothing when the mode changed nothing).</summary>
public sealed class ModeTimerTests
{
    /// <summary>A mode whose timer is due at <see cref="Due"/> and reports <see cref="Report"/>'s changes.</summary>
    private sealed class TimedMode : ITeamMode
    {
        public long Due { get; set; } = 1000;

        public List<long> Runs { get; } = new();

        public Action<IModeTeam>? Report { get; set; }

        public string Name => "timed";

        public bool TransmitsOnAll => false;

        public long NextDeadline => Due;

        public IPort? SelectTxPort(ReadOnlySpan<byte> frame, TeamView view, int lane = 0) => null;

        public bool AcceptRx(IPort port, TeamView view) => true;

        public void OnTimer(long now, IModeTeam team)
        {
            Runs.Add(now);
            Report?.Invoke(team);
        }
    }

    private static (ModeTimer Timer, FakeControlTeam Team, OptionEventRecorder Events) NewTimer()
    {
        var rec = new OptionEventRecorder();
        var team = new FakeControlTeam("team0", 7, LoadBalanceMode.KindName, rec);
        team.AddPortRecord("eth1", 3);
        team.AddPortRecord("eth2", 4);
        rec.Lines.Clear();
        return (new ModeTimer(new PortSet(1)), team, rec);
    }

    [Fact]
    public void Run_BeforeDeadline_DoesNotCallMode()
    {
        (ModeTimer timer, FakeControlTeam team, OptionEventRecorder ev) = NewTimer();
        var mode = new TimedMode { Report = t => t.OptionChanged(LoadBalanceOptions.HashStats, 9) };

        timer.Run(mode, 999, team.ControlState);
        Assert.Empty(mode.Runs);
        Assert.Empty(ev.Lines);

        timer.Run(mode, 1000, team.ControlState);
        Assert.Equal([1000L], mode.Runs);
        Assert.Equal(["lb_hash_stats[9]"], ev.Lines);
    }

    [Fact]
    public void Run_ReportedChanges_OneEvent_PortOptionsByIfIndex()
    {
        (ModeTimer timer, FakeControlTeam team, OptionEventRecorder ev) = NewTimer();
        var mode = new TimedMode
        {
            Report = t =>
            {
                t.OptionChanged(LoadBalanceOptions.HashStats, 2);
                t.PortOptionChanged(LoadBalanceOptions.PortStats, 4);
                t.PortOptionChanged(LoadBalanceOptions.PortStats, 99); // not a port: nothing to mark
            },
        };

        timer.Run(mode, 1000, team.ControlState);
        Assert.Single(ev.Lines);
        Assert.Contains("lb_hash_stats[2]", ev.Lines[0], StringComparison.Ordinal);
        Assert.Contains("lb_port_stats", ev.Lines[0], StringComparison.Ordinal);
        Assert.Contains("eth2", ev.Lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("eth1", ev.Lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Run_NothingChanged_NoEvent_NoControlStateStillRunsMode()
    {
        (ModeTimer timer, FakeControlTeam team, OptionEventRecorder ev) = NewTimer();
        var quiet = new TimedMode();
        timer.Run(quiet, 1000, team.ControlState);
        Assert.Equal([1000L], quiet.Runs);
        Assert.Empty(ev.Lines);

        var reporting = new TimedMode { Report = t => t.OptionChanged(LoadBalanceOptions.HashStats, 1) };
        timer.Run(reporting, 1000, control: null); // no control socket yet: the mode still refreshes
        Assert.Equal([1000L], reporting.Runs);
        Assert.Empty(ev.Lines);
    }
}

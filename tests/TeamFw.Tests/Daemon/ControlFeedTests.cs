// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System.Collections.Generic;
using System.Linq;
using TeamFw.Control;
using TeamFw.Control.Options;
using TeamFw.Daemon;
using TeamFw.Native.Interop;
using TeamFw.Tests.Fakes;
using Xunit;

namespace TeamFw.Tests.Daemon;

/// <summary>
/// What a team announces on the control socket's multicast groups (its <see cref="TeamControlState"/>, fed by
/// <see cref="ControlFeed"/>): each change once, at the next control-loop round, and nothing when nothing changed.
/// </summary>
public sealed class ControlFeedTests
{
    /// <summary>Every event, as one line: "port eth1 up", "PortAdd eth3", "options enabled:eth1 mode".</summary>
    private sealed class Recorder : IControlEvents
    {
        public List<string> Lines { get; } = [];

        public void OptionsChanged(TeamControlState team, IReadOnlyList<OptionInstance> instances)
            => Lines.Add("options " + string.Join(" ", instances.Select(i => i.Port is null ? i.Option.Name : i.Option.Name + ":" + i.Port.Name).Distinct().Order()));

        public void PortChanged(TeamControlState team, PortRecord port)
            => Lines.Add($"port {port.Name} {(port.Linkup ? "up" : "down")}");

        public void LinkChanged(TeamfwCmd cmd, TeamControlState team, PortRecord? port)
            => Lines.Add($"{cmd} {port?.Name}");
    }

    private static (TeamRig Rig, Recorder Events) Attached(string runner = "loadbalance")
    {
        var rig = new TeamRig($$"""{ "device": "team0", "runner": { "name": "{{runner}}" }, "ports": { "eth1": {}, "eth2": {} } }""");
        rig.SetCarrier("eth1", true);
        rig.SetCarrier("eth2", true);
        rig.Team.Start();
        var events = new Recorder();
        rig.Team.AttachControl(events);
        rig.Team.SyncControl();
        events.Lines.Clear();
        return (rig, events);
    }

    private static PortRecord Record(TeamRig rig, string port) => rig.Team.ControlState.FindPort(rig.Team.FindPort(port)!)!;

    [Fact]
    public void NothingChanged_NothingAnnounced()
    {
        (TeamRig rig, Recorder events) = Attached();
        using TeamRig _ = rig;

        rig.Team.SyncControl();
        rig.Team.FlushView();
        rig.Team.SyncControl();

        Assert.Empty(events.Lines);
    }

    [Fact]
    public void PortAdded_AnnouncedOnce_AtTheNextRound()
    {
        (TeamRig rig, Recorder events) = Attached();
        using TeamRig _ = rig;
        rig.SetCarrier("eth3", false); // nothing changes on the port after it is added

        Assert.Equal(Errno.OK, rig.Team.AddPort("eth3").Errno);
        Assert.Empty(events.Lines); // not while the port is being added
        rig.Team.SyncControl();
        rig.Team.SyncControl();

        Assert.Equal(1, events.Lines.Count(l => l == "PortAdd eth3"));
        Assert.Contains("port eth3 down", events.Lines);
        Assert.Equal(["eth1", "eth2", "eth3"], rig.Team.ControlState.Ports.Select(p => p.Name));
        Assert.False(rig.Team.ControlState.Get(rig.Team.ControlState.Instances.Single(i => i.Option.Name == "enabled" && i.Port?.Name == "eth3")).Bool);
    }

    [Fact]
    public void PortRemoved_AnnouncedAsPortDel()
    {
        (TeamRig rig, Recorder events) = Attached();
        using TeamRig _ = rig;

        rig.Team.RemovePort("eth1");
        rig.Team.SyncControl();

        Assert.Equal("PortDel eth1", events.Lines[^1]);
        Assert.Equal(["eth2"], rig.Team.ControlState.Ports.Select(p => p.Name));
    }

    [Fact]
    public void PortAddedAndRemovedBetweenRounds_NeverAnnounced()
    {
        (TeamRig rig, Recorder events) = Attached();
        using TeamRig _ = rig;

        rig.Team.AddPort("eth3");
        rig.Team.RemovePort("eth3");
        rig.Team.SyncControl();

        Assert.DoesNotContain(events.Lines, l => l.Contains("eth3"));
        Assert.Equal(["eth1", "eth2"], rig.Team.ControlState.Ports.Select(p => p.Name));
    }

    [Fact]
    public void CarrierLost_PortEvent_AndTheVerdictInUserLinkup()
    {
        (TeamRig rig, Recorder events) = Attached();
        using TeamRig _ = rig;

        rig.CarrierEvent("eth1", false);
        rig.Team.SyncControl();

        PortRecord eth1 = Record(rig, "eth1");
        Assert.False(eth1.Linkup);
        Assert.False(eth1.UserLinkup); // teamd writes its watchers' verdict
        Assert.Equal(["port eth1 down", "options enabled:eth1 user_linkup:eth1"], events.Lines);
    }

    [Fact]
    public void ForcedLink_VerdictNotWritten()
    {
        (TeamRig rig, Recorder events) = Attached();
        using TeamRig _ = rig;
        PortRecord eth1 = Record(rig, "eth1");
        eth1.LinkForced = true;
        eth1.UserLinkup = true;

        rig.CarrierEvent("eth1", false);
        rig.Team.SyncControl();

        Assert.False(eth1.Linkup);
        Assert.True(eth1.UserLinkup); // the operator's
    }

    [Fact]
    public void PortSettingsUpdated_PriorityAndQueueIdAnnounced()
    {
        (TeamRig rig, Recorder events) = Attached();
        using TeamRig _ = rig;

        Assert.Equal(Errno.OK, rig.Team.UpdatePortConfig("eth2", """{ "prio": 7, "queue_id": 3 }""").Errno);
        rig.Team.SyncControl();

        Assert.Equal((7, 3u), (Record(rig, "eth2").Priority, Record(rig, "eth2").QueueId));
        Assert.Equal(["options priority:eth2 queue_id:eth2"], events.Lines);
    }

    [Fact]
    public void ModeChanged_ModeOptionAnnounced()
    {
        var rig = new TeamRig("""{ "device": "team0", "runner": { "name": "roundrobin" } }""");
        using TeamRig _ = rig;
        rig.Team.Start();
        var events = new Recorder();
        rig.Team.AttachControl(events);
        rig.Team.SyncControl();
        events.Lines.Clear();

        rig.Team.ChangeMode("broadcast");
        rig.Team.SyncControl();

        Assert.Equal(["options mode"], events.Lines);
    }

    [Fact]
    public void ActivePortMoved_ActivePortAndEnabledAnnounced()
    {
        (TeamRig rig, Recorder events) = Attached("activebackup");
        using TeamRig _ = rig;
        string active = rig.Team.ActivePort!.Name;
        string other = active == "eth1" ? "eth2" : "eth1";

        rig.CarrierEvent(active, false);
        rig.Team.SyncControl();

        Assert.Contains($"port {active} down", events.Lines);
        Assert.Equal($"options activeport enabled:eth1 enabled:eth2 user_linkup:{active}", events.Lines[^1]);
        Assert.Equal(other, rig.Team.ActivePort!.Name);
    }
}

// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System.Collections.Generic;
using TeamFw.Control;
using TeamFw.Control.Options;
using TeamFw.Native.Interop;
using Xunit;

namespace TeamFw.Tests.Control;

/// <summary>The option rules of reference §1.3 and the change events of §2.4, without a socket.</summary>
public sealed class TeamControlStateTests
{
    /// <summary>Records events as (kind, "name[/port][ changed][ removed]") lines.</summary>
    private sealed class Recorder : IControlEvents
    {
        public List<string> Lines { get; } = new();

        public void OptionsChanged(TeamControlState team, IReadOnlyList<OptionInstance> instances)
        {
            var parts = new List<string>();
            foreach (OptionInstance i in instances)
            {
                parts.Add(i + (i.Changed ? " changed" : string.Empty) + (i.Removed ? " removed" : string.Empty));
            }

            Lines.Add("options: " + string.Join(", ", parts));
        }

        public void PortChanged(TeamControlState team, PortRecord port)
            => Lines.Add($"port: {port.Name} {(port.Linkup ? "up" : "down")}{(port.Removed ? " removed" : string.Empty)}");

        public void LinkChanged(TeamfwCmd cmd, TeamControlState team, PortRecord? port) => Lines.Add($"link: {cmd} {port?.Name}");
    }

    private static (FakeControlTeam Team, Recorder Events) NewTeam(string mode = "activebackup")
    {
        var rec = new Recorder();
        var team = new FakeControlTeam("team0", 7, mode, rec);
        rec.Lines.Clear();
        return (team, rec);
    }

    private static ControlError Set(FakeControlTeam t, string name, OptionValue v, uint port = 0, bool hasIndex = false, uint index = 0)
        => t.ControlState.ApplySet(new OptionSetItem(name, v.Type, port, hasIndex, index, v));

    [Fact]
    public void Register_InstancesChangedUntilTheEvent()
    {
        var rec = new Recorder();
        var team = new FakeControlTeam("team0", 7, "activebackup", rec);
        Assert.Equal("options: mode changed, notify_peers_count changed, notify_peers_interval changed, mcast_rejoin_count changed, mcast_rejoin_interval changed", rec.Lines[0]);
        Assert.Equal("options: activeport changed", rec.Lines[1]);
        Assert.All(team.ControlState.Instances, i => Assert.False(i.Changed));
    }

    [Fact]
    public void Mode_SameMode_Einval_WithPorts_Ebusy_Unknown_Einval()
    {
        (FakeControlTeam t, _) = NewTeam();
        Assert.Equal(Errno.EINVAL, Set(t, "mode", OptionValue.FromString("activebackup")).Errno);
        Assert.Equal(Errno.EINVAL, Set(t, "mode", OptionValue.FromString("loadbalance-nope")).Errno);
        t.AddPortRecord("eth1", 3);
        ControlError busy = Set(t, "mode", OptionValue.FromString("roundrobin"));
        Assert.Equal(Errno.EBUSY, busy.Errno);
        Assert.Equal("No ports can be present during mode change", busy.Message);
    }

    [Fact]
    public void Mode_Change_OldModeOptionsRemoved_ThenModeChanged()
    {
        (FakeControlTeam t, Recorder ev) = NewTeam();
        Assert.False(Set(t, "mode", OptionValue.FromString("roundrobin")).IsError);
        Assert.Equal(["options: activeport changed removed", "options: mode changed"], ev.Lines);
        Assert.DoesNotContain(t.ControlState.Instances, i => i.Option.Name == "activeport");

        ev.Lines.Clear();
        Assert.False(Set(t, "mode", OptionValue.FromString("activebackup")).IsError);
        Assert.Equal(["options: activeport changed", "options: mode changed"], ev.Lines);
    }

    [Fact]
    public void Activeport_NotAPort_Enoent_Port_Set()
    {
        (FakeControlTeam t, Recorder ev) = NewTeam();
        t.AddPortRecord("eth1", 3);
        ev.Lines.Clear();
        Assert.Equal(Errno.ENOENT, Set(t, "activeport", OptionValue.FromU32(9)).Errno);
        Assert.Equal(Errno.ENOENT, Set(t, "activeport", OptionValue.FromU32(0)).Errno);
        Assert.False(Set(t, "activeport", OptionValue.FromU32(3)).IsError);
        Assert.Equal(3u, t.ActivePortIfIndex);
        Assert.Equal(["options: activeport changed"], ev.Lines);
    }

    [Fact]
    public void PerPortOption_NeedsTheRightPortIfindex()
    {
        (FakeControlTeam t, _) = NewTeam();
        t.AddPortRecord("eth1", 3);
        Assert.Equal(Errno.ENOENT, Set(t, "enabled", OptionValue.FromBool(false)).Errno);
        Assert.Equal(Errno.ENOENT, Set(t, "enabled", OptionValue.FromBool(false), port: 4).Errno);
        Assert.False(Set(t, "enabled", OptionValue.FromBool(false), port: 3).IsError);
        Assert.Contains("enabled eth1=False", t.Calls);
    }

    [Fact]
    public void TypeMustMatch_Enoent()
    {
        (FakeControlTeam t, _) = NewTeam();
        Assert.Equal(Errno.ENOENT, Set(t, "notify_peers_count", OptionValue.FromS32(3)).Errno);
        Assert.False(Set(t, "notify_peers_count", OptionValue.FromU32(3)).IsError);
        Assert.Equal(3u, t.ControlState.NotifyPeersCount);
    }

    [Fact]
    public void QueueId_BelowSixteen()
    {
        (FakeControlTeam t, _) = NewTeam();
        t.AddPortRecord("eth1", 3);
        Assert.Equal(Errno.EINVAL, Set(t, "queue_id", OptionValue.FromU32(16), port: 3).Errno);
        Assert.False(Set(t, "queue_id", OptionValue.FromU32(15), port: 3).IsError);
    }

    [Fact]
    public void UserLinkupAndPriority_ReachTheTeam()
    {
        (FakeControlTeam t, _) = NewTeam();
        t.AddPortRecord("eth1", 3);
        Set(t, "user_linkup_enabled", OptionValue.FromBool(true), port: 3);
        Set(t, "priority", OptionValue.FromS32(-5), port: 3);
        Assert.Equal(["user_linkup eth1=False/True", "priority eth1=-5"], t.Calls);
    }

    [Fact]
    public void ReadOnly_Eopnotsupp_ArrayNeedsIndex()
    {
        (FakeControlTeam t, _) = NewTeam();
        var stats = new OptionDescriptor("lb_hash_stats", OptionType.Binary, static (in OptionContext c) => OptionValue.FromBinary(new byte[8]), ArraySize: 4, Observe: false);
        t.ControlState.Register([stats]);
        Assert.Equal(Errno.ENOENT, Set(t, "lb_hash_stats", OptionValue.FromBinary(new byte[8])).Errno);
        Assert.Equal(Errno.EOPNOTSUPP, Set(t, "lb_hash_stats", OptionValue.FromBinary(new byte[8]), hasIndex: true, index: 2).Errno);
    }

    [Fact]
    public void PortAddAndRemove_EventsInKernelOrder()
    {
        (FakeControlTeam t, Recorder ev) = NewTeam();
        PortRecord p = t.AddPortRecord("eth1", 3);
        Assert.Equal("port: eth1 up", ev.Lines[0]);
        Assert.Equal("options: enabled (port:eth1) changed, user_linkup (port:eth1) changed, user_linkup_enabled (port:eth1) changed, priority (port:eth1) changed, queue_id (port:eth1) changed", ev.Lines[1]);
        Assert.Equal("link: PortAdd eth1", ev.Lines[2]);

        ev.Lines.Clear();
        t.ControlState.RemovePort(p);
        Assert.Equal("options: enabled (port:eth1) changed removed, user_linkup (port:eth1) changed removed, user_linkup_enabled (port:eth1) changed removed, priority (port:eth1) changed removed, queue_id (port:eth1) changed removed", ev.Lines[0]);
        Assert.Equal(["port: eth1 down removed", "link: PortDel eth1"], ev.Lines.GetRange(1, 2));
        Assert.Equal((0u, (byte)0), (p.Speed, p.Duplex));
    }

    [Fact]
    public void DetectChanges_ValueChangedBehindTheSocket_OneEvent()
    {
        (FakeControlTeam t, Recorder ev) = NewTeam();
        PortRecord p = t.AddPortRecord("eth1", 3);
        ev.Lines.Clear();
        t.ControlState.DetectChanges();
        Assert.Empty(ev.Lines);

        t.SetPortEnabled(p, false);
        t.SetActivePort(p);
        t.ControlState.DetectChanges();
        Assert.Equal(["options: activeport changed, enabled (port:eth1) changed"], ev.Lines);
    }
}

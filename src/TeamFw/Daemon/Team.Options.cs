// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using TeamFw.Config;
using TeamFw.Control.Options;
using TeamFw.Logging;
using TeamFw.Modes;
using TeamFw.Ports;
using TeamFw.Runners;

namespace TeamFw.Daemon;

/// <summary>
/// The team as the kernel's team family shows it: the option registry (<see cref="TeamControlState"/>)
/// and what the option setters do to this team. Runs on the control thread, like everything in Team.
/// </summary>
public sealed partial class Team : ITeamOptionTarget
{
    private TeamControlState? _control;

    /// <summary>The option registry; created with the core and mode options on first use.</summary>
    public TeamControlState ControlState => _control ??= CreateControlState(null);

    public string ModeName => Mode.Name;

    ITeamMode? ITeamOptionTarget.Mode => Mode;

    public int PortCount => _ports.Count;

    public uint ActivePortIfIndex => (uint)(_active?.IfIndex ?? 0);

    /// <summary>Attaches the event sink (creating the registry, whose registration is then announced).</summary>
    public void AttachControl(IControlEvents events)
    {
        if (_control is null)
        {
            _control = CreateControlState(events);
        }
        else
        {
            _control.Events = events;
        }
    }

    private TeamControlState CreateControlState(IControlEvents? events)
    {
        // teamd writes its notify_peers / mcast_rejoin settings into these options at start; its
        // activebackup runner defaults both counts to 1 (teamd.conf(5) notify_peers.count, mcast_rejoin.count).
        uint defaultCount = (uint)Runner.Descriptor.DefaultNotifyCount;
        var st = new TeamControlState(this, events)
        {
            NotifyPeersCount = (uint)(Config.NotifyPeers.Count ?? (int)defaultCount),
            NotifyPeersInterval = (uint)Config.NotifyPeers.Interval,
            McastRejoinCount = (uint)(Config.McastRejoin.Count ?? (int)defaultCount),
            McastRejoinInterval = (uint)Config.McastRejoin.Interval,
        };
        st.Register(CoreOptions.All);
        st.Register(ModeOptions.For(Mode.Name));
        return st;
    }

    /// <summary>
    /// Brings the registry in line with the team and multicasts the differences, as the kernel would
    /// have: ports joined or left, carrier changes (port events), and option values that changed
    /// behind the socket's back — the runner enabling ports or moving the active port, reloads.
    /// Only what the team reported since the last round (<see cref="ControlFeed"/>) is looked at.
    /// </summary>
    public void SyncControl()
    {
        if (_control is not null && !_feed.Due(Mode.OptionsVersion))
        {
            return;
        }

        _feed.Sync(ControlState);
    }

    /// <summary>Called whenever the mode is created (team start, once the device exists; mode change): the mode
    /// configures itself from the runner's config, and the tx_balancer it returns (or none) goes to the runner.</summary>
    private void ConfigureMode()
    {
        TxBalancer? balancer = Mode.Configure(Config.Runner, IfIndex);
        if (Runner is ITxBalancerOwner owner)
        {
            owner.Balancer = balancer;
        }
    }

    public bool IsModeAvailable(string mode) => ModeRegistry.Exists(mode);

    public ControlError ChangeMode(string mode)
    {
        string old = Mode.Name;
        Mode = ModeRegistry.Create(mode)!;
        if (RunnerRegistry.ForMode(mode) is { } driver)
        {
            Runner = driver.Create(new RunnerConfig { Name = driver.Name });
            Runner.TeamAdminChanged(this, AdminUp);
        }

        ConfigureMode();
        _feed.Changed();
        Log.ControlChange(_log, Name, $"mode {old} -> {mode}, runner {Runner.Name}");
        return ControlError.Ok;
    }

    public bool PortEnabled(PortRecord port) => ((Port)port.Handle!).Enabled;

    public void SetPortEnabled(PortRecord port, bool enabled)
    {
        var p = (Port)port.Handle!;
        SetEnabled(p, enabled);
        Runner.EnabledOptionChanged(this, p);
        FlushView();
    }

    /// <summary>
    /// user_linkup_enabled on: the port's link verdict is user_linkup (what teamd's watchers write);
    /// off: back to the carrier. The runner sees the change as a link change.
    /// </summary>
    public void UserLinkupChanged(PortRecord port)
    {
        var p = (Port)port.Handle!;
        if (port.UserLinkupEnabled)
        {
            port.LinkForced = true;
            if (p.LinkUp != port.UserLinkup)
            {
                SetLinkVerdict(p, port.UserLinkup, "user_linkup");
            }
        }
        else if (port.LinkForced)
        {
            port.LinkForced = false;
            _feed.VerdictChanged(p); // the watchers' verdict may be written into user_linkup again
            bool watchers = WatchersVerdict(p);
            if (p.LinkUp != watchers)
            {
                SetLinkVerdict(p, watchers, "user_linkup_enabled off: the link watchers' verdict");
            }
        }
    }

    private void SetLinkVerdict(Port p, bool up, string reason)
    {
        p.LinkUp = up;
        _ports.MarkChanged();
        _feed.VerdictChanged(p);
        Log.UserLinkupForced(_log, Name, p.Name, up ? "up" : "down");
        Log.PortLink(_log, Name, p.Name, up ? "up" : "down", reason);
        Runner.PortLinkChanged(this, p);
        FlushView();
    }

    /// <summary>teamd's activebackup re-selects when a port's priority option changes.</summary>
    public void PriorityChanged(PortRecord port)
    {
        if (Runner.PortPriorityChanged(this, port.Name))
        {
            FlushView();
        }
    }

    /// <summary>
    /// activeport: the port becomes the active one and, as teamd's activebackup does when it changes the
    /// active port, the only enabled one, so traffic really moves to it.
    /// </summary>
    public void SetActivePort(PortRecord port)
    {
        var active = (Port)port.Handle!;
        SetActivePort(active, "set through the control socket");
        foreach (Port p in _ports)
        {
            SetEnabled(p, ReferenceEquals(p, active));
        }

        FlushView();
    }
}

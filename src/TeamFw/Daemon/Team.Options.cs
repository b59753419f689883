// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System.Collections.Generic;
using TeamFw.Config;
using TeamFw.Control.Options;
using TeamFw.LinkWatch;
using TeamFw.Logging;
using TeamFw.Modes;
using TeamFw.Native.Sockets;
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
    private readonly Dictionary<PortRecord, PortConfig> _seenConfig = new();
    private readonly Dictionary<PortRecord, bool> _seenVerdict = new();

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
    /// </summary>
    public void SyncControl()
    {
        if (_control is not null && !SyncNeeded())
        {
            return;
        }

        TeamControlState st = ControlState;
        for (int i = st.Ports.Count - 1; i >= 0; i--)
        {
            PortRecord rec = st.Ports[i];
            if (!_ports.Contains((Port)rec.Handle!))
            {
                _seenConfig.Remove(rec);
                _seenVerdict.Remove(rec);
                st.RemovePort(rec);
            }
        }

        foreach (Port p in _ports.ToArray())
        {
            PortRecord? rec = st.FindPort(p);
            if (rec is null)
            {
                rec = NewRecord(p);
                _seenConfig[rec] = p.Config;
                _seenVerdict[rec] = p.LinkUp;
                st.AddPort(rec);
                continue;
            }

            if (rec.Linkup != p.CarrierUp)
            {
                LinkSettings ls = p.CarrierUp ? _ctx.Net.GetLinkSettings(p.Name) : default;
                st.SetLink(rec, p.CarrierUp, ls.SpeedMbps, ls.Duplex);
            }

            if (!ReferenceEquals(_seenConfig[rec], p.Config))
            {
                // teamd writes ports.X.prio and queue_id into the kernel options when a port's config changes.
                _seenConfig[rec] = p.Config;
                rec.Priority = p.Config.Prio;
                rec.QueueId = (uint)p.Config.QueueId;
            }

            // teamd writes its link-watch verdict into user_linkup each time the verdict changes, whatever
            // the watcher, ethtool included (teamd_link_watch.c, teamd_link_watch_refresh_user_linkup); a
            // value written by someone else stays until then. A forced link (user_linkup_enabled set by an
            // operator) is the operator's.
            if (!rec.LinkForced && _seenVerdict[rec] != p.LinkUp)
            {
                _seenVerdict[rec] = p.LinkUp;
                rec.UserLinkup = p.LinkUp;
            }
        }

        st.DetectChanges();
        SyncNeeded();
    }

    /// <summary>
    /// Whether anything the kernel would announce may have changed since the last sync: the view, the mode,
    /// the config, the active port, or a port's carrier, verdict, enabled bit or settings. It runs every
    /// loop round (up to 100 a second with carrier polling), so it only compares, and records what it saw.
    /// </summary>
    private bool SyncNeeded()
    {
        bool changed = !ReferenceEquals(_seenView, View) || !ReferenceEquals(_seenMode, Mode) || !ReferenceEquals(_seenTeamConfig, Config)
            || !ReferenceEquals(_seenActive, _active) || _seenPorts.Length != _ports.Count;
        int modeVersion = Mode.OptionsVersion;
        changed |= modeVersion != _seenModeVersion;
        _seenModeVersion = modeVersion;
        if (_seenPorts.Length != _ports.Count)
        {
            _seenPorts = new PortSeen[_ports.Count];
        }

        for (int i = 0; i < _ports.Count; i++)
        {
            Port p = _ports[i];
            var now = new PortSeen(p, p.CarrierUp, p.LinkUp, p.Enabled, p.Config);
            changed |= _seenPorts[i] != now;
            _seenPorts[i] = now;
        }

        _seenView = View;
        _seenMode = Mode;
        _seenTeamConfig = Config;
        _seenActive = _active;
        return changed;
    }

    private readonly record struct PortSeen(Port? Port, bool Carrier, bool Link, bool Enabled, PortConfig? Config);

    private PortSeen[] _seenPorts = [];
    private object? _seenView;
    private object? _seenMode;
    private object? _seenTeamConfig;
    private object? _seenActive;
    private int _seenModeVersion;

    /// <summary>
    /// teamd's arp_ping and nsna_ping watchers (not ethtool) set user_linkup_enabled on their port
    /// (teamd_lw_psr.c); the registry shows the same for ports they watch.
    /// </summary>
    private bool WritesUserLinkup(Port p)
    {
        foreach (LinkWatchConfig lw in p.Config.LinkWatch ?? Config.LinkWatch)
        {
            if (LinkWatchRegistry.Find(lw.Name)?.DrivesUserLinkup == true)
            {
                return true;
            }
        }

        return false;
    }

    private PortRecord NewRecord(Port p)
    {
        LinkSettings ls = p.CarrierUp ? _ctx.Net.GetLinkSettings(p.Name) : default;
        return new PortRecord(p.IfIndex, p.Name, p)
        {
            Linkup = p.CarrierUp,
            Speed = p.CarrierUp ? ls.SpeedMbps : 0,
            Duplex = p.CarrierUp ? ls.Duplex : (byte)0,
            Priority = p.Config.Prio,
            QueueId = (uint)p.Config.QueueId,
            UserLinkupEnabled = WritesUserLinkup(p),
            UserLinkup = p.LinkUp,
        };
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
        if (RunnerRegistry.Create(mode) is IRunner runner)
        {
            Runner = runner;
            Runner.TeamAdminChanged(this, AdminUp);
        }

        ConfigureMode();
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

// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System.Collections.Generic;
using TeamFw.Config;
using TeamFw.Control.Options;
using TeamFw.LinkWatch;
using TeamFw.Native.Sockets;
using TeamFw.Ports;

namespace TeamFw.Daemon;

/// <summary>
/// Feeds the team's changes into its option registry (<see cref="TeamControlState"/>), as the kernel's team family
/// would announce them: the team tells it what changed when it changes it (a port added, removed, enabled, its
/// carrier, link verdict or settings; the mode, the config, the active port, the published view), and
/// <see cref="Sync"/>, once per control-loop round, brings the registry in line with exactly that and multicasts
/// the differences. The team's state is the only truth; the registry holds what the kernel would hold besides it
/// (user_linkup, priority and queue_id as set through the socket). Control thread only.
/// </summary>
internal sealed class ControlFeed
{
    private readonly Team _team;
    private readonly INetDevice _net;
    private readonly Dictionary<Port, PortChange> _changes = [];
    private readonly HashSet<Port> _removed = [];

    /// <summary>Per record, the link verdict last written into user_linkup: teamd writes it when its verdict
    /// changes (teamd_link_watch.c, teamd_link_watch_refresh_user_linkup), so a value someone else wrote stays until then.</summary>
    private readonly Dictionary<PortRecord, bool> _verdictWritten = [];

    private bool _pending = true;
    private int _modeVersion;

    public ControlFeed(Team team, INetDevice net)
    {
        _team = team;
        _net = net;
    }

    [System.Flags]
    private enum PortChange
    {
        None = 0,
        Added = 1,
        Carrier = 2,
        Verdict = 4,
        Settings = 8,
    }

    /// <summary>Something the registry shows changed: the view (ports enabled, the active port), the mode, the
    /// config. The option values are compared at the next <see cref="Sync"/>.</summary>
    public void Changed() => _pending = true;

    public void PortAdded(Port port) => Mark(port, PortChange.Added);

    /// <summary>The port left the team (removed, or let go at a release that keeps it).</summary>
    public void PortRemoved(Port port)
    {
        // A port that came and went between two rounds was never announced: nothing to take back.
        if (!(_changes.Remove(port, out PortChange c) && (c & PortChange.Added) != 0))
        {
            _removed.Add(port);
        }

        _pending = true;
    }

    /// <summary>The port's carrier (TEAM_ATTR_PORT_LINKUP, with speed and duplex) changed.</summary>
    public void CarrierChanged(Port port) => Mark(port, PortChange.Carrier);

    /// <summary>The port's link verdict changed, or may now be written into user_linkup again.</summary>
    public void VerdictChanged(Port port) => Mark(port, PortChange.Verdict);

    /// <summary>The port's settings were replaced: teamd writes ports.X.prio and queue_id into the kernel options.</summary>
    public void SettingsChanged(Port port) => Mark(port, PortChange.Settings);

    /// <summary>Whether <see cref="Sync"/> has anything to do: a change was reported, or the mode's own option
    /// values moved (<see cref="Modes.ITeamMode.OptionsVersion"/>).</summary>
    public bool Due(int modeOptionsVersion)
    {
        if (modeOptionsVersion != _modeVersion)
        {
            _modeVersion = modeOptionsVersion;
            _pending = true;
        }

        return _pending;
    }

    /// <summary>Applies what was reported since the last round, in the kernel's order (ports that left, then each
    /// port in team order), then multicasts the option values that changed.</summary>
    public void Sync(TeamControlState st)
    {
        _pending = false;
        for (int i = st.Ports.Count - 1; i >= 0; i--)
        {
            PortRecord rec = st.Ports[i];
            if (_removed.Contains((Port)rec.Handle!))
            {
                _verdictWritten.Remove(rec);
                st.RemovePort(rec);
            }
        }

        _removed.Clear();
        IReadOnlyList<Port> ports = _team.PortList;
        for (int i = 0; i < ports.Count; i++)
        {
            Port p = ports[i];
            if (!_changes.Remove(p, out PortChange change))
            {
                continue;
            }

            PortRecord? rec = st.FindPort(p);
            if (rec is null)
            {
                rec = NewRecord(p);
                _verdictWritten[rec] = p.LinkUp;
                st.AddPort(rec);
                continue;
            }

            if ((change & PortChange.Carrier) != 0 && rec.Linkup != p.CarrierUp)
            {
                LinkSettings ls = p.CarrierUp ? _net.GetLinkSettings(p.Name) : default;
                st.SetLink(rec, p.CarrierUp, ls.SpeedMbps, ls.Duplex);
            }

            if ((change & PortChange.Settings) != 0)
            {
                rec.Priority = p.Config.Prio;
                rec.QueueId = (uint)p.Config.QueueId;
            }

            // A forced link (user_linkup_enabled set by an operator) is the operator's.
            if ((change & PortChange.Verdict) != 0 && !rec.LinkForced && _verdictWritten[rec] != p.LinkUp)
            {
                _verdictWritten[rec] = p.LinkUp;
                rec.UserLinkup = p.LinkUp;
            }
        }

        st.DetectChanges();
    }

    private void Mark(Port port, PortChange change)
    {
        _changes[port] = _changes.GetValueOrDefault(port) | change;
        _pending = true;
    }

    private PortRecord NewRecord(Port p)
    {
        LinkSettings ls = p.CarrierUp ? _net.GetLinkSettings(p.Name) : default;
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

    /// <summary>
    /// teamd's arp_ping and nsna_ping watchers (not ethtool) set user_linkup_enabled on their port
    /// (teamd_lw_psr.c); the registry shows the same for ports they watch.
    /// </summary>
    private bool WritesUserLinkup(Port p)
    {
        foreach (LinkWatchConfig lw in _team.WatchConfigsFor(p.Config))
        {
            if (LinkWatchRegistry.Find(lw.Name)?.DrivesUserLinkup == true)
            {
                return true;
            }
        }

        return false;
    }
}

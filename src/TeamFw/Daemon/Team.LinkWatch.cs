// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;
using System.Net;
using TeamFw.Config;
using TeamFw.LinkWatch;
using TeamFw.Logging;
using TeamFw.Native.Sockets;
using TeamFw.Netlink;
using TeamFw.Ports;

namespace TeamFw.Daemon;

/// <summary>
/// Link watching: every port has one or more watchers (its own link_watch, else the team's); the port's
/// link verdict is any (default) or all of theirs (link_watch_policy), and drives the runner.
/// </summary>
public sealed partial class Team
{
    /// <summary>The watcher settings that apply to a port (its own link_watch, else the team's).</summary>
    public IReadOnlyList<LinkWatchConfig> WatchConfigsFor(PortConfig port) => port.LinkWatch ?? Config.LinkWatch;

    private void StartWatchers(Port port, long now)
    {
        foreach (LinkWatchConfig lw in WatchConfigsFor(port.Config))
        {
            LinkWatcher w = LinkWatchRegistry.Create(lw, new WatchHost(this, port))
                ?? throw new PortException(port.Name, $"link watcher \"{lw.Name}\" is not supported");
            port.Watchers.Add(w);
            w.Start(now);
            w.OnCarrier(port.CarrierUp, now);
        }
    }

    private static void StopWatchers(Port port)
    {
        foreach (LinkWatcher w in port.Watchers)
        {
            w.Dispose();
        }

        port.Watchers.Clear();
    }

    /// <summary>An RTM_NEWLINK/RTM_DELLINK notification for any interface.</summary>
    public void OnLinkEvent(in LinkInfo link, long now)
    {
        if (link.IfIndex == IfIndex && !link.Deleted)
        {
            if (link.Mtu > 0 && link.Mtu != Mtu)
            {
                ChangeMtu(link.Mtu);
            }

            OnAdminState((link.Flags & LinkInfo.IffUp) != 0);
            return;
        }

        Port? port = FindPort(link.IfIndex);
        if (port is null)
        {
            return;
        }

        if (link.Deleted)
        {
            RemovePort(port, "interface deleted", vanished: true);
            return;
        }

        OnCarrier(port, link.LinkUp, now);
    }

    /// <summary>The team device's IFF_UP, as the runner last heard it.</summary>
    public bool AdminUp { get; private set; }

    private void OnAdminState(bool up)
    {
        if (up != AdminUp)
        {
            AdminUp = up;
            Runner.TeamAdminChanged(this, up);
            FlushView();
        }
    }

    /// <summary>Re-reads the team device's and every port's link state (after an event overflow, or at start).</summary>
    public void Resync(IRtnl rtnl, long now)
    {
        if (rtnl.GetLink(IfIndex) is { } self)
        {
            OnAdminState((self.Flags & LinkInfo.IffUp) != 0);
        }

        foreach (Port p in _ports.ToArray())
        {
            LinkInfo? link = rtnl.GetLink(p.IfIndex);
            if (link is null)
            {
                RemovePort(p, "interface deleted", vanished: true);
            }
            else
            {
                OnCarrier(p, link.Value.LinkUp, now);
            }
        }
    }

    /// <summary>The fast carrier check (<see cref="CarrierPoll"/>, teamfw.carrier_poll_ms): asks the ports that are due
    /// (<see cref="OnTimer"/> calls it every round).</summary>
    public void PollCarrier(long now) => _carrierPoll.Run(now, Config.TeamFw.CarrierPollMs, _dataPlane);

    /// <summary>Whether the carrier check is parked because the data path moved nothing for a whole interval.</summary>
    internal bool CarrierPollParked => _carrierPoll.Parked;

    /// <summary>Wakes the control thread's loop (see <see cref="DaemonContext.WakeControl"/>).</summary>
    internal Action? WakeControl => _ctx.WakeControl;

    internal void OnCarrier(Port port, bool up, long now)
    {
        if (up != port.CarrierUp)
        {
            port.CarrierUp = up;
            _feed.CarrierChanged(port);
            if (up)
            {
                LinkSettings ls = _ctx.Net.GetLinkSettings(port.Name);
                port.SpeedMbps = ls.SpeedMbps;
                port.Duplex = ls.Duplex;
            }
        }

        foreach (LinkWatcher w in port.Watchers)
        {
            w.OnCarrier(up, now);
        }
    }

    /// <summary>How often sockets retired while a data-path thread was late are looked at again.</summary>
    private const int ReclaimIntervalMs = 100;

    private ModeTimer? _modeTimer;

    /// <summary>Runs the watchers' and the runner's timers that are due.</summary>
    public void OnTimer(long now)
    {
        PollCarrier(now);
        for (int i = 0; i < _ports.Count; i++)
        {
            Port p = _ports[i];
            for (int j = 0; j < p.Watchers.Count; j++)
            {
                LinkWatcher w = p.Watchers[j];
                if (now >= w.NextDeadline)
                {
                    w.OnTimer(now);
                }
            }
        }

        _notifier.Run(now, _ports);
        (_modeTimer ??= new ModeTimer(_ports)).Run(Mode, now, _control);
        _dataPlane?.ReclaimRetired(now);
        if (now >= Runner.NextDeadline)
        {
            Runner.OnTimer(this, now);
            FlushView();
        }
    }

    /// <summary>The earliest deadline of any watcher, pending notification or the runner, or long.MaxValue.</summary>
    public long NextDeadline()
    {
        long next = Math.Min(Math.Min(_notifier.NextDue, Runner.NextDeadline), Mode.NextDeadline);
        next = Math.Min(next, _carrierPoll.NextDue(Config.TeamFw.CarrierPollMs));
        if (_dataPlane is { RetiredCount: > 0 })
        {
            next = Math.Min(next, _ctx.Clock.NowMs + ReclaimIntervalMs);
        }

        foreach (Port p in _ports)
        {
            foreach (LinkWatcher w in p.Watchers)
            {
                next = Math.Min(next, w.NextDeadline);
            }
        }

        return next;
    }

    /// <summary>Adds every watcher that has a socket, and every runner socket, to <paramref name="into"/> (the control loop polls them).</summary>
    public void CollectPollables(List<IPollable> into)
    {
        foreach (Port p in _ports)
        {
            if (p.RunnerReader is { } reader)
            {
                into.Add(reader);
            }

            foreach (LinkWatcher w in p.Watchers)
            {
                if (w.Fd >= 0)
                {
                    into.Add(w);
                }
            }
        }
    }

    /// <summary>A watcher's verdict changed: apply link_watch_policy and tell the runner.</summary>
    private void OnWatcherVerdict(Port port, LinkWatcher watcher, string reason)
    {
        if (!_ports.Contains(port))
        {
            return;
        }

        // user_linkup_enabled forced by an operator (the option) wins over the watchers, as in the kernel;
        // the watchers' verdict applies again when it is turned off (Team.UserLinkupChanged).
        if (_control?.FindPort(port)?.LinkForced == true)
        {
            return;
        }

        bool up = WatchersVerdict(port);
        if (up == port.LinkUp)
        {
            return;
        }

        CommitLink(port, up, $"{watcher.Name}: {reason}");
        Runner.PortLinkChanged(this, port);
        FlushView();
    }

    /// <summary>The port's link by its watchers and link_watch_policy (any: one is up; all: every one is).</summary>
    public bool WatchersVerdict(Port port)
    {
        bool all = Config.LinkWatchPolicy == "all";
        bool up = all;
        foreach (LinkWatcher w in port.Watchers)
        {
            up = all ? up && w.Up : up || w.Up;
        }

        return up;
    }

    private void CommitLink(Port port, bool up, string reason)
    {
        port.LinkUp = up;
        _ports.MarkChanged();
        _feed.VerdictChanged(port);
        Log.PortLink(_log, Name, port.Name, up ? "up" : "down", reason);
    }

    /// <summary>What a watcher sees of its port and team.</summary>
    private sealed class WatchHost : IWatchHost
    {
        private readonly Team _team;
        private readonly Port _port;

        public WatchHost(Team team, Port port)
        {
            _team = team;
            _port = port;
        }

        public string PortName => _port.Name;

        public int PortIfIndex => _port.IfIndex;

        public ReadOnlySpan<byte> TeamMac => _team.Mac;

        public ReadOnlySpan<byte> PortOwnMac => _port.Original.HwAddr;

        public bool ForcedSend => _port.Enabled || !_team._ports.Exists(p => p.Enabled);

        public bool PortEnabled => _port.Enabled;

        public IPAddress? TeamLinkLocal => _team._addresses.LinkLocal;

        public void VerdictChanged(LinkWatcher watcher, string reason) => _team.OnWatcherVerdict(_port, watcher, reason);

        public IFrameChannel OpenChannel(ushort etherType, ReadOnlySpan<byte> filter) => _team._ctx.Sockets.OpenChannel(_port.Name, _port.IfIndex, etherType, filter);
    }
}

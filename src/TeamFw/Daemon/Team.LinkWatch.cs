// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;
using TeamFw.Config;
using TeamFw.Logging;
using TeamFw.Native.Sockets;
using TeamFw.Netlink;
using TeamFw.Ports;

namespace TeamFw.Daemon;

/// <summary>The ethtool link watcher: carrier from rtnetlink link events, with delay_up / delay_down.</summary>
public sealed partial class Team
{
    /// <summary>The ethtool watcher settings that apply to a port (its own link_watch, else the team's).</summary>
    public LinkWatchConfig WatcherFor(Port port)
    {
        IReadOnlyList<LinkWatchConfig> list = port.Config.LinkWatch ?? Config.LinkWatch;
        foreach (LinkWatchConfig lw in list)
        {
            if (lw.Name == "ethtool")
            {
                return lw;
            }
        }

        return new LinkWatchConfig();
    }

    /// <summary>An RTM_NEWLINK/RTM_DELLINK notification for any interface.</summary>
    public void OnLinkEvent(in LinkInfo link, long now)
    {
        if (link.IfIndex == IfIndex && !link.Deleted && link.Mtu > 0 && link.Mtu != Mtu)
        {
            ChangeMtu(link.Mtu);
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

    /// <summary>
    /// The fast carrier check (see <see cref="TeamFwSettings.CarrierPollMs"/>): one ETHTOOL_GLINK ioctl per
    /// port that carries traffic now (txable: in activebackup only the active port), whose carrier loss
    /// interrupts traffic. Ports that are down or idle, and ports whose driver has no get_link, are left
    /// to the rtnetlink events.
    /// </summary>
    public void PollCarrier(long now)
    {
        // By index, without a copy: this runs every few milliseconds, and OnCarrier never removes a port.
        for (int i = 0; i < _ports.Count; i++)
        {
            Port p = _ports[i];
            if (p.NoGetLink || !p.Txable || p.PendingDeadline != 0)
            {
                continue;
            }

            bool? carrier = _ctx.Dev.GetLink(p.Name);
            if (carrier is null)
            {
                p.NoGetLink = true;
                continue;
            }

            OnCarrier(p, carrier.Value, now);
        }
    }

    /// <summary>Re-reads every port's link state (after an event overflow, or at start).</summary>
    public void Resync(RtnlClient rtnl, long now)
    {
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

    internal void OnCarrier(Port port, bool up, long now)
    {
        if (up == port.CarrierUp && port.PendingDeadline == 0)
        {
            return;
        }

        port.CarrierUp = up;
        if (up == port.LinkUp)
        {
            // Flapped back before the delay ran out: nothing changes.
            port.PendingDeadline = 0;
            return;
        }

        LinkWatchConfig lw = WatcherFor(port);
        int delay = up ? lw.DelayUp : lw.DelayDown;
        if (delay <= 0)
        {
            port.PendingDeadline = 0;
            CommitLink(port, up, "carrier " + (up ? "up" : "down"));
            Runner.PortLinkChanged(this, port);
            FlushView();
            return;
        }

        if (port.PendingDeadline == 0 || port.PendingUp != up)
        {
            port.PendingUp = up;
            port.PendingDeadline = now + delay;
        }
    }

    /// <summary>Applies verdicts whose delay ran out.</summary>
    public void OnTimer(long now)
    {
        for (int i = 0; i < _ports.Count; i++)
        {
            Port p = _ports[i];
            if (p.PendingDeadline != 0 && now >= p.PendingDeadline)
            {
                p.PendingDeadline = 0;
                LinkWatchConfig lw = WatcherFor(p);
                CommitLink(p, p.PendingUp, $"carrier {(p.PendingUp ? "up" : "down")} for {(p.PendingUp ? lw.DelayUp : lw.DelayDown)} ms");
                Runner.PortLinkChanged(this, p);
                FlushView();
            }
        }
    }

    /// <summary>The earliest pending deadline, or long.MaxValue.</summary>
    public long NextDeadline()
    {
        long next = long.MaxValue;
        foreach (Port p in _ports)
        {
            if (p.PendingDeadline != 0)
            {
                next = Math.Min(next, p.PendingDeadline);
            }
        }

        return next;
    }

    private void CommitLink(Port port, bool up, string reason)
    {
        if (up)
        {
            LinkSettings ls = _ctx.Dev.GetLinkSettings(port.Name);
            port.SpeedMbps = ls.SpeedMbps;
            port.Duplex = ls.Duplex;
        }
        else
        {
            port.DownCount++;
        }

        port.LinkUp = up;
        _viewDirty = true;
        Log.PortLink(_log, Name, port.Name, up ? "up" : "down", reason);
    }
}

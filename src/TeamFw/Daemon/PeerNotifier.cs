// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using Microsoft.Extensions.Logging;
using TeamFw.Control.Options;
using TeamFw.Host;
using TeamFw.Logging;
using TeamFw.Netlink;
using TeamFw.Packets;
using TeamFw.Ports;

namespace TeamFw.Daemon;

/// <summary>
/// Peer notification and multicast rejoin for one team (the kernel's NETDEV_NOTIFY_PEERS / NETDEV_RESEND_IGMP
/// on a team port being enabled): count rounds, interval ms apart, sent from the team MAC on the port that was
/// just enabled — gratuitous ARP for every IPv4 address and an unsolicited NA for every IPv6 address of the
/// team device; IGMPv3 and MLDv2 reports for every group the team device has joined.
/// </summary>
public sealed class PeerNotifier
{
    private readonly List<Notification> _notifications = new();
    private readonly string _team;
    private readonly byte[] _mac;
    private readonly TeamAddresses _addresses;
    private readonly IClock _clock;
    private readonly ILogger _log;

    /// <param name="mac">The team MAC (the array itself: hwaddr_policy by_active rewrites it in place).</param>
    public PeerNotifier(string team, byte[] mac, TeamAddresses addresses, IClock clock, ILogger log)
    {
        _team = team;
        _mac = mac;
        _addresses = addresses;
        _clock = clock;
        _log = log;
    }

    private sealed class Notification
    {
        public required Port Port { get; init; }
        public required bool Multicast { get; init; }
        public int RoundsLeft { get; set; }
        public int Interval { get; init; }
        public long Due { get; set; }
    }

    /// <summary>When the next round is due, or long.MaxValue.</summary>
    public long NextDue
    {
        get
        {
            long next = long.MaxValue;
            foreach (Notification n in _notifications)
            {
                next = Math.Min(next, n.Due);
            }

            return next;
        }
    }

    /// <summary>The port was just enabled: its rounds start now, as the kernel options (notify_peers_count/_interval,
    /// mcast_rejoin_count/_interval) say — they start from the config (with teamd's runner defaults) and may be
    /// changed over the control socket.</summary>
    public void Schedule(Port port, TeamControlState o)
    {
        long now = _clock.NowMs;
        _notifications.RemoveAll(n => n.Port == port);
        int peers = (int)Math.Min(o.NotifyPeersCount, 255u);
        int mcast = (int)Math.Min(o.McastRejoinCount, 255u);
        if (peers > 0)
        {
            _notifications.Add(new Notification { Port = port, Multicast = false, RoundsLeft = peers, Interval = (int)Math.Min(o.NotifyPeersInterval, 60_000u), Due = now });
        }

        if (mcast > 0)
        {
            _notifications.Add(new Notification { Port = port, Multicast = true, RoundsLeft = mcast, Interval = (int)Math.Min(o.McastRejoinInterval, 60_000u), Due = now });
        }
    }

    /// <summary>Sends the rounds that are due; a port no longer in <paramref name="ports"/>, or disabled, gets no more.</summary>
    public void Run(long now, IReadOnlyList<Port> ports)
    {
        for (int i = _notifications.Count - 1; i >= 0; i--)
        {
            Notification n = _notifications[i];
            if (!Contains(ports, n.Port) || !n.Port.Enabled)
            {
                _notifications.RemoveAt(i);
                continue;
            }

            if (now < n.Due)
            {
                continue;
            }

            if (n.Multicast)
            {
                SendMulticastReports(n.Port);
            }
            else
            {
                SendPeerNotification(n.Port);
            }

            n.RoundsLeft--;
            n.Due = now + n.Interval;
            if (n.RoundsLeft <= 0)
            {
                _notifications.RemoveAt(i);
            }
        }
    }

    private static bool Contains(IReadOnlyList<Port> ports, Port port)
    {
        for (int i = 0; i < ports.Count; i++)
        {
            if (ReferenceEquals(ports[i], port))
            {
                return true;
            }
        }

        return false;
    }

    private void SendPeerNotification(Port port)
    {
        Span<byte> frame = stackalloc byte[128];
        int sent = 0;
        foreach (SavedAddress a in _addresses.Read())
        {
            // Multicast "addresses" (ip addr add 239.x/32 autojoin) are group memberships, not ours to announce.
            if (a.Local is not byte[] addr || (addr.Length == 4 && addr[0] >= 224 && addr[0] <= 239) || (addr.Length == 16 && addr[0] == 0xff))
            {
                continue;
            }

            int n = addr.Length == 4
                ? Arp.WriteGratuitous(frame, _mac, BinaryPrimitives.ReadUInt32BigEndian(addr))
                : Ndisc.WriteUnsolicitedAdvertisement(frame, _mac, addr);
            if (port.Control?.Send(frame[..n]) == Native.Interop.Errno.OK)
            {
                sent++;
            }
        }

        Log.PeersNotified(_log, _team, port.Name, sent);
    }

    private void SendMulticastReports(Port port)
    {
        (List<uint> v4, List<byte[]> v6) = JoinedGroups.Read(_team);
        Span<byte> frame = stackalloc byte[1500];
        if (v4.Count > 0)
        {
            uint source = 0;
            foreach (SavedAddress a in _addresses.Read())
            {
                if (a.Local is byte[] b && b.Length == 4)
                {
                    source = BinaryPrimitives.ReadUInt32BigEndian(b);
                    break;
                }
            }

            for (int i = 0; i < v4.Count; i += 64)
            {
                int n = Multicast.WriteIgmpv3Report(frame, _mac, source, v4.GetRange(i, Math.Min(64, v4.Count - i)));
                port.Control?.Send(frame[..n]);
            }
        }

        if (v6.Count > 0)
        {
            byte[] source = new byte[16];
            _addresses.LinkLocal?.TryWriteBytes(source, out _);
            for (int i = 0; i < v6.Count; i += 64)
            {
                int n = Multicast.WriteMldv2Report(frame, _mac, source, v6.GetRange(i, Math.Min(64, v6.Count - i)));
                port.Control?.Send(frame[..n]);
            }
        }

        Log.McastRejoined(_log, _team, port.Name, v4.Count, v6.Count);
    }
}

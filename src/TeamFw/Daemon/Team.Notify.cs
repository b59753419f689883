// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Net;
using TeamFw.Logging;
using TeamFw.Netlink;
using TeamFw.Packets;
using TeamFw.Ports;

namespace TeamFw.Daemon;

/// <summary>
/// Peer notification and multicast rejoin (the kernel's NETDEV_NOTIFY_PEERS / NETDEV_RESEND_IGMP on a
/// team port being enabled): count rounds, interval ms apart, sent from the team MAC on the port that was
/// just enabled — gratuitous ARP for every IPv4 address and an unsolicited NA for every IPv6 address of the
/// team device; IGMPv3 and MLDv2 reports for every group the team device has joined.
/// </summary>
public sealed partial class Team
{
    private const byte AfInet6 = 10; // Linux AF_INET6 (ifaddrmsg.ifa_family)
    private const byte ScopeLink = 253; // RT_SCOPE_LINK
    private readonly List<Notification> _notifications = new();
    private IPAddress? _linkLocal;
    private long _linkLocalReadAt;
    private bool _linkLocalRead;

    private sealed class Notification
    {
        public required Port Port { get; init; }
        public required bool Multicast { get; init; }
        public int RoundsLeft { get; set; }
        public int Interval { get; init; }
        public long Due { get; set; }
    }

    private long NextNotification
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

    private void ScheduleNotifications(Port port)
    {
        long now = Environment.TickCount64;
        _notifications.RemoveAll(n => n.Port == port);
        // The kernel options (notify_peers_count/_interval, mcast_rejoin_count/_interval), which start from
        // the config (with teamd's runner defaults) and may be changed over the control socket.
        var o = ControlState;
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

    private void RunNotifications(long now)
    {
        for (int i = _notifications.Count - 1; i >= 0; i--)
        {
            Notification n = _notifications[i];
            if (!_ports.Contains(n.Port) || !n.Port.Enabled)
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

    /// <summary>The team device's addresses, read now with rtnetlink (empty when the dump fails).</summary>
    private List<SavedAddress> ReadAddresses()
    {
        try
        {
            return _ctx.Rtnl.GetAddresses(IfIndex);
        }
        catch (Native.Interop.ErrnoException)
        {
            return new List<SavedAddress>();
        }
    }

    /// <summary>The team device's IPv6 link-local address, or null (the NS source for nsna_ping, asked every
    /// probe interval: read at most once a second).</summary>
    public IPAddress? LinkLocal
    {
        get
        {
            long now = Environment.TickCount64;
            if (!_linkLocalRead || now - _linkLocalReadAt >= 1000)
            {
                _linkLocalRead = true;
                _linkLocalReadAt = now;
                _linkLocal = null;
                foreach (SavedAddress a in ReadAddresses())
                {
                    if (a.Family == AfInet6 && a.Scope == ScopeLink && a.Local is byte[] b)
                    {
                        _linkLocal = new IPAddress(b);
                        break;
                    }
                }
            }

            return _linkLocal;
        }
    }

    private void SendPeerNotification(Port port)
    {
        Span<byte> frame = stackalloc byte[128];
        int sent = 0;
        foreach (SavedAddress a in ReadAddresses())
        {
            // Multicast "addresses" (ip addr add 239.x/32 autojoin) are group memberships, not ours to announce.
            if (a.Local is not byte[] addr || (addr.Length == 4 && addr[0] >= 224 && addr[0] <= 239) || (addr.Length == 16 && addr[0] == 0xff))
            {
                continue;
            }

            int n = addr.Length == 4
                ? Arp.WriteGratuitous(frame, Mac, BinaryPrimitives.ReadUInt32BigEndian(addr))
                : Ndisc.WriteUnsolicitedAdvertisement(frame, Mac, addr);
            if (port.Control?.Send(frame[..n]) == Native.Interop.Errno.OK)
            {
                sent++;
            }
        }

        Log.PeersNotified(_log, Name, port.Name, sent);
    }

    private void SendMulticastReports(Port port)
    {
        (List<uint> v4, List<byte[]> v6) = JoinedGroups(Name);
        Span<byte> frame = stackalloc byte[1500];
        if (v4.Count > 0)
        {
            uint source = 0;
            foreach (SavedAddress a in ReadAddresses())
            {
                if (a.Local is byte[] b && b.Length == 4)
                {
                    source = BinaryPrimitives.ReadUInt32BigEndian(b);
                    break;
                }
            }

            for (int i = 0; i < v4.Count; i += 64)
            {
                int n = Multicast.WriteIgmpv3Report(frame, Mac, source, v4.GetRange(i, Math.Min(64, v4.Count - i)));
                port.Control?.Send(frame[..n]);
            }
        }

        if (v6.Count > 0)
        {
            byte[] source = new byte[16];
            LinkLocal?.TryWriteBytes(source, out _);
            for (int i = 0; i < v6.Count; i += 64)
            {
                int n = Multicast.WriteMldv2Report(frame, Mac, source, v6.GetRange(i, Math.Min(64, v6.Count - i)));
                port.Control?.Send(frame[..n]);
            }
        }

        Log.McastRejoined(_log, Name, port.Name, v4.Count, v6.Count);
    }

    /// <summary>
    /// The groups joined on a device, from /proc/net/igmp and /proc/net/igmp6 (of this network namespace),
    /// without the all-hosts / all-nodes groups, which are never reported (RFC 3376 §5, RFC 3810 §6).
    /// </summary>
    public static (List<uint> V4, List<byte[]> V6) JoinedGroups(string device)
    {
        var v4 = new List<uint>();
        var v6 = new List<byte[]>();
        try
        {
            ParseIgmp(File.ReadAllLines("/proc/net/igmp"), device, v4);
        }
        catch (IOException)
        {
        }

        try
        {
            ParseIgmp6(File.ReadAllLines("/proc/net/igmp6"), device, v6);
        }
        catch (IOException)
        {
        }

        return (v4, v6);
    }

    /// <summary>/proc/net/igmp: a device line "Idx Device : Count Querier", then one indented line per group with
    /// the group as 8 hex digits of the in-memory (network-order) address read as a host-endian u32.</summary>
    public static void ParseIgmp(IEnumerable<string> lines, string device, List<uint> groups)
    {
        bool inDevice = false;
        foreach (string line in lines)
        {
            if (line.Length == 0)
            {
                continue;
            }

            if (!char.IsWhiteSpace(line[0]))
            {
                // "%d\t%-10s: ...": a name of 10 or more characters runs into the colon.
                int colon = line.IndexOf(':', StringComparison.Ordinal);
                string[] f = (colon >= 0 ? line[..colon] : line).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
                inDevice = f.Length >= 2 && f[1] == device;
                continue;
            }

            string[] g = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (inDevice && g.Length > 0 && uint.TryParse(g[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out uint raw))
            {
                uint group = BitConverter.IsLittleEndian ? BinaryPrimitives.ReverseEndianness(raw) : raw;
                if (group != 0xE0000001)
                {
                    groups.Add(group);
                }
            }
        }
    }

    /// <summary>/proc/net/igmp6: "idx device address(32 hex) users flags timer" per group; interface-local
    /// and reserved-scope groups (ff01::1 is on every interface) are left out.</summary>
    public static void ParseIgmp6(IEnumerable<string> lines, string device, List<byte[]> groups)
    {
        foreach (string line in lines)
        {
            string[] f = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (f.Length < 3 || f[1] != device || f[2].Length != 32)
            {
                continue;
            }

            byte[] a = Convert.FromHexString(f[2]);
            bool allNodes = a[0] == 0xff && a[1] == 0x02 && a[15] == 1 && Array.TrueForAll(a[2..15], b => b == 0);
            bool belowLinkScope = (a[1] & 0x0f) < 2; // scopes 0 and 1 are never reported (RFC 3810 §6)
            if (!allNodes && !belowLinkScope)
            {
                groups.Add(a);
            }
        }
    }
}

// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;
using Microsoft.Extensions.Logging;
using TeamFw.Logging;
using TeamFw.Packets;
using TeamFw.Native.Interop;
using TeamFw.Native.Sockets;
using TeamFw.Netlink;

namespace TeamFw.Ports;

/// <summary>What a team asks of <see cref="PortSetup"/>, as an interface so the team can be tested with a fake.</summary>
public interface IPortSetup
{
    /// <summary>Names the reason a port cannot join, or null when it can (its ifindex in <paramref name="ifIndex"/>).</summary>
    string? CheckCanEnslave(string name, string teamName, Func<string, string?> ownerOf, out int ifIndex);

    /// <summary>The port's state now: what a release restores.</summary>
    PortSnapshot Record(string name, int ifIndex);

    /// <summary>Applies the team's settings; throws on the first failure (the caller then calls <see cref="Restore"/>).</summary>
    void Apply(PortSnapshot s, int mtu, ReadOnlySpan<byte> mac, bool live = false);

    void BringUp(PortSnapshot s);

    /// <summary>Restores everything recorded; false when the interface is gone or a step failed.</summary>
    bool Restore(PortSnapshot s);
}

/// <summary>
/// Takes a port over for a team and gives it back. On add teamfw records MTU, MAC, flags, the two
/// sysctls it changes and every address; while enslaved the port's own stack must not answer for the
/// team (arp_ignore 8, IPv6 off, no addresses: README "What teamfw does to a port"; plus rp_filter 1, see Apply);
/// release restores all of it.
/// </summary>
public sealed class PortSetup : IPortSetup
{
    private readonly NetDevice _dev;
    private readonly RtnlClient _rtnl;
    private readonly ILogger _log;

    public PortSetup(NetDevice dev, RtnlClient rtnl, ILogger log)
    {
        _dev = dev;
        _rtnl = rtnl;
        _log = log;
    }

    public PortSnapshot Record(string name, int ifIndex)
    {
        return new PortSnapshot(
            name,
            ifIndex,
            _dev.GetMtu(name),
            _dev.GetHwAddr(name),
            _dev.GetFlags(name),
            Sysctl.TryRead(Sysctl.ArpIgnorePath(name)),
            Sysctl.TryRead(Sysctl.RpFilterPath(name)),
            Sysctl.TryRead(Sysctl.DisableIpv6Path(name)),
            _rtnl.GetAddresses(ifIndex));
    }

    /// <summary>Applies the team's settings. Throws on the first failure; the caller then calls <see cref="Restore"/>.
    /// With <paramref name="live"/> (a port a previous daemon held, still up with the team's settings) the port is
    /// not taken down first: only what differs is changed, so its link never flaps.</summary>
    public void Apply(PortSnapshot s, int mtu, ReadOnlySpan<byte> mac, bool live = false)
    {
        const uint IffUp = 0x1;
        if (!live)
        {
            _dev.SetFlags(s.Name, s.Flags & ~IffUp);
        }

        if (_dev.GetMtu(s.Name) != mtu)
        {
            _dev.SetMtu(s.Name, mtu);
        }

        if (!mac.SequenceEqual(_dev.GetHwAddr(s.Name)))
        {
            try
            {
                _dev.SetHwAddr(s.Name, mac);
            }
            catch (ErrnoException e) when (live && e.Errno == Errno.EBUSY)
            {
                // A driver that cannot change its MAC while up (no IFF_LIVE_ADDR_CHANGE).
                _dev.SetFlags(s.Name, _dev.GetFlags(s.Name) & ~IffUp);
                _dev.SetHwAddr(s.Name, mac);
            }
        }

        if (s.ArpIgnore is not null)
        {
            Sysctl.Write(Sysctl.ArpIgnorePath(s.Name), "8");
        }

        // Linux is a weak host: an IPv4 packet for the team's address arriving on the port would be
        // accepted by the port's own stack as well as through the team (duplicates). Strict reverse-path
        // filtering drops it there, since no route points at the port.
        if (s.RpFilter is not null)
        {
            Sysctl.Write(Sysctl.RpFilterPath(s.Name), "1");
        }

        foreach (SavedAddress a in s.Addresses)
        {
            Errno e = _rtnl.DeleteAddress(a);
            if (e is not Errno.OK and not Errno.EADDRNOTAVAIL and not Errno.ENOENT)
            {
                ErrnoException.Throw(e, "RTM_DELADDR " + a, s.Name);
            }
        }

        if (s.DisableIpv6 is not null)
        {
            Sysctl.Write(Sysctl.DisableIpv6Path(s.Name), "1");
        }
    }

    /// <summary>
    /// Whether a port a previous daemon recorded still looks the way a team leaves its ports (arp_ignore 8,
    /// IPv6 off). When it does not, someone changed it since (or it was restored just before that daemon
    /// died): what it has now is its state, not the record.
    /// </summary>
    public static string? WhyNotEnslaved(PortSnapshot recorded)
    {
        if (recorded.ArpIgnore is not null && Sysctl.TryRead(Sysctl.ArpIgnorePath(recorded.Name)) is string ai && ai != "8")
        {
            return $"its arp_ignore is {ai}, not 8";
        }

        if (recorded.DisableIpv6 is not null && Sysctl.TryRead(Sysctl.DisableIpv6Path(recorded.Name)) is string d6 && d6 != "1")
        {
            return $"its disable_ipv6 is {d6}, not 1";
        }

        return null;
    }

    public void BringUp(PortSnapshot s)
    {
        const uint IffUp = 0x1;
        _dev.SetFlags(s.Name, (s.Flags & 0xffff) | IffUp);
    }

    /// <summary>Restores everything recorded, step by step; a failed step is logged and the rest still run.
    /// Returns false when the interface is gone (nothing to restore) or a step failed.</summary>
    public bool Restore(PortSnapshot s)
    {
        if (_dev.TryGetIndex(s.Name) != s.IfIndex)
        {
            return false;
        }

        const uint IffUp = 0x1;
        bool ok = true;
        ok &= Step(s.Name, "set down", () => _dev.SetFlags(s.Name, _dev.GetFlags(s.Name) & ~IffUp));
        ok &= Step(s.Name, "restore MAC", () =>
        {
            if (!_dev.GetHwAddr(s.Name).AsSpan().SequenceEqual(s.HwAddr))
            {
                _dev.SetHwAddr(s.Name, s.HwAddr);
            }
        });
        ok &= Step(s.Name, "restore MTU", () =>
        {
            if (_dev.GetMtu(s.Name) != s.Mtu)
            {
                _dev.SetMtu(s.Name, s.Mtu);
            }
        });
        if (s.DisableIpv6 is not null)
        {
            ok &= Step(s.Name, "restore disable_ipv6", () => Sysctl.Write(Sysctl.DisableIpv6Path(s.Name), s.DisableIpv6));
        }

        if (s.ArpIgnore is not null)
        {
            ok &= Step(s.Name, "restore arp_ignore", () => Sysctl.Write(Sysctl.ArpIgnorePath(s.Name), s.ArpIgnore));
        }

        if (s.RpFilter is not null)
        {
            ok &= Step(s.Name, "restore rp_filter", () => Sysctl.Write(Sysctl.RpFilterPath(s.Name), s.RpFilter));
        }

        ok &= Step(s.Name, "restore flags", () => _dev.SetFlags(s.Name, s.Flags & 0xffff));
        foreach (SavedAddress a in s.Addresses)
        {
            ok &= Step(s.Name, "restore address " + a, () =>
            {
                Errno e = _rtnl.AddAddress(a);
                if (e != Errno.OK)
                {
                    ErrnoException.Throw(e, "RTM_NEWADDR " + a, s.Name);
                }
            });
        }

        return ok;
    }

    private bool Step(string port, string what, Action action)
    {
        try
        {
            action();
            return true;
        }
        catch (Exception e) when (SetupFailure.IsSetupFailure(e))
        {
            Log.PortRestoreFailed(_log, port, what, e.Message);
            return false;
        }
    }

    /// <summary>Names the reason a port cannot join, or null when it can.</summary>
    public string? CheckCanEnslave(string name, string teamName, Func<string, string?> ownerOf, out int ifIndex)
    {
        ifIndex = 0;
        if (name == teamName)
        {
            return "a team cannot be its own port";
        }

        string? owner = ownerOf(name);
        if (owner is not null)
        {
            return $"already a port of team {owner}";
        }

        ifIndex = _dev.TryGetIndex(name);
        if (ifIndex == 0)
        {
            return "no such interface";
        }

        const uint IffLoopback = 0x8;
        if ((_dev.GetFlags(name) & IffLoopback) != 0)
        {
            return "loopback cannot be a port";
        }

        return null;
    }

    public static IReadOnlyList<string> Describe(PortSnapshot s)
    {
        var l = new List<string> { $"mtu {s.Mtu}", "mac " + Mac.Format(s.HwAddr), $"flags 0x{s.Flags:x}" };
        return l;
    }
}

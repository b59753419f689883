// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;
using System.Net;
using TeamFw.Native.Interop;
using TeamFw.Netlink;

namespace TeamFw.Host;

/// <summary>The team device's own addresses, as rtnetlink lists them: what peer notification announces and
/// the IPv6 link-local address the nsna_ping probes and MLD reports go out from.</summary>
public sealed class TeamAddresses
{
    private const byte AfInet6 = 10; // Linux AF_INET6 (ifaddrmsg.ifa_family)
    private const byte ScopeLink = 253; // RT_SCOPE_LINK
    private readonly IRtnl _rtnl;
    private readonly IClock _clock;
    private readonly Func<int> _ifIndex;
    private IPAddress? _linkLocal;
    private long _linkLocalReadAt;
    private bool _linkLocalRead;

    /// <param name="ifIndex">The team device's ifindex (known once the device exists).</param>
    public TeamAddresses(IRtnl rtnl, IClock clock, Func<int> ifIndex)
    {
        _rtnl = rtnl;
        _clock = clock;
        _ifIndex = ifIndex;
    }

    /// <summary>The team device's addresses, read now with rtnetlink (empty when the dump fails).</summary>
    public List<SavedAddress> Read()
    {
        try
        {
            return _rtnl.GetAddresses(_ifIndex());
        }
        catch (ErrnoException)
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
            long now = _clock.NowMs;
            if (!_linkLocalRead || now - _linkLocalReadAt >= 1000)
            {
                _linkLocalRead = true;
                _linkLocalReadAt = now;
                _linkLocal = null;
                foreach (SavedAddress a in Read())
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
}

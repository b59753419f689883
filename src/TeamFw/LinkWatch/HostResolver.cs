// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;

namespace TeamFw.LinkWatch;

/// <summary>
/// A watcher's target or source, given as an address or a host name. Names resolve in the background
/// (never blocking the control loop) and are retried until they resolve: a target that does not exist
/// at start is picked up later without a restart (libteam#8).
/// </summary>
public sealed class HostResolver
{
    private readonly string _host;
    private readonly AddressFamily _family;
    private Task<IPAddress[]>? _lookup;
    private long _retryAt;

    public HostResolver(string host, AddressFamily family)
    {
        _host = host;
        _family = family;
        if (IPAddress.TryParse(host, out IPAddress? a) && a.AddressFamily == family)
        {
            Address = a;
        }
    }

    public string Host => _host;

    /// <summary>The address, once known.</summary>
    public IPAddress? Address { get; private set; }

    /// <summary>Returns the address, starting or collecting a lookup when it is not known yet.</summary>
    public IPAddress? Poll(long now)
    {
        if (Address is not null)
        {
            return Address;
        }

        if (_lookup is null)
        {
            if (now >= _retryAt)
            {
                _lookup = Dns.GetHostAddressesAsync(_host, _family);
            }

            return null;
        }

        if (!_lookup.IsCompleted)
        {
            return null;
        }

        if (_lookup.IsCompletedSuccessfully && _lookup.Result.Length > 0)
        {
            Address = _lookup.Result[0];
        }
        else
        {
            _retryAt = now + 1000;
        }

        _lookup = null;
        return Address;
    }
}

// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using TeamFw.Native.Sockets;

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
    private readonly Func<string, AddressFamily, IPAddress?> _resolve;
    private Lookup? _lookup;
    private long _retryAt;

    public HostResolver(string host, AddressFamily family)
        : this(host, family, static (h, f) => HostNames.Resolve(h, f, out _))
    {
    }

    /// <summary>With <paramref name="resolve"/> in place of getaddrinfo (tests).</summary>
    internal HostResolver(string host, AddressFamily family, Func<string, AddressFamily, IPAddress?> resolve)
    {
        _host = host;
        _family = family;
        _resolve = resolve;
        if (IPAddress.TryParse(host, out IPAddress? a) && a.AddressFamily == family)
        {
            Address = a;
        }
    }

    public string Host => _host;

    /// <summary>The address, once known.</summary>
    public IPAddress? Address { get; private set; }

    /// <summary>True while a lookup runs (its answer is collected by the next <see cref="Poll"/>).</summary>
    internal bool Resolving => _lookup is { IsCompleted: false };

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
                _lookup = Lookup.Start(_host, _family, _resolve);
            }

            return null;
        }

        if (!_lookup.IsCompleted)
        {
            return null;
        }

        Address = _lookup.Result;
        if (Address is null)
        {
            _retryAt = now + 1000;
        }

        _lookup = null;
        return Address;
    }

    /// <summary>One getaddrinfo call on a short-lived background thread (it may block for seconds on DNS).</summary>
    private sealed class Lookup
    {
        private readonly string _host;
        private readonly AddressFamily _family;
        private readonly Func<string, AddressFamily, IPAddress?> _resolve;
        private IPAddress? _result;
        private volatile bool _completed;

        private Lookup(string host, AddressFamily family, Func<string, AddressFamily, IPAddress?> resolve)
        {
            _host = host;
            _family = family;
            _resolve = resolve;
        }

        public bool IsCompleted => _completed;

        /// <summary>The first address, or null when the name did not resolve; read once <see cref="IsCompleted"/>.</summary>
        public IPAddress? Result => _result;

        public static Lookup Start(string host, AddressFamily family, Func<string, AddressFamily, IPAddress?> resolve)
        {
            var l = new Lookup(host, family, resolve);
            new Thread(l.Run) { IsBackground = true, Name = "teamfw resolve" }.Start();
            return l;
        }

        private void Run()
        {
            _result = _resolve(_host, _family);
            _completed = true;
        }
    }
}

// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Net;
using System.Net.Sockets;
using System.Text;
using TeamFw.Native.Interop;
using static TeamFw.Native.Interop.Constants;

namespace TeamFw.Native.Sockets;

/// <summary>
/// Host names to addresses with getaddrinfo(3), as the C library resolves them (/etc/hosts, DNS,
/// nsswitch). System.Net.Dns does the same through its own async machinery, about 50 KB of the
/// Native AOT binary; one blocking call on a thread of the caller's choosing is all teamfw needs.
/// </summary>
public static unsafe class HostNames
{
    /// <summary>
    /// The first address of <paramref name="family"/> (InterNetwork or InterNetworkV6) that
    /// <paramref name="host"/> has, or null, with getaddrinfo's EAI_* code in <paramref name="error"/>
    /// (0 when it answered with no address of that family). Blocks while the resolver works.
    /// </summary>
    public static IPAddress? Resolve(string host, AddressFamily family, out int error)
    {
        int af = family switch
        {
            AddressFamily.InterNetwork => AF_INET,
            AddressFamily.InterNetworkV6 => AF_INET6,
            _ => throw new ArgumentOutOfRangeException(nameof(family), family, "IPv4 or IPv6"),
        };
        int n = Encoding.UTF8.GetByteCount(host);
        byte[] name = new byte[n + 1];
        Encoding.UTF8.GetBytes(host, name);
        addrinfo hints = default;
        hints.ai_family = af;
        hints.ai_socktype = SOCK_DGRAM; // one entry an address, not one a socket type
        addrinfo* res = null;
        fixed (byte* node = name)
        {
            error = LinuxNative.getaddrinfo(node, null, &hints, &res);
        }

        if (error != 0)
        {
            return null;
        }

        try
        {
            for (addrinfo* ai = res; ai is not null; ai = ai->ai_next)
            {
                if (ai->ai_family == AF_INET && ai->ai_addrlen >= sizeof(sockaddr_in))
                {
                    var sin = (sockaddr_in*)ai->ai_addr;
                    return new IPAddress(new ReadOnlySpan<byte>(&sin->sin_addr, 4));
                }

                if (ai->ai_family == AF_INET6 && ai->ai_addrlen >= sizeof(sockaddr_in6))
                {
                    var sin6 = (sockaddr_in6*)ai->ai_addr;
                    return new IPAddress(new ReadOnlySpan<byte>(sin6->sin6_addr, 16), sin6->sin6_scope_id);
                }
            }

            return null;
        }
        finally
        {
            LinuxNative.freeaddrinfo(res);
        }
    }
}

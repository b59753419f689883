// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System.Net;
using System.Net.Sockets;
using System.Threading;
using TeamFw.LinkWatch;
using Xunit;

namespace TeamFw.Tests.LinkWatch;

public sealed class HostResolverTests
{
    [Fact]
    public void Poll_Address_KnownAtOnce()
    {
        var r = new HostResolver("192.0.2.1", AddressFamily.InterNetwork);

        Assert.Equal(IPAddress.Parse("192.0.2.1"), r.Address);
        Assert.Equal(IPAddress.Parse("192.0.2.1"), r.Poll(0));
    }

    [Fact]
    public void Poll_Name_ResolvesInTheBackground()
    {
        var r = new HostResolver("localhost", AddressFamily.InterNetwork);
        Assert.Null(r.Address);

        IPAddress? a = null;
        for (int i = 0; i < 500 && a is null; i++)
        {
            a = r.Poll(i * 10);
            Thread.Sleep(10);
        }

        Assert.Equal(IPAddress.Loopback, a);
    }

    [Fact]
    public void Poll_Unresolvable_StaysUnknownAndRetries()
    {
        // An IPv4 literal never resolves as IPv6, and getaddrinfo says so without asking DNS.
        var r = new HostResolver("192.0.2.1", AddressFamily.InterNetworkV6);
        for (int i = 0; i < 100; i++)
        {
            Assert.Null(r.Poll(i * 50));
            Thread.Sleep(5);
        }

        Assert.Null(r.Address);
    }
}

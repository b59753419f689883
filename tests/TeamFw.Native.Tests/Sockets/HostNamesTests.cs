// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System.Net;
using System.Net.Sockets;
using TeamFw.Native.Sockets;
using Xunit;

namespace TeamFw.Native.Tests.Sockets;

public sealed class HostNamesTests
{
    [Theory]
    [InlineData("192.0.2.7", AddressFamily.InterNetwork, "192.0.2.7")]
    [InlineData("2001:db8::7", AddressFamily.InterNetworkV6, "2001:db8::7")]
    [InlineData("localhost", AddressFamily.InterNetwork, "127.0.0.1")]
    public void Resolve_KnownName_ReturnsAddressOfThatFamily(string host, AddressFamily family, string expected)
    {
        IPAddress? a = HostNames.Resolve(host, family, out int error);

        Assert.Equal(0, error);
        Assert.Equal(IPAddress.Parse(expected), a);
    }

    [Fact]
    public void Resolve_LinkLocalWithScope_KeepsScopeId()
    {
        IPAddress? a = HostNames.Resolve("fe80::1%1", AddressFamily.InterNetworkV6, out _);

        Assert.NotNull(a);
        Assert.Equal(1, a.ScopeId);
    }

    [Fact]
    public void Resolve_Ipv4LiteralAsIpv6_NullWithError()
    {
        IPAddress? a = HostNames.Resolve("192.0.2.7", AddressFamily.InterNetworkV6, out int error);

        Assert.Null(a);
        Assert.NotEqual(0, error);
    }
}

// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System.Net;
using TeamFw.Host;
using TeamFw.Native.Interop;
using TeamFw.Tests.Fakes;
using Xunit;

namespace TeamFw.Tests.Host;

/// <summary>The team device's addresses and its IPv6 link-local address (the nsna_ping and MLD source), read through rtnetlink.</summary>
public sealed class TeamAddressesTests
{
    private const int TeamIndex = 9;

    private static (TeamAddresses A, FakeRtnl Rtnl, FakeClock Clock) Make()
    {
        var rtnl = new FakeRtnl();
        rtnl.Addresses[TeamIndex] =
        [
            FakeRtnl.Address(2, 0, TeamIndex, [192, 0, 2, 1]),
            FakeRtnl.Address(10, 0, TeamIndex, IPAddress.Parse("2001:db8::1").GetAddressBytes()),
            FakeRtnl.Address(10, 253, TeamIndex, IPAddress.Parse("fe80::1").GetAddressBytes()),
        ];
        var clock = new FakeClock { NowMs = 10_000 };
        return (new TeamAddresses(rtnl, clock, () => TeamIndex), rtnl, clock);
    }

    [Fact]
    public void LinkLocal_TheLinkScopeIpv6Address()
    {
        (TeamAddresses a, _, _) = Make();

        Assert.Equal(IPAddress.Parse("fe80::1"), a.LinkLocal);
        Assert.Equal(3, a.Read().Count);
    }

    [Fact]
    public void LinkLocal_ReadAtMostOnceASecond()
    {
        (TeamAddresses a, FakeRtnl rtnl, FakeClock clock) = Make();
        _ = a.LinkLocal;

        clock.NowMs += 999;
        rtnl.Addresses[TeamIndex].RemoveAt(2);
        Assert.Equal(IPAddress.Parse("fe80::1"), a.LinkLocal);
        Assert.Equal(1, rtnl.AddressDumps);

        clock.NowMs += 1;
        Assert.Null(a.LinkLocal);
        Assert.Equal(2, rtnl.AddressDumps);
    }

    [Fact]
    public void Read_DumpFails_Empty()
    {
        (TeamAddresses a, FakeRtnl rtnl, _) = Make();
        rtnl.FailWith = Errno.ENOBUFS;

        Assert.Empty(a.Read());
        Assert.Null(a.LinkLocal);
    }
}

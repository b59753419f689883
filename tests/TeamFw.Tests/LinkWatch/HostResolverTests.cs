// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System.Collections.Generic;
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
    public void Poll_Unresolvable_StaysUnknown()
    {
        // An IPv4 literal never resolves as IPv6, and getaddrinfo says so without asking DNS.
        var r = new HostResolver("192.0.2.1", AddressFamily.InterNetworkV6);

        Assert.Null(r.Poll(0));
        Assert.True(SpinWait.SpinUntil(() => !r.Resolving, 10_000), "the lookup never finished");
        Assert.Null(r.Poll(0));
        Assert.Null(r.Address);
    }

    [Fact]
    public void Poll_NameThatDoesNotResolveYet_IsAskedAgainASecondLater_AndPickedUp()
    {
        // libteam#8: a target missing at start is found later without a restart. Each lookup waits for the
        // test's go, so "a lookup is running" is seen for certain.
        var answers = new Queue<IPAddress?>([null, IPAddress.Parse("192.0.2.7")]);
        using var go = new SemaphoreSlim(0);
        string? askedFor = null;
        var r = new HostResolver("peer", AddressFamily.InterNetwork, (h, f) =>
        {
            Volatile.Write(ref askedFor, h + "/" + f);
            go.Wait();
            lock (answers)
            {
                return answers.Dequeue();
            }
        });

        Assert.Null(r.Poll(0));
        Assert.True(r.Resolving);
        go.Release();
        Assert.True(SpinWait.SpinUntil(() => !r.Resolving, 10_000), "the first lookup never finished");
        Assert.Equal("peer/InterNetwork", Volatile.Read(ref askedFor));
        Assert.Null(r.Poll(100)); // collects the failed answer: the next lookup is due at 1100
        Assert.Null(r.Poll(1099));
        Assert.False(r.Resolving, "asked again before the second was up");

        Assert.Null(r.Poll(1100));
        Assert.True(r.Resolving, "not asked again after a second");
        go.Release();
        Assert.True(SpinWait.SpinUntil(() => !r.Resolving, 10_000), "the retry never finished");
        Assert.Equal(IPAddress.Parse("192.0.2.7"), r.Poll(1200));
        Assert.Empty(answers);
    }
}

// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using TeamFw.Lab;
using Xunit;

namespace TeamFw.Tests.Lab;

public sealed class IpOutputTests
{
    [Fact]
    public void NetnsNames_WithAndWithoutIds_ReturnsNames()
    {
        Assert.Equal(new[] { "tflab-peer", "tflab-host", "other" }, IpOutput.NetnsNames("tflab-peer (id: 1)\ntflab-host (id: 0)\nother\n\n"));
        Assert.Empty(IpOutput.NetnsNames(string.Empty));
    }

    [Theory]
    [InlineData("5: team0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc pfifo_fast state UP", true)]
    [InlineData("5: team0: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500 qdisc pfifo_fast state DOWN", false)]
    [InlineData("2: tl1@if2: <BROADCAST,MULTICAST> mtu 1500 qdisc noqueue state DOWN", false)]
    [InlineData("garbage", false)]
    public void HasCarrier_ReadsLowerUp(string line, bool carrier)
    {
        Assert.Equal(carrier, IpOutput.HasCarrier(line));
    }

    [Theory]
    [InlineData("Name:\tteamfw\nUid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\n", 0)]
    [InlineData("Uid:\t1000\t0\t0\t0\n", 0)]
    [InlineData("Uid:\t0\t1000\t1000\t1000\n", 1000)]
    public void EffectiveUid_ReadsSecondField(string status, int uid)
    {
        Assert.Equal(uid, IpOutput.EffectiveUid(status));
    }

    [Fact]
    public void EffectiveUid_NoUidLine_IsNull()
    {
        Assert.Null(IpOutput.EffectiveUid("Name:\tx\n"));
    }

    [Theory]
    [InlineData("/usr/bin/teamfw\0-f\0/run/teamfw-lab/host.json\0", true)]
    [InlineData("setsid\0ip\0netns\0exec\0tflab-host\0/usr/bin/teamfw\0-f\0/run/teamfw-lab/host.json\0", true)]
    [InlineData("/usr/bin/teamfw\0-f\0/run/teamfw-lab/peer.json\0", false)]
    [InlineData("/usr/bin/teamfw\0/run/teamfw-lab/host.json\0", false)]
    [InlineData("", false)]
    public void CmdlineRunsConfig_NeedsDashFAndThePath(string cmdline, bool ours)
    {
        Assert.Equal(ours, IpOutput.CmdlineRunsConfig(cmdline, "/run/teamfw-lab/host.json"));
    }
}

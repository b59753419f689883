// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using TeamFw.Modes;
using TeamFw.Tests.Fakes;
using Xunit;

namespace TeamFw.Tests.Modes;

public sealed class BroadcastModeTests
{
    private static readonly byte[] s_frame = new byte[64];

    [Fact]
    public void TransmitsOnAll_IsTrue()
    {
        Assert.True(new BroadcastMode().TransmitsOnAll);
    }

    [Theory]
    [InlineData("111", "a")]
    [InlineData("011", "b")]
    [InlineData("001", "c")]
    [InlineData("000", null)]
    [InlineData("", null)]
    public void SelectTxPort_ReturnsFirstTxablePort(string txable, string? expected)
    {
        var view = new TeamView(FakePort.EnabledSet(txable), null);
        var mode = new BroadcastMode();

        Assert.Equal(expected, mode.SelectTxPort(s_frame, view)?.Name);
        Assert.Equal(expected, mode.SelectTxPort(s_frame, view)?.Name);
    }

    [Fact]
    public void AcceptRx_AnyPort_True()
    {
        FakePort[] ports = FakePort.EnabledSet("10");
        var view = new TeamView(ports, null);

        Assert.True(new BroadcastMode().AcceptRx(ports[0], view));
        Assert.True(new BroadcastMode().AcceptRx(ports[1], view));
    }
}

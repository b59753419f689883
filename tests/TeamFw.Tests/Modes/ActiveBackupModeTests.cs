// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using TeamFw.Modes;
using TeamFw.Tests.Fakes;
using Xunit;

namespace TeamFw.Tests.Modes;

public sealed class ActiveBackupModeTests
{
    private static readonly byte[] s_frame = new byte[64];

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void SelectTxPort_TxableActive_AlwaysTheActive(int active)
    {
        FakePort[] ports = FakePort.EnabledSet("111");
        var view = new TeamView(ports, ports[active]);
        var mode = new ActiveBackupMode();

        for (int i = 0; i < 5; i++)
        {
            Assert.Same(ports[active], mode.SelectTxPort(s_frame, view));
        }
    }

    [Fact]
    public void SelectTxPort_ActiveNotTxable_ReturnsNullEvenWithOtherTxablePorts()
    {
        FakePort[] ports = FakePort.EnabledSet("101");
        var view = new TeamView(ports, ports[1]);

        Assert.Null(new ActiveBackupMode().SelectTxPort(s_frame, view));
    }

    [Fact]
    public void SelectTxPort_ActiveLinkUpButDisabled_ReturnsNull()
    {
        FakePort[] ports = FakePort.EnabledSet("11");
        ports[0].Enabled = false;
        var view = new TeamView([ports[1]], ports[0]);

        Assert.Null(new ActiveBackupMode().SelectTxPort(s_frame, view));
    }

    [Fact]
    public void SelectTxPort_NoActive_ReturnsNull()
    {
        var view = new TeamView(FakePort.EnabledSet("111"), null);

        Assert.Null(new ActiveBackupMode().SelectTxPort(s_frame, view));
    }

    [Fact]
    public void AcceptRx_OnlyTheActivePort()
    {
        FakePort[] ports = FakePort.EnabledSet("111");
        var view = new TeamView(ports, ports[1]);
        var mode = new ActiveBackupMode();

        Assert.False(mode.AcceptRx(ports[0], view));
        Assert.True(mode.AcceptRx(ports[1], view));
        Assert.False(mode.AcceptRx(ports[2], view));
    }

    [Fact]
    public void AcceptRx_NoActive_RejectsAll()
    {
        FakePort[] ports = FakePort.EnabledSet("11");
        var view = new TeamView(ports, null);
        var mode = new ActiveBackupMode();

        Assert.False(mode.AcceptRx(ports[0], view));
        Assert.False(mode.AcceptRx(ports[1], view));
    }

    [Fact]
    public void AcceptRx_SameNameOtherInstance_Rejected()
    {
        // The active port is matched by identity, not by name (a re-added port is a new object).
        FakePort[] ports = FakePort.EnabledSet("1");
        var view = new TeamView(ports, ports[0]);

        Assert.False(new ActiveBackupMode().AcceptRx(new FakePort("a", 1) { Enabled = true, LinkUp = true }, view));
    }
}

// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using TeamFw.Modes;
using TeamFw.Tests.Fakes;
using Xunit;

namespace TeamFw.Tests.Modes;

public sealed class ModeRegistryTests
{
    [Theory]
    [InlineData("broadcast", typeof(BroadcastMode))]
    [InlineData("roundrobin", typeof(RoundRobinMode))]
    [InlineData("random", typeof(RandomMode))]
    [InlineData("activebackup", typeof(ActiveBackupMode))]
    [InlineData("loadbalance", typeof(LoadBalanceMode))]
    public void Create_KnownName_ReturnsThatMode(string name, System.Type type)
    {
        ITeamMode? mode = ModeRegistry.Create(name);

        Assert.NotNull(mode);
        Assert.IsType(type, mode);
        Assert.Equal(name, mode.Name);
        Assert.True(ModeRegistry.Exists(name));
    }

    [Theory]
    [InlineData("lacp")]
    [InlineData("RoundRobin")]
    [InlineData("roundrobin ")]
    [InlineData("")]
    public void Create_UnknownName_ReturnsNull(string name)
    {
        Assert.Null(ModeRegistry.Create(name));
        Assert.False(ModeRegistry.Exists(name));
    }

    [Fact]
    public void Create_Twice_ReturnsSeparateInstances()
    {
        // Each team has its own roundrobin counter and random state.
        Assert.NotSame(ModeRegistry.Create("roundrobin"), ModeRegistry.Create("roundrobin"));
    }

    // Kernel table (team-facts §1.2): only broadcast sends on every port; only activebackup filters RX.
    [Theory]
    [InlineData("broadcast", true, true)]
    [InlineData("roundrobin", false, true)]
    [InlineData("random", false, true)]
    [InlineData("activebackup", false, false)]
    [InlineData("loadbalance", false, true)]
    public void Mode_TransmitsOnAllAndRxOnInactivePort_PerKernelTable(string name, bool transmitsOnAll, bool acceptsRxOnInactive)
    {
        ITeamMode mode = ModeRegistry.Create(name)!;
        FakePort[] ports = FakePort.EnabledSet("11");
        var view = new TeamView(ports, ports[0]);

        Assert.Equal(transmitsOnAll, mode.TransmitsOnAll);
        Assert.True(mode.AcceptRx(ports[0], view));
        Assert.Equal(acceptsRxOnInactive, mode.AcceptRx(ports[1], view));
    }
}

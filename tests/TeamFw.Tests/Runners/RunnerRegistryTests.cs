// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using TeamFw.Modes;
using TeamFw.Runners;
using Xunit;

namespace TeamFw.Tests.Runners;

public sealed class RunnerRegistryTests
{
    // teamd runner → kernel mode (team-facts §3.1).
    [Theory]
    [InlineData("broadcast", "broadcast", typeof(BasicRunner))]
    [InlineData("roundrobin", "roundrobin", typeof(BasicRunner))]
    [InlineData("random", "random", typeof(BasicRunner))]
    [InlineData("activebackup", "activebackup", typeof(ActiveBackupRunner))]
    [InlineData("lacp", "loadbalance", typeof(TeamFw.Runners.Lacp.LacpRunner))]
    [InlineData("loadbalance", "loadbalance", typeof(BasicRunner))]
    public void Create_KnownRunner_DrivesItsKernelMode(string name, string mode, System.Type type)
    {
        IRunner? runner = RunnerRegistry.Create(name);

        Assert.NotNull(runner);
        Assert.IsType(type, runner);
        Assert.Equal(name, runner.Name);
        Assert.Equal(mode, runner.ModeName);
        Assert.True(ModeRegistry.Exists(runner.ModeName));
    }

    [Theory]
    [InlineData("ActiveBackup")]
    [InlineData("")]
    public void Create_UnknownRunner_ReturnsNull(string name)
    {
        Assert.Null(RunnerRegistry.Create(name));
    }

    /// <summary>The mode option set through the control socket: each mode gets its plain runner (loadbalance's, not lacp).</summary>
    [Theory]
    [InlineData("broadcast", "broadcast")]
    [InlineData("roundrobin", "roundrobin")]
    [InlineData("random", "random")]
    [InlineData("activebackup", "activebackup")]
    [InlineData("loadbalance", "loadbalance")]
    public void ForMode_EveryMode_ItsPlainRunner(string mode, string runner)
    {
        RunnerDescriptor? d = RunnerRegistry.ForMode(mode);

        Assert.Equal(runner, d?.Name);
        Assert.Equal(mode, d!.Create(new TeamFw.Config.RunnerConfig { Name = d.Name }).ModeName);
    }

    [Fact]
    public void ForMode_EveryRegisteredMode_HasARunner()
    {
        foreach (ModeDescriptor m in ModeRegistry.All)
        {
            Assert.NotNull(RunnerRegistry.ForMode(m.Name));
        }
    }
}

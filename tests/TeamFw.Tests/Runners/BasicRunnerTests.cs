// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using TeamFw.Runners;
using TeamFw.Tests.Fakes;
using Xunit;

namespace TeamFw.Tests.Runners;

public sealed class BasicRunnerTests
{
    /// <summary>teamd's loadbalance runner: a port is enabled exactly while its link is up.</summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Loadbalance_PortAdded_EnabledExactlyWhenLinkUp(bool linkUp)
    {
        var team = new FakeTeam(new BasicRunner(BasicRunner.LoadBalance));

        FakePort p = team.Add(new FakePort("eth1") { LinkUp = linkUp });

        Assert.Equal(linkUp, p.Enabled);
    }

    // One link verdict per character: '1' up, '0' down; the port must be enabled after each exactly when up.
    [Theory]
    [InlineData("1010")]
    [InlineData("0110")]
    [InlineData("1001")]
    public void Loadbalance_PortLinkChanged_EnabledFollowsLink(string verdicts)
    {
        var team = new FakeTeam(new BasicRunner(BasicRunner.LoadBalance));
        FakePort p = team.Add(new FakePort("eth1"));

        foreach (char v in verdicts)
        {
            team.Link(p, v == '1');

            Assert.Equal(v == '1', p.Enabled);
        }
    }

    /// <summary>
    /// teamd's broadcast, roundrobin and random runners never touch "enabled": a port stays enabled as the kernel
    /// added it, link or not (the kernel oracle's ports read enabled while down); Txable keeps frames off it.
    /// </summary>
    [Theory]
    [InlineData("broadcast")]
    [InlineData("roundrobin")]
    [InlineData("random")]
    public void BroadcastRoundrobinRandom_PortsStayEnabled_TxableFollowsLink(string runner)
    {
        var team = new FakeTeam(new BasicRunner(RunnerRegistry.Find(runner)!));
        FakePort p = team.Add(new FakePort("eth1") { LinkUp = false });
        Assert.True(p.Enabled);
        Assert.False(p.Txable);

        team.Link(p, true);
        Assert.True(p.Enabled && p.Txable);
        team.Link(p, false);
        Assert.True(p.Enabled);
        Assert.False(p.Txable);
        Assert.Equal([new EnabledCall("eth1", true)], team.EnabledCalls);
    }

    [Fact]
    public void PortLinkChanged_SameVerdict_NoCall()
    {
        var team = new FakeTeam(new BasicRunner(BasicRunner.LoadBalance));
        FakePort p = team.Add(new FakePort("eth1") { LinkUp = true });
        team.ClearCalls();

        team.Link(p, true);

        Assert.Empty(team.EnabledCalls);
    }

    [Fact]
    public void PortLinkChanged_OnlyTouchesThatPort()
    {
        var team = new FakeTeam(new BasicRunner(BasicRunner.LoadBalance));
        FakePort a = team.Add(new FakePort("eth1") { LinkUp = true });
        FakePort b = team.Add(new FakePort("eth2") { LinkUp = true });
        team.ClearCalls();

        team.Link(b, false);

        Assert.Equal([new EnabledCall("eth2", false)], team.EnabledCalls);
        Assert.True(a.Enabled);
    }

    /// <summary>A client disabling a port whose link is up: teamd's loadbalance runner enables it again at once
    /// (the kernel oracle showed it), its other basic runners leave it disabled.</summary>
    [Theory]
    [InlineData("loadbalance", true)]
    [InlineData("roundrobin", false)]
    [InlineData("broadcast", false)]
    [InlineData("random", false)]
    public void EnabledOptionChanged_OnlyLoadbalanceSetsItBackToTheLink(string runner, bool enabledAgain)
    {
        var team = new FakeTeam(new BasicRunner(RunnerRegistry.Find(runner)!));
        FakePort p = team.Add(new FakePort("eth1") { LinkUp = true });

        team.SetEnabled(p, false);
        team.Runner.EnabledOptionChanged(team, p);

        Assert.Equal(enabledAgain, p.Enabled);
    }

    [Fact]
    public void BasicRunner_NeverSetsAnActivePort()
    {
        var team = new FakeTeam(new BasicRunner(BasicRunner.RoundRobin));
        FakePort a = team.Add(new FakePort("eth1") { LinkUp = true, Prio = 10 });
        FakePort b = team.Add(new FakePort("eth2") { LinkUp = true });
        team.Link(a, false);
        team.Remove(b);

        Assert.Empty(team.ActiveCalls);
        Assert.Null(team.ActivePort);
    }
}

// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using TeamFw.Runners;
using TeamFw.Tests.Fakes;
using Xunit;

namespace TeamFw.Tests.Runners;

public sealed class BasicRunnerTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void PortAdded_EnabledExactlyWhenLinkUp(bool linkUp)
    {
        var team = new FakeTeam(new BasicRunner("roundrobin"));

        FakePort p = team.Add(new FakePort("eth1") { LinkUp = linkUp });

        Assert.Equal(linkUp, p.Enabled);
    }

    // One link verdict per character: '1' up, '0' down; the port must be enabled after each exactly when up.
    [Theory]
    [InlineData("1010")]
    [InlineData("0110")]
    [InlineData("1001")]
    public void PortLinkChanged_EnabledFollowsLink(string verdicts)
    {
        var team = new FakeTeam(new BasicRunner("broadcast"));
        FakePort p = team.Add(new FakePort("eth1"));

        foreach (char v in verdicts)
        {
            team.Link(p, v == '1');

            Assert.Equal(v == '1', p.Enabled);
        }
    }

    [Fact]
    public void PortLinkChanged_SameVerdict_NoCall()
    {
        var team = new FakeTeam(new BasicRunner("random"));
        FakePort p = team.Add(new FakePort("eth1") { LinkUp = true });
        team.ClearCalls();

        team.Link(p, true);

        Assert.Empty(team.EnabledCalls);
    }

    [Fact]
    public void PortLinkChanged_OnlyTouchesThatPort()
    {
        var team = new FakeTeam(new BasicRunner("roundrobin"));
        FakePort a = team.Add(new FakePort("eth1") { LinkUp = true });
        FakePort b = team.Add(new FakePort("eth2") { LinkUp = true });
        team.ClearCalls();

        team.Link(b, false);

        Assert.Equal([new EnabledCall("eth2", false)], team.EnabledCalls);
        Assert.True(a.Enabled);
    }

    [Fact]
    public void BasicRunner_NeverSetsAnActivePort()
    {
        var team = new FakeTeam(new BasicRunner("roundrobin"));
        FakePort a = team.Add(new FakePort("eth1") { LinkUp = true, Prio = 10 });
        FakePort b = team.Add(new FakePort("eth2") { LinkUp = true });
        team.Link(a, false);
        team.Remove(b);

        Assert.Empty(team.ActiveCalls);
        Assert.Null(team.ActivePort);
    }
}

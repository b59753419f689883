// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using TeamFw.Runners;
using TeamFw.Tests.Fakes;
using Xunit;

namespace TeamFw.Tests.Runners;

public sealed class ActiveBackupRunnerTests
{
    private const byte Half = 0;
    private const byte Full = 1;
    private const byte Unknown = 0xff;

    private static FakeTeam NewTeam() => new(new ActiveBackupRunner());

    /// <summary>teamd/example_configs/activebackup_ethtool_1.conf: eth1 prio -10 sticky, eth2 prio 100; links down at first.</summary>
    private static (FakeTeam Team, FakePort Eth1, FakePort Eth2) ExampleConfig()
    {
        FakeTeam team = NewTeam();
        FakePort eth1 = team.Add(new FakePort("eth1", 2) { Prio = -10, Sticky = true });
        FakePort eth2 = team.Add(new FakePort("eth2", 3) { Prio = 100 });
        return (team, eth1, eth2);
    }

    [Theory]
    [InlineData(10, 1000u, Full, 9, 100000u, Full, true)]    // prio first, whatever the speed
    [InlineData(9, 100000u, Full, 10, 1000u, Full, false)]
    [InlineData(-10, 1000u, Full, -11, 1000u, Full, true)]   // negative prios compare as signed
    [InlineData(0, 10000u, Half, 0, 1000u, Full, true)]      // same prio: speed before duplex
    [InlineData(0, 1000u, Full, 0, 10000u, Half, false)]
    [InlineData(0, 1000u, Full, 0, 1000u, Half, true)]       // same prio and speed: full beats half
    [InlineData(0, 1000u, Full, 0, 1000u, Unknown, true)]    // ... and unknown
    [InlineData(0, 1000u, Half, 0, 1000u, Full, false)]
    [InlineData(0, 1000u, Unknown, 0, 1000u, Half, false)]   // unknown is not better than half
    [InlineData(0, 1000u, Half, 0, 1000u, Unknown, false)]   // ... nor worse
    [InlineData(0, 1000u, Full, 0, 1000u, Full, false)]      // equal: not strictly better
    [InlineData(0, 0u, Unknown, 0, 0u, Unknown, false)]
    public void IsBetter_PrioThenSpeedThenDuplex(int prioA, uint speedA, byte duplexA, int prioB, uint speedB, byte duplexB, bool expected)
    {
        var a = new FakePort("a") { Prio = prioA, SpeedMbps = speedA, Duplex = duplexA };
        var b = new FakePort("b") { Prio = prioB, SpeedMbps = speedB, Duplex = duplexB };

        Assert.Equal(expected, ActiveBackupRunner.IsBetter(a, b));
    }

    [Fact]
    public void PortAdded_LinkUp_EnabledAndActive()
    {
        FakeTeam team = NewTeam();

        FakePort p = team.Add(new FakePort("eth1") { LinkUp = true });

        Assert.True(p.Enabled);
        Assert.Equal("eth1", team.Active);
        Assert.Equal([new ActiveCall("eth1", "port added")], team.ActiveCalls);
    }

    [Fact]
    public void PortAdded_LinkDown_NotEnabledNoActive()
    {
        FakeTeam team = NewTeam();

        FakePort p = team.Add(new FakePort("eth1"));

        Assert.False(p.Enabled);
        Assert.Null(team.ActivePort);
        Assert.Empty(team.ActiveCalls);
    }

    [Fact]
    public void ExampleConfig_FailoverAndStickiness()
    {
        (FakeTeam team, FakePort eth1, FakePort eth2) = ExampleConfig();
        Assert.Null(team.ActivePort);

        team.Link(eth2, true);
        Assert.Equal("eth2", team.Active);

        team.Link(eth1, true);    // lower prio: eth2 stays
        Assert.Equal("eth2", team.Active);

        team.Link(eth2, false);   // failover to the only port up
        Assert.Equal("eth1", team.Active);

        team.Link(eth2, true);    // eth1 is sticky and up: no failback to the higher prio
        Assert.Equal("eth1", team.Active);

        team.Link(eth1, false);   // sticky only while up
        Assert.Equal("eth2", team.Active);

        Assert.Equal(
            [
                new ActiveCall("eth2", "eth2 link up"),
                new ActiveCall("eth1", "eth2 link down"),
                new ActiveCall("eth2", "eth1 link down"),
            ],
            team.ActiveCalls);
    }

    [Fact]
    public void ExampleConfig_StickyActiveUp_NotPreemptedByHigherPrioComingUp()
    {
        (FakeTeam team, FakePort eth1, FakePort eth2) = ExampleConfig();
        team.Link(eth1, true);
        Assert.Equal("eth1", team.Active);
        team.ClearCalls();

        team.Link(eth2, true);

        Assert.Equal("eth1", team.Active);
        Assert.Empty(team.ActiveCalls);
        Assert.False(eth2.Enabled); // up, but only the active port is enabled (teamd)
    }

    [Fact]
    public void ExampleConfig_BothUpAtAdd_FirstAddedStickyKeepsActive()
    {
        FakeTeam team = NewTeam();
        team.Add(new FakePort("eth1") { Prio = -10, Sticky = true, LinkUp = true });
        team.Add(new FakePort("eth2") { Prio = 100, LinkUp = true });

        Assert.Equal("eth1", team.Active);
    }

    [Fact]
    public void NonStickyActive_PreemptedByStrictlyBetterPrio()
    {
        FakeTeam team = NewTeam();
        team.Add(new FakePort("eth1") { Prio = -10, LinkUp = true });
        FakePort eth2 = team.Add(new FakePort("eth2") { Prio = 100 });

        team.Link(eth2, true);

        Assert.Equal("eth2", team.Active);
        Assert.Equal(new ActiveCall("eth2", "eth2 link up"), team.ActiveCalls[^1]);
    }

    [Theory]
    [InlineData(1000u, Full, 10000u, Full)]
    [InlineData(1000u, Half, 1000u, Full)]
    [InlineData(1000u, Unknown, 1000u, Full)]
    public void NonStickyActive_SamePrio_PreemptedByFasterOrFullDuplex(uint speed1, byte duplex1, uint speed2, byte duplex2)
    {
        FakeTeam team = NewTeam();
        team.Add(new FakePort("eth1") { SpeedMbps = speed1, Duplex = duplex1, LinkUp = true });
        FakePort eth2 = team.Add(new FakePort("eth2") { SpeedMbps = speed2, Duplex = duplex2 });

        team.Link(eth2, true);

        Assert.Equal("eth2", team.Active);
    }

    [Theory]
    [InlineData(0, 1000u, Full)]
    [InlineData(5, 10000u, Half)]
    [InlineData(0, 0u, Unknown)]
    public void NonStickyActive_EqualPort_DoesNotFlap(int prio, uint speed, byte duplex)
    {
        FakeTeam team = NewTeam();
        team.Add(new FakePort("eth1") { Prio = prio, SpeedMbps = speed, Duplex = duplex, LinkUp = true });
        FakePort eth2 = team.Add(new FakePort("eth2") { Prio = prio, SpeedMbps = speed, Duplex = duplex });
        team.ClearCalls();

        team.Link(eth2, true);
        team.Link(eth2, false);
        team.Link(eth2, true);

        Assert.Equal("eth1", team.Active);
        Assert.Empty(team.ActiveCalls);
    }

    [Fact]
    public void Reselect_NoActiveEqualPortsUp_FirstInPortOrderWins()
    {
        FakeTeam team = NewTeam();
        FakePort a = team.Add(new FakePort("eth1"));
        FakePort b = team.Add(new FakePort("eth2"));
        FakePort c = team.Add(new FakePort("eth3") { Prio = -1 });
        c.LinkUp = true;
        b.LinkUp = true;
        a.LinkUp = true;

        ActiveBackupRunner.Reselect(team, "test");

        Assert.Equal("eth1", team.Active);
    }

    [Fact]
    public void ActiveLinkDown_BestRemainingUpPortTakesOver()
    {
        FakeTeam team = NewTeam();
        FakePort a = team.Add(new FakePort("eth1") { Prio = 5, LinkUp = true });
        team.Add(new FakePort("eth2") { Prio = 1, LinkUp = true });
        team.Add(new FakePort("eth3") { Prio = 3, LinkUp = true });
        team.Add(new FakePort("eth4") { Prio = 4 });   // better than eth3 but down
        Assert.Equal("eth1", team.Active);

        team.Link(a, false);

        Assert.Equal("eth3", team.Active);
        Assert.False(a.Enabled);
        Assert.Equal(new ActiveCall("eth3", "eth1 link down"), team.ActiveCalls[^1]);
    }

    [Fact]
    public void AllLinksDown_NoActivePort()
    {
        (FakeTeam team, FakePort eth1, FakePort eth2) = ExampleConfig();
        team.Link(eth1, true);
        team.Link(eth2, true);

        team.Link(eth2, false);
        team.Link(eth1, false);

        Assert.Null(team.ActivePort);
        Assert.Equal(new ActiveCall(null, "eth1 link down"), team.ActiveCalls[^1]);
        Assert.False(eth1.Enabled);
        Assert.False(eth2.Enabled);
    }

    [Fact]
    public void AllLinksDown_ThenOneUp_BecomesActive()
    {
        (FakeTeam team, FakePort eth1, FakePort eth2) = ExampleConfig();
        team.Link(eth1, true);
        team.Link(eth1, false);
        Assert.Null(team.ActivePort);

        team.Link(eth1, true);

        Assert.Equal("eth1", team.Active);
        Assert.False(eth2.Enabled);
    }

    [Fact]
    public void Enabled_OnlyTheActivePort()
    {
        // As teamd: ab_set_active_port enables the new active port, ab_clear_active_port disables the old one.
        (FakeTeam team, FakePort eth1, FakePort eth2) = ExampleConfig();

        team.Link(eth1, true);
        team.Link(eth2, true);
        Assert.True(eth1.Enabled);
        Assert.False(eth2.Enabled);

        team.Link(eth1, false);
        Assert.False(eth1.Enabled);
        Assert.True(eth2.Enabled);

        team.Link(eth2, false);
        Assert.False(eth1.Enabled);
        Assert.False(eth2.Enabled);
    }

    [Fact]
    public void RemoveActive_BestRemainingTakesOver()
    {
        FakeTeam team = NewTeam();
        FakePort a = team.Add(new FakePort("eth1") { Prio = 9, LinkUp = true });
        team.Add(new FakePort("eth2") { Prio = 1, LinkUp = true });
        team.Add(new FakePort("eth3") { Prio = 5, LinkUp = true });
        Assert.Equal("eth1", team.Active);

        team.Remove(a);

        Assert.Equal("eth3", team.Active);
    }

    [Fact]
    public void RemoveStickyActive_StillReportingLinkUp_IsReplaced()
    {
        // Even if the port's link verdict still says up, a port that left the team cannot stay active.
        (FakeTeam team, FakePort eth1, FakePort eth2) = ExampleConfig();
        team.Link(eth1, true);
        team.Link(eth2, true);
        Assert.Equal("eth1", team.Active);

        team.Remove(eth1, clearState: false);

        Assert.Equal("eth2", team.Active);
        Assert.Equal(
            [new ActiveCall(null, "active port removed"), new ActiveCall("eth2", "port removed")],
            team.ActiveCalls[^2..]);
    }

    [Fact]
    public void RemoveLastPort_NoActive()
    {
        FakeTeam team = NewTeam();
        FakePort a = team.Add(new FakePort("eth1") { LinkUp = true });

        team.Remove(a);

        Assert.Null(team.ActivePort);
    }

    [Fact]
    public void RemoveInactive_ActiveUnchanged()
    {
        (FakeTeam team, FakePort eth1, FakePort eth2) = ExampleConfig();
        team.Link(eth1, true);
        team.Link(eth2, true);
        team.ClearCalls();

        team.Remove(eth2);

        Assert.Equal("eth1", team.Active);
        Assert.Empty(team.ActiveCalls);
    }

    [Fact]
    public void SpeedChange_NonStickyActive_PreemptedByNowFasterPort()
    {
        FakeTeam team = NewTeam();
        team.Add(new FakePort("eth1") { SpeedMbps = 1000, LinkUp = true });
        FakePort b = team.Add(new FakePort("eth2") { SpeedMbps = 1000, LinkUp = true });
        Assert.Equal("eth1", team.Active);

        b.SpeedMbps = 10000; // ethtool reports the renegotiated speed as a link change
        team.Runner.PortLinkChanged(team, b);

        Assert.Equal("eth2", team.Active);
    }

    [Fact]
    public void Reselect_ActiveSetByHandToWorseNonSticky_MovesToBest()
    {
        FakeTeam team = NewTeam();
        FakePort a = team.Add(new FakePort("eth1") { Prio = 1, LinkUp = true });
        team.Add(new FakePort("eth2") { Prio = 2, LinkUp = true });
        team.SetActivePort(a, "by hand");

        ActiveBackupRunner.Reselect(team, "reselect");

        Assert.Equal("eth2", team.Active);
        Assert.Equal(new ActiveCall("eth2", "reselect"), team.ActiveCalls[^1]);
    }

    [Fact]
    public void Reselect_ActiveSetByHandToStickyUp_Kept()
    {
        FakeTeam team = NewTeam();
        FakePort a = team.Add(new FakePort("eth1") { Prio = 1, Sticky = true });
        team.Add(new FakePort("eth2") { Prio = 2, LinkUp = true });
        a.LinkUp = true;
        team.SetActivePort(a, "by hand");
        team.ClearCalls();

        ActiveBackupRunner.Reselect(team, "reselect");

        Assert.Equal("eth1", team.Active);
        Assert.Empty(team.ActiveCalls);
    }
}

// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;
using TeamFw.Config;
using TeamFw.Modes;
using TeamFw.Runners;
using TeamFw.Tests.Fakes;
using Xunit;

namespace TeamFw.Tests.Modes;

/// <summary>
/// The hooks the team calls on its mode without knowing which mode it has (<see cref="ITeamMode.Configure"/>,
/// PortDisabled/PortRemoved, NextDeadline/OnTimer, OptionsVersion, WriteState/AppendView): loadbalance's
/// control-thread side through them, with a fake team and a fake clock; the other modes' do nothing.
/// </summary>
public sealed class ModeHooksTests
{
    /// <summary>A team as the mode's timer sees it: ports with transmitted bytes, and the changes reported.</summary>
    private sealed class FakeModeTeam : IModeTeam
    {
        public List<(int IfIndex, ulong TxBytes)> Ports { get; } = new();

        public List<string> Changed { get; } = new();

        public int PortCount => Ports.Count;

        public (int IfIndex, ulong TxBytes) PortTx(int index) => Ports[index];

        public void OptionChanged(string optionName, int arrayIndex) => Changed.Add($"{optionName}[{arrayIndex}]");

        public void PortOptionChanged(string optionName, int ifIndex) => Changed.Add($"{optionName} port {ifIndex}");
    }

    private static readonly RunnerConfig s_balanced = new() { TxHash = ["l3", "l4"], TxBalancerName = "basic", TxBalancerInterval = 10 };

    [Theory]
    [InlineData("broadcast")]
    [InlineData("roundrobin")]
    [InlineData("random")]
    [InlineData("activebackup")]
    public void OtherModes_HooksDoNothing(string name)
    {
        ITeamMode m = ModeRegistry.Create(name)!;
        var team = new FakeModeTeam();
        team.Ports.Add((3, 1000));

        Assert.Null(m.Configure(s_balanced, 7));
        Assert.Equal(long.MaxValue, m.NextDeadline);
        m.OnTimer(5000, team);
        Assert.Empty(team.Changed);
        Assert.False(m.PortDisabled(new FakePort("eth1", 3) { Enabled = true }));
        Assert.Equal(0, m.OptionsVersion);
    }

    [Fact]
    public void LoadBalance_Configure_WithBalancer_TakesTxHashMappingMethodAndRefreshInterval()
    {
        ITeamMode m = ModeRegistry.Create(LoadBalanceMode.KindName)!;
        TxBalancer? tb = m.Configure(s_balanced, 7);

        var lb = (LoadBalanceMode)m;
        Assert.NotNull(tb);
        Assert.Same(lb, tb!.Mode);
        Assert.Equal(10, tb.IntervalTenths);
        Assert.Equal(TxHashFields.L3 | TxHashFields.L4, lb.HashFields);
        Assert.Equal(7, lb.TeamIfIndex);
        Assert.Equal(LbTxMethod.HashToPortMapping, lb.TxMethod);
        Assert.Equal(10u, lb.StatsRefreshInterval);
        Assert.Equal(0, m.NextDeadline); // due at the team's next timer round
    }

    [Fact]
    public void LoadBalance_Configure_WithoutBalancer_HashesOnly_NoStatsTimer()
    {
        ITeamMode m = ModeRegistry.Create(LoadBalanceMode.KindName)!;
        Assert.Null(m.Configure(new RunnerConfig { TxHash = ["eth"] }, 7));
        var lb = (LoadBalanceMode)m;
        Assert.Equal(TxHashFields.Eth, lb.HashFields);
        Assert.Equal(LbTxMethod.Hash, lb.TxMethod);
        Assert.Equal(long.MaxValue, m.NextDeadline);
    }

    /// <summary>lb_stats_refresh through OnTimer: nothing before the deadline, then the buckets and ports whose
    /// running total changed are reported, and the next deadline is one interval (10 tenths = 1 s) later.</summary>
    [Fact]
    public void LoadBalance_OnTimer_RefreshesWhenDue_ReportsChangedBucketsAndPorts()
    {
        ITeamMode m = ModeRegistry.Create(LoadBalanceMode.KindName)!;
        m.Configure(s_balanced, 7);
        var team = new FakeModeTeam();
        team.Ports.Add((3, 100));
        team.Ports.Add((4, 200));

        m.OnTimer(1000, team); // first sight of the ports: their bytes so far are the base, no change
        Assert.Empty(team.Changed);
        Assert.Equal(2000, m.NextDeadline);

        byte[] f = LbFrames.V4("10.0.0.1", "10.0.0.2", 6, 1, 2);
        var view = new TeamView(FakePort.EnabledSet("11"), null);
        m.SelectTxPort(f, view);
        m.CountTx(1500);
        int bucket = ((LoadBalanceMode)m).LastBucket();
        team.Ports[0] = (3, 1600);

        m.OnTimer(1999, team); // not due yet
        Assert.Empty(team.Changed);

        m.OnTimer(2000, team);
        Assert.Equal([$"lb_hash_stats[{bucket}]", "lb_port_stats port 3"], team.Changed);
        Assert.Equal(3000, m.NextDeadline);
        Assert.Equal(1500ul, ((LoadBalanceMode)m).PortStat(3));

        team.Changed.Clear();
        m.OnTimer(3000, team); // nothing sent during the interval: nothing changes
        Assert.Empty(team.Changed);
    }

    /// <summary>lb_port_disabled through the hook: the port's mapping entries are cleared and OptionsVersion moves,
    /// so the team announces the mapping again; PortRemoved also forgets the port's stats.</summary>
    [Fact]
    public void LoadBalance_PortDisabledAndRemoved_ClearMappingAndStats()
    {
        ITeamMode m = ModeRegistry.Create(LoadBalanceMode.KindName)!;
        m.Configure(s_balanced, 7);
        var lb = (LoadBalanceMode)m;
        var eth1 = new FakePort("eth1", 3) { Enabled = true, LinkUp = true };
        var eth2 = new FakePort("eth2", 4) { Enabled = true, LinkUp = true };
        lb.SetMapping(5, eth1);
        lb.SetMapping(6, eth2);
        int version = m.OptionsVersion;

        Assert.True(m.PortDisabled(eth1));
        Assert.Null(lb.MappedPort(5));
        Assert.Same(eth2, lb.MappedPort(6));
        Assert.NotEqual(version, m.OptionsVersion);

        var team = new FakeModeTeam();
        team.Ports.Add((4, 0));
        m.OnTimer(0, team);
        team.Ports[0] = (4, 700);
        m.OnTimer(m.NextDeadline, team);
        Assert.Equal(700ul, lb.PortStat(4));

        m.PortRemoved(eth2);
        Assert.Null(lb.MappedPort(6));
        Assert.Equal(0ul, lb.PortStat(4));
    }

    [Fact]
    public void LoadBalance_State_ShowsConfiguredTxHashAndMethod()
    {
        ITeamMode m = ModeRegistry.Create(LoadBalanceMode.KindName)!;
        m.Configure(s_balanced, 7);

        using var buf = new MemoryStream();
        using (var w = new Utf8JsonWriter(buf))
        {
            w.WriteStartObject();
            m.WriteState(w);
            w.WriteEndObject();
        }

        Assert.Equal("{\"tx_hash\":[\"l3\",\"l4\"],\"lb_tx_method\":\"hash_to_port_mapping\"}", Encoding.UTF8.GetString(buf.ToArray()));
        var sb = new StringBuilder();
        m.AppendView(sb);
        Assert.Equal("runner:\n  tx hash: l3, l4, lb_tx_method hash_to_port_mapping\n", sb.ToString());

        ((LoadBalanceMode)m).SetHashProgram(null);
        sb.Clear();
        m.AppendView(sb);
        Assert.Contains("tx hash: none", sb.ToString());
    }
}

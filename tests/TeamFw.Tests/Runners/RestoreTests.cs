// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using TeamFw.Config;
using TeamFw.Packets;
using TeamFw.Runners;
using TeamFw.Runners.Lacp;
using TeamFw.Tests.Fakes;
using Xunit;

namespace TeamFw.Tests.Runners;

/// <summary>
/// A runner stopped and a new one started with what the first one saved (the state file's runner_state),
/// as a daemon killed and started again does: the partner must not notice, and the choices made before
/// the restart (active port, selected aggregator) stand.
/// </summary>
public sealed class RestoreTests
{
    private const LacpState InSync = LacpState.Synchronization | LacpState.Collecting | LacpState.Distributing;

    private static JsonElement Save(IRunner runner, IRunnerTeam team)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms))
        {
            runner.SaveState(team, w);
        }

        using JsonDocument doc = JsonDocument.Parse(ms.ToArray());
        return doc.RootElement.Clone();
    }

    /// <summary>Team A (a1, a2) and team B (b1, b2) in sync at fast rate; then A dies (its wires go silent) and,
    /// after a gap, A' comes up on the same ports with the saved state (or nothing).</summary>
    private sealed class Restart
    {
        public Restart(RunnerConfig? aConfig = null)
        {
            RunnerConfig config = aConfig ?? LacpHarness.Config(fast: true);
            (A, RA) = H.NewTeam(config, 0xa);
            (B, RB) = H.NewTeam(LacpHarness.Config(fast: true), 0xb);
            A1 = A.Add(new FakePort("a1", 11) { LinkUp = true });
            A2 = A.Add(new FakePort("a2", 12) { LinkUp = true });
            B1 = B.Add(new FakePort("b1", 21) { LinkUp = true });
            B2 = B.Add(new FakePort("b2", 22) { LinkUp = true });
            H.Wire(A, A1, B, B1);
            H.Wire(A, A2, B, B2);
            H.Advance(5000);
            Assert.True(B1.Enabled && B2.Enabled && A1.Enabled && A2.Enabled);
        }

        public LacpHarness H { get; } = new();

        public FakeTeam A { get; }

        public LacpRunner RA { get; }

        public FakeTeam B { get; }

        public LacpRunner RB { get; }

        public FakePort A1 { get; }

        public FakePort A2 { get; }

        public FakePort B1 { get; }

        public FakePort B2 { get; }

        public int BEnabledCallsBefore { get; private set; }

        public int BLogBefore { get; private set; }

        /// <summary>What B did since A died (ClearCalls would upset the harness's delivery count).</summary>
        public EnabledCall[] BEnabledSince => [.. B.EnabledCalls.Skip(BEnabledCallsBefore)];

        public string[] BLogSince => [.. B.Log.Lines.Skip(BLogBefore)];

        /// <summary>Kills A and starts A' <paramref name="gapMs"/> later.</summary>
        public (FakeTeam Team, LacpRunner Runner) Run(bool restore, int gapMs, RunnerConfig? config = null, int key = 0)
        {
            JsonElement saved = Save(RA, A);
            H.Silent.Add(A1);
            H.Silent.Add(A2);
            BEnabledCallsBefore = B.EnabledCalls.Count;
            BLogBefore = B.Log.Lines.Count;
            H.Advance(gapMs);
            (FakeTeam a, LacpRunner r) = H.NewTeam(config ?? LacpHarness.Config(fast: true), 0xa);
            if (restore)
            {
                r.BeginRestore(saved);
            }

            FakePort n1 = a.Add(new FakePort("a1", 11) { LinkUp = true, LacpKey = key });
            FakePort n2 = a.Add(new FakePort("a2", 12) { LinkUp = true, LacpKey = key });
            H.Wire(a, n1, B, B1);
            H.Wire(a, n2, B, B2);
            if (restore)
            {
                Assert.Empty(a.Sent); // nothing goes out before every port is back
                r.EndRestore(a);
            }

            H.Pump();
            return (a, r);
        }
    }

    [Fact]
    public void Lacp_RestartWithinTheTimeout_PartnerNeverLeavesSync_SameAggregator()
    {
        var t = new Restart();
        LacpInfo lastActor = LacpHarness.Pdus(t.A, "a1")[^1].Actor;
        int aggregator = t.RA.SelectedAggregator!.Port.IfIndex;

        (FakeTeam a, LacpRunner r) = t.Run(restore: true, gapMs: 1900);

        // The first LACPDU of the new runner says what the last one of the old said.
        (LacpInfo actor, LacpInfo partner) = LacpHarness.Pdus(a, "a1")[0];
        Assert.Equal(lastActor, actor);
        Assert.True(partner.Has(InSync), partner.ToString());
        Assert.Equal(aggregator, r.SelectedAggregator!.Port.IfIndex);
        Assert.True(a.Ports.All(p => p.Enabled));

        t.H.Advance(10_000);
        Assert.Empty(t.BEnabledSince);
        Assert.Empty(t.BLogSince);
        Assert.All(t.RB.LacpPorts, lp => Assert.True(lp.Partner.Has(InSync)));
        Assert.Contains(a.Log.Lines, l => l.Contains("port a1 LACP state disabled -> current (resumed after a restart)", StringComparison.Ordinal));
    }

    [Fact]
    public void Lacp_RestartWithoutSavedState_PartnerSeesThePortsLeave()
    {
        var t = new Restart();

        t.Run(restore: false, gapMs: 1900);

        Assert.Contains(new EnabledCall("b1", false), t.BEnabledSince);
    }

    [Fact]
    public void Lacp_WhatWeAnnounceChanged_PortsStartAfresh()
    {
        var t = new Restart();

        (FakeTeam a, _) = t.Run(restore: true, gapMs: 500, key: 7);

        Assert.Contains(a.Log.Lines, l => l.Contains("port a1 starts LACP afresh: what it announces changed", StringComparison.Ordinal));
        Assert.True(LacpHarness.Pdus(a, "a1")[0].Actor.Has(LacpState.Expired));
    }

    [Fact]
    public void Lacp_LinkUpOnlyAfterThePartnersTimeout_StartsAfresh()
    {
        var t = new Restart();
        JsonElement saved = Save(t.RA, t.A);
        (FakeTeam a, LacpRunner r) = t.H.NewTeam(LacpHarness.Config(fast: true), 0xa);
        r.BeginRestore(saved);
        FakePort n1 = a.Add(new FakePort("a1", 11)); // link down: its watcher has not said up yet
        r.EndRestore(a);

        t.H.Advance(3100); // past the partner's 3 s
        a.Link(n1, true);

        Assert.True(LacpHarness.Pdus(a, "a1")[0].Actor.Has(LacpState.Expired));
        Assert.Contains(a.Log.Lines, l => l.Contains("port a1 LACP state disabled -> expired", StringComparison.Ordinal));
    }

    [Fact]
    public void Lacp_SaveState_HoldsCurrentPortsAndTheSelectedAggregator()
    {
        var t = new Restart();

        JsonElement s = Save(t.RA, t.A);

        Assert.Equal(11, s.GetProperty("selected_aggregator").GetInt32());
        JsonElement p = s.GetProperty("ports")[0];
        Assert.Equal(11, p.GetProperty("ifindex").GetInt32());
        Assert.Equal("02:00:00:00:00:0b", p.GetProperty("partner").GetProperty("system").GetString());
        Assert.Equal(21, p.GetProperty("partner").GetProperty("port").GetInt32());
        Assert.Equal(2, s.GetProperty("ports").GetArrayLength());
    }

    [Theory]
    [InlineData("{\"selected_aggregator\":1}", "lacp.ports: expected an array")]
    [InlineData("{\"selected_aggregator\":1,\"ports\":[{\"ifindex\":1,\"actor\":{}}]}", "lacp.ports[0].actor.system: not a MAC address")]
    [InlineData("{\"ports\":[]}", "lacp.selected_aggregator: expected a number from 0 to 2147483647")]
    public void Lacp_BeginRestore_BadState_Throws(string json, string message)
    {
        var r = new LacpRunner(LacpHarness.Config());
        using JsonDocument doc = JsonDocument.Parse(json);

        Assert.Equal(message, Assert.Throws<FormatException>(() => r.BeginRestore(doc.RootElement)).Message);
    }

    [Fact]
    public void ActiveBackup_ActivePortKept_ThoughTheRulesAloneWouldPickTheFirst()
    {
        var before = new FakeTeam(new ActiveBackupRunner());
        FakePort x1 = before.Add(new FakePort("x1", 2) { LinkUp = true });
        FakePort x2 = before.Add(new FakePort("x2", 3) { LinkUp = true });
        before.Link(x1, false);
        before.Link(x1, true); // x2 took over and, as good as x1, keeps it
        Assert.Equal("x2", before.Active);
        JsonElement saved = Save(before.Runner, before);

        var runner = new ActiveBackupRunner();
        var after = new FakeTeam(runner);
        runner.BeginRestore(saved);
        after.Add(new FakePort("x1", 2) { LinkUp = true });
        after.Add(new FakePort("x2", 3) { LinkUp = true });
        Assert.Empty(after.ActiveCalls); // nothing chosen while the ports come back
        runner.EndRestore(after);

        Assert.Equal(new ActiveCall("x2", "active before the restart"), Assert.Single(after.ActiveCalls));
        Assert.Equal([false, true], after.Ports.Select(p => p.Enabled));

        var fresh = new FakeTeam(new ActiveBackupRunner());
        fresh.Add(new FakePort("x1", 2) { LinkUp = true });
        fresh.Add(new FakePort("x2", 3) { LinkUp = true });
        Assert.Equal("x1", fresh.Active);
    }

    [Fact]
    public void ActiveBackup_SavedActivePortDown_TheRulesChoose()
    {
        var runner = new ActiveBackupRunner();
        var team = new FakeTeam(runner);
        using JsonDocument doc = JsonDocument.Parse("{\"active_ifindex\":3}");
        runner.BeginRestore(doc.RootElement);
        team.Add(new FakePort("x1", 2) { LinkUp = true });
        team.Add(new FakePort("x2", 3) { LinkUp = false });
        runner.EndRestore(team);

        Assert.Equal("x1", team.Active);
    }
}

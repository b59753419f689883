// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Linq;
using TeamFw.Packets;
using TeamFw.Runners.Lacp;
using TeamFw.Tests.Fakes;
using TeamFw.Tests.Packets;
using Xunit;
using Xunit.Abstractions;

namespace TeamFw.Tests.Runners;

/// <summary>
/// Mutated LACPDUs (bit flips, random bytes, truncation, growth, random tails: valid ones included)
/// thrown at a converged lacp runner, with time moving: nothing may escape, the invariants of the
/// state machine must hold after every frame, and once the noise stops and the real partner speaks
/// again the team converges as before. TEAMFW_FUZZ_ITERATIONS raises the count (make bench),
/// TEAMFW_FUZZ_SEED replays a run.
/// </summary>
public sealed class LacpFuzzTests(ITestOutputHelper output)
{
    [Fact]
    public void MutatedLacpdus_NeverEscapeOrBreakTheInvariants()
    {
        int iterations = FuzzSettings.Iterations(20_000);
        int seed = FuzzSettings.Seed();
        output.WriteLine($"seed {seed}, {iterations} mutations");
        var rnd = new Random(seed);
        var h = new LacpHarness();
        (FakeTeam a, LacpRunner ra) = h.NewTeam(LacpHarness.Config(fast: true), 0xa);
        (FakeTeam b, _) = h.NewTeam(LacpHarness.Config(fast: true), 0xb);
        FakePort a1 = a.Add(new FakePort("a1", 11) { LinkUp = true });
        FakePort a2 = a.Add(new FakePort("a2", 12) { LinkUp = true });
        FakePort b1 = b.Add(new FakePort("b1", 21) { LinkUp = true });
        FakePort b2 = b.Add(new FakePort("b2", 22) { LinkUp = true });
        h.Wire(a, a1, b, b1);
        h.Wire(a, a2, b, b2);
        h.Advance(2_000);
        Assert.True(a1.Enabled && a2.Enabled);
        byte[] seedFrame = b.Sent.Last(f => f.Port == "b1").Frame;

        for (int i = 0; i < iterations; i++)
        {
            byte[] f = LacpduTests.Mutate(rnd, seedFrame);
            FakePort target = rnd.Next(2) == 0 ? a1 : a2;
            try
            {
                ra.OnControlFrame(a, target, f, h.Now);
            }
            catch (Exception e)
            {
                Assert.Fail($"seed {seed}, iteration {i}: {e}\nframe {Convert.ToHexString(f)}");
            }

            if (rnd.Next(64) == 0)
            {
                h.Advance(rnd.Next(2_000));
            }

            AssertInvariants(a, ra);
        }

        // The noise stops, the partner's own LACPDUs resume: back to both ports in sync.
        h.Advance(10_000);
        Assert.True(a1.Enabled && a2.Enabled, string.Join("\n", a.Log.Lines.TakeLast(20)));
        Assert.True(ra.LacpPorts.All(lp => lp.State == LacpPortState.Current && lp.Partner.System == 0x02000000000b));
    }

    private static void AssertInvariants(FakeTeam team, LacpRunner r)
    {
        foreach (LacpPort lp in r.LacpPorts)
        {
            bool shouldEnable = r.IsInSelectedAggregator(lp) && lp.Partner.Has(LacpState.Synchronization | LacpState.Collecting);
            Assert.Equal(shouldEnable, lp.Port.Enabled);
            Assert.True(!lp.Selected || lp.State is LacpPortState.Current or LacpPortState.Expired, $"{lp} selected while {lp.State}");
            Assert.True(lp.AggLead is null || r.LacpPorts.Contains(lp.AggLead), "aggregator lead is not a port");
            Assert.True(lp.AggLead is null || lp.AggLead.AggLead == lp.AggLead, "aggregator lead is not its own lead");
        }

        Assert.True(r.SelectedAggregator is null || r.SelectedAggregator.AggLead == r.SelectedAggregator);
        Assert.Equal(team.Ports.Any(p => p.Enabled), team.Carrier);
    }
}

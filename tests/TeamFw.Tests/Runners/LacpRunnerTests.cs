// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System.Linq;
using TeamFw.Config;
using TeamFw.Packets;
using TeamFw.Runners.Lacp;
using TeamFw.Tests.Fakes;
using Xunit;

namespace TeamFw.Tests.Runners;

public sealed class LacpRunnerTests
{
    private const LacpState InSync = LacpState.Synchronization | LacpState.Collecting | LacpState.Distributing;

    /// <summary>Team A (ports a1, a2) wired to team B (b1, b2), links down until <see cref="Up"/>.</summary>
    private sealed class Pair
    {
        public Pair(RunnerConfig? a = null, RunnerConfig? b = null)
        {
            (A, RA) = H.NewTeam(a ?? LacpHarness.Config(), 0xa);
            (B, RB) = H.NewTeam(b ?? LacpHarness.Config(), 0xb);
            A1 = A.Add(new FakePort("a1", 11) { Mac = [0x02, 0, 0, 0, 0xa, 1] });
            A2 = A.Add(new FakePort("a2", 12) { Mac = [0x02, 0, 0, 0, 0xa, 2] });
            B1 = B.Add(new FakePort("b1", 21) { Mac = [0x02, 0, 0, 0, 0xb, 1] });
            B2 = B.Add(new FakePort("b2", 22) { Mac = [0x02, 0, 0, 0, 0xb, 2] });
            H.Wire(A, A1, B, B1);
            H.Wire(A, A2, B, B2);
        }

        public LacpHarness H { get; } = new();

        public FakeTeam A { get; }

        public FakeTeam B { get; }

        public LacpRunner RA { get; }

        public LacpRunner RB { get; }

        public FakePort A1 { get; }

        public FakePort A2 { get; }

        public FakePort B1 { get; }

        public FakePort B2 { get; }

        public void Up()
        {
            foreach ((FakeTeam t, FakePort p) in new[] { (A, A1), (A, A2), (B, B1), (B, B2) })
            {
                t.Link(p, true);
            }

            H.Pump();
        }
    }

    /// <summary>Team A and two partner systems: B (system priority 100) and C (200).</summary>
    private static (LacpHarness, FakeTeam, LacpRunner, FakeTeam, FakeTeam) ThreeSystems(RunnerConfig a)
    {
        var h = new LacpHarness();
        (FakeTeam ta, LacpRunner ra) = h.NewTeam(a, 0xa);
        (FakeTeam tb, _) = h.NewTeam(LacpHarness.Config(sysPrio: 100), 0xb);
        (FakeTeam tc, _) = h.NewTeam(LacpHarness.Config(sysPrio: 200), 0xc);
        return (h, ta, ra, tb, tc);
    }

    [Fact]
    public void PortAdded_LinkUp_SendsAnExpiredLacpduAtOnce()
    {
        var h = new LacpHarness();
        (FakeTeam team, LacpRunner runner) = h.NewTeam(LacpHarness.Config(fast: true), 1);

        FakePort p = team.Add(new FakePort("eth1", 7) { LinkUp = true, LacpPrio = 100, LacpKey = 5 });

        var pdu = Assert.Single(LacpHarness.Pdus(team, "eth1"));
        Assert.Equal(new LacpInfo(65535, 0x020000000001, 5, 100, 7, LacpState.Activity | LacpState.Timeout | LacpState.Aggregation | LacpState.Expired), pdu.Actor);
        Assert.Equal(LacpState.Timeout, pdu.Partner.State); // expired asks the partner for fast LACPDUs
        Assert.Equal(LacpPortState.Expired, runner.Find(p)!.State);
        Assert.False(p.Enabled);
        Assert.Equal([0x02, 0, 0, 0, 0, 0], team.Sent[0].Frame[6..12]); // the port's own MAC is the source
    }

    /// <summary>
    /// A port that came up and has not heard its partner repeats its LACPDU three times a second (802.1AX's
    /// most), for a partner that was not listening yet (teamd sets its LACP port up after its link and drops
    /// what came before: the kernel oracle waited for teamd's periodic LACPDU, 0.8–1 s); once the partner
    /// speaks, the partner's rate.
    /// </summary>
    [Fact]
    public void LinkUp_PartnerNotHeardYet_LacpduEveryThirdOfASecond_ThenThePartnersRate()
    {
        var h = new LacpHarness();
        (FakeTeam team, LacpRunner runner) = h.NewTeam(LacpHarness.Config(fast: false), 1);
        FakePort p = team.Add(new FakePort("eth1", 7) { LinkUp = true });

        h.Advance(1000);
        Assert.Equal(4, LacpHarness.Pdus(team, "eth1").Count); // at once, then 333, 666 and 999 ms later

        var t = new Pair(LacpHarness.Config(fast: false), LacpHarness.Config(fast: false));
        t.Up();
        t.H.Advance(2_000);
        int a = t.A.Sent.Count;
        t.H.Advance(10_000);
        Assert.Empty(LacpHarness.Pdus(t.A, "a1", a)); // heard: slow rate, nothing more within 30 s
        Assert.Equal(LacpPortState.Expired, runner.Find(p)!.State);
    }

    [Fact]
    public void PortAdded_LinkDown_SendsNothingAndStaysDisabled()
    {
        var h = new LacpHarness();
        (FakeTeam team, LacpRunner runner) = h.NewTeam(LacpHarness.Config(), 1);

        FakePort p = team.Add(new FakePort("eth1", 7));

        Assert.Empty(team.Sent);
        Assert.Equal(LacpPortState.Disabled, runner.Find(p)!.State);
        Assert.Equal(long.MaxValue, runner.NextDeadline);
    }

    [Fact]
    public void TwoTeams_BothEndsUp_ConvergeWithoutWaitingForATimer()
    {
        var t = new Pair();

        t.Up();

        foreach ((FakeTeam team, LacpRunner r) in new[] { (t.A, t.RA), (t.B, t.RB) })
        {
            Assert.All(team.Ports, p => Assert.True(p.Enabled, p.Name));
            Assert.True(team.Carrier);
            Assert.All(r.LacpPorts, lp =>
            {
                Assert.Equal(LacpPortState.Current, lp.State);
                Assert.True(lp.Actor.Has(InSync | LacpState.Aggregation | LacpState.Activity));
                Assert.True(lp.Partner.Has(InSync));
                Assert.True(r.IsInSelectedAggregator(lp));
            });
        }

        // One aggregator on each side, named by its leading port; the partner is the other team.
        Assert.Single(t.RA.LacpPorts.Select(lp => lp.AggregatorId).Distinct());
        Assert.Equal(0x02000000000bUL, t.RA.Find(t.A1)!.Partner.System);
        Assert.Equal(21, t.RA.Find(t.A1)!.Partner.Port);
    }

    [Fact]
    public void Converged_Idle_NoMoreLacpdusThanThePeriodicOnes()
    {
        var t = new Pair(LacpHarness.Config(fast: true), LacpHarness.Config(fast: false));
        t.Up();
        int a = t.A.Sent.Count, b = t.B.Sent.Count;

        t.H.Advance(10_000);

        // B asked for fast LACPDUs (A's fast_rate): A's partner is slow, so A sends every 30 s; B every 1 s.
        Assert.InRange(LacpHarness.Pdus(t.A, "a1", a).Count, 0, 1);
        Assert.InRange(LacpHarness.Pdus(t.B, "b1", b).Count, 9, 11);
        Assert.All(t.A.Ports, p => Assert.True(p.Enabled));
    }

    [Fact]
    public void SlowRate_PeriodicEvery30Seconds()
    {
        var t = new Pair();
        t.Up();
        t.H.Advance(2_000);
        int a = t.A.Sent.Count;

        t.H.Advance(95_000);

        Assert.Equal(3, LacpHarness.Pdus(t.A, "a1", a).Count);
        Assert.All(t.A.Ports, p => Assert.True(p.Enabled));
    }

    [Fact]
    public void FastRate_PartnerGoesSilent_PortDisabledAtThreeSecondsThenDefaulted()
    {
        var t = new Pair(LacpHarness.Config(fast: true), LacpHarness.Config(fast: true));
        t.Up();
        t.H.Advance(500);
        long silentFrom = t.H.Now;
        t.H.Silent.Add(t.B1);

        t.H.Advance(1900);
        Assert.True(t.A1.Enabled, "still within the timeout");

        // Detected when 3 s have passed since the last LACPDU received, i.e. within 3 s of the silence.
        long disabledAt = 0;
        for (int i = 0; i < 2000 && disabledAt == 0; i++)
        {
            t.H.Advance(1);
            if (!t.A1.Enabled)
            {
                disabledAt = t.H.Now;
            }
        }

        Assert.InRange(disabledAt - silentFrom, 2000, 3000);
        LacpPort lp = t.RA.Find(t.A1)!;
        Assert.Equal(LacpPortState.Expired, lp.State);
        Assert.False(lp.Partner.Has(LacpState.Synchronization));
        Assert.True(t.A2.Enabled);
        Assert.True(t.A.Carrier);

        // B heard a1's LACPDU at once: a1 no longer collects, so B stops distributing to b1 too.
        t.H.Pump();
        Assert.False(t.B1.Enabled);
        Assert.True(t.B2.Enabled);

        t.H.Advance(3000);
        Assert.Equal(LacpPortState.Defaulted, lp.State);
        Assert.Equal(new LacpInfo(0, 0, 0, 0, 0, LacpState.Timeout), lp.Partner);
        Assert.False(lp.Selected);

    }

    [Fact]
    public void SlowRate_PartnerGoesSilent_Expires90SecondsLater()
    {
        var t = new Pair();
        t.Up();
        t.H.Silent.Add(t.B1);

        t.H.Advance(89_000);
        Assert.True(t.A1.Enabled);
        t.H.Advance(2_000);
        Assert.False(t.A1.Enabled);
        Assert.Equal(LacpPortState.Expired, t.RA.Find(t.A1)!.State);
    }

    [Fact]
    public void PartnerComesBack_AfterDefaulted_Reconverges()
    {
        var t = new Pair(LacpHarness.Config(fast: true), LacpHarness.Config(fast: true));
        t.Up();
        t.H.Silent.Add(t.B1);
        t.H.Advance(10_000);
        Assert.False(t.A1.Enabled);

        t.H.Silent.Remove(t.B1);
        t.H.Advance(1_100);

        Assert.True(t.A1.Enabled);
        Assert.True(t.B1.Enabled);
    }

    [Fact]
    public void LinkDown_PortDisabledAtOnce_OtherPortKeepsCarrier()
    {
        var t = new Pair();
        t.Up();

        t.A.Link(t.A1, false);

        Assert.False(t.A1.Enabled);
        Assert.Equal(LacpPortState.Disabled, t.RA.Find(t.A1)!.State);
        Assert.Equal(default, t.RA.Find(t.A1)!.Partner);
        Assert.True(t.A2.Enabled);
        Assert.True(t.A.Carrier);
    }

    [Fact]
    public void MinPorts_CarrierOnlyWhileEnoughPortsAreEnabled()
    {
        var t = new Pair(LacpHarness.Config(minPorts: 2));
        Assert.False(t.A.Carrier);
        t.Up();
        Assert.True(t.A.Carrier);

        t.A.Link(t.A2, false);

        Assert.True(t.A1.Enabled);
        Assert.False(t.A.Carrier);
        Assert.True(t.B.Carrier); // B's min_ports is 1 (and b2's partner went out of sync at once?)
    }

    [Fact]
    public void PassiveAgainstActive_Converges()
    {
        var t = new Pair(LacpHarness.Config(active: false), LacpHarness.Config(active: true));

        t.Up();

        Assert.All(t.A.Ports, p => Assert.True(p.Enabled));
        Assert.All(t.B.Ports, p => Assert.True(p.Enabled));
        Assert.False(t.RA.Find(t.A1)!.Actor.Has(LacpState.Activity));

        // Kept alive by B's periodic LACPDUs: A answers at B's (slow) rate, as its partner is active.
        t.H.Advance(200_000);
        Assert.All(t.A.Ports, p => Assert.True(p.Enabled));
    }

    [Fact]
    public void PassiveBoth_AfterDefaulted_SendNothingPeriodic()
    {
        var h = new LacpHarness();
        (FakeTeam team, LacpRunner r) = h.NewTeam(LacpHarness.Config(active: false), 1);
        FakePort p = team.Add(new FakePort("eth1", 3) { LinkUp = true });

        h.Advance(3000); // expired: fast LACPDUs for one timeout, then defaulted
        Assert.Equal(LacpPortState.Defaulted, r.Find(p)!.State);
        int sent = team.Sent.Count;
        h.Advance(120_000);

        Assert.Equal(sent, team.Sent.Count);
    }

    [Fact]
    public void ActorStateChange_SentAtOnce_NotAtTheNextPeriodic()
    {
        // Slow rate: a change waiting for the periodic timer would take up to 30 s to reach the partner.
        var t = new Pair();
        t.Up();
        t.H.Advance(5_000);
        int before = t.A.Sent.Count;

        t.B.Link(t.B1, false); // the wire stays, but B stops: A1 hears nothing; B2 unaffected
        t.A.Link(t.A1, false);
        t.A.Link(t.A1, true);  // A1 back: expired, sent at once

        Assert.True(LacpHarness.Pdus(t.A, "a1", before).Count >= 1);
        Assert.Equal(LacpState.Expired, LacpHarness.Pdus(t.A, "a1", before)[0].Actor.State & LacpState.Expired);
    }

    [Fact]
    public void AggregatorChange_PortsOfTheNewAggregatorSendSyncAtOnce()
    {
        // A's ports go to two different partner systems: two aggregators, one selected. When the
        // selected one loses its port, the other's port must tell its partner (sync) without waiting.
        (LacpHarness h, FakeTeam a, LacpRunner ra, FakeTeam b, FakeTeam c) = ThreeSystems(LacpHarness.Config());
        FakePort a1 = a.Add(new FakePort("a1", 11) { LinkUp = true });
        FakePort a2 = a.Add(new FakePort("a2", 12) { LinkUp = true });
        FakePort b1 = b.Add(new FakePort("b1", 21) { LinkUp = true });
        FakePort c1 = c.Add(new FakePort("c1", 31) { LinkUp = true });
        h.Wire(a, a1, b, b1);
        h.Wire(a, a2, c, c1);
        h.Advance(1_000); // past 802.1AX's limit of three LACPDUs a second, reached while converging

        Assert.True(a1.Enabled);  // B's system priority (100) beats C's (200)
        Assert.False(a2.Enabled);
        Assert.Equal(2, ra.LacpPorts.Select(lp => lp.AggregatorId).Distinct().Count());
        Assert.False(ra.Find(a2)!.Actor.Has(LacpState.Synchronization));
        int before = a.Sent.Count;

        a.Link(a1, false);
        h.Pump(); // no clock movement: what reaches C was sent at once

        Assert.True(a2.Enabled);
        Assert.True(c1.Enabled);
        var sent = LacpHarness.Pdus(a, "a2", before);
        Assert.Contains(sent, p => p.Actor.Has(InSync));
    }

    [Theory]
    [InlineData("count", "a2")]      // the aggregator with two ports
    [InlineData("bandwidth", "a2")]  // 2 × 1000 beats 1 × 1500
    [InlineData("lacp_prio", "a1")]  // the best leading port: B's system priority 100
    [InlineData("port_config", "a1")] // teamd prio: a1 has 10
    public void SelectPolicy_ChoosesTheAggregator(string policy, string enabledPort)
    {
        (LacpHarness h, FakeTeam a, LacpRunner ra, FakeTeam b, FakeTeam c) = ThreeSystems(LacpHarness.Config(policy: policy));
        FakePort a1 = a.Add(new FakePort("a1", 11) { LinkUp = true, SpeedMbps = 1500, Prio = 10 });
        FakePort a2 = a.Add(new FakePort("a2", 12) { LinkUp = true, SpeedMbps = 1000 });
        FakePort a3 = a.Add(new FakePort("a3", 13) { LinkUp = true, SpeedMbps = 1000 });
        FakePort b1 = b.Add(new FakePort("b1", 21) { LinkUp = true });
        FakePort c1 = c.Add(new FakePort("c1", 31) { LinkUp = true });
        FakePort c2 = c.Add(new FakePort("c2", 32) { LinkUp = true });
        h.Wire(a, a1, b, b1);
        h.Wire(a, a2, c, c1);
        h.Wire(a, a3, c, c2);

        h.Advance(1_000); // three systems converging use up the three LACPDUs a second

        Assert.True(((FakePort)a.Ports.First(p => p.Name == enabledPort)).Enabled);
        Assert.Equal(enabledPort == "a1" ? 1 : 2, a.Ports.Count(p => p.Enabled));
        Assert.Equal(policy == "count" || policy == "bandwidth" ? 2 : 1, ra.LacpPorts.Count(ra.IsInSelectedAggregator));
    }

    [Fact]
    public void LacpPrioStable_KeepsTheSelectedAggregatorWhenABetterOneAppears()
    {
        (LacpHarness h, FakeTeam a, LacpRunner ra, FakeTeam b, FakeTeam c) = ThreeSystems(LacpHarness.Config(policy: "lacp_prio_stable"));
        FakePort a1 = a.Add(new FakePort("a1", 11));
        FakePort a2 = a.Add(new FakePort("a2", 12) { LinkUp = true });
        FakePort b1 = b.Add(new FakePort("b1", 21) { LinkUp = true });
        FakePort c1 = c.Add(new FakePort("c1", 31) { LinkUp = true });
        h.Wire(a, a1, b, b1);
        h.Wire(a, a2, c, c1);
        h.Pump();
        Assert.True(a2.Enabled);

        a.Link(a1, true);
        h.Pump();

        Assert.True(a2.Enabled);
        Assert.False(a1.Enabled);
        Assert.True(ra.Find(a1)!.Selected); // selected into its own aggregator, which is not the selected one

        // The writable state item moves the team to a1's aggregator.
        Assert.Null(ra.SelectAggregator(a, a1, true, out _));
        h.Pump();
        Assert.True(a1.Enabled);
        Assert.False(a2.Enabled);
    }

    [Fact]
    public void SelectAggregator_FalseOrUnselectedPort_Refused()
    {
        var h = new LacpHarness();
        (FakeTeam a, LacpRunner ra) = h.NewTeam(LacpHarness.Config(), 0xa);
        FakePort a1 = a.Add(new FakePort("a1", 11));

        Assert.NotNull(ra.SelectAggregator(a, a1, false, out bool unsupported));
        Assert.True(unsupported);
        Assert.NotNull(ra.SelectAggregator(a, a1, true, out unsupported));
        Assert.False(unsupported);
    }

    [Fact]
    public void DifferentLacpKeys_SeparateAggregators()
    {
        var t = new Pair();
        t.A2.LacpKey = 9;
        t.Up();

        Assert.NotEqual(t.RA.Find(t.A1)!.AggregatorId, t.RA.Find(t.A2)!.AggregatorId);
        Assert.Equal(1, t.A.Ports.Count(p => p.Enabled));
        Assert.Equal(9, t.RA.Find(t.A2)!.Actor.Key);
    }

    [Fact]
    public void PortConfigUpdate_NewKey_AnnouncedAndAggregatorSplit()
    {
        var t = new Pair();
        t.Up();
        t.H.Advance(2_000);
        int before = t.A.Sent.Count;

        t.A2.LacpKey = 9;
        t.A.Runner.PortLinkChanged(t.A, t.A2);
        t.H.Pump();

        Assert.Contains(LacpHarness.Pdus(t.A, "a2", before), p => p.Actor.Key == 9);
        Assert.Equal(1, t.A.Ports.Count(p => p.Enabled));
    }

    [Fact]
    public void OwnLacpdusLoopedBack_NotSelectedAndWarnedOnce()
    {
        var h = new LacpHarness();
        (FakeTeam a, LacpRunner ra) = h.NewTeam(LacpHarness.Config(), 0xa);
        FakePort a1 = a.Add(new FakePort("a1", 11) { LinkUp = true });
        FakePort a2 = a.Add(new FakePort("a2", 12) { LinkUp = true });
        h.Wire(a, a1, a, a2);

        h.Advance(100_000);

        Assert.False(a1.Enabled);
        Assert.False(ra.Find(a1)!.Selected);
        Assert.Single(a.Log.Lines, l => l.Contains("a1 receives its own LACPDUs", System.StringComparison.Ordinal));
    }

    [Fact]
    public void HalfDuplex_PortStaysDisabled()
    {
        var t = new Pair();
        t.A1.SpeedMbps = 100;
        t.A1.Duplex = 0;

        t.Up();

        Assert.Equal(LacpPortState.Disabled, t.RA.Find(t.A1)!.State);
        Assert.False(t.A1.Enabled);
    }

    [Fact]
    public void PortRemoved_SendsALastLacpduOutOfSync_PartnerStopsAtOnce()
    {
        var t = new Pair();
        t.Up();
        int before = t.A.Sent.Count;

        t.A.Remove(t.A1);
        t.H.Pump();

        var last = LacpHarness.Pdus(t.A, "a1", before).Last();
        Assert.False(last.Actor.Has(LacpState.Synchronization));
        Assert.False(t.B1.Enabled);
        Assert.Null(t.RA.Find(t.A1));
        Assert.True(t.A2.Enabled);
    }

    [Fact]
    public void StateTransitions_LoggedOnceEach_NotPerLacpdu()
    {
        var t = new Pair(LacpHarness.Config(fast: true), LacpHarness.Config(fast: true));
        t.Up();
        t.H.Advance(30_000);

        string[] a1 = t.A.Log.Lines.Where(l => l.Contains("port a1 LACP state", System.StringComparison.Ordinal)).ToArray();
        Assert.Equal(["team10: port a1 LACP state disabled -> expired (link up)", "team10: port a1 LACP state expired -> current (LACPDU received)"], a1);
        Assert.True(t.A.Log.Lines.Count < 15, string.Join("\n", t.A.Log.Lines));
    }

    [Fact]
    public void MarkerInformation_AnsweredOnThePortItCameIn_EvenWhileNotEnabled_AtMostFiveASecond()
    {
        var t = new Pair();
        t.A.Link(t.A1, true); // link up, but no partner yet: expired, not enabled
        int before = t.A.Sent.Count;
        byte[] marker = Packets.LacpduTests.MarkerInformation();

        t.RA.OnControlFrame(t.A, t.A1, marker, t.H.Now);

        SentFrame reply = Assert.Single(t.A.Sent.Skip(before));
        Assert.Equal("a1", reply.Port);
        Assert.False(t.A1.Enabled);
        Assert.Equal(Lacpdu.SubtypeMarker, reply.Frame[14]);
        Assert.Equal(2, reply.Frame[16]); // Marker Response
        Assert.Equal(t.A1.Mac, reply.Frame[6..12]);
        Assert.Equal(marker[18..30], reply.Frame[18..30]); // requester port, system, transaction id
        LacpPort lp = t.RA.Find(t.A1)!;
        Assert.Equal(1ul, lp.MarkerResponses);
        Assert.Equal(0ul, lp.RxIgnored);

        // A flood gets five answers a second, and the LACP state is untouched.
        for (int i = 0; i < 100; i++)
        {
            t.RA.OnControlFrame(t.A, t.A1, marker, t.H.Now + 1 + i);
        }

        Assert.Equal(5ul, lp.MarkerResponses);
        Assert.Equal(LacpPortState.Expired, lp.State);
        t.RA.OnControlFrame(t.A, t.A1, marker, t.H.Now + 1001);
        Assert.Equal(6ul, lp.MarkerResponses);
    }

    [Fact]
    public void TeamAdminDown_EveryPortOutOfSyncAtOnce_PartnerStops_BackInSyncOnUp()
    {
        var t = new Pair(LacpHarness.Config(fast: true), LacpHarness.Config(fast: true));
        t.Up();
        Assert.True(t.A1.Enabled && t.A2.Enabled && t.B1.Enabled && t.B2.Enabled);
        t.H.Advance(2_000); // past converging's burst of LACPDUs (three a second)
        int before = t.A.Sent.Count;

        t.RA.TeamAdminChanged(t.A, false);
        t.H.Pump();

        // No timer ran: the news went out in LACPDUs sent at once, and the partner stopped too.
        Assert.False(t.A1.Enabled || t.A2.Enabled);
        Assert.False(t.B1.Enabled || t.B2.Enabled);
        Assert.All(LacpHarness.Pdus(t.A, "a1", before), p => Assert.False(p.Actor.Has(LacpState.Synchronization)));
        Assert.Equal(LacpPortState.Current, t.RA.Find(t.A1)!.State); // LACPDUs are still exchanged
        Assert.Contains("team10: team device administratively down: every port out of sync", t.A.Log.Lines);

        // A while later the ports are still current (the conversation went on), and up brings them back at once.
        t.H.Advance(10_000);
        Assert.Equal(LacpPortState.Current, t.RA.Find(t.A2)!.State);
        Assert.False(t.B2.Enabled);
        t.RA.TeamAdminChanged(t.A, true);
        t.H.Pump();
        Assert.True(t.A1.Enabled && t.A2.Enabled && t.B1.Enabled && t.B2.Enabled);
    }

    [Fact]
    public void BothDevicesBroughtUpRightAfterStart_EnabledAtOnce_NotAfterTheLacpduLimit()
    {
        // Teams start with their devices down; init scripts bring them up a moment after LACP has talked.
        var t = new Pair(LacpHarness.Config(fast: true), LacpHarness.Config(fast: true));
        t.RA.TeamAdminChanged(t.A, false);
        t.RB.TeamAdminChanged(t.B, false);
        t.Up();
        Assert.Equal(LacpPortState.Current, t.RA.Find(t.A1)!.State);
        Assert.False(t.A1.Enabled || t.B1.Enabled);

        t.RA.TeamAdminChanged(t.A, true);
        t.H.Pump();
        t.RB.TeamAdminChanged(t.B, true);
        t.H.Pump();

        Assert.True(t.A1.Enabled && t.A2.Enabled && t.B1.Enabled && t.B2.Enabled);
    }

    [Fact]
    public void Flood_WrongPartnerInfo_AtMostThreeLacpdusPerSecond()
    {
        var t = new Pair();
        t.Up();
        t.H.Advance(2_000);
        int before = t.A.Sent.Count;
        LacpInfo us = t.RA.Find(t.A1)!.Actor;
        LacpInfo them = t.RA.Find(t.A1)!.Partner;
        byte[] frame = new byte[Lacpdu.FrameLength];
        Lacpdu.Write(frame, t.B1.Mac, them, us with { Key = 99 }); // claims a wrong key for us: answer due

        for (int i = 0; i < 1000; i++)
        {
            t.RA.OnControlFrame(t.A, t.A1, frame, t.H.Now + i);
        }

        Assert.InRange(LacpHarness.Pdus(t.A, "a1", before).Count, 1, 3);
        Assert.True(t.A1.Enabled);
    }

    [Fact]
    public void LinkFlapRightAfterConverging_ReconvergesAtOnce_NotAfterThePeriodic()
    {
        // Converging uses up the three LACPDUs a second; a link that comes back starts afresh.
        var t = new Pair(LacpHarness.Config(fast: true), LacpHarness.Config(fast: true));
        t.Up();
        t.H.Advance(100);
        t.A.Link(t.A1, false);
        t.B.Link(t.B1, false);
        t.H.Advance(100);

        t.A.Link(t.A1, true);
        t.B.Link(t.B1, true);
        t.H.Pump();

        Assert.True(t.A1.Enabled && t.B1.Enabled);
    }

    [Fact]
    public void BadLacpdus_CountedAndIgnored_StateUnchanged()
    {
        var t = new Pair(LacpHarness.Config(fast: true), LacpHarness.Config(fast: true));
        t.Up();
        LacpPort lp = t.RA.Find(t.A1)!;
        (LacpInfo actor, LacpInfo partner, LacpPortState state) = (lp.Actor, lp.Partner, lp.State);
        int sent = t.A.Sent.Count;
        byte[] good = new byte[Lacpdu.FrameLength];
        Lacpdu.Write(good, t.B1.Mac, partner with { System = 0x0e0000000001 }, actor);
        var rnd = new System.Random(1);
        int invalid = 0, ignored = 0;
        for (int i = 0; i < 5000; i++)
        {
            byte[] f = Packets.LacpduTests.Mutate(rnd, good);
            LacpduStatus s = Lacpdu.Parse(f, out _, out _);
            if (s == LacpduStatus.Ok)
            {
                continue; // a mutation that is still a valid LACPDU would change state legitimately
            }

            _ = s == LacpduStatus.NotLacp ? ignored++ : invalid++;
            t.RA.OnControlFrame(t.A, t.A1, f, t.H.Now);
        }

        Assert.Equal((ulong)invalid, lp.RxInvalid);
        Assert.Equal((ulong)ignored, lp.RxIgnored);
        Assert.Equal((actor, partner, state), (lp.Actor, lp.Partner, lp.State));
        Assert.Equal(sent, t.A.Sent.Count);
        Assert.True(t.A1.Enabled);
    }

    [Theory]
    [InlineData(0, true)]      // the partner's first LACPDU beat our own link event: taken at link up
    [InlineData(1000, true)]
    [InlineData(1001, false)]  // older than a periodic time: waits for the next
    public void LacpduOnALinkDownPort_HeldUntilTheLinkComesUp(int delayMs, bool taken)
    {
        var h = new LacpHarness();
        (FakeTeam a, LacpRunner ra) = h.NewTeam(LacpHarness.Config(), 0xa);
        FakePort a1 = a.Add(new FakePort("a1", 11));
        byte[] frame = new byte[Lacpdu.FrameLength];
        Lacpdu.Write(frame, [2, 0, 0, 0, 0, 9], new LacpInfo(1, 9, 0, 1, 1, LacpState.Activity | InSync), default);

        ra.OnControlFrame(a, a1, frame, h.Now);
        Assert.Equal(LacpPortState.Disabled, ra.Find(a1)!.State);
        h.Advance(delayMs);
        a.Link(a1, true);

        Assert.Equal(taken ? LacpPortState.Current : LacpPortState.Expired, ra.Find(a1)!.State);
        Assert.Equal(taken, a1.Enabled);
    }

    [Fact]
    public void SendFailure_Counted()
    {
        var h = new LacpHarness();
        (FakeTeam a, LacpRunner ra) = h.NewTeam(LacpHarness.Config(), 0xa);
        a.SendSucceeds = false;

        FakePort a1 = a.Add(new FakePort("a1", 11) { LinkUp = true });

        Assert.Equal(1UL, ra.Find(a1)!.TxFailed);
        Assert.Equal(0UL, ra.Find(a1)!.TxPdus);
    }
}

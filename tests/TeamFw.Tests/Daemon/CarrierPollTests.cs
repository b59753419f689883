// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using TeamFw.Daemon;
using TeamFw.Tests.Fakes;
using Xunit;

namespace TeamFw.Tests.Daemon;

/// <summary>Which ports the fast carrier check (CarrierPoll, teamfw.carrier_poll_ms) asks, and when it parks.</summary>
public sealed class CarrierPollTests
{
    private const string RoundRobin = """{ "device": "team0", "runner": { "name": "roundrobin" }, "ports": { "eth1": {}, "eth2": {} } }""";

    /// <summary>
    /// A port that carries traffic is asked whenever the up ports are due; a port without carrier whenever the
    /// down ports are (every tenth interval), so one whose peer came up is in use without waiting for the
    /// kernel's carrier notification; an idle port with carrier never (its loss interrupts nothing).
    /// </summary>
    [Theory]
    [InlineData(true, true, true, false, true)]
    [InlineData(true, true, false, true, false)]
    [InlineData(true, false, true, true, false)]
    [InlineData(false, false, true, false, false)]
    [InlineData(false, false, false, true, true)]
    [InlineData(false, true, true, false, false)]
    public void WhichPortsArePolled(bool carrierUp, bool txable, bool upDue, bool downDue, bool polled)
        => Assert.Equal(polled, CarrierPoll.PollsCarrier(carrierUp, txable, upDue, downDue));

    [Fact]
    public void TxablePortLosesCarrier_TeamSeesItAtThePoll()
    {
        using var rig = Started();
        rig.Net.Carriers["eth1"] = false;
        rig.Net.Carriers.Remove("eth2"); // eth2's driver has no get_link

        rig.Team.PollCarrier(rig.Clock.NowMs);
        rig.Team.PollCarrier(rig.Clock.NowMs); // nothing is due again at the same time

        Assert.False(rig.Team.FindPort("eth1")!.CarrierUp);
        Assert.False(rig.Team.FindPort("eth1")!.LinkUp); // the ethtool watcher's verdict follows
        Assert.True(rig.Team.FindPort("eth2")!.NoGetLink);
        Assert.Equal(["eth1", "eth2"], rig.Net.LinkQueries); // eth1 without carrier waits for the tenth interval; eth2 is never asked again
    }

    /// <summary>
    /// A whole interval (10 ms) without a frame either way parks the check: the ports are then asked only every
    /// tenth interval (100 ms), with the ports without carrier, and the team's next deadline says so, so an idle
    /// daemon wakes ten times a second for it, not a hundred. A frame moved afterwards (the data path wakes the
    /// control thread) has the ports asked in the same round, and every interval again.
    /// </summary>
    [Fact]
    public void IdleDataPath_ParksToTheSlowPace_FirstFrameAfter_AsksAtOnce()
    {
        using var rig = Started();
        FakeDataPath dp = rig.Devices.DataPath!;
        dp.Moved = 5;

        Step(rig, 0);   // the first poll: the baseline (both ports)
        dp.Moved = 9;   // frames moved over each interval: polling every interval
        Step(rig, 10);
        dp.Moved = 12;
        Step(rig, 10);
        Assert.False(rig.Team.CarrierPollParked);
        Assert.Equal(6, rig.Net.LinkQueries.Count);
        Assert.Equal(rig.Clock.NowMs + 10, rig.Team.NextDeadline());

        Step(rig, 10);  // no frame over the last interval: parks, asks nobody
        Assert.True(rig.Team.CarrierPollParked);
        Assert.True(dp.Parked);
        Assert.Equal(6, rig.Net.LinkQueries.Count);
        Assert.Equal(1100, rig.Team.NextDeadline()); // the tenth interval after the first poll at 1000

        for (int i = 0; i < 67; i++)
        {
            Step(rig, 10); // to 1700 ms, idle: asked at 1100 ... 1700, every 100 ms
        }

        Assert.Equal(6 + 7 * 2, rig.Net.LinkQueries.Count);
        Assert.True(rig.Team.CarrierPollParked);

        rig.Net.Carriers["eth1"] = false; // lost while idle
        dp.Moved = 10;                    // a frame: the data path wakes the control thread
        Step(rig, 1);
        Assert.False(rig.Team.CarrierPollParked);
        Assert.Equal(6 + 7 * 2 + 2, rig.Net.LinkQueries.Count);
        Assert.False(rig.Team.FindPort("eth1")!.CarrierUp);
        Assert.Equal(rig.Clock.NowMs + 10, rig.Team.NextDeadline());
    }

    /// <summary>While parked, a port without carrier is asked with the others every tenth interval, so LACP over a
    /// port whose peer comes up late does not wait for the kernel's notification.</summary>
    [Fact]
    public void Parked_DownPortAskedEveryTenthInterval()
    {
        using var rig = Started();
        rig.Net.Carriers["eth2"] = false;
        Step(rig, 0);   // eth2 found down here
        Step(rig, 10);  // idle: parks
        Assert.True(rig.Team.CarrierPollParked);
        int asked = rig.Net.LinkQueries.Count;

        rig.Net.Carriers["eth2"] = true;
        for (int i = 0; i < 8; i++)
        {
            Step(rig, 10);
        }

        Assert.Equal(asked, rig.Net.LinkQueries.Count); // not yet the tenth interval
        Step(rig, 10);
        Assert.Equal(["eth1", "eth2"], rig.Net.LinkQueries[asked..]);
        Assert.True(rig.Team.FindPort("eth2")!.CarrierUp);
    }

    [Fact]
    public void CarrierPollMsZero_EventsOnly()
    {
        using var rig = Started("""{ "device": "team0", "runner": { "name": "roundrobin" }, "ports": { "eth1": {}, "eth2": {} }, "teamfw": { "carrier_poll_ms": 0 } }""");
        rig.Net.Carriers["eth2"] = false;
        for (int i = 0; i < 20; i++)
        {
            Step(rig, 10);
        }

        Assert.Empty(rig.Net.LinkQueries);
        Assert.Equal(long.MaxValue, rig.Team.NextDeadline());
    }

    private static TeamRig Started(string json = RoundRobin)
    {
        var rig = new TeamRig(json);
        rig.SetCarrier("eth1", true);
        rig.SetCarrier("eth2", true);
        rig.Net.Carriers["eth1"] = true;
        rig.Net.Carriers["eth2"] = true;
        rig.Team.Start();
        rig.Net.LinkQueries.Clear();
        return rig;
    }

    private static void Step(TeamRig rig, int ms)
    {
        rig.Clock.NowMs += ms;
        rig.Team.OnTimer(rig.Clock.NowMs);
    }
}

// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System.Linq;
using TeamFw.Daemon;
using TeamFw.Tests.Fakes;
using Xunit;

namespace TeamFw.Tests.Daemon;

/// <summary>Which ports the fast carrier check (CarrierPoll, teamfw.carrier_poll_ms) asks on each poll.</summary>
public sealed class CarrierPollTests
{
    /// <summary>
    /// A port without carrier is asked every tenth poll (100 ms at the default 10 ms), so one whose peer
    /// came up is in use without waiting for the kernel's carrier notification (the kernel oracle's LACP
    /// waited up to a second for it when teamd's ports came up after teamfw's); a port that carries
    /// traffic is asked every time; an idle port with carrier never (its loss interrupts nothing).
    /// </summary>
    [Fact]
    public void DownPortsEveryTenthPoll_TxablePortsEveryPoll_IdlePortsNever()
    {
        long[] polls = Enumerable.Range(1, 100).Select(i => (long)i).ToArray();
        Assert.Equal([10L, 20, 30, 40, 50, 60, 70, 80, 90, 100], polls.Where(n => CarrierPoll.PollsCarrier(carrierUp: false, txable: false, n)));
        Assert.Equal(10, polls.Count(n => CarrierPoll.PollsCarrier(carrierUp: false, txable: true, n)));
        Assert.Equal(100, polls.Count(n => CarrierPoll.PollsCarrier(carrierUp: true, txable: true, n)));
        Assert.DoesNotContain(polls, n => CarrierPoll.PollsCarrier(carrierUp: true, txable: false, n));
    }

    [Fact]
    public void TxablePortLosesCarrier_TeamSeesItAtThePoll()
    {
        using var rig = new TeamRig("""{ "device": "team0", "runner": { "name": "roundrobin" }, "ports": { "eth1": {}, "eth2": {} } }""");
        rig.SetCarrier("eth1", true);
        rig.SetCarrier("eth2", true);
        rig.Team.Start();
        rig.Net.Carriers["eth1"] = false; // eth2's driver has no get_link

        rig.Team.PollCarrier(rig.Clock.NowMs);
        rig.Team.PollCarrier(rig.Clock.NowMs);

        Assert.False(rig.Team.FindPort("eth1")!.CarrierUp);
        Assert.False(rig.Team.FindPort("eth1")!.LinkUp); // the ethtool watcher's verdict follows
        Assert.True(rig.Team.FindPort("eth2")!.NoGetLink);
        Assert.Equal(["eth1", "eth2"], rig.Net.LinkQueries); // eth1 without carrier waits for the tenth poll; eth2 is never asked again
    }
}

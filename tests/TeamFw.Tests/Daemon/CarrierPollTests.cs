// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System.Linq;
using TeamFw.Daemon;
using Xunit;

namespace TeamFw.Tests.Daemon;

/// <summary>Which ports the fast carrier check (Team.PollCarrier, teamfw.carrier_poll_ms) asks on each poll.</summary>
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
        Assert.Equal([10L, 20, 30, 40, 50, 60, 70, 80, 90, 100], polls.Where(n => Team.PollsCarrier(carrierUp: false, txable: false, n)));
        Assert.Equal(10, polls.Count(n => Team.PollsCarrier(carrierUp: false, txable: true, n)));
        Assert.Equal(100, polls.Count(n => Team.PollsCarrier(carrierUp: true, txable: true, n)));
        Assert.DoesNotContain(polls, n => Team.PollsCarrier(carrierUp: true, txable: false, n));
    }
}

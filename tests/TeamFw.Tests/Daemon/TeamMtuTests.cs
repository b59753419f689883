// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System.Collections.Generic;
using TeamFw.Daemon;
using TeamFw.Tests.Fakes;
using Xunit;

namespace TeamFw.Tests.Daemon;

/// <summary>The team's MTU rule (TeamMtu.Follow): every port follows the team; a refusal puts everything back.</summary>
public sealed class TeamMtuTests
{
    private static FakeNetDevice Devices()
    {
        var dev = new FakeNetDevice();
        foreach (string d in new[] { "team0", "eth1", "eth2", "eth3" })
        {
            dev.Mtus[d] = 1500;
        }

        dev.Mtus["team0"] = 9000; // `ip link set team0 mtu 9000` already happened: the team follows the ports next
        return dev;
    }

    [Fact]
    public void Follow_EveryPortTakesIt_AllAtTheNewMtu()
    {
        FakeNetDevice dev = Devices();
        var log = new ListLogger();

        Assert.True(TeamMtu.Follow(dev, log, "team0", ["eth1", "eth2", "eth3"], 1500, 9000));

        Assert.Equal(9000, dev.Mtus["eth1"]);
        Assert.Equal(9000, dev.Mtus["eth2"]);
        Assert.Equal(9000, dev.Mtus["eth3"]);
        Assert.Equal(["team0: mtu 1500 -> 9000 on the team and every port"], log.Lines);
    }

    [Fact]
    public void Follow_SecondPortRefuses_FirstPortAndTeamBack_ThirdUntouched()
    {
        FakeNetDevice dev = Devices();
        dev.RefuseMtu["eth2"] = [9000];
        var log = new ListLogger();

        Assert.False(TeamMtu.Follow(dev, log, "team0", ["eth1", "eth2", "eth3"], 1500, 9000));

        Assert.Equal(1500, dev.Mtus["eth1"]);
        Assert.Equal(1500, dev.Mtus["eth2"]);
        Assert.Equal(1500, dev.Mtus["eth3"]);
        Assert.Equal(1500, dev.Mtus["team0"]);
        Assert.Equal(new List<(string, int)> { ("eth1", 9000), ("eth2", 9000), ("eth1", 1500), ("team0", 1500) }, dev.MtuCalls);
        Assert.Single(log.Lines);
        Assert.StartsWith("team0: mtu 9000 refused by port eth2 (", log.Lines[0]);
        Assert.EndsWith("team and ports back to 1500", log.Lines[0]);
    }

    [Fact]
    public void Follow_RollbackRefusedToo_LoggedAndTheOthersStillRolledBack()
    {
        FakeNetDevice dev = Devices();
        dev.RefuseMtu["eth2"] = [9000];
        dev.RefuseMtu["eth1"] = [1500];
        var log = new ListLogger();

        Assert.False(TeamMtu.Follow(dev, log, "team0", ["eth1", "eth2"], 1500, 9000));

        Assert.Equal(9000, dev.Mtus["eth1"]);
        Assert.Equal(1500, dev.Mtus["team0"]);
        Assert.Equal(2, log.Lines.Count);
        Assert.StartsWith("team0: mtu 1500 could not be put back on eth1 (", log.Lines[0]);
        Assert.StartsWith("team0: mtu 9000 refused by port eth2", log.Lines[1]);
    }
}

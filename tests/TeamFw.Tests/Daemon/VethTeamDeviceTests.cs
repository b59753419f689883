// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using TeamFw.Daemon;
using Xunit;

namespace TeamFw.Tests.Daemon;

public sealed class VethTeamDeviceTests
{
    [Theory]
    [InlineData("team0", "team0-tfw")]
    [InlineData("t", "t-tfw")]
    [InlineData("bond-uplink", "bond-uplink-tfw")]
    [InlineData("bond-uplink0", "bond-uplink-tfw")] // 12 + 4 > 15: the team's name is cut
    [InlineData("abcdefghijklmno", "abcdefghijk-tfw")]
    public void PeerName_IsTheTeamsWithSuffix_WithinIfnamsiz(string team, string peer)
    {
        Assert.Equal(peer, VethTeamDevice.PeerName(team));
        Assert.True(VethTeamDevice.PeerName(team).Length <= 15);
    }
}

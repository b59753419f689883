// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using TeamFw.Modes;
using TeamFw.Tests.Fakes;
using Xunit;

namespace TeamFw.Tests.Modes;

public sealed class TeamViewTests
{
    // team_get_first_port_txable_rcu: the port itself if txable, else the next txable one after it, wrapping.
    [Theory]
    [InlineData("111", 0, "a")]
    [InlineData("111", 2, "c")]
    [InlineData("101", 1, "c")]
    [InlineData("110", 2, "a")]
    [InlineData("010", 2, "b")]
    [InlineData("001", 0, "c")]
    [InlineData("000", 1, null)]
    [InlineData("", 0, null)]
    public void FirstTxableFrom_SkipsNonTxableAndWraps(string txable, int start, string? expected)
    {
        var view = new TeamView(FakePort.EnabledSet(txable), null);

        Assert.Equal(expected, view.FirstTxableFrom(start)?.Name);
    }

    [Fact]
    public void Empty_HasNoPortsAndNoActive()
    {
        Assert.Empty(TeamView.Empty.Enabled);
        Assert.Null(TeamView.Empty.Active);
        Assert.Null(TeamView.Empty.FirstTxableFrom(0));
    }
}

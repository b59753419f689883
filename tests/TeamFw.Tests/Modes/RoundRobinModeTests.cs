// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using TeamFw.Modes;
using TeamFw.Tests.Fakes;
using Xunit;

namespace TeamFw.Tests.Modes;

public sealed class RoundRobinModeTests
{
    private static readonly byte[] s_frame = new byte[64];

    /// <summary>The ports chosen for <paramref name="frames"/> frames, space-separated; "-" is a drop (null).</summary>
    private static string Send(RoundRobinMode mode, TeamView view, int frames)
    {
        var sent = new string[frames];
        for (int i = 0; i < frames; i++)
        {
            sent[i] = mode.SelectTxPort(s_frame, view)?.Name ?? "-";
        }

        return string.Join(" ", sent);
    }

    // rr_transmit: sent_packets++ % en_port_count picks the port, then the first txable from there.
    [Theory]
    [InlineData("111", "a b c a b c a")]
    [InlineData("101", "a c c a c c a")]
    [InlineData("011", "b b c b b c b")]
    [InlineData("110", "a b a a b a a")]
    [InlineData("010", "b b b b b b b")]
    [InlineData("000", "- - - - - - -")]
    [InlineData("1", "a a a a a a a")]
    [InlineData("1101", "a b d d a b d")]
    public void SelectTxPort_Sequence_MatchesKernel(string txable, string expected)
    {
        var view = new TeamView(FakePort.EnabledSet(txable), null);

        Assert.Equal(expected, Send(new RoundRobinMode(), view, 7));
    }

    [Fact]
    public void SelectTxPort_NoEnabledPorts_ReturnsNull()
    {
        Assert.Null(new RoundRobinMode().SelectTxPort(s_frame, TeamView.Empty));
    }

    [Fact]
    public void SelectTxPort_EachLaneCountsOnItsOwn()
    {
        // teamfw.tx_workers: two transmit threads call the mode at once; each keeps its own rotation.
        var mode = new RoundRobinMode();
        var view = new TeamView(FakePort.EnabledSet("111"), null);

        Assert.Equal("a", mode.SelectTxPort(s_frame, view, 0)?.Name);
        Assert.Equal("b", mode.SelectTxPort(s_frame, view, 0)?.Name);
        Assert.Equal("a", mode.SelectTxPort(s_frame, view, 1)?.Name);
        Assert.Equal("c", mode.SelectTxPort(s_frame, view, 0)?.Name);
        Assert.Equal("b", mode.SelectTxPort(s_frame, view, 1)?.Name);
        Assert.Equal("a", mode.SelectTxPort(s_frame, view, TxLanes.Max - 1)?.Name);
    }

    [Fact]
    public void SelectTxPort_NoEnabledPorts_DoesNotAdvanceCounter()
    {
        // The kernel installs team_dummy_transmit while en_port_count is 0: sent_packets is untouched.
        var mode = new RoundRobinMode();
        mode.SelectTxPort(s_frame, TeamView.Empty);
        mode.SelectTxPort(s_frame, TeamView.Empty);

        Assert.Equal("a b a", Send(mode, new TeamView(FakePort.EnabledSet("11"), null), 3));
    }

    [Fact]
    public void SelectTxPort_ViewChanges_CounterContinuesModuloNewCount()
    {
        var mode = new RoundRobinMode();
        Assert.Equal("a b a b", Send(mode, new TeamView(FakePort.EnabledSet("11"), null), 4));

        // counter is 4 now: 4 % 3 = 1
        Assert.Equal("b c a", Send(mode, new TeamView(FakePort.EnabledSet("111"), null), 3));
    }

    [Fact]
    public void SelectTxPort_PortGoesDownMidway_NextFramesSkipIt()
    {
        FakePort[] ports = FakePort.EnabledSet("111");
        var view = new TeamView(ports, null);
        var mode = new RoundRobinMode();
        Assert.Equal("a b", Send(mode, view, 2));

        ports[2].LinkUp = false;

        Assert.Equal("a a b a", Send(mode, view, 4));
    }

    [Fact]
    public void SelectTxPort_IgnoresFrameContents()
    {
        var view = new TeamView(FakePort.EnabledSet("111"), null);
        var mode = new RoundRobinMode();

        Assert.Equal("a", mode.SelectTxPort(ReadOnlySpan<byte>.Empty, view)?.Name);
        Assert.Equal("b", mode.SelectTxPort(new byte[1514], view)?.Name);
    }
}

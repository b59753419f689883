// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System.Collections.Generic;
using System.Linq;
using TeamFw.Modes;
using TeamFw.Tests.Fakes;
using Xunit;

namespace TeamFw.Tests.Modes;

public sealed class RandomModeTests
{
    private const int Frames = 30_000;
    private static readonly byte[] s_frame = new byte[64];

    private static Dictionary<string, int> Count(RandomMode mode, TeamView view, int frames)
    {
        var counts = new Dictionary<string, int>();
        for (int i = 0; i < frames; i++)
        {
            string name = mode.SelectTxPort(s_frame, view)?.Name ?? "-";
            counts[name] = counts.GetValueOrDefault(name) + 1;
        }

        return counts;
    }

    [Fact]
    public void SelectTxPort_LanesHaveGeneratorsOfTheirOwn_EachRoughlyUniform()
    {
        // teamfw.tx_workers: lane 0 keeps the seed's sequence whatever lane 1 draws, and lane 1's is another.
        var view = new TeamView(FakePort.EnabledSet("1111"), null);
        var alone = new RandomMode(12345u);
        var shared = new RandomMode(12345u);
        var lane0 = new List<string>();
        var lane1 = new List<string>();
        var counts1 = new Dictionary<string, int>();
        for (int i = 0; i < Frames; i++)
        {
            string expected = alone.SelectTxPort(s_frame, view)!.Name;
            lane0.Add(shared.SelectTxPort(s_frame, view, 0)!.Name);
            string one = shared.SelectTxPort(s_frame, view, 1)!.Name;
            lane1.Add(one);
            counts1[one] = counts1.GetValueOrDefault(one) + 1;
            Assert.Equal(expected, lane0[i]);
        }

        Assert.NotEqual(lane0, lane1);
        Assert.All(counts1.Values, n => Assert.InRange(n, Frames / 4 * 0.9, Frames / 4 * 1.1));
    }

    [Theory]
    [InlineData(1u)]
    [InlineData(12345u)]
    [InlineData(0xdeadbeefu)]
    public void SelectTxPort_AllTxable_RoughlyUniform(uint seed)
    {
        var view = new TeamView(FakePort.EnabledSet("1111"), null);

        Dictionary<string, int> counts = Count(new RandomMode(seed), view, Frames);

        Assert.Equal(["a", "b", "c", "d"], counts.Keys.Order());
        foreach (int n in counts.Values)
        {
            Assert.InRange(n, Frames / 4 * 0.95, Frames / 4 * 1.05);
        }
    }

    [Fact]
    public void SelectTxPort_MiddleNotTxable_NeverChosenAndNextGetsItsShare()
    {
        // prandom_u32_max(en_port_count), then the first txable: b's third goes to c, as in the kernel.
        var view = new TeamView(FakePort.EnabledSet("101"), null);

        Dictionary<string, int> counts = Count(new RandomMode(7), view, Frames);

        Assert.False(counts.ContainsKey("b"));
        Assert.False(counts.ContainsKey("-"));
        Assert.InRange(counts["a"], Frames / 3 * 0.95, Frames / 3 * 1.05);
        Assert.InRange(counts["c"], Frames * 2 / 3 * 0.95, Frames * 2 / 3 * 1.05);
    }

    [Fact]
    public void SelectTxPort_SameSeed_SameSequence()
    {
        var view = new TeamView(FakePort.EnabledSet("111"), null);
        var a = new RandomMode(42);
        var b = new RandomMode(42);

        for (int i = 0; i < 1000; i++)
        {
            Assert.Same(a.SelectTxPort(s_frame, view), b.SelectTxPort(s_frame, view));
        }
    }

    [Fact]
    public void SelectTxPort_DifferentSeeds_DifferentSequences()
    {
        var view = new TeamView(FakePort.EnabledSet("111"), null);
        var a = new RandomMode(42);
        var b = new RandomMode(43);

        int same = 0;
        for (int i = 0; i < 1000; i++)
        {
            same += ReferenceEquals(a.SelectTxPort(s_frame, view), b.SelectTxPort(s_frame, view)) ? 1 : 0;
        }

        Assert.InRange(same, 200, 500);
    }

    [Fact]
    public void SelectTxPort_SeedZero_StillSpreads()
    {
        // Seed 0 means "seed from the clock"; a zero xorshift state would pick index 0 forever.
        var view = new TeamView(FakePort.EnabledSet("111"), null);

        Dictionary<string, int> counts = Count(new RandomMode(0), view, 3000);

        Assert.Equal(3, counts.Count);
    }

    [Theory]
    [InlineData("000")]
    [InlineData("")]
    public void SelectTxPort_NothingTxable_ReturnsNull(string txable)
    {
        var view = new TeamView(FakePort.EnabledSet(txable), null);
        var mode = new RandomMode(5);

        for (int i = 0; i < 100; i++)
        {
            Assert.Null(mode.SelectTxPort(s_frame, view));
        }
    }
}

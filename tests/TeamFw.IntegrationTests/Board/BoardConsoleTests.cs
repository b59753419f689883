// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System.Linq;
using Xunit;

namespace TeamFw.IntegrationTests.Board;

/// <summary>The console protocol of tests/board/board.sh as the boards' tests read it.</summary>
public sealed class BoardConsoleTests
{
    private const string Console =
        "[    0.000000] Booting Linux on physical CPU 0x0000000000 [0x411fd070]\r\n" +
        "BOARD-BEGIN machine=aarch64 arch=aarch64 kernel=6.1.0-57-arm64 uptime=2.720\r\n" +
        "SCENARIO-BEGIN one\r\n" +
        "some output\r\n" +
        "DATA one VmHWM 7012\r\n" +
        "[   12.345678] a kernel message in between\r\n" +
        "DATA one note two words\r\n" +
        "DATA other stray 1\r\n" +
        "RESULT one pass 4.710\r\n" +
        "SCENARIO-BEGIN two\r\n" +
        "FAIL p1 after stop: mtu=1500\r\n" +
        "RESULT two fail 8.700 p1 after stop: mtu=1500\r\n" +
        "SCENARIO-BEGIN three\r\n" +
        "BOARD-END\r\n";

    [Fact]
    public void Parse_ResultsDataAndOutput_PerScenario()
    {
        var scenarios = BoardConsole.Parse(Console, out double? userSpace);

        Assert.Equal(2.72, userSpace);
        Assert.Equal(["one", "two"], scenarios.Keys.Order());
        BoardScenario one = scenarios["one"];
        Assert.True(one.Passed);
        Assert.Equal(4.71, one.Seconds);
        Assert.Equal(7012, one.Number("VmHWM"));
        Assert.Equal("two words", one.Values("note").Single());
        Assert.Empty(one.Values("stray")); // another scenario's DATA is not this one's
        Assert.Contains("some output", one.Output);
        Assert.Contains("[   12.345678] a kernel message in between", one.Output);

        BoardScenario two = scenarios["two"];
        Assert.False(two.Passed);
        Assert.Equal("fail", two.Status);
        Assert.Equal("p1 after stop: mtu=1500", two.Reason);
        Assert.Contains("FAIL p1 after stop: mtu=1500", two.Output);
    }

    [Fact]
    public void Parse_ScenarioWithoutResult_IsAbsent() => Assert.False(BoardConsole.Parse(Console, out _).ContainsKey("three"));

    [Fact]
    public void Number_Missing_NamesTheKey()
    {
        BoardScenario one = BoardConsole.Parse(Console, out _)["one"];
        Assert.Contains("VmRSS", Assert.Throws<System.FormatException>(() => one.Number("VmRSS")).Message, System.StringComparison.Ordinal);
    }
}

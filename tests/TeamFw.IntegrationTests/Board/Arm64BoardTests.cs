// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Globalization;
using System.Linq;
using TeamFw.IntegrationTests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace TeamFw.IntegrationTests.Board;

/// <summary>
/// The linux-arm64 binary on an emulated ARM64 board (QEMU virt, Debian's arm64 kernel, BusyBox):
/// one boot for the class, one test per scenario (tests/board/scenarios/NAME.sh), each checked in the
/// guest and, for its figures, here. See README "Emulated boards".
/// </summary>
public sealed class Arm64BoardTests(Arm64Board board, ITestOutputHelper output) : IClassFixture<Arm64Board>
{
    /// <summary>The issue's target for the daemon with two ports on the board.</summary>
    private const long RssLimitKiB = 12 * 1024;

    [SkippableFact]
    public void Board_BootsArm64Kernel_RunsEveryScenario()
    {
        BoardRun run = board.Run;
        foreach (string step in board.Steps)
        {
            output.WriteLine(step);
        }

        output.WriteLine($"{run.Machine}: user space after {run.SecondsToUserSpace?.ToString("0.0", CultureInfo.InvariantCulture)} s, board.sh {run.Seconds.ToString("0.0", CultureInfo.InvariantCulture)} s");
        foreach (string name in Arm64Board.Scenarios)
        {
            BoardScenario s = run.Scenario(name);
            output.WriteLine($"  {name}: {s.Status} in {s.Seconds.ToString("0.0", CultureInfo.InvariantCulture)} s");
        }

        Assert.Equal("aarch64", run.Console.Split('\n').Single(static l => l.StartsWith("BOARD-BEGIN", StringComparison.Ordinal)).Split(' ').Single(static w => w.StartsWith("arch=", StringComparison.Ordinal))["arch=".Length..]);
    }

    [SkippableFact]
    public void ActiveBackup_ActivePortLosesCarrierUnderTraffic_FailsOverAndBack()
    {
        BoardScenario s = Passed("activebackup");
        long lost = s.Number("ping_lost"), sent = s.Number("ping_sent");
        output.WriteLine($"pings lost across the failover: {lost} of {sent}, 10 ms apart");
        // A sanity bound, not a speed target (make bench measures failover): the failover happened
        // within the run and traffic went on.
        Assert.True(lost < sent / 3, $"{lost} of {sent} pings lost across the failover");
    }

    [SkippableFact]
    public void Lacp_TeamfwToTeamfw_ConvergesAndCarriesTrafficOnBothLinks()
    {
        BoardScenario s = Passed("lacp");
        output.WriteLine($"both sides selected both ports {s.Number("converged_ms")} ms after the second daemon was up; frames sent on x1 {s.Number("tx_x1")}, x2 {s.Number("tx_x2")}");
        Assert.True(s.Number("tx_x1") > 0 && s.Number("tx_x2") > 0);
    }

    [SkippableFact]
    public void ControlSocket_CtlStateAndNlOptionsSetoption_AnswerAsTeamdctlAndTeamnl() => Passed("control");

    [SkippableFact]
    public void S39teamfw_StartStatusReloadStop_UnderBusyBoxSh() => Passed("s39");

    [SkippableFact]
    public void Stop_PortsChangedWhileTeamed_RestoredExactly() => Passed("restore");

    [SkippableFact]
    public void PeakRss_TwoPortsAfterTraffic_AtMost12MiB()
    {
        BoardScenario s = Passed("rss");
        long hwm = s.Number("VmHWM");
        output.WriteLine($"teamfw on arm64, two ports, default rings: VmHWM {hwm} KiB ({(hwm / 1024.0).ToString("0.00", CultureInfo.InvariantCulture)} MiB), VmRSS {s.Number("VmRSS")} KiB, VmSize {s.Number("VmSize")} KiB; frames sent on a1 {s.Number("tx_a1")}, a2 {s.Number("tx_a2")}");
        Assert.True(hwm <= RssLimitKiB, $"peak RSS {hwm} KiB > {RssLimitKiB} KiB");
        Assert.True(s.Number("tx_a1") > 0 && s.Number("tx_a2") > 0, "the traffic used both ports");
    }

    [SkippableFact]
    public void StructLayouts_AsArm64NativeAotLaysThemOut_MatchModelAndAarch64Gcc()
    {
        BoardScenario s = Passed("layout");
        BoardLayouts.Check(s, TeamFw.Native.Tests.Layout.Abi.Aarch64, output);
    }

    private BoardScenario Passed(string name)
    {
        BoardScenario s = board.Run.Scenario(name);
        output.WriteLine(s.ToString());
        if (s.Status == "skip")
        {
            Prerequisite.Missing($"scenario {name} skipped itself on the board: {s.Reason}");
        }

        Assert.True(s.Passed, s.ToString());
        return s;
    }
}

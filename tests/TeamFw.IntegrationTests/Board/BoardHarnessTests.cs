// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;
using System.IO;
using TeamFw.IntegrationTests.Infrastructure;
using TeamFw.IntegrationTests.Packaging;
using Xunit;
using Xunit.Sdk;

namespace TeamFw.IntegrationTests.Board;

/// <summary>
/// What a board test does when the board cannot be had: tests/board/board.sh names the missing
/// piece and exits 3, or times out; the test is then skipped with that reason, or fails under
/// CI=true. The machines here are the real aarch64 file with one line changed.
/// </summary>
public sealed class BoardHarnessTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("teamfw-board-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Boot_EmulatorMissing_MissingNamesProgramAndPackage()
    {
        string machine = Machine("QEMU=qemu-system-aarch64", "QEMU=qemu-system-teamfw-none");

        BoardRun run = BoardRun.Boot(machine, ["smoke"], []);

        Assert.Equal(BoardOutcome.Missing, run.Outcome);
        Assert.Contains("missing: program qemu-system-teamfw-none (Debian package qemu-system-arm)", run.Message, StringComparison.Ordinal);
        AssertSkippedOrFailedUnderCi(run, "qemu-system-teamfw-none");
    }

    [Fact]
    public void Boot_KernelPackageUnknown_MissingNamesIt()
    {
        string machine = Machine("KERNEL_PACKAGE=linux-image-arm64", "KERNEL_PACKAGE=linux-image-teamfw-none");

        // Offline: no apt-get update when apt does not know the package.
        BoardRun run = BoardRun.Boot(machine, ["smoke"], [], environment: new Dictionary<string, string?> { ["TEAMFW_BOARD_OFFLINE"] = "1" });

        Assert.Equal(BoardOutcome.Missing, run.Outcome);
        Assert.Contains("missing: kernel package: apt knows no linux-image-teamfw-none:arm64", run.Message, StringComparison.Ordinal);
        AssertSkippedOrFailedUnderCi(run, "linux-image-teamfw-none");
    }

    [SkippableFact]
    public void Boot_TimesOut_SkippedOrFailedUnderCi()
    {
        BoardRun run = BoardRun.Boot("aarch64", ["smoke"], [], timeoutSeconds: 1);
        if (run.Outcome == BoardOutcome.Missing)
        {
            Prerequisite.Missing(run.Message); // no kernel here: this test cannot reach the boot
        }

        Assert.Equal(BoardOutcome.TimedOut, run.Outcome);
        Assert.Contains("timeout: aarch64 did not finish in 1 s", run.Message, StringComparison.Ordinal);
        AssertSkippedOrFailedUnderCi(run, "timed out");
    }

    /// <summary>make's messages for what this machine or the registry lacks skip the arm64 board; a broken build fails it.</summary>
    [Theory]
    [InlineData("error: cannot build RID=linux-arm64 on this machine: NuGet packages runtime.linux-arm64.Microsoft.DotNet.ILCompiler (version 10.0.1); nothing was built", BoardOutcome.Missing)]
    [InlineData("error: missing packages: gcc-aarch64-linux-gnu\nrun: sudo apt-get install gcc-aarch64-linux-gnu", BoardOutcome.Missing)]
    [InlineData("error: apt-get install gcc-aarch64-linux-gnu failed", BoardOutcome.Missing)]
    [InlineData("src/TeamFw/Program.cs(3,1): error CS1002: ; expected", BoardOutcome.Failed)]
    [InlineData("make: *** [Makefile:71: out/linux-arm64/teamfw] Error 1", BoardOutcome.Failed)]
    public void Arm64Board_MakeFails_MissingOnlyForWhatIsMissing(string stderr, BoardOutcome expected)
        => Assert.Equal(expected, Arm64Board.MakeOutcome(stderr));

    private static void AssertSkippedOrFailedUnderCi(BoardRun run, string reason)
    {
        Exception e = Prerequisite.IsCi
            ? Assert.Throws<FailException>(() => run.Scenario("smoke"))
            : Assert.Throws<SkipTestException>(() => run.Scenario("smoke"));
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
    }

    /// <summary>tests/board/machines/aarch64.sh with one line replaced, as a file of this test.</summary>
    private string Machine(string line, string replacement)
    {
        string text = File.ReadAllText(Repo.Path("tests", "board", "machines", "aarch64.sh"));
        Assert.Contains(line + "\n", text, StringComparison.Ordinal);
        string path = Path.Combine(_dir, "aarch64.sh");
        File.WriteAllText(path, text.Replace(line + "\n", replacement + "\n", StringComparison.Ordinal));
        return path;
    }
}

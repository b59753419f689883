// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using TeamFw.IntegrationTests.Packaging;

namespace TeamFw.IntegrationTests.Board;

/// <summary>
/// The ARM64 board, booted once for <see cref="Arm64BoardTests"/> on first use: `make RID=linux-arm64`
/// (or TEAMFW_BOARD_BIN), the layout probe published for linux-arm64, then QEMU's virt machine with
/// Debian's arm64 kernel running every scenario. A build that stops because the registry or this
/// machine lacks something (build/check-cross.sh's message) is a missing prerequisite, as is a
/// kernel apt cannot fetch or a boot that times out.
/// </summary>
public sealed class Arm64Board
{
    public const string Rid = "linux-arm64";
    public const string Machine = "aarch64";

    /// <summary>tests/board/scenarios/NAME.sh, in the order the guest runs them.</summary>
    public static readonly string[] Scenarios = ["activebackup", "lacp", "control", "s39", "restore", "rss", "layout"];

    private readonly Lazy<BoardRun> _run;
    private readonly List<string> _steps = [];

    public Arm64Board()
    {
        _run = new Lazy<BoardRun>(Boot);
    }

    public BoardRun Run => _run.Value;

    /// <summary>What each step before and including the boot took.</summary>
    public IReadOnlyList<string> Steps => _steps;

    private BoardRun Boot()
    {
        string? bin = Environment.GetEnvironmentVariable("TEAMFW_BOARD_BIN");
        if (string.IsNullOrEmpty(bin))
        {
            var clock = Stopwatch.StartNew();
            var (code, stdout, stderr) = Repo.Run(Repo.Root, BoardCache.NoMake, "make", "RID=" + Rid);
            Step($"make RID={Rid}", clock);
            if (code != 0)
            {
                return BoardRun.NotBooted(Machine, MakeOutcome(stderr), $"make RID={Rid} exited {code}:\n{Tail(stdout + stderr)}");
            }

            bin = Repo.Path("out", Rid, "teamfw");
        }

        var probeClock = Stopwatch.StartNew();
        string? probe = LayoutProbe.Publish(Rid, out string errors);
        Step($"layout probe for {Rid}", probeClock);
        if (probe is null)
        {
            // NU1101/NU1102: a package the sources do not have.
            BoardOutcome outcome = errors.Contains("NU110", StringComparison.Ordinal) || errors.Contains("cannot build RID=", StringComparison.Ordinal) ? BoardOutcome.Missing : BoardOutcome.Failed;
            return BoardRun.NotBooted(Machine, outcome, $"publishing tests/TeamFw.LayoutProbe for {Rid} failed:\n{errors}");
        }

        var bootClock = Stopwatch.StartNew();
        BoardRun run = BoardRun.Boot(Machine, Scenarios,
        [
            (bin, "/usr/sbin/teamfw"),
            (probe, "/usr/bin/teamfw-layout-probe"),
            (Repo.Path("buildroot", "package", "teamfw", "S39teamfw"), "/etc/init.d/S39teamfw"),
        ]);
        Step($"board ({run.Outcome})", bootClock);
        return run;
    }

    /// <summary>make's own messages for what is missing (ensure_pkgs, build/check-cross.sh); anything else is a failed build.</summary>
    internal static BoardOutcome MakeOutcome(string stderr)
        => stderr.Split('\n').Any(static l => l.StartsWith("error: cannot build RID=", StringComparison.Ordinal)
            || l.StartsWith("error: missing packages:", StringComparison.Ordinal)
            || l.StartsWith("error: apt-get install", StringComparison.Ordinal))
            ? BoardOutcome.Missing
            : BoardOutcome.Failed;

    private void Step(string what, Stopwatch clock)
        => _steps.Add($"{what}: {clock.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s");

    private static string Tail(string text) => string.Join('\n', text.Split('\n').Where(static l => l.Length > 0).TakeLast(20));
}

// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using TeamFw.IntegrationTests.Infrastructure;
using TeamFw.IntegrationTests.Packaging;
using Xunit;

namespace TeamFw.IntegrationTests.Board;

/// <summary>How a boot of tests/board/board.sh ended (its exit status).</summary>
public enum BoardOutcome
{
    /// <summary>Every scenario ran (exit 0); each one's verdict is its RESULT line.</summary>
    Ran,

    /// <summary>A prerequisite is missing here (exit 3, or a build step found one missing).</summary>
    Missing,

    /// <summary>The run did not finish in its time (exit 124).</summary>
    TimedOut,

    /// <summary>The guest died before BOARD-END, or the harness failed (any other exit).</summary>
    Failed,
}

/// <summary>
/// One boot of an emulated machine with tests/board/board.sh (see the comment at its top for the
/// machines, the scenarios and the console protocol), and what its serial console said. Any machine
/// type works the same way: the tests of one machine boot it once (a class fixture) and read one
/// <see cref="BoardScenario"/> per test.
/// </summary>
public sealed class BoardRun
{
    private readonly Dictionary<string, BoardScenario> _scenarios;

    private BoardRun(string machine, BoardOutcome outcome, string message, string console, double seconds)
    {
        Machine = machine;
        Outcome = outcome;
        Message = message;
        Console = console;
        Seconds = seconds;
        _scenarios = BoardConsole.Parse(console, out double? userSpace);
        SecondsToUserSpace = userSpace;
    }

    public string Machine { get; }

    public BoardOutcome Outcome { get; }

    /// <summary>The harness's own lines ("board: " removed), or why the board was not booted.</summary>
    public string Message { get; }

    /// <summary>The serial console, carriage returns removed.</summary>
    public string Console { get; }

    /// <summary>Wall time of the boot, from starting board.sh to its exit.</summary>
    public double Seconds { get; }

    /// <summary>The guest's uptime when its /init started (kernel boot), if it got there.</summary>
    public double? SecondsToUserSpace { get; }

    public IReadOnlyDictionary<string, BoardScenario> Scenarios => _scenarios;

    /// <summary>
    /// Boots MACHINE (tests/board/machines/MACHINE.sh, or a machine file's path) and runs SCENARIOS
    /// in it. FILES go into the guest as (host path, guest path); MODULES are loaded besides the
    /// machine's own; ENVIRONMENT changes board.sh's (TEAMFW_BOARD_CACHE, TEAMFW_BOARD_OFFLINE); OUTDIR,
    /// when given, is shared with the guest (board.sh -o: scenario NAME writes to /board/out/NAME).
    /// </summary>
    public static BoardRun Boot(string machine, IEnumerable<string> scenarios, IEnumerable<(string Source, string Target)> files, IEnumerable<string>? modules = null, int timeoutSeconds = 200, int scenarioTimeoutSeconds = 60, IReadOnlyDictionary<string, string?>? environment = null, string? outDir = null)
    {
        var args = new List<string> { "-t", timeoutSeconds.ToString(CultureInfo.InvariantCulture), "-T", scenarioTimeoutSeconds.ToString(CultureInfo.InvariantCulture) };
        if (outDir is not null)
        {
            args.Add("-o");
            args.Add(outDir);
        }

        foreach ((string source, string target) in files)
        {
            args.Add("-f");
            args.Add(source + ":" + target);
        }

        foreach (string module in modules ?? [])
        {
            args.Add("-m");
            args.Add(module);
        }

        args.Add(machine);
        args.AddRange(scenarios);
        var clock = Stopwatch.StartNew();
        int code;
        string stdout, stderr;
        try
        {
            // board.sh's -t covers the boot; fetching the kernel (a cold cache) gets 300 s more.
            (code, stdout, stderr) = Repo.Run(Repo.Root, environment ?? new Dictionary<string, string?>(), timeoutSeconds + 300, Repo.Path("tests", "board", "board.sh"), [.. args]);
        }
        catch (TimeoutException e)
        {
            // Fetching and unpacking are not under board.sh's own timeout; Repo.Run's limit is.
            (code, stdout, stderr) = (124, string.Empty, e.Message);
        }

        BoardOutcome outcome = code switch
        {
            0 => BoardOutcome.Ran,
            3 => BoardOutcome.Missing,
            124 => BoardOutcome.TimedOut,
            _ => BoardOutcome.Failed,
        };
        string message = string.Join('\n', stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(static l => l.StartsWith("board: ", StringComparison.Ordinal) ? l["board: ".Length..] : l));
        message = message.Length > 0 ? message : $"board.sh exited {code}";
        return new BoardRun(machine, outcome, message, stdout, clock.Elapsed.TotalSeconds);
    }

    /// <summary>A board that was not booted because a step before it (a build) failed.</summary>
    public static BoardRun NotBooted(string machine, BoardOutcome outcome, string message)
        => new(machine, outcome, message, string.Empty, 0);

    /// <summary>
    /// The scenario's result for a test: a board that could not be had (missing prerequisite,
    /// timeout) skips the test, or fails it under CI=true; a guest that died, or a scenario with no
    /// RESULT, fails it.
    /// </summary>
    public BoardScenario Scenario(string name)
    {
        switch (Outcome)
        {
            case BoardOutcome.Missing:
                Prerequisite.Missing($"the {Machine} board: {Message}");
                break;
            case BoardOutcome.TimedOut:
                Prerequisite.Missing($"the {Machine} board timed out: {Message}\n{Tail()}");
                break;
            case BoardOutcome.Failed:
                Assert.Fail($"the {Machine} board failed: {Message}\n{Tail()}");
                break;
        }

        Assert.True(_scenarios.TryGetValue(name, out BoardScenario? scenario), $"the {Machine} board printed no RESULT for scenario {name}:\n{Tail()}");
        return scenario!;
    }

    private string Tail() => string.Join('\n', Console.Split('\n').TakeLast(40));
}

// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using TeamFw.IntegrationTests.Board;
using TeamFw.IntegrationTests.Infrastructure;
using TeamFw.IntegrationTests.Packaging;
using Xunit;

namespace TeamFw.IntegrationTests.Oracle;

/// <summary>
/// One boot of the oracle machine for the whole test run: tests/board/board.sh's x86_64 machine (QEMU q35,
/// Debian's amd64 kernel with the team driver and its five modes) with teamd, teamnl and teamdctl from
/// libteam-utils, the teamfw binary and the oracle's guest scripts (tests/oracle/guest), running every
/// scenario of <see cref="Scenarios"/>. Each scenario writes what it collected to a host directory shared
/// with the guest (board.sh -o); the tests in this folder compare the kernel world with the teamfw world.
/// A machine that cannot be had here (no QEMU, no kernel package, a timeout) skips them, or fails them
/// under CI=true.
/// </summary>
public sealed class OracleRun
{
    /// <summary>The runners whose netlink and state documents are compared (every teamd runner).</summary>
    public static readonly string[] Runners = ["broadcast", "roundrobin", "random", "activebackup", "loadbalance", "lacp"];

    /// <summary>
    /// LACP between teamd and teamfw (tests/oracle/guest/lacp.sh), teamd active unless named: the issue's
    /// four combinations, teamfw's runner.active × fast_rate, plus teamd passive with teamfw active; each
    /// start order seen at each rate (every scenario costs 5–6 s of the emulated machine, so `make test`
    /// does not run every order of every combination: `make oracle` does, with TEAMFW_ORACLE_LACP=all);
    /// the first also removes and re-adds a port on each side.
    /// </summary>
    public static readonly (string Name, string Vars)[] LacpScenarios =
        Environment.GetEnvironmentVariable("TEAMFW_ORACLE_LACP") == "all"
            ?
            [
                ("lacp-aa-fast-teamd", "TD=true FW=true FAST=true FIRST=teamd CHURN=1"),
                ("lacp-aa-fast-teamfw", "TD=true FW=true FAST=true FIRST=teamfw CHURN=1"),
                ("lacp-ap-fast-teamd", "TD=true FW=false FAST=true FIRST=teamd"),
                ("lacp-ap-fast-teamfw", "TD=true FW=false FAST=true FIRST=teamfw"),
                ("lacp-pa-fast-teamd", "TD=false FW=true FAST=true FIRST=teamd"),
                ("lacp-pa-fast-teamfw", "TD=false FW=true FAST=true FIRST=teamfw"),
                ("lacp-aa-slow-teamd", "TD=true FW=true FAST=false FIRST=teamd"),
                ("lacp-aa-slow-teamfw", "TD=true FW=true FAST=false FIRST=teamfw"),
                ("lacp-ap-slow-teamd", "TD=true FW=false FAST=false FIRST=teamd"),
                ("lacp-ap-slow-teamfw", "TD=true FW=false FAST=false FIRST=teamfw"),
            ]
            :
            [
                ("lacp-aa-fast-teamd", "TD=true FW=true FAST=true FIRST=teamd CHURN=1"),
                ("lacp-ap-fast-teamfw", "TD=true FW=false FAST=true FIRST=teamfw"),
                ("lacp-pa-fast-teamfw", "TD=false FW=true FAST=true FIRST=teamfw"),
                ("lacp-aa-slow-teamfw", "TD=true FW=true FAST=false FIRST=teamfw"),
                ("lacp-ap-slow-teamd", "TD=true FW=false FAST=false FIRST=teamd"),
            ];

    private static readonly Lazy<OracleRun> s_run = new(() => new OracleRun());
    private readonly string _dir;
    private readonly Dictionary<string, string> _files;

    private OracleRun()
    {
        RemoveStale();
        _dir = Directory.CreateTempSubdirectory($"{Prefix}{Environment.ProcessId}-").FullName;
        // teamfw's side of the config corpus runs here while the machine boots and runs (it waits on
        // the host's kernel, the machine on its emulated CPUs); done before the tests, so the run never
        // ends with its namespace still there.
        Task judging = Task.Run(OracleCorpus.JudgeTeamfw);
        try
        {
            Board = Boot();

            // What the scenarios wrote is a few MB of text: read at once, so nothing is left behind (the test
            // host is killed soon after the run, before a ProcessExit handler could remove it).
            _files = Directory.EnumerateFiles(_dir, "*", SearchOption.AllDirectories)
                .ToDictionary(f => Path.GetRelativePath(_dir, f), System.IO.File.ReadAllText, StringComparer.Ordinal);
        }
        finally
        {
            Directory.Delete(_dir, recursive: true);
        }

        try
        {
            judging.Wait();
        }
        catch (AggregateException)
        {
            // Kept by OracleCorpus's Lazy: every corpus test reports it.
        }
    }

    private const string Prefix = "teamfw-oracle-";

    /// <summary>The shared directories of earlier runs whose test process is gone (killed while the machine ran).</summary>
    private static void RemoveStale()
    {
        foreach (string d in Directory.GetDirectories(Path.GetTempPath(), Prefix + "*"))
        {
            string[] parts = Path.GetFileName(d)[Prefix.Length..].Split('-');
            if (int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int pid) && !Directory.Exists($"/proc/{pid}"))
            {
                Directory.Delete(d, recursive: true);
            }
        }
    }

    /// <summary>Every scenario, in the order the guest runs them.</summary>
    public static IEnumerable<string> Scenarios
        => new[] { "genl", "failover", "corpus" }.Concat(LacpScenarios.Select(l => l.Name));

    public BoardRun Board { get; }

    /// <summary>The machine's results; skips (or under CI fails) the test when it could not be booted here.</summary>
    public static OracleRun Get()
    {
        if (!Environment.IsPrivilegedProcess)
        {
            Prerequisite.Missing("the oracle needs root (teamfw's side of the config corpus runs in network namespaces)");
        }

        if (TeamfwProcess.BinaryPath is null)
        {
            Prerequisite.Missing("the teamfw binary was not found: run 'make' first or set TEAMFW_BIN");
        }

        if (!System.IO.File.Exists("/usr/bin/teamd"))
        {
            Prerequisite.Missing("teamd is missing: install Debian's libteam-utils (make test does)");
        }

        return s_run.Value;
    }

    /// <summary>The scenario's RESULT, which must be a pass.</summary>
    public BoardScenario Passed(string scenario)
    {
        BoardScenario s = Board.Scenario(scenario);
        Assert.True(s.Passed, s.ToString());
        return s;
    }

    /// <summary>
    /// The genl scenario's part for RUNNER (tests/oracle/guest/genl.sh runs every runner side by side), which
    /// must have passed: the name of the directory it wrote to (genl-RUNNER).
    /// </summary>
    public string Genl(string runner)
    {
        string[] verdict = Data("genl", runner);
        Assert.True(verdict[0] == "pass", $"genl {runner}: {string.Join(' ', verdict)}\n{Board.Scenario("genl")}");
        return "genl-" + runner;
    }

    /// <summary>A DATA line's words after the key.</summary>
    public string[] Data(string scenario, string key)
        => Board.Scenario(scenario).Values(key).LastOrDefault()?.Split(' ')
            ?? throw new Xunit.Sdk.XunitException($"{scenario}: no DATA {key} line\n{Board.Scenario(scenario)}");

    /// <summary>A file a scenario wrote to its $OUT (/board/out/DIR in the guest: the scenario's name, or genl-RUNNER).</summary>
    public string File(string dir, string name)
    {
        if (!_files.TryGetValue(Path.Combine(dir, name), out string? text))
        {
            string scenario = dir.StartsWith("genl-", StringComparison.Ordinal) ? "genl" : dir;
            Assert.Fail($"{dir} has no {name}\n{Board.Scenario(scenario)}");
        }

        return text;
    }

    private BoardRun Boot()
    {
        string guest = Repo.Path("tests", "oracle", "guest");
        string scenarios = Directory.CreateDirectory(Path.Combine(_dir, ".scenarios")).FullName;
        foreach ((string name, string vars) in LacpScenarios)
        {
            System.IO.File.WriteAllText(Path.Combine(scenarios, name + ".sh"), vars + " . /oracle/lacp.sh\n");
        }

        System.IO.File.WriteAllText(Path.Combine(scenarios, "genl.sh"), ". /oracle/genl.sh\n");
        System.IO.File.WriteAllText(Path.Combine(scenarios, "failover.sh"), ". /oracle/failover.sh\n");
        System.IO.File.WriteAllText(Path.Combine(scenarios, "corpus.sh"), ". /oracle/corpus.sh\n");
        string corpus = Path.Combine(scenarios, "corpus.tar");
        OracleCorpus.Pack(corpus);

        var files = new List<(string, string)> { (TeamfwProcess.BinaryPath!, "/usr/sbin/teamfw"), (corpus, "/oracle/corpus.tar") };
        files.AddRange(new[] { "teamd", "teamnl", "teamdctl" }.Select(t => ("/usr/bin/" + t, "/usr/bin/" + t)));
        files.AddRange(new[] { "oracle.sh", "genl.sh", "genl-one.sh", "corpus.sh", "failover.sh", "lacp.sh" }.Select(s => (Path.Combine(guest, s), "/oracle/" + s)));
        string[] modules = ["team", "team_mode_broadcast", "team_mode_roundrobin", "team_mode_random", "team_mode_activebackup", "team_mode_loadbalance"];
        return BoardRun.Boot("x86_64", Scenarios.Select(s => Path.Combine(scenarios, s + ".sh")), files, modules, timeoutSeconds: 900, scenarioTimeoutSeconds: 300, outDir: _dir);
    }
}

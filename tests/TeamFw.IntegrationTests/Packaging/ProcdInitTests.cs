// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using TeamFw.Cli;
using TeamFw.Config;
using TeamFw.Daemon;
using TeamFw.IntegrationTests.Infrastructure;
using TeamFw.Uci;
using Xunit;

namespace TeamFw.IntegrationTests.Packaging;

/// <summary>
/// The OpenWrt procd script (board/openwrt/teamfw/files/teamfw.init), without OpenWrt: sh -n, then
/// start_service, reload_service and service_triggers under BusyBox sh with the procd functions
/// stubbed to print their arguments and the real binary doing the UCI part. The command line procd
/// would run is then parsed by the daemon's own parser and loaded through the UCI translation.
/// </summary>
public sealed class ProcdInitTests : IDisposable
{
    private const string Stubs = """
        procd_open_instance() { echo open_instance; }
        procd_close_instance() { echo close_instance; }
        procd_set_param() { printf 'param'; printf ' [%s]' "$@"; echo; }
        procd_send_signal() { printf 'signal'; printf ' [%s]' "$@"; echo; }
        procd_add_reload_trigger() { printf 'reload_trigger'; printf ' [%s]' "$@"; echo; }
        start() { echo start; }
        . "$1"
        PIDFILE=${TEST_PIDFILE:-$PIDFILE}
        PROG=$2
        CONFIG=$3
        shift 3
        for f in "$@"; do "$f"; echo "$f returned $?"; done
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("teamfw-procd-").FullName;

    private static string Init => Repo.Path("board", "openwrt", "teamfw", "files", "teamfw.init");

    private static string Shipped => File.ReadAllText(Repo.Path("board", "openwrt", "teamfw", "files", "teamfw.config"));

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private (int Code, string[] Lines, string Stderr) Call(string config, params string[] functions)
        => CallWith(new Dictionary<string, string?>(), config, functions);

    /// <summary>The functions under BusyBox sh with <paramref name="env"/> (rc.common's action, opkg's PKG_UPGRADE, the pidfile).</summary>
    private (int Code, string[] Lines, string Stderr) CallWith(Dictionary<string, string?> env, string config, params string[] functions)
    {
        string path = Path.Combine(_dir, "teamfw");
        File.WriteAllText(path, config);
        string[] args = ["sh", "-c", Stubs, "sh", Init, TeamfwProcess.BinaryPath!, path, .. functions];
        var r = Repo.Run(_dir, env, "busybox", args);
        return (r.Code, r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries), r.Stderr);
    }

    /// <summary>"param [a] [b]" -> ["a", "b"].</summary>
    private static string[] Params(string[] lines, string name)
    {
        string line = Assert.Single(lines, l => l.StartsWith($"param [{name}]", StringComparison.Ordinal));
        return line["param ".Length..].Split("] [").Select(s => s.Trim('[', ']')).Skip(1).ToArray();
    }

    [Fact]
    public void Script_IsValidShell_ForDashAndBusyBox()
    {
        Assert.Equal(0, Repo.Run(_dir, new Dictionary<string, string?>(), "sh", "-n", Init).Code);
        Assert.Equal(0, Repo.Run(_dir, new Dictionary<string, string?>(), "busybox", "sh", "-n", Init).Code);
        string text = File.ReadAllText(Init);
        Assert.StartsWith("#!/bin/sh /etc/rc.common\n", text, StringComparison.Ordinal);
        Assert.Contains("\nSTART=14\n", text, StringComparison.Ordinal);
        Assert.Contains("\nUSE_PROCD=1\n", text, StringComparison.Ordinal);
    }

    [BinaryFact]
    public void StartService_ShippedDisabled_RegistersNothing()
    {
        var (code, lines, stderr) = Call(Shipped, "start_service");
        Assert.True(code == 0, stderr);
        Assert.Equal(["start_service returned 0"], lines);
    }

    [BinaryFact]
    public void StartService_Enabled_CommandLineRunsTheUciTeams_NetdevListsThePorts()
    {
        string config = Shipped.Replace("option enabled '0'", "option enabled '1'", StringComparison.Ordinal)
            + "\nconfig team 'team1'\n\toption policy 'broadcast'\n\toption ports 'eth7 eth8'\n";
        var (code, lines, stderr) = Call(config, "start_service");
        Assert.True(code == 0, stderr);
        Assert.Equal("open_instance", lines[0]);
        Assert.Equal(["close_instance", "start_service returned 0"], lines[^2..]);
        Assert.Equal(["lan3", "lan4", "eth7", "eth8"], Params(lines, "netdev"));
        Assert.Equal(["3600", "1", "5"], Params(lines, "respawn")); // back within a second after a crash
        Assert.Equal(["HUP"], Params(lines, "reload_signal"));
        Assert.Equal(["/var/run/teamfw.pid"], Params(lines, "pidfile"));
        Assert.Equal(["1"], Params(lines, "stderr"));

        string[] command = Params(lines, "command");
        Assert.Equal(TeamfwProcess.BinaryPath, command[0]);
        DaemonOptions o = DaemonCommand.Parse(command[1..]);
        Assert.Empty(o.Files);
        var warnings = new List<string>();
        List<TeamConfig> teams = UciTranslator.LoadConfigs(o.UciFile!, warnings.Add);
        Assert.Empty(warnings);
        Assert.Equal([("team0", "activebackup"), ("team1", "broadcast")], teams.Select(t => (t.Device, t.Runner.Name)));
        Assert.Equal(["lan3", "lan4"], teams[0].Ports.Select(p => p.Name));
    }

    [BinaryFact]
    public void StartService_BrokenConfig_SaysWhereAndStartsNothing()
    {
        var (_, lines, stderr) = Call("config team 'team0'\n\toption policy 'balance-tlb'\n", "start_service");
        Assert.Equal(["start_service returned 1"], lines);
        Assert.Contains("/teamfw:2: teamfw.team0.policy: policy \"balance-tlb\"", stderr, StringComparison.Ordinal);
    }

    [BinaryFact]
    public void Reload_SendsHupThenStarts_TriggerIsUciCommitOfTeamfw()
    {
        var (code, lines, stderr) = Call(Shipped, "reload_service", "service_triggers");
        Assert.True(code == 0, stderr);
        Assert.Equal(["signal [teamfw] [*] [HUP]", "start", "reload_service returned 0", "reload_trigger [teamfw]", "service_triggers returned 0"], lines);
    }

    /// <summary>
    /// rc.common's stop runs stop_service, then procd_kill (SIGTERM, every port restored). On a restart and on
    /// an opkg upgrade, stop_service first makes the daemon exit with SIGUSR2, leaving the teams to the next one.
    /// </summary>
    [NetnsFact]
    public void StopService_OnRestartOrUpgrade_LeavesTheTeamsToTheNextDaemon()
    {
        using var topo = new Topology();
        PortState a1 = PortState.Read(topo.Host, "a1");
        string pidFile = Path.Combine(_dir, "teamfw.pid");
        using var d = TeamfwProcess.Start(topo.Host, "{\"device\":\"team0\",\"ports\":{\"a1\":{}}}", "-p", pidFile);
        Dictionary<string, string?> Env(string action, string? upgrade = null) => new() { ["action"] = action, ["PKG_UPGRADE"] = upgrade, ["TEST_PIDFILE"] = pidFile };

        var (code, lines, stderr) = CallWith(Env("stop"), Shipped, "stop_service");
        Assert.True(code == 0, stderr);
        Assert.Equal(["stop_service returned 0"], lines);
        Assert.False(d.HasExited, "a plain stop is procd's SIGTERM, not stop_service's");

        (code, lines, stderr) = CallWith(Env("restart"), Shipped, "stop_service");
        Assert.True(code == 0, stderr);
        Assert.Equal(["stop_service returned 0"], lines);
        Assert.True(d.HasExited, "stop_service returns once the daemon is gone");
        Assert.Equal(0, d.Stop());
        Assert.Contains("received SIGUSR2", d.Log, StringComparison.Ordinal);
        Assert.True(Daemonized.LinkExists(topo.Host, "team0") && Daemonized.Enslaved(topo.Host, "a1"), "team0 and a1 stay for the next daemon");

        using TeamfwProcess upgraded = d.StartAgain();
        Assert.Contains("team0: taken back from the previous daemon", upgraded.Log, StringComparison.Ordinal);
        (code, _, stderr) = CallWith(Env("stop", upgrade: "1"), Shipped, "stop_service");
        Assert.True(code == 0, stderr);
        Assert.True(upgraded.HasExited);
        Assert.True(Daemonized.LinkExists(topo.Host, "team0"));

        using TeamfwProcess last = d.StartAgain();
        Assert.Equal(0, last.Stop());
        Assert.Equal(a1, PortState.Read(topo.Host, "a1"));
        Assert.False(Daemonized.LinkExists(topo.Host, "team0"));
    }
}

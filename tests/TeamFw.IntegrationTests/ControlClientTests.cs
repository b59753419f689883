// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.IO;
using TeamFw.IntegrationTests.Infrastructure;
using Xunit;

namespace TeamFw.IntegrationTests;

/// <summary>The clients' exit codes and lines, and the socket's rules, against the real binary.</summary>
public sealed class ControlClientTests
{
    private const string Config = "{\"device\":\"team0\",\"runner\":{\"name\":\"activebackup\"},\"ports\":{\"a1\":{\"prio\":9},\"a2\":{}}}";

    [NetnsFact]
    public void NoDaemon_ExitThree_OneLine()
    {
        using var topo = new Topology();
        foreach (string tool in new[] { "nl", "ctl", "stats" })
        {
            string[] args = tool == "stats" ? [tool, "-S", "/nonexistent/t.sock"] : [tool, "-S", "/nonexistent/t.sock", "team0", tool == "nl" ? "ports" : "state"];
            var (code, output) = TeamfwProcess.RunToExit(topo.Host, args);
            Assert.Equal(3, code);
            Assert.Single(output.Trim().Split('\n'));
            Assert.Contains("cannot reach the teamfw daemon", output, StringComparison.Ordinal);
        }
    }

    [NetnsFact]
    public void Clients_OutputLikeTeamnlAndTeamdctl()
    {
        using var topo = new Topology();
        using var d = TeamfwProcess.Start(topo.Host, Config);
        string S = d.SocketPath;
        string ports = TeamfwProcess.RunToExit(topo.Host, "nl", "-S", S, "team0", "ports").Output;
        Assert.Matches(@"(?m)^ \d+: a2: up 10000Mbit FD $", ports);
        string options = TeamfwProcess.RunToExit(topo.Host, "nl", "-S", S, "team0", "opt").Output;
        Assert.Contains(" enabled (port:a1) true \n", options, StringComparison.Ordinal);
        Assert.Contains(" mode activebackup \n", options, StringComparison.Ordinal);
        Assert.Equal("9", TeamfwProcess.RunToExit(topo.Host, "nl", "-S", S, "-p", "a1", "team0", "getoption", "priority").Output.Trim());

        var notPort = TeamfwProcess.RunToExit(topo.Host, "nl", "-S", S, "-p", "lo", "team0", "getoption", "priority");
        Assert.Equal(1, notPort.Code);
        Assert.Contains("Netdevice \"lo\" is not port of this team.", notPort.Output, StringComparison.Ordinal);
        var busy = TeamfwProcess.RunToExit(topo.Host, "nl", "-S", S, "team0", "setoption", "mode", "roundrobin");
        Assert.Equal(1, busy.Code);
        Assert.Contains("Command failed: Device or resource busy", busy.Output, StringComparison.Ordinal);

        string view = TeamfwProcess.RunToExit(topo.Host, "ctl", "-S", S, "team0", "state", "view").Output;
        Assert.Contains("setup:\n  runner: activebackup\nports:\n  a1\n    link watches:\n      link summary: up\n", view, StringComparison.Ordinal);
        Assert.Contains("runner:\n  active port: a1\n", view, StringComparison.Ordinal);
        string dump = TeamfwProcess.RunToExit(topo.Host, "ctl", "-S", S, "team0", "state", "dump").Output;
        Assert.StartsWith("{\n    \"ports\": {\n", dump, StringComparison.Ordinal);
        string config = TeamfwProcess.RunToExit(topo.Host, "ctl", "-S", S, "-o", "team0", "config", "dump", "noports").Output;
        Assert.StartsWith("{\"debug_level\": 0, \"device\": \"team0\", ", config, StringComparison.Ordinal);
        Assert.DoesNotContain("\"ports\"", config, StringComparison.Ordinal);
        Assert.Equal(0, TeamfwProcess.RunToExit(topo.Host, "ctl", "-S", S, "team0", "port", "present", "a2").Code);
        Assert.Equal(1, TeamfwProcess.RunToExit(topo.Host, "ctl", "-S", S, "team0", "port", "present", "b9").Code);

        Assert.Equal(0, TeamfwProcess.RunToExit(topo.Host, "ctl", "-S", S, "team0", "port", "config", "update", "a2", "{\"prio\":50}").Code);
        Assert.Contains("\"prio\": 50", TeamfwProcess.RunToExit(topo.Host, "ctl", "-S", S, "team0", "port", "config", "dump", "a2").Output, StringComparison.Ordinal);
        Assert.Equal("a2", TeamfwProcess.RunToExit(topo.Host, "ctl", "-S", S, "team0", "state", "item", "get", "runner.active_port").Output.Trim());
        Assert.Equal(0, TeamfwProcess.RunToExit(topo.Host, "ctl", "-S", S, "team0", "port", "remove", "a1").Code);
        Assert.Equal(0, TeamfwProcess.RunToExit(topo.Host, "ctl", "-S", S, "team0", "port", "add", "a1").Code);

        string stats = TeamfwProcess.RunToExit(topo.Host, "stats", "-S", S, "--json").Output;
        Assert.Contains("\"team0\":{\"ifindex\":", stats, StringComparison.Ordinal);
        Assert.Contains("\"a1\":{\"ifindex\":", stats, StringComparison.Ordinal);
        Assert.Equal(0, d.Stop());
    }

    /// <summary>
    /// teamfw nl's own flags: a batch on one connection with --raw datagrams and "= ERRNO" per command, -t
    /// sending what teamnl never would (the daemon judges it, as a kernel does), -K refused on a team that
    /// is not a kernel team device, -K with -S a usage error.
    /// </summary>
    [NetnsFact]
    public void Nl_RawBatch_TypedSet_KernelFlag()
    {
        using var topo = new Topology();
        using var d = TeamfwProcess.Start(topo.Host, Config);
        string batch = Path.Combine(Path.GetTempPath(), $"teamfw-nl-{Environment.ProcessId}.batch");
        File.WriteAllText(batch, "# comment\nsetoption notify_peers_count 3\ngetoption notify_peers_count\n-t u32 setoption nosuch 1\n-t 99 setoption mode 1\n-p a2 setoption queue_id 16\nports\n");
        try
        {
            var r = TeamfwProcess.RunToExit(topo.Host, "nl", "-S", d.SocketPath, "--raw", "-b", batch, "team0");
            Assert.Equal(1, r.Code);
            string[] lines = r.Output.Split('\n');
            int At(string header) => Array.IndexOf(lines, header);
            Assert.True(At("> setoption notify_peers_count 3") >= 0, r.Output);
            Assert.StartsWith("2400000002000001", lines[At("> setoption notify_peers_count 3") + 1], StringComparison.Ordinal); // a capped ack
            Assert.Equal("= 0", lines[At("> setoption notify_peers_count 3") + 2]);
            Assert.Equal(["3", "= 0"], lines[(At("> getoption notify_peers_count") + 1)..(At("> getoption notify_peers_count") + 3)]);
            Assert.Equal("= -2", lines[At("> -t u32 setoption nosuch 1") + 2]);
            Assert.Equal("= 0", lines[At("> -t 99 setoption mode 1") + 2]); // an unknown TYPE ends the request with 0, as the kernel's
            Assert.Equal("= -22", lines[At("> -p a2 setoption queue_id 16") + 2]);
            Assert.Contains("Command failed: Invalid argument", r.Output, StringComparison.Ordinal);
            Assert.Matches("^[0-9a-f]+$", lines[At("> ports") + 1]);
        }
        finally
        {
            File.Delete(batch);
        }

        var kernel = TeamfwProcess.RunToExit(topo.Host, "nl", "-K", "team0", "ports");
        Assert.Equal(1, kernel.Code);
        Assert.Contains("Netdevice \"team0\" is not a kernel team device (its kind is \"veth\").", kernel.Output, StringComparison.Ordinal);
        Assert.Equal(2, TeamfwProcess.RunToExit(topo.Host, "nl", "-K", "-S", d.SocketPath, "team0", "ports").Code);
        Assert.Equal(0, d.Stop());
    }

    /// <summary>
    /// user_linkup shows the link watchers' verdict, ethtool's too, as teamd writes it (the kernel oracle showed
    /// true where teamfw said false); an operator's value stays until the verdict changes.
    /// user_linkup_enabled makes user_linkup the verdict: activebackup leaves a1, and returns when it is off.
    /// </summary>
    [NetnsFact]
    public void UserLinkup_FeedsTheLinkVerdict_RunnerFollows()
    {
        using var topo = new Topology();
        using var d = TeamfwProcess.Start(topo.Host, Config);
        string S = d.SocketPath;
        string Active() => TeamfwProcess.RunToExit(topo.Host, "ctl", "-S", S, "team0", "state", "item", "get", "runner.active_port").Output.Trim();
        Assert.Equal("a1", Active());
        string UserLinkup(string port) => TeamfwProcess.RunToExit(topo.Host, "nl", "-S", S, "-p", port, "team0", "getoption", "user_linkup").Output.Trim();
        Assert.Equal("true", UserLinkup("a1"));
        Assert.Equal("true", UserLinkup("a2"));

        Assert.Equal(0, TeamfwProcess.RunToExit(topo.Host, "nl", "-S", S, "-p", "a1", "team0", "setoption", "user_linkup", "false").Code);
        Assert.Equal("a1", Active());
        Assert.Equal("false", UserLinkup("a1"));
        Assert.Equal(0, TeamfwProcess.RunToExit(topo.Host, "nl", "-S", S, "-p", "a1", "team0", "setoption", "user_linkup_enabled", "true").Code);
        Assert.Equal("a2", Active());
        Assert.Equal("false", TeamfwProcess.RunToExit(topo.Host, "ctl", "-S", S, "team0", "state", "item", "get", "ports.a1.link_watches.up").Output.Trim());

        Assert.Equal(0, TeamfwProcess.RunToExit(topo.Host, "nl", "-S", S, "-p", "a1", "team0", "setoption", "user_linkup", "true").Code);
        Assert.Equal("a1", Active());
        Assert.Equal(0, TeamfwProcess.RunToExit(topo.Host, "nl", "-S", S, "-p", "a1", "team0", "setoption", "user_linkup", "false").Code);
        Assert.Equal("a2", Active());
        Assert.Equal(0, TeamfwProcess.RunToExit(topo.Host, "nl", "-S", S, "-p", "a1", "team0", "setoption", "user_linkup_enabled", "false").Code);
        Assert.Equal("a1", Active());
        Assert.Equal(0, d.Stop());
    }

    [NetnsFact]
    public void Socket_Mode0660_LiveRefused_StaleReplaced_NonRootNeedsTheGroup()
    {
        using var topo = new Topology();
        using var d = TeamfwProcess.Start(topo.Host, Config);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite, File.GetUnixFileMode(d.SocketPath));

        var second = TeamfwProcess.RunToExit(topo.Host, "-S", d.SocketPath);
        Assert.Equal(1, second.Code);
        Assert.Contains("another teamfw daemon is running", second.Output, StringComparison.Ordinal);

        // Unprivileged: the socket admits anyone here, but admin commands want uid 0 or the socket's group.
        File.SetUnixFileMode(Path.GetDirectoryName(d.SocketPath)!, (UnixFileMode)0x1ed);
        File.SetUnixFileMode(d.SocketPath, (UnixFileMode)0x1b6);
        string bin = TeamfwProcess.BinaryPath!;
        var options = Cmd.TryInNs(topo.Host, "setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", bin, "nl", "-S", d.SocketPath, "team0", "options");
        Assert.True(options.Code == 1, options.Stderr);
        Assert.Contains("Command failed: Operation not permitted", options.Stderr, StringComparison.Ordinal);
        var state = Cmd.TryInNs(topo.Host, "setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", bin, "ctl", "-S", d.SocketPath, "team0", "state");
        Assert.True(state.Code == 0, state.Stderr);

        // A daemon killed hard leaves its socket; the next one replaces it.
        Cmd.Run("kill", "-9", d.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture));
        for (int i = 0; i < 100 && !d.HasExited; i++)
        {
            System.Threading.Thread.Sleep(20);
        }

        Assert.True(File.Exists(d.SocketPath));
        Cmd.TryInNs(topo.Host, "ip", "link", "del", "team0");
        using var again = TeamfwProcess.Start(topo.Host, Config, "-S", d.SocketPath);
        Assert.Contains("control socket " + d.SocketPath, again.Log, StringComparison.Ordinal);
        Assert.Equal(0, TeamfwProcess.RunToExit(topo.Host, "nl", "-S", d.SocketPath, "team0", "ports").Code);
        Assert.Equal(0, again.Stop());
    }
}

// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Globalization;
using System.IO;
using TeamFw.IntegrationTests.Infrastructure;
using Xunit;

namespace TeamFw.IntegrationTests.Packaging;

/// <summary>
/// buildroot/package/teamfw/S39teamfw as BusyBox init runs it: BusyBox sh with BusyBox's applets
/// (start-stop-daemon, sleep, ...) first on PATH, the built binary, inside the test namespace.
/// The script's /etc/default/teamfw is a file of the test, bind-mounted over /etc/default in a
/// private mount namespace of each call; it points the script at the binary, a config directory
/// and a pidfile of the test.
/// </summary>
public sealed class BusyBoxInitTests
{
    private static readonly string s_script = Repo.Path("buildroot", "package", "teamfw", "S39teamfw");

    private sealed class Env : IDisposable
    {
        public Env(string ns)
        {
            Ns = ns;
            Dir = Directory.CreateTempSubdirectory("teamfw-s39-").FullName;
            Bin = Directory.CreateDirectory(Path.Combine(Dir, "bin")).FullName;
            Conf = Directory.CreateDirectory(Path.Combine(Dir, "conf")).FullName;
            string defaults = Directory.CreateDirectory(Path.Combine(Dir, "default")).FullName;
            PidFile = Path.Combine(Dir, "teamfw.pid");
            Cmd.Run("busybox", "--install", "-s", Bin);
            // start-stop-daemon --exec compares /proc/PID/exe: give it the real path.
            string binary = new FileInfo(TeamfwProcess.BinaryPath!).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? Path.GetFullPath(TeamfwProcess.BinaryPath!);
            File.WriteAllText(Path.Combine(defaults, "teamfw"),
                $"TEAMFW_BIN=\"{binary}\"\nTEAMFW_CONFDIR=\"{Conf}\"\nPIDFILE=\"{PidFile}\"\nTEAMFW_ARGS=\"-S {Dir}/teamfw.sock\"\n");
        }

        public string Ns { get; }

        public string Dir { get; }

        public string Bin { get; }

        public string Conf { get; }

        public string PidFile { get; }

        public (int Code, string Output) Run(string action)
        {
            const string Inner = "mount --bind \"$0/default\" /etc/default && PATH=\"$0/bin:$PATH\" exec busybox sh \"$1\" \"$2\"";
            var r = Cmd.RunFull("ip", ["netns", "exec", Ns, "unshare", "--mount", "--propagation", "private", "sh", "-c", Inner, Dir, s_script, action], check: false);
            return (r.Code, r.Stdout + r.Stderr);
        }

        public void Dispose()
        {
            Daemonized.Kill(PidFile);
            Directory.Delete(Dir, recursive: true);
        }
    }

    private static string Team(params string[] ports)
        => "{\"device\":\"team0\",\"runner\":{\"name\":\"roundrobin\"},\"ports\":{" + string.Join(',', Array.ConvertAll(ports, p => $"\"{p}\":{{}}")) + "}}";

    [NetnsFact]
    public void S39_StartStatusReloadStop_TeamAppearsReloadsAndGoes_PortsRestored()
    {
        using var topo = new Topology();
        PortState a1 = PortState.Read(topo.Host, "a1"), a2 = PortState.Read(topo.Host, "a2");
        using var env = new Env(topo.Host);
        File.WriteAllText(Path.Combine(env.Conf, "team0.conf"), Team("a1"));

        var (code, output) = env.Run("start");
        Assert.True(code == 0, output);
        Assert.Equal("Starting teamfw: OK", output.Trim());
        Assert.True(Daemonized.LinkExists(topo.Host, "team0"), "team0 exists when start returns");
        Assert.True(Daemonized.Enslaved(topo.Host, "a1"));
        int pid = Daemonized.Pid(env.PidFile);

        (code, output) = env.Run("status");
        Assert.Equal(0, code);
        Assert.Equal($"teamfw is running (pid {pid.ToString(CultureInfo.InvariantCulture)})", output.Trim());

        (code, output) = env.Run("start");
        Assert.NotEqual(0, code);
        Assert.Equal("Starting teamfw: FAIL", output.Trim()); // start-stop-daemon: already running

        File.WriteAllText(Path.Combine(env.Conf, "team0.conf"), Team("a1", "a2"));
        PortState a1During = PortState.Read(topo.Host, "a1");
        (code, output) = env.Run("reload");
        Assert.True(code == 0, output);
        Assert.Equal("Reloading teamfw: OK", output.Trim());
        Assert.True(Daemonized.WaitFor(() => Daemonized.Enslaved(topo.Host, "a2")), "a2 joins on reload");
        Assert.Equal(a1During, PortState.Read(topo.Host, "a1"));
        Assert.Equal(pid, Daemonized.Pid(env.PidFile));

        (code, output) = env.Run("stop");
        Assert.True(code == 0, output);
        Assert.Equal("Stopping teamfw: OK", output.Trim());
        Assert.False(Daemonized.Alive(pid), "stop returns once the daemon is gone");
        Assert.False(File.Exists(env.PidFile));
        Assert.False(Daemonized.LinkExists(topo.Host, "team0"));
        Assert.Equal(a1, PortState.Read(topo.Host, "a1"));
        Assert.Equal(a2, PortState.Read(topo.Host, "a2"));

        (code, output) = env.Run("status");
        Assert.Equal(3, code);
        Assert.Equal("teamfw is not running", output.Trim());
    }

    [NetnsFact]
    public void S39_Start_BadConfigOrNoConfig_SaysSoAndChangesNothing()
    {
        using var topo = new Topology(peerBridge: false);
        PortState a1 = PortState.Read(topo.Host, "a1");
        using var env = new Env(topo.Host);

        var (code, output) = env.Run("start");
        Assert.Equal(0, code);
        Assert.Equal($"Starting teamfw: SKIP (no {env.Conf}/*.conf)", output.Trim());

        File.WriteAllText(Path.Combine(env.Conf, "team0.conf"), "{\"device\":\"team0\",\"runner\":{\"name\":\"nonsense\"},\"ports\":{\"a1\":{}}}");
        (code, output) = env.Run("start");
        Assert.Equal(2, code);
        Assert.Contains("team0.conf: $.runner.name: unknown runner \"nonsense\"", output, StringComparison.Ordinal);
        Assert.Contains("Starting teamfw: FAIL", output, StringComparison.Ordinal);
        Assert.False(Daemonized.LinkExists(topo.Host, "team0"));
        Assert.Equal(a1, PortState.Read(topo.Host, "a1"));

        (code, output) = env.Run("bogus");
        Assert.Equal(1, code);
        Assert.Contains("Usage:", output, StringComparison.Ordinal);
    }

    [NetnsFact]
    public void S39_Restart_TheNewDaemonTakesTheTeamBack_NoPortGoesDown()
    {
        using var topo = new Topology();
        PortState a1 = PortState.Read(topo.Host, "a1"), a2 = PortState.Read(topo.Host, "a2");
        using var env = new Env(topo.Host);
        File.WriteAllText(Path.Combine(env.Conf, "team0.conf"), Team("a1", "a2"));
        var (code, output) = env.Run("restart"); // not running: a restart is a start
        Assert.True(code == 0, output);
        Assert.Equal("Starting teamfw: OK", output.Trim());
        topo.TeamUp();
        Assert.True(topo.WaitForPing(3), topo.LastPing);
        int pid = Daemonized.Pid(env.PidFile);
        int ifIndex = Cmd.Link(topo.Host, "team0").GetProperty("ifindex").GetInt32();
        int flaps = RestartTests.CarrierChanges(topo.Peer, "b1") + RestartTests.CarrierChanges(topo.Peer, "b2");

        (code, output) = env.Run("restart");

        Assert.True(code == 0, output);
        Assert.Equal("Stopping teamfw (teams kept): OK\nStarting teamfw: OK", output.Trim());
        Assert.False(Daemonized.Alive(pid));
        Assert.NotEqual(pid, Daemonized.Pid(env.PidFile));
        Assert.Equal(ifIndex, Cmd.Link(topo.Host, "team0").GetProperty("ifindex").GetInt32());
        Assert.Equal(flaps, RestartTests.CarrierChanges(topo.Peer, "b1") + RestartTests.CarrierChanges(topo.Peer, "b2"));
        Assert.True(topo.WaitForPing(1), topo.LastPing);

        (code, output) = env.Run("stop");
        Assert.True(code == 0, output);
        Assert.Equal(a1, PortState.Read(topo.Host, "a1"));
        Assert.Equal(a2, PortState.Read(topo.Host, "a2"));
        Assert.False(Daemonized.LinkExists(topo.Host, "team0"));
        Assert.False(File.Exists(Path.Combine(env.Dir, "teamfw.state")), "a clean stop leaves no state file");
    }
}

// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Globalization;
using System.IO;
using TeamFw.IntegrationTests.Infrastructure;
using Xunit;

namespace TeamFw.IntegrationTests.Packaging;

/// <summary>
/// teamfw --uci FILE in a namespace: what the procd service runs. SIGHUP (reload_service) re-reads
/// the file: a port added to the list joins without touching the other, a disabled team goes away
/// with its ports restored.
/// </summary>
public sealed class UciDaemonTests
{
    private static string Uci(string enabled, params string[] ports)
        => $"config team 'team0'\n\toption enabled '{enabled}'\n\toption policy 'active-backup'\n\toption primary 'a1'\n"
           + string.Concat(Array.ConvertAll(ports, p => $"\tlist ports '{p}'\n"));

    [NetnsFact]
    public void UciDaemon_HupAppliesPortChangesAndDisable_PortsRestored()
    {
        using var topo = new Topology();
        PortState a1 = PortState.Read(topo.Host, "a1"), a2 = PortState.Read(topo.Host, "a2");
        string dir = Directory.CreateTempSubdirectory("teamfw-uci-").FullName;
        string uci = Path.Combine(dir, "teamfw"), pidFile = Path.Combine(dir, "teamfw.pid");
        try
        {
            File.WriteAllText(uci, Uci("1", "a1"));
            var (code, output) = TeamfwProcess.RunToExit(topo.Host, "-d", "-p", pidFile, "--uci", uci, "-S", Path.Combine(dir, "sock"));
            Assert.True(code == 0, output);
            int pid = Daemonized.Pid(pidFile);
            Assert.True(Daemonized.LinkExists(topo.Host, "team0"));
            Assert.True(Daemonized.Enslaved(topo.Host, "a1"));
            PortState a1During = PortState.Read(topo.Host, "a1");

            File.WriteAllText(uci, Uci("1", "a1", "a2"));
            Cmd.Run("kill", "-HUP", pid.ToString(CultureInfo.InvariantCulture));
            Assert.True(Daemonized.WaitFor(() => Daemonized.Enslaved(topo.Host, "a2")), "a2 joins after SIGHUP");
            Assert.Equal(a1During, PortState.Read(topo.Host, "a1"));
            Assert.True(Daemonized.Alive(pid));

            File.WriteAllText(uci, Uci("0", "a1", "a2"));
            Cmd.Run("kill", "-HUP", pid.ToString(CultureInfo.InvariantCulture));
            Assert.True(Daemonized.WaitFor(() => !Daemonized.LinkExists(topo.Host, "team0")), "a disabled team goes away");
            Assert.Equal(a1, PortState.Read(topo.Host, "a1"));
            Assert.Equal(a2, PortState.Read(topo.Host, "a2"));

            Cmd.Run("kill", "-TERM", pid.ToString(CultureInfo.InvariantCulture));
            Assert.True(Daemonized.WaitFor(() => !Daemonized.Alive(pid)), "exits on SIGTERM");
        }
        finally
        {
            Daemonized.Kill(pidFile);
            Directory.Delete(dir, recursive: true);
        }
    }

    [NetnsFact]
    public void UciDaemon_NoEnabledTeam_ExitsTwoSayingSo()
    {
        using var topo = new Topology(peerBridge: false);
        string dir = Directory.CreateTempSubdirectory("teamfw-uci-").FullName;
        try
        {
            string uci = Path.Combine(dir, "teamfw");
            File.WriteAllText(uci, Uci("0", "a1"));
            var (code, output) = TeamfwProcess.RunToExit(topo.Host, "--uci", uci);
            Assert.Equal(2, code);
            Assert.Contains($"{uci}: no enabled team", output, StringComparison.Ordinal);
            Assert.False(Daemonized.LinkExists(topo.Host, "team0"));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}

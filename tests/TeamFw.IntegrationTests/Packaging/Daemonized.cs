// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Globalization;
using System.IO;
using System.Threading;
using TeamFw.IntegrationTests.Infrastructure;

namespace TeamFw.IntegrationTests.Packaging;

/// <summary>Waiting helpers for daemons the tests start with -d (no log to read: it goes to syslog).</summary>
internal static class Daemonized
{
    public static int Pid(string pidFile) => int.Parse(File.ReadAllText(pidFile).Trim(), CultureInfo.InvariantCulture);

    public static bool Alive(int pid) => File.Exists($"/proc/{pid}/stat") && !File.ReadAllText($"/proc/{pid}/stat").Split(") ")[1].StartsWith('Z');

    /// <summary>Polls every 20 ms until <paramref name="condition"/> holds; false after <paramref name="seconds"/>.</summary>
    public static bool WaitFor(Func<bool> condition, double seconds = 5)
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            Thread.Sleep(20);
        }

        return true;
    }

    public static bool LinkExists(string ns, string dev) => Cmd.Try("ip", "-n", ns, "link", "show", "dev", dev).Code == 0;

    /// <summary>teamfw has the port (it sets arp_ignore 8 on ports only; SPEC §4).</summary>
    public static bool Enslaved(string ns, string port) => PortState.Read(ns, port).ArpIgnore == "8";

    /// <summary>Test cleanup: a daemon left running is killed (SIGTERM, then SIGKILL after 5 s).</summary>
    public static void Kill(string pidFile)
    {
        if (!File.Exists(pidFile))
        {
            return;
        }

        int pid = Pid(pidFile);
        if (Alive(pid))
        {
            Cmd.Try("kill", "-TERM", pid.ToString(CultureInfo.InvariantCulture));
            if (!WaitFor(() => !Alive(pid)))
            {
                Cmd.Try("kill", "-KILL", pid.ToString(CultureInfo.InvariantCulture));
            }
        }
    }
}

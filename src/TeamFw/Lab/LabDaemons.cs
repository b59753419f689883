// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text.Json;
using System.Threading;
using Microsoft.Win32.SafeHandles;
using TeamFw.Native.Interop;
using TeamFw.Native.Runtime;
using TeamFw.Native.Sockets;

namespace TeamFw.Lab;

/// <summary>The two teamfw daemons: start one per namespace, wait until it is up, ask it for state, stop it.</summary>
internal static class LabDaemons
{
    private const int ReadyTimeoutMs = 10_000;
    private const int StateTimeoutMs = 3_000;
    private const int TermTimeoutMs = 5_000;
    private const int PollMs = 50;

    /// <summary>
    /// Starts `setsid ip netns exec NS SELF -f CONF -S DIR/ROLE.sock` (one control socket per side)
    /// with stdin on /dev/null and stdout and stderr on the side's log: a file, not a pipe, since the
    /// daemon runs on after `lab up` exits. setsid takes the daemon out of our session and process
    /// group, so it outlives `lab up` and a Ctrl-C at the terminal reaches only the lab, which then
    /// stops it in order; setsid and `ip netns exec` both exec in place, so the pid is the daemon's.
    /// </summary>
    public static int Start(LabContext ctx, LabSide side)
    {
        string self = Environment.ProcessPath ?? throw new LabException("cannot tell where this teamfw binary is (no /proc/self/exe?)");
        List<string> argv = Tool.Argv("setsid", ["ip", "netns", "exec", side.Netns, self, "-f", ctx.State.ConfigPath(side), "-S", Path.Combine(ctx.State.Dir, side.Role + ".sock")]);
        int pid;
        using (SafeFileHandle log = File.OpenHandle(ctx.State.LogPath(side), FileMode.Append, FileAccess.Write, FileShare.ReadWrite))
        using (SafeFileHandle devNull = File.OpenHandle("/dev/null", FileMode.Open, FileAccess.Read))
        {
            pid = ChildProcess.Spawn(argv[0], argv, Tool.Environment(), new StdioRedirect(devNull, log, log), searchPath: true);
        }

        ctx.Daemons[side.Role] = pid;
        ctx.State.WritePid(side, pid);
        return WaitReady(ctx, side, pid);
    }

    private static int WaitReady(LabContext ctx, LabSide side, int started)
    {
        string logPath = ctx.State.LogPath(side);
        var clock = Stopwatch.StartNew();
        while (true)
        {
            string log = DaemonLog.ReadFrom(logPath, 0);
            if (DaemonLog.ReadyPid(log) is int pid)
            {
                if (pid != started)
                {
                    // Only if setsid had to fork: keep the pid file naming the daemon itself.
                    ctx.State.WritePid(side, pid);
                }

                return pid;
            }

            if (ChildProcess.TryWaitForExit(started, out int code))
            {
                ctx.Daemons.Remove(side.Role);
                throw new LabException($"the {side.Role} daemon exited with code {code} before its team was up; its log ({logPath}):\n{DaemonLog.Tail(log, 10)}");
            }

            if (clock.ElapsedMilliseconds > ReadyTimeoutMs)
            {
                throw new LabException($"the {side.Role} daemon (pid {started}) did not come up within {ReadyTimeoutMs / 1000} s; its log ({logPath}):\n{DaemonLog.Tail(log, 10)}");
            }

            ctx.Sleep(PollMs);
        }
    }

    /// <summary>SIGUSR1, then the "state team0 {json}" line it writes to the log.</summary>
    public static LabTeamState FetchState(LabContext ctx, LabSide side)
    {
        int pid = ctx.State.ReadPid(side) ?? throw new LabException($"no pid file for the {side.Role} daemon");
        string logPath = ctx.State.LogPath(side);
        long offset = DaemonLog.Length(logPath);
        Errno e = Posix.Kill(pid, Constants.SIGUSR1);
        if (e != Errno.OK)
        {
            throw new LabException($"kill -USR1 {pid} ({side.Role} daemon): {e}");
        }

        var clock = Stopwatch.StartNew();
        while (clock.ElapsedMilliseconds < StateTimeoutMs)
        {
            if (DaemonLog.FindState(DaemonLog.ReadFrom(logPath, offset), LabTopology.Team) is string json)
            {
                try
                {
                    return LabTeamState.Parse(json);
                }
                catch (JsonException x)
                {
                    throw new LabException($"the {side.Role} daemon's state line is not valid JSON: {x.Message}", x);
                }
            }

            ctx.Sleep(PollMs);
        }

        throw new LabException($"the {side.Role} daemon (pid {pid}) wrote no state to {logPath} within {StateTimeoutMs / 1000} s of SIGUSR1");
    }

    /// <summary>
    /// Stops the daemon named by the side's pid file, if /proc says that pid still runs our config:
    /// SIGTERM (it releases its ports), then SIGKILL after a timeout. Returns a label and what it
    /// did, or null when there was no pid file. Never waits on a cancellation token: this runs during cleanup.
    /// </summary>
    public static (string Label, string Text)? Stop(LabState state, LabSide side)
    {
        if (state.ReadPid(side) is not int pid)
        {
            return null;
        }

        string conf = state.ConfigPath(side);
        string what = $"teamfw daemon in {side.Netns} (pid {pid})";
        if (!IsOurs(pid, conf))
        {
            return ("gone", what + ": had already exited");
        }

        Posix.Kill(pid, Constants.SIGTERM);
        if (WaitGone(pid, conf, TermTimeoutMs))
        {
            return ("stopped", what + " with SIGTERM");
        }

        Posix.Kill(pid, Constants.SIGKILL);
        if (WaitGone(pid, conf, TermTimeoutMs))
        {
            return ("killed", what + $": SIGKILL after {TermTimeoutMs / 1000} s");
        }

        throw new LabException(what + " is still running after SIGKILL");
    }

    private static bool WaitGone(int pid, string conf, int timeoutMs)
    {
        var clock = Stopwatch.StartNew();
        while (IsOurs(pid, conf))
        {
            if (clock.ElapsedMilliseconds > timeoutMs)
            {
                return false;
            }

            Thread.Sleep(PollMs);
        }

        return true;
    }

    /// <summary>True while the pid runs `-f CONF` (a reused pid or a zombie does not).</summary>
    private static bool IsOurs(int pid, string conf)
    {
        try
        {
            return IpOutput.CmdlineRunsConfig(File.ReadAllText($"/proc/{pid}/cmdline"), conf);
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}

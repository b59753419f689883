// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Threading;
using Microsoft.Extensions.Logging;
using TeamFw.Config;
using TeamFw.Daemon;
using TeamFw.Logging;
using TeamFw.Native.Interop;
using TeamFw.Native.Runtime;
using TeamFw.Native.Sockets;
using TeamFw.Ports;

namespace TeamFw.Cli;

/// <summary>`teamfw [flags]`: parse, load every config, start, run, clean up.</summary>
internal static class DaemonCommand
{
    public const string DefaultPidFile = "/run/teamfw/teamfw.pid";
    private const string ReadyFdVariable = "TEAMFW_READY_FD";

    public static int Run(string[] args)
    {
        DaemonOptions o;
        try
        {
            o = Parse(args);
        }
        catch (ArgumentException e)
        {
            StdIo.Error.WriteLine("teamfw: " + e.Message);
            StdIo.Error.WriteLine("try 'teamfw --help'");
            return 2;
        }

        if (o.Kill || o.CheckRunning)
        {
            return KillOrCheck(o);
        }

        string? readyFd = Environment.GetEnvironmentVariable(ReadyFdVariable);
        if (o.Daemonize && readyFd is null)
        {
            return SpawnDaemon(args);
        }

        int ready = readyFd is null ? -1 : int.Parse(readyFd, CultureInfo.InvariantCulture);
        if (ready >= 0)
        {
            Posix.NewSession();
        }

        return RunInProcess(o, ready);
    }

    private static int RunInProcess(DaemonOptions o, int readyFd)
    {
        using ILoggerFactory factory = LogSetup.Create(o.LogLevel, syslog: readyFd >= 0);
        ILogger log = factory.CreateLogger("teamfw");
        o.StateSetup = new StateSetup(o.Daemonize, o.PidFile ?? (o.Daemonize ? DefaultPidFile : string.Empty));
        using var daemon = new TeamDaemon(o, log);
        int code = Start(daemon, o, log, out string? error);
        if (code != 0)
        {
            Report(readyFd, code, error!);
            return code;
        }

        string? pidFile = o.PidFile ?? (o.Daemonize ? DefaultPidFile : null);
        if (pidFile is not null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(pidFile))!);
            File.WriteAllText(pidFile, Posix.GetPid().ToString(CultureInfo.InvariantCulture) + "\n");
        }

        Log.Started(log, Program.Version, Posix.GetPid());
        if (readyFd >= 0)
        {
            Posix.WriteAll(readyFd, "READY\n");
            Posix.Close(readyFd);
            Posix.RedirectStdioToDevNull();
        }

        try
        {
            daemon.Run();
        }
        finally
        {
            daemon.Dispose();
            if (pidFile is not null)
            {
                File.Delete(pidFile);
            }
        }

        return 0;
    }

    private static int Start(TeamDaemon daemon, DaemonOptions o, ILogger log, out string? error)
    {
        error = null;
        List<TeamConfig> configs;
        try
        {
            configs = daemon.LoadConfigs();
        }
        catch (ConfigException e)
        {
            error = e.Message;
            Log.StartFailed(log, e.Message);
            return 2;
        }

        if (configs.Count == 0 && o.UciFile is not null)
        {
            // At start only: a reload that disables every team leaves the daemon running with none.
            error = $"{o.UciFile}: no enabled team (config team 'NAME' with option enabled '1')";
            Log.StartFailed(log, error);
            return 2;
        }

        string? pidFile = o.PidFile ?? (o.Daemonize ? DefaultPidFile : null);
        if (pidFile is not null && ReadPid(pidFile) is int other && other != Posix.GetPid() && Posix.ProcessExists(other))
        {
            error = $"already running as pid {other} (pidfile {pidFile})";
            Log.StartFailed(log, error);
            return 1;
        }

        try
        {
            daemon.Start(configs);
        }
        catch (Exception e) when (SetupFailure.IsSetupFailure(e))
        {
            error = e.Message;
            Log.StartFailed(log, e.Message + "; nothing was changed");
            return 1;
        }

        return 0;
    }

    private static void Report(int readyFd, int code, string error)
    {
        if (readyFd >= 0)
        {
            Posix.WriteAll(readyFd, $"ERROR {code} {error}\n");
            Posix.Close(readyFd);
        }
    }

    /// <summary>-d: start ourselves again in a new session and exit 0 only once it says every team is up.</summary>
    private static int SpawnDaemon(string[] args)
    {
        (int rd, int wr) = Posix.InheritablePipe();
        string self = Environment.ProcessPath ?? "/proc/self/exe";
        var argv = new List<string>(args.Length + 1) { self };
        argv.AddRange(args);
        List<string> env = ChildProcess.EnvironmentWith(ReadyFdVariable, wr.ToString(CultureInfo.InvariantCulture));
        int child;
        try
        {
            child = ChildProcess.Spawn(self, argv, env);
        }
        finally
        {
            Posix.Close(wr);
        }

        string answer = Posix.ReadToEnd(rd);
        Posix.Close(rd);
        if (answer.StartsWith("READY", StringComparison.Ordinal))
        {
            return 0;
        }

        if (answer.StartsWith("ERROR ", StringComparison.Ordinal))
        {
            string rest = answer[6..].TrimEnd('\n');
            int sp = rest.IndexOf(' ', StringComparison.Ordinal);
            StdIo.Error.WriteLine("teamfw: " + rest[(sp + 1)..]);
            ChildProcess.WaitForExit(child);
            return int.Parse(rest[..sp], CultureInfo.InvariantCulture);
        }

        int code = ChildProcess.WaitForExit(child);
        StdIo.Error.WriteLine($"teamfw: the daemon exited with code {code} before it was ready");
        return code == 0 ? 1 : code;
    }

    private static int KillOrCheck(DaemonOptions o)
    {
        string pidFile = o.PidFile ?? DefaultPidFile;
        int? pid = ReadPid(pidFile);
        bool running = pid is int p && Posix.ProcessExists(p);
        if (o.CheckRunning)
        {
            return running ? 0 : 1;
        }

        if (!running)
        {
            StdIo.Error.WriteLine($"teamfw: no daemon running (pidfile {pidFile})");
            return 1;
        }

        // -k -N: exit for a restart, leaving the teams to the next daemon (SIGUSR2), as teamd -N does at its exit.
        Errno e = Posix.Kill(pid!.Value, o.NoDestroy ? Constants.SIGUSR2 : Constants.SIGTERM);
        if (e != Errno.OK)
        {
            StdIo.Error.WriteLine($"teamfw: kill {pid}: {e}");
            return 1;
        }

        // As teamd -k (libdaemon's daemon_pid_file_kill_wait): return once the daemon is gone, its ports
        // restored and its teams deleted, so a start right after finds them free.
        for (int waited = 0; waited < KillWaitMs; waited += 20)
        {
            if (!Posix.ProcessAlive(pid.Value))
            {
                return 0;
            }

            Thread.Sleep(20);
        }

        StdIo.Error.WriteLine($"teamfw: the daemon (pid {pid}) still runs {KillWaitMs / 1000} s after {(o.NoDestroy ? "SIGUSR2" : "SIGTERM")}");
        return 1;
    }

    private const int KillWaitMs = 10_000;

    private static int? ReadPid(string pidFile)
    {
        try
        {
            return int.TryParse(File.ReadAllText(pidFile).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int pid) ? pid : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    public static DaemonOptions Parse(string[] args)
    {
        var o = new DaemonOptions { Socket = Environment.GetEnvironmentVariable("TEAMFW_SOCKET") };
        for (int i = 0; i < args.Length; i++)
        {
            string a = args[i];
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"option {a} needs a value");
            switch (a)
            {
                case "-f":
                case "--config-file":
                    o.Files.Add(Value());
                    break;
                case "-c":
                case "--config":
                    o.InlineJson = Value();
                    break;
                case "--uci":
                    o.UciFile = Value();
                    break;
                case "-d":
                case "--daemonize":
                    o.Daemonize = true;
                    break;
                case "-p":
                case "--pid-file":
                    o.PidFile = Value();
                    break;
                case "-S":
                case "--socket":
                    o.Socket = Value();
                    break;
                case "-g":
                case "--debug":
                    o.LogLevel = LogLevel.Debug;
                    break;
                case "--log-level":
                    o.LogLevel = LogSetup.Parse(Value());
                    break;
                case "-N":
                case "--no-quit-destroy":
                    o.NoDestroy = true;
                    break;
                case "-k":
                case "--kill":
                    o.Kill = true;
                    break;
                case "-e":
                case "--check":
                    o.CheckRunning = true;
                    break;
                default:
                    throw new ArgumentException($"unknown option \"{a}\"");
            }
        }

        return o;
    }
}

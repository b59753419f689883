// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;

namespace TeamFw.IntegrationTests.Infrastructure;

/// <summary>
/// The real teamfw binary running inside a test namespace (`ip netns exec NS teamfw -f CONF`). Its
/// stderr log is collected; <see cref="State"/> asks for the state with SIGUSR1 and parses the JSON line.
/// Dispose kills it if a test left it running, and removes its config directory (which holds its control
/// socket and state file; a daemon from <see cref="StartAgain"/> shares the first one's).
/// </summary>
public sealed class TeamfwProcess : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = new();
    private readonly string _dir;
    private readonly string _ns;
    private readonly string[] _args;
    private readonly bool _ownsDir;

    private TeamfwProcess(Process process, string dir, string ns, string[] args, bool ownsDir)
    {
        _process = process;
        _dir = dir;
        _ns = ns;
        _args = args;
        _ownsDir = ownsDir;
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (_lines)
                {
                    _lines.Add(e.Data);
                }
            }
        };
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (_lines)
                {
                    _lines.Add(e.Data);
                }
            }
        };
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
    }

    /// <summary>$TEAMFW_BIN, else out/linux-x64/teamfw found above the test directory; null when absent.</summary>
    public static string? BinaryPath
    {
        get
        {
            string? env = Environment.GetEnvironmentVariable("TEAMFW_BIN");
            if (!string.IsNullOrEmpty(env))
            {
                return File.Exists(env) ? env : null;
            }

            for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            {
                string candidate = Path.Combine(d.FullName, "out", "linux-x64", "teamfw");
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }

            return null;
        }
    }

    public int Pid => _process.Id;

    public string ConfigPath => Path.Combine(_dir, "team.conf");

    /// <summary>This daemon's control socket (each test daemon gets its own).</summary>
    public string SocketPath => Path.Combine(_dir, "teamfw.sock");

    /// <summary>This daemon's state file (next to its control socket).</summary>
    public string StatePath => Path.Combine(_dir, "teamfw.state");

    /// <summary>The control socket of daemons started with <see cref="RunToExit"/> (its lock file is removed when the tests end).</summary>
    public static string RunSocket { get; } = CreateRunSocket();

    private static string CreateRunSocket()
    {
        string path = Path.Combine(Path.GetTempPath(), $"teamfw-it-{Environment.ProcessId}-run.sock");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => File.Delete(path + ".lock");
        return path;
    }

    public string Log
    {
        get
        {
            lock (_lines)
            {
                return string.Join('\n', _lines);
            }
        }
    }

    /// <summary>Starts the daemon with a config; waits until it says it is running (or exits).</summary>
    public static TeamfwProcess Start(string ns, string configJson, params string[] extraArgs)
    {
        string dir = Directory.CreateTempSubdirectory("teamfw-it-").FullName;
        File.WriteAllText(Path.Combine(dir, "team.conf"), configJson);
        return Launch(ns, dir, new[] { "-f", Path.Combine(dir, "team.conf") }.Concat(extraArgs).ToArray(), ownsDir: true);
    }

    /// <summary>A daemon started again with the same arguments, config file, control socket and state file, as an
    /// init system restarts one; this object keeps the directory.</summary>
    public TeamfwProcess StartAgain() => Launch(_ns, _dir, _args, ownsDir: false);

    /// <summary>A daemon with no team on the same control socket and state file: it undoes what a dead one left.</summary>
    public TeamfwProcess StartAgainWithoutTeams() => Launch(_ns, _dir, [], ownsDir: false);

    /// <summary>SIGKILL, as a crash, the OOM killer or a watchdog would: the daemon cleans nothing up.</summary>
    public void Crash()
    {
        _process.Kill();
        _process.WaitForExit();
    }

    /// <summary>Starts the daemon with no team: teams are created through its control socket.</summary>
    public static TeamfwProcess StartWithoutTeams(string ns)
        => Launch(ns, Directory.CreateTempSubdirectory("teamfw-it-").FullName, [], ownsDir: true);

    private static TeamfwProcess Launch(string ns, string dir, string[] args, bool ownsDir)
    {
        string bin = BinaryPath ?? throw new InvalidOperationException("teamfw binary not found: run make or set TEAMFW_BIN");
        var psi = new ProcessStartInfo("ip") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string a in new[] { "netns", "exec", ns, bin, "-S", Path.Combine(dir, "teamfw.sock") }.Concat(args))
        {
            psi.ArgumentList.Add(a);
        }

        var p = new TeamfwProcess(Process.Start(psi)!, dir, ns, args, ownsDir);
        p.WaitForLog("running, pid", TimeSpan.FromSeconds(10), orExit: true);
        return p;
    }

    /// <summary>Runs the binary to completion (for failures at start); returns exit code and output.</summary>
    public static (int Code, string Output) RunToExit(string ns, params string[] args)
    {
        string bin = BinaryPath ?? throw new InvalidOperationException("teamfw binary not found");
        // A private control socket, so runs never meet a daemon of another test (or of the host).
        var all = new List<string> { "netns", "exec", ns, "env", "TEAMFW_SOCKET=" + RunSocket, bin };
        all.AddRange(args);
        var r = Cmd.RunFull("ip", all.ToArray(), check: false, timeoutMs: 30_000);
        return (r.Code, r.Stdout + r.Stderr);
    }

    public bool HasExited => _process.HasExited;

    /// <summary>Waits until the log contains any of <paramref name="texts"/>.</summary>
    public bool WaitForLog(TimeSpan timeout, params string[] texts)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            string log = Log;
            if (Array.Exists(texts, t => log.Contains(t, StringComparison.Ordinal)))
            {
                return true;
            }

            Thread.Sleep(20);
        }

        return false;
    }

    public bool WaitForLog(string text, TimeSpan timeout, bool orExit = false)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (Log.Contains(text, StringComparison.Ordinal))
            {
                return true;
            }

            if (orExit && _process.HasExited)
            {
                _process.WaitForExit();
                return false;
            }

            Thread.Sleep(20);
        }

        return false;
    }

    /// <summary>SIGUSR1, then the newest `state DEV {json}` line for the team.</summary>
    public JsonElement State(string team = "team0")
    {
        string marker = $"state {team} ";
        int before;
        lock (_lines)
        {
            before = _lines.Count(l => l.Contains(marker, StringComparison.Ordinal));
        }

        Cmd.Run("kill", "-USR1", Pid.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (DateTime.UtcNow < deadline)
        {
            lock (_lines)
            {
                var found = _lines.Where(l => l.Contains(marker, StringComparison.Ordinal)).ToList();
                if (found.Count > before)
                {
                    string line = found[^1];
                    string json = line[(line.IndexOf(marker, StringComparison.Ordinal) + marker.Length)..];
                    using var doc = JsonDocument.Parse(json);
                    return doc.RootElement.Clone();
                }
            }

            Thread.Sleep(20);
        }

        throw new TimeoutException("no state after SIGUSR1; log:\n" + Log);
    }

    public static long Stat(JsonElement state, string counter, string? port = null)
    {
        JsonElement stats = port is null
            ? state.GetProperty("teamfw").GetProperty("stats")
            : state.GetProperty("teamfw").GetProperty("ports").GetProperty(port).GetProperty("stats");
        return stats.GetProperty(counter).GetInt64();
    }

    public void Signal(string sig) => Cmd.Run("kill", "-" + sig, Pid.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>SIGTERM and wait; returns the exit code.</summary>
    public int Stop(int timeoutMs = 10_000)
    {
        if (!_process.HasExited)
        {
            Signal("TERM");
        }

        if (!_process.WaitForExit(timeoutMs))
        {
            throw new TimeoutException("teamfw did not exit after SIGTERM; log:\n" + Log);
        }

        _process.WaitForExit();
        return _process.ExitCode;
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
        }

        _process.Dispose();
        if (_ownsDir)
        {
            Directory.Delete(_dir, recursive: true);
        }
    }
}

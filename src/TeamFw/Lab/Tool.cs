// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using TeamFw.Native.Runtime;

namespace TeamFw.Lab;

/// <summary>What one external command printed and returned.</summary>
internal readonly record struct ToolResult(int ExitCode, string Stdout, string Stderr)
{
    public bool Ok => ExitCode == 0;
}

/// <summary>
/// Runs ip, ping and setsid as child processes: always an argument vector, never a shell string,
/// found in PATH, under LC_ALL=C so their output parses the same everywhere.
/// </summary>
internal static class Tool
{
    private const int DefaultTimeoutMs = 30_000;

    /// <summary>argv for <paramref name="file"/>: its name, then the arguments.</summary>
    public static List<string> Argv(string file, IEnumerable<string> args)
    {
        var argv = new List<string> { file };
        argv.AddRange(args);
        return argv;
    }

    /// <summary>This process's environment with LC_ALL=C.</summary>
    public static List<string> Environment() => ChildProcess.EnvironmentWith("LC_ALL", "C");

    /// <summary>Runs to the end; on cancellation the child is killed and the call throws.</summary>
    public static ToolResult Run(string file, IEnumerable<string> args, int timeoutMs = DefaultTimeoutMs, CancellationToken ct = default)
    {
        using RunningTool t = Start(file, args);
        return t.Wait(timeoutMs, ct);
    }

    /// <summary>Starts in the background; <see cref="RunningTool.Wait"/> collects the result.</summary>
    public static RunningTool Start(string file, IEnumerable<string> args) => new(Argv(file, args));

    /// <summary>Runs and throws a message naming the command and its error output unless it exits 0.</summary>
    public static string Check(string file, params string[] args)
    {
        ToolResult r = Run(file, args);
        if (!r.Ok)
        {
            string why = (r.Stderr.Trim() + " " + r.Stdout.Trim()).Trim();
            throw new LabException($"{file} {string.Join(' ', args)}: exit {r.ExitCode}{(why.Length > 0 ? ": " + why : string.Empty)}");
        }

        return r.Stdout;
    }

    public static string Ip(params string[] args) => Check("ip", args);

    /// <summary>True when an executable named <paramref name="name"/> is in a PATH directory.</summary>
    public static bool OnPath(string name)
    {
        string path = System.Environment.GetEnvironmentVariable("PATH") ?? "/usr/sbin:/usr/bin:/sbin:/bin";
        foreach (string dir in path.Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = Path.Combine(dir, name);
            if (File.Exists(candidate) && (File.GetUnixFileMode(candidate) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>"ip netns list": the command line, for messages.</summary>
    public static string Describe(IReadOnlyList<string> argv) => string.Join(' ', argv);
}

/// <summary>A started command whose output is being collected; disposing kills it if it still runs.</summary>
internal sealed class RunningTool : IDisposable
{
    private readonly List<string> _argv;
    private readonly CapturedProcess _p;

    public RunningTool(List<string> argv)
    {
        _argv = argv;
        _p = CapturedProcess.Start(argv[0], argv, Tool.Environment());
    }

    /// <summary>Waits for the exit; on timeout or cancellation kills the child and throws.</summary>
    public ToolResult Wait(int timeoutMs, CancellationToken ct)
    {
        bool exited;
        try
        {
            exited = _p.WaitForExit(timeoutMs, ct);
        }
        catch (OperationCanceledException)
        {
            _p.Kill();
            throw;
        }

        if (!exited)
        {
            _p.Kill();
            throw new LabException($"{Tool.Describe(_argv)}: no answer after {timeoutMs / 1000} s");
        }

        return new ToolResult(_p.ExitCode, _p.ReadStdout(), _p.ReadStderr());
    }

    public void Dispose() => _p.Dispose();
}

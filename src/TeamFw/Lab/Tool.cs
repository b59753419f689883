// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace TeamFw.Lab;

/// <summary>What one external command printed and returned.</summary>
internal readonly record struct ToolResult(int ExitCode, string Stdout, string Stderr)
{
    public bool Ok => ExitCode == 0;
}

/// <summary>
/// Runs ip, ping and setsid as child processes: always an argument vector (ArgumentList), never a
/// shell string, under LC_ALL=C so their output parses the same everywhere.
/// </summary>
internal static class Tool
{
    private const int DefaultTimeoutMs = 30_000;

    public static ProcessStartInfo StartInfo(string file, IEnumerable<string> args)
    {
        var psi = new ProcessStartInfo(file)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["LC_ALL"] = "C";
        return psi;
    }

    /// <summary>Runs to the end; on cancellation the child is killed and the call throws.</summary>
    public static ToolResult Run(string file, IEnumerable<string> args, CancellationToken ct = default, int timeoutMs = DefaultTimeoutMs)
    {
        using RunningTool t = Start(file, args);
        return t.Wait(timeoutMs, ct);
    }

    /// <summary>Starts in the background; <see cref="RunningTool.Wait"/> collects the result.</summary>
    public static RunningTool Start(string file, IEnumerable<string> args) => new(StartInfo(file, args));

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
        string path = Environment.GetEnvironmentVariable("PATH") ?? "/usr/sbin:/usr/bin:/sbin:/bin";
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

    public static string Describe(ProcessStartInfo psi) => psi.FileName + " " + string.Join(' ', psi.ArgumentList);

}

/// <summary>A started command whose output is being collected; disposing kills it if it still runs.</summary>
internal sealed class RunningTool : IDisposable
{
    private readonly ProcessStartInfo _psi;
    private readonly Process _p;
    private readonly Task<string> _stdout;
    private readonly Task<string> _stderr;

    public RunningTool(ProcessStartInfo psi)
    {
        _psi = psi;
        _p = Process.Start(psi) ?? throw new LabException($"cannot start {psi.FileName}");
        _stdout = _p.StandardOutput.ReadToEndAsync(CancellationToken.None);
        _stderr = _p.StandardError.ReadToEndAsync(CancellationToken.None);
    }

    /// <summary>Waits for the exit; on timeout or cancellation kills the child and throws.</summary>
    public ToolResult Wait(int timeoutMs, CancellationToken ct)
    {
        using (ct.Register(Kill))
        {
            if (!_p.WaitForExit(timeoutMs))
            {
                Kill();
                _p.WaitForExit();
                ct.ThrowIfCancellationRequested();
                throw new LabException($"{Tool.Describe(_psi)}: no answer after {timeoutMs / 1000} s");
            }

            _p.WaitForExit();
        }

        ct.ThrowIfCancellationRequested();
        return new ToolResult(_p.ExitCode, _stdout.Result, _stderr.Result);
    }

    public void Dispose()
    {
        Kill();
        _p.Dispose();
    }

    private void Kill()
    {
        try
        {
            if (!_p.HasExited)
            {
                _p.Kill();
            }
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }
}

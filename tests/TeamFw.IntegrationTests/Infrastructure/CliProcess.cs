// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Diagnostics;
using System.Text;

namespace TeamFw.IntegrationTests.Infrastructure;

/// <summary>A long-running client (teamfw nl monitor) in a namespace, its stdout collected; Stop sends SIGTERM.</summary>
public sealed class CliProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _out = new();

    private CliProcess(Process p)
    {
        _process = p;
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (_out)
                {
                    _out.Append(e.Data).Append('\n');
                }
            }
        };
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (_out)
                {
                    _out.Append("stderr: ").Append(e.Data).Append('\n');
                }
            }
        };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public static CliProcess Start(string ns, params string[] args)
    {
        var psi = new ProcessStartInfo("ip") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in new[] { "netns", "exec", ns, TeamfwProcess.BinaryPath! })
        {
            psi.ArgumentList.Add(a);
        }

        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }

        return new CliProcess(Process.Start(psi)!);
    }

    /// <summary>What it printed so far.</summary>
    public string Output
    {
        get
        {
            lock (_out)
            {
                return _out.ToString();
            }
        }
    }

    /// <summary>SIGTERM (teamnl's monitor ends with exit 0 on it), then everything it printed.</summary>
    public string Stop()
    {
        Cmd.Run("kill", "-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (!_process.WaitForExit(5000))
        {
            throw new TimeoutException("the client did not exit on SIGTERM");
        }

        _process.WaitForExit();
        lock (_out)
        {
            return $"exit {_process.ExitCode}\n{_out}";
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        _process.Dispose();
    }
}

// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;

namespace TeamFw.IntegrationTests.Infrastructure;

/// <summary>tcpdump on an interface inside a test namespace, lines collected until Dispose (which stops it).</summary>
public sealed class Capture : IDisposable
{
    private readonly Process _p;
    private readonly List<string> _lines = new();
    private volatile bool _listening;

    public Capture(string ns, string dev, string filter)
    {
        var psi = new ProcessStartInfo("ip") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in new[] { "netns", "exec", ns, "tcpdump", "-i", dev, "-n", "-e", "-l", "-vv", filter })
        {
            psi.ArgumentList.Add(a);
        }

        _p = Process.Start(psi)!;
        _p.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (_lines)
                {
                    _lines.Add(e.Data);
                }
            }
        };
        _p.ErrorDataReceived += (_, e) =>
        {
            if (e.Data?.Contains("listening on", StringComparison.Ordinal) == true)
            {
                _listening = true;
            }
        };
        _p.BeginOutputReadLine();
        _p.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (!_listening && DateTime.UtcNow < deadline && !_p.HasExited)
        {
            Thread.Sleep(20);
        }
    }

    public string Text
    {
        get
        {
            lock (_lines)
            {
                return string.Join('\n', _lines);
            }
        }
    }

    /// <summary>Waits until a captured line contains every one of <paramref name="parts"/>.</summary>
    public bool WaitFor(TimeSpan timeout, params string[] parts)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            lock (_lines)
            {
                foreach (string l in _lines)
                {
                    if (Array.TrueForAll(parts, p => l.Contains(p, StringComparison.Ordinal)))
                    {
                        return true;
                    }
                }
            }

            Thread.Sleep(20);
        }

        return false;
    }

    public void Dispose()
    {
        try
        {
            if (!_p.HasExited)
            {
                _p.Kill(entireProcessTree: true);
                _p.WaitForExit(3000);
            }
        }
        catch (InvalidOperationException)
        {
        }

        _p.Dispose();
    }
}

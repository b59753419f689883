// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using TeamFw.Native.Runtime;

namespace TeamFw.Lab;

/// <summary>
/// One run of `teamfw lab`: where it prints, its state directory, the daemons it started, and the
/// cancellation that SIGINT, SIGTERM and SIGHUP trigger (the signal is swallowed so the lab can
/// remove what it made before it exits).
/// </summary>
internal sealed class LabContext : IDisposable
{
    private readonly CancellationTokenSource _cts = new();
    private readonly List<PosixSignalRegistration> _signals = [];
    private int _interrupted;

    public LabContext(LabState state, TextWriter output)
    {
        State = state;
        Out = output;
        foreach (PosixSignal s in (ReadOnlySpan<PosixSignal>)[PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP])
        {
            _signals.Add(PosixSignalRegistration.Create(s, OnSignal));
        }
    }

    public LabState State { get; }

    public TextWriter Out { get; }

    public CancellationToken Token => _cts.Token;

    /// <summary>Pids of the daemons started by this process, by role: those that have exited are reaped at Dispose.</summary>
    public Dictionary<string, int> Daemons { get; } = [];

    /// <summary>True once this run made the state directory: only then may it take the lab down again.</summary>
    public bool CreatedLab { get; set; }

    public void Section(string title)
    {
        Out.WriteLine();
        Out.WriteLine($"== {title} ==");
        Out.Flush();
    }

    public void Line(string label, string text)
    {
        Out.WriteLine($"{label,-13}{text}");
        Out.Flush();
    }

    /// <summary>Waits, unless interrupted (then throws OperationCanceledException).</summary>
    public void Sleep(int ms)
    {
        if (_cts.Token.WaitHandle.WaitOne(ms))
        {
            _cts.Token.ThrowIfCancellationRequested();
        }
    }

    public void Dispose()
    {
        foreach (PosixSignalRegistration r in _signals)
        {
            r.Dispose();
        }

        foreach (int pid in Daemons.Values)
        {
            // Never blocks: a daemon left running by `lab up` is not ours to wait for.
            ChildProcess.TryWaitForExit(pid, out _);
        }

        _cts.Dispose();
    }

    private void OnSignal(PosixSignalContext c)
    {
        c.Cancel = true;
        if (Interlocked.Exchange(ref _interrupted, 1) == 0)
        {
            StdIo.Error.WriteLine($"teamfw lab: {c.Signal} received; removing what the lab made");
            _cts.Cancel();
        }
    }
}

// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using TeamFw.Logging;

namespace TeamFw.Daemon;

/// <summary>
/// Grace periods (the read-copy-update scheme of the kernel's Documentation/RCU/whatisRCU.rst): the control
/// thread publishes a new port set or view, then waits until every data-path thread has passed a quiescent
/// point — a place where it holds nothing it read before — and only then frees what the old set owned (a
/// port's ring mapping, socket and TX queue). A thread that does not come by in time (the machine is
/// overloaded, or a thread is wedged) never stops the control plane and never kills the daemon: what was
/// retired stays open until the thread catches up, and the delay is logged.
/// </summary>
public sealed partial class DataPlane
{
    /// <summary>Longs between two threads' slots: 128 bytes, so no two threads write one cache line.</summary>
    private const int Pad = 16;

    /// <summary>How long <see cref="Retire"/> waits in line before handing the objects to <see cref="ReclaimRetired"/>.</summary>
    public const int GraceWaitMs = 1000;

    private readonly long[] _seen;
    private readonly List<Retired> _retired = new();
    private long _generation;

    private sealed record Retired(long Target, IDisposable?[] Objects, string What, long Since, string Laggard);

    /// <summary>Objects waiting for data-path threads to pass a quiescent point (control thread only).</summary>
    public int RetiredCount => _retired.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Quiescent(int index)
    {
        Volatile.Write(ref _seen[index * Pad], Volatile.Read(ref _generation));
        Volatile.Write(ref _allocNow[index * Pad], GC.GetAllocatedBytesForCurrentThread());
    }

    /// <summary>
    /// Starts a grace period and disposes <paramref name="objects"/> (what a removed port owned) once no data-path
    /// thread can still use them: at once when every thread passes a quiescent point within <see cref="GraceWaitMs"/>,
    /// else later, from <see cref="ReclaimRetired"/>, with the late thread named in the log.
    /// </summary>
    public void Retire(string what, params IDisposable?[] objects)
    {
        long target = BeginGracePeriod();
        if (WaitFor(target, GraceWaitMs))
        {
            DisposeAll(objects);
            return;
        }

        string laggard = Laggard(target);
        _retired.Add(new Retired(target, objects, what, Environment.TickCount64, laggard));
        Log.DataPathStuck(_log, laggard, GraceWaitMs, what + " is released once it passes one");
    }

    /// <summary>Disposes what was retired and whose grace period is over (control loop, every round).</summary>
    public void ReclaimRetired(long now)
    {
        for (int i = _retired.Count - 1; i >= 0; i--)
        {
            Retired r = _retired[i];
            if (GracePeriodOver(r.Target))
            {
                _retired.RemoveAt(i);
                DisposeAll(r.Objects);
                Log.DataPathCaughtUp(_log, r.Laggard, now - r.Since + GraceWaitMs, r.What);
            }
        }
    }

    private long BeginGracePeriod()
    {
        long target = Interlocked.Increment(ref _generation);
        WakeAll();
        return target;
    }

    private bool WaitFor(long target, int timeoutMs)
    {
        long deadline = Environment.TickCount64 + timeoutMs;
        while (!GracePeriodOver(target))
        {
            if (Environment.TickCount64 >= deadline)
            {
                return false;
            }

            Thread.Sleep(1);
        }

        return true;
    }

    /// <summary>True when every running thread has seen <paramref name="target"/> (an ended thread holds nothing; one
    /// that <see cref="StopThreads"/> had to leave behind still may).</summary>
    private bool GracePeriodOver(long target)
    {
        for (int i = 0; i < _threads.Length; i++)
        {
            if (_threads[i] is { IsAlive: true } && Volatile.Read(ref _seen[i * Pad]) < target)
            {
                return false;
            }
        }

        return true;
    }

    private string Laggard(long target)
    {
        for (int i = 0; i < _threads.Length; i++)
        {
            if (_threads[i] is { IsAlive: true } t && Volatile.Read(ref _seen[i * Pad]) < target)
            {
                return t.Name ?? "data path";
            }
        }

        return "data path";
    }

    private void DisposeRetired()
    {
        foreach (Retired r in _retired)
        {
            DisposeAll(r.Objects);
        }

        _retired.Clear();
    }

    private static void DisposeAll(IDisposable?[] objects)
    {
        foreach (IDisposable? o in objects)
        {
            o?.Dispose();
        }
    }
}

// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.Extensions.Logging;
using TeamFw.Logging;
using TeamFw.Modes;
using TeamFw.Native.Interop;
using TeamFw.Native.Rings;
using TeamFw.Native.Sockets;
using TeamFw.Ports;

namespace TeamFw.Daemon;

/// <summary>
/// The team's data-path threads: one transmit thread (TAP → ports, batched with sendmmsg) and
/// 1..16 receive workers (port rings → TAP). Threads never allocate per frame, never take locks,
/// and fail fast on an unexpected exception (a half-alive forwarder is worse than a restart).
/// </summary>
public sealed partial class DataPlane : IDisposable
{
    /// <summary>Frames read from the TAP per batch (one sendmmsg per port per batch).</summary>
    public const int TxBatch = 32;

    /// <summary>One TAP read slot: a virtio-net header plus a full-size frame at the default MTU.</summary>
    public const int TxSlotSize = 2048;

    /// <summary>Where a longer frame continues: a 64 KiB GSO frame plus headers.</summary>
    public const int TxOverflowSize = 65536 + 64;

    /// <summary>
    /// Stack of each data-path thread. Without it a thread gets RLIMIT_STACK (8 MiB on most
    /// systems) of writable mapping, which counts in VmSize and, under strict overcommit, in the
    /// commit charge — 8 MiB per thread, up to 17 threads per team. The loops neither recurse nor
    /// stackalloc; 256 KiB leaves them a wide margin (README, Runtime footprint).
    /// </summary>
    public const int ThreadStackSize = 256 * 1024;

    private const int MaxPollPorts = Team.MaxPorts;
    private readonly Team _team;
    private readonly ILogger _log;
    private readonly FrameArena _arena;
    private readonly Thread[] _threads;
    private readonly EventFd[] _wake;
    private readonly long[] _seen;
    private readonly long[] _allocBase;
    private readonly long[] _allocNow;
    private long _generation;
    private volatile bool _stopping;

    public DataPlane(Team team, ILogger log)
    {
        _team = team;
        _log = log;
        // Jumbo MTUs get slots that hold a whole frame, so they batch as well as 1500-byte ones.
        int slot = Math.Max(TxSlotSize, (team.Mtu + 18 + 10 + 63) & ~63);
        _arena = new FrameArena(TxBatch, slot, TxOverflowSize);
        int n = 1 + team.Workers;
        _threads = new Thread[n];
        _wake = new EventFd[n];
        _seen = new long[n * 16]; // 128 bytes apart
        _allocBase = new long[n * 16];
        _allocNow = new long[n * 16];
        for (int i = 0; i < n; i++)
        {
            _wake[i] = new EventFd();
        }
    }

    /// <summary>Bytes the data-path threads allocated since they started (the zero-allocation proof).</summary>
    public long AllocatedBytes
    {
        get
        {
            long sum = 0;
            for (int i = 0; i < _threads.Length; i++)
            {
                sum += Volatile.Read(ref _allocNow[i * 16]) - Volatile.Read(ref _allocBase[i * 16]);
            }

            return sum;
        }
    }

    public TxQueue CreateTxQueue() => new(_arena);

    public void Start()
    {
        _threads[0] = new Thread(TxLoop, ThreadStackSize) { Name = "teamfw tx " + _team.Name, IsBackground = true };
        for (int i = 1; i < _threads.Length; i++)
        {
            int worker = i - 1;
            _threads[i] = new Thread(() => RxLoop(worker), ThreadStackSize) { Name = $"teamfw rx{worker} {_team.Name}", IsBackground = true };
        }

        foreach (Thread t in _threads)
        {
            t.Start();
        }
    }

    public void WakeAll()
    {
        foreach (EventFd w in _wake)
        {
            w.Signal();
        }
    }

    /// <summary>
    /// Returns once every data-path thread has passed its quiescent point (the top of its loop) after
    /// this call started: then no thread holds an older view, port or poll set (an RCU grace period).
    /// </summary>
    public void Synchronize()
    {
        long target = Interlocked.Increment(ref _generation);
        WakeAll();
        var deadline = Environment.TickCount64 + 5000;
        for (int i = 0; i < _threads.Length; i++)
        {
            while (!_stopping && _threads[i] is { IsAlive: true } && Volatile.Read(ref _seen[i * 16]) < target)
            {
                if (Environment.TickCount64 > deadline)
                {
                    Environment.FailFast($"{_threads[i].Name} did not reach a quiescent point in 5 s");
                }

                Thread.Sleep(1);
            }
        }
    }

    public void Stop()
    {
        if (_stopping)
        {
            return;
        }

        _stopping = true;
        WakeAll();
        foreach (Thread t in _threads)
        {
            t?.Join();
        }
    }

    public void Dispose()
    {
        Stop();
        foreach (EventFd w in _wake)
        {
            w.Dispose();
        }

        _arena.Dispose();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Quiescent(int index)
    {
        Volatile.Write(ref _seen[index * 16], Volatile.Read(ref _generation));
        Volatile.Write(ref _allocNow[index * 16], GC.GetAllocatedBytesForCurrentThread());
    }

    private void Run(int index, Action loop)
    {
        try
        {
            Volatile.Write(ref _allocBase[index * 16], GC.GetAllocatedBytesForCurrentThread());
            loop();
        }
        catch (Exception e)
        {
            Log.DataPathFailed(_log, Thread.CurrentThread.Name ?? "data path", e.ToString());
            Environment.FailFast($"{Thread.CurrentThread.Name}: {e.Message}");
        }
    }
}

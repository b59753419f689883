// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Threading;
using Microsoft.Extensions.Logging;
using TeamFw.Logging;
using TeamFw.Native.Rings;
using TeamFw.Native.Sockets;

namespace TeamFw.Daemon;

/// <summary>
/// The team's data-path threads: 1..16 transmit threads (team device → ports, batched; more than one only on a veth
/// team device, teamfw.tx_workers: each a lane of its own, see <see cref="Modes.TxLanes"/>) and 1..16 receive workers
/// (port rings → team device). Thread indexes: transmit lane 0 is 0, receive worker w is 1 + w, transmit lane
/// k ≥ 1 is workers + k. The team device is a veth pair (its host peer read and written with rings, no
/// syscall per frame) or a TAP (one read or write per frame). Threads never allocate per frame, never take locks, and fail fast on an
/// unexpected exception (a half-alive forwarder is worse than a restart). Each thread passes a
/// quiescent point at least once per bounded amount of work (per-port budgets, RxPath.cs and
/// DataPlane.Tx.cs), so the control thread can retire what a removed port owned (DataPlane.Grace.cs).
/// </summary>
public sealed partial class DataPlane : IDataPath
{
    /// <summary>Frames read from the TAP per batch (one flush per port per batch).</summary>
    public const int TxBatch = TxPath.Batch;

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

    /// <summary>How long <see cref="StopThreads"/> waits for a data-path thread to end before leaving it behind.</summary>
    private const int JoinTimeoutMs = 5000;

    private const int MaxPollPorts = Team.MaxPorts;
    private readonly Team _team;
    private readonly ILogger _log;
    /// <summary>Per transmit lane, the arena its frames are read into and its path to the ports.</summary>
    private readonly FrameArena[] _arenas;
    private readonly TxPath[] _tx;
    private readonly Thread[] _threads;
    private readonly EventFd[] _wake;

    /// <summary>Per receive worker, its TX ring on the veth backend's host peer (ports → host); null for a TAP.</summary>
    private readonly PacketTxSocket[]? _hostTx;

    /// <summary>Per receive worker, its path from the port rings to the host: through its <see cref="_hostTx"/> ring, or the TAP.</summary>
    private readonly RxPath[] _rx;

    /// <summary>Per transmit lane, the veth backend's host peer receive socket and the lane's reader over its ring;
    /// null for a TAP.</summary>
    private readonly PacketSocket[]? _hostRx;
    private readonly RxRingReader[]? _hostReader;
    private readonly Action? _wakeControl;
    private readonly long[] _allocBase;
    private readonly long[] _allocNow;
    private volatile bool _stopping;
    private bool _leftBehind;

    public DataPlane(Team team, ILogger log)
    {
        _team = team;
        _log = log;
        // Jumbo MTUs get slots that hold a whole frame, so they batch as well as 1500-byte ones.
        int slot = Math.Max(TxSlotSize, (team.Mtu + 18 + 10 + 63) & ~63);
        int lanes = team.TxWorkers; // 1 with a TAP
        _arenas = new FrameArena[lanes];
        _tx = new TxPath[lanes];
        for (int l = 0; l < lanes; l++)
        {
            _arenas[l] = new FrameArena(TxBatch, slot, TxOverflowSize);
            _tx[l] = new TxPath(_arenas[l], team.Counters, team.TxSlot(l), l);
        }

        int n = team.Workers + lanes;
        _threads = new Thread[n];
        _wake = new EventFd[n];
        _seen = new long[n * Pad];
        _moved = new long[n * Pad];
        _wakeControl = team.WakeControl;
        _allocBase = new long[n * Pad];
        _allocNow = new long[n * Pad];
        for (int i = 0; i < n; i++)
        {
            _wake[i] = new EventFd();
        }

        if (team.Veth is { } veth)
        {
            _hostTx = new PacketTxSocket[team.Workers];
            try
            {
                veth.OpenHostRxLanes(lanes);
                _hostRx = new PacketSocket[lanes];
                _hostReader = new RxRingReader[lanes];
                for (int l = 0; l < lanes; l++)
                {
                    _hostRx[l] = veth.HostRxOf(l);
                    _hostReader[l] = new RxRingReader(_hostRx[l].Ring, _hostRx[l].VnetHeader);
                }

                for (int w = 0; w < _hostTx.Length; w++)
                {
                    _hostTx[w] = veth.OpenHostTx();
                }
            }
            catch
            {
                Dispose();
                throw;
            }
        }

        _rx = new RxPath[team.Workers];
        for (int w = 0; w < _rx.Length; w++)
        {
            IFrameWriter host = _hostTx is not null ? _hostTx[w] : team.Tap!;
            _rx[w] = new RxPath(team.Counters, host, 1 + w);
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
                sum += Volatile.Read(ref _allocNow[i * Pad]) - Volatile.Read(ref _allocBase[i * Pad]);
            }

            return sum;
        }
    }

    public TxQueue CreateTxQueue(int lane) => new(_arenas[lane]);

    /// <summary>The thread index of transmit lane <paramref name="lane"/>.</summary>
    private int TxIndex(int lane) => lane == 0 ? 0 : _team.Workers + lane;

    public void Start()
    {
        for (int w = 0; w < _team.Workers; w++)
        {
            int worker = w;
            _threads[1 + w] = new Thread(() => RxLoop(worker), ThreadStackSize) { Name = $"teamfw rx{worker} {_team.Name}", IsBackground = true };
        }

        for (int l = 0; l < _tx.Length; l++)
        {
            int lane = l;
            string name = lane == 0 ? "teamfw tx " + _team.Name : $"teamfw tx{lane} {_team.Name}";
            _threads[TxIndex(lane)] = new Thread(() => TxLoop(lane), ThreadStackSize) { Name = name, IsBackground = true };
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

    public void StopThreads()
    {
        if (_stopping)
        {
            return;
        }

        _stopping = true;
        WakeAll();
        foreach (Thread t in _threads)
        {
            if (t is not null && !t.Join(JoinTimeoutMs))
            {
                // A thread that does not come back may still be inside a ring or the arena: those stay
                // mapped (a leak, for a daemon that is shutting the team down anyway), never unmapped under it.
                _leftBehind = true;
                Log.DataPathStuck(_log, t.Name ?? "data path", JoinTimeoutMs, "its rings and buffers are left mapped");
            }
        }
    }

    public void Dispose()
    {
        StopThreads();
        if (_leftBehind)
        {
            return;
        }

        DisposeRetired();
        foreach (EventFd w in _wake)
        {
            w.Dispose();
        }

        foreach (PacketTxSocket? s in _hostTx ?? [])
        {
            s?.Dispose();
        }

        foreach (FrameArena a in _arenas)
        {
            a.Dispose();
        }
    }

    private void Run(int index, Action loop)
    {
        try
        {
            Volatile.Write(ref _allocBase[index * Pad], GC.GetAllocatedBytesForCurrentThread());
            loop();
        }
        catch (Exception e)
        {
            Log.DataPathFailed(_log, Thread.CurrentThread.Name ?? "data path", e.ToString());
            Environment.FailFast($"{Thread.CurrentThread.Name}: {e.Message}");
        }
    }
}

// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Runtime.CompilerServices;
using TeamFw.Modes;
using TeamFw.Native.Interop;
using TeamFw.Native.Rings;
using TeamFw.Native.Sockets;
using TeamFw.Stats;

namespace TeamFw.Daemon;

/// <summary>What the transmit path needs of a port.</summary>
public interface ITxPort : IPort
{
    /// <summary>The port's sendmmsg batch (owned by the transmit thread).</summary>
    TxQueue TxQueue { get; }

    /// <summary>The port's TX ring, when it has one.</summary>
    TxRing? TxRing { get; }

    /// <summary>The descriptor whose send() flushes <see cref="TxRing"/>.</summary>
    int RingFd { get; }

    /// <summary>The descriptor whole frames are sent on (see PacketSocket.SendFd).</summary>
    int SendFd { get; }

    CounterSet Counters { get; }

    /// <summary>The last batch that queued a frame for the port (transmit thread only).</summary>
    long TxBatchSeen { get; set; }

    /// <summary>The port as transmit lane <paramref name="lane"/> sees it, with that lane's ring, queue and batch mark
    /// (teamfw.tx_workers); lane 0 is the port itself.</summary>
    ITxPort Lane(int lane) => this;
}

/// <summary>
/// One transmit batch: up to <see cref="Batch"/> frames read from the TAP into the arena, the mode picks a port
/// for each, and every port that got a frame is flushed once at the end. The ports flushed are exactly those
/// the batch queued frames for — whatever the mode picked, in the view or not (activebackup's active port is
/// picked by the live state of the port, which may be a step ahead of the view) — so nothing is left queued
/// pointing at arena slots the next batch overwrites. Each frame read counts once: as sent, or as dropped.
/// Each transmit thread has its own (teamfw.tx_workers): its lane's arena, counter slot, and view of each port
/// (<see cref="ITxPort.Lane"/>).
/// </summary>
public sealed class TxPath
{
    /// <summary>Frames read from the TAP per batch (one flush per port per batch).</summary>
    public const int Batch = 32;

    private readonly FrameArena _arena;
    private readonly CounterSet _teamCounters;
    private readonly int _slot;
    private readonly int _lane;

    // The ports this batch queued frames for: at most one per frame, or every port of a broadcast view.
    private readonly ITxPort[] _touched = new ITxPort[Batch + Team.MaxPorts];
    private int _touchedCount;
    private long _batch;

    // The current batch's team counters.
    private ulong _packets;
    private ulong _bytes;
    private ulong _dropped;

    /// <summary>The path of transmit lane <paramref name="lane"/>, reading into <paramref name="arena"/> and counting
    /// into slot <paramref name="slot"/> of the team's and the ports' counters.</summary>
    public TxPath(FrameArena arena, CounterSet teamCounters, int slot, int lane = 0)
    {
        _arena = arena;
        _teamCounters = teamCounters;
        _slot = slot;
        _lane = lane;
    }

    /// <summary>Reads up to one batch from <paramref name="tap"/> (frames start with <paramref name="hdr"/> bytes of
    /// virtio-net header), lets <paramref name="mode"/> pick ports, and flushes each port once. Returns the frames read.</summary>
    public int TransmitBatch(IFrameReader tap, int hdr, TeamView view, ITeamMode mode)
    {
        bool onAll = mode.TransmitsOnAll;
        ITeamMode? counting = mode.CountsTx ? mode : null;
        int read = 0;
        _batch++;
        _packets = 0;
        _bytes = 0;
        _dropped = 0;
        bool overflowUsed = false;
        for (; read < Batch && !overflowUsed; read++)
        {
            Span<byte> slot = _arena.Slot(read);
            int n = tap.Read(slot, _arena.Overflow);
            if (n < 0)
            {
                break;
            }

            // A frame longer than a slot continues in the one overflow buffer: flush before reading another.
            overflowUsed = n > slot.Length;

            if (n < hdr + 14)
            {
                _dropped++;
                continue;
            }

            if (onAll)
            {
                bool any = false;
                foreach (IPort ip in view.Enabled)
                {
                    if (ip.Txable)
                    {
                        any |= Enqueue(LaneOf(ip), read, n, hdr);
                    }
                }

                if (!any)
                {
                    _dropped++;
                    continue;
                }
            }
            else
            {
                // The mode sees the part in the slot: every header it may hash on is there.
                ReadOnlySpan<byte> frame = slot.Slice(hdr, Math.Min(n, slot.Length) - hdr);
                IPort? p = mode.SelectTxPort(frame, view, _lane);
                if (p is null || !Enqueue(LaneOf(p), read, n, hdr))
                {
                    _dropped++;
                    continue;
                }

                counting?.CountTx(n - hdr, _lane); // e.g. loadbalance's lb_hash_stats
            }

            _packets++;
            _bytes += (ulong)(n - hdr);
        }

        for (int i = 0; i < _touchedCount; i++)
        {
            ITxPort port = _touched[i];
            _touched[i] = null!;
            FlushRing(port, onAll);
            FlushQueue(port, onAll);
        }

        _touchedCount = 0;
        if (_packets + _dropped > 0)
        {
            _teamCounters.AddTx(_slot, _packets, _bytes, _dropped);
        }

        return read;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ITxPort LaneOf(IPort port) => _lane == 0 ? (ITxPort)port : ((ITxPort)port).Lane(_lane);

    /// <summary>
    /// Queues arena slot <paramref name="slot"/> (<paramref name="length"/> bytes, virtio-net header included)
    /// for a port: into its TX ring while the ring takes the port's frames of this batch, else into its
    /// sendmmsg batch (a frame continuing in the arena's overflow buffer always does). Once one frame does not
    /// go to the ring (too big for a ring frame: GSO; or the ring is full of frames still in flight), the port's
    /// later frames of this batch follow it, so the ring holds the batch's first frames and the sendmmsg batch
    /// the rest: flushing the ring first keeps TAP order, and a full ring costs a syscall instead of a drop.
    /// False when the frame cannot be queued (counted as the port's tx_dropped).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool Enqueue(ITxPort port, int slot, int length, int hdr)
    {
        if (port.TxBatchSeen != _batch)
        {
            if (_touchedCount == _touched.Length)
            {
                return false;
            }

            port.TxBatchSeen = _batch;
            _touched[_touchedCount++] = port;
        }

        TxQueue q = port.TxQueue;
        if (q.Count == 0 && port.TxRing is { } ring && length <= _arena.SlotSize && length <= ring.MaxFrameLength
            && ring.TryAdd(_arena.Slot(slot)[..length]))
        {
            return true;
        }

        if (q.Add(slot, length, hdr))
        {
            return true;
        }

        port.Counters.AddTx(_slot, 0, 0, 1);
        return false;
    }

    private void FlushQueue(ITxPort port, bool onAll)
    {
        TxQueue q = port.TxQueue;
        if (q.Count == 0)
        {
            return;
        }

        long bytes = q.Bytes;
        int queued = q.Count;
        int sent = q.Flush(port.SendFd, out int dropped, out Errno _);
        ulong sentBytes = dropped == 0 ? (ulong)bytes : (ulong)(bytes * sent / Math.Max(queued, 1));
        port.Counters.AddTx(_slot, (ulong)sent, sentBytes, (ulong)dropped);
        CountTeamDrops(dropped, onAll);
    }

    private void FlushRing(ITxPort port, bool onAll)
    {
        if (port.TxRing is not { Pending: > 0 } ring)
        {
            return;
        }

        TxFlushResult r = ring.Flush(port.RingFd);
        port.Counters.AddTx(_slot, (ulong)r.Sent, (ulong)r.Bytes, (ulong)r.Dropped);
        CountTeamDrops(r.Dropped, onAll);
    }

    /// <summary>A frame a port failed to send is a team drop, except in broadcast (it was counted once, as sent).</summary>
    private void CountTeamDrops(int dropped, bool onAll)
    {
        if (!onAll && dropped > 0)
        {
            _packets -= (ulong)dropped;
            _dropped += (ulong)dropped;
        }
    }
}

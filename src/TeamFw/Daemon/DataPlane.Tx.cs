// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Runtime.CompilerServices;
using TeamFw.Modes;
using TeamFw.Native.Interop;
using TeamFw.Native.Rings;
using TeamFw.Native.Sockets;
using TeamFw.Ports;

namespace TeamFw.Daemon;

public sealed partial class DataPlane
{
    private const int TxThreadSlot = 0;

    // The current batch's team counters (transmit thread only).
    private ulong _txPackets;
    private ulong _txBytes;
    private ulong _txDropped;

    private void TxLoop() => Run(0, TxLoopCore);

    private void TxLoopCore()
    {
        TapDevice tap = _team.Tap!;
        using var poller = new Poller(2);
        int wakeIx = poller.Add(_wake[0].Fd);
        int tapIx = poller.Add(tap.Fd);
        while (!_stopping)
        {
            Quiescent(0);
            poller.Wait(-1);
            if (poller.IsReadable(wakeIx))
            {
                _wake[0].Drain();
            }

            if (poller.IsReadable(tapIx))
            {
                while (!_stopping && TransmitBatch(tap) == TxBatch)
                {
                }
            }
        }
    }

    /// <summary>Reads up to one batch from the TAP, lets the mode pick ports, and flushes each port once.</summary>
    private int TransmitBatch(TapDevice tap)
    {
        int hdr = tap.VnetHeader ? PacketSocket.VnetHeaderLength : 0;
        TeamView view = _team.View;
        ITeamMode mode = _team.Mode;
        bool onAll = mode.TransmitsOnAll;
        LoadBalanceMode? lb = mode as LoadBalanceMode;
        int read = 0;
        _txPackets = 0;
        _txBytes = 0;
        _txDropped = 0;
        bool overflowUsed = false;
        for (; read < TxBatch && !overflowUsed; read++)
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
                _txDropped++;
                continue;
            }

            // The mode sees the part in the slot: every header it may hash on is there.
            ReadOnlySpan<byte> frame = slot.Slice(hdr, Math.Min(n, slot.Length) - hdr);
            if (onAll)
            {
                bool any = false;
                foreach (IPort ip in view.Enabled)
                {
                    if (ip.Txable)
                    {
                        Enqueue((Port)ip, read, n, hdr);
                        any = true;
                    }
                }

                if (!any)
                {
                    _txDropped++;
                    continue;
                }
            }
            else
            {
                IPort? p = mode.SelectTxPort(frame, view);
                if (p is null)
                {
                    _txDropped++;
                    continue;
                }

                Enqueue((Port)p, read, n, hdr);
                lb?.CountTx(n - hdr); // lb_hash_stats: the bucket's bytes (this thread is the only writer)
            }

            _txPackets++;
            _txBytes += (ulong)(n - hdr);
        }

        foreach (IPort ip in view.Enabled)
        {
            var port = (Port)ip;
            FlushRing(port, onAll);
            FlushQueue(port, onAll);
        }

        if (_txPackets + _txDropped > 0)
        {
            _team.Counters.AddTx(TxThreadSlot, _txPackets, _txBytes, _txDropped);
        }

        return read;
    }

    /// <summary>
    /// Queues arena slot <paramref name="slot"/> (<paramref name="length"/> bytes, virtio-net header included)
    /// for a port: into its TX ring while the ring takes the port's frames of this batch, else into its
    /// sendmmsg batch (a frame continuing in the arena's overflow buffer always does). Once one frame does not
    /// go to the ring (too big for a ring frame: GSO; or the ring
    /// is full of frames still in flight), the port's later frames of this batch follow it, so the ring
    /// holds the batch's first frames and the sendmmsg batch the rest: flushing the ring first keeps
    /// TAP order, and a full ring costs a syscall instead of a drop.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Enqueue(Port port, int slot, int length, int hdr)
    {
        TxQueue q = port.TxQueue!;
        if (q.Count == 0 && port.Socket.TxRing is { } ring && length <= _arena.SlotSize && length <= ring.MaxFrameLength
            && ring.TryAdd(_arena.Slot(slot)[..length]))
        {
            return;
        }

        q.Add(slot, length, hdr);
    }

    private void FlushQueue(Port port, bool onAll)
    {
        TxQueue q = port.TxQueue!;
        if (q.Count == 0)
        {
            return;
        }

        long bytes = q.Bytes;
        int queued = q.Count;
        int sent = q.Flush(port.Socket.SendFd, out int dropped, out Errno _);
        ulong sentBytes = dropped == 0 ? (ulong)bytes : (ulong)(bytes * sent / Math.Max(queued, 1));
        port.Counters.AddTx(TxThreadSlot, (ulong)sent, sentBytes, (ulong)dropped);
        CountTeamDrops(dropped, onAll);
    }

    private void FlushRing(Port port, bool onAll)
    {
        if (port.Socket.TxRing is not { Pending: > 0 } ring)
        {
            return;
        }

        TxFlushResult r = ring.Flush(port.Socket.Fd);
        port.Counters.AddTx(TxThreadSlot, (ulong)r.Sent, (ulong)r.Bytes, (ulong)r.Dropped);
        CountTeamDrops(r.Dropped, onAll);
    }

    /// <summary>A frame a port failed to send is a team drop, except in broadcast (it was counted once, as sent).</summary>
    private void CountTeamDrops(int dropped, bool onAll)
    {
        if (!onAll && dropped > 0)
        {
            _txPackets -= (ulong)dropped;
            _txDropped += (ulong)dropped;
        }
    }
}

// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Runtime.CompilerServices;
using TeamFw.Modes;
using TeamFw.Native.Interop;
using TeamFw.Native.Sockets;
using TeamFw.Ports;

namespace TeamFw.Daemon;

public sealed partial class DataPlane
{
    private const int TxThreadSlot = 0;

    private void TxLoop() => Run(0, TxLoopCore);

    private void TxLoopCore()
    {
        TapDevice tap = _team.Tap!;
        using var poller = new Poller(2);
        int wakeIx = poller.Add(_wake[0].Fd);
        int tapIx = poller.Add(tap.Fd);
        _allocBase[0] = GC.GetAllocatedBytesForCurrentThread();
        while (!_stopping)
        {
            Quiescent(0);
            poller.Wait(-1);
            _wakeups++;
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
        int read = 0;
        ulong teamPackets = 0, teamBytes = 0, teamDropped = 0;
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
                teamDropped++;
                continue;
            }

            // The mode sees the part in the slot: every header it may hash on is there.
            ReadOnlySpan<byte> frame = slot.Slice(hdr, Math.Min(n, slot.Length) - hdr);
            if (mode.TransmitsOnAll)
            {
                bool any = false;
                foreach (IPort ip in view.Enabled)
                {
                    if (ip.Txable)
                    {
                        ((Port)ip).TxQueue!.Add(read, n, hdr);
                        any = true;
                    }
                }

                if (!any)
                {
                    teamDropped++;
                    continue;
                }
            }
            else
            {
                IPort? p = mode.SelectTxPort(frame, view);
                if (p is null)
                {
                    teamDropped++;
                    continue;
                }

                ((Port)p).TxQueue!.Add(read, n, hdr);
            }

            teamPackets++;
            teamBytes += (ulong)(n - hdr);
        }

        foreach (IPort ip in view.Enabled)
        {
            var port = (Port)ip;
            TxQueue q = port.TxQueue!;
            if (q.Count == 0)
            {
                continue;
            }

            long bytes = q.Bytes;
            int queued = q.Count;
            int sent = q.Flush(port.Socket.Fd, out int dropped, out Errno _);
            ulong sentBytes = dropped == 0 ? (ulong)bytes : (ulong)(bytes * sent / Math.Max(queued, 1));
            port.Counters.AddTx(TxThreadSlot, (ulong)sent, sentBytes, (ulong)dropped);
            if (!mode.TransmitsOnAll)
            {
                teamPackets -= (ulong)dropped;
                teamDropped += (ulong)dropped;
            }
        }

        if (teamPackets + teamDropped > 0)
        {
            _team.Counters.AddTx(TxThreadSlot, teamPackets, teamBytes, teamDropped);
        }

        return read;
    }
}

// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using TeamFw.Native.Interop;
using TeamFw.Native.Sockets;

namespace TeamFw.Daemon;

public sealed partial class DataPlane
{
    private const int TxThreadSlot = 0;

    /// <summary>
    /// Batches the transmit thread sends per wakeup before it polls again (256 frames): with a quiescent point
    /// after every batch, a flood from the host never keeps it from a grace period.
    /// </summary>
    public const int TxBatchesPerWakeup = 8;

    private void TxLoop() => Run(0, _hostRx is not null ? TxLoopRing : TxLoopCore);

    /// <summary>The TAP backend: one readv per frame.</summary>
    private void TxLoopCore()
    {
        TapDevice tap = _team.Tap!;
        TxLoopCore(tap, tap, tap.VnetHeader ? PacketSocket.VnetHeaderLength : 0, null);
    }

    /// <summary>The veth backend: frames straight out of the host peer's receive ring, no syscall per frame.</summary>
    private void TxLoopRing()
        => TxLoopCore(_hostRx!, _hostReader!, _hostRx!.VnetHeader ? PacketSocket.VnetHeaderLength : 0, _hostRx);

    private void TxLoopCore(FdOwner source, IFrameReader reader, int hdr, PacketSocket? ring)
    {
        using var poller = new Poller(2);
        int wakeIx = poller.Add(_wake[0].Fd);
        int srcIx = poller.Add(source.Fd);
        while (!_stopping)
        {
            Quiescent(0);
            poller.Wait(-1);
            if (poller.IsReadable(wakeIx))
            {
                _wake[0].Drain();
            }

            if (ring is not null && poller.HasError(srcIx))
            {
                ring.ClearError(); // ENETDOWN while the host peer is down (no carrier): poll would spin on it
            }

            if (!poller.IsReadable(srcIx) && (ring is null || !ring.Ring.HasData))
            {
                continue;
            }

            // Polled level-triggered (a TAP with frames queued; a ring block still owned by user space): what is left
            // after the budget wakes the next poll at once.
            for (int b = 0; b < TxBatchesPerWakeup && !_stopping; b++)
            {
                // The view and the mode are read per batch; a flushed batch holds nothing of them.
                int n = _tx.TransmitBatch(reader, hdr, _team.View, _team.Mode);
                ring?.Ring.ReleaseIfRead();
                if (n > 0)
                {
                    NoteMoved(0);
                }

                if (n < TxBatch)
                {
                    break;
                }

                Quiescent(0);
            }
        }
    }
}

// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using TeamFw.Native.Interop;
using TeamFw.Native.Sockets;

namespace TeamFw.Daemon;

public sealed partial class DataPlane
{
    /// <summary>
    /// Batches the transmit thread sends per wakeup before it polls again (256 frames): with a quiescent point
    /// after every batch, a flood from the host never keeps it from a grace period.
    /// </summary>
    public const int TxBatchesPerWakeup = 8;

    private void TxLoop(int lane) => Run(TxIndex(lane), _hostRx is not null ? () => TxLoopRing(lane) : TxLoopTap);

    /// <summary>The TAP backend (one lane): one readv per frame.</summary>
    private void TxLoopTap()
    {
        TapDevice tap = _team.Tap!;
        TxLoopCore(0, tap, tap, tap.VnetHeader ? PacketSocket.VnetHeaderLength : 0, null);
    }

    /// <summary>The veth backend: frames straight out of the lane's receive ring on the host peer, no syscall per frame.</summary>
    private void TxLoopRing(int lane)
    {
        PacketSocket host = _hostRx![lane];
        TxLoopCore(lane, host, _hostReader![lane], host.VnetHeader ? PacketSocket.VnetHeaderLength : 0, host);
    }

    private void TxLoopCore(int lane, FdOwner source, IFrameReader reader, int hdr, PacketSocket? ring)
    {
        int index = TxIndex(lane);
        TxPath tx = _tx[lane];
        using var poller = new Poller(2);
        int wakeIx = poller.Add(_wake[index].Fd);
        int srcIx = poller.Add(source.Fd);
        while (!_stopping)
        {
            Quiescent(index);
            poller.Wait(-1);
            if (poller.IsReadable(wakeIx))
            {
                _wake[index].Drain();
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
                int n = tx.TransmitBatch(reader, hdr, _team.View, _team.Mode);
                ring?.Ring.ReleaseIfRead();
                if (n > 0)
                {
                    NoteMoved(index);
                }

                if (n < TxBatch)
                {
                    break;
                }

                Quiescent(index);
            }
        }
    }
}

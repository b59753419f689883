// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

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

    private void TxLoop() => Run(0, TxLoopCore);

    private void TxLoopCore()
    {
        TapDevice tap = _team.Tap!;
        int hdr = tap.VnetHeader ? PacketSocket.VnetHeaderLength : 0;
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

            if (!poller.IsReadable(tapIx))
            {
                continue;
            }

            // The TAP is polled level-triggered: what is left after the budget wakes the next poll at once.
            for (int b = 0; b < TxBatchesPerWakeup && !_stopping; b++)
            {
                // The view and the mode are read per batch; a flushed batch holds nothing of them.
                if (_tx.TransmitBatch(tap, hdr, _team.View, _team.Mode) < TxBatch)
                {
                    break;
                }

                Quiescent(0);
            }
        }
    }
}

// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using TeamFw.Native.Sockets;
using TeamFw.Ports;

namespace TeamFw.Daemon;

public sealed partial class DataPlane
{
    private void RxLoop(int worker) => Run(1 + worker, () => RxLoopCore(worker));

    private void RxLoopCore(int worker)
    {
        int index = 1 + worker;
        RxPath rx = _rx[worker];
        using var poller = new Poller(1 + MaxPollPorts);
        Port[]? ports = null; // the poll set is built on the first round, with the wake eventfd
        bool backlog = false;
        while (!_stopping)
        {
            // The quiescent point comes first, the port set is read after it: once Synchronize sees this
            // thread here, it reads only a port set published before the grace period began.
            Quiescent(index);
            Port[] current = _team.WorkerPorts(worker);
            if (!ReferenceEquals(current, ports))
            {
                // The port set changed (control thread): rebuild the poll set (no allocation).
                ports = current;
                poller.Reset();
                poller.Add(_wake[index].Fd);
                foreach (Port p in ports)
                {
                    poller.Add(p.RxSocket(worker).Fd);
                }
            }

            // A port left with frames after its budget is served again without sleeping.
            poller.Wait(backlog ? 0 : -1);
            if (poller.IsReadable(0))
            {
                _wake[index].Drain();
            }

            backlog = false;
            bool moved = false;
            for (int i = 0; i < ports.Length; i++)
            {
                IPortSocket sock = ports[i].RxSocket(worker);
                if (poller.HasError(i + 1))
                {
                    sock.ClearError();
                }

                if (poller.IsReadable(i + 1) || sock.Ring.HasData)
                {
                    backlog |= rx.Receive(ports[i], sock.Ring, _team.View, _team.Mode, _team.Mtu);
                    moved = true;
                }
            }

            if (moved)
            {
                NoteMoved(index);
            }
        }
    }
}

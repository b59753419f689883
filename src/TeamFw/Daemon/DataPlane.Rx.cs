// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using TeamFw.Modes;
using TeamFw.Native.Interop;
using TeamFw.Native.Rings;
using TeamFw.Native.Sockets;
using TeamFw.Packets;
using TeamFw.Ports;

namespace TeamFw.Daemon;

public sealed partial class DataPlane
{
    private void RxLoop(int worker) => Run(1 + worker, () => RxLoopCore(worker));

    private void RxLoopCore(int worker)
    {
        int index = 1 + worker;
        using var poller = new Poller(1 + MaxPollPorts);
        Port[] ports = [];
        int version = -1;
        while (!_stopping)
        {
            int v = _team.PortsVersion;
            if (v != version)
            {
                // Port set changed (control thread): rebuild the poll set. Allocates, but only on changes.
                version = v;
                ports = _team.WorkerPorts(worker);
                poller.Reset();
                poller.Add(_wake[index].Fd);
                foreach (Port p in ports)
                {
                    poller.Add(p.Socket.Fd);
                }
            }

            Quiescent(index);
            poller.Wait(-1);
            if (poller.IsReadable(0))
            {
                _wake[index].Drain();
            }

            for (int i = 0; i < ports.Length; i++)
            {
                if (poller.HasError(i + 1))
                {
                    ports[i].Socket.ClearError();
                }

                if (poller.IsReadable(i + 1) || ports[i].Socket.Ring.HasData)
                {
                    Receive(ports[i], index);
                }
            }
        }
    }

    /// <summary>Drains one port's ring into the TAP, counting per batch.</summary>
    private void Receive(Port port, int slot)
    {
        TapDevice tap = _team.Tap!;
        TeamView view = _team.View;
        ITeamMode mode = _team.Mode;
        RxRing ring = port.Socket.Ring;
        bool vnet = port.Socket.VnetHeader;
        int mtu = _team.Mtu;
        ulong packets = 0, bytes = 0, multicast = 0, dropped = 0, nohandler = 0;
        while (ring.TryNext(out RxFrame f))
        {
            int len = f.Data.Length;
            if (f.Truncated || FrameCheck.Check(f.Data, mtu, IsGso(f, vnet)) != FrameVerdict.Ok)
            {
                dropped++; // runt, oversized, malformed, or cut short by the ring
                continue;
            }

            // Slow protocols (LACP, marker, OAM) are link-constrained and never the team's (the kernel's
            // loadbalance mode gives LACPDUs RX_HANDLER_EXACT; the runner reads them on its own socket).
            if (!port.Enabled || !mode.AcceptRx(port, view)
                || BinaryPrimitives.ReadUInt16BigEndian(f.Data[12..]) == Constants.ETH_P_SLOW)
            {
                nohandler++; // the kernel's RX_HANDLER_EXACT: not for the team
                continue;
            }

            if (tap.Write(vnet ? f.WithVnetHeader : f.Data) != Errno.OK)
            {
                dropped++;
                continue;
            }

            packets++;
            bytes += (ulong)len;
            if (f.PacketType == Constants.PACKET_MULTICAST)
            {
                multicast++;
            }
        }

        ring.ReleaseAll();
        if (packets + dropped + nohandler == 0)
        {
            return;
        }

        port.Counters.AddRx(slot, packets, bytes, multicast, dropped, nohandler);
        _team.Counters.AddRx(slot, packets, bytes, multicast, dropped, nohandler); // the kernel counts RX_HANDLER_EXACT in the team's rx_nohandler too
    }

    /// <summary>True when the virtio-net header says the frame is a GSO/GRO super-frame (gso_type != NONE).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsGso(in RxFrame f, bool vnet) => vnet && f.WithVnetHeader.Length > 1 && f.WithVnetHeader[1] != 0;
}

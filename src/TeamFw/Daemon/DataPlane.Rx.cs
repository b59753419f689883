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
    /// <summary>
    /// Frames a receive worker takes from one port's ring per wakeup (the kernel's NAPI weight is 64 per poll,
    /// netdev_budget 300 per softirq). A flooded port cannot starve the other ports of its worker, and the
    /// worker passes a quiescent point after at most this many frames per port.
    /// </summary>
    public const int RxBudget = 256;

    private void RxLoop(int worker) => Run(1 + worker, () => RxLoopCore(worker));

    private void RxLoopCore(int worker)
    {
        int index = 1 + worker;
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
                    poller.Add(p.Socket.Fd);
                }
            }

            // A port left with frames after its budget is served again without sleeping.
            poller.Wait(backlog ? 0 : -1);
            if (poller.IsReadable(0))
            {
                _wake[index].Drain();
            }

            backlog = false;
            for (int i = 0; i < ports.Length; i++)
            {
                if (poller.HasError(i + 1))
                {
                    ports[i].Socket.ClearError();
                }

                if (poller.IsReadable(i + 1) || ports[i].Socket.Ring.HasData)
                {
                    backlog |= Receive(ports[i], index);
                }
            }
        }
    }

    /// <summary>
    /// Takes up to <see cref="RxBudget"/> frames from one port's ring into the team device, counting per call. Every frame
    /// counts once: delivered (rx_packets), dropped (rx_dropped) or not the team's (rx_nohandler). True when the
    /// budget ran out with frames left.
    /// </summary>
    private bool Receive(Port port, int slot)
    {
        IFrameWriter host = _hostWriters[slot - 1];
        TeamView view = _team.View;
        ITeamMode mode = _team.Mode;
        RxRing ring = port.Socket.Ring;
        bool vnet = port.Socket.VnetHeader;
        int mtu = _team.Mtu;
        ulong packets = 0, bytes = 0, multicast = 0, dropped = 0, nohandler = 0, refused = 0;
        int budget = RxBudget;
        while (budget > 0 && ring.TryNext(out RxFrame f))
        {
            budget--;
            if (f.Truncated || FrameCheck.Check(f.Data, mtu, IsGso(f, vnet)) != FrameVerdict.Ok)
            {
                dropped++; // runt, oversized, malformed, or cut short by the ring
                continue;
            }

            // Slow protocols (LACP, marker, OAM) are link-constrained and never the team's (the kernel's
            // loadbalance mode gives LACPDUs RX_HANDLER_EXACT; the runner reads them on its own socket). As in
            // the kernel, the ethertype is the one after the outer tag the kernel took off (skb->protocol).
            if (!port.Enabled || !mode.AcceptRx(port, view)
                || BinaryPrimitives.ReadUInt16BigEndian(f.Data[12..]) == Constants.ETH_P_SLOW)
            {
                nohandler++; // the kernel's RX_HANDLER_EXACT: not for the team
                continue;
            }

            // The outer VLAN tag goes back in, so VLAN devices and VLAN-filtering bridges on the team see
            // what the wire carried.
            ReadOnlySpan<byte> frame = f.HasVlanTag ? f.RestoreVlanTag(vnet) : vnet ? f.WithVnetHeader : f.Data;
            if (frame.IsEmpty || !host.Write(frame, ref refused))
            {
                dropped++;
                continue;
            }

            packets++;
            bytes += (ulong)(vnet ? frame.Length - PacketSocket.VnetHeaderLength : frame.Length);
            if (f.PacketType == Constants.PACKET_MULTICAST)
            {
                multicast++;
            }
        }

        refused += (ulong)host.Flush(); // one send() for the batch (veth), nothing to do (TAP)

        // What the kernel refused of a flushed ring was counted as delivered when queued: it moves to dropped.
        packets -= refused;
        dropped += refused;

        ring.ReleaseIfRead();
        if (packets + dropped + nohandler > 0)
        {
            port.Counters.AddRx(slot, packets, bytes, multicast, dropped, nohandler);
            _team.Counters.AddRx(slot, packets, bytes, multicast, dropped, nohandler); // the kernel counts RX_HANDLER_EXACT in the team's rx_nohandler too
        }

        return budget == 0 && ring.HasData;
    }

    /// <summary>True when the virtio-net header says the frame is a GSO/GRO super-frame (gso_type != NONE).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsGso(in RxFrame f, bool vnet) => vnet && f.WithVnetHeader.Length > 1 && f.WithVnetHeader[1] != 0;
}

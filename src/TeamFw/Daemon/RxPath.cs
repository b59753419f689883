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
using TeamFw.Stats;

namespace TeamFw.Daemon;

/// <summary>What the receive path needs of a port.</summary>
public interface IRxPort : IPort
{
    /// <summary>Frames in the port's receive rings start with a virtio-net header.</summary>
    bool VnetHeader { get; }

    CounterSet Counters { get; }
}

/// <summary>
/// One receive worker's path from port rings to the host: up to <see cref="Budget"/> frames from a port per call,
/// each checked, given to the mode, its outer VLAN tag put back, and written to the worker's
/// <see cref="IFrameWriter"/> (the TAP, or its TX ring on the veth host peer, flushed once per call).
/// </summary>
public sealed class RxPath
{
    /// <summary>
    /// Frames a receive worker takes from one port's ring per call (the kernel's NAPI weight is 64 per poll,
    /// netdev_budget 300 per softirq). A flooded port cannot starve the other ports of its worker, and the
    /// worker passes a quiescent point after at most this many frames per port.
    /// </summary>
    public const int Budget = 256;

    private readonly CounterSet _teamCounters;
    private readonly IFrameWriter _host;
    private readonly int _slot;

    /// <param name="teamCounters">The team's counters; <paramref name="slot"/> is this worker's slot in them and in every port's.</param>
    /// <param name="host">Where frames for the host go.</param>
    public RxPath(CounterSet teamCounters, IFrameWriter host, int slot)
    {
        _teamCounters = teamCounters;
        _host = host;
        _slot = slot;
    }

    /// <summary>
    /// Takes up to <see cref="Budget"/> frames from <paramref name="ring"/>, one of the port's rings (with
    /// teamfw.rx_fanout, the worker's own), into the team device, counting per call. Every frame counts once:
    /// delivered (rx_packets), dropped (rx_dropped) or not the team's (rx_nohandler). True when the budget ran out
    /// with frames left.
    /// </summary>
    public bool Receive(IRxPort port, RxRing ring, TeamView view, ITeamMode mode, int mtu)
    {
        IFrameWriter host = _host;
        int slot = _slot;
        bool vnet = port.VnetHeader;
        ulong packets = 0, bytes = 0, multicast = 0, dropped = 0, nohandler = 0;
        FrameLoss lost = default;
        int budget = Budget;
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
            if (frame.IsEmpty || !host.Write(frame, ref lost))
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

        lost += host.Flush(); // one send() for the batch (veth), nothing to do (TAP)

        // What the kernel refused of a flushed ring was counted as delivered when queued: it moves to dropped.
        packets -= lost.Frames;
        bytes -= lost.Bytes;
        dropped += lost.Frames;

        ring.ReleaseIfRead();
        if (packets + dropped + nohandler > 0)
        {
            port.Counters.AddRx(slot, packets, bytes, multicast, dropped, nohandler);
            _teamCounters.AddRx(slot, packets, bytes, multicast, dropped, nohandler); // the kernel counts RX_HANDLER_EXACT in the team's rx_nohandler too
        }

        return budget == 0 && ring.HasData;
    }

    /// <summary>True when the virtio-net header says the frame is a GSO/GRO super-frame (gso_type != NONE).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsGso(in RxFrame f, bool vnet) => vnet && f.WithVnetHeader.Length > 1 && f.WithVnetHeader[1] != 0;
}

// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using TeamFw.Native.Sockets;
using TeamFw.Ports;

namespace TeamFw.Daemon;

/// <summary>teamfw.tx_workers: more than one transmit thread, each a lane with a TX ring of its own on every port.</summary>
public sealed partial class Team
{
    /// <summary>Transmit threads (teamfw.tx_workers; 1 with a TAP, which is one queue).</summary>
    public int TxWorkers { get; }

    /// <summary>Slots of every CounterSet of this team: one per data-path thread and the control thread's.</summary>
    private int CounterSlots => Workers + 1 + TxWorkers;

    /// <summary>The counter slot of transmit lane <paramref name="lane"/>: 0 for the first, after
    /// <see cref="ControlSlot"/> for the others.</summary>
    public int TxSlot(int lane) => lane == 0 ? 0 : ControlSlot + lane;

    /// <summary>A new port's sockets for transmit lanes 1 and up (an entry is null where the lane sends on the data
    /// socket: no TX rings); null with one transmit thread. What it opened is closed again when a step fails.</summary>
    private ITxLaneSocket?[]? OpenTxLaneSockets(string port, int ifIndex, IPortSocket data)
    {
        if (TxWorkers == 1)
        {
            return null;
        }

        var all = new ITxLaneSocket?[TxWorkers - 1];
        try
        {
            for (int i = 0; i < all.Length; i++)
            {
                all[i] = _ctx.Sockets.OpenTxLane(Config.TeamFw, data, port, ifIndex);
            }

            return all;
        }
        catch
        {
            CloseTxLaneSockets(all);
            throw;
        }
    }

    private static void CloseTxLaneSockets(ITxLaneSocket?[]? all)
    {
        foreach (ITxLaneSocket? s in all ?? [])
        {
            s?.Dispose();
        }
    }

    /// <summary>The port's lanes 1 and up over <paramref name="sockets"/>, each with a queue over its lane's arena.</summary>
    private TxLane[]? MakeTxLanes(Port port, ITxLaneSocket?[]? sockets)
    {
        if (sockets is null)
        {
            return null;
        }

        var lanes = new TxLane[sockets.Length];
        for (int i = 0; i < lanes.Length; i++)
        {
            lanes[i] = new TxLane(port, sockets[i], _dataPlane!.CreateTxQueue(1 + i));
        }

        return lanes;
    }

    /// <summary>What the port's lanes 1 and up own: their sockets and queues.</summary>
    private static IDisposable?[] TxLaneResources(Port port)
    {
        if (port.TxLanes is not { } lanes)
        {
            return [];
        }

        var all = new IDisposable?[2 * lanes.Length];
        for (int i = 0; i < lanes.Length; i++)
        {
            all[2 * i] = lanes[i].Socket;
            all[2 * i + 1] = lanes[i].TxQueue;
        }

        return all;
    }
}

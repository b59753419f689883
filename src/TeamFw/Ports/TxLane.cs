// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using TeamFw.Daemon;
using TeamFw.Native.Rings;
using TeamFw.Native.Sockets;
using TeamFw.Stats;

namespace TeamFw.Ports;

/// <summary>
/// A port as one more transmit thread sees it (teamfw.tx_workers, lanes 1 and up; lane 0 is the <see cref="Port"/>
/// itself): a TX ring on a socket of its own (or, without TX rings, the port's send descriptor, which sendmmsg may
/// share), a sendmmsg batch over the lane's own arena, and its own batch mark. State and counters are the port's;
/// the lane counts into its own slot of them.
/// </summary>
public sealed class TxLane : ITxPort
{
    private readonly Port _port;

    public TxLane(Port port, ITxLaneSocket? socket, TxQueue queue)
    {
        _port = port;
        Socket = socket;
        TxQueue = queue;
    }

    /// <summary>The lane's own socket, or null when it sends on the port's data socket (no TX rings).</summary>
    public ITxLaneSocket? Socket { get; }

    public TxQueue TxQueue { get; }

    public TxRing? TxRing => Socket?.TxRing;

    public int RingFd => Socket?.Fd ?? -1;

    public int SendFd => Socket?.SendFd ?? _port.Socket.SendFd;

    public CounterSet Counters => _port.Counters;

    public long TxBatchSeen { get; set; }

    public string Name => _port.Name;

    public int IfIndex => _port.IfIndex;

    public bool Enabled => _port.Enabled;

    public bool Txable => _port.Txable;
}

// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;
using System.Threading;
using TeamFw.Config;
using TeamFw.Daemon;
using TeamFw.LinkWatch;
using TeamFw.Modes;
using TeamFw.Native.Rings;
using TeamFw.Native.Sockets;
using TeamFw.Stats;

namespace TeamFw.Ports;

/// <summary>
/// One enslaved port. The control thread owns the state fields and writes them with Volatile;
/// data-path threads read <see cref="Enabled"/>/<see cref="Txable"/>, send through <see cref="Socket"/>
/// and count into their own slot of <see cref="Counters"/>.
/// </summary>
public sealed class Port : IRunnerPort, ITxPort, IRxPort
{
    private bool _enabled;
    private bool _linkUp;

    public Port(PortConfig config, int ifIndex, PortSnapshot original, IPortSocket socket, CounterSet counters)
    {
        Config = config;
        IfIndex = ifIndex;
        Original = original;
        Socket = socket;
        Counters = counters;
    }

    public string Name => Config.Name;

    public int IfIndex { get; }

    /// <summary>The port's settings; replaced on reload or `port config update`.</summary>
    public PortConfig Config { get; set; }

    public PortSnapshot Original { get; }

    public IPortSocket Socket { get; }

    /// <summary>teamfw.rx_fanout: the receive socket of each worker (index 0 is <see cref="Socket"/>), all in the
    /// port's fanout group; null when one worker reads the port through <see cref="Socket"/>.</summary>
    public IPortSocket[]? RxSockets { get; set; }

    /// <summary>The socket receive worker <paramref name="worker"/> reads this port through.</summary>
    public IPortSocket RxSocket(int worker) => RxSockets is { } s ? s[worker] : Socket;

    public CounterSet Counters { get; }

    /// <summary>The transmit thread's batch for this port (owned by that thread).</summary>
    public TxQueue? TxQueue { get; set; }

    TxQueue ITxPort.TxQueue => TxQueue!;

    TxRing? ITxPort.TxRing => Socket.TxRing;

    bool IRxPort.VnetHeader => Socket.VnetHeader;

    int ITxPort.RingFd => Socket.Fd;

    int ITxPort.SendFd => Socket.SendFd;

    long ITxPort.TxBatchSeen { get; set; }

    /// <summary>teamfw.tx_workers: the port as transmit lanes 1 and up see it (lane 0 is the port); null with one
    /// transmit thread.</summary>
    public TxLane[]? TxLanes { get; set; }

    ITxPort ITxPort.Lane(int lane) => lane == 0 ? this : TxLanes![lane - 1];

    /// <summary>Frames sent through the port's TX rings, every lane's (0 without TX rings).</summary>
    public long TxRingSent
    {
        get
        {
            long sent = Socket.TxRing?.Sent ?? 0;
            foreach (TxLane l in TxLanes ?? [])
            {
                sent += l.TxRing?.Sent ?? 0;
            }

            return sent;
        }
    }

    /// <summary>The receive worker that polls this port.</summary>
    public int Worker { get; set; }

    public bool Enabled
    {
        get => Volatile.Read(ref _enabled);
        set => Volatile.Write(ref _enabled, value);
    }

    /// <summary>The link watchers' verdict.</summary>
    public bool LinkUp
    {
        get => Volatile.Read(ref _linkUp);
        set => Volatile.Write(ref _linkUp, value);
    }

    public bool Txable => Enabled && LinkUp;

    public int Prio => Config.Prio;

    public bool Sticky => Config.Sticky;

    public int LacpPrio => Config.LacpPrio;

    public int LacpKey => Config.LacpKey;

    public ReadOnlySpan<byte> OwnMac => Original.HwAddr;

    public uint SpeedMbps { get; set; }

    public byte Duplex { get; set; } = 0xff;

    /// <summary>Carrier as last reported by rtnetlink or ETHTOOL_GLINK (before delay_up / delay_down).</summary>
    public bool CarrierUp { get; set; }

    /// <summary>The port's link watchers (control thread only).</summary>
    public List<LinkWatcher> Watchers { get; } = new();

    /// <summary>A send-only packet socket for control frames (peer notification, multicast rejoin).</summary>
    public IFrameChannel? Control { get; set; }

    /// <summary>The runner's socket for its control protocol (lacp: slow protocols, 0x8809), or null.</summary>
    public IFrameChannel? RunnerChannel { get; set; }

    /// <summary>What the control loop polls to read <see cref="RunnerChannel"/>.</summary>
    public IPollable? RunnerReader { get; set; }

    /// <summary>Frames the kernel handed the port's receive ring so far, those it had no room for included
    /// (PACKET_STATISTICS tp_packets, which counts tp_drops too; control thread). At rest each is counted once in
    /// rx_packets, rx_dropped or rx_nohandler.</summary>
    public ulong RingPackets { get; set; }

    /// <summary>Of those, the frames the ring had no room for (tp_drops, also in rx_dropped).</summary>
    public ulong RingDrops { get; set; }

    /// <summary>The driver answered ETHTOOL_GLINK with an error: carrier comes from rtnetlink events only.</summary>
    public bool NoGetLink { get; set; }

    public override string ToString() => Name;
}

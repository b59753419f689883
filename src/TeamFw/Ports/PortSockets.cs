// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using Microsoft.Extensions.Logging;
using TeamFw.Config;
using TeamFw.Logging;
using TeamFw.Native.Interop;
using TeamFw.Native.Rings;
using TeamFw.Native.Sockets;
using TeamFw.Packets;

namespace TeamFw.Ports;

/// <summary>The sockets a team opens on a port: the data socket, and small sockets for control frames (peer
/// notification, link-watch probes, the runner's protocol). An interface so the team can be tested with fakes;
/// <see cref="PortSockets"/> opens the kernel's.</summary>
public interface IPortSockets
{
    /// <summary>The port's data socket, with the rings the team's teamfw settings ask for, and the team's
    /// multicast let in. Throws <see cref="ErrnoException"/> naming the step.</summary>
    IPortSocket OpenData(TeamFwSettings tf, string team, string port, int ifIndex, ILogger log);

    /// <summary>Another receive socket on the port, with the same receive ring as <see cref="OpenData"/>'s (teamfw.rx_fanout:
    /// one per receive worker after the first), held: it takes no frame until it has joined the data socket's fanout
    /// group and is admitted (<see cref="IPortSocket.Admit"/>).</summary>
    IPortSocket OpenFanoutRx(TeamFwSettings tf, string port, int ifIndex);

    /// <summary>A send-only socket with a TX ring like <paramref name="data"/>'s, for one more transmit thread
    /// (teamfw.tx_workers); null when <paramref name="data"/> has no TX ring ("tx_method": "sendmmsg", or a kernel
    /// without them): the lane then sends with sendmmsg on the data socket's send descriptor, which is thread-safe.</summary>
    ITxLaneSocket? OpenTxLane(TeamFwSettings tf, IPortSocket data, string port, int ifIndex);

    /// <summary>A socket for whole frames of <paramref name="etherType"/> (0: send only), with an optional BPF filter.</summary>
    IFrameChannel OpenChannel(string port, int ifIndex, ushort etherType, ReadOnlySpan<byte> filter = default);

    /// <summary>The runner's socket for its own protocol (lacp: slow protocols, 0x8809), untagged frames only.</summary>
    IFrameChannel OpenRunnerChannel(string port, int ifIndex, ushort etherType);
}

/// <summary>A port's AF_PACKET sockets, as <see cref="IPortSockets"/> describes them.</summary>
public sealed class PortSockets : IPortSockets
{
    public static readonly PortSockets Instance = new();

    private PortSockets()
    {
    }

    /// <summary>With a TX ring for "tx_method": "ring". A kernel without TPACKET_V3 TX rings (before 4.11: EINVAL)
    /// gets a warning and a socket that transmits with sendmmsg.</summary>
    public IPortSocket OpenData(TeamFwSettings tf, string team, string port, int ifIndex, ILogger log)
    {
        PacketSocket sock = Open(tf, team, port, ifIndex, log);
        try
        {
            // Multicast joined on the team (IPv6 ND, mDNS, IGMP groups) must reach us: a packet
            // membership, dropped by the kernel with the socket, instead of promiscuous mode.
            sock.AddMembership(Constants.PACKET_MR_ALLMULTI);
            return sock;
        }
        catch
        {
            sock.Dispose();
            throw;
        }
    }

    public IPortSocket OpenFanoutRx(TeamFwSettings tf, string port, int ifIndex)
        => PacketSocket.Open(port, ifIndex, RxGeometry(tf), tf.Offload, qdiscBypass: tf.QdiscBypass, held: true);

    public ITxLaneSocket? OpenTxLane(TeamFwSettings tf, IPortSocket data, string port, int ifIndex)
        => data.TxRing is null ? null : PacketTxSocket.Open(port, ifIndex, TxGeometry(tf), data.VnetHeader, tf.QdiscBypass);

    private static TxRingGeometry TxGeometry(TeamFwSettings tf) => new(tf.TxBlockSize, tf.TxBlockCount, TxRingGeometry.DefaultFrameSize);

    private static RingGeometry RxGeometry(TeamFwSettings tf) => new(tf.RxBlockSize, tf.RxBlockCount, RingGeometry.DefaultRetireTimeoutMs);

    private static PacketSocket Open(TeamFwSettings tf, string team, string port, int ifIndex, ILogger log)
    {
        RingGeometry rx = RxGeometry(tf);
        if (tf.TxMethod == TeamFwSettings.TxRing)
        {
            try
            {
                return PacketSocket.Open(port, ifIndex, rx, tf.Offload, TxGeometry(tf), tf.QdiscBypass);
            }
            catch (ErrnoException e) when (e.Operation == PacketSocket.TxRingSetup)
            {
                Log.TxRingUnavailable(log, team, port, e.Message);
            }
        }

        return PacketSocket.Open(port, ifIndex, rx, tf.Offload, qdiscBypass: tf.QdiscBypass);
    }

    public IFrameChannel OpenChannel(string port, int ifIndex, ushort etherType, ReadOnlySpan<byte> filter = default)
        => PacketChannel.Open(port, ifIndex, etherType, filter);

    public IFrameChannel OpenRunnerChannel(string port, int ifIndex, ushort etherType)
    {
        // Untagged frames only: LACP runs on the physical link, below any VLAN, and LACPDUs travel untagged. A
        // tagged slow-protocols frame, which a socket bound to 0x8809 would get with its tag forgotten, belongs
        // to whatever bridges that VLAN, not to this link's runner.
        PacketChannel ch = PacketChannel.Open(port, ifIndex, etherType, RxFilter.Untagged(etherType));
        try
        {
            if (etherType == Lacpdu.EtherTypeSlow)
            {
                ch.AddMembership(Constants.PACKET_MR_MULTICAST, Lacpdu.SlowProtocolsAddress);
            }

            return ch;
        }
        catch
        {
            ch.Dispose();
            throw;
        }
    }
}

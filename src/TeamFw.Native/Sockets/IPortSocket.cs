// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using TeamFw.Native.Interop;
using TeamFw.Native.Rings;

namespace TeamFw.Native.Sockets;

/// <summary>
/// A port's data socket as the team and its data path use it (what <see cref="PacketSocket"/> is), as an
/// interface so the team can be tested with a fake that has no rings.
/// </summary>
public interface IPortSocket : IDisposable
{
    /// <summary>The descriptor the receive worker polls (and, with a TX ring, the one a flush is sent on).</summary>
    int Fd { get; }

    /// <summary>The descriptor whole frames are sent on (see <see cref="PacketSocket.SendFd"/>).</summary>
    int SendFd { get; }

    /// <summary>The TPACKET_V3 receive ring.</summary>
    RxRing Ring { get; }

    /// <summary>Frames carry a virtio-net header (PACKET_VNET_HDR).</summary>
    bool VnetHeader { get; }

    /// <summary>The transmit ring, or null ("tx_method": "sendmmsg", or a kernel without TPACKET_V3 TX rings).</summary>
    TxRing? TxRing { get; }

    /// <summary>Reads and clears the socket's pending error (SO_ERROR).</summary>
    Errno ClearError();

    /// <summary>PACKET_STATISTICS since the last call (the kernel resets them on read).</summary>
    PacketStats ReadStats();

    /// <summary>Joins PACKET_FANOUT_HASH group <paramref name="group"/> (0: a new group, its id picked by the kernel,
    /// PACKET_FANOUT_FLAG_UNIQUEID); the port's frames are then shared out by flow among the group's sockets.
    /// Returns the group's id. Throws <see cref="ErrnoException"/>.</summary>
    int JoinFanout(int group);

    /// <summary>Lets frames in again on a socket opened held (<see cref="PacketSocket.Open"/>'s <c>held</c>: a filter
    /// that takes nothing), once it is in its fanout group. Throws <see cref="ErrnoException"/>.</summary>
    void Admit();
}

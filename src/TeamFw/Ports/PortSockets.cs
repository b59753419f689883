// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using Microsoft.Extensions.Logging;
using TeamFw.Config;
using TeamFw.Logging;
using TeamFw.Native.Interop;
using TeamFw.Native.Rings;
using TeamFw.Native.Sockets;

namespace TeamFw.Ports;

/// <summary>A port's data-path socket, with the rings the team's teamfw settings ask for.</summary>
public static class PortSockets
{
    /// <summary>The port's packet socket, with a TX ring for "tx_method": "ring". A kernel without TPACKET_V3
    /// TX rings (before 4.11: EINVAL) gets a warning and a socket that transmits with sendmmsg.</summary>
    public static PacketSocket Open(TeamFwSettings tf, string team, string port, int ifIndex, ILogger log)
    {
        var rx = new RingGeometry(tf.RxBlockSize, tf.RxBlockCount, RingGeometry.DefaultRetireTimeoutMs);
        if (tf.TxMethod == TeamFwSettings.TxRing)
        {
            var tx = new TxRingGeometry(tf.TxBlockSize, tf.TxBlockCount, TxRingGeometry.DefaultFrameSize);
            try
            {
                return PacketSocket.Open(port, ifIndex, rx, tf.Offload, tx, tf.QdiscBypass);
            }
            catch (ErrnoException e) when (e.Operation == PacketSocket.TxRingSetup)
            {
                Log.TxRingUnavailable(log, team, port, e.Message);
            }
        }

        return PacketSocket.Open(port, ifIndex, rx, tf.Offload, qdiscBypass: tf.QdiscBypass);
    }
}

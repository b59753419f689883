// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using TeamFw.Native.Sockets;
using TeamFw.Ports;

namespace TeamFw.Daemon;

/// <summary>teamfw.rx_fanout: a receive socket per worker on every port, in one PACKET_FANOUT_HASH group per port.</summary>
public sealed partial class Team
{
    /// <summary>Whether every worker reads every port through a fanout socket of its own (rx_fanout with more than one worker).</summary>
    public bool RxFanout => Config.TeamFw.RxFanout && Workers > 1;

    /// <summary>The receive sockets of a new port, one per worker, <paramref name="data"/> first, the others held (they
    /// take no frame until <see cref="JoinRxFanout"/>); null without rx_fanout. What it opened is closed again when a
    /// step fails.</summary>
    private IPortSocket[]? OpenRxSockets(string port, int ifIndex, IPortSocket data)
    {
        if (!RxFanout)
        {
            return null;
        }

        var all = new IPortSocket[Workers];
        all[0] = data;
        try
        {
            for (int w = 1; w < all.Length; w++)
            {
                all[w] = _ctx.Sockets.OpenFanoutRx(Config.TeamFw, port, ifIndex);
            }

            return all;
        }
        catch
        {
            CloseFanoutSockets(all);
            throw;
        }
    }

    /// <summary>Puts a new port's receive sockets in one new fanout group (<see cref="Fanout.Join"/>), the data socket
    /// first. Called once the port is up: kernels before 6.10 let a socket join only while its device is up
    /// (af_packet's fanout_add wants it running). Until then the data socket alone took the port's frames.</summary>
    private static void JoinRxFanout(IPortSocket[]? all)
    {
        int group = 0, joined = 0;
        if (all is not null)
        {
            Fanout.Join(all, ref group, ref joined);
        }
    }

    /// <summary>Closes the sockets <see cref="OpenRxSockets"/> opened (all but the data socket, which is the caller's).</summary>
    private static void CloseFanoutSockets(IPortSocket?[]? all)
    {
        for (int w = 1; w < (all?.Length ?? 0); w++)
        {
            all![w]?.Dispose();
        }
    }

    /// <summary>PACKET_STATISTICS since the last reading, summed over the port's receive sockets.</summary>
    private static PacketStats ReadRxStats(Port port)
    {
        if (port.RxSockets is null)
        {
            return port.Socket.ReadStats();
        }

        PacketStats sum = default;
        foreach (IPortSocket s in port.RxSockets)
        {
            PacketStats one = s.ReadStats();
            sum = new PacketStats(sum.Packets + one.Packets, sum.Drops + one.Drops, sum.FreezeCount + one.FreezeCount);
        }

        return sum;
    }

    /// <summary>Every socket the port receives on: its data socket, and with rx_fanout the other workers'.</summary>
    private static IPortSocket[] RxSocketsOf(Port port) => port.RxSockets ?? [port.Socket];
}

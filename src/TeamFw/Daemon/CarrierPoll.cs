// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using TeamFw.Config;
using TeamFw.Native.Sockets;
using TeamFw.Ports;

namespace TeamFw.Daemon;

/// <summary>
/// The fast carrier check (see <see cref="TeamFwSettings.CarrierPollMs"/>): one ETHTOOL_GLINK ioctl per
/// port that carries traffic now (txable: in activebackup only the active port), whose carrier loss
/// interrupts traffic, every time; one per port without carrier every <see cref="DownPollEvery"/>th time,
/// so a port whose peer comes up is in use within ~100 ms, not after the linkwatch's up to a second
/// (the kernel oracle's LACP took 0.8–1.2 s to converge when teamd's ports came up after teamfw's).
/// Idle ports with carrier, and ports whose driver has no get_link, are left to the rtnetlink events.
/// </summary>
internal sealed class CarrierPoll
{
    /// <summary>Ports without carrier are asked every this many carrier polls (every 100 ms at 10 ms).</summary>
    internal const int DownPollEvery = 10;

    private readonly PortSet _ports;
    private readonly INetDevice _net;
    private readonly Action<Port, bool, long> _onCarrier;
    private long _polls;

    /// <param name="onCarrier">Hears every carrier read (port, carrier, now); it must not remove a port.</param>
    public CarrierPoll(PortSet ports, INetDevice net, Action<Port, bool, long> onCarrier)
    {
        _ports = ports;
        _net = net;
        _onCarrier = onCarrier;
    }

    /// <summary>Asks the ports this poll is for (called every few milliseconds).</summary>
    public void Run(long now)
    {
        long poll = ++_polls;

        // By index, without a copy: this runs every few milliseconds, and no port is removed meanwhile.
        for (int i = 0; i < _ports.Count; i++)
        {
            Port p = _ports[i];
            if (p.NoGetLink || !PollsCarrier(p.CarrierUp, p.Txable, poll))
            {
                continue;
            }

            bool? carrier = _net.GetLink(p.Name);
            if (carrier is null)
            {
                p.NoGetLink = true;
                continue;
            }

            _onCarrier(p, carrier.Value, now);
        }
    }

    /// <summary>Whether carrier poll number <paramref name="poll"/> (from 1) asks a port: with carrier, while it
    /// carries traffic; without, every <see cref="DownPollEvery"/>th poll.</summary>
    internal static bool PollsCarrier(bool carrierUp, bool txable, long poll)
        => carrierUp ? txable : poll % DownPollEvery == 0;
}

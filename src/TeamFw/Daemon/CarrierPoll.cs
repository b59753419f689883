// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using TeamFw.Config;
using TeamFw.Native.Sockets;
using TeamFw.Ports;

namespace TeamFw.Daemon;

/// <summary>
/// The fast carrier check (see <see cref="TeamFwSettings.CarrierPollMs"/>), every interval: one ETHTOOL_GLINK
/// ioctl per port that carries traffic now (txable: in activebackup only the active port), whose carrier loss
/// interrupts traffic; one per port without carrier every <see cref="DownPollEvery"/> intervals, so a port whose
/// peer comes up is in use within ~100 ms, not after the linkwatch's up to a second (the kernel oracle's LACP
/// took 0.8–1.2 s to converge when teamd's ports came up after teamfw's). Idle ports with carrier, and ports
/// whose driver has no get_link, are left to the rtnetlink events.
/// <para>
/// While the data path moves nothing (<see cref="IDataPathActivity"/>: no frame either way over a whole interval)
/// a lost carrier interrupts nothing either, so the check parks: every port is asked at the slow pace of the ports
/// without carrier (an idle team's control thread woke ~160 times a second, now ~10), which still shows a loss in
/// the team's state, and starts activebackup's failover, within ~100 ms where the kernel's notification may take a
/// second. The first frame after that wakes the control thread, which asks the ports at once and polls again.
/// </para>
/// </summary>
internal sealed class CarrierPoll
{
    /// <summary>Ports without carrier are asked every this many intervals (every 100 ms at 10 ms).</summary>
    internal const int DownPollEvery = 10;

    private readonly PortSet _ports;
    private readonly INetDevice _net;
    private readonly Action<Port, bool, long> _onCarrier;
    private long _next = long.MinValue;
    private long _nextDown = long.MinValue;
    private long _seen = -1;

    /// <param name="onCarrier">Hears every carrier read (port, carrier, now); it must not remove a port.</param>
    public CarrierPoll(PortSet ports, INetDevice net, Action<Port, bool, long> onCarrier)
    {
        _ports = ports;
        _net = net;
        _onCarrier = onCarrier;
    }

    /// <summary>Whether the ports with carrier are left to the events because the data path was idle.</summary>
    public bool Parked { get; private set; }

    /// <summary>When <see cref="Run"/> next has ports to ask (long.MaxValue: never, or no port to ask).</summary>
    public long NextDue(int intervalMs)
        => intervalMs <= 0 || _ports.Count == 0 ? long.MaxValue : Parked ? _nextDown : Math.Min(_next, _nextDown);

    /// <summary>Asks the ports that are due at <paramref name="now"/> (the control thread calls this every round; it
    /// returns at once when nothing is due). <paramref name="activity"/> is null for a team without a data path.</summary>
    public void Run(long now, int intervalMs, IDataPathActivity? activity)
    {
        if (intervalMs <= 0)
        {
            return;
        }

        if (activity is not null && Parked && activity.Moved != _seen)
        {
            Parked = false; // the data path woke the control thread: ask the ports now
            _next = now;
        }

        bool upDue = !Parked && now >= _next;
        bool downDue = now >= _nextDown;
        if (!upDue && !downDue)
        {
            return;
        }

        if (upDue)
        {
            _next = now + intervalMs;
            if (activity is not null)
            {
                long moved = activity.Moved;
                if (moved == _seen)
                {
                    Parked = activity.Park(moved);
                }

                _seen = moved;
            }
        }

        if (downDue)
        {
            _nextDown = now + (long)intervalMs * DownPollEvery;
        }

        // By index, without a copy: this runs every few milliseconds, and no port is removed meanwhile.
        for (int i = 0; i < _ports.Count; i++)
        {
            Port p = _ports[i];
            if (p.NoGetLink || !PollsCarrier(p.CarrierUp, p.Txable, Parked ? downDue : upDue, downDue))
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

    /// <summary>Whether a port is asked: with carrier, while it carries traffic and the up ports are due (every interval,
    /// or with the down ports while parked); without, when the down ports are due (every tenth interval).</summary>
    internal static bool PollsCarrier(bool carrierUp, bool txable, bool upDue, bool downDue)
        => carrierUp ? txable && upDue : downDue;
}

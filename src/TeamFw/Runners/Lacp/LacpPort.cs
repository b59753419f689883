// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using TeamFw.Modes;
using TeamFw.Packets;

namespace TeamFw.Runners.Lacp;

/// <summary>A port's receive state, as teamd names it: no link, partner current, expired (one timeout
/// without an LACPDU), defaulted (two: the partner is forgotten).</summary>
public enum LacpPortState
{
    Disabled,
    Current,
    Expired,
    Defaulted,
}

/// <summary>What the lacp runner keeps per port: actor and partner information, the state, the
/// aggregator the port is selected into, its timers and LACPDU counters. Control thread only.</summary>
public sealed class LacpPort
{
    internal const int TxBurst = 3;
    private readonly long[] _sentAt = [long.MinValue / 2, long.MinValue / 2, long.MinValue / 2];
    private int _sentNext;

    public LacpPort(IRunnerPort port)
    {
        Port = port;
    }

    public IRunnerPort Port { get; }

    public LacpPortState State { get; internal set; }

    /// <summary>What we say about this end; its state octet is recomputed after every event.</summary>
    public LacpInfo Actor { get; internal set; }

    /// <summary>The partner's actor information from its last LACPDU (zero when disabled or defaulted).</summary>
    public LacpInfo Partner { get; internal set; }

    /// <summary>The leading port of this port's aggregator; null while the port is not selected.</summary>
    public LacpPort? AggLead { get; internal set; }

    public bool Selected => AggLead is not null;

    /// <summary>teamd's aggregator ID: the ifindex of the aggregator's leading port, 0 when not selected.</summary>
    public int AggregatorId => AggLead?.Port.IfIndex ?? 0;

    public ulong RxPdus { get; internal set; }

    public ulong TxPdus { get; internal set; }

    /// <summary>Malformed LACPDUs: truncated, oversized, bad version, bad TLV type or length.</summary>
    public ulong RxInvalid { get; internal set; }

    /// <summary>Other slow protocols (marker, OAM): not ours, not an error.</summary>
    public ulong RxIgnored { get; internal set; }

    public ulong TxFailed { get; internal set; }

    /// <summary>The periodic transmission interval now armed (0 = none) and its next deadline.</summary>
    internal int PeriodicInterval { get; set; }

    internal long PeriodicAt { get; set; } = long.MaxValue;

    /// <summary>When the partner information times out (current → expired → defaulted).</summary>
    internal long TimeoutAt { get; set; } = long.MaxValue;

    /// <summary>Need To Transmit: an LACPDU is due as soon as the transmit limit allows.</summary>
    internal bool Ntt { get; set; }

    /// <summary>The actor information in the last LACPDU sent: any change to it is sent at once.</summary>
    internal LacpInfo LastSentActor { get; set; }

    internal bool LoopbackWarned { get; set; }

    /// <summary>Since its link came up the port has not received an LACPDU (see LacpRunner.UpdatePeriodic).</summary>
    internal bool Unheard { get; set; }

    /// <summary>The partner this port had before a restart, taken as current when its link comes up before
    /// <see cref="ResumeUntil"/> (LacpRunner.Persist).</summary>
    internal LacpInfo? Resume { get; set; }

    /// <summary>When the partner stops counting on the LACPDUs of the daemon before the restart: its own timeout.</summary>
    internal long ResumeUntil { get; set; }

    /// <summary>The last LACPDU received while the port's link was down, and when.</summary>
    internal (LacpInfo Actor, LacpInfo Partner, long At)? Held { get; set; }

    /// <summary>Marker Information PDUs answered with a Marker Response.</summary>
    public ulong MarkerResponses { get; internal set; }

    private long _markerWindow;
    private int _markersInWindow;

    /// <summary>Slow protocols may send at most ten frames a second on a link (802.3 Annex 43B); markers get
    /// half of that, so a flood of Marker PDUs cannot crowd out our LACPDUs or make us a reflector.</summary>
    internal bool TryTakeMarkerSlot(long now)
    {
        const int perSecond = 5;
        if (now - _markerWindow >= 1000)
        {
            _markerWindow = now;
            _markersInWindow = 0;
        }

        return ++_markersInWindow <= perSecond;
    }

    /// <summary>802.1AX: at most three LACPDUs in any fast periodic time (1 s).</summary>
    internal long NextSendAllowed(int windowMs) => _sentAt[_sentNext] + windowMs;

    internal void ResetTxLimit() => _sentAt.AsSpan().Fill(long.MinValue / 2);

    internal void RecordSend(long now)
    {
        _sentAt[_sentNext] = now;
        _sentNext = (_sentNext + 1) % TxBurst;
    }

    /// <summary>The earliest of this port's deadlines.</summary>
    internal long NextDeadline(int windowMs)
    {
        long next = PeriodicAt < TimeoutAt ? PeriodicAt : TimeoutAt;
        if (Ntt)
        {
            long tx = NextSendAllowed(windowMs);
            next = tx < next ? tx : next;
        }

        return next;
    }

    public override string ToString() => Port.Name;
}

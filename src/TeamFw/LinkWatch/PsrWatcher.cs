// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Text.Json;
using TeamFw.Config;
using TeamFw.Native.Sockets;
using TeamFw.Packets;

namespace TeamFw.LinkWatch;

/// <summary>
/// Periodic send/receive (teamd's psr template, behind arp_ping and nsna_ping): every interval a probe
/// goes out (on enabled ports, or all ports while none is enabled, or always with send_always); a
/// matching reply brings the verdict up at once; missed_max consecutive intervals without one bring it
/// down. (teamd waits one interval more — "exceeded" — which is 500 ms instead of 400 ms at 100 ms × 3;
/// teamfw counts the interval whose probe went unanswered, so the port goes down after interval × missed_max.)
/// The verdict starts down: a port is up only once its target has answered.
/// </summary>
public abstract class PsrWatcher : LinkWatcher
{
    private readonly byte[] _rx = new byte[2048];
    private IFrameChannel? _channel;
    private long _next;
    private bool _replyReceived;
    private bool _wasSending;

    protected PsrWatcher(LinkWatchConfig config, IWatchHost host) : base(config, host)
    {
    }

    /// <summary>Consecutive intervals without a reply.</summary>
    public int Missed { get; private set; }

    public override long NextDeadline => _channel is null ? long.MaxValue : _next;

    public override int Fd => _channel?.Fd ?? -1;

    /// <summary>The ethertype the watcher's socket receives.</summary>
    protected abstract ushort EtherType { get; }

    /// <summary>The VLAN the probes go out and replies come in on; null for untagged.</summary>
    protected virtual int? VlanId => null;

    public override void Start(long now)
    {
        // Replies only from the watcher's VLAN (untagged without vlanid), whatever else the port carries.
        _channel = Host.OpenChannel(EtherType, RxFilter.OnVlan(EtherType, VlanId ?? 0));
        _next = now + Math.Max(Config.InitWait, 1);
    }

    public override void OnTimer(long now)
    {
        if (_channel is null || now < _next)
        {
            return;
        }

        _next += Math.Max(Config.Interval, 1);
        if (_next <= now)
        {
            _next = now + Math.Max(Config.Interval, 1);
        }

        bool forced = Host.ForcedSend || Config.SendAlways;
        if (_replyReceived)
        {
            Missed = 0;
        }
        else if (forced && !_wasSending)
        {
            // A backup that was only listening and now must probe (it became active, or no port is)
            // starts counting afresh: the intervals it could not probe in are not missed replies.
            Missed = 0;
        }
        else if (++Missed >= Math.Max(Config.MissedMax, 1))
        {
            SetVerdict(false, $"{Missed} probes unanswered (missed_max {Config.MissedMax})");
        }

        _replyReceived = false;
        _wasSending = forced || ProbesWhenIdle;
        if (forced || ProbesWhenIdle)
        {
            Span<byte> frame = stackalloc byte[128];
            int n = WriteProbe(frame, now, forced);
            if (n > 0)
            {
                _channel.Send(frame[..n]);
            }
        }
    }

    public override void OnReadable(long now)
    {
        if (_channel is null)
        {
            return;
        }

        while (true)
        {
            int n = _channel.Receive(_rx);
            if (n < 0)
            {
                return;
            }

            if (IsReply(_rx.AsSpan(0, n)))
            {
                _replyReceived = true;
                Missed = 0;
                SetVerdict(true, "reply received");
            }
        }
    }

    /// <summary>True when the watcher also probes from a port that is not forced to send (see nsna_ping).</summary>
    protected virtual bool ProbesWhenIdle => false;

    /// <summary>Writes the probe frame; 0 when it cannot be sent yet (target not resolved). <paramref name="forced"/> is
    /// false for an idle port's probe.</summary>
    protected abstract int WriteProbe(Span<byte> frame, long now, bool forced);

    protected abstract bool IsReply(ReadOnlySpan<byte> frame);

    public override void WriteState(Utf8JsonWriter w)
    {
        w.WriteNumber("interval", Config.Interval);
        w.WriteNumber("init_wait", Config.InitWait);
        w.WriteNumber("missed_max", Config.MissedMax);
        w.WriteNumber("missed", Missed);
    }

    public override void Dispose()
    {
        _channel?.Dispose();
        _channel = null;
        base.Dispose();
        GC.SuppressFinalize(this);
    }
}

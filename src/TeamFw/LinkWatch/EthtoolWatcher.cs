// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System.Text.Json;
using TeamFw.Cli.Teamdctl;
using TeamFw.Config;

namespace TeamFw.LinkWatch;

/// <summary>
/// ethtool: the port's carrier, as rtnetlink reports it (and the fast ETHTOOL_GLINK check), with
/// delay_up / delay_down: a change must last that long before the verdict follows; a flap back
/// within the delay changes nothing.
/// </summary>
public sealed class EthtoolWatcher : LinkWatcher
{
    private bool _carrier;
    private long _pendingDeadline;

    public static readonly WatchDescriptor Descriptor = new("ethtool", WatchKeys.Delay, static (c, h) => new EthtoolWatcher(c, h))
    {
        View = static (v, w) =>
        {
            v.Line(2, "link up delay: " + StateViewLines.Str(w, "delay_up"));
            v.Line(2, "link down delay: " + StateViewLines.Str(w, "delay_down"));
        },
    };

    public EthtoolWatcher(LinkWatchConfig config, IWatchHost host) : base(config, host)
    {
    }

    public override long NextDeadline => _pendingDeadline == 0 ? long.MaxValue : _pendingDeadline;

    public bool Pending => _pendingDeadline != 0;

    public override void OnCarrier(bool carrier, long now)
    {
        if (carrier == _carrier && _pendingDeadline == 0)
        {
            return;
        }

        _carrier = carrier;
        if (carrier == Up)
        {
            _pendingDeadline = 0; // flapped back within the delay
            return;
        }

        int delay = carrier ? Config.DelayUp : Config.DelayDown;
        if (delay <= 0)
        {
            _pendingDeadline = 0;
            SetVerdict(carrier, "carrier " + (carrier ? "up" : "down"));
        }
        else if (_pendingDeadline == 0)
        {
            _pendingDeadline = now + delay;
        }
    }

    public override void OnTimer(long now)
    {
        if (_pendingDeadline != 0 && now >= _pendingDeadline)
        {
            _pendingDeadline = 0;
            SetVerdict(_carrier, $"carrier {(_carrier ? "up" : "down")} for {(_carrier ? Config.DelayUp : Config.DelayDown)} ms");
        }
    }

    public override void WriteState(Utf8JsonWriter w)
    {
        w.WriteNumber("delay_up", Config.DelayUp);
        w.WriteNumber("delay_down", Config.DelayDown);
    }
}

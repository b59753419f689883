// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using TeamFw.Cli.Teamdctl;
using TeamFw.Config;
using TeamFw.Packets;

namespace TeamFw.LinkWatch;

/// <summary>
/// nsna_ping: neighbour solicitations for target_host; an advertisement for it is the reply. The port's
/// own IPv6 is off while it is enslaved, so the solicitation is built here, from the team's link-local
/// address (or :: before the team has one, a DAD-style probe that the target answers to all-nodes).
/// A port that carries no traffic (a backup) probes too — unlike teamd, where such a port never sees a
/// reply again and stays down for good (libteam#66) — but DAD-style, from :: and its own MAC: the switch
/// keeps the team MAC where it is, and the target's answer to all-nodes reaches every port.
/// </summary>
public sealed class NsnaPingWatcher : PsrWatcher
{
    private readonly HostResolver _target;
    private readonly byte[] _targetBytes = new byte[16];

    public static readonly WatchDescriptor Descriptor = new("nsna_ping", WatchKeys.Ping, static (c, h) => new NsnaPingWatcher(c, h))
    {
        HostFamily = AddressFamily.InterNetworkV6,
        DrivesUserLinkup = true,
        View = static (v, w) =>
        {
            v.Line(2, "target host: " + StateViewLines.Str(w, "target_host"));
            v.Line(2, "interval: " + StateViewLines.Str(w, "interval"));
            v.Line(2, $"missed packets: {StateViewLines.Str(w, "missed")}/{StateViewLines.Str(w, "missed_max")}");
            v.Line(2, "initial wait: " + StateViewLines.Str(w, "init_wait"));
        },
    };

    public NsnaPingWatcher(LinkWatchConfig config, IWatchHost host) : base(config, host)
    {
        string t = config.TargetHost ?? "::";
        int pct = t.IndexOf('%', StringComparison.Ordinal);
        _target = new HostResolver(pct >= 0 ? t[..pct] : t, AddressFamily.InterNetworkV6);
    }

    protected override ushort EtherType => Ndisc.EtherType;

    protected override bool ProbesWhenIdle => true;

    protected override int WriteProbe(Span<byte> frame, long now, bool forced)
    {
        IPAddress? target = _target.Poll(now);
        if (target is null)
        {
            return 0;
        }

        target.TryWriteBytes(_targetBytes, out _);
        Span<byte> source = stackalloc byte[16];
        source.Clear();
        if (!forced)
        {
            return Ndisc.WriteSolicitation(frame, Host.PortOwnMac, source, _targetBytes);
        }

        Host.TeamLinkLocal?.TryWriteBytes(source, out _);
        return Ndisc.WriteSolicitation(frame, Host.TeamMac, source, _targetBytes);
    }

    protected override bool IsReply(ReadOnlySpan<byte> frame) => _target.Address is not null && Ndisc.IsAdvertisementFor(frame, _targetBytes);

    public override void WriteState(Utf8JsonWriter w)
    {
        w.WriteString("target_host", _target.Address?.ToString() ?? _target.Host);
        base.WriteState(w);
    }
}

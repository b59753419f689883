// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using TeamFw.Cli.Teamdctl;
using TeamFw.Config;
using TeamFw.Packets;

namespace TeamFw.LinkWatch;

/// <summary>
/// arp_ping: ARP requests for target_host from source_host (default 0.0.0.0: an RFC 5227 probe, which
/// needs no address on the port). Without validation any ARP frame on the port counts as a reply — so a
/// backup port that does not send still sees the active port's requests flooded back by the switch; with
/// validate_active / validate_inactive (by whether the port is enabled) only a reply or request between
/// source and target counts.
/// </summary>
public sealed class ArpPingWatcher : PsrWatcher
{
    private readonly HostResolver _target;
    private readonly HostResolver _source;

    public static readonly WatchDescriptor Descriptor = new("arp_ping", WatchKeys.Ping | WatchKeys.Arp, static (c, h) => new ArpPingWatcher(c, h))
    {
        HostFamily = AddressFamily.InterNetwork,
        DrivesUserLinkup = true,
        View = static (v, w) =>
        {
            v.Line(2, "source host: " + StateViewLines.Str(w, "source_host"));
            v.Line(2, "target host: " + StateViewLines.Str(w, "target_host"));
            v.Line(2, "interval: " + StateViewLines.Str(w, "interval"));
            v.Line(2, $"missed packets: {StateViewLines.Str(w, "missed")}/{StateViewLines.Str(w, "missed_max")}");
            v.Line(2, "validate_active: " + StateViewLines.YesNo(w, "validate_active"));
            v.Line(2, "validate_inactive: " + StateViewLines.YesNo(w, "validate_inactive"));
            v.Line(2, "send_always: " + StateViewLines.YesNo(w, "send_always"));
            v.Line(2, "initial wait: " + StateViewLines.Str(w, "init_wait"));
        },
    };

    public ArpPingWatcher(LinkWatchConfig config, IWatchHost host) : base(config, host)
    {
        _target = new HostResolver(config.TargetHost ?? "0.0.0.0", AddressFamily.InterNetwork);
        _source = new HostResolver(config.SourceHost ?? "0.0.0.0", AddressFamily.InterNetwork);
    }

    protected override ushort EtherType => Arp.EtherType;

    protected override int? VlanId => Config.VlanId;

    protected override int WriteProbe(Span<byte> frame, long now, bool forced)
    {
        IPAddress? target = _target.Poll(now);
        IPAddress? source = _source.Poll(now);
        if (target is null || source is null)
        {
            return 0;
        }

        return Arp.WriteRequest(frame, Host.TeamMac, ToUInt(source), ToUInt(target), Config.VlanId ?? -1);
    }

    protected override bool IsReply(ReadOnlySpan<byte> frame)
    {
        if (!Arp.TryParse(frame, out ArpInfo arp))
        {
            return false;
        }

        bool validate = Host.PortEnabled ? Config.ValidateActive : Config.ValidateInactive;
        if (!validate)
        {
            return true;
        }

        if (!arp.EthernetIpv4 || _target.Address is null || _source.Address is null)
        {
            return false;
        }

        uint t = ToUInt(_target.Address), s = ToUInt(_source.Address);
        return (arp.SenderIp == t && arp.TargetIp == s) || (arp.SenderIp == s && arp.TargetIp == t);
    }

    public static uint ToUInt(IPAddress a)
    {
        Span<byte> b = stackalloc byte[4];
        a.TryWriteBytes(b, out _);
        return BinaryPrimitives.ReadUInt32BigEndian(b);
    }

    public override void WriteState(Utf8JsonWriter w)
    {
        w.WriteString("source_host", _source.Address?.ToString() ?? _source.Host);
        w.WriteString("target_host", _target.Address?.ToString() ?? _target.Host);
        base.WriteState(w);
        w.WriteBoolean("validate_active", Config.ValidateActive);
        w.WriteBoolean("validate_inactive", Config.ValidateInactive);
        w.WriteBoolean("send_always", Config.SendAlways);
        if (Config.VlanId is int v)
        {
            w.WriteNumber("vlanid", v);
        }
    }
}

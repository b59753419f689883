// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;

namespace TeamFw.Logging;

/// <summary>
/// Every log event, with a stable id. 1xxx daemon, 2xxx ports, 3xxx runners and link watchers, 4xxx
/// config, 5xxx control socket. Per-packet events never log at Information.
/// </summary>
/// <remarks>
/// Written out rather than generated with [LoggerMessage] (STYLE R11), for size: the generator gives
/// each event its own LogValues&lt;…&gt; state type, formatter delegate and generic-virtual
/// ILogger.Log instantiation, and under Native AOT that came to about 2.5 KB of binary per event
/// (113 KB for 34 events, ILC map file). Here every event is one ILogger.Log&lt;string&gt; call and the
/// message is formatted only when the level is enabled, as the generated code did.
/// </remarks>
internal static partial class Log
{
    private static readonly Func<string, Exception?, string> s_text = static (text, _) => text;

    /// <summary>Why the daemon did not start or took no config (event id 0, as these lines always had).</summary>
    public static void StartFailed(ILogger log, string error)
        => Write(log, LogLevel.Error, new(0, nameof(StartFailed)), $"{error}");

    public static void TeamUp(ILogger log, string team, string runner, string mode, int ports, string mac, int mtu, int ifIndex)
        => Write(log, LogLevel.Information, new(1001, nameof(TeamUp)), $"{team}: team up: runner {runner}, mode {mode}, {ports} port(s), mac {mac}, mtu {mtu}, ifindex {ifIndex}");

    public static void TeamDown(ILogger log, string team)
        => Write(log, LogLevel.Information, new(1002, nameof(TeamDown)), $"{team}: team down");

    public static void TeamCarrier(ILogger log, string team, string state)
        => Write(log, LogLevel.Information, new(1003, nameof(TeamCarrier)), $"{team}: carrier {state}");

    public static void Signal(ILogger log, string signal)
        => Write(log, LogLevel.Information, new(1004, nameof(Signal)), $"received {signal}");

    public static void ReloadFailed(ILogger log, string reason)
        => Write(log, LogLevel.Error, new(1005, nameof(ReloadFailed)), $"reload refused, nothing changed: {reason}");

    public static void Reload(ILogger log, string what)
        => Write(log, LogLevel.Information, new(1006, nameof(Reload)), $"reload: {what}");

    public static void State(ILogger log, string text)
        => Write(log, LogLevel.Information, new(1007, nameof(State)), $"{text}");

    public static void DataPathFailed(ILogger log, string thread, string error)
        => Write(log, LogLevel.Critical, new(1008, nameof(DataPathFailed)), $"{thread}: data path failed: {error}");

    public static void Started(ILogger log, string version, int pid)
        => Write(log, LogLevel.Information, new(1009, nameof(Started)), $"teamfw {version} running, pid {pid}");

    public static void MtuChanged(ILogger log, string team, int old, int @new)
        => Write(log, LogLevel.Information, new(1010, nameof(MtuChanged)), $"{team}: mtu {old} -> {@new} on the team and every port");

    public static void MtuRefused(ILogger log, string team, int @new, string port, string error, int old)
        => Write(log, LogLevel.Error, new(1011, nameof(MtuRefused)), $"{team}: mtu {@new} refused by port {port} ({error}); team and ports back to {old}");

    public static void MtuRollbackFailed(ILogger log, string team, string device, int old, string error)
        => Write(log, LogLevel.Error, new(2013, nameof(MtuRollbackFailed)), $"{team}: mtu {old} could not be put back on {device} ({error}); it is left as it is");

    public static void DataPathStuck(ILogger log, string thread, long ms, string consequence)
        => Write(log, LogLevel.Error, new(1019, nameof(DataPathStuck)), $"{thread}: no quiescent point in {ms} ms (stuck or starved of CPU); {consequence}");

    public static void DataPathCaughtUp(ILogger log, string thread, long ms, string what)
        => Write(log, LogLevel.Warning, new(1020, nameof(DataPathCaughtUp)), $"{thread}: quiescent again after about {ms} ms; {what} released");

    public static void PortAdded(ILogger log, string team, string port, string original)
        => Write(log, LogLevel.Information, new(2001, nameof(PortAdded)), $"{team}: port {port} added (was {original})");

    public static void PortRemoved(ILogger log, string team, string port, string reason)
        => Write(log, LogLevel.Information, new(2002, nameof(PortRemoved)), $"{team}: port {port} removed ({reason})");

    public static void PortRestoreFailed(ILogger log, string port, string what, string error)
        => Write(log, LogLevel.Warning, new(2003, nameof(PortRestoreFailed)), $"port {port}: {what} failed: {error}");

    public static void PortLink(ILogger log, string team, string port, string state, string reason)
        => Write(log, LogLevel.Information, new(2004, nameof(PortLink)), $"{team}: port {port} link {state} ({reason})");

    public static void PortEnabled(ILogger log, string team, string port, string state)
        => Write(log, LogLevel.Information, new(2005, nameof(PortEnabled)), $"{team}: port {port} {state}");

    public static void PortVanished(ILogger log, string team, string port)
        => Write(log, LogLevel.Warning, new(2006, nameof(PortVanished)), $"{team}: port {port} vanished; removed from the team");

    public static void PortAddFailed(ILogger log, string team, string port, string reason)
        => Write(log, LogLevel.Error, new(2007, nameof(PortAddFailed)), $"{team}: cannot add port {port}: {reason}");

    public static void RingDrops(ILogger log, string team, string port, uint drops)
        => Write(log, LogLevel.Warning, new(2008, nameof(RingDrops)), $"{team}: port {port} receive ring dropped {drops} frame(s)");

    public static void TxRingUnavailable(ILogger log, string team, string port, string reason)
        => Write(log, LogLevel.Warning, new(2009, nameof(TxRingUnavailable)), $"{team}: port {port} has no TX ring ({reason}); it transmits with sendmmsg");

    public static void ActivePortChanged(ILogger log, string team, string old, string @new, string reason)
        => Write(log, LogLevel.Information, new(3001, nameof(ActivePortChanged)), $"{team}: active port {old} -> {@new} ({reason})");

    public static void PeersNotified(ILogger log, string team, string port, int count)
        => Write(log, LogLevel.Information, new(3002, nameof(PeersNotified)), $"{team}: peers notified on {port}: {count} gratuitous ARP / unsolicited NA");

    public static void McastRejoined(ILogger log, string team, string port, int v4, int v6)
        => Write(log, LogLevel.Information, new(3003, nameof(McastRejoined)), $"{team}: multicast rejoin on {port}: {v4} IPv4 and {v6} IPv6 group(s) reported");

    public static void TeamMacChanged(ILogger log, string team, string mac, string port)
        => Write(log, LogLevel.Information, new(3004, nameof(TeamMacChanged)), $"{team}: team MAC now {mac}, the active port {port}'s (hwaddr_policy by_active)");

    public static void HwAddrFailed(ILogger log, string team, string policy, string error)
        => Write(log, LogLevel.Error, new(3005, nameof(HwAddrFailed)), $"{team}: hwaddr_policy {policy}: {error}");

    public static void ConfigWarning(ILogger log, string warning)
        => Write(log, LogLevel.Warning, new(4001, nameof(ConfigWarning)), $"{warning}");

    private static void Write(ILogger log, LogLevel level, EventId id, [InterpolatedStringHandlerArgument(nameof(log), nameof(level))] ref LogMessage message)
    {
        if (message.Enabled)
        {
#pragma warning disable CA1873 // built only when message.Enabled
            log.Log(level, id, message.ToStringAndClear(), null, s_text);
#pragma warning restore CA1873
        }
    }
}

// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using Microsoft.Extensions.Logging;

namespace TeamFw.Logging;

/// <summary>
/// Every log event, source-generated with a stable id. 1xxx daemon, 2xxx ports, 3xxx runners and
/// link watchers, 4xxx config. Per-packet events never log at Information.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "{Team}: team up: runner {Runner}, mode {Mode}, {Ports} port(s), mac {Mac}, mtu {Mtu}, ifindex {IfIndex}")]
    public static partial void TeamUp(ILogger log, string team, string runner, string mode, int ports, string mac, int mtu, int ifIndex);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "{Team}: team down")]
    public static partial void TeamDown(ILogger log, string team);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "{Team}: carrier {State}")]
    public static partial void TeamCarrier(ILogger log, string team, string state);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Information, Message = "received {Signal}")]
    public static partial void Signal(ILogger log, string signal);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Error, Message = "reload refused, nothing changed: {Reason}")]
    public static partial void ReloadFailed(ILogger log, string reason);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Information, Message = "reload: {What}")]
    public static partial void Reload(ILogger log, string what);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Information, Message = "{Text}")]
    public static partial void State(ILogger log, string text);

    [LoggerMessage(EventId = 1008, Level = LogLevel.Critical, Message = "{Thread}: data path failed: {Error}")]
    public static partial void DataPathFailed(ILogger log, string thread, string error);

    [LoggerMessage(EventId = 1009, Level = LogLevel.Information, Message = "teamfw {Version} running, pid {Pid}")]
    public static partial void Started(ILogger log, string version, int pid);

    [LoggerMessage(EventId = 1010, Level = LogLevel.Information, Message = "{Team}: mtu {Old} -> {New} on the team and every port")]
    public static partial void MtuChanged(ILogger log, string team, int old, int @new);

    [LoggerMessage(EventId = 1011, Level = LogLevel.Error, Message = "{Team}: mtu {New} refused by port {Port} ({Error}); team and ports back to {Old}")]
    public static partial void MtuRefused(ILogger log, string team, int @new, string port, string error, int old);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "{Team}: port {Port} added (was {Original})")]
    public static partial void PortAdded(ILogger log, string team, string port, string original);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "{Team}: port {Port} removed ({Reason})")]
    public static partial void PortRemoved(ILogger log, string team, string port, string reason);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "port {Port}: {What} failed: {Error}")]
    public static partial void PortRestoreFailed(ILogger log, string port, string what, string error);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Information, Message = "{Team}: port {Port} link {State} ({Reason})")]
    public static partial void PortLink(ILogger log, string team, string port, string state, string reason);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Information, Message = "{Team}: port {Port} {State}")]
    public static partial void PortEnabled(ILogger log, string team, string port, string state);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Warning, Message = "{Team}: port {Port} vanished; removed from the team")]
    public static partial void PortVanished(ILogger log, string team, string port);

    [LoggerMessage(EventId = 2007, Level = LogLevel.Error, Message = "{Team}: cannot add port {Port}: {Reason}")]
    public static partial void PortAddFailed(ILogger log, string team, string port, string reason);

    [LoggerMessage(EventId = 2008, Level = LogLevel.Warning, Message = "{Team}: port {Port} receive ring dropped {Drops} frame(s)")]
    public static partial void RingDrops(ILogger log, string team, string port, uint drops);

    [LoggerMessage(EventId = 2009, Level = LogLevel.Warning, Message = "{Team}: port {Port} has no TX ring ({Reason}); it transmits with sendmmsg")]
    public static partial void TxRingUnavailable(ILogger log, string team, string port, string reason);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "{Team}: active port {Old} -> {New} ({Reason})")]
    public static partial void ActivePortChanged(ILogger log, string team, string old, string @new, string reason);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "{Team}: peers notified on {Port}: {Count} gratuitous ARP / unsolicited NA")]
    public static partial void PeersNotified(ILogger log, string team, string port, int count);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Information, Message = "{Team}: multicast rejoin on {Port}: {V4} IPv4 and {V6} IPv6 group(s) reported")]
    public static partial void McastRejoined(ILogger log, string team, string port, int v4, int v6);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Information, Message = "{Team}: team MAC now {Mac}, the active port {Port}'s (hwaddr_policy by_active)")]
    public static partial void TeamMacChanged(ILogger log, string team, string mac, string port);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Error, Message = "{Team}: hwaddr_policy {Policy}: {Error}")]
    public static partial void HwAddrFailed(ILogger log, string team, string policy, string error);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "{Warning}")]
    public static partial void ConfigWarning(ILogger log, string warning);
}

// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using Microsoft.Extensions.Logging;

namespace TeamFw.Runners.Lacp;

/// <summary>The lacp runner's log lines: each transition once, never per LACPDU.</summary>
internal static partial class LacpLog
{
    [LoggerMessage(EventId = 7001, Level = LogLevel.Information, Message = "{Team}: port {Port} LACP state {Old} -> {New} ({Reason})")]
    public static partial void StateChanged(ILogger log, string team, string port, string old, string @new, string reason);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Information, Message = "{Team}: port {Port} LACP partner {Partner} (system priority {Priority}, key {Key}, port {PartnerPort})")]
    public static partial void PartnerChanged(ILogger log, string team, string port, string partner, int priority, int key, int partnerPort);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Information, Message = "{Team}: port {Port} {What} aggregator {Aggregator}")]
    public static partial void PortAggregator(ILogger log, string team, string port, string what, int aggregator);

    [LoggerMessage(EventId = 7004, Level = LogLevel.Information, Message = "{Team}: aggregator {Aggregator} selected ({Policy}{Why})")]
    public static partial void AggregatorSelected(ILogger log, string team, int aggregator, string policy, string why);

    [LoggerMessage(EventId = 7005, Level = LogLevel.Warning, Message = "{Team}: port {Port} receives its own LACPDUs (looped back to the same team); not selected")]
    public static partial void Loopback(ILogger log, string team, string port);

    [LoggerMessage(EventId = 7006, Level = LogLevel.Debug, Message = "{Team}: port {Port} LACPDU {Status} ignored")]
    public static partial void BadPdu(ILogger log, string team, string port, string status);
}

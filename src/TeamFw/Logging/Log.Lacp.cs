// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using Microsoft.Extensions.Logging;

namespace TeamFw.Logging;

/// <summary>The lacp runner's events (31xx): each transition once, never per LACPDU.</summary>
internal static partial class Log
{
    public static void LacpStateChanged(ILogger log, string team, string port, string old, string @new, string reason)
        => Write(log, LogLevel.Information, new(3101, nameof(LacpStateChanged)), $"{team}: port {port} LACP state {old} -> {@new} ({reason})");

    public static void LacpPartnerChanged(ILogger log, string team, string port, string partner, int priority, int key, int partnerPort)
        => Write(log, LogLevel.Information, new(3102, nameof(LacpPartnerChanged)), $"{team}: port {port} LACP partner {partner} (system priority {priority}, key {key}, port {partnerPort})");

    public static void LacpPortAggregator(ILogger log, string team, string port, string what, int aggregator)
        => Write(log, LogLevel.Information, new(3103, nameof(LacpPortAggregator)), $"{team}: port {port} {what} aggregator {aggregator}");

    public static void LacpAggregatorSelected(ILogger log, string team, int aggregator, string policy, string why)
        => Write(log, LogLevel.Information, new(3104, nameof(LacpAggregatorSelected)), $"{team}: aggregator {aggregator} selected ({policy}{why})");

    public static void LacpLoopback(ILogger log, string team, string port)
        => Write(log, LogLevel.Warning, new(3105, nameof(LacpLoopback)), $"{team}: port {port} receives its own LACPDUs (looped back to the same team); not selected");

    public static void LacpTeamAdmin(ILogger log, string team, string what)
        => Write(log, LogLevel.Information, new(3107, nameof(LacpTeamAdmin)), $"{team}: team device administratively {what}");

    public static void LacpBadPdu(ILogger log, string team, string port, string status)
        => Write(log, LogLevel.Debug, new(3106, nameof(LacpBadPdu)), $"{team}: port {port} LACPDU {status} ignored");

    public static void LacpNotResumed(ILogger log, string team, string port, string why)
        => Write(log, LogLevel.Information, new(3108, nameof(LacpNotResumed)), $"{team}: port {port} starts LACP afresh: {why}");
}

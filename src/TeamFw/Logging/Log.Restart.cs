// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using Microsoft.Extensions.Logging;

namespace TeamFw.Logging;

/// <summary>The state file, and what a daemon takes back from the one before it (README, "Crashes and restarts").</summary>
internal static partial class Log
{
    public static void StateIgnored(ILogger log, string why)
        => Write(log, LogLevel.Warning, new(1012, nameof(StateIgnored)), $"state file {why}");

    public static void StateFound(ILogger log, string path, int pid, int teams, int ports)
        => Write(log, LogLevel.Information, new(1013, nameof(StateFound)), $"state file {path}: left by pid {pid}: {teams} team device(s), {ports} port(s) to take back");

    public static void TeamReattached(ILogger log, string team, int ifIndex)
        => Write(log, LogLevel.Information, new(1014, nameof(TeamReattached)), $"{team}: taken back from the previous daemon (ifindex {ifIndex}, addresses and routes kept)");

    public static void TeamKept(ILogger log, string team)
        => Write(log, LogLevel.Information, new(1015, nameof(TeamKept)), $"{team}: kept for the next daemon (no carrier until it starts; ports left as they are)");

    public static void LeftoverTeam(ILogger log, string team, string what)
        => Write(log, LogLevel.Information, new(1016, nameof(LeftoverTeam)), $"{team}: left by the previous daemon and not configured now: {what}");

    public static void StateWriteFailed(ILogger log, string what, string error)
        => Write(log, LogLevel.Error, new(1017, nameof(StateWriteFailed)), $"state file: {what}: {error}");

    public static void RestoreIgnored(ILogger log, string team, string why)
        => Write(log, LogLevel.Warning, new(1018, nameof(RestoreIgnored)), $"{team}: the runner state of the previous daemon is not used: {why}");

    public static void PortTakenBack(ILogger log, string team, string port)
        => Write(log, LogLevel.Information, new(2010, nameof(PortTakenBack)), $"{team}: port {port} taken back from the previous daemon, with the state it had before teamfw");

    public static void PortRecordDropped(ILogger log, string port, string why)
        => Write(log, LogLevel.Warning, new(2011, nameof(PortRecordDropped)), $"port {port}: the previous daemon's record is not used: {why}");

    public static void LeftoverPort(ILogger log, string port, string what)
        => Write(log, LogLevel.Information, new(2012, nameof(LeftoverPort)), $"port {port}: left by the previous daemon and not configured now: {what}");
}

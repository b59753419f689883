// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Linq;
using TeamFw.Config;

namespace TeamFw.Daemon;

/// <summary>What a reload may change in place (ports) and what needs the team rebuilt (everything else).</summary>
public static class ConfigDiff
{
    /// <summary>True when two configs differ at most in their ports (and their source text).</summary>
    public static bool SameTeamSettings(TeamConfig a, TeamConfig b)
    {
        return a.Device == b.Device
            && SameBytes(a.HwAddr, b.HwAddr)
            && a.DebugLevel == b.DebugLevel
            && SameRunner(a.Runner, b.Runner)
            && a.LinkWatch.SequenceEqual(b.LinkWatch)
            && a.LinkWatchPolicy == b.LinkWatchPolicy
            && a.NotifyPeers == b.NotifyPeers
            && a.McastRejoin == b.McastRejoin
            && a.TeamFw == b.TeamFw;
    }

    public static bool SamePort(PortConfig a, PortConfig b)
    {
        return a.Name == b.Name && a.Prio == b.Prio && a.Sticky == b.Sticky && a.QueueId == b.QueueId
            && a.LacpPrio == b.LacpPrio && a.LacpKey == b.LacpKey
            && (a.LinkWatch is null ? b.LinkWatch is null : b.LinkWatch is not null && a.LinkWatch.SequenceEqual(b.LinkWatch));
    }

    private static bool SameRunner(RunnerConfig a, RunnerConfig b)
        => (a with { TxHash = Array.Empty<string>() }) == (b with { TxHash = Array.Empty<string>() }) && a.TxHash.SequenceEqual(b.TxHash);

    private static bool SameBytes(byte[]? a, byte[]? b)
        => a is null ? b is null : b is not null && a.AsSpan().SequenceEqual(b);
}

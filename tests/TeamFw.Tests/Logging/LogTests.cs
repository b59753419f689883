// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;
using Microsoft.Extensions.Logging;
using TeamFw.Logging;
using Xunit;

namespace TeamFw.Tests.Logging;

public sealed class LogTests
{
    [Fact]
    public void Event_WritesIdNameLevelAndInvariantText()
    {
        var log = new RecordingLogger(LogLevel.Trace);

        Log.TeamUp(log, "team0", "activebackup", "activebackup", 2, "02:00:00:00:00:01", 1500, 7);
        Log.RingDrops(log, "team0", "eth1", 4_000_000_000u);

        Assert.Equal(
            [
                (LogLevel.Information, 1001, "TeamUp", "team0: team up: runner activebackup, mode activebackup, 2 port(s), mac 02:00:00:00:00:01, mtu 1500, ifindex 7"),
                (LogLevel.Warning, 2008, "RingDrops", "team0: port eth1 receive ring dropped 4000000000 frame(s)"),
            ],
            log.Entries);
    }

    [Fact]
    public void StartFailed_KeepsEventIdZero()
    {
        var log = new RecordingLogger(LogLevel.Trace);

        Log.StartFailed(log, "no such file");

        Assert.Equal((LogLevel.Error, 0, "StartFailed", "no such file"), Assert.Single(log.Entries));
    }

    [Fact]
    public void Event_BelowTheLevel_IsNotFormattedOrLogged()
    {
        var log = new RecordingLogger(LogLevel.Warning);

        Log.Signal(log, "SIGHUP");
        Log.ControlAcceptFailed(log, "EMFILE");

        Assert.Equal((LogLevel.Warning, 5002, "ControlAcceptFailed", "control socket: accept failed: EMFILE"), Assert.Single(log.Entries));
    }

    private sealed class RecordingLogger(LogLevel min) : ILogger
    {
        public List<(LogLevel, int, string?, string)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= min;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            => Entries.Add((logLevel, eventId.Id, eventId.Name, formatter(state, exception)));
    }
}

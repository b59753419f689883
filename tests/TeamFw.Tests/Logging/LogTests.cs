// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.RegularExpressions;
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

    /// <summary>An event id names one event (README, Architecture: "one log event per id").</summary>
    [Fact]
    public void EventIds_AreUnique()
    {
        string dir = AppContext.BaseDirectory;
        while (!Directory.Exists(Path.Combine(dir, "src", "TeamFw", "Logging")))
        {
            dir = Path.GetDirectoryName(dir) ?? throw new DirectoryNotFoundException("src/TeamFw/Logging above " + AppContext.BaseDirectory);
        }

        var names = new Dictionary<int, string>();
        var duplicates = new List<string>();
        foreach (string file in Directory.GetFiles(Path.Combine(dir, "src", "TeamFw", "Logging"), "*.cs"))
        {
            foreach (Match m in Regex.Matches(File.ReadAllText(file), @"new\((\d+), nameof\((\w+)\)\)"))
            {
                int id = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
                if (id != 0 && !names.TryAdd(id, m.Groups[2].Value))
                {
                    duplicates.Add($"{id}: {names[id]} and {m.Groups[2].Value}");
                }
            }
        }

        Assert.True(names.Count > 40, $"only {names.Count} event ids found under {dir}");
        Assert.Empty(duplicates);
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

// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.IO;
using Microsoft.Extensions.Logging;
using TeamFw.Logging;
using Xunit;

namespace TeamFw.Tests.Logging;

public sealed class SingleLineFormatTests
{
    private static readonly DateTimeOffset s_time = new(2025, 1, 31, 12, 0, 0, 7, TimeSpan.Zero);

    [Fact]
    public void Format_Message_SimpleConsoleSingleLine()
    {
        Assert.Equal(
            "2025-01-31 12:00:00.007 info: teamfw[1009] teamfw 0.1.0 running, pid 7" + Environment.NewLine,
            SingleLineFormat.Format(s_time, LogLevel.Information, "teamfw", 1009, "teamfw 0.1.0 running, pid 7", null));
    }

    [Fact]
    public void Format_LineBreaksAndException_OnOneLine()
    {
        string? line = SingleLineFormat.Format(s_time, LogLevel.Error, "teamfw", 5, "a" + Environment.NewLine + "b", new InvalidOperationException("x"));

        Assert.StartsWith("2025-01-31 12:00:00.007 fail: teamfw[5] a b System.InvalidOperationException: x", line, StringComparison.Ordinal);
        Assert.Single(line!.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Format_NoMessageNoException_Null()
    {
        Assert.Null(SingleLineFormat.Format(s_time, LogLevel.Warning, "teamfw", 1, null, null));
    }

    [Fact]
    public void StderrLogger_WritesOneLinePerEntry()
    {
        var w = new StringWriter();
        ILogger log = new StderrLoggerProvider(w).CreateLogger("teamfw");

        Log.Signal(log, "SIGHUP");

        Assert.Matches(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} info: teamfw\[1004\] received SIGHUP\r?\n$", w.ToString());
    }
}

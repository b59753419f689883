// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;

namespace TeamFw.Logging;

/// <summary>
/// Microsoft.Extensions.Logging.Console's "simple" format with <c>SingleLine = true</c>, no colours
/// and no scopes: <c>2025-01-31 12:00:00.000 info: teamfw[1009] teamfw 0.1.0 running, pid 7</c>,
/// line breaks in a message or exception turned into spaces.
/// </summary>
internal static class SingleLineFormat
{
    public const string TimestampFormat = "yyyy-MM-dd HH:mm:ss.fff ";

    /// <summary>One entry as one line, with its line break; null when it has neither message nor exception.</summary>
    public static string? Format(DateTimeOffset time, LogLevel level, string category, int eventId, string? message, Exception? exception)
    {
        if (exception is null && message is null)
        {
            return null;
        }

        var line = new StringBuilder(128);
        line.Append(time.ToString(TimestampFormat, CultureInfo.InvariantCulture))
            .Append(LevelName(level))
            .Append(": ")
            .Append(category)
            .Append('[')
            .Append(eventId.ToString(CultureInfo.InvariantCulture))
            .Append(']');
        AppendOneLine(line, message);
        AppendOneLine(line, exception?.ToString());
        return line.Append(Environment.NewLine).ToString();
    }

    /// <summary>The four-letter level names of the simple format.</summary>
    public static string LevelName(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        LogLevel.Critical => "crit",
        _ => throw new ArgumentOutOfRangeException(nameof(level)),
    };

    private static void AppendOneLine(StringBuilder line, string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        line.Append(' ').Append(text.Replace(Environment.NewLine, " ", StringComparison.Ordinal));
    }
}

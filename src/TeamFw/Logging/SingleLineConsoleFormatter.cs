// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Globalization;
using System.IO;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace TeamFw.Logging;

/// <summary>
/// Microsoft.Extensions.Logging.Console's "simple" format with <c>SingleLine = true</c>, no colours
/// and no scopes (SPEC §6): <c>2025-01-31 12:00:00.000 info: teamfw[1009] teamfw 0.1.0 running, pid 7</c>,
/// line breaks in a message or exception turned into spaces. The built-in SimpleConsoleFormatter is
/// internal and can only be given options through the dependency-injection container that
/// <c>LoggerFactory.Create</c> builds; that container's reflection-based activation was the
/// largest avoidable part of the binary (README, Runtime footprint). This formatter plugs into the
/// same <see cref="ConsoleLoggerProvider"/> (its queue and stderr writer) without it.
/// </summary>
internal sealed class SingleLineConsoleFormatter : ConsoleFormatter
{
    public const string TimestampFormat = "yyyy-MM-dd HH:mm:ss.fff ";

    public SingleLineConsoleFormatter()
        : base(ConsoleFormatterNames.Simple)
    {
    }

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        string? message = logEntry.Formatter?.Invoke(logEntry.State, logEntry.Exception);
        if (logEntry.Exception is null && message is null)
        {
            return;
        }

        textWriter.Write(DateTimeOffset.Now.ToString(TimestampFormat, CultureInfo.InvariantCulture));
        textWriter.Write(LevelName(logEntry.LogLevel));
        textWriter.Write(": ");
        textWriter.Write(logEntry.Category);
        textWriter.Write('[');
        textWriter.Write(logEntry.EventId.Id.ToString(CultureInfo.InvariantCulture));
        textWriter.Write(']');
        WriteOneLine(textWriter, message);
        WriteOneLine(textWriter, logEntry.Exception?.ToString());
        textWriter.Write(Environment.NewLine);
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

    private static void WriteOneLine(TextWriter w, string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        w.Write(' ');
        w.Write(text.Replace(Environment.NewLine, " ", StringComparison.Ordinal));
    }
}

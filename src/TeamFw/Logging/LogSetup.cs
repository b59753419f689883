// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace TeamFw.Logging;

/// <summary>Single-line console logging on stderr (serial consoles, procd and syslog capture), or syslog when daemonized.</summary>
internal static class LogSetup
{
    public static ILoggerFactory Create(LogLevel level, bool syslog)
    {
        return LoggerFactory.Create(b =>
        {
            b.SetMinimumLevel(level);
            if (syslog)
            {
                b.AddProvider(new SyslogLoggerProvider("teamfw"));
                return;
            }

            b.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
            b.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.IncludeScopes = false;
                o.TimestampFormat = "yyyy-MM-dd HH:mm:ss.fff ";
                o.ColorBehavior = LoggerColorBehavior.Disabled;
            });
        });
    }

    public static LogLevel Parse(string s) => s.ToLowerInvariant() switch
    {
        "trace" => LogLevel.Trace,
        "debug" => LogLevel.Debug,
        "info" or "information" => LogLevel.Information,
        "warn" or "warning" => LogLevel.Warning,
        "error" => LogLevel.Error,
        "critical" => LogLevel.Critical,
        "none" => LogLevel.None,
        _ => throw new ArgumentException($"unknown log level \"{s}\" (trace, debug, info, warning, error, critical, none)"),
    };
}

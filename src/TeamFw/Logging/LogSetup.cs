// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using Microsoft.Extensions.Logging;
using TeamFw.Native.Runtime;

namespace TeamFw.Logging;

/// <summary>Single-line console logging on stderr (serial consoles, procd and syslog capture), or syslog when daemonized.</summary>
internal static class LogSetup
{
    /// <summary>
    /// Built by hand rather than with <c>LoggerFactory.Create(b => b.AddSimpleConsole(…))</c>: that
    /// builds a dependency-injection container, and LoggerFactory's filter rules read provider
    /// aliases from custom attributes; both pull the reflection runtime into the Native AOT binary
    /// (measured with the ILC map file: about 0.6 MB together; README, Runtime footprint). One
    /// provider and one minimum level need neither.
    /// </summary>
    public static ILoggerFactory Create(LogLevel level, bool syslog)
    {
        ILoggerProvider provider = syslog
            ? new SyslogLoggerProvider("teamfw")
            : new StderrLoggerProvider(StdIo.Error);
        return new MinLevelLoggerFactory(provider, level);
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

    /// <summary>One provider behind one minimum level (what LoggerFilterOptions.MinLevel does).</summary>
    private sealed class MinLevelLoggerFactory(ILoggerProvider provider, LogLevel minLevel) : ILoggerFactory
    {
        public ILogger CreateLogger(string categoryName) => new Filtered(provider.CreateLogger(categoryName), minLevel);

        public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException("teamfw logs to one provider");

        public void Dispose() => provider.Dispose();

        private sealed class Filtered(ILogger inner, LogLevel minLevel) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => inner.BeginScope(state);

            public bool IsEnabled(LogLevel logLevel) => logLevel >= minLevel && logLevel != LogLevel.None && inner.IsEnabled(logLevel);

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel))
                {
                    inner.Log(logLevel, eventId, state, exception, formatter);
                }
            }
        }
    }
}

// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.IO;
using Microsoft.Extensions.Logging;

namespace TeamFw.Logging;

/// <summary>
/// Writes every entry to stderr in the simple single-line format (<see cref="SingleLineFormat"/>),
/// one whole line per write, before the log call returns. Microsoft.Extensions.Logging.Console's
/// ConsoleLoggerProvider wrote the same lines from a queue thread; it also brought its options
/// machinery and the JSON and systemd formatters into the binary (about 60 KB, ILC map file), and a
/// queued line could be lost when the data path fails fast right after logging why.
/// </summary>
internal sealed class StderrLoggerProvider : ILoggerProvider
{
    private readonly TextWriter _stderr;

    public StderrLoggerProvider(TextWriter stderr)
    {
        _stderr = stderr;
    }

    public ILogger CreateLogger(string categoryName) => new StderrLogger(categoryName, _stderr);

    public void Dispose()
    {
    }

    private sealed class StderrLogger(string category, TextWriter stderr) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel)
                && SingleLineFormat.Format(DateTimeOffset.Now, logLevel, category, eventId.Id, formatter(state, exception), exception) is string line)
            {
                stderr.Write(line);
            }
        }
    }
}

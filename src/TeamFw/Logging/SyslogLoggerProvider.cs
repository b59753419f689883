// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Text;
using Microsoft.Extensions.Logging;
using TeamFw.Native.Interop;
using TeamFw.Native.Sockets;

namespace TeamFw.Logging;

/// <summary>Logs to /dev/log (RFC 3164 framing, facility daemon) once the daemon has no terminal.</summary>
internal sealed class SyslogLoggerProvider : ILoggerProvider
{
    private readonly string _tag;
    private readonly object _lock = new();
    private UnixDatagram? _socket;

    public SyslogLoggerProvider(string tag)
    {
        _tag = tag;
    }

    public ILogger CreateLogger(string categoryName) => new SyslogLogger(this);

    public void Dispose()
    {
        _socket?.Dispose();
    }

    private void Write(LogLevel level, string message)
    {
        int severity = level switch
        {
            LogLevel.Critical => 2,
            LogLevel.Error => 3,
            LogLevel.Warning => 4,
            LogLevel.Information => 6,
            _ => 7,
        };
        const int FacilityDaemon = 3;
        byte[] bytes = Encoding.UTF8.GetBytes($"<{FacilityDaemon * 8 + severity}>{_tag}[{Posix.GetPid()}]: {message}");
        lock (_lock)
        {
            // As syslog(3): connect on first use; when /dev/log is missing or a send fails, drop the
            // message and connect again for the next one (syslogd may have been restarted).
            try
            {
                _socket ??= Connect();
                if (_socket.Send(bytes, dontWait: false) < 0)
                {
                    _socket.Dispose();
                    _socket = null;
                }
            }
            catch (ErrnoException)
            {
            }
        }
    }

    private static UnixDatagram Connect()
    {
        var s = UnixDatagram.Create();
        Errno e = s.Connect("/dev/log");
        if (e != Errno.OK)
        {
            s.Dispose();
            ErrnoException.Throw(e, "connect", "/dev/log");
        }

        return s;
    }

    private sealed class SyslogLogger : ILogger
    {
        private readonly SyslogLoggerProvider _owner;

        public SyslogLogger(SyslogLoggerProvider owner) => _owner = owner;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                _owner.Write(logLevel, formatter(state, exception));
            }
        }
    }
}

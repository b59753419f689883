// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using Microsoft.Extensions.Logging;

namespace TeamFw.Logging;

/// <summary>The control socket's events: 5xxx.</summary>
internal static partial class Log
{
    public static void ControlListening(ILogger log, string path, uint gid)
        => Write(log, LogLevel.Information, new(5001, nameof(ControlListening)), $"control socket {path} (mode 0660, gid {gid})");

    public static void ControlAcceptFailed(ILogger log, string error)
        => Write(log, LogLevel.Warning, new(5002, nameof(ControlAcceptFailed)), $"control socket: accept failed: {error}");

    public static void ControlRefusedConnection(ILogger log, int pid, uint uid, int max)
        => Write(log, LogLevel.Warning, new(5003, nameof(ControlRefusedConnection)), $"control socket: refused a connection from pid {pid} uid {uid}: already {max} connections");

    public static void ControlInternalError(ILogger log, string error)
        => Write(log, LogLevel.Error, new(5004, nameof(ControlInternalError)), $"control socket: internal error answering a request: {error}");

    public static void ControlRefused(ILogger log, int pid, uint uid, string family, string errno, string reason)
        => Write(log, LogLevel.Information, new(5005, nameof(ControlRefused)), $"control request from pid {pid} uid {uid} refused ({family}): {errno}: {reason}");

    public static void ControlRefusedSuppressed(ILogger log, int count)
        => Write(log, LogLevel.Information, new(5006, nameof(ControlRefusedSuppressed)), $"control socket: {count} more refused requests in the last second not logged");

    public static void ControlChange(ILogger log, string team, string what)
        => Write(log, LogLevel.Information, new(5007, nameof(ControlChange)), $"{team}: {what} (control socket)");

    public static void UserLinkupForced(ILogger log, string team, string port, string state)
        => Write(log, LogLevel.Information, new(5008, nameof(UserLinkupForced)), $"{team}: port {port} link forced {state} by user_linkup");
}

// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using Microsoft.Extensions.Logging;

namespace TeamFw.Logging;

/// <summary>The control socket's events: 5xxx.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "control socket {Path} (mode 0660, gid {Gid})")]
    public static partial void ControlListening(ILogger log, string path, uint gid);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Warning, Message = "control socket: accept failed: {Error}")]
    public static partial void ControlAcceptFailed(ILogger log, string error);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Warning, Message = "control socket: refused a connection from pid {Pid} uid {Uid}: already {Max} connections")]
    public static partial void ControlRefusedConnection(ILogger log, int pid, uint uid, int max);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Error, Message = "control socket: internal error answering a request: {Error}")]
    public static partial void ControlInternalError(ILogger log, string error);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Information, Message = "control request from pid {Pid} uid {Uid} refused ({Family}): {Errno}: {Reason}")]
    public static partial void ControlRefused(ILogger log, int pid, uint uid, string family, string errno, string reason);

    [LoggerMessage(EventId = 5006, Level = LogLevel.Information, Message = "control socket: {Count} more refused requests in the last second not logged")]
    public static partial void ControlRefusedSuppressed(ILogger log, int count);

    [LoggerMessage(EventId = 5007, Level = LogLevel.Information, Message = "{Team}: {What} (control socket)")]
    public static partial void ControlChange(ILogger log, string team, string what);

    [LoggerMessage(EventId = 5008, Level = LogLevel.Information, Message = "{Team}: port {Port} link forced {State} by user_linkup")]
    public static partial void UserLinkupForced(ILogger log, string team, string port, string state);
}

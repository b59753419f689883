// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;

namespace TeamFw.Ports;

/// <summary>A port could not be added; the message names the port and the reason.</summary>
public sealed class PortException : Exception
{
    public PortException(string port, string reason) : base($"port {port}: {reason}")
    {
        Port = port;
        Reason = reason;
    }

    public string Port { get; }

    public string Reason { get; }
}

/// <summary>Which exceptions mean "this team or port could not be set up" (refused by the kernel, a
/// missing or busy interface, a state file that cannot be written, an unsupported setting), as opposed to
/// a bug, which must not be caught.</summary>
public static class SetupFailure
{
    /// <summary>A <see cref="PortException"/>, an I/O or syscall error (<c>ErrnoException</c> is an
    /// <see cref="System.IO.IOException"/>), or an <see cref="ArgumentException"/> for a setting the code
    /// cannot carry out.</summary>
    public static bool IsSetupFailure(Exception e) => e is PortException or System.IO.IOException or ArgumentException;
}

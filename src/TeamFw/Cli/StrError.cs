// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using TeamFw.Native.Interop;

namespace TeamFw.Cli;

/// <summary>strerror(3) texts (glibc wording) for the errnos the control socket returns, so messages read as teamnl's and teamdctl's do.</summary>
internal static class StrError
{
    public static string Text(Errno e) => e switch
    {
        Errno.EPERM => "Operation not permitted",
        Errno.ENOENT => "No such file or directory",
        Errno.ESRCH => "No such process",
        Errno.EIO => "Input/output error",
        Errno.EAGAIN => "Resource temporarily unavailable",
        Errno.ENOMEM => "Cannot allocate memory",
        Errno.EACCES => "Permission denied",
        Errno.EBUSY => "Device or resource busy",
        Errno.EEXIST => "File exists",
        Errno.ENODEV => "No such device",
        Errno.EINVAL => "Invalid argument",
        Errno.ENOSPC => "No space left on device",
        Errno.ERANGE => "Numerical result out of range",
        Errno.EPROTO => "Protocol error",
        Errno.EMSGSIZE => "Message too long",
        Errno.EOPNOTSUPP => "Operation not supported",
        Errno.ENOBUFS => "No buffer space available",
        Errno.EUSERS => "Too many users",
        Errno.ETIMEDOUT => "Connection timed out",
        Errno.ECONNREFUSED => "Connection refused",
        _ => "Unknown error " + ((int)e).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}

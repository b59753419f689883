// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Diagnostics.CodeAnalysis;
using System.IO;
using System.Runtime.CompilerServices;

namespace TeamFw.Native.Interop;

/// <summary>A failed system call on a setup or control path: names the operation, the object and errno.</summary>
public sealed class ErrnoException : IOException
{
    public ErrnoException(Errno errno, string operation, string? objectName)
        : base(Format(errno, operation, objectName), (int)errno)
    {
        Errno = errno;
        Operation = operation;
        ObjectName = objectName;
    }

    public Errno Errno { get; }
    public string Operation { get; }
    public string? ObjectName { get; }

    private static string Format(Errno errno, string operation, string? objectName)
        => objectName is null ? $"{operation}: {ErrnoName(errno)}" : $"{operation} on {objectName}: {ErrnoName(errno)}";

    public static string ErrnoName(Errno errno)
        => Enum.IsDefined(errno) ? errno.ToString() : "errno " + ((int)errno).ToString(System.Globalization.CultureInfo.InvariantCulture);

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Throw(Errno errno, string operation, string? objectName = null)
        => throw new ErrnoException(errno, operation, objectName);

    /// <summary>Returns <paramref name="rv"/> when it is not negative, else throws with the errno of the last call.</summary>
    public static int Check(int rv, string operation, string? objectName = null)
    {
        if (rv < 0)
        {
            Throw(LinuxNative.LastErrno(), operation, objectName);
        }

        return rv;
    }

    public static nint Check(nint rv, string operation, string? objectName = null)
    {
        if (rv < 0)
        {
            Throw(LinuxNative.LastErrno(), operation, objectName);
        }

        return rv;
    }
}

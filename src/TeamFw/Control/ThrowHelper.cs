// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using TeamFw.Native.Interop;

namespace TeamFw.Control;

/// <summary>The one way the control codec and handlers refuse a request (R12: throwers out of line).</summary>
internal static class ThrowHelper
{
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Throw(Errno errno, string message, int attributeOffset = -1)
        => throw new ControlProtocolException(errno, message, attributeOffset);

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static T Throw<T>(Errno errno, string message, int attributeOffset = -1)
        => throw new ControlProtocolException(errno, message, attributeOffset);

    [DoesNotReturn]
    public static void AttributeTooShort(string name, int need, int have, int offset)
        => Throw(Errno.ERANGE, $"attribute {name} is {have} bytes, needs at least {need}", offset);

    [DoesNotReturn]
    public static void Missing(string name)
        => Throw(Errno.EINVAL, $"attribute {name} is required");
}

// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Runtime.InteropServices;

namespace TeamFw.Native.Interop;

/// <summary>An owned file descriptor, closed exactly once.</summary>
public sealed class SafeFd : SafeHandle
{
    public SafeFd() : base(new IntPtr(-1), ownsHandle: true)
    {
    }

    public SafeFd(int fd, bool ownsHandle = true) : base(new IntPtr(-1), ownsHandle)
    {
        SetHandle(new IntPtr(fd));
    }

    public override bool IsInvalid => handle.ToInt64() < 0;

    /// <summary>The raw descriptor; only for poll sets and for handing to child processes.</summary>
    public int Value => (int)handle.ToInt64();

    protected override bool ReleaseHandle() => LinuxNative.close((int)handle.ToInt64()) == 0;
}

// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System.Runtime.InteropServices;

namespace TeamFw.Native.Interop;

/// <summary>struct sock_fprog (linux/filter.h): a classic BPF program for SO_ATTACH_FILTER, 8-byte instructions.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct sock_fprog
{
    public ushort len;
    public void* filter;
}

// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System.Runtime.InteropServices;

namespace TeamFw.Native.Interop;

internal static unsafe partial class LinuxNative
{
    /// <summary>netdb.h: returns 0 or an EAI_* code (errno only with EAI_SYSTEM). May block for seconds (DNS).</summary>
    [LibraryImport(Libc)]
    internal static partial int getaddrinfo(byte* node, byte* service, addrinfo* hints, addrinfo** res);

    [LibraryImport(Libc)]
    internal static partial void freeaddrinfo(addrinfo* res);
}

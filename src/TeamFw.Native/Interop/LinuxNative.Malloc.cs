// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System.Runtime.InteropServices;

namespace TeamFw.Native.Interop;

internal static unsafe partial class LinuxNative
{
    /// <summary>glibc malloc.h: <c>#define M_ARENA_MAX -8</c> (checked with gcc in TeamFw.Native.Tests).</summary>
    internal const int M_ARENA_MAX = -8;

    /// <summary>dlfcn.h: <c>RTLD_DEFAULT</c> is <c>((void *) 0)</c> in glibc and musl.</summary>
    internal static readonly void* RTLD_DEFAULT = null;

    /// <summary>
    /// Looks a symbol up in the process. Used for glibc extensions that musl lacks (mallopt): a direct
    /// import would make the linux-musl-* links fail, and a lazily bound one (another library name)
    /// drags the reflection runtime into the binary for its resolver.
    /// </summary>
    [LibraryImport(Libc, EntryPoint = "dlsym")]
    internal static partial void* dlsym(void* handle, byte* symbol);
}

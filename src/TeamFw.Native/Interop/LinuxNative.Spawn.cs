// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System.Runtime.InteropServices;

namespace TeamFw.Native.Interop;

internal static unsafe partial class LinuxNative
{
    /// <summary>spawn.h: returns 0 or an error number (errno is not set). No file actions, no attributes.</summary>
    [LibraryImport(Libc)]
    internal static partial int posix_spawn(int* pid, byte* path, void* fileActions, void* attr, byte** argv, byte** envp);

    [LibraryImport(Libc, SetLastError = true)]
    internal static partial int waitpid(int pid, int* status, int options);
}

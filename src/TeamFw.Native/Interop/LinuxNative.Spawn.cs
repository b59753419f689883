// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System.Runtime.InteropServices;

namespace TeamFw.Native.Interop;

internal static unsafe partial class LinuxNative
{
    /// <summary>
    /// Room for an opaque posix_spawn_file_actions_t (spawn.h): 80 bytes on 64-bit glibc and musl, 76
    /// on 32-bit; the rest is headroom. Only the libc functions below look inside it.
    /// </summary>
    internal const int PosixSpawnFileActionsBytes = 256;

    /// <summary>spawn.h: returns 0 or an error number (errno is not set).</summary>
    [LibraryImport(Libc)]
    internal static partial int posix_spawn(int* pid, byte* path, void* fileActions, void* attr, byte** argv, byte** envp);

    /// <summary>posix_spawn, but a file name without a slash is looked up in PATH (as execvp does).</summary>
    [LibraryImport(Libc)]
    internal static partial int posix_spawnp(int* pid, byte* file, void* fileActions, void* attr, byte** argv, byte** envp);

    [LibraryImport(Libc)]
    internal static partial int posix_spawn_file_actions_init(void* fileActions);

    [LibraryImport(Libc)]
    internal static partial int posix_spawn_file_actions_destroy(void* fileActions);

    /// <summary>In the child, dup2(fd, newfd); the copy does not have FD_CLOEXEC.</summary>
    [LibraryImport(Libc)]
    internal static partial int posix_spawn_file_actions_adddup2(void* fileActions, int fd, int newfd);

    [LibraryImport(Libc, SetLastError = true)]
    internal static partial int waitpid(int pid, int* status, int options);

    /// <summary>sys/mman.h: an anonymous file in memory (Linux 3.17, glibc 2.27, musl 1.1.20).</summary>
    [LibraryImport(Libc, SetLastError = true)]
    internal static partial int memfd_create(byte* name, uint flags);
}

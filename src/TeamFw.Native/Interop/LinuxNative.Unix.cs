// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System.Runtime.InteropServices;

namespace TeamFw.Native.Interop;

/// <summary>AF_UNIX sockets and the file-system calls that place one atomically (the control socket, the state file).</summary>
internal static unsafe partial class LinuxNative
{
    [LibraryImport(Libc, SetLastError = true)]
    internal static partial int listen(int fd, int backlog);

    [LibraryImport(Libc, SetLastError = true)]
    internal static partial int accept4(int fd, void* addr, uint* addrlen, int flags);

    [LibraryImport(Libc, SetLastError = true)]
    internal static partial int connect(int fd, void* addr, uint addrlen);

    [LibraryImport(Libc, SetLastError = true)]
    internal static partial int unlink(byte* path);

    [LibraryImport(Libc, SetLastError = true)]
    internal static partial int rename(byte* oldpath, byte* newpath);

    [LibraryImport(Libc, SetLastError = true)]
    internal static partial int chmod(byte* path, uint mode);

    [LibraryImport(Libc, SetLastError = true)]
    internal static partial int chown(byte* path, uint owner, uint group);

    [LibraryImport(Libc, SetLastError = true)]
    internal static partial int mkdir(byte* path, uint mode);

    [LibraryImport(Libc, SetLastError = true)]
    internal static partial int flock(int fd, int operation);

    /// <summary>statx(2) (glibc 2.28, musl 1.2.5): unlike struct stat, struct statx has one layout on every ABI.</summary>
    [LibraryImport(Libc, SetLastError = true)]
    internal static partial int statx(int dirfd, byte* path, int flags, uint mask, statx* buf);

    [LibraryImport(Libc)]
    internal static partial uint getegid();

    [LibraryImport(Libc)]
    internal static partial uint geteuid();
}

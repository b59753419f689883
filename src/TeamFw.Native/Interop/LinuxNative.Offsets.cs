// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System.Runtime.InteropServices;

namespace TeamFw.Native.Interop;

/// <summary>
/// The calls that take a file offset, bound to the entry point whose offset is 64-bit on every ABI
/// we build for, so one C# declaration (<c>long offset</c>) is right everywhere:
/// glibc's <c>mmap64</c>/<c>pread64</c> (its plain names take a 32-bit <c>off_t</c> on 32-bit ABIs
/// unless a C program is built with <c>_FILE_OFFSET_BITS=64</c>; on 64-bit ABIs the two are one
/// function), and musl's plain names (musl's <c>off_t</c> is always 64-bit, and musl 1.2.4 stopped
/// offering the LFS64 names for linking). TeamFw.Native.Tests checks the prototypes with g++ for
/// x86_64, aarch64 and armhf.
/// </summary>
internal static unsafe partial class LinuxNative
{
#if MUSL
    private const string Mmap64 = "mmap";
    private const string Pread64 = "pread";
#else
    private const string Mmap64 = "mmap64";
    private const string Pread64 = "pread64";
#endif

    [LibraryImport(Libc, EntryPoint = Mmap64, SetLastError = true)]
    internal static partial void* mmap(void* addr, nuint length, int prot, int flags, int fd, long offset);

    [LibraryImport(Libc, EntryPoint = Pread64, SetLastError = true)]
    internal static partial nint pread(int fd, void* buf, nuint count, long offset);
}

// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Text;
using TeamFw.Native.Interop;

namespace TeamFw.Native.Runtime;

/// <summary>
/// Starts a program with posix_spawn(3) and waits for it: what <c>teamfw -d</c> needs to start
/// itself again. System.Diagnostics.Process does the same but brought about 90 KB of code into the
/// Native AOT binary (Process, and System.Uri for shell-execute resolution; measured with the ILC
/// map file). posix_spawn is safe in a multi-threaded process, unlike a managed fork.
/// </summary>
public static unsafe class ChildProcess
{
    /// <summary>Starts <paramref name="path"/> with argv and the whole environment given; returns the pid.</summary>
    /// <remarks>Descriptors without FD_CLOEXEC are inherited, as with exec.</remarks>
    public static int Spawn(string path, IReadOnlyList<string> argv, IReadOnlyList<string> environment)
    {
        var strings = new List<nint>();
        byte** args = null;
        byte** env = null;
        try
        {
            byte* file = Utf8(path, strings);
            args = Vector(argv, strings);
            env = Vector(environment, strings);
            int pid;
            int error = LinuxNative.posix_spawn(&pid, file, null, null, args, env);
            if (error != 0)
            {
                ErrnoException.Throw((Errno)error, "posix_spawn", path);
            }

            return pid;
        }
        finally
        {
            NativeMemory.Free(args);
            NativeMemory.Free(env);
            foreach (nint s in strings)
            {
                NativeMemory.Free((void*)s);
            }
        }
    }

    /// <summary>Waits for a child; its exit code, or 128 + the signal that killed it (as shells report it).</summary>
    public static int WaitForExit(int pid)
    {
        int status;
        while (LinuxNative.waitpid(pid, &status, 0) < 0)
        {
            Errno e = LinuxNative.LastErrno();
            if (e != Errno.EINTR)
            {
                ErrnoException.Throw(e, "waitpid", pid.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        // sys/wait.h: WIFEXITED(s) is (s & 0x7f) == 0, WEXITSTATUS(s) is (s >> 8) & 0xff, WTERMSIG(s) is s & 0x7f.
        return (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f);
    }

    private static byte** Vector(IReadOnlyList<string> items, List<nint> strings)
    {
        var v = (byte**)NativeMemory.Alloc((nuint)(items.Count + 1), (nuint)sizeof(byte*));
        for (int i = 0; i < items.Count; i++)
        {
            v[i] = Utf8(items[i], strings);
        }

        v[items.Count] = null;
        return v;
    }

    private static byte* Utf8(string s, List<nint> strings)
    {
        int n = Encoding.UTF8.GetByteCount(s);
        var p = (byte*)NativeMemory.Alloc((nuint)n + 1);
        strings.Add((nint)p);
        fixed (char* c = s)
        {
            Encoding.UTF8.GetBytes(c, s.Length, p, n);
        }

        p[n] = 0;
        return p;
    }
}

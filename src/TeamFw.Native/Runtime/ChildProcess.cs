// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Text;
using TeamFw.Native.Interop;
using static TeamFw.Native.Interop.Constants;

namespace TeamFw.Native.Runtime;

/// <summary>What a child's descriptors 0, 1 and 2 become; null leaves that one as ours.</summary>
public readonly record struct StdioRedirect(SafeHandle? Input, SafeHandle? Output, SafeHandle? Error);

/// <summary>
/// Starts programs with posix_spawn(3) and waits for them: <c>teamfw -d</c> starting itself again,
/// and the lab's ip, ping and setsid. System.Diagnostics.Process does the same but brought about
/// 100 KB of code into the Native AOT binary (Process, System.Uri for shell-execute resolution,
/// pipe streams and the async machinery that reads them; measured with the ILC map file).
/// posix_spawn is safe in a multi-threaded process, unlike a managed fork.
/// </summary>
public static unsafe class ChildProcess
{
    /// <summary>Starts <paramref name="path"/> with argv and the whole environment given; returns the pid.</summary>
    /// <remarks>Descriptors without FD_CLOEXEC are inherited, as with exec.</remarks>
    public static int Spawn(string path, IReadOnlyList<string> argv, IReadOnlyList<string> environment)
        => Spawn(path, argv, environment, default, searchPath: false);

    /// <summary>
    /// Starts <paramref name="file"/> (looked up in PATH when <paramref name="searchPath"/> and it has
    /// no slash) with its stdio replaced as <paramref name="stdio"/> says; returns the pid.
    /// </summary>
    public static int Spawn(string file, IReadOnlyList<string> argv, IReadOnlyList<string> environment, StdioRedirect stdio, bool searchPath)
    {
        var strings = new List<nint>();
        byte** args = null;
        byte** env = null;
        void* actions = NativeMemory.AllocZeroed(LinuxNative.PosixSpawnFileActionsBytes);
        bool actionsInit = false;
        Span<bool> refs = stackalloc bool[3];
        try
        {
            byte* path = Utf8(file, strings);
            args = Vector(argv, strings);
            env = Vector(environment, strings);
            Check(LinuxNative.posix_spawn_file_actions_init(actions), "posix_spawn_file_actions_init", file);
            actionsInit = true;
            ReadOnlySpan<SafeHandle?> redirect = [stdio.Input, stdio.Output, stdio.Error];
            for (int target = 0; target < redirect.Length; target++)
            {
                if (redirect[target] is SafeHandle h)
                {
                    h.DangerousAddRef(ref refs[target]);
                    Check(LinuxNative.posix_spawn_file_actions_adddup2(actions, (int)h.DangerousGetHandle(), target), "posix_spawn_file_actions_adddup2", file);
                }
            }

            int pid;
            int error = searchPath
                ? LinuxNative.posix_spawnp(&pid, path, actions, null, args, env)
                : LinuxNative.posix_spawn(&pid, path, actions, null, args, env);
            Check(error, searchPath ? "posix_spawnp" : "posix_spawn", file);
            return pid;
        }
        finally
        {
            if (actionsInit)
            {
                _ = LinuxNative.posix_spawn_file_actions_destroy(actions); // nothing to do if it fails
            }

            NativeMemory.Free(actions);
            ReadOnlySpan<SafeHandle?> redirect = [stdio.Input, stdio.Output, stdio.Error];
            for (int target = 0; target < redirect.Length; target++)
            {
                if (refs[target])
                {
                    redirect[target]!.DangerousRelease();
                }
            }

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

        return ExitCode(status);
    }

    /// <summary>Reaps the child if it has exited (WNOHANG): true with its exit code as <see cref="WaitForExit"/> gives it.</summary>
    public static bool TryWaitForExit(int pid, out int exitCode)
    {
        int status;
        int rv;
        while ((rv = LinuxNative.waitpid(pid, &status, WNOHANG)) < 0)
        {
            Errno e = LinuxNative.LastErrno();
            if (e != Errno.EINTR)
            {
                ErrnoException.Throw(e, "waitpid", pid.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        exitCode = rv == 0 ? 0 : ExitCode(status);
        return rv != 0;
    }

    /// <summary>This process's environment as NAME=value strings, with <paramref name="name"/> set to <paramref name="value"/>.</summary>
    public static List<string> EnvironmentWith(string name, string value)
    {
        var env = new List<string>();
        foreach (DictionaryEntry e in Environment.GetEnvironmentVariables())
        {
            if ((string)e.Key != name)
            {
                env.Add((string)e.Key + "=" + (string?)e.Value);
            }
        }

        env.Add(name + "=" + value);
        return env;
    }

    // sys/wait.h: WIFEXITED(s) is (s & 0x7f) == 0, WEXITSTATUS(s) is (s >> 8) & 0xff, WTERMSIG(s) is s & 0x7f.
    private static int ExitCode(int status) => (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f);

    private static void Check(int error, string operation, string file)
    {
        if (error != 0)
        {
            ErrnoException.Throw((Errno)error, operation, file);
        }
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

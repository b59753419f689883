// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;
using System.Text;
using System.Threading;
using TeamFw.Native.Interop;
using static TeamFw.Native.Interop.Constants;

namespace TeamFw.Native.Runtime;

/// <summary>
/// A child whose stdout and stderr each go to an anonymous in-memory file (memfd_create(2)), read
/// back once it has exited. Unlike a pipe, the file never fills up, so the child never blocks on
/// output nobody has read yet (the lab's ping prints thousands of lines while the lab changes links)
/// and no reader thread is needed. Disposing kills the child if it still runs and reaps it.
/// </summary>
public sealed unsafe class CapturedProcess : IDisposable
{
    /// <summary>Longest sleep between two exit checks: ip and ping exit within milliseconds, a timeout is seconds.</summary>
    private const int MaxPollMs = 20;

    private readonly SafeFd _stdout;
    private readonly SafeFd _stderr;
    private int? _exitCode;

    private CapturedProcess(int pid, SafeFd stdout, SafeFd stderr)
    {
        Pid = pid;
        _stdout = stdout;
        _stderr = stderr;
    }

    public int Pid { get; }

    /// <summary>The exit code (128 + signal when killed); only after <see cref="WaitForExit"/> returned true.</summary>
    public int ExitCode => _exitCode ?? throw new InvalidOperationException($"process {Pid} has not exited");

    /// <summary>Starts <paramref name="file"/> (looked up in PATH) with our stdin and its stdout and stderr captured.</summary>
    public static CapturedProcess Start(string file, IReadOnlyList<string> argv, IReadOnlyList<string> environment)
    {
        SafeFd stdout = MemFile("stdout");
        SafeFd stderr = MemFile("stderr");
        try
        {
            int pid = ChildProcess.Spawn(file, argv, environment, new StdioRedirect(null, stdout, stderr), searchPath: true);
            return new CapturedProcess(pid, stdout, stderr);
        }
        catch
        {
            stdout.Dispose();
            stderr.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Waits up to <paramref name="timeoutMs"/> for the exit: false when the child still runs.
    /// Throws OperationCanceledException when <paramref name="ct"/> is cancelled first.
    /// </summary>
    public bool WaitForExit(int timeoutMs, CancellationToken ct)
    {
        long deadline = Environment.TickCount64 + timeoutMs;
        int sleepMs = 1;
        while (!HasExited())
        {
            long left = deadline - Environment.TickCount64;
            if (left <= 0)
            {
                return false;
            }

            if (ct.WaitHandle.WaitOne((int)Math.Min(sleepMs, left)))
            {
                ct.ThrowIfCancellationRequested();
            }

            sleepMs = Math.Min(sleepMs * 2, MaxPollMs);
        }

        return true;
    }

    /// <summary>SIGKILL and reap, unless the child has already been reaped (its pid may belong to another process then).</summary>
    public void Kill()
    {
        if (_exitCode is null)
        {
            LinuxNative.kill(Pid, SIGKILL);
            _exitCode = ChildProcess.WaitForExit(Pid);
        }
    }

    /// <summary>What the child wrote to stdout so far, as UTF-8.</summary>
    public string ReadStdout() => ReadAll(_stdout);

    /// <summary>What the child wrote to stderr so far, as UTF-8.</summary>
    public string ReadStderr() => ReadAll(_stderr);

    public void Dispose()
    {
        Kill();
        _stdout.Dispose();
        _stderr.Dispose();
    }

    private bool HasExited()
    {
        if (_exitCode is null && ChildProcess.TryWaitForExit(Pid, out int code))
        {
            _exitCode = code;
        }

        return _exitCode is not null;
    }

    private static SafeFd MemFile(string name)
    {
        int n = Encoding.UTF8.GetByteCount(name);
        byte* p = stackalloc byte[n + 1];
        Encoding.UTF8.GetBytes(name, new Span<byte>(p, n));
        p[n] = 0;
        return new SafeFd(ErrnoException.Check(LinuxNative.memfd_create(p, MFD_CLOEXEC), "memfd_create", name));
    }

    private static string ReadAll(SafeFd fd)
    {
        byte[] buf = new byte[4096];
        int length = 0;
        bool addRef = false;
        try
        {
            fd.DangerousAddRef(ref addRef);
            while (true)
            {
                if (length == buf.Length)
                {
                    Array.Resize(ref buf, buf.Length * 2);
                }

                nint n;
                fixed (byte* p = buf)
                {
                    n = LinuxNative.pread(fd.Value, p + length, (nuint)(buf.Length - length), length);
                }

                if (n < 0)
                {
                    Errno e = LinuxNative.LastErrno();
                    if (e == Errno.EINTR)
                    {
                        continue;
                    }

                    ErrnoException.Throw(e, "pread", "captured output");
                }

                if (n == 0)
                {
                    return Encoding.UTF8.GetString(buf, 0, length);
                }

                length += (int)n;
            }
        }
        finally
        {
            if (addRef)
            {
                fd.DangerousRelease();
            }
        }
    }
}

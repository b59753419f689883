// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Text;
using TeamFw.Native.Interop;
using static TeamFw.Native.Interop.Constants;

namespace TeamFw.Native.Sockets;

/// <summary>Process-level calls for daemonizing: pid, session, readiness pipe, stdio redirection.</summary>
public static unsafe class Posix
{
    public static int GetPid() => LinuxNative.getpid();

    /// <summary>True when a process with this pid exists (kill(pid, 0)).</summary>
    public static bool ProcessExists(int pid) => pid > 0 && (LinuxNative.kill(pid, 0) == 0 || LinuxNative.LastErrno() == Errno.EPERM);

    /// <summary>The process exists and has not exited: a zombie (exited, not yet reaped by its parent) is not alive.</summary>
    public static bool ProcessAlive(int pid)
    {
        if (!ProcessExists(pid))
        {
            return false;
        }

        try
        {
            // /proc/PID/stat: "PID (COMM) STATE ...", COMM may hold spaces and parentheses.
            string stat = System.IO.File.ReadAllText("/proc/" + pid.ToString(System.Globalization.CultureInfo.InvariantCulture) + "/stat");
            int end = stat.LastIndexOf(')');
            return end < 0 || end + 2 >= stat.Length || stat[end + 2] != 'Z';
        }
        catch (System.IO.IOException)
        {
            return false;
        }
    }

    public static Errno Kill(int pid, int signal) => LinuxNative.kill(pid, signal) == 0 ? Errno.OK : LinuxNative.LastErrno();

    public static void NewSession() => ErrnoException.Check(LinuxNative.setsid(), "setsid");

    /// <summary>A pipe whose write end survives exec (no O_CLOEXEC) so a child can report readiness.</summary>
    public static (int Read, int Write) InheritablePipe()
    {
        int* fds = stackalloc int[2];
        ErrnoException.Check(LinuxNative.pipe2(fds, 0), "pipe2");
        LinuxNative.fcntl(fds[0], F_SETFD, FD_CLOEXEC);
        return (fds[0], fds[1]);
    }

    public static void WriteAll(int fd, string text)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        fixed (byte* p = bytes)
        {
            int off = 0;
            while (off < bytes.Length)
            {
                nint n = LinuxNative.write(fd, p + off, (nuint)(bytes.Length - off));
                if (n < 0)
                {
                    if (LinuxNative.LastErrno() == Errno.EINTR)
                    {
                        continue;
                    }

                    return;
                }

                off += (int)n;
            }
        }
    }

    /// <summary>Reads until EOF (at most 64 KiB).</summary>
    public static string ReadToEnd(int fd)
    {
        var buf = new byte[65536];
        int total = 0;
        fixed (byte* p = buf)
        {
            while (total < buf.Length)
            {
                nint n = LinuxNative.read(fd, p + total, (nuint)(buf.Length - total));
                if (n < 0 && LinuxNative.LastErrno() == Errno.EINTR)
                {
                    continue;
                }

                if (n <= 0)
                {
                    break;
                }

                total += (int)n;
            }
        }

        return Encoding.UTF8.GetString(buf, 0, total);
    }

    public static void Close(int fd) => LinuxNative.close(fd);

    /// <summary>Points stdin, stdout and stderr at /dev/null (a daemon has no terminal).</summary>
    public static void RedirectStdioToDevNull()
    {
        ReadOnlySpan<byte> path = "/dev/null\0"u8;
        fixed (byte* p = path)
        {
            int fd = LinuxNative.open(p, O_RDWR, 0);
            if (fd < 0)
            {
                return;
            }

            LinuxNative.dup2(fd, 0);
            LinuxNative.dup2(fd, 1);
            LinuxNative.dup2(fd, 2);
            if (fd > 2)
            {
                LinuxNative.close(fd);
            }
        }
    }
}

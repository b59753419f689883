// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Diagnostics;
using System.IO;
using Microsoft.Win32.SafeHandles;
using TeamFw.Native.Interop;

namespace TeamFw.Lab;

/// <summary>
/// Starts a child whose stdout and stderr are a log file. Process can redirect only into pipes,
/// and a pipe would break when `lab up` exits while the daemon runs on; so this process's fds 1
/// and 2 point at the file for the moment of fork+exec and are put back right after (the child
/// inherits fds 0..2 that are not redirected: dup2(2) clears FD_CLOEXEC on the copy).
/// </summary>
internal static class ChildStdio
{
    public static Process StartLoggingTo(ProcessStartInfo psi, string logPath)
    {
        Console.Out.Flush();
        Console.Error.Flush();
        using SafeFileHandle log = File.OpenHandle(logPath, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);

        // Two descriptors this process owns (close-on-exec), to hold our own stdout and stderr meanwhile.
        using SafeFileHandle savedOut = File.OpenHandle("/dev/null", FileMode.Open, FileAccess.Read);
        using SafeFileHandle savedErr = File.OpenHandle("/dev/null", FileMode.Open, FileAccess.Read);
        bool refLog = false, refOut = false, refErr = false;
        try
        {
            log.DangerousAddRef(ref refLog);
            savedOut.DangerousAddRef(ref refOut);
            savedErr.DangerousAddRef(ref refErr);
            int logFd = (int)log.DangerousGetHandle();
            int outFd = (int)savedOut.DangerousGetHandle();
            int errFd = (int)savedErr.DangerousGetHandle();

            Dup(1, outFd, closeOnExec: true);
            Dup(2, errFd, closeOnExec: true);
            Dup(logFd, 1, closeOnExec: false);
            Dup(logFd, 2, closeOnExec: false);
            try
            {
                return Process.Start(psi) ?? throw new LabException($"cannot start {psi.FileName}");
            }
            finally
            {
                Dup(outFd, 1, closeOnExec: false);
                Dup(errFd, 2, closeOnExec: false);
            }
        }
        finally
        {
            if (refErr)
            {
                savedErr.DangerousRelease();
            }

            if (refOut)
            {
                savedOut.DangerousRelease();
            }

            if (refLog)
            {
                log.DangerousRelease();
            }
        }
    }

    private static void Dup(int from, int to, bool closeOnExec)
    {
        ErrnoException.Check(LinuxNative.dup2(from, to), "dup2");
        if (closeOnExec)
        {
            ErrnoException.Check(LinuxNative.fcntl(to, Constants.F_SETFD, Constants.FD_CLOEXEC), "fcntl(F_SETFD)");
        }
    }
}

// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System.Text;
using TeamFw.Native.Interop;
using static TeamFw.Native.Interop.Constants;

namespace TeamFw.Native.Sockets;

/// <summary>The path calls the control socket needs and .NET does not offer (rename over a socket, chown by id, flock).</summary>
public static unsafe class FileSystem
{
    /// <summary>rename(2): replaces <paramref name="to"/> atomically, whatever it is (socket, file).</summary>
    public static Errno Rename(string from, string to)
    {
        fixed (byte* a = NulTerminated(from))
        fixed (byte* b = NulTerminated(to))
        {
            return LinuxNative.rename(a, b) == 0 ? Errno.OK : LinuxNative.LastErrno();
        }
    }

    public static Errno Unlink(string path)
    {
        fixed (byte* p = NulTerminated(path))
        {
            return LinuxNative.unlink(p) == 0 ? Errno.OK : LinuxNative.LastErrno();
        }
    }

    public static Errno Chmod(string path, uint mode)
    {
        fixed (byte* p = NulTerminated(path))
        {
            return LinuxNative.chmod(p, mode) == 0 ? Errno.OK : LinuxNative.LastErrno();
        }
    }

    /// <summary>chown(path, -1, group): sets only the group.</summary>
    public static Errno ChangeGroup(string path, uint group)
    {
        fixed (byte* p = NulTerminated(path))
        {
            return LinuxNative.chown(p, uint.MaxValue, group) == 0 ? Errno.OK : LinuxNative.LastErrno();
        }
    }

    public static uint EffectiveGroup => LinuxNative.getegid();

    public static uint EffectiveUser => LinuxNative.geteuid();

    /// <summary>
    /// Opens (creating, mode 0600) and locks <paramref name="path"/> with flock(LOCK_EX|LOCK_NB). Returns the
    /// descriptor holding the lock, or null with EWOULDBLOCK (= EAGAIN) when another process holds it.
    /// The lock lives as long as the returned object; the kernel drops it when the process dies.
    /// </summary>
    public static LockFile? TryLock(string path, out Errno errno)
    {
        int fd;
        fixed (byte* p = NulTerminated(path))
        {
            fd = LinuxNative.open(p, O_RDWR | O_CREAT | O_CLOEXEC, 0x180);
        }

        if (fd < 0)
        {
            errno = LinuxNative.LastErrno();
            return null;
        }

        var owner = new LockFile(new SafeFd(fd));
        while (LinuxNative.flock(fd, LOCK_EX | LOCK_NB) != 0)
        {
            errno = LinuxNative.LastErrno();
            if (errno != Errno.EINTR)
            {
                owner.Dispose();
                return null;
            }
        }

        errno = Errno.OK;
        return owner;
    }

    /// <summary>The path as a NUL-terminated UTF-8 string for libc.</summary>
    internal static byte[] NulTerminated(string path)
    {
        byte[] b = new byte[Encoding.UTF8.GetByteCount(path) + 1];
        Encoding.UTF8.GetBytes(path, b);
        return b;
    }
}

/// <summary>A held flock(2) lock; disposing closes the descriptor and releases it.</summary>
public sealed class LockFile : FdOwner
{
    internal LockFile(SafeFd fd) : base(fd)
    {
    }
}

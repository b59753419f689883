// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Globalization;
using System.IO;
using TeamFw.Native.Interop;
using static TeamFw.Native.Interop.Constants;

namespace TeamFw.Native.Sockets;

/// <summary>Who owns a file and how it may be used, from statx(2).</summary>
public readonly record struct FileOwner(bool Regular, uint Uid, uint Mode);

/// <summary>
/// A small file only this daemon writes (the state file): replaced atomically (written to a temporary
/// file in the same directory, created O_EXCL with mode 0600, then renamed over the name, so a crash at
/// any moment leaves the old content or the new one, never half of either), and read back with its
/// owner and mode, so a caller can refuse a file someone else planted.
/// </summary>
public static unsafe class PrivateFile
{
    public const uint Mode = 0x180; // 0600

    /// <summary>Replaces <paramref name="path"/> with <paramref name="content"/>. Throws <see cref="IOException"/> naming the file.</summary>
    public static void WriteAtomically(string path, ReadOnlySpan<byte> content)
    {
        string dir = Path.GetDirectoryName(path) ?? ".";
        string tmp = Path.Combine(dir, "." + Path.GetFileName(path) + "." + Posix.GetPid().ToString(CultureInfo.InvariantCulture) + ".tmp");
        FileSystem.Unlink(tmp); // a leftover of a write this pid did not finish (pids are reused)
        int fd;
        fixed (byte* p = FileSystem.NulTerminated(tmp))
        {
            fd = LinuxNative.open(p, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, (int)Mode);
        }

        if (fd < 0)
        {
            throw new IOException($"{tmp}: open: {ErrnoException.ErrnoName(LinuxNative.LastErrno())}");
        }

        try
        {
            using (var owner = new SafeFd(fd))
            {
                fixed (byte* p = content)
                {
                    for (int done = 0; done < content.Length;)
                    {
                        nint n = LinuxNative.write(fd, p + done, (nuint)(content.Length - done));
                        if (n < 0)
                        {
                            Errno e = LinuxNative.LastErrno();
                            if (e == Errno.EINTR)
                            {
                                continue;
                            }

                            throw new IOException($"{tmp}: write: {ErrnoException.ErrnoName(e)}");
                        }

                        done += (int)n;
                    }
                }
            }

            Errno r = FileSystem.Rename(tmp, path);
            if (r != Errno.OK)
            {
                throw new IOException($"{path}: rename: {ErrnoException.ErrnoName(r)}");
            }
        }
        catch
        {
            FileSystem.Unlink(tmp);
            throw;
        }
    }

    /// <summary>The owner and mode of <paramref name="path"/> itself (a symbolic link is not followed), or null with the errno.</summary>
    public static FileOwner? Stat(string path, out Errno errno)
    {
        statx st = default;
        int rv;
        fixed (byte* p = FileSystem.NulTerminated(path))
        {
            rv = LinuxNative.statx(AT_FDCWD, p, AT_SYMLINK_NOFOLLOW, STATX_MODE | STATX_UID, &st);
        }

        if (rv != 0)
        {
            errno = LinuxNative.LastErrno();
            return null;
        }

        errno = Errno.OK;
        return new FileOwner((st.stx_mode & S_IFMT) == S_IFREG, st.stx_uid, st.stx_mode & 0xfffu);
    }

    /// <summary>Reads at most <paramref name="maxBytes"/> of <paramref name="path"/>; null when longer. Throws <see cref="IOException"/>.</summary>
    public static byte[]? Read(string path, int maxBytes)
    {
        using FileStream fs = File.OpenRead(path);
        if (fs.Length > maxBytes)
        {
            return null;
        }

        byte[] b = new byte[fs.Length];
        fs.ReadExactly(b);
        return b;
    }
}

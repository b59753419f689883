// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.IO;
using System.Globalization;
using TeamFw.Native.Interop;
using TeamFw.Native.Sockets;

namespace TeamFw.Control;

/// <summary>
/// The control socket's file: created atomically and owned for the daemon's life.
/// <list type="number">
/// <item>An flock on <c>PATH.lock</c> says whether another daemon serves this path (refused, with its name).</item>
/// <item>A socket already at PATH is probed with connect: a listener answers (refused); ECONNREFUSED means
/// a stale socket of a killed daemon, which is replaced. Symbolic links and directories are refused.</item>
/// <item>The new socket is bound under a temporary name in the same directory, given mode 0660 and the
/// daemon's group, listened on, and only then renamed over PATH: there is never a moment where PATH is
/// missing, half set up, or someone else's file in use.</item>
/// </list>
/// Dispose removes PATH (while still holding the lock, so it is ours) and closes the socket.
/// </summary>
public sealed class ControlSocketFile : IDisposable
{
    public const string DefaultPath = "/run/teamfw/teamfw.sock";
    public const uint Mode = 0x1b0; // 0660
    private const int Backlog = 64;
    private readonly LockFile _lock;
    private bool _disposed;

    private ControlSocketFile(string path, UnixSeqPacket socket, LockFile lockFile, uint group)
    {
        Path = path;
        Socket = socket;
        _lock = lockFile;
        Group = group;
    }

    public string Path { get; }

    public UnixSeqPacket Socket { get; }

    /// <summary>The group that owns the socket: its members (and uid 0) may run admin commands.</summary>
    public uint Group { get; }

    /// <summary>Creates and listens on <paramref name="path"/>. Throws <see cref="IOException"/> saying why not.</summary>
    public static ControlSocketFile Create(string path)
    {
        string full = System.IO.Path.GetFullPath(path);
        string dir = System.IO.Path.GetDirectoryName(full) ?? "/";
        if (System.Text.Encoding.UTF8.GetByteCount(full) > UnixSeqPacket.MaxPathBytes)
        {
            throw new IOException($"control socket path {full} is longer than {UnixSeqPacket.MaxPathBytes} bytes");
        }

        Directory.CreateDirectory(dir);
        LockFile? lockFile = FileSystem.TryLock(full + ".lock", out Errno lockErr);
        if (lockFile is null)
        {
            throw new IOException(lockErr == Errno.EAGAIN
                ? $"control socket {full}: another teamfw daemon is running (it holds {full}.lock)"
                : $"control socket {full}: cannot lock {full}.lock: {ErrnoException.ErrnoName(lockErr)}");
        }

        try
        {
            CheckExisting(full);
            uint group = FileSystem.EffectiveGroup;
            UnixSeqPacket socket = BindAtomically(full, dir, group);
            return new ControlSocketFile(full, socket, lockFile, group);
        }
        catch
        {
            lockFile.Dispose();
            throw;
        }
    }

    private static void CheckExisting(string full)
    {
        FileAttributes attrs;
        try
        {
            attrs = File.GetAttributes(full);
        }
        catch (FileNotFoundException)
        {
            return;
        }
        catch (DirectoryNotFoundException)
        {
            return;
        }

        if ((attrs & (FileAttributes.Directory | FileAttributes.ReparsePoint)) != 0)
        {
            throw new IOException($"control socket {full}: the path exists and is a {((attrs & FileAttributes.Directory) != 0 ? "directory" : "symbolic link")}; not replacing it");
        }

        using UnixSeqPacket probe = UnixSeqPacket.Create(nonBlocking: true);
        Errno e = probe.Connect(full);
        if (e == Errno.OK || e == Errno.EAGAIN)
        {
            throw new IOException($"control socket {full}: a daemon is already listening on it");
        }

        // ECONNREFUSED (or a socket of another type): nobody listens; the stale file is replaced below.
    }

    private static UnixSeqPacket BindAtomically(string full, string dir, uint group)
    {
        string tmp = System.IO.Path.Combine(dir, "." + System.IO.Path.GetFileName(full) + "." + Posix.GetPid().ToString(CultureInfo.InvariantCulture) + ".tmp");
        FileSystem.Unlink(tmp);
        UnixSeqPacket socket = UnixSeqPacket.Create(nonBlocking: true);
        try
        {
            Check(socket.Bind(tmp), "bind", tmp);
            Check(FileSystem.Chmod(tmp, Mode), "chmod 0660", tmp);
            Check(FileSystem.ChangeGroup(tmp, group), "chown", tmp);
            Check(socket.Listen(Backlog), "listen", tmp);
            Check(FileSystem.Rename(tmp, full), "rename to " + full, tmp);
            return socket;
        }
        catch
        {
            socket.Dispose();
            FileSystem.Unlink(tmp);
            throw;
        }
    }

    private static void Check(Errno e, string what, string path)
    {
        if (e != Errno.OK)
        {
            throw new IOException($"control socket: {what} {path}: {ErrnoException.ErrnoName(e)}");
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Socket.Dispose();
        FileSystem.Unlink(Path);
        _lock.Dispose();
    }
}

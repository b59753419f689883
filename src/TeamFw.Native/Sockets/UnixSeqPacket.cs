// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using TeamFw.Native.Interop;
using static TeamFw.Native.Interop.Constants;

namespace TeamFw.Native.Sockets;

/// <summary>Who is on the other end of an AF_UNIX connection (SO_PEERCRED, SO_PEERGROUPS).</summary>
public sealed record PeerCredentials(int Pid, uint Uid, uint Gid, uint[] Groups)
{
    /// <summary>uid 0, or a member of <paramref name="group"/> (primary or supplementary).</summary>
    public bool IsRootOrMemberOf(uint group) => Uid == 0 || Gid == group || Array.IndexOf(Groups, group) >= 0;
}

/// <summary>
/// An AF_UNIX SOCK_SEQPACKET socket: one send is one message, kept whole, like a netlink datagram.
/// Receive and send return -errno instead of throwing.
/// </summary>
public sealed unsafe class UnixSeqPacket : UnixSocket
{
    private UnixSeqPacket(SafeFd fd) : base(fd)
    {
    }

    public static UnixSeqPacket Create(bool nonBlocking)
    {
        int fd = ErrnoException.Check(LinuxNative.socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC | (nonBlocking ? SOCK_NONBLOCK : 0), 0), "socket(AF_UNIX, SOCK_SEQPACKET)");
        return new UnixSeqPacket(new SafeFd(fd));
    }

    public Errno Bind(string path)
    {
        if (!TryAddress(path, out sockaddr_un sa))
        {
            return Errno.ENAMETOOLONG;
        }

        return LinuxNative.bind(Fd, &sa, (uint)sizeof(sockaddr_un)) == 0 ? Errno.OK : LinuxNative.LastErrno();
    }

    public Errno Listen(int backlog) => LinuxNative.listen(Fd, backlog) == 0 ? Errno.OK : LinuxNative.LastErrno();

    /// <summary>Accepts one pending connection (non-blocking, close-on-exec), or returns null with the errno (EAGAIN: none pending).</summary>
    public UnixSeqPacket? Accept(out Errno errno)
    {
        int fd = LinuxNative.accept4(Fd, null, null, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0)
        {
            errno = LinuxNative.LastErrno();
            return null;
        }

        errno = Errno.OK;
        return new UnixSeqPacket(new SafeFd(fd));
    }

    /// <summary>The peer's credentials at connect time and its supplementary groups (empty where SO_PEERGROUPS is missing).</summary>
    public PeerCredentials Peer()
    {
        ucred c = default;
        uint len = (uint)sizeof(ucred);
        ErrnoException.Check(LinuxNative.getsockopt(Fd, SOL_SOCKET, SO_PEERCRED, &c, &len), "getsockopt(SO_PEERCRED)");
        uint* groups = stackalloc uint[64];
        uint glen = 64 * sizeof(uint);
        uint[] list = LinuxNative.getsockopt(Fd, SOL_SOCKET, SO_PEERGROUPS, groups, &glen) == 0
            ? new ReadOnlySpan<uint>(groups, (int)(glen / sizeof(uint))).ToArray()
            : [];
        return new PeerCredentials(c.pid, c.uid, c.gid, list);
    }

    /// <summary>
    /// Receives one message into <paramref name="buffer"/>. Returns its full length (MSG_TRUNC: larger than the
    /// buffer when it did not fit; the rest is discarded), 0 at end of stream, or -errno.
    /// </summary>
    public int Receive(Span<byte> buffer, bool dontWait)
    {
        fixed (byte* p = buffer)
        {
            while (true)
            {
                nint n = LinuxNative.recv(Fd, p, (nuint)buffer.Length, MSG_TRUNC | (dontWait ? MSG_DONTWAIT : 0));
                if (n >= 0)
                {
                    return (int)n;
                }

                Errno e = LinuxNative.LastErrno();
                if (e != Errno.EINTR)
                {
                    return -(int)e;
                }
            }
        }
    }
}

// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Text;
using TeamFw.Native.Interop;
using static TeamFw.Native.Interop.Constants;

namespace TeamFw.Native.Sockets;

/// <summary>
/// An AF_UNIX socket addressed by a path: connect and send, for both kinds teamfw uses
/// (<see cref="UnixSeqPacket"/>, <see cref="UnixDatagram"/>). Sends never raise SIGPIPE (MSG_NOSIGNAL).
/// </summary>
public abstract unsafe class UnixSocket : FdOwner
{
    /// <summary>sizeof(sun_path) - 1: the longest path bind and connect accept.</summary>
    public const int MaxPathBytes = 107;

    private protected UnixSocket(SafeFd fd) : base(fd)
    {
    }

    public Errno Connect(string path)
    {
        if (!TryAddress(path, out sockaddr_un sa))
        {
            return Errno.ENAMETOOLONG;
        }

        while (true)
        {
            if (LinuxNative.connect(Fd, &sa, (uint)sizeof(sockaddr_un)) == 0)
            {
                return Errno.OK;
            }

            Errno e = LinuxNative.LastErrno();
            if (e != Errno.EINTR)
            {
                return e;
            }
        }
    }

    /// <summary>Sends one message. Returns the bytes sent or -errno (EAGAIN when the peer's queue is full and the socket is non-blocking).</summary>
    public int Send(ReadOnlySpan<byte> message, bool dontWait)
    {
        fixed (byte* p = message)
        {
            while (true)
            {
                nint n = LinuxNative.send(Fd, p, (nuint)message.Length, MSG_NOSIGNAL | (dontWait ? MSG_DONTWAIT : 0));
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

    private protected static bool TryAddress(string path, out sockaddr_un sa)
    {
        sa = default;
        sa.sun_family = AF_UNIX;
        int n = Encoding.UTF8.GetByteCount(path);
        if (n == 0 || n > MaxPathBytes)
        {
            return false;
        }

        fixed (byte* dst = sa.sun_path)
        {
            Encoding.UTF8.GetBytes(path, new Span<byte>(dst, 108));
        }

        return true;
    }
}

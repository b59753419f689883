// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using TeamFw.Native.Interop;
using static TeamFw.Native.Interop.Constants;

namespace TeamFw.Native.Sockets;

/// <summary>An AF_UNIX SOCK_DGRAM socket: what syslog(3) sends to /dev/log over.</summary>
public sealed class UnixDatagram : UnixSocket
{
    private UnixDatagram(SafeFd fd) : base(fd)
    {
    }

    public static UnixDatagram Create()
        => new(new SafeFd(ErrnoException.Check(LinuxNative.socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0), "socket(AF_UNIX, SOCK_DGRAM)")));
}

// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using TeamFw.Native.Interop;
using static TeamFw.Native.Interop.Constants;

namespace TeamFw.Native.Sockets;

/// <summary>A raw netlink socket (rtnetlink or generic netlink). The codec lives in TeamFw/Netlink.</summary>
public sealed unsafe class NetlinkSocket : FdOwner
{
    private NetlinkSocket(SafeFd fd, uint portId) : base(fd)
    {
        PortId = portId;
    }

    public uint PortId { get; }
    public static NetlinkSocket Open(int protocol, uint groups, bool nonBlocking)
    {
        int raw = ErrnoException.Check(LinuxNative.socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC | (nonBlocking ? SOCK_NONBLOCK : 0), protocol), "socket(AF_NETLINK)");
        var fd = new SafeFd(raw);
        try
        {
            int rcvbuf = 1024 * 1024;
            LinuxNative.setsockopt(raw, SOL_SOCKET, SO_RCVBUFFORCE, &rcvbuf, sizeof(int));
            int one = 1;
            LinuxNative.setsockopt(raw, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(int));
            var sa = default(sockaddr_nl);
            sa.nl_family = AF_NETLINK;
            sa.nl_groups = groups;
            ErrnoException.Check(LinuxNative.bind(raw, &sa, (uint)sizeof(sockaddr_nl)), "bind(AF_NETLINK)");
            uint len = (uint)sizeof(sockaddr_nl);
            ErrnoException.Check(LinuxNative.getsockname(raw, &sa, &len), "getsockname(AF_NETLINK)");
            return new NetlinkSocket(fd, sa.nl_pid);
        }
        catch
        {
            fd.Dispose();
            throw;
        }
    }

    public Errno Send(ReadOnlySpan<byte> message)
    {
        var sa = default(sockaddr_nl);
        sa.nl_family = AF_NETLINK;
        fixed (byte* p = message)
        {
            return LinuxNative.sendto(Fd, p, (nuint)message.Length, 0, &sa, (uint)sizeof(sockaddr_nl)) < 0 ? LinuxNative.LastErrno() : Errno.OK;
        }
    }

    /// <summary>NETLINK_ADD_MEMBERSHIP: receive the multicast group with this id (a genetlink group id from nlctrl).</summary>
    public void AddMembership(uint group)
    {
        ErrnoException.Check(LinuxNative.setsockopt(Fd, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, &group, sizeof(uint)), "setsockopt(NETLINK_ADD_MEMBERSHIP)");
    }

    /// <summary>Receives one datagram. Returns its length or -errno (EAGAIN when non-blocking and empty, ENOBUFS on overrun).</summary>
    public int Receive(Span<byte> buffer) => Recv(buffer, 0);
}

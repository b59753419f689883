// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;

namespace TeamFw.Native.Interop;

/// <summary>
/// Owns a <see cref="SafeFd"/> and holds a reference on it for its whole life, so the raw descriptor
/// handed to hot-path calls (poll, recv, sendmmsg) can never be closed and reused under them.
/// </summary>
public abstract class FdOwner : IDisposable
{
    private readonly SafeFd _fd;
    private bool _addRef;

    protected FdOwner(SafeFd fd)
    {
        _fd = fd;
        _fd.DangerousAddRef(ref _addRef);
        Fd = _fd.DangerousGetHandle().ToInt32();
    }

    /// <summary>The raw descriptor, valid until Dispose.</summary>
    public int Fd { get; }

    /// <summary>recv(2) into <paramref name="buffer"/>: the length received, or -errno.</summary>
    protected unsafe int Recv(Span<byte> buffer, int flags)
    {
        fixed (byte* p = buffer)
        {
            nint n = LinuxNative.recv(Fd, p, (nuint)buffer.Length, flags);
            return n >= 0 ? (int)n : -(int)LinuxNative.LastErrno();
        }
    }

    /// <summary>PACKET_ADD_MEMBERSHIP (PACKET_MR_MULTICAST with an address, or PACKET_MR_ALLMULTI / _PROMISC) on an
    /// AF_PACKET socket. The kernel drops it when the socket closes, so nothing is left behind.</summary>
    protected unsafe void AddPacketMembership(int ifIndex, string ifName, int type, ReadOnlySpan<byte> address)
    {
        var mreq = default(packet_mreq);
        mreq.mr_ifindex = ifIndex;
        mreq.mr_type = (ushort)type;
        mreq.mr_alen = (ushort)address.Length;
        for (int i = 0; i < address.Length && i < 8; i++)
        {
            mreq.mr_address[i] = address[i];
        }

        ErrnoException.Check(LinuxNative.setsockopt(Fd, Constants.SOL_PACKET, Constants.PACKET_ADD_MEMBERSHIP, &mreq, (uint)sizeof(packet_mreq)), "setsockopt(PACKET_ADD_MEMBERSHIP)", ifName);
    }

    /// <summary>Reads and clears the socket's pending error (SO_ERROR).</summary>
    protected unsafe Errno ClearSocketError()
    {
        int err = 0;
        uint len = sizeof(int);
        LinuxNative.getsockopt(Fd, Constants.SOL_SOCKET, Constants.SO_ERROR, &err, &len);
        return (Errno)err;
    }

    public virtual void Dispose()
    {
        if (_addRef)
        {
            _addRef = false;
            _fd.DangerousRelease();
        }

        _fd.Dispose();
        GC.SuppressFinalize(this);
    }
}

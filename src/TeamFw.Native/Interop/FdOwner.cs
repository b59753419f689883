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

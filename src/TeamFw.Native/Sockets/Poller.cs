// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Runtime.InteropServices;
using TeamFw.Native.Interop;
using static TeamFw.Native.Interop.Constants;

namespace TeamFw.Native.Sockets;

/// <summary>A fixed set of descriptors waited on with poll(2). Owned by one thread; no allocation per wait.</summary>
public sealed unsafe class Poller : IDisposable
{
    private pollfd* _fds;
    private readonly int _capacity;

    public Poller(int capacity)
    {
        _capacity = capacity;
        _fds = (pollfd*)NativeMemory.AllocZeroed((nuint)capacity, (nuint)sizeof(pollfd));
    }

    public int Count { get; private set; }

    /// <summary>Adds a descriptor; returns its index in the set.</summary>
    public int Add(int fd, bool readable = true, bool writable = false)
    {
        if (Count == _capacity)
        {
            throw new InvalidOperationException("poll set is full");
        }

        _fds[Count].fd = fd;
        _fds[Count].events = (short)((readable ? POLLIN : 0) | (writable ? POLLOUT : 0));
        _fds[Count].revents = 0;
        return Count++;
    }

    /// <summary>Empties the set (the descriptors are not closed).</summary>
    public void Reset() => Count = 0;

    /// <summary>Waits up to <paramref name="timeoutMs"/> (-1 forever). Returns the number of ready descriptors; EINTR counts as 0.</summary>
    public int Wait(int timeoutMs)
    {
        int n = LinuxNative.poll(_fds, (nuint)Count, timeoutMs);
        if (n < 0)
        {
            Errno e = LinuxNative.LastErrno();
            if (e == Errno.EINTR)
            {
                return 0;
            }

            ErrnoException.Throw(e, "poll");
        }

        return n;
    }

    public bool IsReadable(int index) => (_fds[index].revents & (POLLIN | POLLERR | POLLHUP)) != 0;
    public bool HasError(int index) => (_fds[index].revents & (POLLERR | POLLHUP)) != 0;

    public bool IsWritable(int index) => (_fds[index].revents & POLLOUT) != 0;
    public bool IsInvalid(int index) => (_fds[index].revents & POLLNVAL) != 0;

    public void Dispose()
    {
        if (_fds != null)
        {
            NativeMemory.Free(_fds);
            _fds = null;
        }
    }
}

/// <summary>An eventfd used to wake a thread blocked in poll.</summary>
public sealed unsafe class EventFd : FdOwner
{
    public EventFd() : base(new SafeFd(ErrnoException.Check(LinuxNative.eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC), "eventfd")))
    {
    }

    public void Signal()
    {
        ulong one = 1;
        LinuxNative.write(Fd, &one, 8);
    }

    public void Drain()
    {
        ulong v;
        LinuxNative.read(Fd, &v, 8);
    }
}

// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Runtime.InteropServices;
using TeamFw.Native.Interop;

namespace TeamFw.Native.Sockets;

/// <summary>
/// Fixed unmanaged slots for one transmit batch: the TAP is read into them and <see cref="TxQueue"/>
/// sends from them without copying. Owned by one thread; slots are reused after each batch is flushed.
/// </summary>
public sealed unsafe class FrameArena : IDisposable
{
    private byte* _base;

    public FrameArena(int slots, int slotSize)
    {
        if (slots <= 0 || slotSize <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(slots));
        }

        Slots = slots;
        SlotSize = slotSize;
        _base = (byte*)NativeMemory.AlignedAlloc((nuint)slots * (nuint)slotSize, 64);
    }

    public int Slots { get; }
    public int SlotSize { get; }

    public Span<byte> Slot(int index)
    {
        if ((uint)index >= (uint)Slots)
        {
            throw new ArgumentOutOfRangeException(nameof(index));
        }

        return new Span<byte>(_base + (nuint)index * (nuint)SlotSize, SlotSize);
    }

    internal byte* SlotPointer(int index) => _base + (nuint)index * (nuint)SlotSize;

    public void Dispose()
    {
        if (_base != null)
        {
            NativeMemory.AlignedFree(_base);
            _base = null;
        }
    }
}

/// <summary>A per-port batch of frames from a <see cref="FrameArena"/>, sent with one sendmmsg.</summary>
public sealed unsafe class TxQueue : IDisposable
{
    private readonly FrameArena _arena;
    private mmsghdr* _msgs;
    private iovec* _iov;
    private readonly int _capacity;

    public TxQueue(FrameArena arena)
    {
        _arena = arena;
        _capacity = arena.Slots;
        _msgs = (mmsghdr*)NativeMemory.AllocZeroed((nuint)_capacity, (nuint)sizeof(mmsghdr));
        _iov = (iovec*)NativeMemory.AllocZeroed((nuint)_capacity, (nuint)sizeof(iovec));
    }

    public int Count { get; private set; }

    /// <summary>Bytes queued, not counting virtio-net headers.</summary>
    public long Bytes { get; private set; }

    public void Add(int slot, int length, int headerLength)
    {
        int i = Count++;
        _iov[i].iov_base = _arena.SlotPointer(slot);
        _iov[i].iov_len = (nuint)length;
        _msgs[i].msg_hdr = default;
        _msgs[i].msg_hdr.msg_iov = &_iov[i];
        _msgs[i].msg_hdr.msg_iovlen = 1;
        Bytes += length - headerLength;
    }

    /// <summary>Sends the queued frames. Returns how many the kernel took; <paramref name="dropped"/> counts refused
    /// frames and <paramref name="error"/> is the last errno.</summary>
    public int Flush(int fd, out int dropped, out Errno error)
    {
        error = Errno.OK;
        dropped = 0;
        int done = 0;
        while (done < Count)
        {
            int n = LinuxNative.sendmmsg(fd, _msgs + done, (uint)(Count - done), 0);
            if (n < 0)
            {
                Errno e = LinuxNative.LastErrno();
                if (e == Errno.EINTR)
                {
                    continue;
                }

                error = e;
                dropped++;
                // Skip the frame the kernel refused (ENETDOWN, EMSGSIZE...) and keep the rest moving.
                done++;
                continue;
            }

            done += n;
        }

        int sent = done - dropped;
        Count = 0;
        Bytes = 0;
        return sent;
    }

    public void Clear()
    {
        Count = 0;
        Bytes = 0;
    }

    public void Dispose()
    {
        if (_msgs != null)
        {
            NativeMemory.Free(_msgs);
            NativeMemory.Free(_iov);
            _msgs = null;
            _iov = null;
        }
    }
}

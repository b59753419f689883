// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Runtime.InteropServices;
using TeamFw.Native.Interop;

namespace TeamFw.Native.Sockets;

/// <summary>
/// Fixed unmanaged slots for one transmit batch: the TAP is read into them and <see cref="TxQueue"/>
/// sends from them without copying. Slots hold ordinary frames; a larger one (a 64 KiB GSO frame)
/// continues into the single overflow buffer, so at most one such frame may be pending per batch.
/// This keeps the arena at ~130 KiB instead of 32 × 64 KiB of memory that GSO traffic would touch.
/// Owned by one thread; slots are reused after each batch is flushed.
/// </summary>
public sealed unsafe class FrameArena : IDisposable
{
    private byte* _base;
    private byte* _overflow;

    public FrameArena(int slots, int slotSize, int overflowSize)
    {
        if (slots <= 0 || slotSize <= 0 || overflowSize < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(slots));
        }

        Slots = slots;
        SlotSize = slotSize;
        OverflowSize = overflowSize;
        _base = (byte*)NativeMemory.AlignedAlloc((nuint)slots * (nuint)slotSize, 64);
        _overflow = (byte*)NativeMemory.AlignedAlloc((nuint)Math.Max(overflowSize, 64), 64);
    }

    public int Slots { get; }
    public int SlotSize { get; }
    public int OverflowSize { get; }

    /// <summary>The largest frame a slot plus the overflow can hold.</summary>
    public int MaxFrame => SlotSize + OverflowSize;

    public Span<byte> Overflow => new(_overflow, OverflowSize);

    internal byte* OverflowPointer => _overflow;

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
            NativeMemory.AlignedFree(_overflow);
            _base = null;
            _overflow = null;
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
        _iov = (iovec*)NativeMemory.AllocZeroed((nuint)_capacity * 2, (nuint)sizeof(iovec));
    }

    public int Count { get; private set; }

    /// <summary>Bytes queued, not counting virtio-net headers.</summary>
    public long Bytes { get; private set; }

    /// <summary>Frames the queue holds (one batch of the arena).</summary>
    public int Capacity => _capacity;

    /// <summary>Queues the frame in <paramref name="slot"/>; a frame longer than a slot continues in the overflow buffer.
    /// False, and nothing queued, when the queue is full (it is flushed every batch, so only a caller that
    /// forgot to flush it fills it).</summary>
    public bool Add(int slot, int length, int headerLength)
    {
        if (Count >= _capacity)
        {
            return false;
        }

        int i = Count++;
        iovec* iov = &_iov[2 * i];
        int first = Math.Min(length, _arena.SlotSize);
        iov[0].iov_base = _arena.SlotPointer(slot);
        iov[0].iov_len = (nuint)first;
        iov[1].iov_base = _arena.OverflowPointer;
        iov[1].iov_len = (nuint)(length - first);
        _msgs[i].msg_hdr = default;
        _msgs[i].msg_hdr.msg_iov = iov;
        _msgs[i].msg_hdr.msg_iovlen = length > first ? 2u : 1u;
        Bytes += length - headerLength;
        return true;
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

// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading;
using TeamFw.Native.Interop;
using static TeamFw.Native.Interop.Constants;

namespace TeamFw.Native.Rings;

/// <summary>What one <see cref="TxRing.Flush"/> did: frames the kernel took and their bytes, frames it did not take
/// (given back and counted as dropped) and theirs (bytes without virtio-net headers), and the errno of send().</summary>
public readonly record struct TxFlushResult(int Sent, long Bytes, int Dropped, long DroppedBytes, Errno Error);

/// <summary>
/// A mapped PACKET_TX_RING (TPACKET_V3, fixed-size frames; Documentation/networking/packet_mmap.rst).
/// <see cref="TryAdd"/> copies a frame into the next ring frame and marks it TP_STATUS_SEND_REQUEST;
/// <see cref="Flush"/> calls send() once, which makes the kernel (tpacket_snd) transmit the marked frames
/// from its own head in order, marking each TP_STATUS_SENDING and, when the skb is freed,
/// TP_STATUS_AVAILABLE again.
/// <para>
/// The kernel keeps its own head and only ever looks at the frame under it, so the two heads must never
/// drift apart: frames are filled strictly in ring order, a frame still in flight stops filling (the
/// ring is full, the frame is refused), and after each send() the frames the kernel did not take (no
/// socket buffer, device down) are given back and the head rewound to where the kernel stopped. A flush
/// therefore leaves nothing queued: like the sendmmsg path, a frame is either sent or dropped.
/// </para>
/// <para>
/// One thread owns the ring (the team's transmit thread). No other thread may call send() on the
/// socket: with a TX ring every send on it is a ring flush, whatever buffer it passes.
/// </para>
/// </summary>
public sealed unsafe class TxRing : IDisposable
{
    private const uint InFlight = TP_STATUS_SEND_REQUEST | TP_STATUS_SENDING | TP_STATUS_WRONG_FORMAT;
    private byte* _ring;
    private readonly bool _ownsMemory;
    private readonly uint _blockSize;
    private readonly uint _frameSize;
    private readonly uint _framesPerBlock;
    private readonly uint _frameCount;
    private readonly int _vnetHdrLen;
    private uint _first;   // the kernel's head: the first frame of the current batch
    private uint _pending; // frames marked SEND_REQUEST since the last flush, from _first on
    private long _sent;

    internal TxRing(byte* ring, TxRingGeometry geometry, int vnetHdrLen, bool ownsMemory = false)
    {
        _ring = ring;
        _ownsMemory = ownsMemory;
        _blockSize = geometry.BlockSize;
        _frameSize = geometry.FrameSize;
        _framesPerBlock = geometry.FramesPerBlock;
        _frameCount = geometry.FrameCount;
        _vnetHdrLen = vnetHdrLen;
        MaxFrameLength = geometry.MaxDataLength;
    }

    /// <summary>A ring over private zeroed memory, with no socket behind it: for tests of the frame walk
    /// (a test plays the kernel with <see cref="KernelTake"/>).</summary>
    internal static TxRing CreateDetached(TxRingGeometry geometry, int vnetHdrLen)
    {
        string? bad = geometry.Validate(Environment.SystemPageSize);
        if (bad is not null)
        {
            throw new ArgumentException(bad, nameof(geometry));
        }

        var mem = (byte*)NativeMemory.AlignedAlloc((nuint)geometry.TotalBytes, (nuint)Environment.SystemPageSize);
        NativeMemory.Clear(mem, (nuint)geometry.TotalBytes);
        return new TxRing(mem, geometry, vnetHdrLen, ownsMemory: true);
    }

    /// <summary>The most bytes one ring frame takes (virtio-net header included); larger frames must be sent otherwise.</summary>
    public int MaxFrameLength { get; }

    public int Capacity => (int)_frameCount;

    /// <summary>The ring frame size (header area included).</summary>
    public int FrameSize => (int)_frameSize;

    /// <summary>Frames queued since the last flush.</summary>
    public int Pending => (int)_pending;

    /// <summary>Frames the kernel took from this ring since it was created (read by any thread).</summary>
    public long Sent => Volatile.Read(ref _sent);

    /// <summary>
    /// Copies one frame (the virtio-net header first when the socket has PACKET_VNET_HDR) into the next
    /// ring frame and marks it for sending. False, and nothing queued, when the frame is longer than
    /// <see cref="MaxFrameLength"/> or the next ring frame is still in flight (ring full).
    /// </summary>
    public bool TryAdd(ReadOnlySpan<byte> frame)
    {
        if ((uint)frame.Length > (uint)MaxFrameLength || frame.Length < _vnetHdrLen || _pending >= _frameCount)
        {
            return false;
        }

        var hdr = (tpacket3_hdr*)Frame((_first + _pending) % _frameCount);
        if ((Volatile.Read(ref hdr->tp_status) & InFlight) != 0)
        {
            return false;
        }

        byte* data = (byte*)hdr + TxRingGeometry.DataOffset;
        frame.CopyTo(new Span<byte>(data, frame.Length));
        if (_vnetHdrLen >= sizeof(virtio_net_hdr) && ((virtio_net_hdr*)data)->gso_type == VIRTIO_NET_HDR_GSO_NONE)
        {
            // tpacket_snd copies max(hdr_len, hard_header_len) bytes into the skb and attaches the rest of
            // the ring frame as page fragments. A device that hands the skb on (veth, bridge, local
            // delivery) must then copy those fragments anyway (skb_orphan_frags: a page per frame); a
            // small frame is cheaper copied whole. hdr_len may be anything up to the frame length.
            ((virtio_net_hdr*)data)->hdr_len = (ushort)(frame.Length - _vnetHdrLen);
        }

        hdr->tp_next_offset = 0;
        hdr->tp_len = (uint)frame.Length;
        hdr->tp_snaplen = (uint)frame.Length;
        Volatile.Write(ref hdr->tp_status, TP_STATUS_SEND_REQUEST); // release: the data is visible first
        _pending++;
        return true;
    }

    /// <summary>
    /// Has the kernel send the queued frames (one send(), MSG_DONTWAIT), then settles the batch. A frame the kernel
    /// refuses (TP_STATUS_WRONG_FORMAT) is dropped and the frames after it are sent with another send().
    /// </summary>
    public TxFlushResult Flush(int fd)
    {
        int sent = 0, dropped = 0;
        long bytes = 0, droppedBytes = 0;
        Errno error = Errno.OK;
        while (_pending > 0)
        {
            Errno e = Errno.OK;
            while (LinuxNative.send(fd, null, 0, MSG_DONTWAIT) < 0)
            {
                e = LinuxNative.LastErrno();
                if (e != Errno.EINTR)
                {
                    break;
                }

                e = Errno.OK;
            }

            TxFlushResult r = Settle(e);
            sent += r.Sent;
            bytes += r.Bytes;
            dropped += r.Dropped;
            droppedBytes += r.DroppedBytes;
            error = r.Error != Errno.OK ? r.Error : error;
        }

        return new TxFlushResult(sent, bytes, dropped, droppedBytes, error);
    }

    /// <summary>
    /// Walks the batch after send(): the kernel took a prefix of it (those frames are SENDING, or already
    /// AVAILABLE again) and stopped at the first frame it left at SEND_REQUEST (no socket buffer, device
    /// down: that frame and the rest are given back and dropped) or marked WRONG_FORMAT (tpacket_snd without
    /// PACKET_LOSS: a frame longer than the port's MTU, a virtio-net header it rejects). Its head stays on the
    /// refused frame, so that one is dropped and the frames after it move down one ring frame, still queued
    /// (<see cref="Pending"/>) for the next send(). Returns what this send() did.
    /// </summary>
    internal TxFlushResult Settle(Errno error)
    {
        uint index = _first;
        uint taken = 0;
        long bytes = 0;
        uint status = TP_STATUS_AVAILABLE;
        for (; taken < _pending; taken++)
        {
            var hdr = (tpacket3_hdr*)Frame(index);
            status = Volatile.Read(ref hdr->tp_status);
            if ((status & (TP_STATUS_SEND_REQUEST | TP_STATUS_WRONG_FORMAT)) != 0)
            {
                break;
            }

            bytes += FrameBytes(index);
            index = (index + 1) % _frameCount;
        }

        _first = index;
        uint rest = _pending - taken;
        Volatile.Write(ref _sent, _sent + taken);
        if (rest > 0 && (status & TP_STATUS_WRONG_FORMAT) != 0)
        {
            long refused = FrameBytes(index);
            for (uint i = 1; i < rest; i++)
            {
                MoveFrame((index + i) % _frameCount, (index + i - 1) % _frameCount);
            }

            Volatile.Write(ref ((tpacket3_hdr*)Frame((index + rest - 1) % _frameCount))->tp_status, TP_STATUS_AVAILABLE);
            _pending = rest - 1;
            return new TxFlushResult((int)taken, bytes, 1, refused, error);
        }

        long given = 0;
        for (uint i = 0; i < rest; i++)
        {
            given += FrameBytes((index + i) % _frameCount);
            Volatile.Write(ref ((tpacket3_hdr*)Frame((index + i) % _frameCount))->tp_status, TP_STATUS_AVAILABLE);
        }

        _pending = 0;
        return new TxFlushResult((int)taken, bytes, (int)rest, given, error);
    }

    /// <summary>The bytes of the frame queued in ring frame <paramref name="index"/>, without its virtio-net header.</summary>
    private long FrameBytes(uint index) => ((tpacket3_hdr*)Frame(index))->tp_len - (uint)_vnetHdrLen;

    /// <summary>Copies a queued frame (length and data) into the ring frame before it and queues it there.</summary>
    private void MoveFrame(uint from, uint to)
    {
        var src = (tpacket3_hdr*)Frame(from);
        var dst = (tpacket3_hdr*)Frame(to);
        uint len = src->tp_len;
        Buffer.MemoryCopy((byte*)src + TxRingGeometry.DataOffset, (byte*)dst + TxRingGeometry.DataOffset, _frameSize - TxRingGeometry.DataOffset, len);
        dst->tp_next_offset = 0;
        dst->tp_len = len;
        dst->tp_snaplen = len;
        Volatile.Write(ref dst->tp_status, TP_STATUS_SEND_REQUEST);
    }

    /// <summary>Test hook: the status word of ring frame <paramref name="index"/>.</summary>
    internal uint StatusAt(int index) => Volatile.Read(ref ((tpacket3_hdr*)Frame((uint)index))->tp_status);

    /// <summary>Test hook: the data area of ring frame <paramref name="index"/> (tp_len bytes).</summary>
    internal ReadOnlySpan<byte> DataAt(int index)
    {
        var hdr = (tpacket3_hdr*)Frame((uint)index);
        return new ReadOnlySpan<byte>((byte*)hdr + TxRingGeometry.DataOffset, (int)hdr->tp_len);
    }

    /// <summary>Test hook playing tpacket_snd: takes up to <paramref name="count"/> frames from the kernel's
    /// head (SEND_REQUEST → SENDING), stopping at the first that is not SEND_REQUEST. Returns how many.</summary>
    internal int KernelTake(int count)
    {
        int n = 0;
        uint index = _first;
        while (n < count && StatusAt((int)index) == TP_STATUS_SEND_REQUEST)
        {
            Volatile.Write(ref ((tpacket3_hdr*)Frame(index))->tp_status, TP_STATUS_SENDING);
            index = (index + 1) % _frameCount;
            n++;
        }

        return n;
    }

    /// <summary>Test hook playing tpacket_snd refusing the frame at its head (WRONG_FORMAT) and stopping there.</summary>
    internal void KernelRefuse(int skipTaken = 0)
        => Volatile.Write(ref ((tpacket3_hdr*)Frame((_first + (uint)skipTaken) % _frameCount))->tp_status, TP_STATUS_WRONG_FORMAT);

    /// <summary>Test hook playing the skb destructor: frame <paramref name="index"/> becomes AVAILABLE.</summary>
    internal void KernelComplete(int index, uint status = TP_STATUS_AVAILABLE)
        => Volatile.Write(ref ((tpacket3_hdr*)Frame((uint)index))->tp_status, status);

    /// <summary>Where ring frame <paramref name="index"/> starts, from the start of the TX ring
    /// (packet_lookup_frame: frames never straddle blocks).</summary>
    internal static ulong FrameOffset(TxRingGeometry geometry, uint index)
        => FrameOffset(index, geometry.FramesPerBlock, geometry.BlockSize, geometry.FrameSize);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong FrameOffset(uint index, uint framesPerBlock, uint blockSize, uint frameSize)
        => (ulong)(index / framesPerBlock) * blockSize + (ulong)(index % framesPerBlock) * frameSize;

    private byte* Frame(uint index) => _ring + FrameOffset(index, _framesPerBlock, _blockSize, _frameSize);

    /// <summary>Forgets the ring memory (the socket's mapping is unmapped by its owner).</summary>
    public void Dispose()
    {
        if (_ring != null)
        {
            if (_ownsMemory)
            {
                NativeMemory.AlignedFree(_ring);
            }

            _ring = null;
        }
    }
}

// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Runtime.CompilerServices;
using System.Threading;
using TeamFw.Native.Interop;
using static TeamFw.Native.Interop.Constants;

namespace TeamFw.Native.Rings;

/// <summary>One received frame, a view into ring memory owned by the kernel once released.</summary>
public readonly ref struct RxFrame
{
    internal RxFrame(ReadOnlySpan<byte> frame, ReadOnlySpan<byte> withVnet, uint wireLength, uint status, byte packetType)
    {
        Data = frame;
        WithVnetHeader = withVnet;
        WireLength = wireLength;
        Status = status;
        PacketType = packetType;
    }

    /// <summary>The Ethernet frame from the destination MAC, <c>tp_snaplen</c> bytes.</summary>
    public ReadOnlySpan<byte> Data { get; }

    /// <summary>The virtio-net header followed by <see cref="Data"/>, or empty when the socket has no vnet header.</summary>
    public ReadOnlySpan<byte> WithVnetHeader { get; }

    /// <summary><c>tp_len</c>: the length on the wire; larger than Data.Length when the ring truncated it.</summary>
    public uint WireLength { get; }

    public uint Status { get; }

    /// <summary><c>sll_pkttype</c>: PACKET_HOST, _BROADCAST, _MULTICAST, _OTHERHOST or _OUTGOING.</summary>
    public byte PacketType { get; }

    public bool Truncated => Data.Length < WireLength;
}

/// <summary>
/// A mapped TPACKET_V3 receive ring. Blocks are handed back to the kernel lazily: a frame returned
/// by <see cref="TryNext"/> is valid until the next call to TryNext or <see cref="ReleaseAll"/>;
/// using it afterwards reads memory the kernel may be rewriting.
/// </summary>
public sealed unsafe class RxRing : IDisposable
{
    private byte* _map;
    private readonly nuint _mapLength;
    private readonly uint _blockSize;
    private readonly uint _blockCount;
    private readonly int _vnetHdrLen;
    private uint _block;          // current block index
    private bool _holding;        // current block is user-owned and being walked
    private uint _remaining;      // frames left in the current block
    private byte* _next;          // next frame header

    internal RxRing(byte* map, nuint mapLength, RingGeometry geometry, int vnetHdrLen)
    {
        _map = map;
        _mapLength = mapLength;
        _blockSize = geometry.BlockSize;
        _blockCount = geometry.BlockCount;
        _vnetHdrLen = vnetHdrLen;
    }

    /// <summary>Size of struct tpacket3_hdr rounded to TPACKET_ALIGNMENT: where sockaddr_ll starts.</summary>
    internal static int HeaderLength => (sizeof(tpacket3_hdr) + TPACKET_ALIGNMENT - 1) & ~(TPACKET_ALIGNMENT - 1);

    /// <summary>True when the current block still has frames or the next one is owned by user space.</summary>
    public bool HasData
    {
        get
        {
            if (_remaining > 0)
            {
                return true;
            }

            var desc = (tpacket_block_desc*)(_map + (nuint)(_holding ? (_block + 1) % _blockCount : _block) * _blockSize);
            return (Volatile.Read(ref desc->hdr.block_status) & TP_STATUS_USER) != 0;
        }
    }

    [SkipLocalsInit]
    public bool TryNext(out RxFrame frame)
    {
        while (_remaining == 0)
        {
            if (_holding)
            {
                ReleaseCurrent();
            }

            var desc = (tpacket_block_desc*)(_map + (nuint)_block * _blockSize);
            uint status = Volatile.Read(ref desc->hdr.block_status);
            if ((status & TP_STATUS_USER) == 0)
            {
                frame = default;
                return false;
            }

            _holding = true;
            _remaining = desc->hdr.num_pkts;
            uint first = desc->hdr.offset_to_first_pkt;
            if (first >= _blockSize)
            {
                // A corrupt block descriptor: give it back rather than walk outside the block.
                _remaining = 0;
                continue;
            }

            _next = (byte*)desc + first;
        }

        var hdr = (tpacket3_hdr*)_next;
        byte* blockStart = _map + (nuint)_block * _blockSize;
        byte* blockEnd = blockStart + _blockSize;
        _remaining--;
        _next = hdr->tp_next_offset != 0 ? _next + hdr->tp_next_offset : blockEnd;
        if (_next > blockEnd)
        {
            _remaining = 0;
        }

        byte* mac = (byte*)hdr + hdr->tp_mac;
        uint snap = hdr->tp_snaplen;
        if (mac + snap > blockEnd || mac - _vnetHdrLen < (byte*)hdr)
        {
            _remaining = 0;
            frame = new RxFrame(default, default, 1, hdr->tp_status, PACKET_HOST);
            return true;
        }

        var sll = (sockaddr_ll*)((byte*)hdr + HeaderLength);
        var data = new ReadOnlySpan<byte>(mac, (int)snap);
        var withVnet = _vnetHdrLen > 0 ? new ReadOnlySpan<byte>(mac - _vnetHdrLen, (int)snap + _vnetHdrLen) : default;
        frame = new RxFrame(data, withVnet, hdr->tp_len, hdr->tp_status, sll->sll_pkttype);
        return true;
    }

    /// <summary>Hands the block being walked back to the kernel, if any.</summary>
    public void ReleaseAll()
    {
        if (_holding)
        {
            ReleaseCurrent();
        }
    }

    private void ReleaseCurrent()
    {
        var desc = (tpacket_block_desc*)(_map + (nuint)_block * _blockSize);
        Volatile.Write(ref desc->hdr.block_status, TP_STATUS_KERNEL);
        _holding = false;
        _remaining = 0;
        _block = (_block + 1) % _blockCount;
    }

    public void Dispose()
    {
        if (_map != null)
        {
            byte* map = _map;
            _map = null;
            _next = null;
            LinuxNative.munmap(map, _mapLength);
        }
    }
}

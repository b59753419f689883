// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading;
using TeamFw.Native.Interop;
using static TeamFw.Native.Interop.Constants;

namespace TeamFw.Native.Rings;

/// <summary>One received frame, a view into ring memory owned by the kernel once released.</summary>
public readonly ref struct RxFrame
{
    private readonly Span<byte> _tagRoom;

    internal RxFrame(ReadOnlySpan<byte> frame, ReadOnlySpan<byte> withVnet, Span<byte> tagRoom, uint wireLength, uint status, byte packetType, ushort vlanTci, ushort vlanTpid)
    {
        Data = frame;
        WithVnetHeader = withVnet;
        _tagRoom = tagRoom;
        WireLength = wireLength;
        Status = status;
        PacketType = packetType;
        VlanTci = vlanTci;
        VlanTpid = vlanTpid;
    }

    /// <summary>The Ethernet frame from the destination MAC, <c>tp_snaplen</c> bytes (without the outer VLAN tag, see <see cref="HasVlanTag"/>).</summary>
    public ReadOnlySpan<byte> Data { get; }

    /// <summary>The virtio-net header followed by <see cref="Data"/>, or empty when the socket has no vnet header.</summary>
    public ReadOnlySpan<byte> WithVnetHeader { get; }

    /// <summary><c>tp_len</c>: the length on the wire; larger than Data.Length when the ring truncated it.</summary>
    public uint WireLength { get; }

    public uint Status { get; }

    /// <summary><c>sll_pkttype</c>: PACKET_HOST, _BROADCAST, _MULTICAST, _OTHERHOST or _OUTGOING.</summary>
    public byte PacketType { get; }

    public bool Truncated => Data.Length < WireLength;

    /// <summary>
    /// The frame came with an outer 802.1Q/802.1ad tag, which the kernel took off (skb_vlan_untag, before any
    /// packet socket sees the frame) and reported as <see cref="VlanTci"/> and <see cref="VlanTpid"/>
    /// (TP_STATUS_VLAN_VALID). <see cref="Data"/> continues with the inner ethertype — or an inner tag.
    /// </summary>
    public bool HasVlanTag => (Status & TP_STATUS_VLAN_VALID) != 0;

    /// <summary><c>tp_vlan_tci</c>: priority (3 bits), DEI (1 bit) and VLAN id (12 bits) of the outer tag.</summary>
    public ushort VlanTci { get; }

    /// <summary><c>tp_vlan_tpid</c> (0x8100 802.1Q, 0x88a8 802.1ad), or 0x8100 from a kernel that does not say (TP_STATUS_VLAN_TPID_VALID, Linux 3.14).</summary>
    public ushort VlanTpid { get; }

    /// <summary>
    /// Puts the outer tag back, TPID and TCI as received, in place in the ring: the 12 address bytes (and the
    /// virtio-net header before them) move 4 bytes towards the headroom the ring leaves before every frame
    /// (PACKET_RESERVE), so the frame itself is not copied. The virtio-net header's <c>csum_start</c> and
    /// <c>hdr_len</c> count from the destination MAC and grow by the tag, as tun_put_user does when it puts a
    /// tag back. Returns the tagged frame (with the vnet header when <paramref name="withVnetHeader"/>), or an
    /// empty span when the ring left no headroom. Call once per frame; <see cref="Data"/> is stale afterwards.
    /// </summary>
    public ReadOnlySpan<byte> RestoreVlanTag(bool withVnetHeader)
    {
        Span<byte> room = _tagRoom;
        if (room.IsEmpty)
        {
            return default;
        }

        int vnet = WithVnetHeader.IsEmpty ? 0 : WithVnetHeader.Length - Data.Length;
        room.Slice(VlanTagLength, vnet + 2 * ETH_ALEN).CopyTo(room);
        BinaryPrimitives.WriteUInt16BigEndian(room[(vnet + 2 * ETH_ALEN)..], VlanTpid);
        BinaryPrimitives.WriteUInt16BigEndian(room[(vnet + 2 * ETH_ALEN + 2)..], VlanTci);
        if (vnet >= VnetCsumStartOffset + 2)
        {
            if ((room[0] & VIRTIO_NET_HDR_F_NEEDS_CSUM) != 0)
            {
                Grow(room[VnetCsumStartOffset..]);
            }

            if (BinaryPrimitives.ReadUInt16LittleEndian(room[VnetHdrLenOffset..]) != 0)
            {
                Grow(room[VnetHdrLenOffset..]);
            }
        }

        return withVnetHeader ? room : room[vnet..];

        static void Grow(Span<byte> le16) => BinaryPrimitives.WriteUInt16LittleEndian(le16, (ushort)(BinaryPrimitives.ReadUInt16LittleEndian(le16) + VlanTagLength));
    }

    internal const int VlanTagLength = 4;

    // struct virtio_net_hdr: flags, gso_type, hdr_len (le16 at 2), gso_size, csum_start (le16 at 6), csum_offset.
    private const int VnetHdrLenOffset = 2;
    private const int VnetCsumStartOffset = 6;
}

/// <summary>
/// A mapped TPACKET_V3 receive ring. Blocks are handed back to the kernel lazily: a frame returned
/// by <see cref="TryNext"/> is valid until the next call to TryNext or <see cref="ReleaseAll"/>;
/// using it afterwards reads memory the kernel may be rewriting.
/// </summary>
public sealed unsafe partial class RxRing : IDisposable
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
        if (mac + snap > blockEnd || mac - _vnetHdrLen < (byte*)hdr + HeaderLength + sizeof(sockaddr_ll))
        {
            _remaining = 0;
            frame = new RxFrame(default, default, default, 1, hdr->tp_status, PACKET_HOST, 0, 0);
            return true;
        }

        var sll = (sockaddr_ll*)((byte*)hdr + HeaderLength);
        uint frameStatus = hdr->tp_status;
        var data = new ReadOnlySpan<byte>(mac, (int)snap);
        var withVnet = _vnetHdrLen > 0 ? new ReadOnlySpan<byte>(mac - _vnetHdrLen, (int)snap + _vnetHdrLen) : default;

        // Room for the outer VLAN tag: the gap between the sockaddr_ll and the frame (or its vnet header),
        // at least PACKET_RESERVE bytes (tpacket_rcv: netoff = TPACKET_ALIGN(tp_hdrlen + max(maclen, 16)) + tp_reserve).
        Span<byte> tagRoom = default;
        ushort tci = 0, tpid = 0;
        if ((frameStatus & TP_STATUS_VLAN_VALID) != 0)
        {
            tci = (ushort)hdr->hv1.tp_vlan_tci;
            tpid = (frameStatus & TP_STATUS_VLAN_TPID_VALID) != 0 ? hdr->hv1.tp_vlan_tpid : ETH_P_8021Q;
            byte* start = mac - _vnetHdrLen - RxFrame.VlanTagLength;
            if (snap >= 2 * ETH_ALEN && start >= (byte*)sll + sizeof(sockaddr_ll))
            {
                tagRoom = new Span<byte>(start, (int)snap + _vnetHdrLen + RxFrame.VlanTagLength);
            }
        }

        frame = new RxFrame(data, withVnet, tagRoom, hdr->tp_len, frameStatus, sll->sll_pkttype, tci, tpid);
        return true;
    }

    /// <summary>Hands the block being walked back to the kernel once every frame in it has been read.</summary>
    public void ReleaseIfRead()
    {
        if (_holding && _remaining == 0)
        {
            ReleaseCurrent();
        }
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
            if (_ownsMemory)
            {
                NativeMemory.AlignedFree(map);
            }
            else
            {
                LinuxNative.munmap(map, _mapLength);
            }
        }
    }
}

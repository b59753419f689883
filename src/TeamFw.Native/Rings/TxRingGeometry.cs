// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using TeamFw.Native.Interop;
using static TeamFw.Native.Interop.Constants;

namespace TeamFw.Native.Rings;

/// <summary>
/// PACKET_TX_RING geometry for a TPACKET_V3 socket. Unlike the receive ring, transmit frames have a
/// fixed size (tpacket_snd refuses <c>tp_next_offset != 0</c>); the kernel places frame i of block b at
/// <c>b * BlockSize + i * FrameSize</c> and never lets a frame straddle blocks (packet_set_ring checks:
/// block size page-aligned, frame size a multiple of TPACKET_ALIGNMENT and at least TPACKET3_HDRLEN,
/// <c>tp_frame_nr == frames_per_block * tp_block_nr</c>). Frame data starts at <see cref="DataOffset"/>
/// (TPACKET3_HDRLEN - sizeof(struct sockaddr_ll)) unless PACKET_TX_HAS_OFF is set, which teamfw does not use.
/// </summary>
public readonly record struct TxRingGeometry(uint BlockSize, uint BlockCount, uint FrameSize)
{
    public const uint DefaultBlockSize = 64 * 1024;
    public const uint DefaultBlockCount = 4;

    /// <summary>Holds a 1500-byte-MTU frame with a VLAN tag and a virtio-net header; larger (GSO) frames
    /// are sent with sendmmsg on the port's plain socket instead.</summary>
    public const uint DefaultFrameSize = 2048;

    /// <summary>The smallest frame accepted: header area plus a virtio-net header and a 60-byte frame, aligned.</summary>
    public const uint MinFrameSize = 128;

    public static TxRingGeometry Default => new(DefaultBlockSize, DefaultBlockCount, DefaultFrameSize);

    /// <summary>Where the frame data (the virtio-net header, when enabled, then the Ethernet frame) starts in a ring frame.</summary>
    public static unsafe int DataOffset => TPACKET3_HDRLEN - sizeof(sockaddr_ll);

    public uint FramesPerBlock => FrameSize == 0 ? 0 : BlockSize / FrameSize;

    public uint FrameCount => FramesPerBlock * BlockCount;

    public ulong TotalBytes => (ulong)BlockSize * BlockCount;

    /// <summary>The most bytes (virtio-net header included) one ring frame carries.</summary>
    public int MaxDataLength => (int)FrameSize - DataOffset;

    /// <summary>Returns null when the geometry is valid for the given page size, else the reason.</summary>
    public string? Validate(int pageSize)
    {
        if (pageSize <= 0)
        {
            return $"page size {pageSize} is not positive";
        }

        if (FrameSize % TPACKET_ALIGNMENT != 0)
        {
            return $"frame_size {FrameSize} must be a multiple of {TPACKET_ALIGNMENT} (TPACKET_ALIGNMENT)";
        }

        if (FrameSize < MinFrameSize)
        {
            return $"frame_size {FrameSize} is below the minimum of {MinFrameSize}";
        }

        string? bad = RingGeometry.CheckBlockSize(BlockSize, pageSize);
        if (bad is not null)
        {
            return bad;
        }

        if (FrameSize > BlockSize || BlockSize % FrameSize != 0)
        {
            return $"block_size {BlockSize} must hold a whole number of {FrameSize}-byte frames";
        }

        if (BlockCount < 1 || BlockCount > 1024)
        {
            return $"block_count {BlockCount} must be between 1 and 1024";
        }

        if (TotalBytes > 256UL * 1024 * 1024)
        {
            return $"ring of {TotalBytes} bytes exceeds 256 MiB";
        }

        return null;
    }
}

// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

namespace TeamFw.Native.Rings;

/// <summary>
/// TPACKET_V3 receive ring geometry (Documentation/networking/packet_mmap.rst):
/// the block size must be a multiple of the page size and a power of two multiple of it,
/// the block count 2 to 1024; frames are variable-sized inside blocks.
/// </summary>
public readonly record struct RingGeometry(uint BlockSize, uint BlockCount, uint RetireTimeoutMs)
{
    public const uint DefaultBlockSize = 128 * 1024; // holds one 64 KiB GSO frame plus headers
    public const uint DefaultBlockCount = 4;
    public const uint DefaultRetireTimeoutMs = 1;
    public const uint FrameSize = 2048; // only used for tp_frame_nr accounting in V3

    public static RingGeometry Default => new(DefaultBlockSize, DefaultBlockCount, DefaultRetireTimeoutMs);

    public ulong TotalBytes => (ulong)BlockSize * BlockCount;

    /// <summary>Returns null when the geometry is valid for the given page size, else the reason.</summary>
    public string? Validate(int pageSize)
    {
        if (pageSize <= 0)
        {
            return $"page size {pageSize} is not positive";
        }

        string? bad = CheckBlockSize(BlockSize, pageSize);
        if (bad is not null)
        {
            return bad;
        }

        if (BlockCount < 2 || BlockCount > 1024)
        {
            return $"block_count {BlockCount} must be between 2 and 1024";
        }

        if (TotalBytes > 256UL * 1024 * 1024)
        {
            return $"ring of {TotalBytes} bytes exceeds 256 MiB";
        }

        return null;
    }

    /// <summary>A ring block (RX or TX): a page multiple, a power of two (the kernel allocates 2^order
    /// pages per block anyway), at most 4 MiB. Null when valid, else the reason.</summary>
    internal static string? CheckBlockSize(uint blockSize, int pageSize)
    {
        if (blockSize < (uint)pageSize || blockSize % (uint)pageSize != 0)
        {
            return $"block_size {blockSize} must be a multiple of the page size ({pageSize})";
        }

        if ((blockSize & (blockSize - 1)) != 0)
        {
            return $"block_size {blockSize} must be a power of two";
        }

        if (blockSize > 4u * 1024 * 1024)
        {
            return $"block_size {blockSize} exceeds 4 MiB";
        }

        return null;
    }
}

// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using TeamFw.Native.Rings;
using Xunit;

namespace TeamFw.Native.Tests.Rings;

public sealed class TxRingGeometryTests
{
    private const int Page4K = 4096;
    private const int Page64K = 65536;

    [Theory]
    [InlineData(Page4K)]
    [InlineData(16384)]
    [InlineData(Page64K)]
    public void Validate_Default_IsValid(int pageSize)
    {
        Assert.Null(TxRingGeometry.Default.Validate(pageSize));
    }

    [Fact]
    public void Default_Is128FramesOf2048Bytes()
    {
        TxRingGeometry g = TxRingGeometry.Default;

        Assert.Equal(32u, g.FramesPerBlock);
        Assert.Equal(128u, g.FrameCount);
        Assert.Equal(256UL * 1024, g.TotalBytes);
    }

    [Fact]
    public void DataOffset_IsTpacket3HdrlenWithoutSockaddrLl()
    {
        // TPACKET_ALIGN(sizeof(struct tpacket3_hdr)) = 48: where tpacket_parse_header finds the data.
        Assert.Equal(48, TxRingGeometry.DataOffset);
        Assert.Equal(2048 - 48, TxRingGeometry.Default.MaxDataLength);
    }

    [Theory]
    [InlineData(2040u)]
    [InlineData(2049u)]
    [InlineData(1000u)]
    public void Validate_FrameSizeNotAligned_Rejected(uint frameSize)
    {
        Assert.Equal($"frame_size {frameSize} must be a multiple of 16 (TPACKET_ALIGNMENT)",
            new TxRingGeometry(65536, 4, frameSize).Validate(Page4K));
    }

    [Theory]
    [InlineData(0u)]
    [InlineData(64u)]
    [InlineData(112u)]
    public void Validate_FrameTooSmall_Rejected(uint frameSize)
    {
        Assert.Equal($"frame_size {frameSize} is below the minimum of 128", new TxRingGeometry(65536, 4, frameSize).Validate(Page4K));
    }

    [Theory]
    [InlineData(2048u, Page4K)]
    [InlineData(6144u, Page4K)]
    [InlineData(16384u, Page64K)]
    public void Validate_BlockSizeNotPageMultiple_NamesPageSize(uint blockSize, int pageSize)
    {
        Assert.Equal($"block_size {blockSize} must be a multiple of the page size ({pageSize})",
            new TxRingGeometry(blockSize, 4, 1024).Validate(pageSize));
    }

    [Fact]
    public void Validate_BlockSizeNotPowerOfTwo_Rejected()
    {
        Assert.Equal("block_size 12288 must be a power of two", new TxRingGeometry(12288, 4, 2048).Validate(Page4K));
    }

    [Fact]
    public void Validate_BlockSizeOver4MiB_Rejected()
    {
        Assert.Equal("block_size 8388608 exceeds 4 MiB", new TxRingGeometry(8u * 1024 * 1024, 4, 2048).Validate(Page4K));
    }

    [Theory]
    [InlineData(4096u, 1536u)] // 2.67 frames per block: the kernel would leave a hole, teamfw refuses
    [InlineData(4096u, 8192u)] // no frame fits
    [InlineData(65536u, 1520u)]
    public void Validate_FramesPerBlockNotWhole_Rejected(uint blockSize, uint frameSize)
    {
        Assert.Equal($"block_size {blockSize} must hold a whole number of {frameSize}-byte frames",
            new TxRingGeometry(blockSize, 4, frameSize).Validate(Page4K));
    }

    [Theory]
    [InlineData(0u, false)]
    [InlineData(1u, true)]
    [InlineData(1024u, true)]
    [InlineData(1025u, false)]
    public void Validate_BlockCount_Between1And1024(uint blockCount, bool valid)
    {
        string? error = new TxRingGeometry(Page4K, blockCount, 2048).Validate(Page4K);

        Assert.Equal(valid ? null : $"block_count {blockCount} must be between 1 and 1024", error);
    }

    [Fact]
    public void Validate_RingOver256MiB_Rejected()
    {
        var g = new TxRingGeometry(4u * 1024 * 1024, 65, 2048);

        Assert.Equal($"ring of {g.TotalBytes} bytes exceeds 256 MiB", g.Validate(Page4K));
    }

    [Fact]
    public void Validate_NonPositivePageSize_Rejected()
    {
        Assert.Equal("page size 0 is not positive", TxRingGeometry.Default.Validate(0));
    }

    [Theory]
    [InlineData(0u, 0UL)]
    [InlineData(1u, 2048UL)]
    [InlineData(31u, 31UL * 2048)]
    [InlineData(32u, 65536UL)]      // first frame of block 1
    [InlineData(127u, 3UL * 65536 + 31 * 2048)]
    public void FrameOffset_WalksBlocksThenFrames(uint index, ulong offset)
    {
        Assert.Equal(offset, TxRing.FrameOffset(TxRingGeometry.Default, index));
    }

    [Fact]
    public void FrameOffset_LeavesNoFrameStraddlingABlock()
    {
        var g = new TxRingGeometry(8192, 3, 1024);
        for (uint i = 0; i < g.FrameCount; i++)
        {
            ulong start = TxRing.FrameOffset(g, i);
            Assert.Equal(start / g.BlockSize, (start + g.FrameSize - 1) / g.BlockSize);
            Assert.True(start + g.FrameSize <= g.TotalBytes);
        }
    }
}

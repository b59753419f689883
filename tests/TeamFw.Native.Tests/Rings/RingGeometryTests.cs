// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using TeamFw.Native.Rings;
using Xunit;

namespace TeamFw.Native.Tests.Rings;

public sealed class RingGeometryTests
{
    private const int Page4K = 4096;
    private const int Page64K = 65536; // arm64 kernels built with CONFIG_ARM64_64K_PAGES

    [Theory]
    [InlineData(Page4K)]
    [InlineData(16384)]
    [InlineData(Page64K)]
    public void Validate_Default_IsValid(int pageSize)
    {
        Assert.Null(RingGeometry.Default.Validate(pageSize));
    }

    [Fact]
    public void TotalBytes_IsBlockSizeTimesCount()
    {
        Assert.Equal(512UL * 1024, RingGeometry.Default.TotalBytes);
        Assert.Equal(4UL * 1024 * 1024 * 1024, new RingGeometry(4u * 1024 * 1024, 1024, 1).TotalBytes);
    }

    [Theory]
    [InlineData(0u, Page4K)]
    [InlineData(2048u, Page4K)]
    [InlineData(6144u, Page4K)]
    [InlineData(4096u, Page64K)]
    [InlineData(131072u + 4096u, Page64K)]
    public void Validate_BlockSizeNotPageMultiple_NamesPageSize(uint blockSize, int pageSize)
    {
        string? error = new RingGeometry(blockSize, 4, 1).Validate(pageSize);

        Assert.Equal($"block_size {blockSize} must be a multiple of the page size ({pageSize})", error);
    }

    [Theory]
    [InlineData(3u * 4096)]
    [InlineData(5u * 4096)]
    [InlineData(96u * 1024)]
    public void Validate_PageMultipleNotPowerOfTwo_Rejected(uint blockSize)
    {
        Assert.Equal($"block_size {blockSize} must be a power of two", new RingGeometry(blockSize, 4, 1).Validate(Page4K));
    }

    [Theory]
    [InlineData(4096u, true)]
    [InlineData(4u * 1024 * 1024, true)]
    [InlineData(8u * 1024 * 1024, false)]
    public void Validate_BlockSize_CappedAt4MiB(uint blockSize, bool valid)
    {
        string? error = new RingGeometry(blockSize, 4, 1).Validate(Page4K);

        Assert.Equal(valid ? null : $"block_size {blockSize} exceeds 4 MiB", error);
    }

    [Theory]
    [InlineData(0u, false)]
    [InlineData(1u, false)]
    [InlineData(2u, true)]
    [InlineData(1024u, true)]
    [InlineData(1025u, false)]
    public void Validate_BlockCount_Between2And1024(uint blockCount, bool valid)
    {
        string? error = new RingGeometry(Page4K, blockCount, 1).Validate(Page4K);

        Assert.Equal(valid ? null : $"block_count {blockCount} must be between 2 and 1024", error);
    }

    [Theory]
    [InlineData(256u * 1024, 1024u, true)] // exactly 256 MiB
    [InlineData(512u * 1024, 1024u, false)]
    [InlineData(4u * 1024 * 1024, 65u, false)]
    public void Validate_Ring_CappedAt256MiB(uint blockSize, uint blockCount, bool valid)
    {
        var geometry = new RingGeometry(blockSize, blockCount, 1);

        Assert.Equal(valid ? null : $"ring of {geometry.TotalBytes} bytes exceeds 256 MiB", geometry.Validate(Page4K));
    }
}
